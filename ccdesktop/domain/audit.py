"""The audit of one year: every staff member's standing and every entry's verdict.

``audit_year`` is the one function the window, the PDF, and the command line ask.

The rules compare a person's entries with their own, so each person is judged alone
(``judge_person``); two warnings are not of one person alone: LIKELY_GROUP_USE links
the sittings of different people, and NOT_ON_MOPD_REPORT depends on the center's
report date. ``assemble_audit`` finds both in one pass over the whole center every
time it runs, and merges them into the verdicts it reports (``Audit.verdicts``,
``Audit.entries``, the standings' counts), leaving each person's own judgement
(``Audit.people``) as the walk gave it. So a re-audit that judges again only the people
a write touched still brings every person the group rule links up to date.

Planned trainings (issue 13): an entry completed after ``today`` (given to the audit,
never read from the clock here) is planned. The rules judge it as if it were done
(so the director sees beforehand whether it would earn credit), but its hours are
not earned, counted, applied to earlier years or in the ledger: they show as
``StaffStanding.planned`` and ``EntryResult.planned``. An audit given no ``today``
has no planned entry: every entry counts as completed, as before issue 13 (what the
tests of the rules and any caller judging records as they stand expect).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from .codes import ExemptReason, Status, WarningCode
from .hours import Hundredths
from .ledger import (
    YearLedger,
    effective_records_start,
    first_required_year,
    required_in_year,
    walk_ledger,
)
from .records import Center, CenterData, EntryKind, Format, Staff, TrainingEntry
from .rules import (
    Verdict,
    completion_order_key,
    evaluate_in_order,
    find_likely_group_use,
    in_completion_order,
    is_full_year_credential,
    is_not_on_mopd_report,
    with_center_warnings,
)

# compared with every entry of the center (an enum member read through its class costs
# ~120 ns)
_ONLINE_MODULE, _TRAINING = Format.ONLINE_MODULE, EntryKind.TRAINING


@dataclass(frozen=True, slots=True)
class EntryResult:
    entry: TrainingEntry
    verdict: Verdict
    #: completed after the audit's ``today``: judged as if done, its hours not counted
    planned: bool = False

    @property
    def credited(self) -> bool:
        return self.verdict.credited


@dataclass(frozen=True, slots=True)
class PersonJudgement:
    """One person's entries of every year in completion order, with their verdicts in
    the same order: what the rules say of them, whatever year is audited. The rules
    compare a person's entries only with their own, so each person is judged alone."""

    entries: tuple[TrainingEntry, ...]
    verdicts: tuple[Verdict, ...]

    @property
    def earliest_year(self) -> int | None:
        return self.entries[0].completed_on.year if self.entries else None

    def earned_by_year(self, today: date | None = None) -> dict[int, Hundredths]:
        """The clock hours of the credited entries, year by year (section 5, step 1);
        with ``today``, only of those completed on or before it (not the planned)."""
        earned: dict[int, Hundredths] = {}
        entries, verdicts = self.entries, self.verdicts
        if today is not None:
            done = self.done_count(today)
            entries, verdicts = entries[:done], verdicts[:done]
        for entry, verdict in zip(entries, verdicts, strict=True):
            if verdict.credited:
                year = entry.completed_on.year
                earned[year] = earned.get(year, 0) + entry.clock_hours
        return earned

    def credential_years(self) -> dict[int, int]:
        """The id of the first CDA or YDC credential of each year, by year (the ledger
        counts it as the year's full requirement)."""
        years: dict[int, int] = {}
        credential = EntryKind.CREDENTIAL
        for entry in self.entries:  # in completion order: the first of a year stays
            if entry.kind is credential and is_full_year_credential(entry):
                years.setdefault(entry.completed_on.year, entry.id)  # type: ignore[arg-type]
        return years

    def done_count(self, today: date) -> int:
        """How many of the entries are completed on or before ``today`` (they come
        first: the entries are in completion order); the rest are planned."""
        return bisect_right(self.entries, today, key=_completed_on)

    def results_in(self, year: int, today: date | None = None) -> tuple[EntryResult, ...]:
        """The entries completed in ``year``, with their verdicts, in completion order;
        those after ``today`` marked planned."""
        first = bisect_left(self.entries, date(year, 1, 1), key=_completed_on)
        after = bisect_left(self.entries, date(year + 1, 1, 1), lo=first, key=_completed_on)
        if today is None or today.year > year:
            return tuple(map(EntryResult, self.entries[first:after], self.verdicts[first:after]))
        done = min(max(self.done_count(today), first), after)
        return tuple(
            EntryResult(entry, verdict, index >= done)
            for index, entry, verdict in zip(
                range(first, after),
                self.entries[first:after],
                self.verdicts[first:after],
                strict=True,
            )
        )


