"""Schema version 4: required trainings, credentials, trainer sessions and MOPD report
dates round-trip exactly, and the schema refuses what the records may not hold."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from ccdesktop.domain.records import (
    AppliesTo,
    Center,
    EntryKind,
    MetBy,
    RequirementKind,
)
from ccdesktop.store.database import Database
from ccdesktop.store.errors import RecordRejected
from ccdesktop.store.versions import SchemaVersion
from tests.factories import new_entry, new_staff
from tests.fixtures.make_fixtures import FIXTURE, fixture_path

REQUIREMENTS = (
    RequirementKind(
        "Safe Sleep",
        AppliesTo.INFANT_ROOM,
        matches=("Safe Sleep", "402118"),
        lasts_months=36,
        new_hire_days=30,
    ),
    RequirementKind("CPR", met_by=MetBy.CREDENTIAL, matches=("CPR", "Pediatric CPR")),
    RequirementKind("Orientation", AppliesTo.ROLES, roles=("Aide", "Cook"), new_hire_days=0),
)


def test_the_new_center_settings_round_trip(db_path: Path) -> None:
    center = Center(
        name="Sunny Days",
        licensed_for_infants=True,
        due_soon_days=45,
        requirements=REQUIREMENTS,
        mopd_report_on=date(2026, 11, 30),
        mopd_columns=(("Course Title", "title"), ("Completion Date", "completed_on")),
        next_inspection_on=date(2027, 2, 15),
    )
    with Database.open(db_path) as db:
        db.set_center(center)
    with Database.open(db_path) as db:
        assert db.get_center() == center
    # an empty list is kept as empty, not as "the defaults"
    with Database.open(db_path) as db:
        db.set_center(center.replace(requirements=()))
        assert db.get_center().requirements == ()


def test_staff_and_entry_fields_round_trip(db: Database) -> None:
    person = db.add_staff(new_staff(infant_room=True))
    assert person.id is not None
    card = new_entry(
        person.id,
        "Pediatric CPR",
        kind=EntryKind.CREDENTIAL,
        clock_hours=0,
        completed_on=date(2025, 5, 1),
        expires_on=date(2027, 5, 31),
    )
    taught = new_entry(person.id, "Safe Sleep", as_trainer=True, mopd_report_on=date(2026, 1, 2))
    saved = db.add_entries([card, taught])
    assert db.get_staff(person.id).infant_room is True
    assert db.list_entries() == sorted(saved, key=lambda e: e.completed_on)
    loaded = {e.title: e for e in db.list_entries()}
    assert loaded["Pediatric CPR"].kind is EntryKind.CREDENTIAL
    assert loaded["Pediatric CPR"].expires_on == date(2027, 5, 31)
    assert loaded["Safe Sleep"].as_trainer and loaded["Safe Sleep"].mopd_report_on


def test_only_a_credential_may_carry_no_clock_hours(db: Database) -> None:
    person = db.add_staff(new_staff())
    assert person.id is not None
    with pytest.raises(RecordRejected, match="clock_hours"):
        db.add_entry(new_entry(person.id, clock_hours=0))
    with pytest.raises(RecordRejected, match="expires_on"):
        db.add_entry(
            new_entry(
                person.id,
                kind=EntryKind.CREDENTIAL,
                clock_hours=0,
                completed_on=date(2025, 5, 1),
                expires_on=date(2025, 4, 30),
            )
        )


def test_the_schema_itself_refuses_bad_values(db: Database, raw: sqlite3.Connection) -> None:
    person = db.add_staff(new_staff())
    columns = "staff_id, title, completed_on, clock_hours, kind"
    for values, constraint in (
        ((person.id, "T", "2025-01-01", 0, "training"), "entry_clock_hours"),
        ((person.id, "T", "2025-01-01", 100, "diploma"), "entry_kind"),
    ):
        with pytest.raises(sqlite3.IntegrityError, match=constraint):
            raw.execute(f"INSERT INTO training_entry ({columns}) VALUES (?, ?, ?, ?, ?)", values)
    with pytest.raises(sqlite3.IntegrityError, match="center_requirements"):
        raw.execute("UPDATE center SET requirements = 'not json'")
    with pytest.raises(sqlite3.IntegrityError, match="center_due_soon_days"):
        raw.execute("UPDATE center SET due_soon_days = 400")


def test_a_version_3_file_keeps_every_entry_and_gets_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    shutil.copy(fixture_path(SchemaVersion(3)), path)
    with Database.open(path) as db:
        assert db.schema_version >= SchemaVersion(4)
        entries = db.list_entries()
        assert len(entries) == len(FIXTURE.entries)
        assert all(e.kind is EntryKind.TRAINING and not e.as_trainer for e in entries)
        assert db.get_center().requirements is None
        assert db.get_center().due_soon_days == 60
        # the rebuilt table keeps its history triggers
        db.update_entry(entries[0].replace(notes="checked"))
        assert db.history("training_entry")[-1].changed_fields() == [
            ("notes", entries[0].notes, "checked")
        ]
