"""The yearly ledger with make-up of missed hours (RULES.md section 5).

A CDA or YDC credential earned or renewed counts as the year's full requirement (the
older guidance; issue 14). **Decisions**:

- it counts in the calendar year of the credential's date (earned or renewed) only,
  not in the years until it expires: each renewal is an entry of its own;
- it meets that year's own requirement (the year adds no deficit, whatever the hours),
  but it is not hours: it makes up nothing missed in earlier years. The year's
  credited hours are still applied to earlier deficits first (fact 10), and what is
  left is the year's ``counted``, as always;
- a year that asks nothing (before the first required year, after leaving, no clock
  hours required) is unchanged by it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .hours import Hundredths
from .records import Center, HireYearPolicy, Staff

MONTHS_IN_YEAR = 12
HOURS_PER_MONTH_OF_HIRE_YEAR: Hundredths = 100


@dataclass(frozen=True, slots=True)
class YearLedger:
    """One year of one staff member's ledger."""

    year: int
    required: Hundredths
    earned: Hundredths
    #: (earlier year, hours) in the order they were applied, oldest first
    applied_to_prior: tuple[tuple[int, Hundredths], ...]
    counted: Hundredths
    #: the deficit this year adds: max(0, required - counted)
    deficit_added: Hundredths
    #: unmet deficits of years before this one, after this year's hours were applied
    prior_deficit_remaining: Hundredths
    #: every unmet deficit after this year, oldest first (the last column of the
    #: worked example)
    unmet_after: tuple[tuple[int, Hundredths], ...]
    #: the id of the CDA or YDC credential of this year that met its requirement
    met_by_credential: int | None = None

    @property
    def applied_total(self) -> Hundredths:
        return sum(hours for _, hours in self.applied_to_prior)

    @property
    def hours_needed(self) -> Hundredths:
        return self.prior_deficit_remaining + self.deficit_added


def first_required_year(
    staff: Staff, earliest_entry_year: int | None, records_start_year: int | None = None
) -> int | None:
    """The year of the hire date; without one, the year of the earliest entry; never
    before the year the center's records start (README, Decisions)."""
    own = staff.hire_date.year if staff.hire_date is not None else earliest_entry_year
    if own is None or records_start_year is None:
        return own
    return max(own, records_start_year)


def effective_records_start(center: Center, earliest_entry_year: int | None) -> int | None:
    """The first year the center keeps records for: its setting, else the year of the
    earliest entry in the file (None when it has no entries either)."""
    if center.records_start_year is not None:
        return center.records_start_year
    return earliest_entry_year


def months_employed(staff: Staff, center: Center, year: int) -> int:
    """The months of ``year`` that its requirement is prorated over, both ends counted:
    from the month of hire (in the hire year, with the monthly policy) through the month
    of the end date (in the year of leaving); 12 in any other year worked. In a year of
    both hire and leaving the months employed count whatever the policy: the full
    requirement is not asked of someone who worked part of one year."""
    first_month, last_month = 1, MONTHS_IN_YEAR
    hire, end = staff.hire_date, staff.end_date
    leaving = end is not None and year == end.year
    if (
        hire is not None
        and year == hire.year
        and (leaving or center.hire_year_policy is HireYearPolicy.MONTHLY)
    ):
        first_month = hire.month
    if end is not None and leaving:
        last_month = end.month
    return max(0, last_month - first_month + 1)


def required_in_year(staff: Staff, center: Center, year: int, first_year: int | None) -> Hundredths:
    """What year ``year`` asks of ``staff`` (RULES.md section 5, with the Decisions of
    README: the year of leaving asks one hour per month employed, as the hire year)."""
    if not staff.requires_clock_hours or first_year is None or year < first_year:
        return 0
    if staff.end_date is not None and year > staff.end_date.year:
        return 0
    months = months_employed(staff, center, year)
    if months == MONTHS_IN_YEAR:
        return center.required_hours
    return min(center.required_hours, months * HOURS_PER_MONTH_OF_HIRE_YEAR)


def walk_ledger(
    staff: Staff,
    center: Center,
    earned_by_year: Mapping[int, Hundredths],
    through_year: int,
    first_year: int | None,
    credential_years: Mapping[int, int] | None = None,
) -> tuple[YearLedger, ...]:
    """The ledger from the first required year through ``through_year``.

    ``earned_by_year`` holds the credited hours of each year; ``credential_years`` the
    id of a CDA or YDC credential by the year of its date (see the module's
    Decisions). Years before the first
    required year are not walked (they ask for nothing and nothing is owed then).
    When the first required year is after ``through_year`` the result is empty.
    """
    if first_year is None or first_year > through_year:
        return ()
    unmet: list[list[int]] = []  # [year, hours still owed], oldest first
    rows: list[YearLedger] = []
    for year in range(first_year, through_year + 1):
        required = required_in_year(staff, center, year, first_year)
        earned = earned_by_year.get(year, 0)
        left = earned
        applied: tuple[tuple[int, Hundredths], ...] = ()
        prior_remaining = 0
        if unmet:  # most people owe nothing from earlier years
            taken: list[tuple[int, Hundredths]] = []
            for deficit in unmet:
                if left == 0:
                    break
                take = min(left, deficit[1])
                if take:
                    deficit[1] -= take
                    left -= take
                    taken.append((deficit[0], take))
            applied = tuple(taken)
            unmet = [d for d in unmet if d[1] > 0]
            for _, hours in unmet:
                prior_remaining += hours
        counted = left
        credential = credential_years.get(year) if credential_years and required else None
        if credential is not None:
            deficit_added = 0  # the credential is the year's full requirement
        else:
            deficit_added = required - counted if required > counted else 0
        if deficit_added:
            unmet.append([year, deficit_added])
        rows.append(
            YearLedger(
                year,
                required,
                earned,
                applied,
                counted,
                deficit_added,
                prior_remaining,
                tuple((y, h) for y, h in unmet),
                credential,
            )
        )
    return tuple(rows)
