"""Every change is one transaction: all or nothing, nested blocks join the outer one."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from ccdesktop.store.database import Database
from ccdesktop.store.errors import DatabaseBusyError, RecordRejected
from tests.factories import new_entry, new_staff


class Boom(Exception):
    pass


def _count(path: Path, table: str) -> int:
    # a separate connection sees only what was committed
    with closing(sqlite3.connect(path)) as conn:
        count: int = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return count


def test_add_entries_with_one_bad_record_adds_nothing(db: Database) -> None:
    person = db.add_staff(new_staff())
    assert person.id is not None
    batch = [new_entry(person.id, f"course {n}") for n in range(50)]
    batch[37] = batch[37].replace(clock_hours=0)
    with pytest.raises(RecordRejected) as raised:
        db.add_entries(batch)
    assert [p.field for p in raised.value.problems] == ["clock_hours"]
    assert "entry 38" in str(raised.value)
    assert db.list_entries() == []
    assert _count(db.path, "training_entry") == 0


def test_check_failure_mid_batch_rolls_back_and_reads_plainly(db: Database) -> None:
    # Get past validation with a value only the schema refuses: a bogus format string.
    person = db.add_staff(new_staff())
    assert person.id is not None
    batch = [new_entry(person.id, "a"), new_entry(person.id, "b", format="classroom")]
    with pytest.raises(RecordRejected) as raised:
        db.add_entries(batch)
    assert raised.value.problems[0].field == "format"
    assert "in_person, live_virtual or online_module" in str(raised.value)
    assert db.list_entries() == []


def test_exception_mid_transaction_leaves_nothing(db: Database) -> None:
    with pytest.raises(Boom), db.transaction():
        person = db.add_staff(new_staff())
        assert person.id is not None
        db.add_entry(new_entry(person.id))
        raise Boom
    assert db.list_staff() == []
    assert db.list_entries() == []
    assert not db._conn.in_transaction


def test_nested_transaction_joins_the_outer_one(db: Database) -> None:
    with db.transaction():
        db.add_staff(new_staff("Ana", "Lopez"))
        with db.transaction():
            db.add_staff(new_staff("Bea", "Smith"))
        # the inner block ended, but nothing is committed until the outer one ends
        assert _count(db.path, "staff") == 0
        assert len(db.list_staff()) == 2
    assert _count(db.path, "staff") == 2


def test_outer_failure_undoes_inner_blocks(db: Database) -> None:
    with pytest.raises(Boom), db.transaction():
        with db.transaction():
            db.add_staff(new_staff("Ana", "Lopez"))
        raise Boom
    assert db.list_staff() == []


def test_failed_inner_block_is_undone_even_if_the_outer_carries_on(db: Database) -> None:
    person = db.add_staff(new_staff())
    assert person.id is not None
    good = new_entry(person.id, "good")
    bad_batch = [new_entry(person.id, "half"), new_entry(person.id, "bad", format="classroom")]
    with db.transaction():
        db.add_entry(good)
        with pytest.raises(RecordRejected):
            db.add_entries(bad_batch)  # its first row was inserted before the CHECK failed
    assert [e.title for e in db.list_entries()] == ["good"]


def test_every_write_commits_on_its_own(db: Database) -> None:
    db.add_staff(new_staff())
    assert _count(db.path, "staff") == 1
    assert not db._conn.in_transaction


def test_delete_staff_is_one_transaction(db: Database, raw: sqlite3.Connection) -> None:
    person = db.add_staff(new_staff())
    assert person.id is not None
    db.add_entries(
        [new_entry(person.id, "a"), new_entry(person.id, "b", completed_on=date(2025, 6, 1))]
    )
    # a trigger that fails the staff delete after the entries were deleted
    raw.execute(
        "CREATE TRIGGER no_delete BEFORE DELETE ON staff BEGIN SELECT RAISE(ABORT, 'no'); END"
    )
    with pytest.raises(RecordRejected, match="refused it"):
        db.delete_staff(person.id)
    assert len(db.list_entries()) == 2
    assert db.list_staff() == [person]


def test_locked_database_is_a_busy_error(db: Database) -> None:
    with closing(sqlite3.connect(db.path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        db._conn.execute("PRAGMA busy_timeout = 50")  # do not wait 5 s in a test
        with pytest.raises(DatabaseBusyError, match="database is locked"):
            db.add_staff(new_staff())
        other.execute("ROLLBACK")
    assert not db._conn.in_transaction
    assert db.add_staff(new_staff()).id == 1


@pytest.mark.slow
def test_bulk_add_and_load_of_100000_entries(db: Database) -> None:
    """One transaction and one executemany (row-by-row commits with synchronous=FULL
    would take minutes; the import benchmark times it)."""
    person = db.add_staff(new_staff())
    assert person.id is not None
    batch = [
        new_entry(
            person.id, f"course {n % 97}", completed_on=date(2020 + n % 6, 1 + n % 12, 1 + n % 28)
        )
        for n in range(100_000)
    ]
    changes = db._conn.total_changes
    saved = db.add_entries(batch)
    loaded = db.load()
    assert [e.id for e in saved] == list(range(1, 100_001))
    assert len(loaded.entries) == 100_000
    # each entry inserted once, with its history row: nothing row by row beside them
    assert db._conn.total_changes - changes == 2 * 100_000
