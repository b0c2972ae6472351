"""Required trainings with renewal (issue 13): each rule at its date edges."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccdesktop.domain import requirements as requirements_module
from ccdesktop.domain.audit import audit_year
from ccdesktop.domain.records import (
    AppliesTo,
    Center,
    CenterData,
    EntryKind,
    MetBy,
    RequirementKind,
    TrainingEntry,
)
from ccdesktop.domain.requirements import (
    CPR,
    DEFAULT_REQUIREMENTS,
    FIRST_AID,
    ORIENTATION,
    SAFE_SLEEP,
    RequirementState,
    counts_toward,
    current_until,
    describe_status,
    is_due_soon,
    matches_entry,
    new_hire_deadline,
    not_applicable_reason,
    requirement_status,
    requirement_statuses,
    requirements_of,
)
from ccdesktop.domain.rules import CLEAN, evaluate_entries
from ccdesktop.domain.validation import validate_center, validate_requirement
from tests.factories import D, make_entry, make_staff

State = RequirementState
INFANTS = Center(licensed_for_infants=True)


def card(entry_id: int, title: str, on: str, expires: str | None, **changes: object):  # type: ignore[no-untyped-def]
    return make_entry(
        entry_id,
        title=title,
        completed_on=on,
        clock_hours=0,
        kind=EntryKind.CREDENTIAL,
        expires_on=None if expires is None else D(expires),
        **changes,
    )


def status(kind: RequirementKind, entries: list[TrainingEntry], as_of: str, **options):  # type: ignore[no-untyped-def]
    center = options.pop("center", INFANTS)
    staff = options.pop("staff", make_staff(1, hire_date="2020-01-06"))
    verdicts = evaluate_entries(entries) if entries else {}
    judged = [(e, verdicts[e.id]) for e in entries]  # type: ignore[index]
    return requirement_status(kind, center.replace(**options), staff, judged, D(as_of))


# --- defaults -------------------------------------------------------------------------


def test_the_defaults() -> None:
    assert requirements_of(Center()) == DEFAULT_REQUIREMENTS
    assert requirements_of(Center(requirements=())) == ()
    assert SAFE_SLEEP.lasts_months == 36 and SAFE_SLEEP.new_hire_days == 30
    assert SAFE_SLEEP.for_infant_programs and SAFE_SLEEP.applies_to is AppliesTo.CAREGIVERS
    assert CPR.met_by is MetBy.CREDENTIAL and CPR.lasts_months is None
    assert FIRST_AID.met_by is MetBy.CREDENTIAL
    assert ORIENTATION.new_hire_days == 0 and ORIENTATION.lasts_months is None
    for kind in DEFAULT_REQUIREMENTS:
        assert validate_requirement(kind) == []


# --- who it applies to ----------------------------------------------------------------


def test_who_a_requirement_applies_to() -> None:
    day = D("2026-06-01")
    caregiver = make_staff(1, hire_date="2020-01-01")
    cook = make_staff(2, requires_clock_hours=False)
    assert not_applicable_reason(SAFE_SLEEP, INFANTS, caregiver, day) is None
    assert not_applicable_reason(SAFE_SLEEP, Center(), caregiver, day) == (
        "the program is not licensed for infants"
    )
    assert not_applicable_reason(ORIENTATION, INFANTS, cook, day) is not None
    # left: applies on the last day, not after it
    left = make_staff(3, end_date="2026-06-01")
    assert not_applicable_reason(CPR, INFANTS, left, day) is None
    assert not_applicable_reason(CPR, INFANTS, left, D("2026-06-02")) == "left on 6/1/2026"
    # not hired yet: applies (the new hire's deadline is ahead)
    assert not_applicable_reason(CPR, INFANTS, make_staff(4, hire_date="2026-09-01"), day) is None
    infant_room = RequirementKind("Infant care", AppliesTo.INFANT_ROOM, matches=("Infant",))
    assert not_applicable_reason(infant_room, INFANTS, caregiver, day) is not None
    assert (
        not_applicable_reason(infant_room, INFANTS, caregiver.replace(infant_room=True), day)
        is None
    )
    by_role = RequirementKind("Lead", AppliesTo.ROLES, roles=("Lead Teacher",), matches=("X",))
    assert (
        not_applicable_reason(by_role, INFANTS, caregiver.replace(role="lead-teacher"), day) is None
    )
    assert not_applicable_reason(by_role, INFANTS, caregiver.replace(role="Aide"), day) == (
        "role 'Aide' is not listed"
    )


def test_a_cook_gets_nothing_at_all() -> None:
    cook = make_staff(2, requires_clock_hours=False, hire_date="2017-04-03")
    data = CenterData(INFANTS, (cook,), ())
    statuses = requirement_statuses(audit_year(data, 2026), D("2026-06-01"))
    assert {s.state for s in statuses[2]} == {State.NOT_APPLICABLE}


# --- which entries meet it ------------------------------------------------------------


def test_matching_by_title_words_or_course_id() -> None:
    kind = RequirementKind("Safe Sleep", matches=("Safe Sleep", "402118"))
    assert matches_entry(kind, make_entry(1, title="Safe-Sleep Practices for Infants"))
    assert matches_entry(kind, make_entry(1, title="Infant SAFE  sleep"))
    assert not matches_entry(kind, make_entry(1, title="Unsafe Sleepwear"))
    assert matches_entry(kind, make_entry(1, title="Module 4", course_id=" 402118 "))
    assert not matches_entry(kind, make_entry(1, title="Module 4", course_id="4021180"))
    # a training kind is not met by a credential, nor a credential kind by a training
    assert not matches_entry(kind, card(1, "Safe Sleep", "2026-01-01", None))
    assert not matches_entry(CPR, make_entry(1, title="Pediatric First Aid/CPR/AED"))
    combined = card(1, "Pediatric First Aid/CPR/AED", "2026-01-01", "2028-01-31")
    assert matches_entry(CPR, combined) and matches_entry(FIRST_AID, combined)


def test_which_completions_count() -> None:
    entries = [
        make_entry(1, title="Safe Sleep", completed_on="2025-01-10", in_ratio=True),
        make_entry(2, title="Safe Sleep", completed_on="2025-02-10", approved=False),
        make_entry(
            3, title="Safe Sleep", completed_on="2025-03-10", start_time="9:00", end_time="10:00"
        ),
        make_entry(
            4, title="Other", completed_on="2025-03-10", start_time="9:30", end_time="10:30"
        ),
        make_entry(5, title="Safe Sleep", completed_on="2025-04-10", as_trainer=True),
    ]
    verdicts = evaluate_entries(entries)
    counted = [e.id for e in entries if counts_toward(e, verdicts[e.id])]  # type: ignore[index]
    # in ratio still meets it; not approved, overlapping (both sittings), or given as
    # its trainer does not
    assert counted == [1]
    # a credential's verdict is never asked
    assert counts_toward(card(6, "CPR", "2025-01-01", None, approved=False), CLEAN)


# --- how long it lasts ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("completed", "months", "until"),
    [
        ("2025-03-04", 36, "2028-03-04"),
        ("2024-02-29", 36, "2027-02-28"),  # leap day
        ("2024-02-29", 48, "2028-02-29"),  # to another leap year
        ("2025-01-31", 1, "2025-02-28"),  # month end
        ("2025-08-31", 36, "2028-08-31"),
        ("2025-11-30", 3, "2026-02-28"),
    ],
)
def test_a_training_lasts_its_months(completed: str, months: int, until: str) -> None:
    kind = RequirementKind("X", matches=("X",), lasts_months=months)
    assert current_until(kind, make_entry(1, title="X", completed_on=completed)) == D(until)


def test_a_credential_lasts_until_its_own_expiry() -> None:
    assert current_until(CPR, card(1, "CPR", "2025-05-01", "2027-05-31")) == D("2027-05-31")
    # no expiry date: the kind's months if any, else it never lapses
    assert current_until(CPR, card(1, "CPR", "2025-05-01", None)) is None
    kind = RequirementKind("CPR", met_by=MetBy.CREDENTIAL, matches=("CPR",), lasts_months=24)
    assert current_until(kind, card(1, "CPR", "2025-05-01", None)) == D("2027-05-01")
    assert current_until(ORIENTATION, make_entry(1, title="Orientation")) is None


def test_new_hire_deadline() -> None:
    hired = make_staff(1, hire_date="2026-01-31")
    assert new_hire_deadline(SAFE_SLEEP, hired) == D("2026-03-02")
    assert new_hire_deadline(ORIENTATION, hired) == D("2026-01-31")  # before starting
    assert new_hire_deadline(CPR, hired) is None
    assert new_hire_deadline(SAFE_SLEEP, make_staff(1)) is None


def test_due_soon_boundary() -> None:
    until = D("2028-03-04")
    assert is_due_soon(until, D("2028-01-04"), 60)  # exactly 60 days ahead
    assert not is_due_soon(until, D("2028-01-03"), 60)  # 61
    assert is_due_soon(until, until, 0) and not is_due_soon(until, D("2028-03-03"), 0)


# --- the status -----------------------------------------------------------------------


def test_safe_sleep_current_due_and_overdue_around_its_lapse() -> None:
    entries = [make_entry(1, title="Safe Sleep for Infants", completed_on="2025-03-04")]
    current = status(SAFE_SLEEP, entries, "2028-01-03")
    assert current.state is State.CURRENT and current.until == D("2028-03-04")
    assert describe_status(current) == "current until 3/4/2028"
    due = status(SAFE_SLEEP, entries, "2028-01-04")
    assert due.state is State.DUE and due.due_on == D("2028-03-04")
    assert describe_status(due) == "due: current until 3/4/2028"
    # exactly on the last day it is still current (due); the day after it has lapsed
    assert status(SAFE_SLEEP, entries, "2028-03-04").state is State.DUE
    lapsed = status(SAFE_SLEEP, entries, "2028-03-05")
    assert lapsed.state is State.OVERDUE and lapsed.met_by == entries[0]
    assert describe_status(lapsed) == "overdue since 3/5/2028"


def test_a_cpr_card_exactly_on_its_expiry() -> None:
    entries = [card(1, "Adult and Pediatric CPR", "2025-05-01", "2027-05-31")]
    assert status(CPR, entries, "2027-05-31").state is State.DUE
    assert status(CPR, entries, "2027-06-01").state is State.OVERDUE
    assert status(CPR, entries, "2027-04-01").state is State.DUE  # 60 days ahead
    assert status(CPR, entries, "2027-03-31").state is State.CURRENT  # 61
    assert status(CPR, entries, "2027-03-31").until == D("2027-05-31")
    # a renewed card: the one current longest decides
    renewed = [*entries, card(2, "CPR", "2027-05-20", "2029-05-31")]
    assert status(CPR, renewed, "2027-06-01").until == D("2029-05-31")


def test_the_due_soon_setting_moves_the_boundary() -> None:
    entries = [card(1, "CPR", "2025-05-01", "2027-05-31")]
    assert status(CPR, entries, "2027-05-01", due_soon_days=30).state is State.DUE
    assert status(CPR, entries, "2027-04-30", due_soon_days=30).state is State.CURRENT
    assert status(CPR, entries, "2027-05-30", due_soon_days=0).state is State.CURRENT
    assert status(CPR, entries, "2027-05-31", due_soon_days=0).state is State.DUE


def test_a_new_hire_without_it() -> None:
    hired = make_staff(1, hire_date="2026-11-01")
    # Safe Sleep: 30 days, so due by 12/1/2026
    early = status(SAFE_SLEEP, [], "2026-09-01", staff=hired)  # before the hire date
    assert early.state is State.MISSING and early.due_on == D("2026-12-01")
    assert describe_status(early) == "missing (due by 12/1/2026)"
    assert status(SAFE_SLEEP, [], "2026-10-02", staff=hired).state is State.DUE  # 60 days
    assert describe_status(status(SAFE_SLEEP, [], "2026-12-01", staff=hired)) == "due by 12/1/2026"
    assert status(SAFE_SLEEP, [], "2026-12-02", staff=hired).state is State.OVERDUE
    # orientation before starting: due on the hire date, overdue the day after
    assert status(ORIENTATION, [], "2026-11-01", staff=hired).state is State.DUE
    assert status(ORIENTATION, [], "2026-11-02", staff=hired).state is State.OVERDUE


def test_missing_when_there_is_no_deadline_to_go_by() -> None:
    no_hire_date = make_staff(1)
    assert status(SAFE_SLEEP, [], "2026-06-01", staff=no_hire_date).state is State.MISSING
    missing = status(CPR, [], "2026-06-01")  # CPR has no new-hire deadline
    assert missing.state is State.MISSING and missing.due_on is None
    assert describe_status(missing) == "missing"


def test_a_lapsed_training_of_a_new_hire_waits_for_their_deadline() -> None:
    hired = make_staff(1, hire_date="2026-11-01")
    old = [make_entry(1, title="Safe Sleep", completed_on="2015-01-01")]  # lapsed in 2018
    result = status(SAFE_SLEEP, old, "2026-11-10", staff=hired)
    assert result.state is State.DUE and result.due_on == D("2026-12-01")


def test_orientation_never_lapses_and_a_training_before_hire_counts() -> None:
    entries = [make_entry(1, title="New Staff Orientation", completed_on="2019-12-20")]
    result = status(ORIENTATION, entries, "2040-01-01", staff=make_staff(1, hire_date="2020-01-06"))
    assert result.state is State.CURRENT and result.until is None
    assert describe_status(result) == "current (does not lapse)"


def test_a_planned_entry_never_makes_it_current_but_is_named() -> None:
    entries = [
        make_entry(1, title="Safe Sleep", completed_on="2023-02-01"),
        make_entry(2, title="Safe Sleep", completed_on="2026-01-20"),  # after as-of: planned
    ]
    result = status(SAFE_SLEEP, entries, "2026-01-10")
    assert result.state is State.DUE and result.until == D("2026-02-01")
    assert result.planned == entries[1] and result.planned_in_time
    assert describe_status(result) == "due: current until 2/1/2026; planned 1/20/2026"
    late = status(SAFE_SLEEP, [entries[0], entries[1].replace(completed_on=D("2026-03-01"))],
                  "2026-01-10")  # fmt: skip
    assert late.planned is not None and not late.planned_in_time


def test_not_applicable_words_and_an_infant_room_kind() -> None:
    result = status(SAFE_SLEEP, [], "2026-01-10", center=Center())
    assert result.state is State.NOT_APPLICABLE and not result.applies
    assert describe_status(result) == "not applicable (the program is not licensed for infants)"


def test_statuses_for_a_whole_audit_use_its_verdicts() -> None:
    staff = (
        make_staff(1, hire_date="2020-01-06"),
        make_staff(2, first_name="Bo", hire_date="2026-05-01"),
    )
    entries = (
        make_entry(1, staff_id=1, title="Safe Sleep", completed_on="2025-03-04", approved=False),
        make_entry(2, staff_id=1, title="Orientation", completed_on="2020-01-06"),
        card(3, "Pediatric First Aid/CPR/AED", "2025-05-01", "2027-05-31", staff_id=2),
    )
    data = CenterData(INFANTS, staff, entries)
    statuses = requirement_statuses(audit_year(data, 2026, today=D("2026-06-01")), D("2026-06-01"))
    one = {s.kind.name: s.state for s in statuses[1]}
    two = {s.kind.name: s.state for s in statuses[2]}
    # the not-approved Safe Sleep does not meet it: overdue since the hire deadline
    assert one == {
        "Safe Sleep": State.OVERDUE,
        "CPR": State.MISSING,
        "First Aid": State.MISSING,
        "Orientation": State.CURRENT,
    }
    assert two == {
        "Safe Sleep": State.OVERDUE,  # hired 5/1, 30 days: 5/31
        "CPR": State.CURRENT,
        "First Aid": State.CURRENT,
        "Orientation": State.OVERDUE,
    }


# --- validation -----------------------------------------------------------------------


def test_a_requirement_is_refused_with_field_named_problems() -> None:
    bad = RequirementKind(" ", AppliesTo.ROLES, lasts_months=0, new_hire_days=-1)
    fields = [p.field for p in validate_requirement(bad)]
    assert fields == ["name", "roles", "matches", "lasts_months", "new_hire_days"]
    twice = Center(requirements=(SAFE_SLEEP, SAFE_SLEEP.__class__("safe  SLEEP", matches=("x",))))
    assert [str(p) for p in validate_center(twice)] == ["requirements: safe  SLEEP is listed twice"]
    # the store keeps a kind that lists nothing to meet it (the form asks for one)
    empty_matches = Center(requirements=(RequirementKind("CPR", met_by=MetBy.CREDENTIAL),))
    assert validate_center(empty_matches) == []
    too_long = Center(requirements=(RequirementKind("CPR", matches=("x",), lasts_months=241),))
    assert [str(p) for p in validate_center(too_long)] == [
        "requirements: CPR: 241 is not from 1 to 240 months"
    ]


def test_statuses_are_a_value_of_the_day() -> None:
    # the same records judged on two days give two answers; nothing reads the clock
    entries = [make_entry(1, title="Safe Sleep", completed_on="2023-06-01")]
    assert status(SAFE_SLEEP, entries, "2026-01-01").state is State.CURRENT
    assert status(SAFE_SLEEP, entries, "2026-07-01").state is State.OVERDUE
    source = (Path(requirements_module.__file__)).read_text(encoding="utf-8")
    assert "today()" not in source and "now()" not in source


def test_the_fast_walk_gives_each_rules_answer() -> None:
    """``requirement_statuses`` looks at each entry once for every kind; it must agree
    with ``requirement_status`` asked kind by kind, on a varied synthetic center."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tests.factories import synthetic_center

    data = synthetic_center(40, (2023, 2024, 2025), 6, seed=7)
    cards = tuple(
        card(10_000 + n, "Pediatric First Aid/CPR/AED", "2024-05-01", "2026-04-30", staff_id=n)
        for n in range(1, 41, 3)
    )
    center = data.center.replace(licensed_for_infants=True, due_soon_days=90)
    data = CenterData(center, data.staff, data.entries + cards)
    for as_of in (D("2025-06-30"), D("2026-03-01"), D("2027-05-01")):
        result = audit_year(data, 2025, today=as_of)
        fast = requirement_statuses(result, as_of)
        for standing in result.staff:
            person = result.people.get(standing.staff.id or 0)
            judged = list(zip(person.entries, person.verdicts, strict=True)) if person else []
            one_by_one = tuple(
                requirement_status(
                    kind, center, standing.staff, judged, as_of, result.records_start_year
                )
                for kind in requirements_of(center)
            )
            assert fast[standing.staff.id] == one_by_one  # type: ignore[index]
        states = {s.state for statuses in fast.values() for s in statuses}
        assert len(states) >= 3


