"""Every field of the GUI forms refuses, inline and before saving, what RULES.md
section 2 refuses (issue 5, promise 6): the message sits next to the field and OK
stays disabled."""

from __future__ import annotations

from datetime import date

import pytest

from ccdesktop.domain.records import Staff
from ccdesktop.gui.dialogs.entry_dialog import EntryDialog
from ccdesktop.gui.dialogs.staff_dialog import StaffDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def ana(session) -> Staff:  # type: ignore[no-untyped-def]
    staff = session.db.add_staff(Staff(first_name="Ana", last_name="Lopez", mopd_id="100001"))
    session.notify_changed()
    return staff


def entry_dialog(qtbot, session, staff: Staff) -> EntryDialog:  # type: ignore[no-untyped-def]
    dialog = EntryDialog(session, staff_ids=[staff.id])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.title_edit, "Safe Sleep")
    dialog.date_edit.set_value(date(2025, 3, 4))
    qtbot.keyClicks(dialog.hours_edit, "1")
    assert dialog.ok_button.isEnabled(), dialog.problems()
    return dialog


@pytest.mark.parametrize("hours", ["0", "-1", "24.01", "25", "1.555", "abc", "1e1", "NaN", " "])
def test_entry_hours_outside_section2_are_refused(qtbot, session, ana, hours: str) -> None:
    dialog = entry_dialog(qtbot, session, ana)
    dialog.hours_edit.clear()
    qtbot.keyClicks(dialog.hours_edit, hours)
    assert "clock_hours" in dialog.problems()
    assert not dialog.ok_button.isEnabled()


@pytest.mark.parametrize("hours", ["0.01", "0.25", "1.5", "24"])
def test_entry_hours_inside_section2_are_accepted(qtbot, session, ana, hours: str) -> None:
    dialog = entry_dialog(qtbot, session, ana)
    dialog.hours_edit.clear()
    qtbot.keyClicks(dialog.hours_edit, hours)
    assert "clock_hours" not in dialog.problems()
    assert dialog.ok_button.isEnabled()


def test_entry_title_is_required(qtbot, session, ana) -> None:
    dialog = entry_dialog(qtbot, session, ana)
    dialog.title_edit.clear()
    qtbot.keyClicks(dialog.title_edit, "   ")
    assert "title" in dialog.problems()
    assert not dialog.ok_button.isEnabled()


@pytest.mark.parametrize(
    ("start", "end"),
    [("10:00", "10:00"), ("10:00", "9:59"), ("25:00", ""), ("", "13:00 PM"), ("noon", "")],
)
def test_entry_times_outside_section2_are_refused(
    qtbot, session, ana, start: str, end: str
) -> None:
    dialog = entry_dialog(qtbot, session, ana)
    qtbot.keyClicks(dialog.start_edit, start)
    qtbot.keyClicks(dialog.end_edit, end)
    assert set(dialog.problems()) & {"start_time", "end_time", "times"}, dialog.problems()
    assert not dialog.ok_button.isEnabled()


def test_one_time_alone_is_allowed_with_a_warning_only(qtbot, session, ana) -> None:
    dialog = entry_dialog(qtbot, session, ana)
    qtbot.keyClicks(dialog.start_edit, "9:00 AM")
    assert dialog.ok_button.isEnabled()


def test_elearning_enrolled_after_completion_is_refused(qtbot, session, ana) -> None:
    dialog = entry_dialog(qtbot, session, ana)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("online_module"))
    qtbot.keyClicks(dialog.enrolled_edit, "3/5/2025")  # the day after completion
    assert "enrolled_on" in dialog.problems()
    assert not dialog.ok_button.isEnabled()


def staff_dialog(qtbot, session) -> StaffDialog:  # type: ignore[no-untyped-def]
    dialog = StaffDialog(session, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.first_name_edit, "Bo")
    qtbot.keyClicks(dialog.last_name_edit, "Diaz")
    assert dialog.ok_button.isEnabled(), dialog.problems()
    return dialog


@pytest.mark.parametrize("field", ["first_name_edit", "last_name_edit"])
def test_staff_names_are_required(qtbot, session, field: str) -> None:
    dialog = staff_dialog(qtbot, session)
    getattr(dialog, field).clear()
    qtbot.keyClicks(getattr(dialog, field), "  ")
    assert field.removesuffix("_edit") in dialog.problems()
    assert not dialog.ok_button.isEnabled()


def test_staff_mopd_id_must_be_unique(qtbot, session, ana) -> None:
    dialog = staff_dialog(qtbot, session)
    qtbot.keyClicks(dialog.mopd_edit, ana.mopd_id)
    assert "Ana Lopez" in dialog.problems()["mopd_id"]
    assert not dialog.ok_button.isEnabled()


def test_staff_end_date_before_hire_date_is_refused(qtbot, session) -> None:
    dialog = staff_dialog(qtbot, session)
    dialog.hire_edit.set_value(date(2025, 6, 1))
    dialog.end_edit.set_value(date(2025, 5, 31))
    assert "end_date" in dialog.problems()
    assert not dialog.ok_button.isEnabled()
    dialog.end_edit.set_value(date(2025, 6, 1))  # leaving on the hire day is possible
    assert dialog.ok_button.isEnabled()
