"""One measured window, in a process of its own: ``python -m tests.benchmarks.gui_child
MODE [DB [YEAR]]`` prints one JSON object on its last line.

Modes:
  bare-start   a bare PySide6 main window: the monotonic clock at its first paint
  widgets-start  a main window with the kinds of widgets ccdesktop's first frame has
               (menus with shortcuts, a tool bar, a status bar, a page list, headed
               tiles and a table on a Python model), none of ccdesktop's code: the
               same, so the report can say what Qt itself costs beyond a bare window
  app-start    ccdesktop as a director starts it (``ccdesktop --db DB``): the same,
               and the clock when the dashboard's figures were first painted
  bare-memory  a bare PySide6 main window shown: peak resident memory
  app-entries  ccdesktop on DB showing the Training page of YEAR (or of all years,
               given ``all`` after YEAR): the time of each sort and filter of that
               table, the model's row count, peak memory
  app-edit     ccdesktop on DB showing the Training or Staff page of YEAR, one edit
               of an entry at a time through the session, as the window does it and
               the old way (everything read again): the time from the command to the
               window idle again (``app-edit DB YEAR PAGE EDITS``)
  app-print    ccdesktop on DB showing the Reports page of YEAR, its report previewed,
               printed (pages 1 to LAST, REPEAT times) to a PDF file printer through
               Print, then once the old way (1200 dpi on the GUI thread): for each,
               the longest the GUI thread went without running a 10 ms timer's Python
               slot, the time in all and the bytes spooled (``print_child``)
  app-preview  the import wizard on DB previewing the training CSV given after DB
               (``app-preview DB CSV``): the time from Next to the preview shown, the
               longest gap between the ticks of a 10 ms timer meanwhile (how long the
               window was frozen), the same gap with the window idle, the rows shown,
               the time closing the wizard takes (it lets go of the rows read)
  parse-once   the io parser alone reading and checking the training CSV (``parse-once
               CSV``), as an import reads it: the seconds it takes
  worker-floor a window with the same 10 ms timer while a worker thread runs plain
               Python for SECONDS (``worker-floor SECONDS``): the longest gap between
               ticks, the least any worker thread costs a window (the threads take
               turns with Python's interpreter lock)

Both start modes import the same modules before their window (PySide6.QtWidgets), so
their difference is what ccdesktop itself adds. The parent sets QT_QPA_PLATFORM and
points the per-user folders at a temporary place.

How the start modes see the first paint: the QApplication is a ``ProbeApplication``,
whose ``exec()`` (called by ccdesktop's ``run_app`` as by the bare window, once the
window is shown) puts an event filter on the main window before the event loop runs,
when nothing can have been painted yet (checked: the window is not exposed). An
application-wide filter would see the same paint, but would also take every event of
every object into Python before it, which costs the window with more widgets more:
a cost of the measuring, not of the window.
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import date

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB."""
    # Linux: VmHWM belongs to this address space. getrusage's ru_maxrss is not usable
    # here: Linux carries it over from the parent through fork and exec, so a child of
    # a big parent would report the parent's peak.
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes on macOS


