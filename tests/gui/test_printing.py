"""Printing a PDF page by page as 300 dpi pictures (ccdesktop.gui.printing), without the
Reports page: which pages go in which order, the bands each picture is sent in, the
picture on white paper."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

from ccdesktop.domain.audit import audit_year
from ccdesktop.gui import printing
from ccdesktop.gui.printing import PrintOutcome, band_cuts, on_white, planned_pages, print_pdf
from ccdesktop.reports.pdf_report import build_report
from tests.factories import synthetic_center


def pdf_printer(target: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    return printer


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A report of a few pages."""
    data = synthetic_center(3, years=2, entries_per_year=10)
    target = tmp_path_factory.mktemp("report") / "report.pdf"
    result = build_report(audit_year(data, 2025), target)
    assert result.page_count >= 3
    return target.read_bytes()


def test_every_page_once_when_nothing_is_chosen(qapp, tmp_path: Path) -> None:
    printer = pdf_printer(tmp_path / "out.pdf")
    assert planned_pages(printer, 4) == [0, 1, 2, 3]


def test_the_range_chosen_within_the_document(qapp, tmp_path: Path) -> None:
    printer = pdf_printer(tmp_path / "out.pdf")
    printer.setFromTo(2, 3)
    assert planned_pages(printer, 4) == [1, 2]
    printer.setFromTo(3, 9)  # more than there is: what there is
    assert planned_pages(printer, 4) == [2, 3]


def test_last_page_first_and_copies_the_printer_cannot_make(qapp, tmp_path: Path) -> None:
    printer = pdf_printer(tmp_path / "out.pdf")
    assert not printer.supportsMultipleCopies()  # a PDF file: the app sends each copy
    printer.setFromTo(1, 3)
    printer.setCopyCount(2)
    printer.setCollateCopies(True)
    assert planned_pages(printer, 5) == [0, 1, 2, 0, 1, 2]
    printer.setCollateCopies(False)
    assert planned_pages(printer, 5) == [0, 0, 1, 1, 2, 2]
    printer.setPageOrder(QPrinter.PageOrder.LastPageFirst)
    assert planned_pages(printer, 5) == [2, 2, 1, 1, 0, 0]


def test_print_pdf_prints_the_pages_asked_and_says_which(
    qapp, tmp_path: Path, report: bytes
) -> None:
    target = tmp_path / "out.pdf"
    started: list[tuple[int, int]] = []
    outcome = print_pdf(report, pdf_printer(target), [0, 2], on_page=lambda *a: started.append(a))
    assert outcome == PrintOutcome(sent=2, planned=2) and not outcome.cancelled
    assert started == [(1, 2), (2, 2)]
    assert len(PdfReader(target).pages) == 2


def test_stop_ends_after_the_page_being_printed(qapp, tmp_path: Path, report: bytes) -> None:
    target = tmp_path / "out.pdf"
    outcome = print_pdf(report, pdf_printer(target), [0, 1, 2], stop=lambda: True)
    assert outcome == PrintOutcome(sent=1, planned=3) and outcome.cancelled
    assert len(PdfReader(target).pages) == 1


def test_what_is_not_a_pdf_is_refused(qapp, tmp_path: Path) -> None:
    with pytest.raises(printing.PrintError, match="could not be read"):
        print_pdf(b"not a pdf", pdf_printer(tmp_path / "out.pdf"))
    assert not (tmp_path / "out.pdf").exists()  # no printer opened for nothing


def test_the_picture_is_on_white_paper(qapp) -> None:
    image = QImage(4, 4, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    image.setPixelColor(1, 1, QColor(0, 0, 0, 128))  # half-covered by a black glyph
    flat = on_white(image)
    assert flat.format() == QImage.Format.Format_RGB32
    assert flat.pixelColor(0, 0) == QColor("white")
    assert 120 <= flat.pixelColor(1, 1).red() <= 135  # half way from white to black


def striped(height: int, text_rows: set[int]) -> QImage:
    """A white picture with a grey line on each of ``text_rows``, and a black margin
    line down the left (so no row is plain white, as in the report's tables)."""
    image = QImage(40, height, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    for y in range(height):
        image.setPixelColor(0, y, QColor("black"))
        if y in text_rows:
            for x in range(5, 35):
                image.setPixelColor(x, y, QColor(90 + y % 60, 90, 90))
    return image


def test_bands_are_cut_between_lines_of_text(qapp) -> None:
    # text everywhere except a gap of five rows every 40 rows
    text = {y for y in range(3300) if y % 40 < 35}
    image = striped(3300, text)
    cuts = band_cuts(image)
    assert cuts[0] == 0 and len(cuts) > 5
    steps = [b - a for a, b in zip(cuts, cuts[1:], strict=False)]
    bound = printing.BAND_ROWS // 2
    assert all(printing.BAND_ROWS - bound <= step <= printing.BAND_ROWS + bound for step in steps)
    for cut in cuts[1:]:
        # the middle of a gap: its rows either side are gap too
        assert {cut - 1, cut, cut + 1}.isdisjoint(text), cut
        assert cut % 40 == 37


def test_a_picture_without_gaps_is_cut_at_the_band_size(qapp) -> None:
    image = striped(1000, set(range(1000)))  # every row differs from the next
    rows = printing.BAND_ROWS
    assert band_cuts(image) == [0, rows, 2 * rows, 3 * rows]  # the last band up to 1.5x


def test_the_bands_put_together_are_the_picture(qapp) -> None:
    text = {y for y in range(1234) if y % 23 < 17}
    image = striped(1234, text)
    copy = QImage(image.size(), QImage.Format.Format_RGB32)
    copy.fill(Qt.GlobalColor.red)
    painter = QPainter(copy)
    printing._draw_in_bands(painter, QRectF(copy.rect()), image)
    painter.end()
    assert copy == image  # every row, no gap, no row twice
