"""The history names the person a change concerns (issue 12): every staff member the
file has known, the deleted too, and an entry's change by the person it belongs to."""

from __future__ import annotations

from ccdesktop.store.database import Database
from tests.factories import new_entry, new_staff


def test_every_person_ever_recorded_is_named_the_deleted_too(db: Database) -> None:
    ana = db.add_staff(new_staff())
    ben = db.add_staff(new_staff("Ben", "Ortiz"))
    assert ana.id is not None and ben.id is not None
    db.update_staff(ana.replace(last_name="López"))
    db.delete_staff(ben.id)
    assert db.history_names() == {ana.id: "Ana López", ben.id: "Ben Ortiz"}


def test_a_change_names_its_person_and_the_entrys_date_us_style(db: Database) -> None:
    ana = db.add_staff(new_staff())
    assert ana.id is not None
    saved = db.add_entry(new_entry(ana.id))
    assert saved.id is not None
    db.delete_entry(saved.id)
    added, deleted = db.history("training_entry", saved.id)
    assert added.person_id() == deleted.person_id() == ana.id
    assert deleted.label() == "Safe Sleep on 3/4/2025"
    (person,) = db.history("staff", ana.id)
    assert person.person_id() == ana.id and person.label() == "Ana Lopez"
    db.set_center(db.get_center().replace(name="Little Acorns"))
    (center,) = db.history("center")
    assert center.person_id() is None
