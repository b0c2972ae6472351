"""The required trainings of issue 13 through the store: every field round-trips, the
defaults stay "the defaults", and a list the engine would refuse is not written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ccdesktop.domain.records import AppliesTo, Center, EntryKind, MetBy, RequirementKind
from ccdesktop.domain.requirements import DEFAULT_REQUIREMENTS, requirements_of
from ccdesktop.store.database import Database
from ccdesktop.store.errors import RecordRejected
from tests.factories import new_entry as entry
from tests.factories import new_staff as staff


def test_every_field_of_a_requirement_round_trips(db_path: Path) -> None:
    kinds = (
        *DEFAULT_REQUIREMENTS,
        RequirementKind(
            "Infant CPR",
            AppliesTo.INFANT_ROOM,
            met_by=MetBy.CREDENTIAL,
            matches=("Infant CPR", "IC-1"),
            lasts_months=24,
            new_hire_days=90,
            for_infant_programs=True,
        ),
        RequirementKind("Food handler", AppliesTo.ROLES, roles=("Cook", "Aide"), matches=("Food",)),
    )
    center = Center(
        licensed_for_infants=True,
        due_soon_days=45,
        requirements=kinds,
        next_inspection_on=date(2027, 2, 15),
    )
    with Database.open(db_path) as db:
        db.set_center(center)
    with Database.open(db_path) as db:
        loaded = db.get_center()
    assert loaded == center
    assert loaded.requirements is not None and loaded.requirements[0].for_infant_programs


def test_the_defaults_are_kept_as_the_defaults(db: Database) -> None:
    db.set_center(Center(name="Sunny Days"))
    assert db.get_center().requirements is None
    assert requirements_of(db.get_center()) == DEFAULT_REQUIREMENTS


def test_a_requirement_list_with_a_problem_is_not_written(db: Database) -> None:
    bad = Center(requirements=(RequirementKind("CPR", met_by=MetBy.CREDENTIAL, lasts_months=0),))
    with pytest.raises(RecordRejected, match="CPR: 0 is not from 1 to 240 months"):
        db.set_center(bad)
    assert db.get_center().requirements is None


def test_a_planned_entry_and_a_credential_are_plain_records(db: Database) -> None:
    person = db.add_staff(staff(infant_room=True))
    assert person.id is not None
    planned = entry(person.id, "Safe Sleep", completed_on=date(2099, 1, 5))
    card = entry(
        person.id,
        "Pediatric First Aid/CPR/AED",
        kind=EntryKind.CREDENTIAL,
        clock_hours=0,
        start_time=None,
        end_time=None,
        completed_on=date(2025, 5, 1),
        expires_on=date(2027, 5, 31),
    )
    db.add_entries([planned, card])
    titles = {e.title: e for e in db.list_entries()}
    assert titles["Safe Sleep"].completed_on == date(2099, 1, 5)
    assert titles["Pediatric First Aid/CPR/AED"].expires_on == date(2027, 5, 31)
