"""Checking a database: ``quick_check`` on every open, ``integrity_check`` and
``foreign_key_check`` on request ("Check database"), and setting a damaged file aside.

A damaged file is never written to: it is renamed to ``<name>.damaged`` (with its
rollback journal, if any, as ``<name>.damaged-journal``, so SQLite still pairs them)
and the director is offered the newest backup that passes its own check.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .backup import newest_good_backup
from .errors import DatabaseDamagedError, StoreError

log = logging.getLogger(__name__)

DAMAGED_SUFFIX = ".damaged"


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What "Check database" found: integrity problems, and foreign keys that point
    at nothing (table, row id, missing parent table)."""

    path: Path
    integrity: list[str]
    foreign_keys: list[tuple[str, int, str]]

    @property
    def ok(self) -> bool:
        return not self.integrity and not self.foreign_keys

    def lines(self) -> list[str]:
        if self.ok:
            return [
                f"{self.path} is healthy: integrity_check and foreign_key_check found no problems."
            ]
        lines = [f"{self.path} has problems:"]
        lines += [f"integrity_check: {problem}" for problem in self.integrity[:20]]
        lines += [
            f"foreign_key_check: {table} row {rowid} refers to a missing {parent} row"
            for table, rowid, parent in self.foreign_keys[:20]
        ]
        lines.append("Restore the newest good backup (ccdesktop restore FILE, or File > Restore…).")
        return lines


def quick_check(conn: sqlite3.Connection) -> list[str]:
    """``PRAGMA quick_check``'s findings; [] when the file is sound."""
    rows = [str(row[0]) for row in conn.execute("PRAGMA quick_check").fetchall()]
    return [] if rows == ["ok"] else rows


def full_check(conn: sqlite3.Connection, path: Path) -> CheckReport:
    integrity = [str(row[0]) for row in conn.execute("PRAGMA integrity_check").fetchall()]
    foreign = [
        (str(table), int(rowid), str(parent))
        for table, rowid, parent, _fkid in conn.execute("PRAGMA foreign_key_check").fetchall()
    ]
    return CheckReport(path, [] if integrity == ["ok"] else integrity, foreign)


def _free_name(path: Path) -> Path:
    if not path.exists():
        return path
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.name}-{stamp}")


def set_aside_damaged(db_path: Path, problems: list[str]) -> DatabaseDamagedError:
    """Rename the damaged ``db_path`` (and journal) aside; the error to raise."""
    aside = _free_name(db_path.with_name(db_path.name + DAMAGED_SUFFIX))
    journal = db_path.with_name(db_path.name + "-journal")
    try:
        if journal.exists():
            os.replace(journal, aside.with_name(aside.name + "-journal"))
        os.replace(db_path, aside)
    except OSError as error:
        raise StoreError(
            f"The database {db_path} is damaged ({'; '.join(problems[:2])}) and could not be "
            f"moved aside ({error.strerror or error}). It was not changed; copy it somewhere "
            "safe and restore a backup."
        ) from error
    log.error("database failed its check on open and was set aside: %s", problems[:5])
    backup = newest_good_backup(db_path)
    offer = (
        f"The newest good backup is {backup}; restore it (ccdesktop restore FILE, or "
        "File > Restore…)."
        if backup
        else "There is no good backup in the backups folder."
    )
    return DatabaseDamagedError(
        f"The database {db_path} is damaged ({'; '.join(problems[:2])}). It was not "
        f"changed: it is kept as {aside}. {offer}",
        aside,
        backup,
    )
