"""Slow work (imports, reports) off the GUI thread, with progress and one error path.

An operation is a plain function of a ``Database``; it runs in a thread of its own on
a connection of its own (a sqlite3 connection belongs to the thread that made it) and
never touches widgets. The result or the error comes back on the GUI thread.

As Anki's ``CollectionOp`` does, an operation does by default what most callers want:
an error it knows (a refused write, a bad file, a file it cannot read) is shown in one
message box over the widget it was started from, and a write to the session's file
ends in the session (``Session.after_write``: its undo command, if it has one, goes on
the undo stack, and every page is told). A caller passes ``on_failure`` only to show an
error its own way.

Work that reports its progress takes a second argument, ``report``: called from the
worker with any value, it hands that value to ``on_progress`` on the GUI thread. Once
the operation is cancelled, ``report`` raises ``Cancelled``, so the work stops at its
next report, and neither ``on_success`` nor ``on_failure`` runs (nor the session is
told).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, overload

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ..io.csv_read import CsvImportError
from ..store.database import Database
from ..store.errors import StoreError
from .commands import StoreCommand
from .session import Session

log = logging.getLogger(__name__)

#: what work that reports progress calls, in the worker thread
Report = Callable[[object], None]

#: the errors an operation expects (their message is for the director); any other is a
#: bug, logged with its traceback
KNOWN_ERRORS: tuple[type[BaseException], ...] = (
    StoreError,
    CsvImportError,
    OSError,
    LookupError,
)

#: the threads running now: each is kept until the GUI thread has seen it end and
#: waited for it, whatever happens meanwhile to the operation (a child of a widget
#: that may be deleted first)
_running: set[_Worker] = set()


class Cancelled(Exception):  # noqa: N818 - a state, like KeyboardInterrupt, not an error
    """Raised inside an operation's work by ``report`` once the operation was cancelled."""


def error_text(error: BaseException) -> str:
    """The words for the director: the message of a known error, a file's name and
    the system's reason for an OSError."""
    if isinstance(error, OSError) and error.strerror:
        return f"{error.filename}: {error.strerror}" if error.filename else error.strerror
    if isinstance(error, KNOWN_ERRORS):
        return str(error)
    return QCoreApplication.translate(
        "operations",
        "something went wrong that ccdesktop did not expect ({0}); the details are in the log",
    ).format(type(error).__name__)


class _Worker(QThread):
    """One operation's thread: opens the file, runs the work, sends back the outcome."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(object)
    #: the work is over (after succeeded or failed); the argument is this worker
    ended = Signal(object)

    def __init__(
        self, db_path: Path, work: Callable[..., Any], *, reports: bool, read_only: bool
    ) -> None:
        super().__init__()
        self.cancelled = threading.Event()
        self._db_path = db_path
        self._work = work
        self._reports = reports
        self._read_only = read_only
        # on the GUI thread; a function, not a slot of this object, which it deletes
        self.ended.connect(_forget, Qt.ConnectionType.QueuedConnection)

    def begin(self) -> None:
        _running.add(self)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop_and_wait)
        self.start()

    def report(self, value: object) -> None:
        """Called by the work in the worker thread."""
        if self.cancelled.is_set():
            raise Cancelled
        self.progressed.emit(value)

    def run(self) -> None:
        try:
            with Database.open(self._db_path, read_only=self._read_only) as db:
                if self._reports:
                    result = self._work(db, self.report)
                else:
                    result = self._work(db)
        except BaseException as error:  # noqa: BLE001 - every error goes back to the GUI thread
            if not isinstance(error, (*KNOWN_ERRORS, Cancelled)):
                log.exception("background operation failed")
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)
        self.ended.emit(self)

    @Slot()
    def stop_and_wait(self) -> None:
        """The application is quitting: stop at the work's next report, and wait."""
        self.cancelled.set()
        self.wait()


def _forget(worker: _Worker) -> None:
    """The worker's run is over: wait for its thread to end, then let go of it."""
    worker.wait()
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.disconnect(worker.stop_and_wait)
    _running.discard(worker)


