"""The training form and issue 14: a credential (title, date, expiry; no sitting, no
hours), "I conducted this session (trainer)" with its denial in the preview, the
group-use warning naming the others, and an edit that keeps the MOPD report's mark."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt

from ccdesktop.domain.records import Center, EntryKind, Format, Staff, TrainingEntry
from ccdesktop.gui.dialogs.entry_dialog import EntryDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def people(session) -> tuple[Staff, Staff]:
    ana = session.db.add_staff(Staff("Ana", "Lopez", "1", hire_date=date(2025, 1, 1)))
    bo = session.db.add_staff(Staff("Bo", "Chen", "2", hire_date=date(2025, 1, 1)))
    session.notify_changed()
    return ana, bo


def new_form(qtbot, session, who: Staff) -> EntryDialog:
    dialog = EntryDialog(session, staff_ids=[who.id], today=date(2025, 12, 1))  # type: ignore[list-item]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def choose_kind(qtbot, dialog: EntryDialog, kind: EntryKind) -> None:
    dialog.kind_combo.setFocus()
    target = dialog.kind_combo.findData(kind.value)
    key = Qt.Key.Key_Down if target > dialog.kind_combo.currentIndex() else Qt.Key.Key_Up
    while dialog.kind_combo.currentIndex() != target:
        qtbot.keyClick(dialog.kind_combo, key)


def test_a_credential_shows_its_own_fields_and_saves_with_no_hours(qtbot, session) -> None:
    ana, _ = people(session)
    dialog = new_form(qtbot, session, ana)
    sitting = (dialog.format_combo, dialog.setting_combo, dialog.start_edit, dialog.hours_edit,
               dialog.in_ratio_check, dialog.trainer_check, dialog.approved_check)  # fmt: skip
    assert all(w.isVisible() for w in sitting) and not dialog.expires_edit.isVisible()
    choose_kind(qtbot, dialog, EntryKind.CREDENTIAL)
    assert not any(w.isVisible() for w in sitting) and dialog.expires_edit.isVisible()
    assert dialog._date_label.text() == "Earned or &renewed on:"
    qtbot.keyClicks(dialog.title_edit, "CDA renewal")
    dialog.date_edit.set_value(date(2025, 5, 1))
    qtbot.keyClicks(dialog.expires_edit.line_edit, "4/30/2025")
    assert dialog.problems() == {
        "expires_on": "2025-04-30 is before the completion date 2025-05-01"
    }
    assert not dialog.ok_button.isEnabled()
    dialog.expires_edit.line_edit.clear()
    qtbot.keyClicks(dialog.expires_edit.line_edit, "5/31/2028")
    assert dialog.problems() == {}
    assert dialog.preview_lines() == [
        "✓ Ana Lopez: credential, expires 5/31/2028, no clock hours of its own",
        "    • CDA renewal (5/1/2025) counts as the full requirement of 2025; it makes up no "
        "hours missed in earlier years",
    ]
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    (saved,) = session.db.list_entries()
    assert (saved.kind, saved.clock_hours, saved.expires_on, saved.start_time) == (
        EntryKind.CREDENTIAL,
        0,
        date(2028, 5, 31),
        None,
    )
    assert session.audit(2025).standing(ana.id).met_by_credential == saved.id


def test_the_trainer_checkbox_and_its_denial_in_the_preview(qtbot, session) -> None:
    ana, _ = people(session)
    dialog = new_form(qtbot, session, ana)
    qtbot.keyClicks(dialog.title_edit, "Orientation")
    dialog.date_edit.set_value(date(2025, 8, 2))
    qtbot.keyClicks(dialog.start_edit, "9:00 AM")
    qtbot.keyClicks(dialog.end_edit, "11:00 AM")
    qtbot.keyClicks(dialog.hours_edit, "2")
    assert dialog.preview_lines() == ["✓ Ana Lopez: earns 2 clock hours"]
    qtbot.mouseClick(dialog.trainer_check, Qt.MouseButton.LeftButton)
    assert dialog.trainer_check.isChecked()
    assert dialog.preview_lines() == [
        "✗ Ana Lopez: no credit",
        "    • conducted by this person as its trainer: no credit",
    ]
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    (saved,) = session.db.list_entries()
    assert saved.as_trainer
    # the form shows it again when the entry is edited
    edit = EntryDialog(session, saved)
    qtbot.addWidget(edit)
    assert edit.trainer_check.isChecked()


def test_the_preview_warns_of_group_use_and_names_the_other(qtbot, session) -> None:
    ana, bo = people(session)
    session.db.add_entry(
        TrainingEntry(bo.id, "Family Engagement", date(2025, 7, 24), 100,  # type: ignore[arg-type]
                      format=Format.ONLINE_MODULE, start_time=time(13), end_time=time(14))
    )  # fmt: skip
    session.notify_changed()
    dialog = new_form(qtbot, session, ana)
    qtbot.keyClicks(dialog.title_edit, "family engagement")
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(Format.ONLINE_MODULE.value))
    dialog.date_edit.set_value(date(2025, 7, 24))
    qtbot.keyClicks(dialog.start_edit, "1:15 PM")
    qtbot.keyClicks(dialog.end_edit, "2:15 PM")
    qtbot.keyClicks(dialog.hours_edit, "1")
    assert dialog.preview_lines() == [
        "✓ Ana Lopez: earns 1 clock hours",
        "    • same online module as Bo Chen (1:00-2:00 PM) on 7/24/2025: likely used as a group",
    ]
    dialog.start_edit.clear()
    qtbot.keyClicks(dialog.start_edit, "2:00 PM")
    dialog.end_edit.clear()
    qtbot.keyClicks(dialog.end_edit, "3:00 PM")
    assert dialog.preview_lines() == ["✓ Ana Lopez: earns 1 clock hours"]


def test_an_edit_keeps_the_mopd_report_mark_and_the_preview_says_not_on_it(qtbot, session) -> None:
    ana, _ = people(session)
    session.db.set_center(Center(name="C", mopd_report_on=date(2025, 6, 30)))
    marked = session.db.add_entry(
        TrainingEntry(ana.id, "Safe Sleep", date(2025, 3, 4), 200, start_time=time(9),  # type: ignore[arg-type]
                      end_time=time(11), mopd_report_on=date(2025, 6, 30))
    )  # fmt: skip
    session.notify_changed()
    edit = EntryDialog(session, marked)
    qtbot.addWidget(edit)
    edit.show()
    qtbot.keyClicks(edit.notes_edit, "room 2")
    qtbot.mouseClick(edit.ok_button, Qt.MouseButton.LeftButton)
    assert session.db.get_entry(marked.id).mopd_report_on == date(2025, 6, 30)  # type: ignore[arg-type]
    # a new entry of a date the report covers will be warned
    dialog = new_form(qtbot, session, ana)
    qtbot.keyClicks(dialog.title_edit, "CPR")
    dialog.date_edit.set_value(date(2025, 4, 1))
    qtbot.keyClicks(dialog.start_edit, "9:00 AM")
    qtbot.keyClicks(dialog.end_edit, "1:00 PM")
    qtbot.keyClicks(dialog.hours_edit, "4")
    assert dialog.preview_lines()[1:] == [
        "    • not on the MOPD report of 6/30/2025: the inspector will not count it"
    ]


def test_a_credential_is_not_refused_as_group_training(qtbot, session) -> None:
    ana, bo = people(session)
    dialog = EntryDialog(session, today=date(2025, 12, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.staff_model.set_checked([ana.id, bo.id])  # type: ignore[list-item]
    choose_kind(qtbot, dialog, EntryKind.CREDENTIAL)
    qtbot.keyClicks(dialog.title_edit, "CPR card")
    dialog.date_edit.set_value(date(2025, 3, 1))
    assert dialog.problems() == {} and dialog.ok_button.isEnabled()
    assert len(dialog.drafts()) == 2
