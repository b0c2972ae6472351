"""Logging to a rotating file in the platform log folder.

Logs hold record ids and counts, never names: a log file may be sent to support.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from io import TextIOWrapper
    from logging.handlers import RotatingFileHandler

LOG_FILE_NAME = "ccdesktop.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
_configured_path: Path | None = None


def _private_rotating_handler(path: Path) -> RotatingFileHandler:
    """A RotatingFileHandler whose every file, the first and each one after a
    rotation, is readable by the user only."""
    import logging.handlers

    class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
        def _open(self) -> TextIOWrapper:
            stream = super()._open()
            if os.name == "posix":
                os.chmod(self.baseFilename, 0o600)
            return stream

    return PrivateRotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
    )


class _LogFile(logging.Handler):
    """Writes to the rotating log file, which is made at the first record.

    ``logging.handlers`` brings socket, pickle and queue with it, milliseconds that
    every start of the window would pay though a normal start logs nothing.
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        # under this handler's lock (Handler.handle), so made once even with threads
        if self._file is None:
            self._file = _private_rotating_handler(self.path)
            self._file.setFormatter(self.formatter)
        self._file.emit(record)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def setup_logging(log_dir: Path) -> Path:
    """Send this process's log records to ``log_dir/ccdesktop.log`` (rotated)."""
    global _configured_path
    path = log_dir / LOG_FILE_NAME
    if _configured_path == path:
        return path
    log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.touch(mode=0o600, exist_ok=True)
    handler = _LogFile(path)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("ccdesktop")
    root.setLevel(logging.INFO)
    for old in list(root.handlers):
        if isinstance(old, _LogFile):
            root.removeHandler(old)
            old.close()
    root.addHandler(handler)
    _configured_path = path
    return path


def current_log_path() -> Path | None:
    """The log file this process writes to, if logging was set up."""
    return _configured_path
