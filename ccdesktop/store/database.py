"""One center's database: open (checked, created, migrated), transactions, and the
repository methods that load and save domain records.

Every write validates with ``domain.validation`` first and is one transaction; the
schema's CHECK constraints stay as the last line of defence, and their failures come
back as ``RecordRejected`` with readable problems.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from types import TracebackType

from ..domain.records import Center, CenterData, Staff, TrainingEntry
from ..domain.validation import (
    Problem,
    normalise_mopd_id,
    validate_center,
    validate_entry,
    validate_staff,
)
from . import center_repo, entries_repo, staff_repo
from .backup import backup_before_migration, copy_database
from .connection import Transactions, check_sqlite_version, connect
from .convert import entry_row
from .errors import RecordRejected, StoreError, raise_sqlite_error
from .header import FileKind, classify_file
from .migrations import MIGRATIONS, SCHEMA_VERSION, Migration, migrate, user_version
from .paths import make_private_dirs
from .schema import explain_constraint

__all__ = ["SCHEMA_VERSION", "Database"]

log = logging.getLogger(__name__)


def _create_empty_file(path: Path) -> None:
    make_private_dirs(path.parent)
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return  # an existing empty file: SQLite writes the schema into it
    os.close(handle)


def _staff_label(staff: Staff) -> str:
    return f"Staff member {staff.full_name}" if staff.full_name else "The staff member"


def _entry_label(entry: TrainingEntry) -> str:
    return f"Training entry {entry.title.strip()!r} on {entry.completed_on.isoformat()}"


class Database:
    """An open ccdesktop database file. Use from one thread; close when done."""

    def __init__(self, conn: sqlite3.Connection, path: Path, transactions: Transactions) -> None:
        # Use Database.open(): it checks, creates and migrates the file first.
        self._conn = conn
        self._tx = transactions
        self.path = path

    # --- opening and closing ---------------------------------------------------------

    @classmethod
    def open(
        cls, path: str | os.PathLike[str], *, migrations: Sequence[Migration] = MIGRATIONS
    ) -> Database:
        """Open ``path``, creating it if missing or empty and upgrading an older file.

        A file that is not a ccdesktop database, or is from a newer ccdesktop, is
        refused before SQLite opens it, so it is left unchanged. ``migrations`` is
        for tests of the migration framework.
        """
        check_sqlite_version()
        db_path = Path(path)
        target = len(migrations)
        try:
            if classify_file(db_path, target) is FileKind.NEW:
                _create_empty_file(db_path)
        except OSError as error:
            raise StoreError(f"Cannot open {db_path}: {error.strerror or error}.") from error
        conn = connect(db_path)
        try:
            transactions = Transactions(conn, db_path)
            current = user_version(conn)
            if 0 < current < target:
                copy = backup_before_migration(conn, db_path, current)
                log.info("backed up schema version %d to %s before upgrading", current, copy)
            reached = migrate(conn, transactions, migrations)
            if reached != current:
                log.info("database schema upgraded from version %d to %d", current, reached)
        except sqlite3.Error as error:
            conn.close()
            raise_sqlite_error(error, db_path)
        except BaseException:
            conn.close()
            raise
        return cls(conn, db_path, transactions)

    @property
    def schema_version(self) -> int:
        with self._errors():
            return user_version(self._conn)

    def close(self) -> None:
        """Close the file; an unfinished transaction is rolled back. Safe to repeat."""
        self._conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def transaction(self) -> AbstractContextManager[None]:
        """All or nothing. A nested ``with db.transaction()`` joins the outer one."""
        return self._tx.transaction()

    @contextmanager
    def _errors(self, summary: str = "The record was not saved") -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as error:
            raise_sqlite_error(error, self.path, summary, explain_constraint)

    def save_copy(self, destination: str | os.PathLike[str]) -> None:
        """Write a checked copy of this database to ``destination``."""
        target = Path(destination)
        if target.exists() and target.resolve() == self.path.resolve():
            raise StoreError(f"{target} is the open database itself; choose another file.")
        copy_database(self._conn, target)

    # --- the center ------------------------------------------------------------------

    def get_center(self) -> Center:
        with self._errors():
            return center_repo.read_center(self._conn)

    def set_center(self, center: Center) -> None:
        summary = "The center's details were not saved"
        problems = validate_center(center)
        if problems:
            raise RecordRejected(summary, problems)
        with self.transaction(), self._errors(summary):
            center_repo.write_center(self._conn, center)

    # --- staff -----------------------------------------------------------------------

    def list_staff(self) -> list[Staff]:
        """Every staff member, by last name, first name, id."""
        with self._errors():
            return staff_repo.list_staff(self._conn)

    def get_staff(self, staff_id: int) -> Staff:
        with self._errors():
            staff = staff_repo.find_staff(self._conn, staff_id)
        if staff is None:
            raise RecordRejected(
                f"Staff member {staff_id} was not found",
                [Problem("id", f"there is no staff member with id {staff_id}")],
            )
        return staff

    def _checked_staff(self, staff: Staff, summary: str) -> Staff:
        """``staff`` ready to save (MOPD ID trimmed), or RecordRejected."""
        problems = validate_staff(staff)
        mopd_id = normalise_mopd_id(staff.mopd_id)
        if mopd_id is not None:
            holder = staff_repo.mopd_id_holder(self._conn, mopd_id, staff.id)
            if holder is not None:
                problems.append(
                    Problem("mopd_id", f"{mopd_id} is already used by {holder.full_name}")
                )
        if problems:
            raise RecordRejected(summary, problems)
        return staff if mopd_id == staff.mopd_id else staff.replace(mopd_id=mopd_id)

    def add_staff(self, staff: Staff) -> Staff:
        """Save a new staff member; returns it with its id. A set ``id`` is kept (undo)."""
        summary = f"{_staff_label(staff)} was not saved"
        with self.transaction(), self._errors(summary):
            staff = self._checked_staff(staff, summary)
            new_id = staff_repo.insert_staff(self._conn, staff)
        log.info("added staff %d", new_id)
        return staff.replace(id=new_id)

    def update_staff(self, staff: Staff) -> Staff:
        summary = f"{_staff_label(staff)} was not saved"
        if staff.id is None:
            raise RecordRejected(summary, [Problem("id", "the staff member was never saved")])
        with self.transaction(), self._errors(summary):
            staff = self._checked_staff(staff, summary)
            if not staff_repo.update_staff(self._conn, staff):
                raise RecordRejected(
                    summary, [Problem("id", f"there is no staff member with id {staff.id}")]
                )
        return staff

    def delete_staff(self, staff_id: int) -> list[TrainingEntry]:
        """Delete a staff member and all their entries; returns the deleted entries."""
        with self.transaction(), self._errors("The staff member was not deleted"):
            self.get_staff(staff_id)
            entries = entries_repo.list_entries(self._conn, staff_id=staff_id)
            entries_repo.delete_entries_of(self._conn, staff_id)
            staff_repo.delete_staff(self._conn, staff_id)
        log.info("deleted staff %d with %d entries", staff_id, len(entries))
        return entries

    # --- training entries ------------------------------------------------------------

    def list_entries(
        self, staff_id: int | None = None, year: int | None = None
    ) -> list[TrainingEntry]:
        """Entries (of one person, of one year), by date, start time (none last), id."""
        with self._errors():
            return entries_repo.list_entries(self._conn, staff_id, year)

    def get_entry(self, entry_id: int) -> TrainingEntry:
        with self._errors():
            entry = entries_repo.find_entry(self._conn, entry_id)
        if entry is None:
            raise RecordRejected(
                f"Training entry {entry_id} was not found",
                [Problem("id", f"there is no training entry with id {entry_id}")],
            )
        return entry

    def next_entry_id(self) -> int:
        """The id the next new entry will get (engine previews of unsaved drafts)."""
        with self._errors():
            return entries_repo.next_entry_id(self._conn)

    @staticmethod
    def _entry_problems(entry: TrainingEntry, staff_ids: set[int]) -> list[Problem]:
        problems = validate_entry(entry)
        if entry.staff_id not in staff_ids:
            problems.append(
                Problem("staff_id", f"there is no staff member with id {entry.staff_id}")
            )
        return problems

    def add_entry(self, entry: TrainingEntry) -> TrainingEntry:
        """Save a new entry; returns it with its id. A set ``id`` is kept (undo)."""
        return self.add_entries([entry])[0]

    def add_entries(self, entries: Iterable[TrainingEntry]) -> list[TrainingEntry]:
        """Save new entries, all or none; returns them with their ids, in order."""
        entries = list(entries)
        if not entries:
            return []
        if len(entries) == 1:
            summary = f"{_entry_label(entries[0])} was not saved"
        else:
            summary = f"None of the {len(entries)} training entries was saved"
        with self.transaction(), self._errors(summary):
            staff_ids = staff_repo.staff_ids(self._conn)
            problems: list[Problem] = []
            for number, entry in enumerate(entries, start=1):
                found = self._entry_problems(entry, staff_ids)
                if len(entries) > 1:
                    where = f" (entry {number}: {_entry_label(entry)})"
                    found = [Problem(p.field, p.message + where) for p in found]
                problems += found
            if problems:
                raise RecordRejected(summary, problems)
            # Number new entries ourselves, as inserting them one by one would (max + 1
            # at each step), so one executemany inserts them all and we still know
            # every id (executemany does not report them).
            next_id = entries_repo.next_entry_id(self._conn)
            saved: list[TrainingEntry] = []
            for entry in entries:
                entry_id = next_id if entry.id is None else entry.id
                if entry.id is None:
                    entry = entry.replace(id=entry_id)
                next_id = max(next_id, entry_id + 1)
                saved.append(entry)
            entries_repo.insert_entries(self._conn, [entry_row(entry) for entry in saved])
        log.info("added %d entries", len(saved))
        return saved

    def update_entry(self, entry: TrainingEntry) -> TrainingEntry:
        summary = f"{_entry_label(entry)} was not saved"
        if entry.id is None:
            raise RecordRejected(summary, [Problem("id", "the entry was never saved")])
        with self.transaction(), self._errors(summary):
            problems = self._entry_problems(entry, staff_repo.staff_ids(self._conn))
            if problems:
                raise RecordRejected(summary, problems)
            if not entries_repo.update_entry(self._conn, entry):
                raise RecordRejected(
                    summary, [Problem("id", f"there is no training entry with id {entry.id}")]
                )
        return entry

    def delete_entry(self, entry_id: int) -> TrainingEntry:
        """Delete one entry; returns it (so undo can add it back with its id)."""
        with self.transaction(), self._errors("The training entry was not deleted"):
            entry = self.get_entry(entry_id)
            entries_repo.delete_entry(self._conn, entry_id)
        return entry

    # --- everything at once ----------------------------------------------------------

    def load(self) -> CenterData:
        """The center, all staff and all entries, as one consistent snapshot."""
        with self._tx.transaction(write=False), self._errors():
            center = center_repo.read_center(self._conn)
            staff = staff_repo.list_staff(self._conn)
            entries = entries_repo.list_entries(self._conn)
        return CenterData(center, tuple(staff), tuple(entries))
