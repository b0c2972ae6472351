"""The Reports page: the preview shows the real PDF, Save as writes it, Print prints it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog

from ccdesktop import workflows
from ccdesktop.gui.models.staff_checklist_model import StaffChecklistModel
from ccdesktop.gui.pages.reports import ReportsPage, print_document
from ccdesktop.gui.session import Session
from ccdesktop.store.database import Database

YEAR = 2025


@pytest.fixture
def reports_page(tmp_path: Path, qtbot):  # type: ignore[no-untyped-def]
    db = Database.open(tmp_path / "center.sqlite3")
    staff_csv, training_csv = workflows.default_sample_paths()
    workflows.import_staff_file(db, staff_csv)
    workflows.import_training_file(db, training_csv)
    workflows.update_center(db, name="Little Acorns", license_number="L-77", director="Maria")
    session = Session(db)
    session.set_year(YEAR)
    page = ReportsPage(session)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    yield page
    page.document.close()
    db.close()


def build(page: ReportsPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: page.document.pageCount() > 0 and page.save_button.isEnabled(), timeout=60_000
    )


def test_staff_checklist_model_is_sound(reports_page: ReportsPage, qtmodeltester) -> None:
    qtmodeltester.check(reports_page.staff_model)
    assert reports_page.staff_model.rowCount() == len(reports_page.session.audit().staff)


def test_preview_shows_the_real_report(reports_page: ReportsPage, qtbot) -> None:
    assert not reports_page.print_button.isEnabled()  # nothing to print before a preview
    build(reports_page, qtbot)
    assert reports_page.document.pageCount() >= 2
    assert "pages, built" in reports_page.status.text()


def test_save_as_writes_the_previewed_pdf(
    reports_page: ReportsPage, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(reports_page, qtbot)
    target = tmp_path / "out" / "report.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(target), "PDF files (*.pdf)")),
    )
    qtbot.mouseClick(reports_page.save_button, Qt.MouseButton.LeftButton)
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Little Acorns" in text and "L-77" in text
    assert len(PdfReader(target).pages) == reports_page.document.pageCount()
    assert [p.name for p in target.parent.iterdir()] == ["report.pdf"]  # no temp file left


def test_only_the_chosen_staff_are_in_the_report(
    reports_page: ReportsPage, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model: StaffChecklistModel = reports_page.staff_model
    qtbot.mouseClick(reports_page.none_button, Qt.MouseButton.LeftButton)
    assert model.checked_ids() == frozenset()
    first = model.index(0)
    model.setData(first, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    chosen = reports_page.session.audit().standing(model.data(first, Qt.ItemDataRole.UserRole))
    others = [s for s in reports_page.session.audit().staff if s.staff.id != chosen.staff.id]
    build(reports_page, qtbot)
    target = tmp_path / "one.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    qtbot.mouseClick(reports_page.save_button, Qt.MouseButton.LeftButton)
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert chosen.staff.last_name in text
    assert not any(f"{s.staff.last_name}, {s.staff.first_name}" in text for s in others)


def test_nobody_chosen_builds_nothing(reports_page: ReportsPage, qtbot) -> None:
    qtbot.mouseClick(reports_page.none_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(reports_page.preview_button, Qt.MouseButton.LeftButton)
    assert "at least one" in reports_page.status.text()
    assert reports_page.document.pageCount() == 0


def test_print_renders_every_page(
    reports_page: ReportsPage, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(reports_page, qtbot)
    printed = tmp_path / "printed.pdf"

    def accept(dialog: QPrintDialog) -> int:
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(printed))
        return QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    qtbot.mouseClick(reports_page.print_button, Qt.MouseButton.LeftButton)
    assert len(PdfReader(printed).pages) == reports_page.document.pageCount()
    assert "Sent" in reports_page.status.text()


def test_print_document_honours_a_page_range(
    reports_page: ReportsPage, qtbot, tmp_path: Path
) -> None:
    build(reports_page, qtbot)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "range.pdf"))
    printer.setFromTo(1, 2)
    assert print_document(reports_page.document, printer) == 2
    assert len(PdfReader(tmp_path / "range.pdf").pages) == 2


def test_a_preview_of_another_year_cannot_be_saved_or_printed(
    reports_page: ReportsPage, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Found in a walkthrough: preview 2025, switch to 2026, Save as PDF wrote the 2025
    # report under the name clock-hours-2026.pdf.
    build(reports_page, qtbot)
    offered: list[str] = []
    target = tmp_path / "report.pdf"

    def save_as(_parent: object, _title: str, default: str, _filter: str) -> tuple[str, str]:
        offered.append(default)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    reports_page.session.set_year(YEAR + 1)
    assert not reports_page.save_button.isEnabled()
    assert not reports_page.print_button.isEnabled()
    assert "press Preview" in reports_page.status.text()
    reports_page.save_report()  # as Alt+S or a stale click would
    assert offered == [] and not target.exists()

    build(reports_page, qtbot)
    qtbot.mouseClick(reports_page.save_button, Qt.MouseButton.LeftButton)
    assert offered and offered[-1].endswith(f"clock-hours-{YEAR + 1}.pdf")
    assert f"{YEAR + 1}" in PdfReader(target).pages[0].extract_text()


def test_a_change_of_records_or_choices_asks_for_a_new_preview(
    reports_page: ReportsPage, qtbot
) -> None:
    build(reports_page, qtbot)
    reports_page.denied_check.setChecked(False)
    assert not reports_page.save_button.isEnabled()
    reports_page.denied_check.setChecked(True)  # back to what the preview shows
    assert reports_page.save_button.isEnabled()
    reports_page.session.notify_changed()  # any edit, undo or import
    assert not reports_page.save_button.isEnabled()
    assert "press Preview" in reports_page.status.text()