def _completed_on(entry: TrainingEntry) -> date:
    return entry.completed_on


def judge_person(entries: Iterable[TrainingEntry]) -> PersonJudgement:
    """Every rule of RULES.md sections 3 and 4 over one person's entries."""
    ordered = in_completion_order(entries)
    return PersonJudgement(tuple(ordered), tuple(evaluate_in_order(ordered)))


def judge_people(entries: Iterable[TrainingEntry]) -> dict[int, PersonJudgement]:
    """``judge_person`` for each staff member with entries, by staff id."""
    by_staff: defaultdict[int, list[TrainingEntry]] = defaultdict(list)
    for entry in entries:
        by_staff[entry.staff_id].append(entry)
    return {staff_id: judge_person(group) for staff_id, group in by_staff.items()}


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
    #: the clock hours of the audited year's planned entries that would be credited
    #: (never part of earned, counted or the ledger), and how many entries are planned
    planned: Hundredths = 0
    planned_count: int = 0

    @property
    def requires_hours(self) -> bool:
        return self.status is not Status.EXEMPT

    @property
    def met_by_credential(self) -> int | None:
        """The id of the CDA or YDC credential that met the audited year's requirement."""
        if self.ledger and self.status is not Status.EXEMPT:
            return self.ledger[-1].met_by_credential
        return None

    def employed_in(self, year: int) -> bool:
        """Whether the staff member worked at the center at some time in ``year`` (as
        far as the hire and end dates tell): a report of the year lists only them."""
        hire, end = self.staff.hire_date, self.staff.end_date
        return (hire is None or hire.year <= year) and (end is None or end.year >= year)


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
    #: each person's judged entries, by staff id (what a partial re-audit starts from):
    #: their own verdicts, before the center-wide warnings are merged in
    people: Mapping[int, PersonJudgement] = field(repr=False, default_factory=dict)
    #: the day after which entries are planned; None: every entry counts as completed
    today: date | None = None
    #: the center's online sittings with a start time, by day: where a partial re-audit
    #: (``reaudit.py``) looks for the sittings the rule across people links (None: it
    #: finds them itself); not part of the audit's value
    online_by_day: Mapping[date, tuple[TrainingEntry, ...]] | None = field(
        default=None, repr=False, compare=False
    )

    def standing(self, staff_id: int) -> StaffStanding:
        for standing in self.staff:
            if standing.staff.id == staff_id:
                return standing
        raise KeyError(staff_id)

    def entries_of(self, staff_id: int) -> tuple[EntryResult, ...]:
        person = self.people.get(staff_id)
        if person is None:
            return ()
        verdicts = self.verdicts
        return tuple(
            EntryResult(r.entry, verdicts[r.entry.id], r.planned)  # type: ignore[index]
            for r in person.results_in(self.year, self.today)
        )

    @property
    def staff_names(self) -> dict[int, str]:
        """Each staff member's full name, by id (a warning names the others)."""
        return {s.staff.id: s.staff.full_name for s in self.staff if s.staff.id is not None}

    @property
    def denied(self) -> tuple[EntryResult, ...]:
        """The year's entries that earn no credit (a planned one that would not
        either: it is marked planned)."""
        return tuple(r for r in self.entries if not r.credited)

    @property
    def met_count(self) -> int:
        return sum(1 for s in self.staff if s.status is Status.MET)

    @property
    def short_count(self) -> int:
        return sum(1 for s in self.staff if s.status is Status.SHORT)


