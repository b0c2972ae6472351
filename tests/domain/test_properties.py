"""Property tests over random centers (hypothesis).

The generated centers draw dates, times, titles and course ids from small pools so
that repeats, overlaps and 12-month boundaries happen often. Besides the properties
of the ledger, the verdicts are compared with a naive all-pairs reading of RULES.md
section 3 written here independently of the engine.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from datetime import date, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccdesktop.domain.audit import Audit, StaffStanding, audit_year
from ccdesktop.domain.codes import Status
from ccdesktop.domain.records import (
    Center,
    CenterData,
    EntryKind,
    Format,
    HireYearPolicy,
    Setting,
    Staff,
    TrainingEntry,
)
from ccdesktop.domain.rules import evaluate_entries, in_completion_order

SETTINGS = settings(max_examples=200, deadline=None)
YEARS = range(2021, 2028)

DATE_POOL = [
    date.fromisoformat(text)
    for text in (
        "2022-03-15",
        "2023-03-14",
        "2023-03-15",
        "2024-02-29",
        "2024-03-15",
        "2025-02-27",
        "2025-02-28",
        "2025-03-15",
        "2025-06-01",
        "2025-12-31",
        "2026-01-01",
    )
]
TITLE_POOL = ["Safe Sleep", "safe-sleep.", "SAFE  SLEEP", "CPR", "First Aid", "First-Aid!"]
COURSE_ID_POOL = [None, None, "C1", "C2"]
START_POOL = [None, 8 * 60, 8 * 60 + 30, 9 * 60, 9 * 60 + 30, 10 * 60, 11 * 60]
DURATION_POOL = [None, 30, 60, 90, 120]
HOURS_POOL = [10, 25, 50, 100, 150, 200, 300, 600, 1170]

days = st.one_of(st.sampled_from(DATE_POOL), st.dates(date(2022, 1, 1), date(2026, 12, 31)))


@st.composite
def entry_drafts(
    draw: st.DrawFn, staff_ids: Sequence[int], busy_days: Sequence[date]
) -> TrainingEntry:
    # Most entries fall on a few busy days, so that sittings meet and overlap.
    completed = draw(st.one_of(st.sampled_from(busy_days), days))
    start_minute = draw(st.sampled_from(START_POOL))
    duration = draw(st.sampled_from(DURATION_POOL))
    start = None if start_minute is None else time(*divmod(start_minute, 60))
    end_minute = (start_minute or 12 * 60) + (duration or 0)
    end = None if duration is None else time(*divmod(end_minute, 60))
    enrolled = draw(
        st.one_of(st.none(), st.integers(0, 800).map(lambda n: completed - timedelta(days=n)))
    )
    credential = draw(st.integers(0, 14)) == 0
    return TrainingEntry(
        staff_id=draw(st.sampled_from(staff_ids)),
        title=draw(st.sampled_from(TITLE_POOL)),
        completed_on=completed,
        clock_hours=0 if credential else draw(st.sampled_from(HOURS_POOL)),
        course_id=draw(st.sampled_from(COURSE_ID_POOL)),
        format=draw(st.sampled_from(list(Format))),
        setting=draw(st.sampled_from(list(Setting))),
        start_time=start,
        end_time=end,
        in_ratio=draw(st.integers(0, 9)) == 0,
        approved=draw(st.integers(0, 9)) != 0,
        enrolled_on=enrolled,
        kind=EntryKind.CREDENTIAL if credential else EntryKind.TRAINING,
        as_trainer=draw(st.integers(0, 9)) == 0,
    )


@st.composite
def centers(draw: st.DrawFn) -> CenterData:
    staff_ids = draw(st.lists(st.integers(1, 500), min_size=1, max_size=4, unique=True))
    staff = []
    for staff_id in staff_ids:
        hire = draw(st.one_of(st.none(), st.dates(date(2021, 1, 1), date(2026, 12, 31))))
        end = None
        if draw(st.integers(0, 3)) == 0:
            end = draw(st.dates(hire or date(2021, 1, 1), date(2027, 12, 31)))
        staff.append(
            Staff(
                first_name=f"F{staff_id}",
                last_name=draw(st.sampled_from(["Adams", "baker", "Cruz"])),
                mopd_id=draw(st.sampled_from([None, f"M{staff_id}"])),
                requires_clock_hours=draw(st.integers(0, 5)) != 0,
                hire_date=hire,
                end_date=end,
                id=staff_id,
            )
        )
    busy_days = draw(st.lists(days, min_size=1, max_size=3))
    drafts = draw(st.lists(entry_drafts(staff_ids, busy_days), max_size=30))
    ids = draw(
        st.lists(st.integers(1, 100_000), min_size=len(drafts), max_size=len(drafts), unique=True)
    )
    entries = tuple(d.replace(id=i) for d, i in zip(drafts, ids, strict=True))
    center = Center(
        required_hours=draw(st.sampled_from([1200, 600, 2000])),
        hire_year_policy=draw(st.sampled_from(list(HireYearPolicy))),
    )
    return CenterData(center, tuple(staff), entries)


# --- an independent, naive reading of RULES.md section 3 ----------------------------


def _plus_12_months(day: date) -> date:
    year = day.year + 1
    return date(year, day.month, min(day.day, calendar.monthrange(year, day.month)[1]))


def _norm(title: str) -> str:
    return " ".join(re.sub(r"[^\w\s]|_", " ", title.casefold()).split())


def _same_course(a: TrainingEntry, b: TrainingEntry) -> bool:
    if a.course_id and b.course_id:
        return a.course_id == b.course_id
    return _norm(a.title) == _norm(b.title)


def _earlier(a: TrainingEntry, b: TrainingEntry) -> bool:
    """a completed before b, by RULES.md's tie-breaks."""

    def key(e: TrainingEntry) -> tuple[object, ...]:
        no_start = e.start_time is None
        return (e.completed_on, no_start, e.start_time or time(0), e.id)

    return key(a) < key(b)


