"""The window's structure (issue 15): pages ask the window for what is beyond them
through signals, the window keeps one Session for its life (another file, a restore),
and no page or dialog reaches into the window's methods."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QSpinBox

from ccdesktop.domain.records import Staff
from ccdesktop.gui.commands import AddStaff
from ccdesktop.gui.import_wizard import ImportWizard
from ccdesktop.gui.main_window import MainWindow
from ccdesktop.gui.pages.dashboard import DashboardPage
from ccdesktop.gui.pages.entries import EntriesPage
from ccdesktop.gui.pages.plan import PlanPage
from ccdesktop.gui.pages.settings import SettingsPage
from ccdesktop.gui.pages.staff import StaffPage
from ccdesktop.gui.pages.welcome import WelcomePage
from ccdesktop.store.database import Database

GUI = Path(__file__).resolve().parents[2] / "ccdesktop" / "gui"


def _other_file(tmp_path: Path, name: str = "other.sqlite3", *people: str) -> Path:
    path = tmp_path / name
    with Database.open(path) as db:
        db.set_center(db.get_center().replace(name="Other Center"))
        for last in people:
            db.add_staff(Staff("Pat", last))
    return path


# --- pages talk through signals --------------------------------------------------------


def test_no_page_or_dialog_calls_on_the_window() -> None:
    """Pages and dialogs know nothing of the window: no ``self.window()`` and no
    import of ``main_window`` (they emit ``Page``'s signals instead)."""
    offenders = []
    for folder in ("pages", "dialogs", "models", "widgets", "forms"):
        for path in sorted((GUI / folder).glob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "window"
                ):
                    offenders.append(f"{path.name}:{node.lineno} window()")
                if isinstance(node, ast.ImportFrom) and "main_window" in (node.module or ""):
                    offenders.append(f"{path.name}:{node.lineno} imports main_window")
    assert offenders == []


def test_recent_files_is_a_leaf_module() -> None:
    tree = ast.parse((GUI / "recent_files.py").read_text(encoding="utf-8"))
    ours = [
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.level or "ccdesktop" in (node.module or ""))
    ]
    assert ours == []


def test_a_person_on_the_dashboard_opens_on_the_staff_page(qtbot, sample_window) -> None:
    dashboard = sample_window.show_page(DashboardPage)
    qtbot.waitUntil(lambda: dashboard.model.rowCount() > 0)
    index = dashboard.model.index(0, 0)
    with qtbot.waitSignal(dashboard.showStaffRequested) as request:
        dashboard.table.activated.emit(index)
    staff_id = request.args[0]
    staff = sample_window.current_page()
    assert isinstance(staff, StaffPage)
    assert staff.current_staff() is not None and staff.current_staff().id == staff_id
    assert staff.table.hasFocus()


def test_a_person_of_the_plan_opens_on_their_required_trainings(qtbot, sample_window) -> None:
    plan = sample_window.show_page(PlanPage)
    assert plan.model.rowCount() > 0
    with qtbot.waitSignal(plan.showStaffRequested) as request:
        plan.table.activated.emit(plan.model.index(0, 0))
    staff_id, on_requirements = request.args
    assert on_requirements is True
    staff = sample_window.current_page()
    assert isinstance(staff, StaffPage)
    assert staff.current_staff().id == staff_id
    assert staff.detail_tabs.currentWidget() is staff.requirements_box


def test_an_entry_of_a_person_opens_on_the_training_page(qtbot, sample_window) -> None:
    staff = sample_window.show_page(StaffPage)
    person = next(
        s
        for s in sample_window.session.data().staff
        if sample_window.session.audit().entries_of(s.id)
    )
    staff.select_staff(person.id)
    index = staff.entries_model.index(0, 0)
    with qtbot.waitSignal(staff.showEntryRequested) as request:
        staff.entries_table.activated.emit(index)
    entries = sample_window.current_page()
    assert isinstance(entries, EntriesPage)
    assert [e.id for e in entries.selected_entries()] == [request.args[0]]


def test_open_the_plan_from_the_reminders_shows_this_year(qtbot, sample_window) -> None:
    dashboard = sample_window.show_page(DashboardPage)
    year = sample_window.session.today().year
    sample_window.session.set_year(year - 1)
    qtbot.mouseClick(dashboard.plan_button, Qt.MouseButton.LeftButton)
    assert isinstance(sample_window.current_page(), PlanPage)
    # the year spin follows the session (it did not when a page changed the year)
    assert sample_window.findChild(QSpinBox, "yearSpin").value() == year
    assert sample_window.current_page().table.hasFocus()


