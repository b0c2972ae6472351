"""Verified copies of a database, and the backups folder's rotation.

Every copy (a backup, "Save a copy", a restore) is made the same way:
``Connection.backup`` into a temporary file in the destination folder (a
consistent snapshot even while others read), ``fsync``, ``PRAGMA integrity_check``
on the copy, and only then an atomic rename onto the final name. A copy that fails
at any step never replaces anything. (``VACUUM INTO`` is not synced and can leave a
broken file behind if interrupted.)

Backups live in the ``backups`` folder beside the database, named
``<stem>-<YYYYmmdd-HHMMSS-ffffff>-<reason>.backup`` (a suffix of their own, so a
backup is never mistaken for, or opened as, the live file), and are made before a schema
upgrade, on the first open of each day, on close after changes, before a restore,
and on request. Rotation (``backups_to_delete``) keeps, per database file:

- every backup made before a schema upgrade (there is one per upgrade, so few);
- the ``KEEP_LATEST`` (10) newest backups;
- the newest backup of each calendar month, for ``KEEP_MONTHS`` (24) months;

and deletes the rest.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .errors import StoreError, raise_sqlite_error
from .paths import backup_dir, make_private_dirs
from .versions import SchemaVersion

KEEP_LATEST = 10
KEEP_MONTHS = 24
UPGRADE_PREFIX = "before-upgrade"
BACKUP_SUFFIX = ".backup"
_STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[a-z0-9.-]+)\.backup$")


@dataclass(frozen=True, slots=True)
class BackupFile:
    path: Path
    taken_at: datetime
    reason: str

    @property
    def keep_always(self) -> bool:
        return self.reason.startswith(UPGRADE_PREFIX)


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no folder handles)."""
    if sys.platform == "win32":  # pragma: no cover
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def integrity_problems(path: Path, quick: bool = False) -> list[str]:
    """What ``integrity_check`` (or ``quick_check``) finds wrong in ``path``; [] if ok.

    Read-only: the file is opened with ``mode=ro`` so checking never writes it.
    """
    pragma = "quick_check" if quick else "integrity_check"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        return [str(error)]
    try:
        rows = conn.execute(f"PRAGMA {pragma}").fetchall()
    except sqlite3.Error as error:
        return [str(error)]
    finally:
        conn.close()
    found = [str(row[0]) for row in rows]
    return [] if found == ["ok"] else found


def write_verified_copy(source: sqlite3.Connection, destination: Path) -> None:
    """Copy ``source``'s database to ``destination`` (replacing it) as described
    above; raise ``StoreError`` and leave ``destination`` as it was on any failure."""
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{destination.name}.", suffix=".partial", dir=destination.parent
    )
    os.close(handle)
    temp_path = Path(temp_name)
    try:
        target = sqlite3.connect(temp_path, isolation_level=None)
        try:
            source.backup(target)
        finally:
            target.close()
        fsync_file(temp_path)
        problems = integrity_problems(temp_path)
        if problems:
            raise StoreError(
                f"The copy written to {destination} failed its check ({'; '.join(problems[:3])}); "
                "nothing was replaced."
            )
        os.replace(temp_path, destination)
        fsync_folder(destination.parent)
    except sqlite3.Error as error:
        raise_sqlite_error(error, destination)
    except OSError as error:
        raise StoreError(
            f"Could not write the copy {destination}: {error.strerror or error}."
        ) from error
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp_path.unlink()


def copy_database(conn: sqlite3.Connection, destination: Path) -> None:
    """Write a checked copy of ``conn``'s database to ``destination`` (replacing it)."""
    write_verified_copy(conn, destination)


def backup_name(db_path: Path, taken_at: datetime, reason: str) -> str:
    return f"{db_path.stem}-{taken_at.strftime(_STAMP_FORMAT)}-{reason}{BACKUP_SUFFIX}"


