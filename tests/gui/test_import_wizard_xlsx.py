"""The import wizard reads Excel workbooks: it offers the sheets, previews the chosen
one (read once, in the background) with its problems named by sheet and header, maps
its columns, and imports it all or nothing, undoably."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from ccdesktop.domain.records import Staff
from ccdesktop.gui.import_wizard import MAPPING_PAGE, PREVIEW_PAGE, ImportWizard

from .test_import_wizard import finish, next_page

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


TRAINING = [
    ["mopd_id", "title", "completed_on", "start_time", "end_time", "clock_hours"],
    ["0100", "Safe Sleep", date(2025, 3, 4), "9:00 AM", "10:00 AM", 1],
    ["0100", "CPR", "13/40/2025", "10:00 AM", "11:00 AM", 2],
]


def chosen_file(qtbot, session, path: Path, *, staff: bool) -> ImportWizard:
    wizard = ImportWizard(session)
    qtbot.addWidget(wizard)
    wizard.show()
    (wizard.file_page.staff_radio if staff else wizard.file_page.training_radio).setChecked(True)
    qtbot.keyClicks(wizard.file_page.path_edit, str(path))
    return wizard


def test_the_sheets_are_offered_and_the_chosen_one_is_previewed(
    qtbot, session, tmp_path: Path
) -> None:
    session.db.add_staff(Staff("Ana", "Lopez", "0100"))
    session.notify_changed()
    path = workbook(
        tmp_path / "center.xlsx",
        {"Staff": [["first_name", "last_name"], ["Ana", "Lopez"]], "Training": TRAINING},
    )
    wizard = chosen_file(qtbot, session, path, staff=False)
    page = wizard.file_page
    assert page.sheet_row.isVisible()
    assert [page.sheet_combo.itemText(i) for i in range(2)] == ["Staff", "Training"]
    page.sheet_combo.setCurrentIndex(1)
    assert wizard.sheet() == "Training"
    next_page(qtbot, wizard)
    assert wizard.currentId() == PREVIEW_PAGE
    preview = wizard.preview_page
    assert preview.model.bad_rows() == [3]
    assert preview.problems_model.stringList() == [
        "sheet Training, row 3, column completed_on: '13/40/2025' is not a date: there is no "
        "month 13"
    ]
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    # the good row alone imports
    wizard.back()
    good = workbook(tmp_path / "good.xlsx", {"Training": TRAINING[:2]})
    page.path_edit.clear()
    qtbot.keyClicks(page.path_edit, str(good))
    assert not page.sheet_row.isVisible() or page.sheet_combo.count() == 1
    next_page(qtbot, wizard)
    summary = finish(qtbot, wizard)
    assert summary.added == 1
    (entry,) = session.db.list_entries()
    assert entry.completed_on == date(2025, 3, 4)
    session.undo_stack.undo()
    assert session.db.list_entries() == []


def test_a_csv_file_has_no_sheet_row(qtbot, session, tmp_path: Path) -> None:
    path = tmp_path / "staff.csv"
    path.write_text("first_name,last_name\nAna,Lopez\n", encoding="utf-8")
    wizard = chosen_file(qtbot, session, path, staff=True)
    assert not wizard.file_page.sheet_row.isVisible() and wizard.sheet() is None


def test_a_sheet_with_headers_for_people_is_mapped(qtbot, session, tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "staff.xlsx",
        {"People": [["First Name", "Surname", "Hire date", "Badge"], ["Ana", "Lopez",
                    date(2024, 3, 18), "0123"]]},
    )  # fmt: skip
    wizard = chosen_file(qtbot, session, path, staff=True)
    next_page(qtbot, wizard)
    assert wizard.currentId() == MAPPING_PAGE
    mapping = wizard.mapping_page
    assert mapping.combo_for("Hire date").currentData() == "hire_date"
    badge = mapping.combo_for("Badge")
    badge.setCurrentIndex(badge.findData("mopd_id"))
    next_page(qtbot, wizard)
    assert wizard.currentId() == PREVIEW_PAGE
    summary = finish(qtbot, wizard)
    assert summary.added == 1
    (ana,) = session.db.list_staff()
    assert (ana.mopd_id, ana.hire_date) == ("0123", date(2024, 3, 18))


def test_a_file_that_is_not_a_workbook_is_said_so(qtbot, session, tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("first_name,last_name\n", encoding="utf-8")
    wizard = chosen_file(qtbot, session, path, staff=True)
    assert not wizard.file_page.sheet_row.isVisible()
    next_page(qtbot, wizard)
    problems = wizard.preview_page.problems_model.stringList()
    assert problems and "fake.xlsx is not an Excel workbook" in problems[0]
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
