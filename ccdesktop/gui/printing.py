"""Printing a PDF: each page drawn as a 300 dpi picture, in a thread of its own.

Why pictures: QtPdf can only render a PDF's pages to images; it cannot replay them
onto a printer as text and lines. 300 dpi keeps the report's 7.5-point table text
crisp on paper, and a Letter page is then 2550 x 3300 pixels: the printer's own 1200
dpi, as before, made each page sixteen times that and took seconds per page.

Why a thread: Qt supports QPainter on a QPrinter (and on a QImage) from a worker
thread. QPdfDocument guards every call into pdfium with one lock shared by all
documents, but a document object itself is not for two threads at once, so the
worker loads its own from the report's bytes and the preview keeps the window's.
The worker never touches a widget: it says which page it is on and how it ended
through queued signals, and the window keeps painting and answering meanwhile.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import cast

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QRectF,
    QSize,
    Qt,
    QThread,
    Signal,
    Slot,
)
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

log = logging.getLogger(__name__)

#: the resolution pages are drawn at (lower if the printer's own is lower)
PRINT_DPI = 300
#: about how many rows of a page's picture go to the printer at a time (``_draw_in_bands``)
BAND_ROWS = 256


def _tr(text: str) -> str:
    return QCoreApplication.translate("Printing", text)


class PrintError(Exception):
    """The printer or the document refused the job; the message says what (translated)."""


@dataclass(frozen=True)
class PrintOutcome:
    #: pages sent to the printer
    sent: int
    #: pages the job was to send (the range chosen, times the copies the app prints)
    planned: int

    @property
    def cancelled(self) -> bool:
        return self.sent < self.planned


def planned_pages(printer: QPrinter, page_count: int) -> list[int]:
    """The document's pages (from 0) in the order ``printer`` is to get them: the
    range and page order chosen in the print dialog and, when the printer cannot make
    copies itself (a PDF file, some drivers), each copy, collated or not."""
    first, last = printer.fromPage(), printer.toPage()
    if first == 0 and last == 0:  # no range chosen: every page
        first, last = 1, page_count
    pages = list(range(max(first, 1) - 1, min(last, page_count)))
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        pages.reverse()
    copies = 1 if printer.supportsMultipleCopies() else max(printer.copyCount(), 1)
    if printer.collateCopies():
        return pages * copies
    return [page for page in pages for _ in range(copies)]


def print_pdf(
    data: bytes,
    printer: QPrinter,
    pages: Sequence[int] | None = None,
    *,
    dpi: int = PRINT_DPI,
    on_page: Callable[[int, int], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> PrintOutcome:
    """Print the PDF ``data`` on ``printer``: ``pages`` (from 0; default
    ``planned_pages``), each as a picture of ``dpi``. ``on_page(n, total)`` is called
    as the n-th page (from 1) starts; after each page, ``stop()`` may end the job
    early (the pages sent stay sent). Safe in any thread, as long as nothing else
    uses ``printer`` meanwhile. Raises ``PrintError``."""
    device = QBuffer()
    device.setData(QByteArray(data))
    device.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()  # this thread's own (see the module's docstring)
    try:
        document.load(device)  # a buffer loads at once, no event loop needed
        if document.status() != QPdfDocument.Status.Ready:
            raise PrintError(_tr("the report could not be read for printing"))
        if pages is None:
            pages = planned_pages(printer, document.pageCount())
        if not pages:
            raise PrintError(_tr("the pages chosen are not in the report"))
        return _paint(document, printer, pages, dpi, on_page, stop)
    finally:
        document.close()
        device.close()


def _paint(
    document: QPdfDocument,
    printer: QPrinter,
    pages: Sequence[int],
    dpi: int,
    on_page: Callable[[int, int], None] | None,
    stop: Callable[[], bool] | None,
) -> PrintOutcome:
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(_tr("the printer could not be opened"))
    sent = 0
    try:
        # PDF output: the pictures compressed without loss (text stays sharp, and a
        # page of mostly white paper packs smaller than as JPEG); other printers
        # ignore the hint.
        painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)
        for number, page in enumerate(pages, start=1):
            if on_page is not None:
                on_page(number, len(pages))
            if sent and not printer.newPage():
                raise PrintError(_tr("the printer did not take page {0}").format(number))
            _draw_page(painter, document, page, dpi)
            sent += 1
            if sent < len(pages) and stop is not None and stop():
                break
    except BaseException:
        painter.end()
        raise
    if not painter.end():
        raise PrintError(_tr("the printer did not finish the job"))
    return PrintOutcome(sent, len(pages))


def _draw_page(painter: QPainter, document: QPdfDocument, page: int, dpi: int) -> None:
    """The page as large as fits the printable area, at its top left, as before."""
    area = QRectF(painter.viewport())  # printer pixels
    points = document.pagePointSize(page)
    if points.isEmpty():
        raise PrintError(_tr("page {0} of the report could not be read").format(page + 1))
    scale = min(area.width() / points.width(), area.height() / points.height())
    target = QRectF(area.x(), area.y(), points.width() * scale, points.height() * scale)
    pixels_per_point = min(scale, dpi / 72)  # never finer than the printer itself
    size = QSize(
        max(round(points.width() * pixels_per_point), 1),
        max(round(points.height() * pixels_per_point), 1),
    )
    image = document.render(page, size)
    if image.isNull():
        raise PrintError(_tr("page {0} of the report could not be drawn").format(page + 1))
    _draw_in_bands(painter, target, on_white(image))


def _draw_in_bands(painter: QPainter, target: QRectF, image: QImage) -> None:
    """Draw ``image`` into ``target`` a band of rows at a time.

    Python's lock is held through each call into Qt, and the PDF engine spends
    hundreds of milliseconds compressing a whole page's picture: the window's Python
    code (its repaints, the progress dialog) would wait that long. A band of about
    ``BAND_ROWS`` rows takes a fraction of that. The bands are cut where the picture
    does not change from row to row (the white between lines of text) and overlap
    by that row, so a viewer or printer scaling each band on its own shows no seam.
    """
    height = image.height()
    y_scale = target.height() / height
    cuts = band_cuts(image)
    for top, bottom in zip(cuts, [*cuts[1:], height - 1], strict=True):
        rows = bottom + 1 - top  # the cut row is in both bands
        band = image.copy(0, top, image.width(), rows)
        area = QRectF(target.x(), target.y() + top * y_scale, target.width(), rows * y_scale)
        painter.drawImage(area, band)


def band_cuts(image: QImage) -> list[int]:
    """The first row of each band: about every ``BAND_ROWS`` rows, in the middle of
    the longest run of identical rows near there (the white between two lines of
    text), so that a band's edge, rounded to a pixel of a coarser device, cuts no
    text. Where there is no such run, at ``BAND_ROWS`` rows."""
    height = image.height()
    same = [False] * height  # same[y]: row y is row y - 1 again
    previous = _row(image, 0)
    for y in range(1, height):
        current = _row(image, y)
        same[y] = current == previous
        previous = current
    cuts = [0]
    while height - cuts[-1] > BAND_ROWS + BAND_ROWS // 2:
        wanted = cuts[-1] + BAND_ROWS
        quiet = _middle_of_longest_run(same, wanted - BAND_ROWS // 2, wanted + BAND_ROWS // 2)
        cuts.append(wanted if quiet is None else quiet)
    return cuts


def _row(image: QImage, y: int) -> bytes:
    return bytes(cast(memoryview, image.constScanLine(y)))  # typed "object" in PySide6


def _middle_of_longest_run(same: list[bool], low: int, high: int) -> int | None:
    """The middle row of the longest run of identical rows between ``low`` and
    ``high``, if one of at least three rows."""
    best_length, best_middle = 0, None
    start: int | None = None  # first row of the run being read
    for y in range(low, high + 2):
        if y <= high and same[y]:
            if start is None:
                start = y - 1
        elif start is not None:
            length = y - start  # rows start .. y - 1
            if length > best_length:
                best_length, best_middle = length, (start + y - 1) // 2
            start = None
    return best_middle if best_length >= 3 else None


def on_white(image: QImage) -> QImage:
    """``image`` (QtPdf renders on a transparent ground) on white paper, without an
    alpha channel: a transparent picture would make the PDF engine add a mask and
    the Windows one rasterise the page again at the printer's resolution."""
    flatten = QPainter(image)
    flatten.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationOver)
    flatten.fillRect(image.rect(), Qt.GlobalColor.white)
    flatten.end()
    if image.format() == QImage.Format.Format_ARGB32 and image.reinterpretAsFormat(
        QImage.Format.Format_RGB32
    ):
        return image  # every pixel is opaque now: the same bytes, read without alpha
    return image.convertToFormat(QImage.Format.Format_RGB32)


