"""What a database file or backup holds, in a few figures, read without changing it.

Restoring a backup replaces every record, so before it the director is told what is
in the backup and what is in the current file: the center's name and license
number, how many staff and entries, the latest entry's date, and for a backup when
it was made and why (``<stem>-<date-time>-<reason>.backup``; a file not named so
gives its own modification time and no reason).

The file is opened with ``mode=ro`` and ``query_only``: SQLite cannot write it, not
even to roll back a journal, so a summary never changes a backup. Only columns that
every schema version has are read, so a backup of an older ccdesktop (schema
version 1 on) is summarised as it is, without upgrading it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .backup import parse_backup_name
from .errors import StoreError, raise_sqlite_error
from .header import FileKind, classify_file
from .migrations import SCHEMA_VERSION
from .versions import SchemaVersion

#: SQLite's primary result codes that ``raise_sqlite_error`` turns into plain messages
#: (busy, locked, read-only, corrupt, cannot open, I/O, not a database ...)
_PLAIN_CODES = frozenset({3, 5, 6, 8, 10, 11, 13, 14, 26})


@dataclass(frozen=True, slots=True)
class DatabaseSummary:
    """The figures of one database file (a backup or the current file)."""

    path: Path
    center_name: str
    license_number: str
    staff_count: int
    entry_count: int
    #: the latest ``completed_on`` of any entry; None when there are no entries
    last_entry: date | None
    schema_version: SchemaVersion
    #: when the backup was made, from its file name; else the file's modification time
    taken_at: datetime
    #: why the backup was made, from its file name (``daily``, ``before-restore``,
    #: ``close``, ``manual``, ``before-upgrade-v1`` ...); None for a file not so named
    reason: str | None


def summarise_database(path: Path) -> DatabaseSummary:
    """The figures of the ccdesktop database (or backup) at ``path``, read read-only.

    Raises ``StoreError`` with a message naming the file when it is missing, empty,
    not a ccdesktop database, from a newer ccdesktop, damaged or unreadable; the file
    is left as it was in every case.
    """
    path = Path(path)
    try:
        kind = classify_file(path, SCHEMA_VERSION)
    except OSError as error:
        raise StoreError(f"Cannot read {path}: {error.strerror or error}.") from error
    if kind is FileKind.NEW:
        raise StoreError(f"{path} is empty or missing: it is not a ccdesktop database or backup.")
    try:
        modified = datetime.fromtimestamp(path.stat().st_mtime)
    except OSError as error:
        raise StoreError(f"Cannot read {path}: {error.strerror or error}.") from error
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise_sqlite_error(error, path)
    try:
        conn.execute("PRAGMA query_only = ON")
        version: int = conn.execute("PRAGMA user_version").fetchone()[0]
        row = conn.execute("SELECT name, license_number FROM center WHERE id = 1").fetchone()
        staff_count: int = conn.execute("SELECT count(*) FROM staff").fetchone()[0]
        entry_count, last = conn.execute(
            "SELECT count(*), max(completed_on) FROM training_entry"
        ).fetchone()
    except sqlite3.Error as error:
        code = (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF
        if code in _PLAIN_CODES:
            raise_sqlite_error(error, path)
        raise StoreError(
            f"{path} could not be read as a ccdesktop database ({error}); it was left unchanged."
        ) from error
    finally:
        conn.close()
    name, license_number = (str(row[0]), str(row[1])) if row is not None else ("", "")
    parsed = parse_backup_name(path.name)
    return DatabaseSummary(
        path=path,
        center_name=name.strip(),
        license_number=license_number.strip(),
        staff_count=int(staff_count),
        entry_count=int(entry_count),
        last_entry=_iso_date(last),
        schema_version=SchemaVersion.from_user_version(version),
        taken_at=parsed[1] if parsed else modified,
        reason=parsed[2] if parsed else None,
    )


def _iso_date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _fold(text: str) -> str:
    """Case and spacing do not tell centers apart: ``Sunny  days`` is ``Sunny Days``."""
    return " ".join(text.split()).casefold()


def is_other_center(backup: DatabaseSummary, current: DatabaseSummary) -> bool:
    """Whether ``backup`` is of another center than ``current``.

    The rule: when both files have a license number, the license numbers decide
    (compared ignoring case and spacing): different numbers are another center, equal
    ones the same center, whatever the names (a center that was renamed is still the
    same center). Otherwise, when both have a center name, different names (ignoring
    case and spacing) are another center. An empty name or license number on either
    side tells nothing, so it is never "another center" on its own: a backup made
    before the center's details were typed, or a new file, is taken as the same
    center.
    """
    if backup.license_number and current.license_number:
        return _fold(backup.license_number) != _fold(current.license_number)
    if backup.center_name and current.center_name:
        return _fold(backup.center_name) != _fold(current.center_name)
    return False