def test_a_kind_asked_at_hire_only_is_not_asked_of_those_hired_before_the_records() -> None:
    """A center that starts its records in 2024 cannot show the orientation of someone
    hired in 2015: unless one is on record, it is not asked of them (nor of someone
    with no hire date)."""
    as_of = D("2026-12-02")
    veteran = make_staff(1, hire_date="2015-03-01")
    new_hire = make_staff(2, hire_date="2024-02-01")
    unknown = make_staff(3)

    def state(staff, entries=(), start=2024):  # type: ignore[no-untyped-def]
        judged = [(e, CLEAN) for e in entries]
        return requirement_status(ORIENTATION, INFANTS, staff, judged, as_of, start)

    assert state(veteran).reason == "hired before the records start (2024)"
    assert state(veteran).state is RequirementState.NOT_APPLICABLE
    assert state(unknown).reason == "no hire date on record (asked at hire)"
    assert state(new_hire).state is RequirementState.OVERDUE  # hired in the records
    # one on record is shown as it is, whenever the person was hired
    done = make_entry(9, staff_id=1, title="New Staff Orientation", completed_on="2015-03-01")
    assert state(veteran, [done]).state is RequirementState.CURRENT
    # without a records start given, as before
    assert state(veteran, start=None).state is not RequirementState.NOT_APPLICABLE
    # a kind that is renewed (Safe Sleep every 36 months) is asked of everyone
    judged: list = []
    assert (
        requirement_status(SAFE_SLEEP, INFANTS, veteran, judged, as_of, 2024).state
        is not RequirementState.NOT_APPLICABLE
    )
