"""Records round-trip exactly; writes are validated and refused in plain words."""

from __future__ import annotations

import sqlite3
from datetime import date, time
from pathlib import Path

import pytest

from ccdesktop.domain.records import (
    Center,
    CenterData,
    Format,
    HireYearPolicy,
    Setting,
    Staff,
    TrainingEntry,
)
from ccdesktop.domain.validation import Problem
from ccdesktop.store.database import Database
from ccdesktop.store.errors import RecordRejected
from tests.factories import new_entry, new_staff, synthetic_center


def test_new_center_has_defaults(db: Database) -> None:
    assert db.get_center() == Center()
    assert db.get_center().required_hours == 1200
    assert db.get_center().hire_year_policy is HireYearPolicy.MONTHLY


def test_center_round_trip(db_path: Path) -> None:
    center = Center(
        name="Sunny Days Learning Center",
        license_number="LIC-0042",
        director="Renée O'Brien",
        required_hours=1575,
        hire_year_policy=HireYearPolicy.FULL,
        records_start_year=2024,
    )
    with Database.open(db_path) as db:
        db.set_center(center)
    with Database.open(db_path) as db:
        loaded = db.get_center()
    assert loaded == center
    assert isinstance(loaded.hire_year_policy, HireYearPolicy)


def test_a_file_is_blank_until_it_has_a_center_name_or_a_staff_member(db: Database) -> None:
    assert db.is_blank()
    db.set_center(Center(name="Sunny Days"))
    assert not db.is_blank()
    db.set_center(Center())
    assert db.is_blank()
    added = db.add_staff(new_staff())
    assert not db.is_blank()
    db.delete_staff(added.id)
    assert db.is_blank()


def test_invalid_center_is_refused(db: Database) -> None:
    with pytest.raises(RecordRejected) as raised:
        db.set_center(Center(required_hours=0))
    assert raised.value.problems == [Problem("required_hours", "must be more than 0")]
    assert db.get_center() == Center()


@pytest.mark.parametrize("year", [1899, 2201])
def test_records_start_year_out_of_range_is_refused(db: Database, year: int) -> None:
    with pytest.raises(RecordRejected) as raised:
        db.set_center(Center(records_start_year=year))
    assert raised.value.problems == [
        Problem("records_start_year", f"{year} is not a year from 1900 to 2200")
    ]
    assert db.get_center() == Center()


def test_records_start_year_check_is_the_last_line_of_defence(db: Database) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="center_records_start_year"):
        db._conn.execute("UPDATE center SET records_start_year = 1800")


def test_records_start_year_change_is_in_the_history(db: Database) -> None:
    db.set_center(Center(records_start_year=2024))
    db.set_center(Center())
    assert [c.changed_fields() for c in db.history("center")[-2:]] == [
        [("records_start_year", None, 2024)],
        [("records_start_year", 2024, None)],
    ]


def test_staff_round_trip_every_field(db_path: Path) -> None:
    full = Staff(
        first_name="Nguyễn Thị",
        last_name="Ánh",
        mopd_id="123456",
        role="Lead teacher",
        requires_clock_hours=False,
        hire_date=date(2024, 2, 29),
        end_date=date(2025, 6, 30),
    )
    bare = Staff(first_name="Zoë", last_name="O'Brien")
    with Database.open(db_path) as db:
        saved_full = db.add_staff(full)
        saved_bare = db.add_staff(bare)
    assert saved_full == full.replace(id=saved_full.id)
    assert saved_full.id is not None and saved_bare.id is not None
    with Database.open(db_path) as db:
        assert db.get_staff(saved_full.id) == saved_full
        assert db.get_staff(saved_bare.id) == saved_bare
    assert saved_bare.mopd_id is None and saved_bare.hire_date is None
    assert saved_bare.requires_clock_hours is True


