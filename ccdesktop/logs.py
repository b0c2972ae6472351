"""Logging to a rotating file in the platform log folder.

Logs hold record ids and counts, never names: a log file may be sent to support.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

LOG_FILE_NAME = "ccdesktop.log"
_configured_path: Path | None = None


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Every log file it opens, the first and each one after a rotation, is readable by
    the user only."""

    def _open(self):  # type: ignore[no-untyped-def]
        stream = super()._open()
        if os.name == "posix":
            os.chmod(self.baseFilename, 0o600)
        return stream


def setup_logging(log_dir: Path) -> Path:
    """Send this process's log records to ``log_dir/ccdesktop.log`` (rotated)."""
    global _configured_path
    path = log_dir / LOG_FILE_NAME
    if _configured_path == path:
        return path
    log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.touch(mode=0o600, exist_ok=True)
    handler = _PrivateRotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("ccdesktop")
    root.setLevel(logging.INFO)
    for old in list(root.handlers):
        if isinstance(old, logging.handlers.RotatingFileHandler):
            root.removeHandler(old)
            old.close()
    root.addHandler(handler)
    _configured_path = path
    return path


def current_log_path() -> Path | None:
    """The log file this process writes to, if logging was set up."""
    return _configured_path
