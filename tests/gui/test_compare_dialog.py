"""File > Compare with MOPD report...: the three lists, applied as one undo step (with
the report-only rows imported, all or nothing), columns chosen and remembered, the
comparison saved as a PDF; and File > Export as a workbook or CSV."""

from __future__ import annotations

from datetime import date
from importlib.resources import as_file, files
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ccdesktop.domain.codes import WarningCode
from ccdesktop.domain.records import Staff, TrainingEntry
from ccdesktop.gui.dialogs.mopd_dialog import CompareDialog
from ccdesktop.gui.models.reconcile_model import ListKind

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def sample_report(tmp_path: Path) -> Path:
    with as_file(files("ccdesktop.resources").joinpath("sample", "mopd-report.csv")) as path:
        copy = tmp_path / "mopd-report.csv"
        copy.write_bytes(Path(path).read_bytes())
    return copy


def opened(qtbot, session, path: Path, day: date = date(2025, 12, 31)) -> CompareDialog:
    dialog = CompareDialog(session, today=date(2026, 1, 5))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.open_report(path)
    qtbot.waitUntil(lambda: dialog._reading is None, timeout=20_000)
    dialog.date_field.set_value(day)
    dialog._date_changed()
    return dialog


def test_the_three_lists_of_the_sample_center(qtbot, qtmodeltester, sample_session, sample_report):
    dialog = opened(qtbot, sample_session, sample_report)
    assert dialog.comparison is not None
    assert [dialog.tabs.tabText(i) for i in range(3)] == [
        "In ccdesktop only (3)",
        "On the MOPD report only (2)",
        "On both (84)",
    ]
    for model in dialog.models.values():
        qtmodeltester.check(model)
    here = dialog.models[ListKind.ONLY_HERE].texts()
    assert ["José Peña", "11/15/2025", "Inclusion of Children with Special Needs", "321077", "3",
            "the MOPD report has it with 2.5 hours (row 65)"] in here  # fmt: skip
    report_rows = dialog.models[ListKind.ONLY_ON_REPORT].texts()
    assert [r[1] for r in report_rows] == ["Tyler Brooks (1263390)", "José Peña (1209981)"]
    assert report_rows[1][6].startswith("nearly matches an entry")
    assert dialog.import_check.text() == "Also &import the 1 row only the report has"
    assert not dialog.sheet_combo.isVisible()  # a CSV file has no sheets
    assert "84 on both · 3 in ccdesktop not on the MOPD report of 12/31/2025" in (
        dialog.status.text()
    )
    # sorting by a column keeps every row
    dialog.views[ListKind.ON_BOTH].sortByColumn(4, Qt.SortOrder.DescendingOrder)
    hours = [row[4] for row in dialog.models[ListKind.ON_BOTH].texts()]
    assert len(hours) == 84 and float(hours[0]) >= float(hours[-1])


def test_apply_and_import_is_one_undo_step(qtbot, sample_session, sample_report) -> None:
    session = sample_session
    before = session.db.load()
    dialog = opened(qtbot, session, sample_report)
    qtbot.mouseClick(dialog.import_check, Qt.MouseButton.LeftButton)
    assert dialog.import_check.isChecked()
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    after = session.db.load()
    assert after.center.mopd_report_on == date(2025, 12, 31)
    assert len(after.entries) == len(before.entries) + 1
    assert dialog.tabs.tabText(2) == "On both (85)"
    warned = [r for r in session.audit(2025).entries if WarningCode.NOT_ON_MOPD_REPORT in
              r.verdict.warnings]  # fmt: skip
    assert len(warned) == 3
    assert session.undo_stack.undoText() == "Apply the MOPD report of 12/31/2025"
    session.undo_stack.undo()
    assert session.db.load() == before
    session.undo_stack.redo()
    assert session.db.load().center.mopd_report_on == date(2025, 12, 31)
    assert len(session.db.load().entries) == len(before.entries) + 1


def test_an_unknown_person_stops_the_import_and_nothing_is_written(
    qtbot, session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session.db.add_staff(Staff("Ana", "Lopez", "100"))
    session.notify_changed()
    report = tmp_path / "r.csv"
    report.write_text(
        "MOPD ID,Training Title,Training Date,Clock Hours\n100,CPR,3/1/2025,4\n999,X,3/2/2025,1\n",
        encoding="utf-8",
    )
    warned: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, _t, text, *a: warned.append(text))
    )
    before = session.db.load()
    dialog = opened(qtbot, session, report, date(2025, 6, 30))
    dialog.import_check.setChecked(True)
    dialog.apply()
    assert warned == [
        "The report's rows cannot be imported:\nrow 3, column mopd_id: no staff member has "
        "MOPD ID '999' (import the staff file first)"
    ]
    assert session.db.load() == before and session.undo_stack.count() == 0


