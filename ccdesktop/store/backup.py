"""Copies of a database: on request ("Save a copy") and before a migration.

``Connection.backup`` copies a consistent snapshot even while other connections
read; the copy is checked with ``quick_check`` and only then put in place, so a
failed copy never replaces a good file.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path

from .errors import StoreError, raise_sqlite_error
from .paths import backup_dir, make_private_dirs


def copy_database(conn: sqlite3.Connection, destination: Path) -> None:
    """Write a checked copy of ``conn``'s database to ``destination`` (replacing it)."""
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{destination.name}.", suffix=".partial", dir=destination.parent
    )
    os.close(handle)
    temp_path = Path(temp_name)
    try:
        target = sqlite3.connect(temp_path, isolation_level=None)
        try:
            conn.backup(target)
            result = target.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            target.close()
        if result != "ok":
            raise StoreError(f"The copy written to {destination} failed its check ({result}).")
        os.replace(temp_path, destination)
    except sqlite3.Error as error:
        raise_sqlite_error(error, destination)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp_path.unlink()


def backup_before_migration(conn: sqlite3.Connection, db_path: Path, version: int) -> Path:
    """Copy the file into the backups folder before it is upgraded from ``version``."""
    folder = backup_dir(db_path)
    make_private_dirs(folder)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    destination = folder / f"{db_path.stem}-v{version}-{stamp}{db_path.suffix or '.sqlite3'}"
    copy_database(conn, destination)
    return destination