class FirstPaint(QObject):
    """Notes when the main window has painted a whole frame for the first time and,
    when given the dashboard's first figure, when that was first painted with a value;
    quits once it has seen what it waits for."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.painted_at: float | None = None
        self.figures_at: float | None = None
        self._figures: QLabel | None = None

    def watch(self, window: QMainWindow, figures: QLabel | None) -> None:
        window.installEventFilter(self)
        self._figures = figures
        if figures is not None:
            figures.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.Paint:
            return False
        if self.painted_at is None and isinstance(watched, QMainWindow):
            self.painted_at = -1.0
            # A zero timer fires after the rest of this frame (the children) is painted.
            QTimer.singleShot(0, self._painted)
        elif (
            self.figures_at is None
            and watched is self._figures
            and self._figures is not None
            and self._figures.text()
        ):
            # Noted at the paint itself: a zero timer started here could fire only after
            # the work the window queues once its figures are shown (building the pages
            # behind it), which would be counted against the figures.
            self.figures_at = time.monotonic()
            QTimer.singleShot(0, self._quit_when_done)
        return False

    def _painted(self) -> None:
        self.painted_at = time.monotonic()
        self._quit_when_done()

    def _quit_when_done(self) -> None:
        waiting = self._figures is not None and (self.figures_at or 0) <= 0
        if (self.painted_at or 0) > 0 and not waiting:
            self.app.quit()


class ProbeApplication(QApplication):
    """The QApplication of the start modes: starts watching the main window (see the
    module's docstring) when the event loop is entered."""

    def __init__(self, argv: list[str]) -> None:
        super().__init__(argv)
        self.probe = FirstPaint(self)

    def exec(self) -> int:  # type: ignore[override]
        windows = [w for w in self.topLevelWidgets() if isinstance(w, QMainWindow)]
        assert len(windows) == 1, windows
        window = windows[0]
        handle = window.windowHandle()
        assert handle is not None and not handle.isExposed(), "painted before exec()"
        # the dashboard's first tile ("short of their hours"); absent in the bare window
        self.probe.watch(window, window.findChild(QLabel, "shortTileNumber"))
        QTimer.singleShot(60_000, self.quit)  # never hang the benchmark
        return super().exec()


def widgets_window() -> QMainWindow:
    """The reference window of ``widgets-start`` (see the module's docstring)."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import (
        QHBoxLayout,
        QListWidget,
        QSpinBox,
        QStackedWidget,
        QTableView,
        QVBoxLayout,
        QWidget,
    )

    Index = QModelIndex | QPersistentModelIndex

    class Model(QAbstractTableModel):
        def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
            return 0

        def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
            return 5

        def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
            return None

        def headerData(  # noqa: N802
            self, section: int, orientation: Qt.Orientation, role: int = 0
        ) -> object:
            if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
                return f"Column {section + 1}"
            return None

    window = QMainWindow()
    window.resize(1280, 720)
    for title in ("&File", "&Edit", "&View", "&Help"):
        menu = window.menuBar().addMenu(title)
        for number in range(6):
            action = QAction(f"Action {number}", window)
            action.setShortcut(QKeySequence(f"Ctrl+Shift+{number}"))
            menu.addAction(action)
    quit_action = QAction("Quit", window)
    quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
    menu.addAction(quit_action)
    toolbar = window.addToolBar("Year")
    toolbar.addWidget(QLabel("Year:"))
    toolbar.addWidget(QSpinBox())
    window.statusBar().addPermanentWidget(QLabel("/home/center.sqlite3"))
    central = QWidget()
    row = QHBoxLayout(central)
    pages = QListWidget()
    pages.addItems(["Dashboard", "Staff", "Training", "Flags", "Reports", "Settings"])
    pages.setFixedWidth(160)
    row.addWidget(pages)
    stack = QStackedWidget()
    page = QWidget()
    column = QVBoxLayout(page)
    column.addWidget(QLabel("<h2>Clock hours in 2026</h2>"))
    tiles = QHBoxLayout()
    for text in ("short of their hours", "have met their hours", "staff need clock hours"):
        tiles.addWidget(QLabel(text))
    column.addLayout(tiles)
    table = QTableView()
    table.setModel(Model(table))
    table.setAlternatingRowColors(True)
    column.addWidget(table, 1)
    stack.addWidget(page)
    row.addWidget(stack, 1)
    window.setCentralWidget(central)
    return window


def start(mode: str, db: str | None) -> dict[str, float]:
    app = ProbeApplication([sys.argv[0]])
    if mode in ("bare-start", "widgets-start"):
        window = widgets_window() if mode == "widgets-start" else QMainWindow()
        window.resize(1280, 720)
        window.show()
        app.exec()
    else:
        from ccdesktop.cli import main

        assert db is not None
        code = main(["--db", db])
        if code != 0:
            raise SystemExit(f"ccdesktop exited with {code}")
    probe = app.probe
    assert probe.painted_at and probe.painted_at > 0, "no paint seen"
    result = {"painted_at": probe.painted_at}
    if mode == "app-start":
        assert probe.figures_at and probe.figures_at > 0, "the dashboard showed no figures"
        result["figures_at"] = probe.figures_at
    return result


def bare_memory() -> dict[str, float]:
    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    window.resize(1280, 720)
    window.show()
    for _ in range(3):
        app.processEvents()
    window.grab()
    return {"peak_mb": peak_rss_mb()}


def app_entries(db: str, year: int, all_years: bool) -> dict[str, float]:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QListWidget

    from ccdesktop.gui.app import make_application
    from ccdesktop.gui.main_window import MainWindow
    from ccdesktop.gui.models.entries_model import COLUMNS, VerdictFilter
    from ccdesktop.gui.pages.entries import ALL_YEARS, EntriesPage
    from ccdesktop.gui.session import Session
    from ccdesktop.store.database import Database

    app = make_application([sys.argv[0]])
    window = MainWindow(Session(Database.open(db)))
    window.session.set_year(year)
    window.show()
    app.processEvents()
    page = window.page(EntriesPage)  # built now if the window has not built it yet
    nav = window.findChild(QListWidget, "navigation")
    assert isinstance(page, EntriesPage) and nav is not None
    titles = [nav.item(row).text() for row in range(nav.count())]
    nav.setCurrentRow(titles.index(page.tr(EntriesPage.title)))
    app.processEvents()
    assert page.isVisible(), "the Training page did not open"
    if all_years:
        page.year_combo.setCurrentIndex(page.year_combo.findData(ALL_YEARS))
        app.processEvents()
    rows = page.model.rowCount()

    timings: dict[str, float] = {}

    def timed(name: str, action: object) -> None:
        started = time.perf_counter()
        action()  # type: ignore[operator]
        app.processEvents()  # the view takes the new order / rows and repaints
        timings[name] = (time.perf_counter() - started) * 1000

    for column, title in enumerate(COLUMNS):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            direction = "up" if order is Qt.SortOrder.AscendingOrder else "down"
            timed(
                f"sort {title} {direction}", lambda c=column, o=order: page.table.sortByColumn(c, o)
            )
    timed("sort Date up", lambda: page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder))
    some_staff = page.model.entry_at(rows // 2).staff_id if rows else None
    timed("filter text 'safe sleep'", lambda: page.model.set_text("safe sleep"))
    timed("filter text cleared", lambda: page.model.set_text(""))
    timed("filter denied", lambda: page.model.set_verdict(VerdictFilter.DENIED))
    timed("filter with warnings", lambda: page.model.set_verdict(VerdictFilter.WITH_WARNINGS))
    timed("filter verdict cleared", lambda: page.model.set_verdict(VerdictFilter.ALL))
    timed("filter one person", lambda: page.model.set_person(some_staff))
    timed("filter person cleared", lambda: page.model.set_person(None))

    started = time.perf_counter()
    for _ in range(1000):
        page.model.rowCount()
    row_count_ms = time.perf_counter() - started  # 1000 calls: seconds -> ms per call
    result: dict[str, float] = {
        "rows": rows,
        "row_count_ms": row_count_ms,
        "peak_mb": peak_rss_mb(),
    }
    result.update({f"ms:{name}": value for name, value in timings.items()})
    window.close()
    return result


def app_edit(db: str, year: int, page_name: str, edits: int) -> dict[str, object]:
    """``app-edit DB YEAR PAGE EDITS``: the window on DB showing PAGE (``training`` or
    ``staff``) of YEAR, then EDITS rounds of one edit of an entry's hours through the
    session (an ``EditEntry``, as the form makes it): once as the window does it (the
    people it touched read again and re-audited) and once the old way (the command
    says nothing of what it touched: everything read again and audited), each timed
    from the command until the events it caused are handled (the pages refreshed and
    repainted). Also one edit that moves an entry to another date, and where the time
    of the edits goes (the session's update, the page's refresh, the repaint)."""
    from PySide6.QtCore import QEventLoop

    from ccdesktop.gui.app import make_application
    from ccdesktop.gui.commands import EditEntry
    from ccdesktop.gui.main_window import MainWindow
    from ccdesktop.gui.pages.base import Page
    from ccdesktop.gui.pages.entries import EntriesPage
    from ccdesktop.gui.pages.staff import StaffPage
    from ccdesktop.gui.session import Session
    from ccdesktop.store.database import Database

    app = make_application([sys.argv[0]])
    window = MainWindow(Session(Database.open(db, daily_backup=False)))
    session = window.session
    session.set_year(year)
    window.resize(1280, 720)
    window.show()
    app.processEvents()
    page_class: type[Page] = EntriesPage if page_name == "training" else StaffPage
    page = window.show_page(page_class)
    app.processEvents()
    assert page.isVisible(), f"the {page_name} page did not open"
    # the window builds its other pages once the first has settled: let it finish
    settle = QEventLoop()
    QTimer.singleShot(1000, settle.quit)
    settle.exec()
    entries = [r.entry for r in session.audit().entries]
    assert entries, "the year has no entries"

    spent: dict[str, float] = {}

    def timed(owner: object, name: str, label: str) -> None:
        original = getattr(owner, name)

        def wrapper(*args: object, **kwargs: object) -> object:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.perf_counter() - started

        setattr(owner, name, wrapper)

    timed(session, "_bring_up_to_date", "session")
    timed(session, "_forget", "session")
    timed(page, "refresh", "page")

    def idle() -> None:
        # the events the command caused (repaints, queued refreshes), until none is left
        for _ in range(3):
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)

    def edit(entry_index: int, old_way: bool, **changes: object) -> tuple[float, dict[str, float]]:
        before = entries[entry_index]
        current = session.db.get_entry(before.id)  # type: ignore[arg-type]
        after = current.replace(**changes)
        command = EditEntry(session.db, current, after)
        if old_way:
            command.touched = lambda: None  # type: ignore[method-assign]
        idle()
        spent.clear()
        started = time.perf_counter()
        assert session.perform(command)
        idle()
        total = time.perf_counter() - started
        assert page.up_to_date
        phases = {name: seconds * 1000 for name, seconds in spent.items()}
        return total * 1000, phases

    middle = len(entries) // 2
    first, first_phases = edit(middle, False, clock_hours=entries[middle].clock_hours + 25)
    partial: list[tuple[float, dict[str, float]]] = []
    reload: list[float] = []
    for number in range(edits):  # taking turns, so a busy moment hits both alike
        target = middle + 1 + number
        hours = entries[target].clock_hours
        partial.append(edit(target, False, clock_hours=hours + 25))
        reload.append(edit(target, True, clock_hours=hours)[0])
    moved = min(
        edit(middle + edits + 1 + n, False, completed_on=date(year, 7, 1 + n))[0]
        for n in range(edits)
    )
    best, phases = min(partial, key=lambda result: result[0])
    phases["repaint and the rest"] = best - sum(phases.values())
    result: dict[str, object] = {
        "partial_ms": best,
        "first_ms": first,
        "first_phases": first_phases,
        "reload_ms": min(reload),
        "moved_ms": moved,
        "phases": phases,
        "rows": len(entries),
    }
    window.close()
    return result


#: the ticking timer that shows how long the window is frozen
TICK_MS = 10
#: how long the idle window is watched, and the window after its preview is shown
IDLE_S = 1.0
AFTER_S = 0.3


def largest_gap_ms(ticks: list[float], start: float, end: float) -> float:
    """The longest time between two ticks (or the ends) from ``start`` to ``end``."""
    times = [start, *(t for t in ticks if start < t < end), end]
    return max(b - a for a, b in zip(times, times[1:], strict=False)) * 1000


def app_preview(db: str, csv_path: str) -> dict[str, float]:
    from PySide6.QtCore import Qt

    from ccdesktop.gui.app import make_application
    from ccdesktop.gui.import_wizard import PREVIEW_PAGE, ImportWizard
    from ccdesktop.gui.session import Session
    from ccdesktop.store.database import Database

    app = make_application([sys.argv[0]])
    session = Session(Database.open(db))
    wizard = ImportWizard(session)
    wizard.file_page.training_radio.setChecked(True)
    wizard.file_page.path_edit.setText(csv_path)
    wizard.show()
    page = wizard.preview_page
    ticks: list[float] = []
    marks: dict[str, float] = {}
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))

    def start_preview() -> None:
        marks["next"] = time.perf_counter()
        wizard.next()
        assert wizard.currentId() == PREVIEW_PAGE

    def shown() -> None:
        if "next" in marks and "shown" not in marks and not page.reading:
            marks["shown"] = time.perf_counter()
            # counted now: quitting closes the wizard, which lets go of its rows
            marks["rows"] = page.model.rowCount()
            marks["problems"] = len(page.model.problems())
            QTimer.singleShot(int(AFTER_S * 1000), close)

    def close() -> None:
        # quitting closes the wizard, which lets go of the rows read: timed apart
        marks["close"] = time.perf_counter()
        wizard.close()
        marks["closed"] = time.perf_counter()
        app.quit()

    page.completeChanged.connect(shown)
    QTimer.singleShot(200, timer.start)  # once the window is up
    QTimer.singleShot(200, lambda: marks.setdefault("idle", time.perf_counter()))
    QTimer.singleShot(int((0.2 + IDLE_S) * 1000), start_preview)
    QTimer.singleShot(600_000, app.quit)  # never hang the benchmark
    app.exec()
    assert "closed" in marks, "the preview was never shown"
    result = {
        "preview_s": marks["shown"] - marks["next"],
        "frozen_ms": largest_gap_ms(ticks, marks["next"], marks["close"]),
        "close_ms": (marks["closed"] - marks["close"]) * 1000,
        "idle_ms": largest_gap_ms(ticks, marks["idle"], marks["next"]),
        "rows": marks["rows"],
        "problems": marks["problems"],
        "peak_mb": peak_rss_mb(),
    }
    return result


def parse_once(csv_path: str) -> dict[str, float]:
    from ccdesktop.io.training_csv import parse_training_csv_with_problems

    started = time.perf_counter()
    parsed, problems = parse_training_csv_with_problems(csv_path)
    return {"parse_s": time.perf_counter() - started, "rows": len(parsed.rows) + len(problems)}


def worker_floor(seconds: float) -> dict[str, float]:
    import threading

    from PySide6.QtCore import Qt

    app = QApplication([sys.argv[0]])
    window = QLabel("ticking")
    window.show()
    ticks: list[float] = []
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    marks: dict[str, float] = {}
    worker = threading.Thread()

    def work() -> None:
        cells: dict[int, str] = {}
        while time.perf_counter() - marks["start"] < seconds:
            for number in range(1000):
                cells[number % 97] = str(number)
        marks["end"] = time.perf_counter()

    def start() -> None:
        nonlocal worker
        marks["start"] = time.perf_counter()
        worker = threading.Thread(target=work, daemon=True)
        worker.start()
        timer.timeout.connect(lambda: None if worker.is_alive() else app.quit())

    QTimer.singleShot(200, timer.start)
    QTimer.singleShot(250, start)
    QTimer.singleShot(600_000, app.quit)
    app.exec()
    return {"frozen_ms": largest_gap_ms(ticks, marks["start"], marks["end"])}


def main() -> None:
    mode = sys.argv[1]
    db = sys.argv[2] if len(sys.argv) > 2 else None
    if mode in ("bare-start", "widgets-start", "app-start"):
        result = start(mode, db)
    elif mode == "bare-memory":
        result = bare_memory()
    elif mode == "app-entries":
        assert db is not None
        result = app_entries(db, int(sys.argv[3]), sys.argv[4:5] == ["all"])
    elif mode == "app-edit":
        assert db is not None
        result = app_edit(db, int(sys.argv[3]), sys.argv[4], int(sys.argv[5]))
    elif mode == "app-print":
        from .print_child import app_print

        assert db is not None
        result = app_print(db, int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
    elif mode == "app-preview":
        assert db is not None
        result = app_preview(db, sys.argv[3])
    elif mode == "parse-once":
        assert db is not None  # the CSV
        result = parse_once(db)
    elif mode == "worker-floor":
        assert db is not None  # the seconds
        result = worker_floor(float(db))
    else:
        raise SystemExit(f"unknown mode {mode}")
    print(json.dumps(result), flush=True)
    # Skip interpreter shutdown: tearing down a window with 100,000 rows takes long and
    # PySide6 has crashed in its final garbage collection; the result is out already.
    os._exit(0)


if __name__ == "__main__":
    main()