def staff_sort_key(staff: Staff) -> tuple[str, str, int]:
    return (staff.last_name.casefold(), staff.first_name.casefold(), staff.id or 0)


def audit_year(data: CenterData, year: int, today: date | None = None) -> Audit:
    """The verdicts of RULES.md for ``year`` over a whole center. Entries completed
    after ``today`` are planned (see the module's docstring); without ``today`` none
    is."""
    return assemble_audit(data, judge_people(data.entries), year, today)


def assemble_audit(
    data: CenterData,
    people: Mapping[int, PersonJudgement],
    year: int,
    today: date | None = None,
) -> Audit:
    """The audit of ``year`` from each person's judged entries (``judge_people``, or
    an earlier audit's ``people`` with the changed persons judged again)."""
    entries_by_id: dict[int, TrainingEntry] = {}
    verdicts: dict[int, Verdict] = {}
    for person in people.values():
        ids: list[int] = [entry.id for entry in person.entries]  # type: ignore[misc]
        entries_by_id.update(zip(ids, person.entries, strict=True))
        verdicts.update(zip(ids, person.verdicts, strict=True))
    everyone = entries_by_id.values()
    # the online sittings (for the rule across people) and who has a credential (the
    # ledger looks for a CDA or YDC only among theirs)
    online = [e for e in everyone if e.format is _ONLINE_MODULE and e.start_time is not None]
    with_credentials = {e.staff_id for e in everyone if e.kind is not _TRAINING}
    merged = center_verdicts(data.center, people, verdicts, online)
    verdicts.update(merged)
    # each person's entries of the year, with the center-wide warnings merged in
    results_of = {staff_id: person.results_in(year, today) for staff_id, person in people.items()}
    for staff_id in {entries_by_id[entry_id].staff_id for entry_id in merged}:
        results_of[staff_id] = _merged(results_of[staff_id], merged)
    first_years = [p.earliest_year for p in people.values()]
    earliest = min((y for y in first_years if y is not None), default=None)
    # a file with no records start (no setting, no entry at all) keeps nothing before
    # the audited year
    records_start = effective_records_start(data.center, earliest)
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
                people.get(staff.id),
                records_start,
                results_of.get(staff.id, ()),
                staff.id in with_credentials,
                today,
            )
        )
    in_year = [result for results in results_of.values() for result in results]
    # in completion order across staff, as each person's are
    in_year.sort(key=lambda result: completion_order_key(result.entry))
    return Audit(
        year,
        data.center,
        tuple(standings),
        tuple(in_year),
        verdicts,
        entries_by_id,
        records_start,
        people,
        today,
        sittings_by_day(online),
    )


def sittings_by_day(sittings: Iterable[TrainingEntry]) -> dict[date, tuple[TrainingEntry, ...]]:
    """Entries by the day they were completed on (``Audit.online_by_day``)."""
    days: defaultdict[date, list[TrainingEntry]] = defaultdict(list)
    for entry in sittings:
        days[entry.completed_on].append(entry)
    return {day: tuple(entries) for day, entries in days.items()}


def _merged(
    results: tuple[EntryResult, ...], merged: Mapping[int, Verdict]
) -> tuple[EntryResult, ...]:
    return tuple(
        EntryResult(r.entry, merged[r.entry.id], r.planned) if r.entry.id in merged else r  # type: ignore[index]
        for r in results
    )


