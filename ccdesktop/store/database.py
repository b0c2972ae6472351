"""One center's database: the open connection, transactions, and the repository
methods that load and save domain records. Opening it (checked, created, migrated,
locked) is ``opening.py``'s.

Every write validates with ``domain.validation`` first and is one transaction; the
schema's CHECK constraints stay as the last line of defence, and their failures come
back as ``RecordRejected`` with readable problems.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar

from ..domain.records import (
    Center,
    CenterData,
    Staff,
    TrainingEntry,
)
from ..domain.validation import (
    Problem,
    normalise_mopd_id,
    validate_center,
    validate_entry,
    validate_staff,
)
from . import center_repo, entries_repo, history, staff_repo
from .backup import copy_database, make_backup
from .checks import CheckReport, full_check
from .convert import entry_rows
from .errors import ReadOnlyError, RecordRejected, StoreError, raise_sqlite_error
from .history import Change
from .lock import EditLock
from .migrations import MIGRATIONS, SCHEMA_VERSION, Migration, schema_version
from .opening import Opened, describe_holder, open_file, open_file_for_reading
from .schema import explain_constraint
from .versions import SchemaVersion

if TYPE_CHECKING:  # the engine is imported when first asked for, after the first paint
    from ..domain.reaudit import PeopleRecords

__all__ = ["SCHEMA_VERSION", "Database", "describe_holder"]

log = logging.getLogger(__name__)


def _staff_label(staff: Staff) -> str:
    return f"Staff member {staff.full_name}" if staff.full_name else "The staff member"


def _entry_label(entry: TrainingEntry) -> str:
    return f"Training entry {entry.title.strip()!r} on {entry.completed_on.isoformat()}"


class Database:
    """An open ccdesktop database file. Use from one thread; close when done.

    Opened for editing, it holds the file's edit lock (``lock.py``); opened
    read-only (another ccdesktop is editing it), every write is refused with a plain
    message naming who has the file.
    """

    def __init__(self, opened: Opened) -> None:
        # Use Database.open(): it checks, creates and migrates the file first.
        self._conn = opened.conn
        self._tx = opened.transactions
        self.path = opened.path
        self._lock = opened.edit_lock
        self._read_only_reason = opened.read_only_reason
        self._created = opened.created
        self._changes_at_open = self._conn.total_changes
        self._data_version_at_open = self._data_version()
        self._closed = False

    # --- opening and closing ---------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        migrations: Sequence[Migration] = MIGRATIONS,
        read_only: bool = False,
        take_over: bool = False,
        daily_backup: bool = True,
    ) -> Database:
        """Open ``path``, creating it if missing or empty and upgrading an older file.

        A file that is not a ccdesktop database, or is from a newer ccdesktop, is
        refused before SQLite opens it, so it is left unchanged. Every open runs
        ``quick_check``; a damaged file is set aside as ``.damaged`` and
        ``DatabaseDamagedError`` names the newest good backup. Opening for editing
        takes the edit lock (``DatabaseInUseError`` if another ccdesktop holds it;
        ``take_over`` takes a stale one), backs up before an upgrade and on the first
        open of the day (``daily_backup``). ``read_only`` opens without the lock.
        ``migrations`` is for tests of the migration framework. The steps are in
        ``opening.py``.
        """
        return cls(
            open_file(
                path,
                migrations,
                read_only=read_only,
                take_over=take_over,
                daily_backup=daily_backup,
            )
        )

    @classmethod
    def open_for_reading(
        cls, path: str | os.PathLike[str], *, migrations: Sequence[Migration] = MIGRATIONS
    ) -> Database:
        """Open ``path`` for a command that only reads it (audit, report, check, backup).

        A file that is there at this schema version is opened read-only: no edit lock
        is taken and nothing is written beside it (no lock file, no daily backup), so
        it can be read while a window or another command has it open for editing, and
        reading it never makes a window starting meanwhile find the file in use. A
        file that must first be created (missing or empty), upgraded (an older
        version) or set aside (damaged) needs ``open`` and its edit lock, as before;
        if another ccdesktop holds the lock then, ``StoreError`` says what could not
        be done and who has the file.
        """
        return cls(open_file_for_reading(path, migrations))

    @property
    def read_only(self) -> bool:
        return self._read_only_reason is not None

    @property
    def read_only_reason(self) -> str | None:
        """Why writes are refused (another ccdesktop holds the file), or None."""
        if self._lock is not None and self._lock.lost:
            return (
                f"Another ccdesktop took over editing of {self.path} while this one was "
                "not responding. Nothing was changed; open the file again to see its records."
            )
        return self._read_only_reason

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def edit_lock(self) -> EditLock | None:
        return self._lock

    def _data_version(self) -> int:
        version: int = self._conn.execute("PRAGMA data_version").fetchone()[0]
        return version

    @property
    def changed(self) -> bool:
        """Whether anything was written since the file was opened: through this
        connection, or through another one (a background import) that committed."""
        return (
            self._conn.total_changes > self._changes_at_open
            or self._data_version() != self._data_version_at_open
        )

    @property
    def schema_version(self) -> SchemaVersion:
        with self._errors():
            return schema_version(self._conn)

    def close(self) -> None:
        """Close the file; an unfinished transaction is rolled back. Safe to repeat."""
        self._conn.close()
        if self._lock is not None and not self._closed:
            self._lock.release()
        self._closed = True

    def close_discarding_new_file(self) -> bool:
        """Close; and if this open created the file (it was missing or empty) and it
        still holds nothing (the default center, no staff, no entries), put it back as
        it was: remove it, with any folders made for it, or empty it again. So a
        command refused on a new ``--db`` leaves nothing behind. Returns whether the
        file was discarded. Safe to repeat."""
        if self._closed:
            return False
        created = self._created
        discard = created is not None and self._holds_nothing()
        self._conn.close()
        try:
            if discard:
                assert created is not None
                with contextlib.suppress(FileNotFoundError):
                    self.path.with_name(self.path.name + "-journal").unlink()
                if created.existed:
                    os.truncate(self.path, 0)
                else:
                    self.path.unlink()
        finally:
            self.close()
        if discard:
            assert created is not None
            for folder in created.folders:  # deepest first; the lock file has gone
                try:
                    folder.rmdir()
                except OSError:
                    break  # not empty (something else is in it), or not ours to remove
            log.info("discarded the new, empty database a failed command created")
        return discard

    def _holds_nothing(self) -> bool:
        try:
            with self._tx.transaction(write=False):
                return (
                    center_repo.read_center(self._conn) == Center()
                    and not staff_repo.any_staff(self._conn)
                    and entries_repo.next_entry_id(self._conn) == 1
                )
        except (sqlite3.Error, StoreError):
            return False

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
        """All or nothing. A nested ``with db.transaction()`` joins the outer one.

        Refused with ``ReadOnlyError`` when the file is open read-only."""
        reason = self.read_only_reason
        if reason is not None:
            raise ReadOnlyError(reason)
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

    # --- safety: backups, checks, history ---------------------------------------------

    def backup(self, reason: str = "manual") -> Path:
        """A verified backup in the backups folder (then rotation); returns its path."""
        if self._tx.active:
            raise StoreError("A backup cannot be taken in the middle of a change.")
        path = make_backup(self._conn, self.path, reason)
        log.info("backup written (%s)", reason)
        return path

    def backup_if_changed(self, reason: str = "close") -> Path | None:
        """A backup if anything was written since the file was opened (on close)."""
        if not self.changed or self.read_only_reason is not None:
            return None
        path = self.backup(reason)
        self._changes_at_open = self._conn.total_changes
        self._data_version_at_open = self._data_version()
        return path

    def check(self) -> CheckReport:
        """ "Check database": ``integrity_check`` and ``foreign_key_check``."""
        with self._errors("The check could not run"):
            return full_check(self._conn, self.path)

    def history(self, table: str | None = None, record_id: int | None = None) -> list[Change]:
        """The recorded changes, oldest first: all, of one table, or of one record."""
        with self._errors():
            if not history.has_history(self._conn):
                return []
            return history.changes(self._conn, table, record_id)

    def history_names(self) -> dict[int, str]:
        """Every staff member's name the file has known, by id, the deleted too (from
        the history), for naming the person each change concerns."""
        with self._tx.transaction(write=False), self._errors():
            return history.staff_names(self._conn)

    def deleted_records(self) -> list[Change]:
        """The last deletion of each staff member or entry not on record now."""
        with self._errors():
            if not history.has_history(self._conn):
                return []
            return history.deleted_records(self._conn)

    def restore_deleted(self, change_id: int) -> list[Staff | TrainingEntry]:
        """Add back the record a deletion in the history removed (a staff member comes
        back with the entries deleted with them). Keeps the old ids where free.
        Returns the records added."""
        summary = "The deleted record was not restored"
        with self.transaction(), self._errors(summary):
            change = history.find_change(self._conn, change_id)
            if change is None or change.action != "delete" or change.old is None:
                raise RecordRejected(
                    summary, [Problem("history", f"change {change_id} is not a deletion")]
                )
            if change.table == "staff":
                return self._restore_staff(change, summary)
            if change.table == "training_entry":
                entry = history.entry_from_values(change.old)
                if staff_repo.find_staff(self._conn, entry.staff_id) is None:
                    raise RecordRejected(
                        summary,
                        [
                            Problem(
                                "staff_id",
                                "the staff member of this entry was deleted too; "
                                "restore them first",
                            )
                        ],
                    )
                return list(self.add_entries([self._free_entry_id(entry)]))
            raise RecordRejected(summary, [Problem("history", "this record cannot be restored")])

    def _free_entry_id(self, entry: TrainingEntry) -> TrainingEntry:
        assert entry.id is not None
        current = entries_repo.find_entry(self._conn, entry.id)
        if current is None:
            return entry
        if current == entry:
            raise RecordRejected(
                "The deleted record was not restored",
                [Problem("id", f"{_entry_label(entry)} is already on record")],
            )
        return entry.replace(id=None)  # its old id was given to a newer entry

    def _restore_staff(self, change: Change, summary: str) -> list[Staff | TrainingEntry]:
        assert change.old is not None
        person = history.staff_from_values(change.old)
        assert person.id is not None
        current = staff_repo.find_staff(self._conn, person.id)
        if current == person:
            raise RecordRejected(
                summary, [Problem("id", f"{person.full_name} is already on record")]
            )
        saved = self.add_staff(person if current is None else person.replace(id=None))
        assert saved.id is not None
        entries = [
            self._free_entry_id(
                history.entry_from_values(deleted.old or {}).replace(staff_id=saved.id)
            )
            for deleted in history.deleted_with(self._conn, change)
        ]
        restored: list[Staff | TrainingEntry] = [saved]
        restored.extend(self.add_entries(entries))
        return restored

    # --- the center ------------------------------------------------------------------

    def is_blank(self) -> bool:
        """True for a file with no center name and no staff (the first run): the
        window's welcome page asks this without loading every record."""
        with self._tx.transaction(write=False), self._errors():
            return not center_repo.read_center(self._conn).name and not staff_repo.any_staff(
                self._conn
            )

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
        return _found(staff, "staff member", staff_id)

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
        return _found(entry, "training entry", entry_id)

    def earliest_entry_year(self) -> int | None:
        """The year of the earliest entry on record, or None when there is none."""
        with self._errors("The records could not be read"):
            first = entries_repo.earliest_completion(self._conn)
        return None if first is None else int(first[:4])

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

    def add_entries(
        self, entries: Iterable[TrainingEntry], *, checked: bool = False
    ) -> list[TrainingEntry]:
        """Save new entries, all or none; returns them with their ids, in order.

        ``checked=True`` says the caller has already refused every entry that
        ``validate_entry`` finds a problem with (the CSV import does, row by row), so
        only the staff members are looked up here; the CHECK constraints still stand
        behind both.
        """
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
                if checked:
                    if entry.staff_id in staff_ids:
                        continue
                    found = [
                        Problem("staff_id", f"there is no staff member with id {entry.staff_id}")
                    ]
                else:
                    found = self._entry_problems(entry, staff_ids)
                    if not found:
                        continue
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
                if entry.id is None:
                    entry = entry.replace(id=next_id)
                    next_id += 1
                else:
                    next_id = max(next_id, entry.id + 1)
                saved.append(entry)
            entries_repo.insert_entries(self._conn, entry_rows(saved))
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

    def set_report_marks(self, marks: Mapping[int, date | None]) -> None:
        """Set the date of the MOPD report each entry was found on (None: not found),
        by entry id, in one statement (a comparison marks every entry of a center).
        Every id must be an entry's; nothing is written otherwise."""
        summary = "The MOPD report's marks were not saved"
        rows = [
            (None if day is None else day.isoformat(), entry_id) for entry_id, day in marks.items()
        ]
        with self.transaction(), self._errors(summary):
            changed = entries_repo.set_report_marks(self._conn, rows)
            if changed != len(rows):
                raise RecordRejected(
                    summary,
                    [Problem("id", f"{len(rows) - changed} of the entries are not on record")],
                )

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

    def load_people(self, staff_ids: Iterable[int]) -> PeopleRecords:
        """The records of some staff members as they are now, as one snapshot: their
        staff records (those still on record, in the order ``load`` gives) and all
        their entries, in completion order; one query each (per 30,000 ids). What a
        window reads again after a write that touched them (``domain/reaudit.py``)."""
        from ..domain.reaudit import PeopleRecords
        from ..domain.rules import completion_order_key

        ids = sorted(set(staff_ids))
        staff: list[Staff] = []
        entries: list[TrainingEntry] = []
        with self._tx.transaction(write=False), self._errors():
            for first in range(0, len(ids), entries_repo.MAX_IDS):
                chunk = ids[first : first + entries_repo.MAX_IDS]
                staff += staff_repo.staff_with_ids(self._conn, chunk)
                entries += entries_repo.entries_of_staff(self._conn, chunk)
        if len(ids) > entries_repo.MAX_IDS:  # each chunk is in order, not the whole
            staff.sort(key=staff_repo.staff_order_key)
            entries.sort(key=completion_order_key)
        return PeopleRecords(frozenset(ids), tuple(staff), tuple(entries))

    @staticmethod
    def staff_order_key(staff: Staff) -> tuple[str, str, int]:
        """The order ``load`` gives the staff in, as a sort key."""
        return staff_repo.staff_order_key(staff)


_Record = TypeVar("_Record", Staff, TrainingEntry)


def _found(record: _Record | None, kind: str, record_id: int) -> _Record:
    """``record``, or RecordRejected saying that no ``kind`` has ``record_id``."""
    if record is None:
        raise RecordRejected(
            f"{kind[0].upper()}{kind[1:]} {record_id} was not found",
            [Problem("id", f"there is no {kind} with id {record_id}")],
        )
    return record
