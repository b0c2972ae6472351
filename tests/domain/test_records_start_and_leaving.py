"""The records start year and the year of leaving (README, Decisions; issue 12).

A center that starts using ccdesktop mid-career has no records of the years before:
those years ask for nothing, and the ledger starts at the records start year (the
center's setting, else the year of the earliest entry in the file). A person who
leaves owes the year of leaving one hour per month employed, through the month of
the end date. Every figure is worked out by hand, in hundredths.
"""

from __future__ import annotations

import pytest

from ccdesktop.domain.codes import ExemptReason, Status
from ccdesktop.domain.ledger import months_employed
from ccdesktop.domain.records import Center, HireYearPolicy
from tests.factories import audit, credited_entry, make_staff

# --- records start --------------------------------------------------------------------


def test_veteran_with_entries_only_this_year_owes_only_this_year() -> None:
    """The blocker: hired 8/1/2010, entries only in 2026, showed "Needed 185"."""
    staff = make_staff(1, hire_date="2010-08-01")
    result = audit([staff], [credited_entry("2026-03-01", 400)], 2026)
    s = result.standing(1)
    assert result.records_start_year == 2026
    assert [r.year for r in s.ledger] == [2026]
    assert s.required == 1200
    assert s.prior_deficit_remaining == 0
    assert s.hours_needed == 800


def test_records_start_setting_asks_the_years_from_it() -> None:
    staff = make_staff(1, hire_date="2010-08-01")
    center = Center(records_start_year=2024)
    s = audit([staff], [credited_entry("2026-03-01", 400)], 2026, center).standing(1)
    # 2024 and 2025 each owe 12; 2026 earns 4, all of it to 2024
    assert [r.year for r in s.ledger] == [2024, 2025, 2026]
    assert s.applied_to_prior == ((2024, 400),)
    assert s.counted == 0
    assert s.prior_deficit_remaining == 800 + 1200
    assert s.hours_needed == 800 + 1200 + 1200


def test_earliest_entry_of_anyone_in_the_file_is_the_default_start() -> None:
    veteran = make_staff(1, hire_date="2010-08-01")
    other = make_staff(2, first_name="Bo", mopd_id="100002", hire_date="2015-01-01")
    entries = [credited_entry("2025-06-01", 1200, staff_id=2), credited_entry("2026-03-01", 1200)]
    result = audit([veteran, other], entries, 2026)
    assert result.records_start_year == 2025
    s = result.standing(1)
    # 2025 owes 12 (nothing on record); 2026's 12 all go to make it up
    assert [r.year for r in s.ledger] == [2025, 2026]
    assert s.applied_to_prior == ((2025, 1200),)
    assert s.counted == 0
    assert s.hours_needed == 1200


def test_the_setting_wins_over_the_earliest_entry_either_way() -> None:
    staff = make_staff(1, hire_date="2010-08-01")
    entries = [credited_entry("2023-06-01", 2000), credited_entry("2025-06-01", 1200)]
    later = audit([staff], entries, 2025, Center(records_start_year=2025)).standing(1)
    # 2023's hours are before the records start: not walked, make up nothing
    assert [r.year for r in later.ledger] == [2025]
    assert later.hours_needed == 0
    earlier = audit([staff], entries, 2025, Center(records_start_year=2022)).standing(1)
    # 2022 owes 12, 2023 earns 20: 12 to 2022, 8 counted, owes 4; 2024 owes 12;
    # 2025 earns 12: 4 to 2023, 8 to 2024 -> 4 of 2024 and all 12 of 2025 needed
    assert [r.year for r in earlier.ledger] == [2022, 2023, 2024, 2025]
    assert earlier.applied_to_prior == ((2023, 400), (2024, 800))
    assert earlier.hours_needed == 400 + 1200


def test_hire_in_the_records_start_year_is_still_prorated() -> None:
    staff = make_staff(1, hire_date="2024-03-20")
    center = Center(records_start_year=2024)
    s = audit([staff], [], 2024, center).standing(1)
    assert s.required == 1000  # March to December


def test_hire_before_the_records_start_asks_the_full_year_at_the_start() -> None:
    staff = make_staff(1, hire_date="2023-09-01")
    center = Center(records_start_year=2024)
    s = audit([staff], [], 2024, center).standing(1)
    assert [r.year for r in s.ledger] == [2024]
    assert s.required == 1200


@pytest.mark.parametrize("start", [2024, 2025])
def test_audited_year_before_the_records_start_is_exempt(start: int) -> None:
    staff = make_staff(1, hire_date="2010-08-01")
    center = Center(records_start_year=start)
    s = audit([staff], [credited_entry("2026-03-01", 400)], start - 1, center).standing(1)
    assert s.status is Status.EXEMPT
    assert s.exempt_reason is ExemptReason.BEFORE_RECORDS
    assert s.required == 0 and s.hours_needed == 0
    assert s.ledger == ()


def test_file_without_entries_or_setting_keeps_nothing_before_the_audited_year() -> None:
    staff = make_staff(1, hire_date="2010-08-01")
    result = audit([staff], [], 2026)
    assert result.records_start_year == 2026
    s = result.standing(1)
    assert s.required == 1200 and s.hours_needed == 1200
    assert [r.year for r in s.ledger] == [2026]


def test_no_hire_date_starts_at_own_first_entry_not_before_the_records_start() -> None:
    staff = make_staff(1, hire_date=None)
    entries = [credited_entry("2022-05-01", 1200), credited_entry("2025-05-01", 1200)]
    s = audit([staff], entries, 2025, Center(records_start_year=2024)).standing(1)
    assert [r.year for r in s.ledger] == [2024, 2025]
    assert s.applied_to_prior == ((2024, 1200),)
    assert s.hours_needed == 1200


