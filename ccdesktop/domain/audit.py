"""The audit of one year: every staff member's standing and every entry's verdict.

``audit_year`` is the one function the window, the PDF, and the command line ask.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from operator import itemgetter

from .codes import Status, WarningCode
from .hours import Hundredths
from .ledger import YearLedger, first_required_year, required_in_year, walk_ledger
from .records import Center, CenterData, Staff, TrainingEntry, frozen_builder, many_records
from .rules import Keyed, Verdict, evaluate_in_order


@dataclass(frozen=True, slots=True)
class EntryResult:
    entry: TrainingEntry
    verdict: Verdict

    @property
    def credited(self) -> bool:
        return self.verdict.credited


_build_entry_result = frozen_builder(EntryResult)


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

    @property
    def requires_hours(self) -> bool:
        return self.status is not Status.EXEMPT


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
    verdicts, by_staff = evaluate_in_order(data.entries)

    build_result = _build_entry_result
    earned: dict[int, dict[int, Hundredths]] = {}
    earliest: dict[int, int] = {}
    counts: dict[int, tuple[int, int]] = {}  # (denied, with warnings) in the audited year
    in_year: list[tuple[Keyed, EntryResult]] = []
    for staff_id, (group, group_verdicts) in by_staff.items():
        earned_by_year: dict[int, Hundredths] = {}
        denied = flagged = 0
        for keyed, verdict in zip(group, group_verdicts, strict=True):
            entry = keyed[5]
            entry_year = keyed[0].year
            if not verdict.reasons:
                earned_by_year[entry_year] = earned_by_year.get(entry_year, 0) + entry.clock_hours
            if entry_year == year:
                in_year.append((keyed, build_result(entry, verdict)))
                if verdict.reasons:
                    denied += 1
                if verdict.warnings:
                    flagged += 1
        earned[staff_id] = earned_by_year
        earliest[staff_id] = group[0][0].year  # the group is in completion order
        counts[staff_id] = (denied, flagged)

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
            )
        )
    # completion order across staff; the keys are unique, so results are never compared
    in_year.sort(key=itemgetter(0))
    results = tuple(result for _, result in in_year)
    entries_by_id = {entry.id: entry for entry in data.entries if entry.id is not None}
    return Audit(year, data.center, tuple(standings), results, verdicts, entries_by_id)


def _standing(
    staff: Staff,
    center: Center,
    year: int,
    earned_by_year: Mapping[int, Hundredths],
    earliest_entry_year: int | None,
    counts: tuple[int, int],
) -> StaffStanding:
    # Decision (noted on the foundation issue): without a hire date and without any
    # entry, the audited year is the first required year, so a new caregiver who has
    # no training on record shows as short rather than silently exempt.
    first_year = first_required_year(staff, earliest_entry_year)
    if first_year is None:
        first_year = year
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
    if required == 0:
        status = Status.EXEMPT
    else:
        status = Status.MET if needed == 0 else Status.SHORT
    return StaffStanding(
        staff=staff,
        status=status,
        required=required,
        earned=earned,
        applied_to_prior=applied,
        counted=counted,
        prior_deficit_remaining=prior,
        hours_needed=needed,
        warnings=warnings,
        ledger=ledger,
        denied_count=denied,
        warning_count=flagged,
    )
