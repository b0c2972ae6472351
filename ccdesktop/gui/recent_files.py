"""The recently opened center files, newest first, kept in the user's settings.

A leaf module: the main window (File > Open recent) and the welcome page (its Recent
files list) both read it, and it imports nothing of the window's.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

RECENT_FILES_KEY = "recentFiles"
MAX_RECENT_FILES = 8


def recent_files() -> list[str]:
    """The files opened lately, newest first, as absolute paths."""
    value = QSettings().value(RECENT_FILES_KEY, [])
    if isinstance(value, str):  # QSettings gives a lone string for a one-item list
        return [value]
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return []


def remember_recent_file(path: Path) -> None:
    """Put ``path`` first in the list (once), keeping the newest few."""
    name = str(Path(path).resolve())
    files = [name] + [f for f in recent_files() if f != name]
    QSettings().setValue(RECENT_FILES_KEY, files[:MAX_RECENT_FILES])