# --- the year of leaving --------------------------------------------------------------


@pytest.mark.parametrize(
    ("end", "required"),
    [
        ("2025-01-01", 100),  # the month of the end date counts
        ("2025-01-31", 100),
        ("2025-02-01", 200),
        ("2025-05-31", 500),
        ("2025-12-01", 1200),
        ("2025-12-31", 1200),
    ],
)
def test_year_of_leaving_asks_one_hour_per_month_through_the_end_month(
    end: str, required: int
) -> None:
    staff = make_staff(1, hire_date="2020-01-01", end_date=end)
    entries = [credited_entry(f"{y}-03-01", 1200) for y in range(2020, 2025)]
    s = audit([staff], entries, 2025, Center(records_start_year=2020)).standing(1)
    assert s.required == required
    assert s.status is Status.SHORT
    assert s.hours_needed == required
    assert s.exempt_reason is None


def test_leap_day_end_date_counts_february() -> None:
    staff = make_staff(1, hire_date="2020-01-01", end_date="2024-02-29")
    assert months_employed(staff, Center(), 2024) == 2


def test_year_of_leaving_keeps_earlier_deficits_visible() -> None:
    staff = make_staff(1, hire_date="2023-01-01", end_date="2025-03-15")
    entries = [credited_entry("2023-05-01", 1200), credited_entry("2024-05-01", 700)]
    s = audit([staff], entries, 2025).standing(1)
    # 2024 owes 5; 2025 (January to March) asks 3 and earns nothing
    assert s.required == 300
    assert s.prior_deficit_remaining == 500
    assert s.hours_needed == 500 + 300
    assert s.status is Status.SHORT


def test_year_of_leaving_met_by_its_prorated_hours() -> None:
    staff = make_staff(1, hire_date="2023-01-01", end_date="2025-03-15")
    entries = [credited_entry("2023-05-01", 1200), credited_entry("2024-05-01", 1200)]
    entries.append(credited_entry("2025-02-01", 300))
    s = audit([staff], entries, 2025).standing(1)
    assert s.status is Status.MET and s.hours_needed == 0


def test_after_the_year_of_leaving_nothing_is_asked() -> None:
    staff = make_staff(1, hire_date="2023-01-01", end_date="2025-03-15")
    s = audit([staff], [credited_entry("2023-05-01", 1200)], 2026).standing(1)
    assert s.status is Status.EXEMPT
    assert s.exempt_reason is ExemptReason.LEFT
    assert s.required == 0


@pytest.mark.parametrize("policy", list(HireYearPolicy))
def test_hired_and_left_in_one_year_asks_the_months_employed(policy: HireYearPolicy) -> None:
    staff = make_staff(1, hire_date="2025-03-10", end_date="2025-08-01")
    s = audit([staff], [], 2025, Center(hire_year_policy=policy)).standing(1)
    assert s.required == 600  # March to August


def test_full_policy_hire_year_without_leaving_asks_the_full_year() -> None:
    staff = make_staff(1, hire_date="2025-03-10")
    s = audit([staff], [], 2025, Center(hire_year_policy=HireYearPolicy.FULL)).standing(1)
    assert s.required == 1200


def test_leaving_year_proration_is_capped_at_a_lower_yearly_requirement() -> None:
    staff = make_staff(1, hire_date="2020-01-01", end_date="2025-10-31")
    s = audit([staff], [], 2025, Center(required_hours=800, records_start_year=2025)).standing(1)
    assert s.required == 800


# --- why a year asks nothing ------------------------------------------------------------


def test_exempt_reasons() -> None:
    cook = make_staff(1, requires_clock_hours=False, mopd_id=None)
    later = make_staff(2, first_name="Bo", mopd_id="2", hire_date="2026-02-01")
    gone = make_staff(
        3, first_name="Cy", mopd_id="3", hire_date="2020-01-01", end_date="2024-06-30"
    )
    no_hire = make_staff(4, first_name="Di", mopd_id="4")
    entries = [
        credited_entry("2026-01-05", 100, staff_id=4),
        credited_entry("2023-01-05", 100, staff_id=3),
    ]
    result = audit([cook, later, gone, no_hire], entries, 2025)
    reasons = {s.staff.id: s.exempt_reason for s in result.staff}
    assert reasons == {
        1: ExemptReason.NO_CLOCK_HOURS,
        2: ExemptReason.NOT_YET_HIRED,
        3: ExemptReason.LEFT,
        4: ExemptReason.BEFORE_FIRST_ENTRY,
    }
    assert all(s.status is Status.EXEMPT for s in result.staff)


def test_met_and_short_have_no_exempt_reason() -> None:
    result = audit(
        [make_staff(1, hire_date="2025-01-01")], [credited_entry("2025-02-01", 1200)], 2025
    )
    assert result.standing(1).exempt_reason is None


@pytest.mark.parametrize(
    ("hire", "end", "employed"),
    [
        (None, None, True),
        ("2025-12-31", None, True),
        ("2026-01-01", None, False),
        ("2020-01-01", "2025-01-01", True),
        ("2020-01-01", "2024-12-31", False),
    ],
)
def test_employed_in_the_year(hire: str | None, end: str | None, employed: bool) -> None:
    result = audit([make_staff(1, hire_date=hire, end_date=end)], [], 2025)
    assert result.standing(1).employed_in(2025) is employed


def test_an_end_date_before_the_hire_date_in_one_year_does_not_break_the_audit() -> None:
    # the records refuse it; the engine must still give an answer, not fail
    staff = make_staff(1, hire_date="2025-06-01", end_date="2025-03-01")
    s = audit([staff], [], 2025).standing(1)
    assert s.required == 0 and s.status is Status.EXEMPT
    assert s.exempt_reason is ExemptReason.LEFT