def center_verdicts(
    center: Center,
    people: Mapping[int, PersonJudgement],
    verdicts: Mapping[int, Verdict],
    online: Sequence[TrainingEntry] | None = None,
) -> dict[int, Verdict]:
    """The verdicts the rules across people change (LIKELY_GROUP_USE over every
    online sitting of the center, NOT_ON_MOPD_REPORT against the center's report date),
    by entry id: the person's own verdict with those warnings merged in. An entry
    whose verdict they leave alone is not in the result. ``online``: the center's
    online sittings with a start time, when the caller has them (else found here)."""
    if online is None:
        online = [
            entry
            for person in people.values()
            for entry in person.entries
            if entry.format is Format.ONLINE_MODULE and entry.start_time is not None
        ]
    group_use = find_likely_group_use(online) if len(online) > 1 else {}
    report_on = center.mopd_report_on
    not_on_report: set[int] = set()
    if report_on is not None:
        for person in people.values():
            # entries are in completion order: those after the report's date are not
            # asked about
            last = bisect_left(person.entries, report_on + _ONE_DAY, key=_completed_on)
            for entry in person.entries[:last]:
                if is_not_on_mopd_report(entry, report_on):
                    not_on_report.add(entry.id)  # type: ignore[arg-type]
    merged: dict[int, Verdict] = {}
    for entry_id in group_use.keys() | not_on_report:
        own = verdicts[entry_id]
        after = with_center_warnings(own, group_use.get(entry_id, ()), entry_id in not_on_report)
        if after is not own:
            merged[entry_id] = after
    return merged


_ONE_DAY = timedelta(days=1)


def _standing(
    staff: Staff,
    center: Center,
    year: int,
    person: PersonJudgement | None,
    records_start: int,
    results: tuple[EntryResult, ...] = (),
    has_credentials: bool = True,
    today: date | None = None,
) -> StaffStanding:
    """``staff``'s standing in ``year``; ``results``: their entries of the year, with
    the center-wide warnings merged in."""
    # Decision (noted on the foundation issue): without a hire date and without any
    # entry, the audited year is the first required year (or the records start, when
    # later), so a new caregiver who has no training on record shows as short rather
    # than silently exempt.
    earned_by_year = person.earned_by_year(today) if person is not None else {}
    first_year = first_required_year(
        staff, person.earliest_year if person is not None else None, records_start
    )
    if first_year is None:
        first_year = max(year, records_start)
    credential_years = person.credential_years() if person is not None and has_credentials else None
    ledger = walk_ledger(staff, center, earned_by_year, year, first_year, credential_years)
    warnings = (
        (WarningCode.MISSING_MOPD_ID,) if staff.requires_clock_hours and not staff.mopd_id else ()
    )
    # a planned entry is counted as planned, not as denied or flagged: it has not
    # happened (the Flags page and the form show what it would earn)
    denied = flagged = planned_count = planned_hours = 0
    for result in results:
        verdict = result.verdict
        if result.planned:
            planned_count += 1
            if verdict.credited:
                planned_hours += result.entry.clock_hours
        else:
            if not verdict.credited:
                denied += 1
            if verdict.warnings:
                flagged += 1
    required = required_in_year(staff, center, year, first_year)
    if ledger:
        row = ledger[-1]
        applied, counted = row.applied_to_prior, row.counted
        prior, needed, earned = row.prior_deficit_remaining, row.hours_needed, row.earned
    else:  # the audited year is before the first required year
        earned = earned_by_year.get(year, 0)
        applied, counted, prior, needed = (), earned, 0, 0
    exempt_reason = None
    if required == 0:
        status = Status.EXEMPT
        exempt_reason = _exempt_reason(staff, year, first_year, records_start)
    else:
        status = Status.MET if needed == 0 else Status.SHORT
    return StaffStanding(
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
        planned_hours,
        planned_count,
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
    if year < first_year:
        return ExemptReason.BEFORE_FIRST_ENTRY
    # no month employed in the year: an end date before the hire date in the same year
    # (which the records refuse, but the engine must not fail on)
    return ExemptReason.LEFT