def _stamp_time(stamp: str) -> datetime | None:
    """The time of a ``_STAMP_FORMAT`` stamp (``YYYYMMDD-HHMMSS-ffffff``, which the
    name's pattern has matched), or None when it names no real time. Sliced rather
    than strptime'd: the first strptime imports and compiles ``_strptime``, a few
    milliseconds of every start (the daily backup check lists the backups)."""
    try:
        return datetime(
            int(stamp[0:4]), int(stamp[4:6]), int(stamp[6:8]),
            int(stamp[9:11]), int(stamp[11:13]), int(stamp[13:15]), int(stamp[16:22]),
        )  # fmt: skip
    except ValueError:
        return None


def parse_backup_name(name: str) -> tuple[str, datetime, str] | None:
    """The database stem, time and reason a backup's file name gives
    (``<stem>-<YYYYmmdd-HHMMSS-ffffff>-<reason>.backup``), or None for a name that is
    not one of ours (or names no real time)."""
    match = _NAME.match(name)
    if match is None:
        return None
    taken_at = _stamp_time(match["stamp"])
    if taken_at is None:
        return None
    return match["stem"], taken_at, match["reason"]


def list_backups(db_path: Path) -> list[BackupFile]:
    """The backups of ``db_path`` in its backups folder, newest first."""
    folder = backup_dir(db_path)
    found: list[BackupFile] = []
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    except OSError as error:
        raise StoreError(f"Cannot read the backups folder {folder}: {error.strerror}.") from error
    for name in names:
        parsed = parse_backup_name(name)
        if parsed is None or parsed[0] != db_path.stem:
            continue
        _stem, taken_at, reason = parsed
        found.append(BackupFile(folder / name, taken_at, reason))
    found.sort(key=lambda backup: backup.taken_at, reverse=True)
    return found


def backups_to_delete(backups: Sequence[BackupFile], now: datetime) -> list[BackupFile]:
    """The rotation of the module docstring: which of ``backups`` may go."""
    newest_first = sorted(backups, key=lambda backup: backup.taken_at, reverse=True)
    keep: set[Path] = {backup.path for backup in newest_first[:KEEP_LATEST]}
    keep |= {backup.path for backup in newest_first if backup.keep_always}
    months_seen: set[tuple[int, int]] = set()
    oldest_month = now.year * 12 + now.month - KEEP_MONTHS
    for backup in newest_first:
        month = (backup.taken_at.year, backup.taken_at.month)
        if (
            month in months_seen
            or backup.taken_at.year * 12 + backup.taken_at.month <= oldest_month
        ):
            continue
        months_seen.add(month)
        keep.add(backup.path)
    return [backup for backup in newest_first if backup.path not in keep]


def rotate_backups(db_path: Path, now: datetime | None = None) -> list[Path]:
    """Delete the backups the rotation lets go; returns their paths."""
    removed: list[Path] = []
    for backup in backups_to_delete(list_backups(db_path), now or datetime.now()):
        with contextlib.suppress(FileNotFoundError):
            backup.path.unlink()
            removed.append(backup.path)
    return removed


def make_backup(conn: sqlite3.Connection, db_path: Path, reason: str) -> Path:
    """A verified backup of ``conn``'s database in the backups folder; then rotate."""
    folder = backup_dir(db_path)
    make_private_dirs(folder)
    taken_at = datetime.now()
    destination = folder / backup_name(db_path, taken_at, reason)
    write_verified_copy(conn, destination)
    rotate_backups(db_path, taken_at)
    return destination


def backup_before_migration(
    conn: sqlite3.Connection, db_path: Path, version: SchemaVersion
) -> Path:
    """Copy the file into the backups folder before it is upgraded from ``version``
    (named ``before-upgrade-v4`` for 4.0, ``before-upgrade-v4.1`` for 4.1)."""
    shown = str(version.major) if version.minor == 0 else str(version)
    return make_backup(conn, db_path, f"{UPGRADE_PREFIX}-v{shown}")


def backed_up_today(db_path: Path, today: datetime | None = None) -> bool:
    day = (today or datetime.now()).date()
    return any(backup.taken_at.date() == day for backup in list_backups(db_path))


def newest_good_backup(db_path: Path) -> Path | None:
    """The newest backup of ``db_path`` that passes ``integrity_check``."""
    for backup in list_backups(db_path):
        if not integrity_problems(backup.path):
            return backup.path
    return None
