"""``Database.load_people``: some staff members' records read again after a write, as
``load`` has them (issue 15: re-audit only who changed)."""

from __future__ import annotations

from datetime import date, time

import pytest

from ccdesktop.domain.reaudit import replace_people
from ccdesktop.store import entries_repo
from ccdesktop.store.database import Database
from tests.factories import new_entry, new_staff, synthetic_center


def test_the_records_of_some_staff_are_theirs_as_load_gives_them(db: Database) -> None:
    data = synthetic_center(6, years=2, entries_per_year=5, seed=3)
    with db.transaction():
        for person in data.staff:
            db.add_staff(person)
        db.add_entries(data.entries)
    loaded = db.load()

    people = db.load_people([4, 2, 2])

    assert people.staff_ids == {2, 4}
    assert people.staff == tuple(s for s in loaded.staff if s.id in (2, 4))
    assert people.entries == tuple(e for e in loaded.entries if e.staff_id in (2, 4))


def test_a_deleted_staff_member_has_no_records(db: Database) -> None:
    kept = db.add_staff(new_staff("Ana", "Cruz"))
    gone = db.add_staff(new_staff("Bo", "Baker"))
    assert gone.id is not None and kept.id is not None
    db.add_entry(new_entry(gone.id))
    db.delete_staff(gone.id)

    people = db.load_people([gone.id, kept.id])

    assert people.staff == (kept,) and people.entries == ()


def test_entries_come_in_completion_order(db: Database) -> None:
    person = db.add_staff(new_staff())
    assert person.id is not None
    day = date(2025, 3, 4)
    db.add_entries(
        [
            new_entry(person.id, "No time", completed_on=day, start_time=None, end_time=None),
            new_entry(person.id, "Ten", completed_on=day, start_time=time(10), end_time=time(11)),
            new_entry(person.id, "Earlier", completed_on=date(2025, 1, 2)),
            new_entry(person.id, "Nine", completed_on=day, start_time=time(9), end_time=time(10)),
        ]
    )

    titles = [e.title for e in db.load_people([person.id]).entries]

    assert titles == ["Earlier", "Nine", "Ten", "No time"]


def test_the_staff_order_key_is_the_order_load_gives(db: Database) -> None:
    # SQLite's NOCASE folds ASCII letters alone: "Ánh" sorts after every ASCII name
    for first, last in [
        ("zoë", "Ánh"),
        ("Ana", "lopez"),
        ("ana", "Lopez"),
        ("Bo", "LOPEZ"),
        ("Émile", "Lopez"),
        ("Chloé", "O'Brien"),
        ("Dee", "o'brien"),
    ]:
        db.add_staff(new_staff(first, last))
    staff = db.load().staff

    assert list(staff) == sorted(staff, key=Database.staff_order_key)


def test_replacing_people_in_the_loaded_records_gives_what_load_gives(db: Database) -> None:
    data = synthetic_center(5, years=2, entries_per_year=4, seed=7)
    with db.transaction():
        for person in data.staff:
            db.add_staff(person)
        db.add_entries(data.entries)
    before = db.load()
    renamed = before.staff[0].replace(last_name="Aaron")
    db.update_staff(renamed)
    moved = next(e for e in before.entries if e.staff_id == 3)
    db.update_entry(moved.replace(completed_on=date(2020, 1, 1)))
    assert renamed.id is not None

    after = replace_people(
        before, db.get_center(), db.load_people([renamed.id, 3]), Database.staff_order_key
    )

    assert after == db.load()


def test_more_staff_than_one_query_binds(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(entries_repo, "MAX_IDS", 2)
    data = synthetic_center(5, years=1, entries_per_year=3, seed=1)
    with db.transaction():
        for person in data.staff:
            db.add_staff(person)
        db.add_entries(data.entries)
    loaded = db.load()

    people = db.load_people([1, 2, 3, 4, 5])

    assert people.staff == loaded.staff and people.entries == loaded.entries
