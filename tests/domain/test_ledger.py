"""The yearly ledger with make-up of missed hours (RULES.md section 5).

Every expected figure below is worked out by hand from the rules, in hundredths.
"""

from __future__ import annotations

import pytest

from ccdesktop.domain.codes import Status
from ccdesktop.domain.ledger import YearLedger
from ccdesktop.domain.records import Center, HireYearPolicy
from tests.factories import audit, credited_entry, make_entry, make_staff


def row(ledger: tuple[YearLedger, ...], year: int) -> YearLedger:
    (found,) = [r for r in ledger if r.year == year]
    return found


# --- the worked example -------------------------------------------------------------

WORKED_STAFF = make_staff(1, hire_date="2023-06-01")
WORKED_ENTRIES = [
    credited_entry("2023-09-12", 300),
    credited_entry("2024-02-01", 800),
    credited_entry("2024-10-01", 700),
    credited_entry("2025-04-15", 600),
    credited_entry("2025-11-20", 400),
]

# year: (required, earned, applied_to_prior, counted, deficit_added, unmet_after)
WORKED_TABLE = {
    2023: (700, 300, (), 300, 400, ((2023, 400),)),
    2024: (1200, 1500, ((2023, 400),), 1100, 100, ((2024, 100),)),
    2025: (1200, 1000, ((2024, 100),), 900, 300, ((2025, 300),)),
}


@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_worked_example_table_rows(year: int) -> None:
    result = audit([WORKED_STAFF], WORKED_ENTRIES, 2025)
    ledger = result.standing(1).ledger
    assert [r.year for r in ledger] == [2023, 2024, 2025]
    r = row(ledger, year)
    assert (
        r.required,
        r.earned,
        r.applied_to_prior,
        r.counted,
        r.deficit_added,
        r.unmet_after,
    ) == WORKED_TABLE[year]


def test_worked_example_audit_of_2025() -> None:
    s = audit([WORKED_STAFF], WORKED_ENTRIES, 2025).standing(1)
    assert s.required == 1200
    assert s.earned == 1000
    assert s.applied_to_prior == ((2024, 100),)
    assert s.counted == 900
    assert s.prior_deficit_remaining == 0
    assert s.hours_needed == 300
    assert s.status is Status.SHORT


@pytest.mark.parametrize(
    ("year", "needed"),
    [(2023, 400), (2024, 100)],
)
def test_worked_example_earlier_audits(year: int, needed: int) -> None:
    s = audit([WORKED_STAFF], WORKED_ENTRIES, year).standing(1)
    assert s.hours_needed == needed
    assert s.status is Status.SHORT


# --- the hire year ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hire", "required"),
    [
        ("2025-01-01", 1200),
        ("2025-01-31", 1200),
        ("2025-03-01", 1000),
        ("2025-03-20", 1000),
        ("2025-06-01", 700),
        ("2025-12-01", 100),
        ("2025-12-31", 100),
    ],
)
def test_hire_year_monthly_policy(hire: str, required: int) -> None:
    s = audit([make_staff(1, hire_date=hire)], [], 2025).standing(1)
    assert s.required == required
    assert s.hours_needed == required
    assert s.status is Status.SHORT


@pytest.mark.parametrize("hire", ["2025-01-01", "2025-03-20", "2025-12-31"])
def test_hire_year_full_policy(hire: str) -> None:
    center = Center(hire_year_policy=HireYearPolicy.FULL)
    s = audit([make_staff(1, hire_date=hire)], [], 2025, center).standing(1)
    assert s.required == 1200


def test_year_after_hire_asks_full_amount() -> None:
    result = audit(
        [make_staff(1, hire_date="2024-12-10")], [credited_entry("2024-12-20", 100)], 2025
    )
    s = result.standing(1)
    assert row(s.ledger, 2024).required == 100
    assert s.required == 1200
    assert s.prior_deficit_remaining == 0
    assert s.hours_needed == 1200


def test_no_hire_date_first_year_is_earliest_entry_and_asks_full() -> None:
    entries = [credited_entry("2023-05-01", 500), credited_entry("2024-05-01", 1200)]
    result = audit([make_staff(1, hire_date=None)], entries, 2024)
    s = result.standing(1)
    assert [r.year for r in s.ledger] == [2023, 2024]
    assert row(s.ledger, 2023).required == 1200  # not 8 (May to December)
    # 2024: 7 of the 12 earned make up 2023, 5 count for 2024.
    assert s.applied_to_prior == ((2023, 700),)
    assert s.counted == 500
    assert s.hours_needed == 700


