"""Where ccdesktop keeps its data: the one place that decides.

Functions only; nothing is created at import. Per-user folders, never the working or
install folder (STYLE.md principle 5).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

APP_FOLDER = "ccdesktop"
DB_FILE_NAME = "ccdesktop.sqlite3"
DB_ENV_VAR = "CCDESKTOP_DB"


def _env_dir(environ: Mapping[str, str], name: str) -> Path | None:
    # The XDG spec says relative values are invalid and must be ignored.
    value = environ.get(name, "")
    return Path(value) if value and os.path.isabs(value) else None


def _home(environ: Mapping[str, str]) -> Path:
    home = environ.get("HOME") or environ.get("USERPROFILE")
    return Path(home) if home else Path.home()


def _windows_local(environ: Mapping[str, str]) -> Path:
    return _env_dir(environ, "LOCALAPPDATA") or _home(environ) / "AppData" / "Local"


def data_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """The per-user folder holding the default database."""
    if sys.platform == "win32":
        return _windows_local(environ) / APP_FOLDER
    if sys.platform == "darwin":
        return _home(environ) / "Library" / "Application Support" / APP_FOLDER
    base = _env_dir(environ, "XDG_DATA_HOME") or _home(environ) / ".local" / "share"
    return base / APP_FOLDER


def default_db_path(environ: Mapping[str, str] = os.environ) -> Path:
    """The database used when neither ``--db`` nor ``CCDESKTOP_DB`` names one."""
    return data_dir(environ) / DB_FILE_NAME


def resolve_db_path(cli_value: str | None, environ: Mapping[str, str] = os.environ) -> Path:
    """``--db`` wins, then ``CCDESKTOP_DB``, then the default."""
    if cli_value:
        return Path(cli_value).expanduser()
    from_env = environ.get(DB_ENV_VAR, "")
    if from_env:
        return Path(from_env).expanduser()
    return default_db_path(environ)


def log_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """The per-user folder for ccdesktop's log files."""
    if sys.platform == "win32":
        return _windows_local(environ) / APP_FOLDER / "logs"
    if sys.platform == "darwin":
        return _home(environ) / "Library" / "Logs" / APP_FOLDER
    base = _env_dir(environ, "XDG_STATE_HOME") or _home(environ) / ".local" / "state"
    return base / APP_FOLDER / "logs"


def backup_dir(db_path: str | os.PathLike[str]) -> Path:
    """The ``backups`` folder next to the database file."""
    return Path(db_path).parent / "backups"


def make_private_dirs(folder: Path) -> None:
    """Create ``folder`` and any missing parents, each readable by the user only.

    ``Path.mkdir(parents=True, mode=...)`` applies the mode to the last folder only,
    so the missing levels are created one by one. Windows ignores the mode: folders
    under %LOCALAPPDATA% are already per-user.
    """
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for level in reversed(missing):
        level.mkdir(mode=0o700, exist_ok=True)
