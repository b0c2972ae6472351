"""The Reports page: the preview shows the real PDF, Save as writes it, Print prints it."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QPushButton

from ccdesktop import workflows
from ccdesktop.gui import printing
from ccdesktop.gui.models.staff_checklist_model import StaffChecklistModel
from ccdesktop.gui.pages.reports import ReportsPage
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


def print_to_file(
    monkeypatch: pytest.MonkeyPatch, target: Path, setup: Callable[[QPrinter], None] | None = None
) -> list[QPrinter]:
    """The print dialog, when shown, accepts at once with a PDF file printer on
    ``target`` (after ``setup``, as if chosen in the dialog); returns the printers it
    was shown for."""
    shown: list[QPrinter] = []

    def accept(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        if setup is not None:
            setup(printer)
        shown.append(printer)
        return QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    return shown


def wait_for_printing(page: ReportsPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: page.print_job is None, timeout=120_000)


@dataclass
class Gate:
    """Holds the printing thread in its second page until ``release`` is set."""

    release: threading.Event = field(default_factory=threading.Event)
    pages_started: int = 0


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    gate = Gate()
    draw_page = printing._draw_page

    def held(*args: Any) -> None:
        gate.pages_started += 1
        if gate.pages_started == 2:
            assert gate.release.wait(60), "the test never let page 2 go"
        draw_page(*args)

    monkeypatch.setattr(printing, "_draw_page", held)
    yield gate
    gate.release.set()  # never leave the thread waiting


@pytest.mark.slow
def test_print_sends_every_page_in_the_background_with_progress(
    reports_page: ReportsPage, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Found by the director: Print froze the window for 21 s on a 10-page report.
    build(reports_page, qtbot)
    printed = tmp_path / "printed.pdf"
    print_to_file(monkeypatch, printed)
    pages = reports_page.document.pageCount()
    assert pages >= 9  # the sample center's 2025 report: the size the director printed
    qtbot.mouseClick(reports_page.print_button, Qt.MouseButton.LeftButton)

    # the click returned with the printing still to do, in another thread
    job = reports_page.print_job
    assert job is not None
    assert not reports_page.print_button.isEnabled()  # it cannot be started twice
    progress = reports_page.findChild(QProgressDialog, "printProgress")
    assert progress is not None and progress.isVisible()
    assert progress.windowModality() == Qt.WindowModality.WindowModal
    assert progress.labelText() == f"Printing page 1 of {pages}…"
    seen: list[tuple[int, int, str, str]] = []
    job.page_started.connect(
        lambda n, total: seen.append((n, total, reports_page.status.text(), progress.labelText()))
    )
    wait_for_printing(reports_page, qtbot)

    assert [(n, total) for n, total, _, _ in seen] == [(n, pages) for n in range(1, pages + 1)]
    assert all(
        status == label == f"Printing page {n} of {total}…" for n, total, status, label in seen
    )
    assert len(PdfReader(printed).pages) == pages
    assert reports_page.status.text() == f"Sent {pages} pages to the printer."
    assert reports_page.print_button.isEnabled()
    assert not [d for d in reports_page.findChildren(QProgressDialog) if d.isVisible()]


@pytest.mark.slow
def test_the_printed_pages_are_300_dpi_pictures_and_the_spool_is_small(
    reports_page: ReportsPage, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: each page at the printer's 1200 dpi; this 10-page report spooled 61 MB
    # (61,261,744 bytes to a PDF file printer, PySide6 6.11.3). Now about 5 MB.
    build(reports_page, qtbot)
    printed = tmp_path / "printed.pdf"
    print_to_file(monkeypatch, printed)
    qtbot.mouseClick(reports_page.print_button, Qt.MouseButton.LeftButton)
    wait_for_printing(reports_page, qtbot)

    pages = PdfReader(printed).pages
    assert len(pages) == reports_page.document.pageCount() >= 9
    assert printed.stat().st_size < len(pages) * 1_500_000
    for page in pages:
        images = [image.image for image in page.images]
        assert images and all(image.width == 2550 for image in images)  # 8.5 in x 300
        assert sum(image.height for image in images) - (len(images) - 1) == 3300  # 11 in


def test_cancel_stops_after_the_page_being_printed(
    reports_page: ReportsPage, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gate: Gate
) -> None:
    build(reports_page, qtbot)
    printed = tmp_path / "printed.pdf"
    shown = print_to_file(monkeypatch, printed)
    qtbot.mouseClick(reports_page.print_button, Qt.MouseButton.LeftButton)
    total = reports_page.document.pageCount()
    # printing page 2, and the window says so (its progress arrives by a queued signal)
    qtbot.waitUntil(
        lambda: (
            gate.pages_started == 2 and reports_page.status.text() == f"Printing page 2 of {total}…"
        ),
        timeout=60_000,
    )
    assert not reports_page.print_button.isEnabled()
    reports_page.print_report()  # Ctrl+P again while printing: nothing
    assert len(shown) == 1

    progress = reports_page.findChild(QProgressDialog, "printProgress")
    cancel = progress.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert "stops after the page being printed" in reports_page.status.text()
    assert reports_page.print_job is not None  # page 2 is still being printed
    gate.release.set()
    wait_for_printing(reports_page, qtbot)

    assert gate.pages_started == 2
    assert len(PdfReader(printed).pages) == 2
    assert reports_page.status.text() == (
        f"Printing cancelled: 2 of the {total} pages went to the printer, "
        f"the other {total - 2} did not."
    )
    assert reports_page.print_button.isEnabled()


def test_escape_in_the_progress_dialog_cancels_too(
    reports_page: ReportsPage, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gate: Gate
) -> None:
    build(reports_page, qtbot)
    printed = tmp_path / "printed.pdf"
    print_to_file(monkeypatch, printed)
    qtbot.mouseClick(reports_page.print_button, Qt.MouseButton.LeftButton)
    total = reports_page.document.pageCount()
    qtbot.waitUntil(
        lambda: (
            gate.pages_started == 2 and reports_page.status.text() == f"Printing page 2 of {total}…"
        ),
        timeout=60_000,
    )
    progress = reports_page.findChild(QProgressDialog, "printProgress")
    qtbot.keyClick(progress, Qt.Key.Key_Escape)
    assert "stops after the page being printed" in reports_page.status.text()
    gate.release.set()
    wait_for_printing(reports_page, qtbot)
    assert len(PdfReader(printed).pages) == 2
    total = reports_page.document.pageCount()
    assert reports_page.status.text().startswith(f"Printing cancelled: 2 of the {total} pages")


@pytest.mark.slow
def test_the_range_and_copies_chosen_are_printed(
    reports_page: ReportsPage, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(reports_page, qtbot)
    printed = tmp_path / "printed.pdf"

    def pages_2_to_3_twice(printer: QPrinter) -> None:
        printer.setFromTo(2, 3)
        printer.setCopyCount(2)
        printer.setCollateCopies(True)

    print_to_file(monkeypatch, printed, pages_2_to_3_twice)
    qtbot.mouseClick(reports_page.print_button, Qt.MouseButton.LeftButton)
    wait_for_printing(reports_page, qtbot)

    # a PDF file cannot make copies itself, so the app sends each: 2, 3, 2, 3
    pictures = [b"".join(image.data for image in page.images) for page in PdfReader(printed).pages]
    assert len(pictures) == 4
    assert pictures[0] == pictures[2] and pictures[1] == pictures[3]
    assert pictures[0] != pictures[1]
    assert reports_page.status.text() == "Sent 4 pages to the printer."


@pytest.mark.qt_log_ignore("QPainter::begin")
def test_a_printer_that_cannot_be_opened_says_so(
    reports_page: ReportsPage, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(reports_page, qtbot)
    print_to_file(monkeypatch, tmp_path / "no such folder" / "printed.pdf")
    qtbot.mouseClick(reports_page.print_button, Qt.MouseButton.LeftButton)
    wait_for_printing(reports_page, qtbot)
    assert reports_page.status.text() == "Could not print: the printer could not be opened"
    assert reports_page.print_button.isEnabled()  # try again, on another printer


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