def test_no_hire_date_earliest_entry_counts_even_if_denied() -> None:
    # "the year of the staff member's earliest entry": any entry, credited or not.
    entries = [
        make_entry(1, title="In ratio", completed_on="2023-05-01", in_ratio=True, clock_hours=300),
        credited_entry("2024-05-01", 1200),
    ]
    s = audit([make_staff(1, hire_date=None)], entries, 2024).standing(1)
    assert row(s.ledger, 2023).required == 1200
    assert row(s.ledger, 2023).earned == 0
    assert s.hours_needed == 1200


def test_no_hire_date_year_before_earliest_entry_is_exempt() -> None:
    s = audit([make_staff(1, hire_date=None)], [credited_entry("2024-05-01", 100)], 2023).standing(
        1
    )
    assert s.status is Status.EXEMPT
    assert s.required == 0 and s.hours_needed == 0


def test_years_before_hire_year_are_exempt_and_their_hours_do_not_count() -> None:
    entries = [credited_entry("2023-04-01", 2000), credited_entry("2024-08-01", 300)]
    staff = make_staff(1, hire_date="2024-07-15")  # 2024 asks for 6 (July to December)
    before = audit([staff], entries, 2023).standing(1)
    assert before.status is Status.EXEMPT
    assert before.required == 0 and before.hours_needed == 0
    after = audit([staff], entries, 2024).standing(1)
    assert [r.year for r in after.ledger] == [2024]
    assert after.required == 600
    assert after.earned == 300
    assert after.hours_needed == 300


@pytest.mark.parametrize(
    ("year", "required", "status"),
    [(2024, 1200, Status.MET), (2025, 500, Status.SHORT), (2026, 0, Status.EXEMPT)],
)
def test_year_of_leaving_is_prorated_and_later_years_ask_nothing(
    year: int, required: int, status: Status
) -> None:
    # README Decisions: the year of leaving asks 1 hour per month through the month of
    # the end date (January to May: 5); only the years after it ask nothing
    staff = make_staff(1, hire_date="2020-01-01", end_date="2025-05-31")
    entries = [credited_entry(f"{y}-03-01", 1200) for y in range(2020, 2025)]
    s = audit([staff], entries, year).standing(1)
    assert s.required == required
    assert s.status is status


def test_staff_not_requiring_clock_hours_is_exempt() -> None:
    staff = make_staff(1, hire_date="2020-01-01", requires_clock_hours=False, mopd_id=None)
    s = audit([staff], [credited_entry("2025-03-01", 100)], 2025).standing(1)
    assert s.status is Status.EXEMPT
    assert s.required == 0
    assert s.hours_needed == 0
    assert s.prior_deficit_remaining == 0
    assert s.warnings == ()


def test_hire_date_after_audited_year_is_exempt() -> None:
    s = audit([make_staff(1, hire_date="2026-02-01")], [], 2025).standing(1)
    assert s.status is Status.EXEMPT
    assert s.required == 0 and s.hours_needed == 0


# --- make-up, oldest first ----------------------------------------------------------


def test_make_up_covers_oldest_deficit_first_and_all_of_them() -> None:
    staff = make_staff(1, hire_date="2022-01-01")
    entries = [credited_entry("2022-05-01", 200)]
    entries += [credited_entry("2024-02-01", 1200), credited_entry("2024-09-01", 1200)]
    s = audit([staff], entries, 2024).standing(1)
    # 2022 owes 10, 2023 owes 12; 2024 earns 24: 10 + 12 applied, 2 counted
    assert s.applied_to_prior == ((2022, 1000), (2023, 1200))
    assert s.counted == 200
    assert s.prior_deficit_remaining == 0
    assert s.hours_needed == 1000


def test_make_up_partly_covers_the_younger_deficit() -> None:
    staff = make_staff(1, hire_date="2022-01-01")
    entries = [credited_entry("2022-05-01", 200), credited_entry("2024-02-01", 1200)]
    s = audit([staff], entries, 2024).standing(1)
    # 2024 earns 12: 10 to 2022, 2 to 2023 (10 still owed), nothing for 2024 itself
    assert s.applied_to_prior == ((2022, 1000), (2023, 200))
    assert s.counted == 0
    assert s.prior_deficit_remaining == 1000
    assert s.hours_needed == 1000 + 1200
    assert row(s.ledger, 2024).unmet_after == ((2023, 1000), (2024, 1200))