def test_columns_chosen_in_the_dialog_and_remembered(qtbot, session, tmp_path: Path) -> None:
    person = session.db.add_staff(Staff("Ana", "Lopez", "100"))
    session.db.add_entry(TrainingEntry(person.id, "CPR", date(2025, 3, 1), 400))  # type: ignore[arg-type]
    session.notify_changed()
    report = tmp_path / "odd.csv"
    report.write_text("Who,What,When,Hrs\n100,CPR,3/1/2025,4\n", encoding="utf-8")
    dialog = opened(qtbot, session, report, date(2025, 6, 30))
    assert dialog.comparison is None
    assert "no column of the report was recognised as title" in dialog.status.text()
    assert dialog.columns_box.isVisible()  # the columns are shown to choose
    assert not dialog.apply_button.isEnabled()
    for header, field in (("Who", "mopd_id"), ("What", "title"), ("When", "completed_on"),
                          ("Hrs", "clock_hours")):  # fmt: skip
        dialog.choose_column(header, field)
        qtbot.waitUntil(lambda: dialog._reading is None, timeout=20_000)
    assert dialog.comparison is not None and len(dialog.comparison.on_both) == 1
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert dict(session.db.get_center().mopd_columns) == {
        "Who": "mopd_id",
        "What": "title",
        "When": "completed_on",
        "Hrs": "clock_hours",
    }
    again = opened(qtbot, session, report, date(2025, 6, 30))
    assert again.comparison is not None  # remembered: no choosing this time


def test_a_workbook_report_offers_its_sheets(qtbot, session, tmp_path: Path) -> None:
    person = session.db.add_staff(Staff("Ana", "Lopez", "0100"))
    session.db.add_entry(TrainingEntry(person.id, "CPR", date(2025, 3, 1), 400))  # type: ignore[arg-type]
    session.notify_changed()
    path = tmp_path / "report.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["exported 6/30/2025"])
    sheet = book.create_sheet("Training Report")
    sheet.append(["MOPD ID", "Training Title", "Training Date", "Clock Hours"])
    sheet.append(["0100", "CPR", date(2025, 3, 1), 4])
    book.save(path)
    dialog = opened(qtbot, session, path, date(2025, 6, 30))
    assert [dialog.sheet_combo.itemText(i) for i in range(2)] == ["Notes", "Training Report"]
    assert dialog.sheet_combo.isVisible()
    assert dialog.comparison is None  # the first sheet is not the report
    dialog.sheet_combo.setCurrentIndex(1)
    dialog._sheet_chosen(1)
    qtbot.waitUntil(lambda: dialog._reading is None, timeout=20_000)
    assert dialog.comparison is not None and len(dialog.comparison.on_both) == 1


def test_save_the_comparison_as_pdf(
    qtbot, sample_session, sample_report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = opened(qtbot, sample_session, sample_report)
    target = tmp_path / "comparison.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a: (str(target), "")))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"%PDF")
    assert dialog.status.text() == f"Saved the comparison to {target} (3 pages)."


def test_the_window_opens_it_from_the_file_menu(
    qtbot, sample_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a: ("", "")))
    sample_window.compare_action.trigger()
    dialog = sample_window.findChild(CompareDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.comparison is None and not dialog.apply_button.isEnabled()
    dialog.close()


@pytest.mark.parametrize(
    ("answer", "chosen_filter", "written"),
    [
        ("training.xlsx", "", "training.xlsx"),
        ("training.csv", "", "training.csv"),
        ("training", "CSV files (*.csv)", "training.csv"),
        ("training", "Excel workbooks (*.xlsx)", "training.xlsx"),
    ],
)
def test_export_as_a_workbook_or_csv(
    sample_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: str,
    chosen_filter: str, written: str,
) -> None:  # fmt: skip
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *_a: (str(tmp_path / answer), chosen_filter)),
    )
    sample_window.export_action.trigger()
    path = tmp_path / written
    assert path.is_file()
    if written.endswith(".xlsx"):
        book = openpyxl.load_workbook(path)
        assert book.active.freeze_panes == "A2"
        assert book.active["A1"].value == "mopd_id"
    else:
        assert path.read_text(encoding="utf-8-sig").startswith("mopd_id,first_name")
    sample_window.export_staff_action.trigger()
    sample_window.export_standings_action.trigger()


def test_keyboard_mnemonics_are_unique_and_the_columns_open_on_request(
    qtbot, sample_session, sample_report
) -> None:
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

    dialog = opened(qtbot, sample_session, sample_report)
    letters = []
    for widget in dialog.findChildren(QWidget):
        if isinstance(widget, QLabel | QAbstractButton) and widget.isVisibleTo(dialog):
            key = QKeySequence.mnemonic(widget.text())
            if not key.isEmpty():
                letters.append(key.toString())
    assert len(letters) == len(set(letters)), letters
    assert not dialog.columns_box.isVisible()
    qtbot.mouseClick(dialog.columns_button, Qt.MouseButton.LeftButton)
    assert dialog.columns_box.isVisible()
    assert dialog._combos["Training Title"].currentData() == "title"


def test_print_the_comparison(
    qtbot, sample_session, sample_report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdf import PdfReader

    from .test_reports_page import print_to_file

    dialog = opened(qtbot, sample_session, sample_report)
    printed = tmp_path / "printed.pdf"
    print_to_file(monkeypatch, printed)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert not dialog.print_button.isEnabled()  # not twice at once
    qtbot.waitUntil(lambda: dialog.print_job is None, timeout=120_000)
    assert dialog.status.text() == "Sent 3 pages to the printer."
    assert len(PdfReader(printed).pages) == 3
    assert dialog.print_button.isEnabled()
