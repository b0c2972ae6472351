"""Opening a database file, step by step, before any record is read or written.

For editing (``open_file``): classify the file by its header (refusing another
program's file or one of a newer schema major before SQLite touches it), take the
edit lock, create a missing or empty file, connect and run ``quick_check`` (a damaged
file is set aside as ``.damaged``), back up before an upgrade or on the first open of
the day, then migrate. Read-only (``open_read_only``): no lock, no backup, nothing
written; a file of a newer minor of our major (a later release wrote it) is always
opened so (``versions.py`` says why). For a command that only reads
(``open_file_for_reading``): read-only when the file is current or newer, else the
ordinary open and its lock.

Each returns an ``Opened``: the connection and what ``Database`` needs to know about
how it was opened. ``Database.open`` and ``Database.open_for_reading`` wrap it.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from .backup import backed_up_today, backup_before_migration, make_backup
from .checks import quick_check, set_aside_damaged
from .connection import Transactions, check_sqlite_version, connect
from .errors import (
    DatabaseCorruptError,
    DatabaseInUseError,
    NewerSchemaError,
    NotADatabaseError,
    StoreError,
    raise_sqlite_error,
)
from .header import FileKind, classify_file, header_version
from .lock import EditLock, acquire, lock_path, read_lock
from .migrations import Migration, migrate, schema_version, target_version
from .paths import make_private_dirs
from .versions import SchemaVersion

log = logging.getLogger(__name__)

#: SQLITE_CORRUPT and SQLITE_NOTADB on a file whose header says it is ours: damage
_DAMAGE_CODES = (11, 26)


class Created(NamedTuple):
    """How a file that ``open_file`` created was before: an empty file there
    (``existed``), or nothing, with ``folders`` made for it (deepest first)."""

    existed: bool
    folders: list[Path]


class Opened(NamedTuple):
    """A checked, current connection to ``path`` and how it was opened."""

    conn: sqlite3.Connection
    path: Path
    transactions: Transactions
    #: held when opened for editing
    edit_lock: EditLock | None = None
    #: why writes are refused, when opened read-only
    read_only_reason: str | None = None
    #: set when this open created the file (see ``Database.close_discarding_new_file``)
    created: Created | None = None


def open_file(
    path: str | os.PathLike[str],
    migrations: Sequence[Migration],
    *,
    read_only: bool = False,
    take_over: bool = False,
    daily_backup: bool = True,
) -> Opened:
    """Open ``path`` as ``Database.open`` describes."""
    check_sqlite_version()
    db_path = Path(path)
    target = target_version(migrations)
    created = None
    try:
        kind = classify_file(db_path, target)
        newer = kind is FileKind.OURS and header_version(db_path).reads_as_newer_minor_of(target)
        if kind is FileKind.NEW and not read_only:
            created = _created_state(db_path)
            make_private_dirs(db_path.parent)
    except OSError as error:
        raise StoreError(f"Cannot open {db_path}: {error.strerror or error}.") from error
    if read_only or newer:
        return open_read_only(db_path, kind, target)
    edit_lock = acquire(db_path, take_over=take_over)
    try:
        if kind is FileKind.NEW:
            try:
                _create_empty_file(db_path)
            except OSError as error:
                raise StoreError(f"Cannot open {db_path}: {error.strerror or error}.") from error
        conn = connect_checked(db_path, set_aside=True)
        transactions = Transactions(conn, db_path)
        try:
            upgraded = _back_up_and_migrate(conn, transactions, db_path, migrations, daily_backup)
        except sqlite3.Error as error:
            conn.close()
            raise_sqlite_error(error, db_path)
        except BaseException:
            conn.close()
            raise
    except BaseException:
        edit_lock.release()
        raise
    if not upgraded:
        # a later release upgraded it to a newer minor since its header was read
        conn.close()
        edit_lock.release()
        return open_read_only(db_path, kind, target)
    return Opened(conn, db_path, transactions, edit_lock=edit_lock, created=created)


def _back_up_and_migrate(
    conn: sqlite3.Connection,
    transactions: Transactions,
    db_path: Path,
    migrations: Sequence[Migration],
    daily_backup: bool,
) -> bool:
    """Back up (before an upgrade, or the day's first open) and migrate to the last of
    ``migrations``; False, doing neither, for a file of a newer minor."""
    current = schema_version(conn)
    target = target_version(migrations)
    if _newer_than(current, target, db_path):
        return False
    if SchemaVersion(0) < current < target:
        copy = backup_before_migration(conn, db_path, current)
        log.info("backed up schema version %s to %s before upgrading", current, copy)
    elif current.major and daily_backup and not backed_up_today(db_path):
        make_backup(conn, db_path, "daily")
    reached = migrate(conn, transactions, migrations)
    if reached != current:
        log.info("database schema upgraded from version %s to %s", current, reached)
    return True


def open_file_for_reading(path: str | os.PathLike[str], migrations: Sequence[Migration]) -> Opened:
    """Open ``path`` as ``Database.open_for_reading`` describes."""
    check_sqlite_version()
    db_path = Path(path)
    target = target_version(migrations)
    try:
        kind = classify_file(db_path, target)
        version = header_version(db_path) if kind is FileKind.OURS else SchemaVersion(0)
    except OSError as error:
        raise StoreError(f"Cannot open {db_path}: {error.strerror or error}.") from error
    damage: DatabaseCorruptError | None = None
    if kind is FileKind.OURS and version >= target:  # of our major: classify_file says so
        try:
            return open_read_only(db_path, kind, target)
        except DatabaseCorruptError as error:
            damage = error  # open_file sets it aside and names the newest good backup
    try:
        return open_file(db_path, migrations)
    except DatabaseInUseError as error:
        if damage is not None:
            raise damage from error  # not set aside while another ccdesktop has it
        who = describe_holder(error.holder)
        if kind is FileKind.NEW:
            raise StoreError(
                f"{db_path} holds no records yet (it is open for editing by {who}); "
                "there is nothing to read."
            ) from error
        raise StoreError(
            f"{db_path} was saved by an older ccdesktop and must be upgraded before it "
            f"can be read. That happens when it is opened for editing, but it is open "
            f"for editing by {who}; try again when they have closed it."
        ) from error


def open_read_only(db_path: Path, kind: FileKind, target: SchemaVersion) -> Opened:
    """A read-only connection to a file already classified as ``kind``: no edit lock,
    nothing written; the reason every write is refused says the file is of a newer
    minor, or names who edits it, if anyone."""
    if kind is FileKind.NEW:
        raise StoreError(f"{db_path} holds no records yet; there is nothing to view.")
    holder = read_lock(lock_path(db_path))
    if holder is not None:
        reason = (
            f"{db_path} is open for editing by {holder.describe()}. This window is "
            "read-only, so nothing was changed."
        )
    else:
        reason = f"{db_path} was opened read-only, so nothing was changed."
    conn = connect_checked(db_path, set_aside=False)
    try:
        conn.execute("PRAGMA query_only = ON")  # the last line behind transaction()
        version = schema_version(conn)
        if version < target:
            raise StoreError(
                f"{db_path} was saved by an older ccdesktop and must be upgraded first; "
                "that happens when it is opened for editing (when no one else has it open)."
            )
        if _newer_than(version, target, db_path):
            reason = (
                f"{db_path} was saved by a newer ccdesktop (database version {version}; "
                f"this one writes version {target}). It is open read-only here, so nothing "
                "was changed: install the newer ccdesktop on this computer to change it."
            )
    except sqlite3.Error as error:
        conn.close()
        raise_sqlite_error(error, db_path)
    except BaseException:
        conn.close()
        raise
    return Opened(conn, db_path, Transactions(conn, db_path), read_only_reason=reason)


def _newer_than(version: SchemaVersion, target: SchemaVersion, db_path: Path) -> bool:
    """Whether a connected file's ``version`` is a newer minor of ``target``'s major
    (to be opened read-only); ``NewerSchemaError`` for a newer major, which a later
    release can have written since ``classify_file`` read the header."""
    if version.major > target.major:
        raise NewerSchemaError(
            f"{db_path} was saved by a newer ccdesktop (database version {version}; "
            f"this ccdesktop reads versions up to {target.major}.x). Install the newer "
            "ccdesktop to open it."
        )
    return version.reads_as_newer_minor_of(target)


def connect_checked(db_path: Path, *, set_aside: bool) -> sqlite3.Connection:
    """A connection to ``db_path`` after ``quick_check`` passed. A damaged file is
    set aside (``set_aside``; never when another ccdesktop has it open) and the
    ``DatabaseDamagedError`` raised, or else ``DatabaseCorruptError``."""
    try:
        conn = connect(db_path)
    except (DatabaseCorruptError, NotADatabaseError) as error:
        problems = [str(error.__cause__ or error)]
    else:
        try:
            problems = quick_check(conn)
        except sqlite3.Error as error:
            if (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF not in _DAMAGE_CODES:
                conn.close()
                raise_sqlite_error(error, db_path)
            problems = [str(error)]
        if not problems:
            return conn
        conn.close()
    if set_aside:
        raise set_aside_damaged(db_path, problems)
    raise DatabaseCorruptError(
        f"The database {db_path} is damaged ({'; '.join(problems[:2])}). It was not "
        "changed. Restore it from a backup."
    )


def describe_holder(holder: object) -> str:
    """Who holds a lock (a ``DatabaseInUseError.holder``), in words."""
    describe = getattr(holder, "describe", None)
    return str(describe()) if callable(describe) else "another ccdesktop"


def _created_state(path: Path) -> Created | None:
    """How the file ``open_file`` is about to create is now: missing (with the folders
    to make) or empty. None for a blank SQLite file: it is not put back."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return Created(False, _missing_folders(path.parent))
    return Created(True, []) if size == 0 else None


def _missing_folders(folder: Path) -> list[Path]:
    """``folder`` and its parents that do not exist yet, deepest first."""
    missing: list[Path] = []
    while not folder.exists() and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    return missing


def _create_empty_file(path: Path) -> None:
    make_private_dirs(path.parent)
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return  # an existing empty file: SQLite writes the schema into it
    os.close(handle)
