"""Where the file dialogs for the director's own files start.

Exporting, importing, saving a report or a copy, opening a center's file: the dialog
starts in the folder the director last used for that kind of file (remembered in the
settings), else in their Documents folder; never in the app's data folder or the
working folder, which they did not choose and may never find again. (Restoring a
backup starts in the backups folder: that is where backups are.)
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

#: the kinds of files, each with its own remembered folder
CSV = "csv"
PDF = "pdf"
CENTER_FILE = "center"

_KEY = "lastFolder/{0}"


def documents_folder() -> Path:
    """The user's Documents folder; their home folder when there is none."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if location and Path(location).is_dir():
        return Path(location)
    return Path.home()


def start_folder(kind: str) -> Path:
    """The folder last used for ``kind`` if it still exists, else Documents."""
    saved = QSettings().value(_KEY.format(kind))
    if isinstance(saved, str) and saved and Path(saved).is_dir():
        return Path(saved)
    return documents_folder()


def remember_folder(kind: str, chosen: str | Path) -> None:
    """Remember the folder of the file the director chose for ``kind``."""
    if str(chosen):
        QSettings().setValue(_KEY.format(kind), str(Path(chosen).parent))
