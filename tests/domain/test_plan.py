"""The year-end plan and the reminders on open (issue 13)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from ccdesktop.domain.audit import audit_year
from ccdesktop.domain.plan import (
    gap_after_planned,
    plan_horizon,
    reminders,
    year_end_plan,
)
from ccdesktop.domain.records import Center, CenterData, EntryKind
from ccdesktop.domain.requirements import requirement_statuses
from tests.factories import D, make_entry, make_staff

TODAY = D("2026-12-02")
INFANTS = Center(licensed_for_infants=True, records_start_year=2026)


def plan_of(staff, entries, center=INFANTS, today=TODAY, year=2026):  # type: ignore[no-untyped-def]
    data = CenterData(center, tuple(staff), tuple(entries))
    return year_end_plan(audit_year(data, year, today=today), today)


def card(entry_id, staff_id, title, on, expires):  # type: ignore[no-untyped-def]
    return make_entry(
        entry_id,
        staff_id=staff_id,
        title=title,
        completed_on=on,
        clock_hours=0,
        kind=EntryKind.CREDENTIAL,
        expires_on=D(expires),
    )


def all_current(entry_id: int, staff_id: int):  # type: ignore[no-untyped-def]
    """Entries that keep every default requirement current through 2027."""
    return [
        make_entry(entry_id, staff_id=staff_id, title="Orientation", completed_on="2024-01-01"),
        make_entry(entry_id + 1, staff_id=staff_id, title="Safe Sleep", completed_on="2025-01-10"),
        card(entry_id + 2, staff_id, "First Aid and CPR", "2025-06-01", "2027-12-31"),
    ]


def test_hours_needed_planned_and_the_gap() -> None:
    staff = [make_staff(1, hire_date="2024-01-01")]
    entries = [
        *all_current(1, 1),
        make_entry(10, title="A", completed_on="2026-03-01", clock_hours=800),
        make_entry(11, title="B", completed_on="2026-12-10", clock_hours=300),  # planned
    ]
    plan = plan_of(staff, entries)
    [person] = plan.people
    assert person.hours_needed == 400 and person.planned == 300 and person.gap == 100
    assert person.requirements == ()
    assert person.urgent_on == D("2026-12-31")
    assert plan.horizon == D("2026-12-31") and plan.short == (person,)


@settings(max_examples=60, deadline=None)
@given(
    done=st.lists(st.integers(1, 600), max_size=4),
    planned=st.lists(st.integers(1, 600), max_size=4),
    owed=st.integers(0, 1200),
)
def test_the_gap_is_what_the_ledger_says_once_the_planned_are_done(
    done: list[int], planned: list[int], owed: int
) -> None:
    """``gap_after_planned`` against the engine itself: audit as if every planned entry
    were done (no ``today``) and read its hours needed."""
    staff = (make_staff(1, hire_date="2025-01-01"),)
    entries = [
        make_entry(1, title="Last year", completed_on="2025-06-01", clock_hours=max(1, 1200 - owed))
    ]
    entries += [
        make_entry(10 + i, title=f"D{i}", completed_on="2026-03-01", clock_hours=h)
        for i, h in enumerate(done)
    ]
    entries += [
        make_entry(20 + i, title=f"P{i}", completed_on="2026-12-20", clock_hours=h)
        for i, h in enumerate(planned)
    ]
    data = CenterData(Center(), staff, tuple(entries))
    now = audit_year(data, 2026, today=TODAY).standing(1)
    all_done = audit_year(data, 2026).standing(1)
    assert gap_after_planned(now) == all_done.hours_needed


def test_horizon_is_year_end_or_a_later_inspection() -> None:
    assert plan_horizon(2026, None, TODAY) == D("2026-12-31")
    assert plan_horizon(2026, D("2026-12-15"), TODAY) == D("2026-12-31")
    assert plan_horizon(2026, D("2027-02-10"), TODAY) == D("2027-02-10")
    # a past inspection date is ignored
    assert plan_horizon(2026, D("2026-11-01"), TODAY) == D("2026-12-31")


def test_requirements_due_before_year_end_or_the_inspection() -> None:
    staff = [make_staff(1, hire_date="2020-01-06")]
    entries = [
        make_entry(1, title="Orientation", completed_on="2020-01-06"),
        # Safe Sleep current through 1/20/2027: after Dec 31, before the inspection
        make_entry(2, title="Safe Sleep", completed_on="2024-01-20"),
        card(3, 1, "CPR", "2025-01-01", "2026-12-30"),  # lapses before Dec 31
        card(4, 1, "First Aid", "2025-01-01", "2027-06-30"),
        make_entry(10, title="A", completed_on="2026-03-01", clock_hours=1200),
    ]
    without = plan_of(staff, entries)
    assert [s.kind.name for s in without.people[0].requirements] == ["CPR"]
    inspected = plan_of(staff, entries, center=INFANTS.replace(next_inspection_on=D("2027-02-01")))
    person = inspected.people[0]
    assert [s.kind.name for s in person.requirements] == ["Safe Sleep", "CPR"]
    assert [s.kind.name for s in person.before_inspection] == ["Safe Sleep", "CPR"]
    assert inspected.horizon == D("2027-02-01")
    # current through the horizon day itself: not listed
    on_the_day = plan_of(staff, entries, center=INFANTS.replace(next_inspection_on=D("2027-01-20")))
    assert [s.kind.name for s in on_the_day.people[0].requirements] == ["CPR"]


def test_sorted_by_urgency() -> None:
    staff = [
        make_staff(1, first_name="Ana", last_name="Able", hire_date="2020-01-06"),  # nothing to do
        make_staff(2, first_name="Bo", last_name="Bell", hire_date="2020-01-06"),  # 5 h short
        make_staff(
            3, first_name="Cy", last_name="Cole", hire_date="2020-01-06"
        ),  # CPR lapses 12/20
        make_staff(
            4, first_name="Di", last_name="Dunn", hire_date="2020-01-06"
        ),  # Safe Sleep overdue
        make_staff(5, first_name="Ed", last_name="Eve", hire_date="2020-01-06"),  # 8 h short
        make_staff(
            6, first_name="Fay", last_name="Fox", end_date="2026-06-30"
        ),  # left: not in the plan
        make_staff(
            7, first_name="Gus", last_name="Gray", requires_clock_hours=False
        ),  # a cook: not in the plan
    ]
    entries = []
    for staff_id in (1, 2, 3, 4, 5):
        entries += all_current(staff_id * 100, staff_id)
    hours = {1: 1200, 2: 700, 3: 1200, 4: 1200, 5: 400}
    entries += [
        make_entry(
            staff_id * 100 + 50,
            staff_id=staff_id,
            title="Hours",
            completed_on="2026-02-01",
            clock_hours=h,
        )
        for staff_id, h in hours.items()
    ]
    entries = [e for e in entries if not (e.staff_id == 4 and e.title == "Safe Sleep")]
    entries += [
        make_entry(450, staff_id=4, title="Safe Sleep", completed_on="2023-01-10")
    ]  # lapsed
    entries = [e for e in entries if not (e.staff_id == 3 and e.kind is EntryKind.CREDENTIAL)]
    entries += [card(350, 3, "First Aid and CPR", "2025-01-01", "2026-12-20")]
    plan = plan_of(staff, entries)
    assert [p.standing.staff.id for p in plan.people] == [4, 3, 5, 2, 1]
    assert plan.people[-1].on_track


def test_a_planned_renewal_in_time_is_not_urgent() -> None:
    staff = [make_staff(1, hire_date="2020-01-06")]
    entries = [
        make_entry(1, title="Orientation", completed_on="2020-01-06"),
        make_entry(2, title="Safe Sleep", completed_on="2025-01-20"),
        card(3, 1, "First Aid and CPR", "2025-01-01", "2026-12-20"),
        card(4, 1, "First Aid and CPR", "2026-12-15", "2028-12-31"),  # planned renewal
        make_entry(10, title="A", completed_on="2026-03-01", clock_hours=1200),
    ]
    plan = plan_of(staff, entries)
    person = plan.people[0]
    assert [s.kind.name for s in person.requirements] == ["CPR", "First Aid"]
    assert all(s.planned_in_time for s in person.requirements)
    assert person.urgent_on is None
    assert reminders(plan) == ()


def test_reminders_in_a_directors_words() -> None:
    staff = [make_staff(i, first_name=f"P{i}", hire_date="2020-01-06") for i in range(1, 6)]
    entries = []
    for staff_id in range(1, 6):
        entries += all_current(staff_id * 100, staff_id)
    # three short (one covered by a planned training), two Safe Sleep lapse in January
    entries += [make_entry(150, staff_id=1, title="H", completed_on="2026-02-01", clock_hours=1000)]
    entries += [make_entry(250, staff_id=2, title="H", completed_on="2026-02-01", clock_hours=600)]
    entries += [make_entry(350, staff_id=3, title="H", completed_on="2026-02-01", clock_hours=1100)]
    entries += [make_entry(351, staff_id=3, title="P", completed_on="2026-12-12", clock_hours=100)]
    entries += [make_entry(450, staff_id=4, title="H", completed_on="2026-02-01", clock_hours=1200)]
    entries += [make_entry(550, staff_id=5, title="H", completed_on="2026-02-01", clock_hours=1200)]
    entries = [e for e in entries if not (e.staff_id in (4, 5) and e.title == "Safe Sleep")]
    entries += [make_entry(460, staff_id=4, title="Safe Sleep", completed_on="2024-01-10")]
    entries += [make_entry(560, staff_id=5, title="Safe Sleep", completed_on="2024-01-25")]
    plan = plan_of(staff, entries)
    assert reminders(plan) == (
        "2 people are short of their 2026 hours with 29 days left (planned trainings cover 1 more)",
        "Safe Sleep lapses for 2 people in January 2027",
    )


def test_reminders_of_overdue_missing_and_the_inspection() -> None:
    staff = [
        make_staff(1, hire_date="2020-01-06"),
        make_staff(2, first_name="Bo", hire_date="2026-11-20"),
    ]
    entries = [
        *all_current(100, 1),
        make_entry(150, staff_id=1, title="H", completed_on="2026-02-01", clock_hours=1200),
        make_entry(250, staff_id=2, title="H", completed_on="2026-11-25", clock_hours=100),
    ]
    center = INFANTS.replace(next_inspection_on=D("2026-12-20"))
    # Bo was hired 11/20: Safe Sleep by 12/20, orientation before starting
    assert reminders(plan_of(staff, entries, center=center)) == (
        "1 person is short of their 2026 hours with 29 days left",
        "Safe Sleep is due for 1 person in December",
        "CPR is missing for 1 person",
        "First Aid is missing for 1 person",
        "Orientation is overdue for 1 person",
        "The inspection on 12/20/2026 is in 18 days: 1 person has a required training that "
        "will not be current by then",
    )
    # on December 31 the Safe Sleep deadline has passed, and so has the inspection
    lines = reminders(plan_of(staff, entries, center=center, today=D("2026-12-31")))
    assert lines[:2] == (
        "1 person is short of their 2026 hours on the last day of the year",
        "Safe Sleep is overdue for 1 person",
    )
    assert not any("inspection" in line for line in lines)


def test_a_past_or_future_year_says_nothing_of_days_left() -> None:
    staff = [make_staff(1, hire_date="2020-01-06")]
    entries = all_current(100, 1)
    plan = plan_of(staff, entries, year=2027)
    assert plan.people[0].gap == 2400  # 2026 asked 12 too, and nothing was done
    assert not any("hours" in line for line in reminders(plan))


def test_statuses_may_be_given_or_computed() -> None:
    staff = (make_staff(1, hire_date="2020-01-06"),)
    data = CenterData(INFANTS, staff, tuple(all_current(1, 1)))
    result = audit_year(data, 2026, today=TODAY)
    statuses = requirement_statuses(result, TODAY)
    assert year_end_plan(result, TODAY, statuses) == year_end_plan(result, TODAY)
    assert date(2026, 12, 31) == year_end_plan(result, TODAY).year_end
