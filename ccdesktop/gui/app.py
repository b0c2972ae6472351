"""Start the window: the QApplication, crash handling, and the first database."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import APP_NAME
from ..logs import current_log_path
from .main_window import MainWindow

log = logging.getLogger(__name__)

ORGANIZATION = "ccdesktop"


def make_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, with the names QSettings uses to find our settings."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else [sys.argv[0]])
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_NAME)
    # No setApplicationVersion: nothing of ours reads it back (Help > About and
    # --version read ccdesktop.__version__ when shown), and reading the package
    # metadata here would slow every start of the window. On Windows Qt falls back to
    # the executable's version resource, which the PyInstaller spec fills from it.
    assert isinstance(app, QApplication)
    return app


def _qt_message(mode: QtMsgType, _context: object, message: str) -> None:
    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
    }.get(mode, logging.ERROR)
    logging.getLogger("ccdesktop.qt").log(level, "%s", message)


def _excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    log.critical("unhandled error:\n%s", "".join(traceback.format_exception(kind, error, tb)))
    QMessageBox.critical(
        None,
        QCoreApplication.translate("app", "Unexpected error"),
        QCoreApplication.translate(
            "app",
            "Something went wrong that ccdesktop did not expect. Your saved records are "
            "safe. Details were written to:\n{path}",
        ).format(path=current_log_path() or "the log"),
    )


def run_app(db_path: Path) -> int:
    """Open the window on ``db_path`` and run until it is closed."""
    app = make_application()
    qInstallMessageHandler(_qt_message)
    sys.excepthook = _excepthook
    window = MainWindow.open_path(db_path)
    if window is None:
        return 2
    window.show()
    return app.exec()
