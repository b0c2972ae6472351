"""The audit of one year: every staff member's standing and every entry's verdict.

``audit_year`` is the one function the window, the PDF, and the command line ask.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter, countOf

from .codes import ExemptReason, Status, WarningCode
from .hours import Hundredths
from .ledger import (
    YearLedger,
    effective_records_start,
    first_required_year,
    required_in_year,
    walk_ledger,
)
from .records import Center, CenterData, Staff, TrainingEntry, frozen_builder, many_records
from .rules import Verdict, evaluate_in_order


@dataclass(frozen=True, slots=True)
class EntryResult:
    entry: TrainingEntry
    verdict: Verdict

    @property
    def credited(self) -> bool:
        return self.verdict.credited


_build_entry_result = frozen_builder(EntryResult)
_completed_on = attrgetter("completed_on")
_id = attrgetter("id")
_reasons = attrgetter("reasons")
_warnings = attrgetter("warnings")


@dataclass(frozen=True, slots=True)
class StaffStanding:
    """A staff member's figures for the audited year (RULES.md section 5)."""

    staff: Staff
    status: Status
    required: Hundredths
    earned: Hundredths
    applied_to_prior: tuple[tuple[int, Hundredths], ...]
    counted: Hundredths
    prior_deficit_remaining: Hundredths
    hours_needed: Hundredths
    warnings: tuple[WarningCode, ...]
    #: the ledger year by year, first required year through the audited year
    ledger: tuple[YearLedger, ...]
    #: entries of the audited year that earn no credit / that carry a warning
    denied_count: int = 0
    warning_count: int = 0
    #: why the audited year asks nothing of the staff member, when it does not
    exempt_reason: ExemptReason | None = None

    @property
    def requires_hours(self) -> bool:
        return self.status is not Status.EXEMPT

    def employed_in(self, year: int) -> bool:
        """Whether the staff member worked at the center at some time in ``year`` (as
        far as the hire and end dates tell): a report of the year lists only them."""
        hire, end = self.staff.hire_date, self.staff.end_date
        return (hire is None or hire.year <= year) and (end is None or end.year >= year)


_build_standing = frozen_builder(StaffStanding)


@dataclass(frozen=True)
class Audit:
    year: int
    center: Center
    staff: tuple[StaffStanding, ...]
    #: every entry completed in the audited year, in completion order
    entries: tuple[EntryResult, ...]
    #: the verdict of every entry of every year, by entry id
    verdicts: Mapping[int, Verdict] = field(repr=False)
    #: every entry of every year, by id (a repeat names an earlier year's entry)
    entries_by_id: Mapping[int, TrainingEntry] = field(repr=False, default_factory=dict)
    #: the first year the center keeps records for (its setting, else the year of the
    #: earliest entry, else the audited year): earlier years ask nothing
    records_start_year: int = 0

    def standing(self, staff_id: int) -> StaffStanding:
        for standing in self.staff:
            if standing.staff.id == staff_id:
                return standing
        raise KeyError(staff_id)

    def entries_of(self, staff_id: int) -> tuple[EntryResult, ...]:
        return tuple(r for r in self.entries if r.entry.staff_id == staff_id)

    @property
    def denied(self) -> tuple[EntryResult, ...]:
        return tuple(r for r in self.entries if not r.credited)

    @property
    def met_count(self) -> int:
        return sum(1 for s in self.staff if s.status is Status.MET)

    @property
    def short_count(self) -> int:
        return sum(1 for s in self.staff if s.status is Status.SHORT)


def staff_sort_key(staff: Staff) -> tuple[str, str, int]:
    return (staff.last_name.casefold(), staff.first_name.casefold(), staff.id or 0)


def audit_year(data: CenterData, year: int) -> Audit:
    """The verdicts of RULES.md for ``year`` over a whole center."""
    with many_records():
        return _audit_year(data, year)


