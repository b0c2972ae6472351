"""The forms by keyboard alone: Tab reaches every field in reading order and then the
buttons, each Alt+letter is taken once and does what its label says, and the forms
open on the first field a director fills."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QLabel,
    QMessageBox,
    QWidget,
)

from ccdesktop.domain.records import Staff, TrainingEntry
from ccdesktop.gui.dialogs.entry_dialog import EntryDialog
from ccdesktop.gui.dialogs.staff_dialog import EndDateDialog, StaffDialog

ALT = Qt.KeyboardModifier.AltModifier


def add_person(session, first: str = "Ana", last: str = "Lopez", mopd: str = "100001") -> Staff:
    staff = session.db.add_staff(Staff(first_name=first, last_name=last, mopd_id=mopd))
    session.notify_changed()
    return staff


def add_saved_entry(session, staff: Staff) -> TrainingEntry:
    [entry] = session.db.add_entries(
        [
            TrainingEntry(
                staff_id=staff.id,  # type: ignore[arg-type]
                title="Safe Sleep",
                completed_on=date(2025, 3, 4),
                clock_hours=100,
                start_time=time(9),
                end_time=time(10),
            )
        ]
    )
    session.notify_changed()
    return entry


def shown(qtbot, dialog: QDialog) -> QDialog:
    """``dialog`` open and active, as the user sees it (offscreen needs the nudge)."""
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def tab_stops(dialog: QDialog, key: Qt.Key, count: int) -> list[QWidget]:
    stops = []
    for _ in range(count):
        widget = focused()
        assert widget is not None and dialog.isAncestorOf(widget)
        QTest.keyClick(widget, key)
        stops.append(focused())
    return stops


def mnemonics(dialog: QDialog) -> list[str]:
    """The Alt+letter of every visible label, button and check box of ``dialog``."""
    letters = []
    for widget in dialog.findChildren(QWidget):
        if not isinstance(widget, QLabel | QAbstractButton) or not widget.isVisibleTo(dialog):
            continue
        key = QKeySequence.mnemonic(widget.text())
        if not key.isEmpty():
            letters.append(key.toString().removeprefix("Alt+"))
    return letters


# --- the training form ---------------------------------------------------------------


def reading_order(dialog: EntryDialog, first: QWidget) -> list[QWidget]:
    return [
        first,
        dialog.title_edit,
        dialog.kind_combo,
        dialog.course_edit,
        dialog.provider_combo,
        dialog.format_combo,
        dialog.setting_combo,
        dialog.date_edit.line_edit,
        # a credential's expiry date is hidden for a training
        dialog.start_edit,
        dialog.end_edit,
        dialog.hours_edit,
        # the online module's start date is skipped while disabled (not online)
        dialog.in_ratio_check,
        dialog.trainer_check,
        dialog.approved_check,
        dialog.notes_edit,
        dialog.ok_button,
        dialog.cancel_button,
    ]


def test_add_form_opens_on_the_staff_list_and_tab_goes_round_every_field(qtbot, session) -> None:
    ana = add_person(session)
    dialog = shown(qtbot, EntryDialog(session))
    assert focused() is dialog.staff_list  # nobody chosen yet: who comes first
    dialog.staff_model.set_checked([ana.id])  # type: ignore[list-item]
    qtbot.keyClicks(dialog.title_edit, "CPR")
    qtbot.keyClicks(dialog.hours_edit, "1")
    assert dialog.ok_button.isEnabled()
    dialog.staff_list.setFocus()

    order = reading_order(dialog, dialog.staff_list)
    assert tab_stops(dialog, Qt.Key.Key_Tab, len(order)) == [*order[1:], order[0]]
    assert tab_stops(dialog, Qt.Key.Key_Backtab, len(order)) == [*order[-1::-1]]


def test_edit_form_opens_on_the_title_and_tab_reaches_save_and_the_staff_box(
    qtbot, session
) -> None:
    entry = add_saved_entry(session, add_person(session))
    dialog = shown(qtbot, EntryDialog(session, entry))
    assert focused() is dialog.title_edit
    assert dialog.staff_combo is not None
    qtbot.keyClicks(dialog.notes_edit, "room 2")  # a change, so Save is enabled
    assert dialog.ok_button.isEnabled()
    dialog.staff_combo.setFocus()

    order = reading_order(dialog, dialog.staff_combo)
    assert tab_stops(dialog, Qt.Key.Key_Tab, len(order)) == [*order[1:], order[0]]


def test_add_form_with_the_person_chosen_opens_on_the_title(qtbot, session) -> None:
    ana = add_person(session)
    dialog = shown(qtbot, EntryDialog(session, staff_ids=[ana.id]))  # type: ignore[list-item]
    assert focused() is dialog.title_edit


@pytest.mark.parametrize("editing", [False, True], ids=["add", "edit"])
def test_training_form_mnemonics_are_unique(qtbot, session, editing: bool) -> None:
    ana = add_person(session)
    entry = add_saved_entry(session, ana) if editing else None
    dialog = shown(qtbot, EntryDialog(session, entry))
    letters = mnemonics(dialog)
    assert len(letters) >= 14
    assert sorted(letters) == sorted(set(letters))
    assert "S" in letters  # Save


def test_alt_s_saves_the_training(qtbot, session) -> None:
    ana = add_person(session)
    dialog = shown(qtbot, EntryDialog(session, staff_ids=[ana.id]))  # type: ignore[list-item]
    qtbot.keyClicks(dialog.title_edit, "CPR")
    qtbot.keyClicks(dialog.hours_edit, "1.5")
    assert dialog.ok_button.isEnabled()
    QTest.keyClick(dialog, Qt.Key.Key_S, ALT)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    [saved] = session.db.list_entries()
    assert (saved.staff_id, saved.title, saved.clock_hours) == (ana.id, "CPR", 150)


def test_training_form_letters_go_to_their_fields(qtbot, session) -> None:
    dialog = shown(qtbot, EntryDialog(session))
    for key, field in (
        (Qt.Key.Key_I, dialog.title_edit),
        (Qt.Key.Key_E, dialog.setting_combo),
        (Qt.Key.Key_C, dialog.date_edit.line_edit),
        (Qt.Key.Key_N, dialog.notes_edit),
        (Qt.Key.Key_T, dialog.staff_list),
    ):
        QTest.keyClick(dialog, key, ALT)
        assert focused() is field, key


# --- the staff forms -----------------------------------------------------------------


@pytest.mark.parametrize("editing", [False, True], ids=["add", "edit"])
def test_staff_form_mnemonics_are_unique(qtbot, session, editing: bool) -> None:
    ana = add_person(session)
    dialog = shown(qtbot, StaffDialog(session, ana if editing else None))
    letters = mnemonics(dialog)
    assert len(letters) >= 8
    assert sorted(letters) == sorted(set(letters))


def test_end_date_form_mnemonics_are_unique(qtbot, session) -> None:
    dialog = shown(qtbot, EndDateDialog(session, add_person(session)))
    letters = mnemonics(dialog)
    assert sorted(letters) == sorted(set(letters)) == ["L", "M"]


def test_alt_h_and_alt_e_go_to_the_staff_forms_dates(qtbot, session) -> None:
    dialog = shown(qtbot, StaffDialog(session, None))
    assert focused() is dialog.first_name_edit
    QTest.keyClick(dialog, Qt.Key.Key_H, ALT)
    assert focused() is dialog.hire_edit.line_edit
    QTest.keyClick(dialog, Qt.Key.Key_E, ALT)
    assert focused() is dialog.end_edit.line_edit
    QTest.keyClick(dialog, Qt.Key.Key_F, ALT)
    assert focused() is dialog.first_name_edit


def test_alt_l_goes_to_the_last_day(qtbot, session) -> None:
    dialog = shown(qtbot, EndDateDialog(session, add_person(session)))
    dialog.ok_button.setFocus()
    QTest.keyClick(dialog, Qt.Key.Key_L, ALT)
    assert focused() is dialog.date_edit.line_edit


def test_escape_asks_before_losing_what_was_typed(qtbot, session, answer_questions) -> None:
    ana = session.db.add_staff(Staff(first_name="Ana", last_name="Lopez"))
    session.notify_changed()
    for make, field in (
        (lambda: EntryDialog(session, parent=None, staff_ids=[ana.id]), "title_edit"),
        (lambda: StaffDialog(session, None), "first_name_edit"),
    ):
        untouched = make()
        qtbot.addWidget(untouched)
        untouched.show()
        asked = answer_questions(None)
        qtbot.keyClick(untouched, Qt.Key.Key_Escape)
        assert asked == [] and not untouched.isVisible()  # nothing typed: no question

        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.keyClicks(getattr(dialog, field), "Safe Sleep")
        asked = answer_questions(QMessageBox.StandardButton.Cancel)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert asked and dialog.isVisible()  # kept, with what was typed
        assert getattr(dialog, field).text() == "Safe Sleep"
        answer_questions(QMessageBox.StandardButton.Discard)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible()


def test_saving_an_unchanged_entry_adds_no_undo_step(qtbot, session) -> None:
    ana = session.db.add_staff(Staff(first_name="Ana", last_name="Lopez"))
    [entry] = session.db.add_entries(
        [
            TrainingEntry(
                staff_id=ana.id, title="CPR", completed_on=date(2025, 3, 4), clock_hours=100
            )
        ]
    )
    session.notify_changed()
    dialog = EntryDialog(session, entry=entry)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert session.undo_stack.count() == 0