class _PrintThread(QThread):
    page_started = Signal(int, int)

    def __init__(self, data: bytes, printer: QPrinter, pages: Sequence[int]) -> None:
        super().__init__()
        self.printer = printer
        self.outcome: PrintOutcome | None = None
        self.error: BaseException | None = None
        self._data = data
        self._pages = list(pages)
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            self.outcome = print_pdf(
                self._data,
                self.printer,
                self._pages,
                on_page=self.page_started.emit,
                stop=self.stop.is_set,
            )
        except BaseException as error:  # noqa: BLE001 - every error goes back to the GUI thread
            if not isinstance(error, PrintError):
                log.exception("printing failed")
            self.error = error


#: the jobs still printing: kept alive until their thread has finished, whatever
#: happens to the page that started them
_RUNNING: set[PrintJob] = set()


class PrintJob(QObject):
    """Prints PDF bytes on a printer in a worker thread.

    ``page_started(n, total)``, then ``succeeded(PrintOutcome)`` or
    ``failed(exception)``, arrive on the GUI thread. Nothing may use the printer
    until one of the last two has arrived.
    """

    page_started = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, data: bytes, printer: QPrinter, pages: Sequence[int]) -> None:
        super().__init__()
        self.total = len(pages)
        self._thread = _PrintThread(data, printer, pages)
        queued = Qt.ConnectionType.QueuedConnection
        self._thread.page_started.connect(self.page_started, queued)
        self._thread.finished.connect(self._finished, queued)

    def start(self) -> None:
        _RUNNING.add(self)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop_and_wait)
        self._thread.start()

    def cancel(self) -> None:
        """Stop after the page being printed."""
        self._thread.stop.set()

    @property
    def cancelling(self) -> bool:
        return self._thread.stop.is_set()

    @Slot()
    def stop_and_wait(self) -> None:
        """The application is quitting: end the job after this page and wait for it."""
        self.cancel()
        self._thread.wait()

    @Slot()
    def _finished(self) -> None:
        self._thread.wait()  # run() has returned; the thread is done with the printer
        _RUNNING.discard(self)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.disconnect(self.stop_and_wait)
        if self._thread.error is not None:
            self.failed.emit(self._thread.error)
        else:
            self.succeeded.emit(self._thread.outcome)
