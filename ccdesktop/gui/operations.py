"""Slow work (imports, reports) off the GUI thread, with progress and one error path.

An operation is a plain function of a ``Database``; it runs in a worker thread on a
connection of its own (a sqlite3 connection belongs to the thread that made it) and
never touches widgets. The result or the error comes back on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..store.database import Database

log = logging.getLogger(__name__)


def known_errors() -> tuple[type[BaseException], ...]:
    from ..io.csv_read import CsvImportError
    from ..store.errors import StoreError

    return (StoreError, CsvImportError, OSError, LookupError)


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, db_path: Path, work: Callable[[Database], Any]) -> None:
        super().__init__()
        self.signals = _Signals()
        self._db_path = db_path
        self._work = work

    def run(self) -> None:
        try:
            with Database.open(self._db_path) as db:
                result = self._work(db)
        except BaseException as error:  # noqa: BLE001 - every error goes back to the GUI thread
            if not isinstance(error, known_errors()):
                log.exception("background operation failed")
            self.signals.failed.emit(error)
        else:
            self.signals.succeeded.emit(result)


class Operation(QObject):
    """Runs ``work(db)`` in the background with a busy dialog over ``parent``.

    ``on_success(result)`` and ``on_failure(error)`` run on the GUI thread.
    """

    finished = Signal()

    def __init__(
        self,
        parent: QWidget,
        db_path: Path,
        work: Callable[[Database], Any],
        *,
        label: str,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        super().__init__(parent)
        self._job = _Job(db_path, work)
        self._job.setAutoDelete(False)
        self._on_success = on_success
        self._on_failure = on_failure
        self._progress = QProgressDialog(label, "", 0, 0, parent)
        self._progress.setCancelButton(None)
        self._progress.setWindowModality(Qt.WindowModality.WindowModal)
        self._progress.setMinimumDuration(400)
        self._progress.setWindowTitle(parent.tr("Working"))
        self._job.signals.succeeded.connect(self._succeeded, Qt.ConnectionType.QueuedConnection)
        self._job.signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        QThreadPool.globalInstance().start(self._job)

    @Slot(object)
    def _succeeded(self, result: object) -> None:
        self._progress.reset()
        self._on_success(result)
        self.finished.emit()
        self.deleteLater()

    @Slot(object)
    def _failed(self, error: object) -> None:
        self._progress.reset()
        self._on_failure(error)  # type: ignore[arg-type]
        self.finished.emit()
        self.deleteLater()
