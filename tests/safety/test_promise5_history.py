"""Promise 5: every insert, update and delete of a staff member, an entry or the
center's details is recorded (when, which record, old and new values) in the same
transaction, in an append-only table; a rolled-back change leaves no row; a deleted
record can be restored from it."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ccdesktop import workflows
from ccdesktop.store.database import Database
from ccdesktop.store.errors import RecordRejected
from tests.factories import new_entry, new_staff

from .helpers import training_csv, write_staff


@pytest.fixture
def db(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Database.open(tmp_path / "c.sqlite3") as database:
        yield database


def test_promise5_staff_insert_update_delete_are_recorded(db: Database) -> None:
    started = datetime.now(UTC) - timedelta(seconds=1)
    ana = db.add_staff(new_staff(mopd_id="100200"))
    db.update_staff(ana.replace(last_name="López"))
    assert ana.id is not None
    db.delete_staff(ana.id)
    changes = db.history("staff", ana.id)
    assert [c.action for c in changes] == ["insert", "update", "delete"]
    insert, update, delete = changes
    assert insert.old is None and insert.new is not None and insert.new["mopd_id"] == "100200"
    assert update.changed_fields() == [("last_name", "Lopez", "López")]
    assert delete.old is not None and delete.old["last_name"] == "López" and delete.new is None
    assert all(started <= c.changed_at <= datetime.now(UTC) for c in changes)
    assert delete.label() == "Ana López"


def test_promise5_entries_and_center_are_recorded(db: Database) -> None:
    person = db.add_staff(new_staff())
    assert person.id is not None
    entry = db.add_entry(new_entry(person.id))
    db.update_entry(entry.replace(clock_hours=200))
    db.set_center(db.get_center().replace(name="Little Acorns"))
    (insert, update) = db.history("training_entry", entry.id)
    assert update.changed_fields() == [("clock_hours", 150, 200)]
    (center,) = db.history("center")
    assert center.action == "update" and center.changed_fields() == [("name", "", "Little Acorns")]


def test_promise5_an_update_that_changes_nothing_records_nothing(db: Database) -> None:
    ana = db.add_staff(new_staff())
    db.update_staff(ana)
    assert [c.action for c in db.history("staff")] == ["insert"]


def test_promise5_a_rolled_back_change_leaves_no_history(db: Database) -> None:
    person = db.add_staff(new_staff())
    assert person.id is not None
    before = len(db.history())
    with pytest.raises(RuntimeError), db.transaction():
        db.add_entry(new_entry(person.id))
        db.update_staff(person.replace(first_name="Anna"))
        raise RuntimeError("the director cancelled")
    with pytest.raises(RecordRejected):  # a refused batch: one bad entry of three
        db.add_entries([new_entry(person.id), new_entry(person.id, " "), new_entry(person.id)])
    assert len(db.history()) == before


def test_promise5_an_import_is_recorded_in_its_transaction(db: Database, tmp_path: Path) -> None:
    workflows.import_staff_file(db, write_staff(tmp_path))
    workflows.import_training_file(db, training_csv(tmp_path / "t.csv", 50))
    assert len(db.history("training_entry")) == 50
    assert len(db.history("staff")) == 2


def test_promise5_history_is_append_only(db: Database) -> None:
    db.add_staff(new_staff())
    with closing(sqlite3.connect(db.path, isolation_level=None)) as raw:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            raw.execute("UPDATE history SET new_values = '{}'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            raw.execute("DELETE FROM history")
        assert raw.execute("SELECT count(*) FROM history").fetchone() == (1,)


def test_promise5_a_deleted_staff_member_comes_back_with_their_entries(db: Database) -> None:
    ana = db.add_staff(new_staff(mopd_id="100200"))
    zoe = db.add_staff(new_staff("Zoë", "Ng"))
    assert ana.id is not None and zoe.id is not None
    mine = db.add_entries([new_entry(ana.id, "A"), new_entry(ana.id, "B")])
    other = db.add_entry(new_entry(zoe.id, "C"))
    db.delete_entry(other.id)  # deleted just before, but not with Ana
    db.delete_staff(ana.id)
    deleted = db.deleted_records()
    assert [(c.table, c.record_id) for c in deleted][0] == ("staff", ana.id)
    restored = db.restore_deleted(deleted[0].id)
    assert restored[0] == ana
    assert db.list_entries(staff_id=ana.id) == mine
    assert db.list_entries(staff_id=zoe.id) == []
    with pytest.raises(RecordRejected, match="already on record"):
        db.restore_deleted(deleted[0].id)
    assert [c.action for c in db.history("staff", ana.id)] == ["insert", "delete", "insert"]


def test_promise5_a_deleted_entry_comes_back(db: Database) -> None:
    person = db.add_staff(new_staff())
    assert person.id is not None
    entry = db.add_entry(new_entry(person.id))
    db.delete_entry(entry.id)
    (deleted,) = db.deleted_records()
    assert db.restore_deleted(deleted.id) == [entry]
    assert db.list_entries() == [entry]
    assert db.deleted_records() == []


def test_promise5_an_entry_of_a_deleted_person_asks_for_the_person_first(db: Database) -> None:
    person = db.add_staff(new_staff())
    assert person.id is not None
    db.add_entry(new_entry(person.id))
    db.delete_staff(person.id)
    entry_delete = next(c for c in db.deleted_records() if c.table == "training_entry")
    with pytest.raises(RecordRejected, match="restore them first"):
        db.restore_deleted(entry_delete.id)
