"""One training attended by several staff, entered once; online modules refused."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from ccdesktop.domain.explain import DESE_FACTS
from ccdesktop.domain.records import Setting, Staff
from ccdesktop.gui.dialogs.entry_dialog import EntryDialog

# the offscreen platform says so whenever a top-level window is shown
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

RULE = DESE_FACTS[5]


def three_staff(session) -> list[Staff]:
    people = [
        session.db.add_staff(Staff(first_name=first, last_name=last, mopd_id=mopd))
        for first, last, mopd in (
            ("Ana", "Lopez", "1"),
            ("Ben", "Smith", "2"),
            ("Chloé", "Dvořák", "3"),
        )
    ]
    session.notify_changed()
    return people


def check(dialog: EntryDialog, people: list[Staff]) -> None:
    for person in people:
        row = dialog.staff_model.row_of(person.id)
        dialog.staff_model.setData(
            dialog.staff_model.index(row), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
        )


def group_dialog(qtbot, session, people: list[Staff]) -> EntryDialog:
    dialog = EntryDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    check(dialog, people)
    qtbot.keyClicks(dialog.title_edit, "Emergency Preparedness")
    qtbot.keyClicks(dialog.course_edit, "EP-7")
    dialog.date_edit.set_value(date(2025, 4, 12))
    qtbot.keyClicks(dialog.start_edit, "9:00 AM")
    qtbot.keyClicks(dialog.end_edit, "11:00 AM")
    qtbot.keyClicks(dialog.hours_edit, "2")
    return dialog


def test_group_entry_saves_one_entry_per_person_in_one_undo_step(qtbot, session) -> None:
    people = three_staff(session)
    dialog = group_dialog(qtbot, session, people)
    assert dialog.current_setting() is Setting.GROUP  # several people: a group training
    assert [line for line in dialog.preview_lines() if not line.startswith(" ")] == [
        "✓ Chloé Dvořák: earns 2 clock hours",  # in the order of the list, by last name
        "✓ Ana Lopez: earns 2 clock hours",
        "✓ Ben Smith: earns 2 clock hours",
    ]
    depth = session.undo_stack.count()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    saved = session.db.list_entries()
    assert sorted(e.staff_id for e in saved) == sorted(p.id for p in people)
    assert {(e.title, e.course_id, e.completed_on, e.setting) for e in saved} == {
        ("Emergency Preparedness", "EP-7", date(2025, 4, 12), Setting.GROUP)
    }
    assert session.undo_stack.count() == depth + 1
    assert session.undo_stack.undoText() == "Add Emergency Preparedness for 3 staff"
    session.undo_stack.undo()
    assert session.db.list_entries() == []
    session.undo_stack.redo()
    assert len(session.db.list_entries()) == 3


def test_online_module_for_several_people_is_refused_with_the_rule(qtbot, session) -> None:
    people = three_staff(session)
    dialog = group_dialog(qtbot, session, people)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("online_module"))

    error = dialog.findChild(type(dialog.preview_label), "settingError")
    assert error.isVisible()
    assert "An online module cannot be entered as group training." in error.text()
    assert f'"{RULE}"' in error.text()
    assert "DESE guidance" in error.text()
    assert not dialog.ok_button.isEnabled()
    dialog.accept()  # even forced, nothing is saved
    assert session.db.list_entries() == []

    # one person, still recorded as group: refused too
    for person in people[1:]:
        row = dialog.staff_model.row_of(person.id)
        dialog.staff_model.setData(
            dialog.staff_model.index(row), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole
        )
    assert dialog.current_setting() is Setting.GROUP
    assert not dialog.ok_button.isEnabled()
    assert RULE in dialog.problems()["setting"]

    # taken on one's own, it is accepted
    dialog.setting_combo.setCurrentIndex(dialog.setting_combo.findData("individual"))
    assert "setting" not in dialog.problems()
    assert not error.isVisible()
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert [e.staff_id for e in session.db.list_entries()] == [people[0].id]


def test_group_preview_names_each_persons_overlap(qtbot, session) -> None:
    people = three_staff(session)
    first = group_dialog(qtbot, session, people[:1])
    first.title_edit.setText("CPR")
    first.course_edit.setText("")
    qtbot.mouseClick(first.ok_button, Qt.MouseButton.LeftButton)
    dialog = group_dialog(qtbot, session, people)
    lines = dialog.preview_lines()
    assert "✗ Ana Lopez: no credit" in lines
    assert "    • overlaps CPR 9:00-11:00 AM on 4/12/2025" in lines
    assert "✓ Ben Smith: earns 2 clock hours" in lines