def test_the_welcome_pages_import_opens_the_windows_wizard(qtbot, window) -> None:
    page = window.findChild(WelcomePage)
    with qtbot.waitSignal(page.importRequested):
        qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    wizard = window.findChild(ImportWizard)
    assert wizard is not None and wizard.isVisible()
    wizard.reject()


def test_the_welcome_pages_open_asks_for_a_file_and_opens_it(
    qtbot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = _other_file(tmp_path, "other.sqlite3", "Lopez")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    page = window.findChild(WelcomePage)
    qtbot.mouseClick(page.open_other_button, Qt.MouseButton.LeftButton)
    assert window.session.path == other
    assert isinstance(window.current_page(), DashboardPage)


def test_the_settings_pages_file_buttons_run_the_windows_commands(
    qtbot, sample_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "copy.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(copy), ""))
    page = sample_window.show_page(SettingsPage)
    with qtbot.waitSignal(page.saveCopyRequested):
        qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    assert copy.exists()
    other = _other_file(tmp_path, "other.sqlite3", "Ng")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    with qtbot.waitSignal(page.openFileRequested):
        qtbot.mouseClick(page.open_other_button, Qt.MouseButton.LeftButton)
    assert sample_window.session.path == other


def test_the_training_pages_export_runs_the_windows_export(
    qtbot, sample_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "training.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page = sample_window.show_page(EntriesPage)
    with qtbot.waitSignal(page.exportRequested):
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert target.exists()


def test_add_staff_from_another_page_shows_the_staff_page(qtbot, sample_window) -> None:
    staff = sample_window.page(StaffPage)
    sample_window.show_page(DashboardPage)
    with qtbot.waitSignal(staff.showRequested):
        staff.add_action.trigger()
    assert sample_window.current_page() is staff
    assert staff.dialog is not None and staff.dialog.isVisible()


def test_a_page_alone_asks_and_nothing_else_happens(qtbot, sample_session) -> None:
    """Outside a window nobody answers a page's request (a page needs no window)."""
    page = DashboardPage(sample_session)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    with qtbot.waitSignal(page.showStaffRequested):
        page.table.activated.emit(page.model.index(0, 0))
    with qtbot.waitSignal(page.showPlanRequested):
        page.open_plan()
    assert page.isVisible()


# --- one session for the window's life ---------------------------------------------------


def test_opening_another_file_keeps_the_one_session(qtbot, sample_window, tmp_path: Path) -> None:
    session = sample_window.session
    staff_page = sample_window.page(StaffPage)
    assert session.perform(AddStaff(session.db, Staff("Zoë", "Ng")))
    assert session.undo_stack.count() == 1
    old_db = session.db
    other = _other_file(tmp_path, "other.sqlite3", "Okafor", "Quinn")
    with qtbot.waitSignal(session.fileOpened):
        sample_window.open_file(other)
    assert sample_window.session is session
    assert session.path == other and old_db.closed
    assert session.undo_stack.count() == 0  # its commands were about the other file
    assert not sample_window.undo_action.isEnabled()
    assert staff_page.session is session
    shown = sample_window.show_page(StaffPage)
    assert shown is staff_page
    assert sorted(shown.model.row_at(r).staff.last_name for r in range(shown.model.rowCount())) == [
        "Okafor",
        "Quinn",
    ]
    assert "Other Center" in sample_window.windowTitle()


def test_a_restore_keeps_the_one_session_and_the_pages_show_the_backup(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _other_file(tmp_path, "center.sqlite3", "Lopez")
    window = MainWindow.open_path(path)
    assert window is not None
    qtbot.addWidget(window)
    window.show()
    session = window.session
    backup = session.db.backup("manual")
    assert session.perform(AddStaff(session.db, Staff("Zoë", "Ng")))
    staff_page = window.show_page(StaffPage)
    assert staff_page.model.rowCount() == 2
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(backup), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.safety.restore_action.trigger()
    assert window.session is session and not session.db.closed
    assert session.undo_stack.count() == 0
    assert isinstance(window.current_page(), DashboardPage)  # the start page, as on opening
    assert window.show_page(StaffPage) is staff_page
    assert staff_page.model.rowCount() == 1  # the same page, showing the restored file
    assert window.safety.undo_restore_action.isEnabled()
    window.close()


def test_a_restore_keeps_the_year_shown(qtbot, tmp_path: Path, monkeypatch) -> None:
    path = _other_file(tmp_path, "center.sqlite3", "Lopez")
    window = MainWindow.open_path(path)
    assert window is not None
    qtbot.addWidget(window)
    window.show()
    backup = window.session.db.backup("manual")
    window.session.set_year(2021)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(backup), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.safety.restore_action.trigger()
    assert window.session.year == 2021
    assert window.findChild(QSpinBox, "yearSpin").value() == 2021
    window.close()