def test_entry_round_trip_every_field(db: Database) -> None:
    person = db.add_staff(new_staff())
    assert person.id is not None
    full = TrainingEntry(
        staff_id=person.id,
        title="CPR and First Aid",
        completed_on=date(2025, 3, 4),
        clock_hours=125,  # 1.25 h: two decimals survive exactly
        course_id="CPR-200",
        provider="American Red Cross",
        format=Format.ONLINE_MODULE,
        setting=Setting.GROUP,
        start_time=time(9, 5),
        end_time=time(10, 20),
        in_ratio=True,
        approved=False,
        enrolled_on=date(2024, 3, 4),
        notes="Certificate in the blue folder",
    )
    bare = TrainingEntry(
        staff_id=person.id, title="Safe Sleep", completed_on=date(2025, 1, 2), clock_hours=1
    )
    saved_full = db.add_entry(full)
    saved_bare = db.add_entry(bare)
    assert saved_full == full.replace(id=saved_full.id)
    assert saved_full.id is not None and saved_bare.id is not None
    assert db.get_entry(saved_full.id) == saved_full
    loaded_bare = db.get_entry(saved_bare.id)
    assert loaded_bare == saved_bare
    assert loaded_bare.start_time is None and loaded_bare.end_time is None
    assert loaded_bare.course_id is None and loaded_bare.enrolled_on is None
    assert loaded_bare.format is Format.IN_PERSON and loaded_bare.setting is Setting.INDIVIDUAL
    assert loaded_bare.approved is True and loaded_bare.in_ratio is False


def test_hours_are_stored_as_integer_hundredths(db: Database, raw: sqlite3.Connection) -> None:
    person = db.add_staff(new_staff())
    assert person.id is not None
    db.add_entry(new_entry(person.id, clock_hours=25))
    assert raw.execute(
        "SELECT clock_hours, typeof(clock_hours) FROM training_entry"
    ).fetchone() == (
        25,
        "integer",
    )


def test_stored_forms(db: Database, raw: sqlite3.Connection) -> None:
    person = db.add_staff(new_staff(hire_date=date(2024, 1, 5)))
    assert person.id is not None
    db.add_entry(new_entry(person.id, start_time=time(7, 5), end_time=time(8, 0), in_ratio=True))
    assert raw.execute(
        "SELECT completed_on, start_time, end_time, in_ratio, format FROM training_entry"
    ).fetchone() == ("2025-03-04", "07:05", "08:00", 1, "in_person")
    assert raw.execute("SELECT hire_date, requires_clock_hours FROM staff").fetchone() == (
        "2024-01-05",
        1,
    )


def test_load_round_trips_a_whole_center(db: Database) -> None:
    data = synthetic_center(12, seed=3)
    db.set_center(data.center)
    with db.transaction():
        for person in data.staff:
            db.add_staff(person)
        db.add_entries(data.entries)
    loaded = db.load()
    assert isinstance(loaded, CenterData)
    assert loaded.center == data.center
    assert sorted(loaded.staff, key=lambda s: s.id or 0) == sorted(
        data.staff, key=lambda s: s.id or 0
    )
    assert sorted(loaded.entries, key=lambda e: e.id or 0) == sorted(
        data.entries, key=lambda e: e.id or 0
    )
    assert list(loaded.staff) == db.list_staff()
    assert list(loaded.entries) == db.list_entries()


def test_staff_ordered_by_last_then_first_name_then_id(db: Database) -> None:
    names = [("bea", "Smith"), ("Ana", "smith"), ("Zoë", "Adams"), ("Ana", "Smith")]
    for first, last in names:
        db.add_staff(new_staff(first, last))
    listed = [(s.first_name, s.last_name, s.id) for s in db.list_staff()]
    assert listed == [
        ("Zoë", "Adams", 3),
        ("Ana", "smith", 2),
        ("Ana", "Smith", 4),
        ("bea", "Smith", 1),
    ]


