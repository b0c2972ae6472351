"""Environment problems become plain StoreErrors; anything else stays a loud bug."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ccdesktop.domain.validation import Problem
from ccdesktop.store.database import Database
from ccdesktop.store.errors import (
    DatabaseBusyError,
    DatabaseCorruptError,
    DiskFullError,
    NotADatabaseError,
    ReadOnlyError,
    RecordRejected,
    StoreError,
    raise_sqlite_error,
)
from ccdesktop.store.schema import explain_constraint
from tests.factories import new_entry, new_staff


def _error(code: int, text: str = "boom") -> sqlite3.Error:
    error = sqlite3.OperationalError(text)
    error.sqlite_errorcode = code
    return error


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (5, DatabaseBusyError),  # SQLITE_BUSY
        (261, DatabaseBusyError),  # SQLITE_BUSY_RECOVERY (extended)
        (6, DatabaseBusyError),  # SQLITE_LOCKED
        (8, ReadOnlyError),  # SQLITE_READONLY
        (13, DiskFullError),  # SQLITE_FULL
        (11, DatabaseCorruptError),  # SQLITE_CORRUPT
        (26, NotADatabaseError),  # SQLITE_NOTADB
        (14, StoreError),  # SQLITE_CANTOPEN
        (10, StoreError),  # SQLITE_IOERR
    ],
)
def test_environment_errors_are_translated(code: int, expected: type[StoreError]) -> None:
    original = _error(code)
    with pytest.raises(expected) as raised:
        raise_sqlite_error(original, Path("/x/center.sqlite3"))
    assert type(raised.value) is expected
    assert "/x/center.sqlite3" in str(raised.value)
    assert raised.value.__cause__ is original


def test_busy_message_says_database_is_locked() -> None:
    with pytest.raises(DatabaseBusyError, match="database is locked"):
        raise_sqlite_error(_error(5), "c.sqlite3")


def test_other_errors_propagate_as_bugs() -> None:
    syntax = _error(1, "near 'SELEC': syntax error")  # SQLITE_ERROR
    with pytest.raises(sqlite3.OperationalError) as raised:
        raise_sqlite_error(syntax, "c.sqlite3")
    assert raised.value is syntax
    closed = sqlite3.ProgrammingError("Cannot operate on a closed database.")
    with pytest.raises(sqlite3.ProgrammingError):
        raise_sqlite_error(closed, "c.sqlite3")


def test_using_a_closed_database_is_a_bug(db_path: Path) -> None:
    db = Database.open(db_path)
    db.close()
    with pytest.raises(sqlite3.ProgrammingError):
        db.list_staff()


def test_constraint_messages_become_field_problems() -> None:
    assert explain_constraint("CHECK constraint failed: entry_clock_hours") == [
        Problem("clock_hours", "must be more than 0 and at most 24 hours")
    ]
    assert explain_constraint("UNIQUE constraint failed: staff.mopd_id")[0].field == "mopd_id"
    assert explain_constraint("NOT NULL constraint failed: training_entry.title") == [
        Problem("title", "is required")
    ]
    assert explain_constraint("FOREIGN KEY constraint failed")[0].field == "staff_id"
    assert explain_constraint("CHECK constraint failed: unknown_name") == []


def test_record_rejected_message_lists_problems() -> None:
    error = RecordRejected(
        "Staff member Bea Smith was not saved",
        [
            Problem("mopd_id", "123 is already used by Ana Lopez"),
            Problem("last_name", "is required"),
        ],
    )
    assert str(error) == (
        "Staff member Bea Smith was not saved: mopd_id: 123 is already used by Ana Lopez; "
        "last_name: is required"
    )
    assert isinstance(error, StoreError)


def test_long_problem_lists_are_shortened_in_the_message() -> None:
    problems = [Problem("title", f"is required (entry {n})") for n in range(25)]
    error = RecordRejected("None was saved", problems)
    assert len(error.problems) == 25
    assert str(error).endswith("and 15 more")


def test_read_only_database_is_a_read_only_error(db: Database) -> None:
    db._conn.execute("PRAGMA query_only = 1")  # as if the file were read-only
    with pytest.raises(ReadOnlyError, match="cannot be written"):
        db.add_staff(new_staff())
    db._conn.execute("PRAGMA query_only = 0")
    assert db.list_staff() == []


def test_full_disk_is_a_disk_full_error(db: Database) -> None:
    person = db.add_staff(new_staff())
    assert person.id is not None
    pages = db._conn.execute("PRAGMA page_count").fetchone()[0]
    db._conn.execute(f"PRAGMA max_page_count = {pages}")  # no room to grow
    batch = [new_entry(person.id, "x" * 2000, notes=str(n)) for n in range(200)]
    with pytest.raises(DiskFullError, match="full"):
        db.add_entries(batch)
    assert db.list_entries() == []
    assert not db._conn.in_transaction
