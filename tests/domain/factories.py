"""Small builders for the domain tests: records with sensible defaults, dates and
times from short text, so each test states only the fields it is about."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time

from ccdesktop.domain.audit import Audit, audit_year
from ccdesktop.domain.records import Center, CenterData, Staff, TrainingEntry
from ccdesktop.domain.rules import Verdict, evaluate_entries


def D(text: str) -> date:
    """``"2025-03-04"`` -> date."""
    return date.fromisoformat(text)


def T(text: str) -> time:
    """``"9:00"`` -> time."""
    hour, minute = text.split(":")
    return time(int(hour), int(minute))


def make_entry(
    entry_id: int,
    *,
    staff_id: int = 1,
    title: str = "Safe Sleep",
    on: str = "2025-03-04",
    start: str | None = None,
    end: str | None = None,
    hours: int = 100,
    **changes: object,
) -> TrainingEntry:
    entry = TrainingEntry(
        staff_id=staff_id,
        title=title,
        completed_on=D(on),
        clock_hours=hours,
        start_time=None if start is None else T(start),
        end_time=None if end is None else T(end),
        id=entry_id,
    )
    return entry.replace(**changes) if changes else entry


def make_staff(
    staff_id: int = 1,
    *,
    first: str = "Ana",
    last: str = "Lopez",
    mopd_id: str | None = "100001",
    hire: str | None = None,
    end: str | None = None,
    requires: bool = True,
) -> Staff:
    return Staff(
        first_name=first,
        last_name=last,
        mopd_id=mopd_id,
        requires_clock_hours=requires,
        hire_date=None if hire is None else D(hire),
        end_date=None if end is None else D(end),
        id=staff_id,
    )


def verdicts_of(*entries: TrainingEntry) -> dict[int, Verdict]:
    return evaluate_entries(list(entries))


def reason_names(verdict: Verdict) -> list[str]:
    return [str(reason) for reason in verdict.reasons]


def warning_names(verdict: Verdict) -> list[str]:
    return [str(code) for code in verdict.warnings]


def audit(
    staff: Iterable[Staff],
    entries: Iterable[TrainingEntry],
    year: int,
    center: Center | None = None,
) -> Audit:
    data = CenterData(center or Center(), tuple(staff), tuple(entries))
    return audit_year(data, year)