def _overlaps(a: TrainingEntry, b: TrainingEntry) -> bool:
    if not (a.has_times and b.has_times) or a.completed_on != b.completed_on:
        return False
    if EntryKind.CREDENTIAL in (a.kind, b.kind):  # a credential is no sitting
        return False
    assert a.start_time and a.end_time and b.start_time and b.end_time
    return max(a.start_time, b.start_time) < min(a.end_time, b.end_time)


def naive_reasons(entries: Sequence[TrainingEntry]) -> dict[int, list[str]]:
    result: dict[int, list[str]] = {}
    for e in entries:
        assert e.id is not None
        if e.kind is EntryKind.CREDENTIAL:  # not a sitting: no rule applies
            result[e.id] = []
            continue
        mine = [
            o
            for o in entries
            if o.staff_id == e.staff_id and o.id != e.id and o.kind is EntryKind.TRAINING
        ]
        online = e.format is Format.ONLINE_MODULE
        checks = [
            ("OVERLAP", any(_overlaps(e, o) for o in mine)),
            ("IN_RATIO", e.in_ratio),
            ("ONLINE_GROUP", online and e.setting is Setting.GROUP),
            (
                "REPEAT_WITHIN_12_MONTHS",
                any(
                    _same_course(o, e)
                    and _earlier(o, e)
                    and e.completed_on < _plus_12_months(o.completed_on)
                    for o in mine
                ),
            ),
            (
                "ELEARNING_WINDOW",
                online
                and e.enrolled_on is not None
                and e.completed_on > _plus_12_months(e.enrolled_on),
            ),
            ("NOT_APPROVED", not e.approved),
            ("TRAINER_OWN_SESSION", e.as_trainer),
        ]
        result[e.id] = [code for code, hit in checks if hit]
    return result


# --- properties ---------------------------------------------------------------------


@SETTINGS
@given(centers())
def test_verdicts_agree_with_a_naive_reading_of_the_rules(data: CenterData) -> None:
    verdicts = evaluate_entries(data.entries)
    expected = naive_reasons(data.entries)
    assert {i: [str(r) for r in v.reasons] for i, v in verdicts.items()} == expected
    for e in data.entries:
        assert e.id is not None
        partners = sorted(
            o.id
            for o in data.entries
            if o.id is not None and o.staff_id == e.staff_id and o.id != e.id and _overlaps(e, o)
        )
        assert list(verdicts[e.id].overlaps_with) == partners


@SETTINGS
@given(centers(), st.randoms(use_true_random=False))
def test_verdicts_do_not_depend_on_entry_order(data: CenterData, rnd: object) -> None:
    shuffled = list(data.entries)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    reversed_data = CenterData(data.center, tuple(reversed(data.staff)), tuple(shuffled))
    assert evaluate_entries(shuffled) == evaluate_entries(data.entries)
    for year in (2023, 2025):
        a, b = audit_year(data, year), audit_year(reversed_data, year)
        assert a.staff == b.staff
        assert a.entries == b.entries


def _all_standings(data: CenterData) -> list[tuple[Audit, StaffStanding]]:
    pairs = []
    for year in YEARS:
        result = audit_year(data, year)
        pairs.extend((result, standing) for standing in result.staff)
    return pairs


@SETTINGS
@given(centers())
def test_counted_plus_applied_is_earned(data: CenterData) -> None:
    for _, s in _all_standings(data):
        assert s.counted + sum(h for _, h in s.applied_to_prior) == s.earned
        for row in s.ledger:
            assert row.counted + row.applied_total == row.earned


