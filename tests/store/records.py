"""Small record factories and file helpers for the store tests."""

from __future__ import annotations

import hashlib
from datetime import date, time
from pathlib import Path

from ccdesktop.domain.records import Staff, TrainingEntry


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def staff(first: str = "Ana", last: str = "Lopez", **changes: object) -> Staff:
    """An unsaved staff member (no id)."""
    record = Staff(first_name=first, last_name=last)
    return record.replace(**changes) if changes else record


def entry(staff_id: int, title: str = "Safe Sleep", **changes: object) -> TrainingEntry:
    """An unsaved training entry (no id) of ``staff_id``."""
    record = TrainingEntry(
        staff_id=staff_id,
        title=title,
        completed_on=date(2025, 3, 4),
        clock_hours=150,
        start_time=time(9, 0),
        end_time=time(10, 30),
    )
    return record.replace(**changes) if changes else record