def _audit_year(data: CenterData, year: int) -> Audit:
    evaluation = evaluate_in_order(data.entries)
    verdicts = evaluation.verdicts

    new_year, next_year = date(year, 1, 1), date(year + 1, 1, 1)
    earned = evaluation.credited_hours
    earliest: dict[int, int] = {}
    counts: dict[int, tuple[int, int]] = {}  # (denied, with warnings) in the audited year
    for staff_id, (group, group_verdicts) in evaluation.by_staff.items():
        earliest[staff_id] = group[0].completed_on.year  # in completion order
        first = bisect_left(group, new_year, key=_completed_on)
        after = bisect_left(group, next_year, lo=first, key=_completed_on)
        if first == after:
            counts[staff_id] = (0, 0)
        else:
            year_verdicts = group_verdicts[first:after]
            counts[staff_id] = (
                len(year_verdicts) - countOf(map(_reasons, year_verdicts), ()),
                len(year_verdicts) - countOf(map(_warnings, year_verdicts), ()),
            )

    ordered = evaluation.ordered
    # a file with no records start (no setting, no entry at all) keeps nothing before
    # the audited year
    records_start = effective_records_start(
        data.center, ordered[0].completed_on.year if ordered else None
    )
    if records_start is None:
        records_start = year
    standings = []
    for staff in sorted(data.staff, key=staff_sort_key):
        assert staff.id is not None, "the engine needs saved staff records"
        standings.append(
            _standing(
                staff,
                data.center,
                year,
                earned.get(staff.id, {}),
                earliest.get(staff.id),
                counts.get(staff.id, (0, 0)),
                records_start,
            )
        )
    # the audited year's entries, in completion order across staff
    first = bisect_left(ordered, new_year, key=_completed_on)
    after = bisect_left(ordered, next_year, lo=first, key=_completed_on)
    in_year = ordered[first:after]
    results = tuple(map(_build_entry_result, in_year, map(verdicts.__getitem__, map(_id, in_year))))
    return Audit(
        year,
        data.center,
        tuple(standings),
        results,
        verdicts,
        evaluation.entries_by_id,
        records_start,
    )


def _standing(
    staff: Staff,
    center: Center,
    year: int,
    earned_by_year: Mapping[int, Hundredths],
    earliest_entry_year: int | None,
    counts: tuple[int, int],
    records_start: int,
) -> StaffStanding:
    # Decision (noted on the foundation issue): without a hire date and without any
    # entry, the audited year is the first required year (or the records start, when
    # later), so a new caregiver who has no training on record shows as short rather
    # than silently exempt.
    first_year = first_required_year(staff, earliest_entry_year, records_start)
    if first_year is None:
        first_year = max(year, records_start)
    ledger = walk_ledger(staff, center, earned_by_year, year, first_year)
    warnings = (
        (WarningCode.MISSING_MOPD_ID,) if staff.requires_clock_hours and not staff.mopd_id else ()
    )
    denied, flagged = counts
    required = required_in_year(staff, center, year, first_year)
    if ledger:
        row = ledger[-1]
        applied = row.applied_to_prior
        counted = row.counted
        prior = row.prior_deficit_remaining
        needed = row.hours_needed
        earned = row.earned
    else:  # the audited year is before the first required year
        earned = earned_by_year.get(year, 0)
        applied, counted, prior, needed = (), earned, 0, 0
    exempt_reason = None
    if required == 0:
        status = Status.EXEMPT
        exempt_reason = _exempt_reason(staff, year, first_year, records_start)
    else:
        status = Status.MET if needed == 0 else Status.SHORT
    return _build_standing(  # StaffStanding's fields in order
        staff,
        status,
        required,
        earned,
        applied,
        counted,
        prior,
        needed,
        warnings,
        ledger,
        denied,
        flagged,
        exempt_reason,
    )


def _exempt_reason(staff: Staff, year: int, first_year: int, records_start: int) -> ExemptReason:
    """Why ``year`` asks nothing of ``staff`` (its requirement is 0)."""
    if not staff.requires_clock_hours:
        return ExemptReason.NO_CLOCK_HOURS
    if staff.end_date is not None and year > staff.end_date.year:
        return ExemptReason.LEFT
    if staff.hire_date is not None and year < staff.hire_date.year:
        return ExemptReason.NOT_YET_HIRED
    if year < records_start:
        return ExemptReason.BEFORE_RECORDS
    assert year < first_year, "a year that asks nothing is before the first required year"
    return ExemptReason.BEFORE_FIRST_ENTRY
