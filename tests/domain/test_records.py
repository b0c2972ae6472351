"""The records' own behaviour: a training entry is a NamedTuple (fast to make) that
behaves as a record, not as a tuple."""

from __future__ import annotations

import pickle
from datetime import date, time

import pytest

from ccdesktop.domain.records import EntryKind, Format, Setting, Staff, TrainingEntry


def _every_field_set() -> TrainingEntry:
    """An entry with every field other than its default."""
    return TrainingEntry(
        staff_id=1,
        title="CPR",
        completed_on=date(2025, 3, 4),
        clock_hours=150,
        course_id="CPR-1",
        provider="Red Cross",
        format=Format.LIVE_VIRTUAL,
        setting=Setting.GROUP,
        start_time=time(9),
        end_time=time(10, 30),
        in_ratio=True,
        approved=False,
        enrolled_on=date(2025, 1, 2),
        notes="card on file",
        id=5,
        kind=EntryKind.CREDENTIAL,
        expires_on=date(2027, 3, 4),
        as_trainer=True,
        mopd_report_on=date(2025, 6, 1),
    )


def test_replace_changes_only_the_given_fields() -> None:
    entry = _every_field_set()
    defaults = TrainingEntry(0, "", date.min, 0)
    for name in TrainingEntry._fields:
        if name not in ("staff_id", "title", "completed_on", "clock_hours"):
            assert getattr(entry, name) != getattr(defaults, name), name
    moved = entry.replace(staff_id=7, id=99)
    for name in TrainingEntry._fields:
        expected = {"staff_id": 7, "id": 99}.get(name, getattr(entry, name))
        assert getattr(moved, name) == expected, name
    with pytest.raises(ValueError, match="colour"):
        entry.replace(colour="red")


def test_an_entry_equals_only_an_entry_with_the_same_fields() -> None:
    entry = _every_field_set()
    assert entry == entry.replace() and hash(entry) == hash(entry.replace())
    assert entry != entry.replace(notes="")
    # a NamedTuple would equal the plain tuple of its values: a record does not
    as_tuple = tuple(entry)
    assert entry != as_tuple and as_tuple != entry
    assert not (entry == as_tuple or as_tuple == entry)
    assert len({entry, as_tuple}) == 2
    assert {entry: 1}.get(as_tuple) is None


def test_entries_have_no_order() -> None:
    """As between dataclasses: sorting entries needs a key (completion order is the
    engine's), never the tuple order of their fields."""
    first, second = _every_field_set(), _every_field_set().replace(staff_id=2)
    for compare in (
        lambda: first < second,
        lambda: first <= second,
        lambda: first > second,
        lambda: first >= second,
    ):
        with pytest.raises(TypeError):
            compare()
    with pytest.raises(TypeError):
        sorted([second, first])


def test_an_entry_is_immutable_and_pickles() -> None:
    entry = _every_field_set()
    with pytest.raises(AttributeError):
        entry.title = "First Aid"  # type: ignore[misc]
    assert not hasattr(entry, "__dict__")
    assert pickle.loads(pickle.dumps(entry)) == entry


def test_a_staff_record_is_not_equal_to_an_entry() -> None:
    assert Staff("Ana", "Lopez", id=1) != _every_field_set()
