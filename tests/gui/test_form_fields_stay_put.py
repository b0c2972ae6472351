"""Issue 12: a message appearing under a field (or going) moves no field of the staff
and training forms; each field that can be wrong keeps a line's room under it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QWidget

from ccdesktop.domain.records import Staff
from ccdesktop.gui.dialogs.entry_dialog import EntryDialog
from ccdesktop.gui.dialogs.staff_dialog import EndDateDialog, StaffDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def geometries(dialog: QDialog) -> dict[str, QRect]:
    """Every field and button of ``dialog``, where it is drawn in the dialog."""
    QApplication.sendPostedEvents()  # the layout is redone by a posted request
    QApplication.processEvents()
    found: dict[str, QRect] = {}
    for widget in dialog.findChildren(QWidget):
        name = widget.objectName()
        if name.endswith("Field") or isinstance(widget, QAbstractButton):
            key = name or f"{type(widget).__name__}:{getattr(widget, 'text', lambda: '')()}"
            found[key] = QRect(widget.mapTo(dialog, widget.rect().topLeft()), widget.size())
    return found


def moved(before: dict[str, QRect], after: dict[str, QRect]) -> dict[str, tuple[QRect, QRect]]:
    return {k: (before[k], after[k]) for k in before if after.get(k) != before[k]}


@pytest.fixture
def ana(session) -> Staff:  # type: ignore[no-untyped-def]
    staff = session.db.add_staff(Staff(first_name="Ana", last_name="Lopez", mopd_id="100001"))
    session.notify_changed()
    return staff


def test_training_form_fields_stay_put_as_messages_come_and_go(qtbot, session, ana) -> None:
    dialog = EntryDialog(session, staff_ids=[ana.id])  # type: ignore[list-item]
    qtbot.addWidget(dialog)
    # the size it opens at on a 1366x768 screen (the suite's screen may be smaller when
    # another test made the application first); narrower, a message may need two lines
    dialog.resize(880, 560)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.title_edit, "Safe Sleep")
    qtbot.keyClicks(dialog.hours_edit, "2")
    dialog.date_edit.set_value(date(2025, 3, 4))
    assert dialog.problems() == {}
    start = geometries(dialog)
    assert len(start) > 10

    # a date being typed is not a date at most keystrokes
    dialog.date_edit.line_edit.clear()
    qtbot.keyClicks(dialog.date_edit.line_edit, "3/")
    assert "completed_on" in dialog.problems()
    assert moved(start, geometries(dialog)) == {}
    qtbot.keyClicks(dialog.date_edit.line_edit, "4/2025")
    assert dialog.problems() == {}
    assert moved(start, geometries(dialog)) == {}
    # the note on a date in the future (two lines where the form is narrow)
    dialog.date_edit.set_value(date.today().replace(year=date.today().year + 1, day=28))
    assert "completed_on" in dialog.warnings()
    assert moved(start, geometries(dialog)) == {}
    dialog.date_edit.set_value(date(2025, 3, 4))

    # several at once: the title, a time, the hours
    dialog.title_edit.clear()
    qtbot.keyClicks(dialog.start_edit, "9:")
    qtbot.keyClicks(dialog.hours_edit, "x")
    assert {"title", "start_time", "clock_hours"} <= set(dialog.problems())
    assert moved(start, geometries(dialog)) == {}

    # nobody chosen: the message under the staff list moves nothing either
    dialog.staff_model.set_checked([])
    assert "staff" in dialog.problems()
    assert moved(start, geometries(dialog)) == {}


def test_staff_form_fields_stay_put_as_messages_come_and_go(qtbot, session, ana) -> None:
    dialog = StaffDialog(session, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    start = geometries(dialog)
    qtbot.keyClicks(dialog.first_name_edit, "B")
    dialog.first_name_edit.clear()  # typed, then cleared: "is required"
    dialog._edited("first_name")
    qtbot.keyClicks(dialog.mopd_edit, "100001")  # Ana's
    qtbot.keyClicks(dialog.hire_edit.line_edit, "2/30/2024")
    qtbot.keyClicks(dialog.end_edit.line_edit, "1/1/")
    shown = [name for name, label in dialog._errors.items() if label.isVisible()]
    assert shown == ["first_name", "mopd_id", "hire_date", "end_date"]
    assert moved(start, geometries(dialog)) == {}
    for edit in (dialog.mopd_edit, dialog.hire_edit.line_edit, dialog.end_edit.line_edit):
        edit.clear()
    qtbot.keyClicks(dialog.first_name_edit, "Ben")
    assert not any(label.isVisible() for label in dialog._errors.values())
    assert moved(start, geometries(dialog)) == {}


def test_mark_as_left_form_stays_put(qtbot, session, ana) -> None:
    dialog = EndDateDialog(session, ana, today=date(2025, 6, 30))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    start = geometries(dialog)
    dialog.date_edit.line_edit.clear()
    qtbot.keyClicks(dialog.date_edit.line_edit, "6/31/2025")
    assert dialog.error.isVisible()
    assert moved(start, geometries(dialog)) == {}