class Operation(QObject):
    """Runs ``work(db)`` in the background with a busy dialog over ``parent``.

    ``source`` is the window's session (the work runs on its file; a write then ends
    in the session, see the module's docstring) or the path of another file (the
    sample center being built). ``undo(result)`` gives the undo command of what a write
    did (already applied), or None when it changed nothing to undo.

    ``on_success(result)`` and ``on_failure(error)`` run on the GUI thread; without
    ``on_failure`` the error is shown in a message box over ``parent``, its text
    ``failure_text`` with the error's words in place of ``{0}``. With ``on_progress``,
    the work is called as ``work(db, report)`` (see the module's docstring).
    ``label=None`` shows no busy dialog: the caller shows the progress itself, and
    ``parent`` stays usable meanwhile. ``read_only`` opens the worker's connection
    read-only, for work that only reads (it then runs in a read-only window too, and
    the session is not told of a change).
    """

    finished = Signal()

    @overload
    def __init__(
        self,
        parent: QWidget,
        source: Session | Path,
        work: Callable[[Database], Any],
        *,
        label: str | None,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: None = None,
        read_only: bool = False,
        undo: Callable[[Any], StoreCommand | None] | None = None,
        failure_text: str = "{0}",
    ) -> None: ...

    @overload
    def __init__(
        self,
        parent: QWidget,
        source: Session | Path,
        work: Callable[[Database, Report], Any],
        *,
        label: str | None,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[Any], None],
        read_only: bool = False,
        undo: Callable[[Any], StoreCommand | None] | None = None,
        failure_text: str = "{0}",
    ) -> None: ...

    def __init__(
        self,
        parent: QWidget,
        source: Session | Path,
        work: Callable[..., Any],
        *,
        label: str | None,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[Any], None] | None = None,
        read_only: bool = False,
        undo: Callable[[Any], StoreCommand | None] | None = None,
        failure_text: str = "{0}",
    ) -> None:
        super().__init__(parent)
        self._session = source if isinstance(source, Session) else None
        db_path = source.path if isinstance(source, Session) else source
        self._worker = _Worker(db_path, work, reports=on_progress is not None, read_only=read_only)
        self._writes = not read_only
        self._undo = undo
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_progress = on_progress
        self._failure_text = failure_text
        self._progress: QProgressDialog | None = None
        if label is not None:
            self._progress = QProgressDialog(label, "", 0, 0, parent)
            self._progress.setCancelButton(None)
            self._progress.setWindowModality(Qt.WindowModality.WindowModal)
            self._progress.setMinimumDuration(400)
            self._progress.setWindowTitle(parent.tr("Working"))
        queued = Qt.ConnectionType.QueuedConnection
        self._worker.succeeded.connect(self._succeeded, queued)
        self._worker.failed.connect(self._failed, queued)
        self._worker.progressed.connect(self._progressed, queued)

    def start(self) -> None:
        self._worker.begin()

    @property
    def cancelled(self) -> bool:
        return self._worker.cancelled.is_set()

    def cancel(self) -> None:
        """No callback runs from now on; work that reports stops at its next report."""
        self._worker.cancelled.set()
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
            if self._writes and self._session is not None:
                self._session.after_write(None if self._undo is None else self._undo(result))
            if self._on_success is not None:
                self._on_success(result)
        self._end()

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self._close_progress()
        if not self.cancelled:
            if self._on_failure is not None:
                self._on_failure(error)
            else:
                self.show_failure(error)
        self._end()

    def show_failure(self, error: BaseException) -> None:
        """The one error dialog: a message box over the operation's widget."""
        parent = self.parent()
        assert isinstance(parent, QWidget)
        QMessageBox.warning(
            parent, parent.tr("ccdesktop"), self._failure_text.format(error_text(error))
        )

    def _end(self) -> None:
        self.finished.emit()
        # the callbacks often hold the widget this operation is a child of: let go of
        # them now, so no cycle waits for the garbage collector
        self._on_success = self._on_failure = self._on_progress = self._undo = None
        self.deleteLater()