def test_entries_ordered_by_date_start_time_none_last_then_id(db: Database) -> None:
    person = db.add_staff(new_staff())
    assert person.id is not None
    day = date(2025, 5, 1)
    no_time = db.add_entry(
        new_entry(person.id, "no time", completed_on=day, start_time=None, end_time=None)
    )
    late = db.add_entry(
        new_entry(person.id, "late", completed_on=day, start_time=time(14, 0), end_time=time(15, 0))
    )
    early = db.add_entry(
        new_entry(person.id, "early", completed_on=day, start_time=time(8, 0), end_time=time(9, 0))
    )
    before = db.add_entry(new_entry(person.id, "day before", completed_on=date(2025, 4, 30)))
    no_time_2 = db.add_entry(
        new_entry(person.id, "no time 2", completed_on=day, start_time=None, end_time=None)
    )
    assert db.list_entries() == [before, early, late, no_time, no_time_2]


def test_list_entries_filters_by_staff_and_year(db: Database) -> None:
    ana = db.add_staff(new_staff("Ana", "Lopez"))
    bea = db.add_staff(new_staff("Bea", "Smith"))
    assert ana.id is not None and bea.id is not None
    a24 = db.add_entry(new_entry(ana.id, completed_on=date(2024, 12, 31)))
    a25 = db.add_entry(new_entry(ana.id, completed_on=date(2025, 1, 1)))
    b25 = db.add_entry(new_entry(bea.id, completed_on=date(2025, 12, 31)))
    b26 = db.add_entry(new_entry(bea.id, completed_on=date(2026, 1, 1)))
    assert db.list_entries(staff_id=ana.id) == [a24, a25]
    assert db.list_entries(year=2025) == [a25, b25]
    assert db.list_entries(staff_id=bea.id, year=2025) == [b25]
    assert db.list_entries(year=2026) == [b26]
    assert db.list_entries(year=2023) == []


def test_duplicate_mopd_id_names_the_holder(db: Database) -> None:
    db.add_staff(new_staff("Ana", "Lopez", mopd_id="123"))
    with pytest.raises(RecordRejected) as raised:
        db.add_staff(new_staff("Bea", "Smith", mopd_id="123"))
    assert raised.value.problems == [Problem("mopd_id", "123 is already used by Ana Lopez")]
    assert "Bea Smith" in str(raised.value) and "Ana Lopez" in str(raised.value)
    assert len(db.list_staff()) == 1


def test_duplicate_mopd_id_refused_on_update_but_own_id_kept(db: Database) -> None:
    db.add_staff(new_staff("Ana", "Lopez", mopd_id="123"))
    bea = db.add_staff(new_staff("Bea", "Smith", mopd_id="456"))
    assert db.update_staff(bea.replace(role="Aide")).role == "Aide"  # keeps her own ID
    with pytest.raises(RecordRejected, match="123 is already used by Ana Lopez"):
        db.update_staff(bea.replace(mopd_id="123"))
    assert db.get_staff(bea.id or 0).mopd_id == "456"


def test_mopd_id_is_trimmed_so_padding_cannot_dodge_uniqueness(db: Database) -> None:
    ana = db.add_staff(new_staff(mopd_id=" 123 "))
    assert ana.mopd_id == "123"
    with pytest.raises(RecordRejected, match="123 is already used"):
        db.add_staff(new_staff("Bea", "Smith", mopd_id="123"))


def test_invalid_staff_is_refused_with_every_problem(db: Database) -> None:
    bad = new_staff(" ", "", hire_date=date(2025, 2, 1), end_date=date(2025, 1, 1))
    with pytest.raises(RecordRejected) as raised:
        db.add_staff(bad)
    fields = [p.field for p in raised.value.problems]
    assert fields == ["first_name", "last_name", "end_date"]
    assert db.list_staff() == []


def test_missing_records_are_rejected(db: Database) -> None:
    with pytest.raises(RecordRejected, match="no staff member with id 7"):
        db.get_staff(7)
    with pytest.raises(RecordRejected, match="no training entry with id 9"):
        db.get_entry(9)
    with pytest.raises(RecordRejected, match="no staff member with id 7"):
        db.update_staff(new_staff().replace(id=7))
    with pytest.raises(RecordRejected, match="no staff member with id 7"):
        db.delete_staff(7)
    with pytest.raises(RecordRejected, match="no training entry with id 9"):
        db.delete_entry(9)
    with pytest.raises(RecordRejected, match="never saved"):
        db.update_staff(new_staff())


