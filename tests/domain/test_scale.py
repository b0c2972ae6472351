"""A large center evaluates without error (no timing assertion: see tests/benchmarks)."""

from __future__ import annotations

import random
from datetime import date, time, timedelta

from ccdesktop.domain.audit import audit_year
from ccdesktop.domain.codes import Status
from ccdesktop.domain.records import Center, CenterData, Format, Setting, Staff, TrainingEntry

STAFF_COUNT = 500
ENTRY_COUNT = 20_000


def _large_center(seed: int) -> CenterData:
    rnd = random.Random(seed)
    staff = tuple(
        Staff(
            first_name=f"First{i}",
            last_name=f"Last{i % 37}",
            mopd_id=f"{100000 + i}" if i % 10 else None,
            hire_date=date(2020, 1, 1) + timedelta(days=rnd.randrange(2200)) if i % 3 else None,
            id=i,
        )
        for i in range(1, STAFF_COUNT + 1)
    )
    titles = [f"Course {n}" for n in range(40)]
    entries = []
    for entry_id in range(1, ENTRY_COUNT + 1):
        start = rnd.choice([None, 8 * 60, 9 * 60, 9 * 60 + 30, 13 * 60])
        entries.append(
            TrainingEntry(
                staff_id=rnd.randint(1, STAFF_COUNT),
                title=rnd.choice(titles),
                completed_on=date(2021, 1, 1) + timedelta(days=rnd.randrange(5 * 365)),
                clock_hours=rnd.choice([25, 50, 100, 150, 200]),
                course_id=rnd.choice([None, "C1", "C2", "C3"]),
                format=rnd.choice(list(Format)),
                setting=rnd.choice(list(Setting)),
                start_time=None if start is None else time(*divmod(start, 60)),
                end_time=None if start is None else time(*divmod(start + 60, 60)),
                in_ratio=rnd.random() < 0.05,
                id=entry_id,
            )
        )
    return CenterData(Center(), staff, tuple(entries))


def test_twenty_thousand_entries_for_five_hundred_staff() -> None:
    data = _large_center(seed=20_000)
    result = audit_year(data, 2024)
    assert len(result.staff) == STAFF_COUNT
    assert len(result.verdicts) == ENTRY_COUNT
    in_2024 = sum(1 for e in data.entries if e.completed_on.year == 2024)
    assert len(result.entries) == in_2024
    assert {s.status for s in result.staff} <= {Status.MET, Status.SHORT, Status.EXEMPT}
    assert all(s.hours_needed >= 0 for s in result.staff)