def test_make_up_over_several_years() -> None:
    staff = make_staff(1, hire_date="2022-01-01")
    entries = [credited_entry("2022-05-01", 200), credited_entry("2023-05-01", 500)]
    entries += [credited_entry("2024-02-01", 1000), credited_entry("2024-09-01", 1000)]
    s = audit([staff], entries, 2024).standing(1)
    # 2022 earns 2 -> owes 10. 2023 earns 5, all to 2022 (owes 5), 2023 owes 12.
    # 2024 earns 20: 5 to 2022, 12 to 2023, 3 counted -> needs 9.
    r2023 = row(s.ledger, 2023)
    assert r2023.applied_to_prior == ((2022, 500),)
    assert r2023.counted == 0
    assert r2023.prior_deficit_remaining == 500
    assert r2023.unmet_after == ((2022, 500), (2023, 1200))
    assert s.applied_to_prior == ((2022, 500), (2023, 1200))
    assert s.counted == 300
    assert s.prior_deficit_remaining == 0
    assert s.hours_needed == 900


def test_year_with_nothing_earned_keeps_older_deficits() -> None:
    staff = make_staff(1, hire_date="2023-01-01")
    s = audit([staff], [credited_entry("2023-03-01", 1000)], 2025).standing(1)
    # 2023 owes 2, 2024 owes 12, 2025 asks 12
    assert s.applied_to_prior == ()
    assert s.prior_deficit_remaining == 200 + 1200
    assert s.hours_needed == 200 + 1200 + 1200
    assert row(s.ledger, 2025).unmet_after == ((2023, 200), (2024, 1200), (2025, 1200))


def test_hours_above_requirement_are_not_carried_forward() -> None:
    staff = make_staff(1, hire_date="2024-01-01")
    entries = [credited_entry("2024-02-01", 2000), credited_entry("2024-03-01", 1000)]
    r2024 = audit([staff], entries, 2024).standing(1)
    assert r2024.counted == 3000 and r2024.hours_needed == 0 and r2024.status is Status.MET
    s = audit([staff], entries, 2025).standing(1)
    assert s.earned == 0 and s.counted == 0
    assert s.hours_needed == 1200
    assert s.status is Status.SHORT


def test_denied_entry_adds_no_hours_anywhere() -> None:
    staff = make_staff(1, hire_date="2024-01-01")
    entries = [
        credited_entry("2024-02-01", 1000),  # 2024 owes 2
        make_entry(1, title="Ratio", completed_on="2025-01-05", in_ratio=True, clock_hours=2400),
        make_entry(
            2, title="Unapproved", completed_on="2025-01-06", approved=False, clock_hours=2400
        ),
        credited_entry("2025-02-01", 500),
    ]
    s = audit([staff], entries, 2025).standing(1)
    assert s.earned == 500
    assert s.applied_to_prior == ((2024, 200),)
    assert s.counted == 300
    assert s.hours_needed == 900
    assert s.denied_count == 2


@pytest.mark.parametrize(
    ("parts", "needed"),
    [((1170, 10, 20), 0), ((1170, 10, 19), 1), ((10,) * 120, 0)],
    ids=["11.7+0.1+0.2", "one_hundredth_short", "0.1_times_120"],
)
def test_hours_sum_exactly(parts: tuple[int, ...], needed: int) -> None:
    staff = make_staff(1, hire_date="2025-01-01")
    entries = [credited_entry("2025-03-01", hours) for hours in parts]
    s = audit([staff], entries, 2025).standing(1)
    assert s.hours_needed == needed
    assert s.status is (Status.MET if needed == 0 else Status.SHORT)


def test_center_requirement_other_than_twelve() -> None:
    center = Center(required_hours=2000)
    staff = make_staff(1, hire_date="2023-03-10")
    entries = [credited_entry("2023-05-01", 900), credited_entry("2024-05-01", 2400)]
    entries += [credited_entry("2025-05-01", 1500)]
    s = audit([staff], entries, 2025, center).standing(1)
    # 2023 (hire year, March to December): asks 10, earned 9 -> owes 1
    # 2024 asks 20, earned 24: 1 to 2023, 23 counted -> owes nothing
    # 2025 asks 20, earned 15 -> needs 5
    assert row(s.ledger, 2023).required == 1000
    assert row(s.ledger, 2023).deficit_added == 100
    assert row(s.ledger, 2024).applied_to_prior == ((2023, 100),)
    assert row(s.ledger, 2024).counted == 2300
    assert s.required == 2000
    assert s.hours_needed == 500
