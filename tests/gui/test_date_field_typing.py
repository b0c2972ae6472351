"""Issue 12: typing into a prefilled date field replaces the date when the field got
focus by keyboard or the form opened on it, as in a spreadsheet cell; a mouse click
places the cursor."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from ccdesktop.domain.records import Staff
from ccdesktop.gui.dialogs.entry_dialog import EntryDialog
from ccdesktop.gui.dialogs.staff_dialog import EndDateDialog, StaffDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ALT = Qt.KeyboardModifier.AltModifier


def shown(qtbot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


@pytest.fixture
def ana(session) -> Staff:  # type: ignore[no-untyped-def]
    staff = session.db.add_staff(
        Staff(first_name="Ana", last_name="Lopez", mopd_id="100001", hire_date=date(2024, 1, 5))
    )
    session.notify_changed()
    return staff


def test_mark_as_left_opens_on_the_date_and_typing_replaces_it(qtbot, session, ana) -> None:
    dialog = shown(qtbot, EndDateDialog(session, ana, today=date(2025, 6, 30)))
    assert QApplication.focusWidget() is dialog.date_edit.line_edit
    qtbot.keyClicks(QApplication.focusWidget(), "5/31/2025")
    assert dialog.date_edit.text() == "5/31/2025"
    assert dialog.date_edit.value() == date(2025, 5, 31)


def test_tab_or_alt_letter_into_a_date_then_typing_replaces_it(qtbot, session, ana) -> None:
    dialog = shown(qtbot, StaffDialog(session, ana))
    dialog.requires_check.setFocus(Qt.FocusReason.MouseFocusReason)
    QTest.keyClick(dialog.requires_check, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.hire_edit.line_edit
    qtbot.keyClicks(dialog.hire_edit.line_edit, "3/1/2024")
    assert dialog.hire_edit.value() == date(2024, 3, 1)

    QTest.keyClick(dialog, Qt.Key.Key_H, ALT)  # away and back by the label's letter
    QTest.keyClick(dialog, Qt.Key.Key_E, ALT)
    QTest.keyClick(dialog, Qt.Key.Key_H, ALT)
    qtbot.keyClicks(QApplication.focusWidget(), "4/2/2024")
    assert dialog.hire_edit.value() == date(2024, 4, 2)


def test_the_training_forms_prefilled_date_is_replaced_by_typing(qtbot, session, ana) -> None:
    dialog = shown(qtbot, EntryDialog(session, staff_ids=[ana.id]))  # type: ignore[list-item]
    assert dialog.date_edit.value() == date.today()  # prefilled
    dialog.setting_combo.setFocus(Qt.FocusReason.MouseFocusReason)
    QTest.keyClick(dialog.setting_combo, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.date_edit.line_edit
    qtbot.keyClicks(QApplication.focusWidget(), "3/4/2025")
    assert dialog.date_edit.value() == date(2025, 3, 4)


def test_a_date_picked_on_the_calendar_is_replaced_by_typing(qtbot, session, ana) -> None:
    dialog = shown(qtbot, StaffDialog(session, ana))
    field = dialog.hire_edit
    field._picked(QDate(2024, 2, 1))
    assert field.text() == "2/1/2024"
    qtbot.keyClicks(field.line_edit, "2/15/2024")
    assert field.value() == date(2024, 2, 15)


def test_a_click_places_the_cursor(qtbot, session, ana) -> None:
    dialog = shown(qtbot, StaffDialog(session, ana))
    edit = dialog.hire_edit.line_edit
    assert edit.text() == "1/5/2024" and not edit.hasFocus()
    # a click just after "1/5": the cursor goes there, nothing is selected
    y = edit.height() // 2
    x = next(x for x in range(edit.width()) if edit.cursorPositionAt(QPoint(x, y)) == 3)
    QTest.mouseClick(edit, Qt.MouseButton.LeftButton, pos=QPoint(x + 1, y))
    assert edit.hasFocus() and not edit.hasSelectedText()
    assert edit.cursorPosition() == 3


def test_coming_back_to_the_form_keeps_the_cursor(qtbot, session, ana) -> None:
    dialog = shown(qtbot, EndDateDialog(session, ana, today=date(2025, 6, 30)))
    edit = dialog.date_edit.line_edit
    edit.setCursorPosition(2)  # the director is mid-edit
    other = shown(qtbot, QDialog())
    assert not edit.hasFocus()
    other.close()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: edit.hasFocus())
    assert not edit.hasSelectedText() and edit.cursorPosition() == 2
