"""Record factories for the promise tests."""

from __future__ import annotations

from datetime import date, time

from ccdesktop.domain.records import Staff, TrainingEntry


def make_staff(first: str = "Ana", last: str = "Lopez", **changes: object) -> Staff:
    record = Staff(first_name=first, last_name=last)
    return record.replace(**changes) if changes else record


def make_entry(staff_id: int, title: str = "Safe Sleep", **changes: object) -> TrainingEntry:
    record = TrainingEntry(
        staff_id=staff_id,
        title=title,
        completed_on=date(2025, 3, 4),
        clock_hours=150,
        start_time=time(9, 0),
        end_time=time(10, 30),
    )
    return record.replace(**changes) if changes else record
