"""The records start year in the window (issue 12, point 1): asked on the welcome page,
set in Settings, and what the pages show for a veteran with only this year's entries."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from ccdesktop.domain.records import Center, Staff, TrainingEntry
from ccdesktop.gui.main_window import MainWindow
from ccdesktop.gui.models.staff_model import NEEDED_COLUMN
from ccdesktop.gui.pages.settings import SettingsPage
from ccdesktop.gui.pages.staff import StaffPage
from ccdesktop.gui.pages.welcome import WelcomePage
from ccdesktop.gui.session import Session
from ccdesktop.store.database import Database


def open_window(qtbot, db_path: Path) -> MainWindow:
    window = MainWindow(Session(Database.open(db_path)))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def a_veteran(db_path: Path, center: Center | None = None) -> int:
    """Hired 8/1/2010, with 4 credited hours in 2026 and none before."""
    with Database.open(db_path) as db:
        db.set_center(center or Center(name="Sunny Days"))
        person = db.add_staff(
            Staff("Vera", "Veteran", "100100", "Lead teacher", hire_date=date(2010, 8, 1))
        )
        assert person.id is not None
        db.add_entries(
            [TrainingEntry(person.id, "Safe Sleep", date(2026, 3, 1), 400, start_time=None)]
        )
        return person.id


@pytest.mark.slow
def test_a_veteran_with_only_this_years_entries_needs_this_years_hours(
    qtbot, db_path: Path
) -> None:
    staff_id = a_veteran(db_path)
    window = open_window(qtbot, db_path)
    window.session.set_year(2026)
    page = window.show_page(StaffPage)
    assert isinstance(page, StaffPage)
    row = page.model.row_of(staff_id)
    assert page.model.index(row, NEEDED_COLUMN).data() == "8"  # not 185


def test_settings_set_the_records_start_and_the_figures_follow(qtbot, db_path: Path) -> None:
    staff_id = a_veteran(db_path)
    window = open_window(qtbot, db_path)
    window.session.set_year(2026)
    page = window.show_page(SettingsPage)
    assert isinstance(page, SettingsPage)
    field = page.records_start_edit
    assert field.text() == ""  # not set: the earliest entry's year
    assert "earliest training on record, 2026" in page.records_start_note.text()

    qtbot.keyClicks(field, "20x4")
    error = page._errors["records_start_year"]
    assert error.isVisible() and "is not a year" in error.text()
    assert not page.save_button.isEnabled()
    field.clear()
    qtbot.keyClicks(field, "1850")
    assert "1850 is not a year from 1900 to 2200" in error.text()
    field.clear()
    qtbot.keyClicks(field, "2024")
    assert not error.isVisible()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert window.session.db.get_center().records_start_year == 2024
    standing = window.session.audit(2026).standing(staff_id)
    assert standing.hours_needed == 1200 + 1200 + 1200 - 400

    # undone in one step, and cleared again to "automatic"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.db.get_center().records_start_year is None
    assert field.text() == ""


def test_the_welcome_page_asks_when_records_start(qtbot, db_path: Path) -> None:
    window = open_window(qtbot, db_path)
    page = window.findChild(WelcomePage)
    assert page is not None and page.isVisible()
    qtbot.keyClicks(page.name_edit, "Sunny Days")
    qtbot.keyClicks(page.records_start_edit, "202")
    assert page.records_start_error.isVisible()
    assert not page.save_button.isEnabled()
    qtbot.keyClicks(page.records_start_edit, "4")
    assert not page.records_start_error.isVisible()
    assert page.save_button.isEnabled()
    with qtbot.waitSignal(page.done):
        QTest.keyClick(page.records_start_edit, Qt.Key.Key_Return)
    center = window.session.db.get_center()
    assert (center.name, center.records_start_year) == ("Sunny Days", 2024)


def test_the_welcome_page_leaves_the_records_start_automatic_when_empty(
    qtbot, db_path: Path
) -> None:
    window = open_window(qtbot, db_path)
    page = window.findChild(WelcomePage)
    assert page is not None
    qtbot.keyClicks(page.name_edit, "Sunny Days")
    with qtbot.waitSignal(page.done):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert window.session.db.get_center().records_start_year is None
