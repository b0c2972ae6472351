"""Warnings (RULES.md section 4): shown and printed, never change credit."""

from __future__ import annotations

import pytest

from ccdesktop.domain.codes import Status, WarningCode
from tests.factories import audit, make_entry, make_staff, reason_names, verdicts_of, warning_names


@pytest.mark.parametrize(
    ("start", "end", "missing"),
    [("9:00", None, True), (None, "10:00", True), (None, None, True), ("9:00", "10:00", False)],
    ids=["start_only", "end_only", "neither", "both"],
)
def test_missing_times(start: str | None, end: str | None, missing: bool) -> None:
    v = verdicts_of(make_entry(1, start_time=start, end_time=end, clock_hours=50))
    assert ("MISSING_TIMES" in warning_names(v[1])) is missing
    assert v[1].credited


@pytest.mark.parametrize(
    ("start", "end", "hours", "exceeds"),
    [
        ("9:00", "10:59", 200, True),  # 2 h in a 1:59 sitting
        ("9:00", "11:00", 200, False),  # exactly equal
        ("9:00", "10:30", 150, False),  # 1.5 h in 90 minutes
        ("9:00", "10:30", 151, True),  # 1.51 h = 90.6 minutes
        ("14:00", "14:15", 25, False),  # 0.25 h in 15 minutes
        ("14:00", "14:15", 26, True),  # 0.26 h = 15.6 minutes
        ("8:00", "8:01", 1, False),  # 0.01 h = 0.6 minutes
        ("8:00", "8:01", 2, True),  # 0.02 h = 1.2 minutes
        ("0:00", "23:59", 2400, True),
    ],
)
def test_hours_exceed_sitting(start: str, end: str, hours: int, exceeds: bool) -> None:
    v = verdicts_of(make_entry(1, start_time=start, end_time=end, clock_hours=hours))
    assert warning_names(v[1]) == (["HOURS_EXCEED_SITTING"] if exceeds else [])
    assert v[1].credited  # a warning never denies


def test_hours_exceed_sitting_needs_both_times() -> None:
    v = verdicts_of(make_entry(1, start_time="9:00", clock_hours=2400))
    assert warning_names(v[1]) == ["MISSING_TIMES"]


@pytest.mark.parametrize(
    ("mopd_id", "requires", "warned"),
    [(None, True, True), ("", True, True), ("123456", True, False), (None, False, False)],
)
def test_missing_mopd_id_only_for_staff_requiring_hours(
    mopd_id: str | None, requires: bool, warned: bool
) -> None:
    result = audit([make_staff(1, mopd_id=mopd_id, requires_clock_hours=requires)], [], 2025)
    expected = [WarningCode.MISSING_MOPD_ID] if warned else []
    assert list(result.standing(1).warnings) == expected


def test_warnings_never_change_credit() -> None:
    # Staff 1 has no MOPD ID and entries carrying both entry warnings; staff 2 has the
    # same training without any warning. Their figures must be equal.
    warned_entries = [
        make_entry(
            1, staff_id=1, title="A", completed_on="2025-02-01", clock_hours=300
        ),  # no times
        make_entry(
            2,
            staff_id=1,
            title="B",
            completed_on="2025-03-01",
            start_time="9:00",
            end_time="10:00",
            clock_hours=400,
        ),  # 4 h in a 1 h sitting
    ]
    clean_entries = [
        make_entry(
            3,
            staff_id=2,
            title="A",
            completed_on="2025-02-01",
            start_time="9:00",
            end_time="12:00",
            clock_hours=300,
        ),
        make_entry(
            4,
            staff_id=2,
            title="B",
            completed_on="2025-03-01",
            start_time="9:00",
            end_time="13:00",
            clock_hours=400,
        ),
    ]
    result = audit(
        [
            make_staff(1, mopd_id=None, hire_date="2025-01-01"),
            make_staff(2, first_name="Bo", mopd_id="2", hire_date="2025-01-01"),
        ],
        warned_entries + clean_entries,
        2025,
    )
    assert reason_names(result.verdicts[1]) == [] and reason_names(result.verdicts[2]) == []
    assert warning_names(result.verdicts[1]) == ["MISSING_TIMES"]
    assert warning_names(result.verdicts[2]) == ["HOURS_EXCEED_SITTING"]
    warned, clean = result.standing(1), result.standing(2)
    assert warned.earned == clean.earned == 700
    assert warned.hours_needed == clean.hours_needed == 500
    assert warned.status is clean.status is Status.SHORT
    assert warned.warning_count == 2 and clean.warning_count == 0
