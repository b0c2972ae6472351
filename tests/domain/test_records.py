"""The records' own helpers."""

from __future__ import annotations

import dataclasses
from datetime import date, time

from ccdesktop.domain.records import EntryKind, Format, Setting, TrainingEntry, entry_with_ids


def test_entry_with_ids_keeps_every_field() -> None:
    """entry_with_ids is replace(staff_id=, id=) written out: a field added to
    TrainingEntry and not to it would be lost, and this test finds it (the entry below
    sets every field to something other than its default)."""
    entry = TrainingEntry(
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
    defaults = TrainingEntry(0, "", date.min, 0)
    for field in dataclasses.fields(TrainingEntry):
        if field.name not in ("staff_id", "title", "completed_on", "clock_hours"):
            assert getattr(entry, field.name) != getattr(defaults, field.name), field.name
    assert entry_with_ids(entry, 7, 99) == entry.replace(staff_id=7, id=99)
    assert entry_with_ids(entry, 7, None) == entry.replace(staff_id=7, id=None)
