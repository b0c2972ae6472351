"""First run: a fresh file opens on the welcome page; details, staff, CSV import, the
sample center and recent files all lead into the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from ccdesktop.domain.records import Staff
from ccdesktop.gui.dialogs.staff_dialog import StaffDialog
from ccdesktop.gui.main_window import MainWindow, remember_recent_file
from ccdesktop.gui.pages.dashboard import DashboardPage
from ccdesktop.gui.pages.welcome import SAMPLE_CENTER, WelcomePage, sample_center_path
from ccdesktop.gui.session import Session
from ccdesktop.store.database import Database


def welcome(window: MainWindow) -> WelcomePage:
    page = window.findChild(WelcomePage)
    assert page is not None
    return page


def test_a_fresh_file_opens_on_the_welcome_page(window) -> None:
    page = welcome(window)
    assert page.isVisible()
    assert not window.findChild(DashboardPage).isVisible()
    assert not page.save_button.isEnabled()  # nothing typed yet


def test_entering_the_centers_details_leaves_the_welcome_page(qtbot, window) -> None:
    page = welcome(window)
    qtbot.keyClicks(page.name_edit, "Sunny Days Learning Center")
    qtbot.keyClicks(page.license_edit, "LC-123456")
    qtbot.keyClicks(page.director_edit, "Maria Gomez")
    with qtbot.waitSignal(page.done):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert not page.isVisible()
    assert window.findChild(DashboardPage).isVisible()
    assert "Sunny Days Learning Center" in window.windowTitle()
    center = window.session.db.get_center()
    assert (center.name, center.license_number, center.director) == (
        "Sunny Days Learning Center",
        "LC-123456",
        "Maria Gomez",
    )
    # one undoable step
    assert window.session.undo_stack.count() == 1


def test_adding_a_staff_member_leaves_the_welcome_page(qtbot, window) -> None:
    page = welcome(window)
    qtbot.mouseClick(page.add_staff_button, Qt.MouseButton.LeftButton)
    dialog = page.staff_dialog
    assert isinstance(dialog, StaffDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.first_name_edit, "Ana")
    qtbot.keyClicks(dialog.last_name_edit, "Lopez")
    with qtbot.waitSignal(page.done):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert [s.full_name for s in window.session.db.list_staff()] == ["Ana Lopez"]
    assert not page.isVisible()


def test_import_opens_the_windows_import_wizard(qtbot, window, monkeypatch) -> None:
    calls: list[bool] = []
    monkeypatch.setattr(window, "open_import_wizard", lambda: calls.append(True))
    qtbot.mouseClick(welcome(window).import_button, Qt.MouseButton.LeftButton)
    assert calls == [True]


def test_the_sample_center_is_built_in_the_data_folder_and_opened(
    qtbot, window, user_dirs: Path
) -> None:
    expected = sample_center_path()
    assert user_dirs in expected.parents  # the test's folder, never the real one
    page = welcome(window)
    qtbot.mouseClick(page.sample_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.path == expected, timeout=30_000)
    data = window.session.data()
    assert len(data.staff) == 12
    assert len(data.entries) > 100
    assert data.center.name == SAMPLE_CENTER["name"]
    assert window.findChild(DashboardPage).isVisible()
    assert SAMPLE_CENTER["name"] in window.windowTitle()
    assert not expected.with_name(expected.name + ".building").exists()


def test_an_existing_sample_center_is_opened_or_rebuilt_as_asked(
    qtbot, session, user_dirs: Path, monkeypatch
) -> None:
    from ccdesktop.gui.pages.welcome import build_sample_center

    path = sample_center_path()
    path.parent.mkdir(parents=True)
    with Database.open(path) as db:
        build_sample_center(db)
        db.set_center(db.get_center().replace(name="Changed by me"))

    def open_window() -> MainWindow:
        fresh = Database.open(path.with_name("fresh.sqlite3"))
        main = MainWindow(Session(fresh))
        qtbot.addWidget(main)
        main.show()
        return main

    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: next(answers))

    first = open_window()
    qtbot.mouseClick(welcome(first).sample_button, Qt.MouseButton.LeftButton)
    assert first.session.path == path  # opened at once, as it was
    assert first.session.data().center.name == "Changed by me"
    first.close()

    second = open_window()
    qtbot.mouseClick(welcome(second).sample_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: second.session.path == path, timeout=30_000)
    assert second.session.data().center.name == SAMPLE_CENTER["name"]
    second.close()


def test_recent_files_are_listed_and_open(qtbot, window, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    with Database.open(other) as db:
        db.add_staff(Staff(first_name="Ana", last_name="Lopez"))
    remember_recent_file(other)
    page = welcome(window)
    page.refresh()
    files = page.recent_model.stringList()
    assert files == [str(other.resolve())]  # the file open now is not offered
    assert page.recent_list.isVisible()
    qtbot.mouseClick(page.open_recent_button, Qt.MouseButton.LeftButton)
    assert window.session.path == other
    assert not page.isVisible()  # a file with staff opens on the dashboard


def test_no_recent_files_says_so(window) -> None:
    page = welcome(window)
    assert page.recent_empty.isVisible()
    assert not page.recent_list.isVisible()


def test_file_open_recent_lists_the_files_when_opened(qtbot, window, tmp_path: Path) -> None:
    from ccdesktop.gui.main_window import recent_files

    recent = next(a.menu() for a in window.file_menu.actions() if a.menu() and "recent" in a.text())
    # the file open now is remembered once the window is up, not before its first paint
    qtbot.waitUntil(lambda: str(window.session.path.resolve()) in recent_files())
    other = tmp_path / "other.sqlite3"
    Database.open(other).close()
    remember_recent_file(other)
    recent.aboutToShow.emit()  # as when the director opens the submenu
    listed = [a.text() for a in recent.actions()]
    assert listed[:2] == [str(other.resolve()), str(window.session.path.resolve())]
    next(a for a in recent.actions() if a.text() == str(other.resolve())).trigger()
    assert window.session.path == other


def test_file_open_recent_says_when_there_are_none(qtbot, session, monkeypatch) -> None:
    import ccdesktop.gui.main_window as main_window

    monkeypatch.setattr(main_window, "recent_files", lambda: [])
    window = MainWindow(session)
    qtbot.addWidget(window)
    recent = next(a.menu() for a in window.file_menu.actions() if a.menu() and "recent" in a.text())
    recent.aboutToShow.emit()
    [only] = recent.actions()
    assert only.text() == "No recent files" and not only.isEnabled()


def test_details_typed_before_adding_staff_are_kept(qtbot, window) -> None:
    # Found in a walkthrough: name, license and director typed, then Add a staff member
    # (without Save and start): the window moved on and the details were lost.
    page = welcome(window)
    qtbot.keyClicks(page.name_edit, "Sunny Days Learning Center")
    qtbot.keyClicks(page.license_edit, "LC-123456")
    qtbot.keyClicks(page.director_edit, "Maria Gomez")
    qtbot.mouseClick(page.add_staff_button, Qt.MouseButton.LeftButton)
    dialog = page.staff_dialog
    assert isinstance(dialog, StaffDialog)
    qtbot.keyClicks(dialog.first_name_edit, "Ana")
    qtbot.keyClicks(dialog.last_name_edit, "Lopez")
    with qtbot.waitSignal(page.done):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    center = window.session.db.get_center()
    assert (center.name, center.license_number, center.director) == (
        "Sunny Days Learning Center",
        "LC-123456",
        "Maria Gomez",
    )
    assert "Sunny Days Learning Center" in window.windowTitle()


def test_enter_in_any_detail_field_saves(qtbot, window) -> None:
    page = welcome(window)
    qtbot.keyClicks(page.name_edit, "Sunny Days")
    qtbot.keyClicks(page.director_edit, "Maria Gomez")
    with qtbot.waitSignal(page.done):
        qtbot.keyClick(page.director_edit, Qt.Key.Key_Return)
    assert window.session.db.get_center().director == "Maria Gomez"
