"""The ``app-print`` mode of ``gui_child``: printing the Reports page's report, the new
way (Print: 300 dpi, in a worker thread) and the old way (every page at the printer's
1200 dpi on the GUI thread, as before issue 12), in the same window.

How frozen is measured: a 10 ms timer whose slot is Python (as most of the window's
slots and paint handlers are) notes the clock at each tick; the longest gap between two
ticks, or from the click to the first tick, or from the last tick to the end, is the
longest the window could not run its own code: no repaint of a page, no Cancel.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QPointF, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter


def old_print_document(document: QPdfDocument, printer: QPrinter) -> int:
    """How Print worked before issue 12 (ccdesktop 4f62304): each page rendered at
    the printer's resolution and drawn on the GUI thread."""
    first, last = printer.fromPage(), printer.toPage()
    if first == 0 and last == 0:
        first, last = 1, document.pageCount()
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be opened")
    printed = 0
    try:
        for page in range(first - 1, last):
            if printed:
                printer.newPage()
            area: QRect = painter.viewport()
            points = document.pagePointSize(page)
            scale = min(area.width() / points.width(), area.height() / points.height())
            size = QSize(int(points.width() * scale), int(points.height() * scale))
            image = document.render(page, size)
            painter.drawImage(QPointF(area.x(), area.y()), image)
            printed += 1
    finally:
        painter.end()
    return printed


class Ticks:
    """A 10 ms timer with a Python slot, and the longest gap between its ticks."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(10)
        self.timer.timeout.connect(lambda: self.times.append(time.perf_counter()))

    def measure(self, action: object) -> tuple[float, float]:
        """(longest gap, seconds in all) while ``action(done)`` runs to ``done()``."""
        loop = QEventLoop()
        self.times.clear()
        self.timer.start()
        started = time.perf_counter()
        action(loop.quit)  # type: ignore[operator]
        loop.exec()
        ended = time.perf_counter()
        self.timer.stop()
        marks = [started, *self.times, ended]
        return max(b - a for a, b in zip(marks, marks[1:], strict=False)), ended - started


def app_print(db: str, year: int, last_page: int, repeat: int) -> dict[str, float]:
    from PySide6.QtWidgets import QListWidget

    from ccdesktop.gui.app import make_application
    from ccdesktop.gui.main_window import MainWindow
    from ccdesktop.gui.pages.reports import ReportsPage
    from ccdesktop.gui.session import Session
    from ccdesktop.store.database import Database

    app = make_application()
    window = MainWindow(Session(Database.open(db)))
    window.session.set_year(year)
    window.resize(1280, 720)
    window.show()
    app.processEvents()
    page = window.page(ReportsPage)
    nav = window.findChild(QListWidget, "navigation")
    assert isinstance(page, ReportsPage) and nav is not None
    titles = [nav.item(row).text() for row in range(nav.count())]
    nav.setCurrentRow(titles.index(page.tr(ReportsPage.title)))
    app.processEvents()
    assert page.isVisible(), "the Reports page did not open"

    page.build_preview()
    deadline = time.monotonic() + 300
    while not page.save_button.isEnabled():
        assert time.monotonic() < deadline, "the preview was not built"
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    pages = page.document.pageCount()
    last = min(last_page, pages)

    out = Path(db).with_name("printed.pdf")

    def accept(dialog: QPrintDialog) -> int:  # the print dialog, answered at once
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setFromTo(1, last)
        return QPrintDialog.DialogCode.Accepted

    QPrintDialog.exec = accept  # type: ignore[method-assign, assignment]
    ticks = Ticks()

    def print_new(done: object) -> None:
        page.print_report()
        job = page.print_job
        assert job is not None, page.status.text()
        job.succeeded.connect(done)
        job.failed.connect(done)

    new = [ticks.measure(print_new) for _ in range(repeat)]
    assert page.status.text() == f"Sent {last} pages to the printer.", page.status.text()
    new_bytes = out.stat().st_size

    def print_old(done: object) -> None:
        def run() -> None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
            accept(QPrintDialog(printer, page))
            assert old_print_document(page.document, printer) == last
            done()  # type: ignore[operator]

        QTimer.singleShot(0, run)

    old_frozen, old_total = ticks.measure(print_old)
    old_bytes = out.stat().st_size

    render_started = time.perf_counter()
    for number in range(last):
        size = page.document.pagePointSize(number) * (300 / 72)
        page.document.render(number, size.toSize())
    render = time.perf_counter() - render_started

    window.close()
    return {
        "pages": last,
        "report_pages": pages,
        "new_frozen": min(frozen for frozen, _ in new),
        "new_frozen_worst": max(frozen for frozen, _ in new),
        "new_total": min(total for _, total in new),
        "new_bytes": new_bytes,
        "old_frozen": old_frozen,
        "old_total": old_total,
        "old_bytes": old_bytes,
        "render_300": render,
    }