@pytest.mark.slow
@SETTINGS
@given(centers())
def test_nothing_in_the_ledger_is_negative(data: CenterData) -> None:
    for _, s in _all_standings(data):
        assert s.hours_needed >= 0
        assert s.prior_deficit_remaining >= 0
        assert s.counted >= 0 and s.earned >= 0 and s.required >= 0
        for row in s.ledger:
            assert min(row.required, row.earned, row.counted, row.deficit_added) >= 0
            assert row.prior_deficit_remaining >= 0
            assert all(h > 0 for _, h in row.applied_to_prior)
            assert all(h > 0 for _, h in row.unmet_after)
            # what is still owed after the year is exactly what the year reports
            assert sum(h for _, h in row.unmet_after) == row.hours_needed


@pytest.mark.slow
@SETTINGS
@given(centers())
def test_earned_is_the_sum_of_credited_entries(data: CenterData) -> None:
    for result, s in _all_standings(data):
        expected = sum(
            e.clock_hours
            for e in data.entries
            if e.staff_id == s.staff.id
            and e.completed_on.year == result.year
            and result.verdicts[e.id].credited  # type: ignore[index]
        )
        assert s.earned == expected


def _figures(data: CenterData) -> list[tuple[object, ...]]:
    return [
        (
            result.year,
            s.staff.id,
            s.status,
            s.required,
            s.earned,
            s.applied_to_prior,
            s.counted,
            s.prior_deficit_remaining,
            s.hours_needed,
            s.ledger,
            s.denied_count,
        )
        for result, s in _all_standings(data)
    ]


@SETTINGS
@given(centers())
def test_changing_a_denied_entrys_hours_changes_no_figure(data: CenterData) -> None:
    verdicts = evaluate_entries(data.entries)
    changed = tuple(
        e
        if verdicts[e.id].credited  # type: ignore[index]
        else e.replace(clock_hours=(e.clock_hours + 37) % 2400 + 1)
        for e in data.entries
    )
    other = CenterData(data.center, data.staff, changed)
    other_verdicts = evaluate_entries(changed)
    for entry_id, verdict in verdicts.items():
        assert other_verdicts[entry_id].reasons == verdict.reasons
    assert _figures(other) == _figures(data)


@SETTINGS
@given(centers())
def test_status_is_consistent_with_hours_needed(data: CenterData) -> None:
    for _, s in _all_standings(data):
        if s.required == 0:
            assert s.status is Status.EXEMPT
        else:
            assert (s.status is Status.MET) == (s.hours_needed == 0)
            assert (s.status is Status.SHORT) == (s.hours_needed > 0)
        if not s.staff.requires_clock_hours:
            assert s.status is Status.EXEMPT


def _verdict_from_the_named_rules(entries: Sequence[TrainingEntry]) -> dict[int, tuple]:
    """The verdicts as the rule functions of domain/rules.py give them, each asked
    directly over the whole center's entries (the rules across entries in completion
    order, as they ask): the engine's ``judge`` (which asks the same functions person
    by person) must agree."""
    from ccdesktop.domain.codes import Reason, WarningCode
    from ccdesktop.domain.rules import (
        find_overlaps,
        find_repeats,
        has_missing_times,
        hours_exceed_sitting,
        is_in_ratio,
        is_not_approved,
        is_online_group,
        is_outside_elearning_window,
        is_trainer_own_session,
    )

    ordered = in_completion_order(entries)
    overlaps = find_overlaps(ordered)
    repeats = find_repeats(ordered)
    result: dict[int, tuple] = {}
    for e in entries:
        assert e.id is not None
        if e.kind is EntryKind.CREDENTIAL:
            result[e.id] = ((), (), (), None)
            continue
        checks = [
            (Reason.OVERLAP, e.id in overlaps),
            (Reason.IN_RATIO, is_in_ratio(e)),
            (Reason.ONLINE_GROUP, is_online_group(e)),
            (Reason.REPEAT_WITHIN_12_MONTHS, e.id in repeats),
            (Reason.ELEARNING_WINDOW, is_outside_elearning_window(e)),
            (Reason.NOT_APPROVED, is_not_approved(e)),
            (Reason.TRAINER_OWN_SESSION, is_trainer_own_session(e)),
        ]
        warnings = [
            (WarningCode.MISSING_TIMES, has_missing_times(e)),
            (WarningCode.HOURS_EXCEED_SITTING, hours_exceed_sitting(e)),
        ]
        result[e.id] = (
            tuple(code for code, hit in checks if hit),
            tuple(code for code, hit in warnings if hit),
            tuple(sorted(overlaps.get(e.id, ()))),
            repeats.get(e.id),
        )
    return result


@SETTINGS
@given(centers())
def test_the_engine_equals_the_named_rule_functions(data: CenterData) -> None:
    engine = {
        entry_id: (v.reasons, v.warnings, v.overlaps_with, v.repeat_of)
        for entry_id, v in evaluate_entries(data.entries).items()
    }
    assert engine == _verdict_from_the_named_rules(data.entries)
