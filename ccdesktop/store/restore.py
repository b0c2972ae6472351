"""Putting a backup back in place of the database file.

The backup is checked first (ours, not newer, passes ``integrity_check``); the
current file is then backed up (or, if damaged, set aside as ``.damaged``), and the
backup is copied in the verified way of ``backup.write_verified_copy``: a temporary
file beside the database, fsync, check, atomic rename. All of it under the edit
lock, so no other ccdesktop writes meanwhile. An older backup is upgraded on the
next open, after its own pre-upgrade backup.

Before anyone is asked whether to restore, ``plan_restore`` makes the same checks of
the backup and says what it and the current file hold (``summary.py``), and whether
the backup is another center's.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .backup import integrity_problems, make_backup, write_verified_copy
from .checks import quick_check, set_aside_damaged
from .connection import connect
from .errors import DatabaseCorruptError, NotADatabaseError, StoreError, raise_sqlite_error
from .header import FileKind, classify_file
from .lock import acquire
from .migrations import SCHEMA_VERSION
from .paths import make_private_dirs
from .summary import DatabaseSummary, is_other_center, summarise_database

log = logging.getLogger(__name__)

#: SQLITE_CORRUPT and SQLITE_NOTADB: the current file is damaged, not in use
_DAMAGE_CODES = (11, 26)


@dataclass(frozen=True, slots=True)
class RestoreResult:
    #: the backup of the file as it was before the restore (None: there was none)
    saved_current: Path | None
    #: where a damaged current file was set aside (None: it was sound or missing)
    damaged_aside: Path | None


def check_backup(backup: Path) -> None:
    """Refuse (``StoreError``) a file that ``restore_backup`` would not put in place:
    not a ccdesktop database, from a newer ccdesktop, or failing ``integrity_check``."""
    try:
        kind = classify_file(backup, SCHEMA_VERSION)
    except FileNotFoundError as error:  # pragma: no cover - classify reports missing as NEW
        raise StoreError(f"{backup} does not exist.") from error
    except OSError as error:
        raise StoreError(f"Cannot read {backup}: {error.strerror or error}.") from error
    if kind is not FileKind.OURS:
        raise StoreError(
            f"{backup} is empty or missing, not a ccdesktop backup; nothing was changed."
        )
    problems = integrity_problems(backup)
    if problems:
        raise StoreError(
            f"{backup} is damaged ({'; '.join(problems[:2])}); nothing was changed. "
            "Choose another backup."
        )


def _save_current(db_path: Path) -> tuple[Path | None, Path | None]:
    """Back up the current file, or set it aside if it is damaged (never delete it)."""
    try:
        if classify_file(db_path, SCHEMA_VERSION) is FileKind.NEW:
            return None, None
    except NotADatabaseError as error:
        return None, _aside(db_path, [str(error)])
    except OSError as error:
        raise StoreError(f"Cannot read {db_path}: {error.strerror or error}.") from error
    try:
        conn = connect(db_path)
    except (DatabaseCorruptError, NotADatabaseError) as error:
        return None, _aside(db_path, [str(error)])
    try:
        problems = quick_check(conn)
        if not problems:
            return make_backup(conn, db_path, "before-restore"), None
    except sqlite3.Error as error:
        if (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF not in _DAMAGE_CODES:
            raise_sqlite_error(error, db_path)
        problems = [str(error)]
    finally:
        conn.close()
    return None, _aside(db_path, problems)


def _aside(db_path: Path, problems: list[str]) -> Path:
    return Path(str(set_aside_damaged(db_path, problems).damaged_path))


@dataclass(frozen=True, slots=True)
class RestorePlan:
    """What a restore would put in place, beside what it would replace."""

    backup: DatabaseSummary
    #: the current file's figures; None when there is no current file yet, or when it
    #: cannot be read (``current_problem`` then says why: it would be set aside)
    current: DatabaseSummary | None
    current_problem: str | None = None

    @property
    def other_center(self) -> bool:
        """The backup is of another center (the rule of ``summary.is_other_center``)."""
        return self.current is not None and is_other_center(self.backup, self.current)


def plan_restore(db_path: Path, backup: Path) -> RestorePlan:
    """Summarise ``backup`` and the current file ``db_path``, both read-only, before
    anyone is asked whether to restore. A backup the restore would refuse (the
    database itself, not ours, newer, failing ``integrity_check``) is refused here
    with the same ``StoreError``; nothing is changed."""
    db_path, backup = Path(db_path), Path(backup)
    if _same_file(db_path, backup):
        raise StoreError(f"{backup} is the database itself; choose a backup file.")
    summary = summarise_database(backup)  # its plain message for a file not ours
    check_backup(backup)
    if not db_path.exists():
        return RestorePlan(summary, None)
    try:
        current = summarise_database(db_path)
    except StoreError as error:
        return RestorePlan(summary, None, str(error))
    return RestorePlan(summary, current)


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.exists() and one.resolve() == other.resolve()
    except OSError:
        return False


def restore_backup(db_path: Path, backup: Path) -> RestoreResult:
    """Replace ``db_path`` with a verified copy of ``backup`` (see module docstring)."""
    db_path, backup = Path(db_path), Path(backup)
    if _same_file(db_path, backup):
        raise StoreError(f"{backup} is the database itself; choose a backup file.")
    check_backup(backup)
    make_private_dirs(db_path.parent)
    lock = acquire(db_path)
    try:
        saved, damaged = _save_current(db_path)
        # A leftover journal beside the file would be played into the restored copy.
        journal = db_path.with_name(db_path.name + "-journal")
        if journal.exists():
            os.replace(journal, journal.with_name(journal.name + ".replaced"))
        try:
            source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        except sqlite3.Error as error:
            raise_sqlite_error(error, backup)
        try:
            write_verified_copy(source, db_path)
        finally:
            source.close()
        with contextlib.suppress(OSError):
            os.chmod(db_path, 0o600)
    finally:
        lock.release()
    log.info("restored the database from a backup")
    return RestoreResult(saved, damaged)
