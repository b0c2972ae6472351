"""Slow work (imports, reports) off the GUI thread, with progress and one error path.

An operation is a plain function of a ``Database``; it runs in a worker thread on a
connection of its own (a sqlite3 connection belongs to the thread that made it) and
never touches widgets. The result or the error comes back on the GUI thread.

Work that reports its progress takes a second argument, ``report``: called from the
worker with any value, it hands that value to ``on_progress`` on the GUI thread. Once
the operation is cancelled, ``report`` raises ``Cancelled``, so the work stops at its
next report, and neither ``on_success`` nor ``on_failure`` runs.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, overload

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..store.database import Database

log = logging.getLogger(__name__)

#: what work that reports progress calls, in the worker thread
Report = Callable[[object], None]

#: the jobs running now: a job must outlive its run even if its operation (a child of
#: a widget) is deleted meanwhile
_running: set[_Job] = set()


def _forget(job: _Job) -> None:
    _running.discard(job)


class Cancelled(Exception):  # noqa: N818 - a state, like KeyboardInterrupt, not an error
    """Raised inside an operation's work by ``report`` once the operation was cancelled."""


def known_errors() -> tuple[type[BaseException], ...]:
    from ..io.csv_read import CsvImportError
    from ..store.errors import StoreError

    return (StoreError, CsvImportError, OSError, LookupError, Cancelled)


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(object)
    #: the run is over (after succeeded or failed); the argument is the job
    done = Signal(object)


class _Job(QRunnable):
    def __init__(
        self,
        db_path: Path,
        work: Callable[..., Any],
        *,
        reports: bool,
        read_only: bool,
    ) -> None:
        super().__init__()
        self.signals = _Signals()
        self.cancelled = threading.Event()
        self._db_path = db_path
        self._work = work
        self._reports = reports
        self._read_only = read_only

    def report(self, value: object) -> None:
        """Called by the work in the worker thread."""
        if self.cancelled.is_set():
            raise Cancelled
        self.signals.progressed.emit(value)

    def run(self) -> None:
        try:
            with Database.open(self._db_path, read_only=self._read_only) as db:
                if self._reports:
                    result = self._work(db, self.report)
                else:
                    result = self._work(db)
        except BaseException as error:  # noqa: BLE001 - every error goes back to the GUI thread
            if not isinstance(error, known_errors()):
                log.exception("background operation failed")
            self.signals.failed.emit(error)
        else:
            self.signals.succeeded.emit(result)
        self.signals.done.emit(self)


class Operation(QObject):
    """Runs ``work(db)`` in the background with a busy dialog over ``parent``.

    ``on_success(result)`` and ``on_failure(error)`` run on the GUI thread. With
    ``on_progress``, the work is called as ``work(db, report)`` (see the module's
    docstring). ``label=None`` shows no busy dialog: the caller shows the progress
    itself, and ``parent`` stays usable meanwhile. ``read_only`` opens the worker's
    connection read-only, for work that only reads (it then runs in a read-only
    window too).
    """

    finished = Signal()

    @overload
    def __init__(
        self,
        parent: QWidget,
        db_path: Path,
        work: Callable[[Database], Any],
        *,
        label: str | None,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        on_progress: None = None,
        read_only: bool = False,
    ) -> None: ...

    @overload
    def __init__(
        self,
        parent: QWidget,
        db_path: Path,
        work: Callable[[Database, Report], Any],
        *,
        label: str | None,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        on_progress: Callable[[Any], None],
        read_only: bool = False,
    ) -> None: ...

    def __init__(
        self,
        parent: QWidget,
        db_path: Path,
        work: Callable[..., Any],
        *,
        label: str | None,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        on_progress: Callable[[Any], None] | None = None,
        read_only: bool = False,
    ) -> None:
        super().__init__(parent)
        self._job = _Job(db_path, work, reports=on_progress is not None, read_only=read_only)
        self._job.setAutoDelete(False)
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_progress = on_progress
        self._progress: QProgressDialog | None = None
        if label is not None:
            self._progress = QProgressDialog(label, "", 0, 0, parent)
            self._progress.setCancelButton(None)
            self._progress.setWindowModality(Qt.WindowModality.WindowModal)
            self._progress.setMinimumDuration(400)
            self._progress.setWindowTitle(parent.tr("Working"))
        signals = self._job.signals
        signals.succeeded.connect(self._succeeded, Qt.ConnectionType.QueuedConnection)
        signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        signals.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        _running.add(self._job)
        # on the GUI thread, when the run is over (no reference cycle through a closure)
        self._job.signals.done.connect(_forget, Qt.ConnectionType.QueuedConnection)
        QThreadPool.globalInstance().start(self._job)

    @property
    def cancelled(self) -> bool:
        return self._job.cancelled.is_set()

    def cancel(self) -> None:
        """No callback runs from now on; work that reports stops at its next report."""
        self._job.cancelled.set()
        self._close_progress()

    def _close_progress(self) -> None:
        if self._progress is not None:
            self._progress.reset()

    @Slot(object)
    def _progressed(self, value: object) -> None:
        if self._on_progress is not None and not self.cancelled:
            self._on_progress(value)

    @Slot(object)
    def _succeeded(self, result: object) -> None:
        self._close_progress()
        if not self.cancelled:
            self._on_success(result)
        self.finished.emit()
        self.deleteLater()

    @Slot(object)
    def _failed(self, error: object) -> None:
        self._close_progress()
        if not self.cancelled:
            self._on_failure(error)  # type: ignore[arg-type]
        self.finished.emit()
        self.deleteLater()
