"""Settings: center details, yearly hours and hire-year policy, saved as one undoable
edit and still there after the window is closed and the file opened again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest

from ccdesktop.domain.records import HireYearPolicy
from ccdesktop.gui.main_window import MainWindow
from ccdesktop.gui.pages.settings import SettingsPage
from ccdesktop.gui.session import Session
from ccdesktop.store.database import Database


def open_settings(qtbot, db_path: Path) -> tuple[MainWindow, SettingsPage]:
    window = MainWindow(Session(Database.open(db_path)))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # window shortcuts (Ctrl+Z) need the active window
    qtbot.waitUntil(window.isActiveWindow)
    page = window.show_page(SettingsPage)
    assert isinstance(page, SettingsPage)
    return window, page


def retype(qtbot, field, text: str) -> None:
    field.clear()
    qtbot.keyClicks(field, text)


def test_settings_are_validated_saved_undone_and_kept(qtbot, db_path: Path) -> None:
    with Database.open(db_path) as db:
        db.set_center(db.get_center().replace(name="Little Acorns"))
    window, page = open_settings(qtbot, db_path)
    assert page.name_edit.text() == "Little Acorns"
    assert page.hours_edit.text() == "12"
    assert page.policy_buttons[HireYearPolicy.MONTHLY].isChecked()
    assert not page.save_button.isEnabled()  # nothing changed yet
    assert page.path_edit.text() == str(db_path)

    retype(qtbot, page.hours_edit, "twelve")
    assert not page.save_button.isEnabled()
    assert page._errors["required_hours"].isVisible()
    assert "'twelve' is not a number of hours" in page._errors["required_hours"].text()
    retype(qtbot, page.hours_edit, "0")
    assert "must be more than 0" in page._errors["required_hours"].text()
    assert not page.save_button.isEnabled()
    retype(qtbot, page.hours_edit, "10.25")
    assert not page._errors["required_hours"].isVisible()
    assert page.save_button.isEnabled()

    retype(qtbot, page.name_edit, "Little Acorns Learning Center")
    qtbot.keyClicks(page.license_edit, "LC-77")
    qtbot.keyClicks(page.director_edit, "Maria Gomez")
    full = page.policy_buttons[HireYearPolicy.FULL]
    # on the indicator: the button is wider than its text, and only those react
    qtbot.mouseClick(full, Qt.MouseButton.LeftButton, pos=QPoint(8, full.height() // 2))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = window.session.db.get_center()
    assert (saved.name, saved.license_number, saved.director) == (
        "Little Acorns Learning Center",
        "LC-77",
        "Maria Gomez",
    )
    assert (saved.required_hours, saved.hire_year_policy) == (1025, HireYearPolicy.FULL)
    assert "Little Acorns Learning Center" in window.windowTitle()
    assert not page.save_button.isEnabled()

    # one undo step puts everything back, and the form shows it
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.db.get_center().required_hours == 1200
    assert page.hours_edit.text() == "12"
    assert page.policy_buttons[HireYearPolicy.MONTHLY].isChecked()
    QTest.keyClick(
        window, Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )  # fmt: skip
    assert window.session.db.get_center() == saved
    window.close()

    again, page = open_settings(qtbot, db_path)
    assert page.name_edit.text() == "Little Acorns Learning Center"
    assert page.license_edit.text() == "LC-77"
    assert page.director_edit.text() == "Maria Gomez"
    assert page.hours_edit.text() == "10.25"
    assert page.policy_buttons[HireYearPolicy.FULL].isChecked()
    again.close()


def test_revert_drops_unsaved_changes(qtbot, db_path: Path) -> None:
    window, page = open_settings(qtbot, db_path)
    qtbot.keyClicks(page.name_edit, "Typo Center")
    assert page.revert_button.isEnabled()
    qtbot.mouseClick(page.revert_button, Qt.MouseButton.LeftButton)
    assert page.name_edit.text() == ""
    assert window.session.undo_stack.count() == 0
    window.close()


def test_show_in_folder_opens_the_data_folder(qtbot, db_path: Path, monkeypatch) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window, page = open_settings(qtbot, db_path)
    qtbot.mouseClick(page.show_folder_button, Qt.MouseButton.LeftButton)
    assert [Path(url.toLocalFile()) for url in opened] == [db_path.parent]
    window.close()


def test_policy_choices_are_explained(qtbot, session) -> None:
    page = SettingsPage(session)
    qtbot.addWidget(page)
    page.show()
    for policy, button in page.policy_buttons.items():
        assert button.accessibleDescription(), policy
    assert "one clock hour for each month" in (
        page.policy_buttons[HireYearPolicy.MONTHLY].accessibleDescription().lower()
    )


def test_unsaved_details_survive_a_change_of_year_and_other_edits(qtbot, db_path: Path) -> None:
    # Found in a walkthrough: typing a center name, then Ctrl+PgDown (next year) or any
    # edit elsewhere, emptied the field and showed "Saved."
    window, page = open_settings(qtbot, db_path)
    qtbot.keyClicks(page.name_edit, "Little Acorns")
    qtbot.keyClicks(page.license_edit, "LC-1048832")
    QTest.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    window.session.notify_changed()  # an edit, undo or import anywhere else
    assert page.name_edit.text() == "Little Acorns"
    assert page.license_edit.text() == "LC-1048832"
    assert page.saved_label.text() == "Unsaved changes."
    # a field the director did not touch still follows what is saved
    window.session.db.set_center(window.session.db.get_center().replace(director="Maria"))
    window.session.notify_changed()
    assert page.director_edit.text() == "Maria"
    assert page.name_edit.text() == "Little Acorns"
    page.revert()
    assert (page.name_edit.text(), page.license_edit.text()) == ("", "")
    window.close()


def test_closing_with_unsaved_details_asks_and_cancel_keeps_the_window(
    qtbot, db_path: Path, answer_questions
) -> None:
    from PySide6.QtWidgets import QMessageBox

    window, page = open_settings(qtbot, db_path)
    qtbot.keyClicks(page.name_edit, "Little Acorns")
    asked = answer_questions(QMessageBox.StandardButton.Cancel)
    window.close()
    assert asked and "not saved" in asked[0]
    assert window.isVisible() and not window.session.db.closed
    assert page.name_edit.text() == "Little Acorns"

    answer_questions(QMessageBox.StandardButton.Save)
    window.close()
    assert not window.isVisible()
    with Database.open(db_path) as db:
        assert db.get_center().name == "Little Acorns"


def test_closing_with_unsaved_details_can_discard_them(
    qtbot, db_path: Path, answer_questions
) -> None:
    from PySide6.QtWidgets import QMessageBox

    window, page = open_settings(qtbot, db_path)
    qtbot.keyClicks(page.name_edit, "Typo Center")
    answer_questions(QMessageBox.StandardButton.Discard)
    window.close()
    assert not window.isVisible()
    with Database.open(db_path) as db:
        assert db.get_center().name == ""


def test_no_question_when_nothing_is_unsaved(qtbot, db_path: Path, answer_questions) -> None:
    window, page = open_settings(qtbot, db_path)
    asked = answer_questions(None)
    window.close()
    assert asked == [] and not window.isVisible()


def test_no_question_for_a_settings_page_never_shown_or_behind(
    qtbot, db_path: Path, answer_questions
) -> None:
    window = MainWindow(Session(Database.open(db_path)))
    qtbot.addWidget(window)
    window.show()
    page = window.page(SettingsPage)  # built (for its Edit menu action), never shown
    assert isinstance(page, SettingsPage)
    asked = answer_questions(None)
    assert not page.has_unsaved_changes()
    window.close()
    assert asked == [] and not window.isVisible()