def test_entry_for_unknown_staff_is_refused(db: Database) -> None:
    with pytest.raises(RecordRejected) as raised:
        db.add_entry(new_entry(42))
    assert raised.value.problems == [Problem("staff_id", "there is no staff member with id 42")]


def test_invalid_entry_is_refused(db: Database) -> None:
    person = db.add_staff(new_staff())
    assert person.id is not None
    bad = new_entry(person.id, " ", clock_hours=0, start_time=time(10, 0), end_time=time(9, 0))
    with pytest.raises(RecordRejected) as raised:
        db.add_entry(bad)
    assert [p.field for p in raised.value.problems] == ["title", "clock_hours", "end_time"]
    assert db.list_entries() == []


def test_update_entry(db: Database) -> None:
    ana = db.add_staff(new_staff("Ana", "Lopez"))
    bea = db.add_staff(new_staff("Bea", "Smith"))
    assert ana.id is not None and bea.id is not None
    saved = db.add_entry(new_entry(ana.id))
    changed = saved.replace(staff_id=bea.id, clock_hours=275, start_time=None, end_time=None)
    assert db.update_entry(changed) == changed
    assert db.get_entry(saved.id or 0) == changed
    with pytest.raises(RecordRejected, match="clock_hours"):
        db.update_entry(changed.replace(clock_hours=2401))
    assert db.get_entry(saved.id or 0) == changed


def test_ids_are_honoured_for_undo(db: Database) -> None:
    person = db.add_staff(new_staff().replace(id=40))
    assert person.id == 40
    restored = db.add_entry(new_entry(40).replace(id=77))
    assert restored.id == 77
    assert db.next_entry_id() == 78
    with pytest.raises(RecordRejected, match="already exists"):
        db.add_entry(new_entry(40).replace(id=77))
    with pytest.raises(RecordRejected, match="already exists"):
        db.add_staff(new_staff("Bea", "Smith").replace(id=40))


def test_next_entry_id_is_the_id_a_new_entry_gets(db: Database) -> None:
    assert db.next_entry_id() == 1
    person = db.add_staff(new_staff())
    assert person.id is not None
    predicted = db.next_entry_id()
    assert db.add_entry(new_entry(person.id)).id == predicted
    batch = db.add_entries(
        [
            new_entry(person.id, "a"),
            new_entry(person.id, "b").replace(id=10),
            new_entry(person.id, "c"),
        ]
    )
    assert [e.id for e in batch] == [2, 10, 11]
    assert db.next_entry_id() == 12


def test_delete_staff_returns_entries_and_undo_restores_them(db: Database) -> None:
    ana = db.add_staff(new_staff("Ana", "Lopez", mopd_id="1"))
    bea = db.add_staff(new_staff("Bea", "Smith"))
    assert ana.id is not None and bea.id is not None
    mine = db.add_entries(
        [new_entry(ana.id, "a"), new_entry(ana.id, "b", completed_on=date(2025, 5, 1))]
    )
    other = db.add_entry(new_entry(bea.id))
    before = db.load()
    deleted = db.delete_staff(ana.id)
    assert deleted == mine
    assert db.list_staff() == [bea]
    assert db.list_entries() == [other]
    # what the GUI's undo does
    with db.transaction():
        db.add_staff(ana)
        db.add_entries(deleted)
    assert db.load() == before


def test_delete_entry_returns_it(db: Database) -> None:
    person = db.add_staff(new_staff())
    assert person.id is not None
    saved = db.add_entry(new_entry(person.id))
    assert db.delete_entry(saved.id or 0) == saved
    assert db.list_entries() == []


def test_load_gives_the_records_saved(db: Database) -> None:
    person = db.add_staff(new_staff())
    assert person.id is not None
    saved = [
        db.add_entry(new_entry(person.id, "Safe Sleep", completed_on=date(2025, 1, day)))
        for day in (2, 3)
    ]
    loaded = db.load().entries
    assert list(loaded) == saved
