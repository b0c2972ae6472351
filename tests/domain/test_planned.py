"""Planned trainings (issue 13): an entry after the audit's ``today`` is judged by the
same rules but its hours never count; the form's words for it."""

from __future__ import annotations

from ccdesktop.domain.audit import audit_year
from ccdesktop.domain.codes import Status
from ccdesktop.domain.explain import describe_planned, first_credited_date
from ccdesktop.domain.records import Center, CenterData
from ccdesktop.domain.rules import evaluate_entries, repeat_cleared_on
from tests.factories import D, make_entry, make_staff


def _data(*entries):  # type: ignore[no-untyped-def]
    return CenterData(Center(), (make_staff(1, hire_date="2024-01-01"),), tuple(entries))


def test_an_entry_after_today_is_planned_and_its_hours_are_not_counted() -> None:
    done = make_entry(1, title="A", completed_on="2026-03-01", clock_hours=500)
    today_entry = make_entry(2, title="B", completed_on="2026-06-01", clock_hours=200)
    planned = make_entry(3, title="C", completed_on="2026-06-02", clock_hours=300)
    result = audit_year(_data(done, today_entry, planned), 2026, today=D("2026-06-01"))
    standing = result.standing(1)
    # completed on "today" itself counts; the day after is planned
    assert standing.earned == 700 and standing.counted == 700
    assert standing.hours_needed == 500
    assert standing.planned == 300 and standing.planned_count == 1
    assert standing.ledger[-1].earned == 700
    assert [(r.entry.id, r.planned) for r in result.entries] == [(1, False), (2, False), (3, True)]
    assert [r.planned for r in result.entries_of(1)] == [False, False, True]
    assert result.today == D("2026-06-01")


def test_without_today_every_entry_counts_as_before() -> None:
    entries = (
        make_entry(1, title="A", completed_on="2026-03-01"),
        make_entry(2, title="C", completed_on="2099-01-01"),
    )
    result = audit_year(_data(*entries), 2026)
    assert result.standing(1).planned == 0
    assert not any(r.planned for r in result.entries)
    assert audit_year(_data(*entries), 2099).standing(1).earned == 100


def test_a_planned_entry_is_judged_by_the_same_rules() -> None:
    done = make_entry(1, title="Safe Sleep", completed_on="2026-03-04", clock_hours=200)
    repeat = make_entry(2, title="safe-sleep", completed_on="2026-09-01", clock_hours=200)
    in_ratio = make_entry(
        3, title="Other", completed_on="2026-10-01", clock_hours=100, in_ratio=True
    )
    result = audit_year(_data(done, repeat, in_ratio), 2026, today=D("2026-06-01"))
    verdicts = evaluate_entries([done, repeat, in_ratio])
    by_id = {r.entry.id: r for r in result.entries}
    assert by_id[2].verdict == verdicts[2] and not by_id[2].credited and by_id[2].planned
    standing = result.standing(1)
    # planned ones that would be denied are neither planned hours nor denied entries
    assert standing.planned == 0 and standing.planned_count == 2
    assert standing.denied_count == 0
    # the audit's denied list still shows them (marked planned)
    assert [r.entry.id for r in result.denied] == [2, 3]


def test_planned_hours_of_a_later_year_make_up_nothing_now() -> None:
    owed = make_entry(1, title="A", completed_on="2025-06-01", clock_hours=100)
    planned = make_entry(2, title="B", completed_on="2026-07-01", clock_hours=1200)
    result = audit_year(_data(owed, planned), 2026, today=D("2026-06-30"))
    standing = result.standing(1)
    assert standing.applied_to_prior == ()
    assert standing.prior_deficit_remaining == 1100
    assert standing.status is Status.SHORT and standing.planned == 1200


def test_first_credited_date_is_the_earlier_completion_plus_12_months() -> None:
    earlier = make_entry(1, title="Safe Sleep", completed_on="2026-03-04")
    planned = make_entry(2, title="Safe Sleep", completed_on="2026-12-15")
    verdicts = evaluate_entries([earlier, planned])
    by_id = {1: earlier, 2: planned}
    assert first_credited_date(verdicts[2], by_id) == D("2027-03-04")
    assert describe_planned(planned, verdicts[2], by_id) == (
        "would be denied: repeats Safe Sleep within 12 months of 3/4/2026; "
        "first credited date 3/4/2027"
    )
    # on exactly that date the same course is credited again
    on_the_day = planned.replace(completed_on=D("2027-03-04"))
    again = evaluate_entries([earlier, on_the_day])[2]
    assert again.credited
    assert describe_planned(on_the_day, again, {1: earlier, 2: on_the_day}) == "would be credited"


def test_first_credited_date_of_a_leap_day_and_of_other_reasons() -> None:
    leap = make_entry(1, title="CPR", completed_on="2024-02-29")
    assert repeat_cleared_on(leap) == D("2025-02-28")
    repeat_in_ratio = make_entry(2, title="CPR", completed_on="2024-12-01", in_ratio=True)
    verdict = evaluate_entries([leap, repeat_in_ratio])[2]
    # a later day would not cure the in-ratio denial: no date is promised
    assert first_credited_date(verdict, {1: leap, 2: repeat_in_ratio}) is None
    text = describe_planned(repeat_in_ratio, verdict, {1: leap, 2: repeat_in_ratio})
    assert text.startswith("would be denied: in ratio with children: no credit; repeats CPR")
    assert "first credited date" not in text
