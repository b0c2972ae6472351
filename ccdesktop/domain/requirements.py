"""Required trainings with renewal (issue 13): who needs which, and whether it is
current, due, overdue or missing on a given day.

A center lists its requirement kinds (``Center.requirements``; None means
``DEFAULT_REQUIREMENTS``). Each person gets one ``RequirementStatus`` per kind. Every
function here is pure and takes the day it judges "as of" from its caller; nothing
reads the clock. One function per rule, each stating the decision it makes:

- which staff a kind applies to: ``not_applicable_reason``;
- which entries meet it: ``matches_entry`` and ``counts_toward``;
- how long a completion lasts: ``current_until``;
- when a new hire must have it: ``new_hire_deadline``;
- what "due soon" means: ``is_due_soon``;
- and the status that follows: ``requirement_status``.

The statuses are computed per person from the audit's judged entries
(``requirement_statuses``), never inside the audit's per-entry walk, so they cost the
audit nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

from .audit import Audit, PersonJudgement
from .codes import Reason
from .dates import add_months, format_date_us
from .records import AppliesTo, Center, EntryKind, MetBy, RequirementKind, Staff, TrainingEntry
from .rules import Verdict, normalise_title

# --- the defaults ---------------------------------------------------------------------

#: Safe Sleep (RSMo 210.223; see the README's Decisions): every caregiver of a program
#: licensed for infants, a DESE-approved training whose title says "Safe Sleep", good
#: for 36 months; a new hire has 30 days.
SAFE_SLEEP = RequirementKind(
    name="Safe Sleep",
    applies_to=AppliesTo.CAREGIVERS,
    met_by=MetBy.TRAINING,
    matches=("Safe Sleep",),
    lasts_months=36,
    new_hire_days=30,
    for_infant_programs=True,
)
#: a current CPR card: a credential whose title says "CPR", until the card's expiry
CPR = RequirementKind(name="CPR", met_by=MetBy.CREDENTIAL, matches=("CPR",))
#: a current First Aid card, as CPR ("Pediatric First Aid/CPR/AED" meets both)
FIRST_AID = RequirementKind(name="First Aid", met_by=MetBy.CREDENTIAL, matches=("First Aid",))
#: orientation, before starting work; it never lapses
ORIENTATION = RequirementKind(name="Orientation", matches=("Orientation",), new_hire_days=0)

DEFAULT_REQUIREMENTS: tuple[RequirementKind, ...] = (SAFE_SLEEP, CPR, FIRST_AID, ORIENTATION)


def requirements_of(center: Center) -> tuple[RequirementKind, ...]:
    """The center's requirement kinds: its own list, or the defaults when it has none
    (``requirements`` None; an empty list means none at all)."""
    return DEFAULT_REQUIREMENTS if center.requirements is None else center.requirements


# --- statuses -------------------------------------------------------------------------


class RequirementState(StrEnum):
    #: met, and not lapsing within the center's "due soon" days
    CURRENT = "current"
    #: lapses (or a new hire's deadline falls) within the "due soon" days; still
    #: current until then when it was met
    DUE = "due"
    #: lapsed, or a new hire's deadline has passed, and not met again
    OVERDUE = "overdue"
    #: never met (or lapsed) and no deadline within the "due soon" days: no hire date
    #: or no new-hire deadline to go by, or a deadline further off
    MISSING = "missing"
    #: the kind does not apply to the person
    NOT_APPLICABLE = "not_applicable"


STATE_LABELS: Mapping[RequirementState, str] = {
    RequirementState.CURRENT: "current",
    RequirementState.DUE: "due",
    RequirementState.OVERDUE: "overdue",
    RequirementState.MISSING: "missing",
    RequirementState.NOT_APPLICABLE: "not applicable",
}

#: the states that need the director's attention, most urgent first
NEEDS_ACTION = (RequirementState.OVERDUE, RequirementState.DUE, RequirementState.MISSING)


@dataclass(frozen=True, slots=True)
class RequirementStatus:
    """One person's standing on one requirement kind, as of a day."""

    kind: RequirementKind
    state: RequirementState
    #: the completion that meets it (or last met it), the one current longest
    met_by: TrainingEntry | None = None
    #: the last day ``met_by`` keeps it current (inclusive); None: never lapses, or
    #: never met
    until: date | None = None
    #: the day by which it must be done (again): the last day it is current, or a new
    #: hire's deadline; None: no date to go by (never lapses, or no deadline known)
    due_on: date | None = None
    #: the first planned entry (after the as-of day) that would meet it
    planned: TrainingEntry | None = None
    #: why it does not apply (NOT_APPLICABLE), in words
    reason: str = ""

    @property
    def applies(self) -> bool:
        return self.state is not RequirementState.NOT_APPLICABLE

    @property
    def needs_action(self) -> bool:
        return self.state in NEEDS_ACTION

    @property
    def planned_in_time(self) -> bool:
        """A planned entry meets it by the day it is due (or there is no such day)."""
        if self.planned is None:
            return False
        return self.due_on is None or self.planned.completed_on <= self.due_on

    def not_current_on(self, day: date) -> bool:
        """Whether, unless it is done (again) first, it is not current on ``day``: not
        met now, or lapsing before that day."""
        if not self.applies:
            return False
        if self.state in (RequirementState.OVERDUE, RequirementState.MISSING):
            return True
        if self.met_by is None:  # a new hire's deadline ahead
            return True
        return self.until is not None and self.until < day


# --- the rules ------------------------------------------------------------------------


def not_applicable_reason(
    kind: RequirementKind, center: Center, staff: Staff, as_of: date
) -> str | None:
    """Why ``kind`` does not apply to ``staff`` on ``as_of``, or None when it does.

    Decisions: every kind is for caregivers (``AppliesTo``'s three choices all are), so
    a staff member who needs no clock hours (a cook) has none; someone whose last day
    is before ``as_of`` has left and has none (on the last day itself they still do);
    someone hired after ``as_of`` already does (their new-hire deadline is ahead). A
    kind for infant programs applies only while the center is licensed for infants.
    Roles are compared as course titles are (case, punctuation and spacing aside).
    """
    if not staff.requires_clock_hours:
        return "not a caregiver (needs no clock hours)"
    if staff.end_date is not None and staff.end_date < as_of:
        return f"left on {format_date_us(staff.end_date)}"
    if kind.for_infant_programs and not center.licensed_for_infants:
        return "the program is not licensed for infants"
    if kind.applies_to is AppliesTo.INFANT_ROOM and not staff.infant_room:
        return "does not work in the infant room"
    if kind.applies_to is AppliesTo.ROLES:
        role = normalise_title(staff.role)
        if not role or role not in {normalise_title(r) for r in kind.roles}:
            return f"role {staff.role!r} is not listed" if staff.role else "no role on record"
    return None


def hired_before_the_records(
    kind: RequirementKind, staff: Staff, records_start: int | None
) -> str | None:
    """Why a kind asked only at hire (a new-hire deadline and no renewal, such as
    orientation) is not asked of ``staff`` when nothing on record meets it: they were
    hired before the year the center's records start, or have no hire date on record
    then. Their hire predates the records, which cannot show it. None otherwise."""
    at_hire_only = kind.new_hire_days is not None and kind.lasts_months is None
    if not at_hire_only or kind.met_by is not MetBy.TRAINING or records_start is None:
        return None
    if staff.hire_date is None:
        return "no hire date on record (asked at hire)"
    if staff.hire_date.year < records_start:
        return f"hired before the records start ({records_start})"
    return None


@lru_cache(maxsize=8192)  # a center has few distinct titles and few kinds
def _title_matches(title: str, terms: tuple[str, ...]) -> bool:
    padded = f" {normalise_title(title)} "
    return any(f" {term} " in padded for term in terms if term)


@lru_cache(maxsize=256)
def _normalised_terms(matches: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(normalise_title(m) for m in matches)


def matches_entry(kind: RequirementKind, entry: TrainingEntry) -> bool:
    """Whether ``entry`` is of the kind: a training for a kind met by training, a
    credential for one met by a credential, whose course ID equals one of the kind's
    matches (case aside), or whose title contains one as whole words, compared as
    RULES.md compares titles ("Safe Sleep" matches "Safe-Sleep Practices for
    Infants", not "Unsafe Sleepwear")."""
    wanted = EntryKind.CREDENTIAL if kind.met_by is MetBy.CREDENTIAL else EntryKind.TRAINING
    if entry.kind is not wanted:
        return False
    if entry.course_id:
        course = entry.course_id.strip().casefold()
        if any(course == m.strip().casefold() for m in kind.matches):
            return True
    return _title_matches(entry.title, _normalised_terms(kind.matches))


#: denial reasons after which a training does not meet a requirement
DISQUALIFYING = frozenset({Reason.NOT_APPROVED, Reason.OVERLAP})


def counts_toward(entry: TrainingEntry, verdict: Verdict) -> bool:
    """Whether a matching entry meets a requirement, whatever its clock hours.

    Decisions: a requirement asks that the person was trained, not that the training
    earned clock hours. So a training denied for being in ratio, an online module
    taken as a group, a repeat within 12 months or an e-learning finished late still
    meets it; one that is not DESE-approved (not on the MOPD report: no evidence) or
    that overlaps another sitting (not completed one at a time) does not. A session
    the person gave as its trainer (``as_trainer``) does not: they gave it, they did
    not receive it. A credential is not a clock-hour training: its verdict is not
    asked."""
    if entry.as_trainer:
        return False
    if entry.kind is EntryKind.CREDENTIAL:
        return True
    return not DISQUALIFYING.intersection(verdict.reasons)


def current_until(kind: RequirementKind, entry: TrainingEntry) -> date | None:
    """The last day a completion keeps the requirement current (inclusive); None when
    it never lapses.

    Decisions: a credential is current through its own expiry date (``expires_on``,
    the day printed on the card); one without an expiry date lasts the kind's months
    if it has any, else never lapses. A training lasts the kind's months, counted as
    RULES.md counts "plus 12 months" (the same day of the month, or the month's last
    day: completed 2/29/2024, 36 months: current through 2/28/2027), and renewing on
    that very day is in time, as finishing an e-learning on its last day is."""
    if entry.kind is EntryKind.CREDENTIAL and entry.expires_on is not None:
        return entry.expires_on
    if kind.lasts_months is None:
        return None
    return add_months(entry.completed_on, kind.lasts_months)


def new_hire_deadline(kind: RequirementKind, staff: Staff) -> date | None:
    """The last day a new hire may still get it: the hire date plus the kind's days
    (0: before starting, so the hire date itself). None without a hire date or a
    new-hire deadline. Decision: the deadline is kept for everyone with a hire date,
    however long ago, so a caregiver hired years ago who never had it is overdue,
    not merely missing."""
    if kind.new_hire_days is None or staff.hire_date is None:
        return None
    return staff.hire_date + timedelta(days=kind.new_hire_days)


def is_due_soon(day: date, as_of: date, due_soon_days: int) -> bool:
    """Whether ``day`` (the last day something is current, or a deadline) is within
    the center's "due soon" days of ``as_of``: exactly ``due_soon_days`` ahead is due
    (60 days: on 1/4/2028 a card current through 3/4/2028 is due; on 1/3/2028 it is
    not). With 0 days, only the last day itself is due."""
    return (day - as_of).days <= due_soon_days


def _best(kind: RequirementKind, entries: Sequence[TrainingEntry]) -> TrainingEntry | None:
    """The completion that keeps the kind current longest (never lapsing is longest;
    then the later completion)."""
    best: TrainingEntry | None = None
    best_key: tuple[date, date] | None = None
    for entry in entries:
        until = current_until(kind, entry)
        key = (until or date.max, entry.completed_on)
        if best_key is None or key >= best_key:
            best, best_key = entry, key
    return best


def requirement_status(
    kind: RequirementKind,
    center: Center,
    staff: Staff,
    judged: Iterable[tuple[TrainingEntry, Verdict]],
    as_of: date,
    records_start: int | None = None,
) -> RequirementStatus:
    """``staff``'s status on ``kind`` as of ``as_of``, from their entries of every year
    with the engine's verdicts. Entries completed after ``as_of`` are planned: they
    never make it current, and the first one that would meet it is ``planned``.

    - met and current through a day more than the "due soon" days ahead (or for
      ever): CURRENT;
    - met, current through a day within them: DUE (due on that day);
    - not met now (never, or lapsed): due on the later of the lapse and a new hire's
      deadline; OVERDUE when that day has passed, DUE when it is within the "due soon"
      days, else MISSING (also when there is no such day).
    """
    meeting = [e for e, v in judged if matches_entry(kind, e) and counts_toward(e, v)]
    return _status_of(kind, center, staff, meeting, as_of, records_start)


def _status_of(
    kind: RequirementKind,
    center: Center,
    staff: Staff,
    meeting: Sequence[TrainingEntry],
    as_of: date,
    records_start: int | None = None,
) -> RequirementStatus:
    """``requirement_status`` from the entries that meet the kind (of every year, in
    completion order)."""
    reason = not_applicable_reason(kind, center, staff, as_of)
    if reason is None and not meeting:
        reason = hired_before_the_records(kind, staff, records_start)
    if reason is not None:
        return RequirementStatus(kind, RequirementState.NOT_APPLICABLE, reason=reason)
    done: list[TrainingEntry] = []
    planned: TrainingEntry | None = None
    for entry in meeting:
        if entry.completed_on <= as_of:
            done.append(entry)
        elif planned is None or entry.completed_on < planned.completed_on:
            planned = entry
    # a training's "until" only grows with its completion date, and the entries come
    # in completion order: the last one done is the best (a card's expiry need not)
    if kind.met_by is MetBy.TRAINING:
        met = done[-1] if done else None
    else:
        met = _best(kind, done)
    until = None if met is None else current_until(kind, met)
    soon = center.due_soon_days
    if met is not None and (until is None or as_of <= until):
        if until is not None and is_due_soon(until, as_of, soon):
            return RequirementStatus(kind, RequirementState.DUE, met, until, until, planned)
        return RequirementStatus(kind, RequirementState.CURRENT, met, until, until, planned)
    deadline = new_hire_deadline(kind, staff)
    dates = [d for d in (until, deadline) if d is not None]
    due_on = max(dates) if dates else None
    if due_on is None:
        state = RequirementState.MISSING
    elif as_of > due_on:
        state = RequirementState.OVERDUE
    elif is_due_soon(due_on, as_of, soon):
        state = RequirementState.DUE
    else:
        state = RequirementState.MISSING
    return RequirementStatus(kind, state, met, until, due_on, planned)


class _Matcher:
    """Which of a list of kinds each distinct (kind of entry, title, course ID) meets,
    worked out once: a center's 100,000 entries share a few hundred titles."""

    def __init__(self, kinds: Sequence[RequirementKind]) -> None:
        self._kinds = kinds
        self._memo: dict[tuple[EntryKind, str, str | None], tuple[int, ...]] = {}

    def __call__(self, entry: TrainingEntry) -> tuple[int, ...]:
        key = (entry.kind, entry.title, entry.course_id)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = tuple(
                index for index, kind in enumerate(self._kinds) if matches_entry(kind, entry)
            )
        return found


def person_requirements(
    center: Center,
    staff: Staff,
    person: PersonJudgement | None,
    as_of: date,
    matcher: _Matcher | None = None,
    records_start: int | None = None,
) -> tuple[RequirementStatus, ...]:
    """``staff``'s status on each of the center's requirement kinds, in list order (the
    same as ``requirement_status`` of each kind, every entry looked at once)."""
    kinds = requirements_of(center)
    matcher = matcher or _Matcher(kinds)
    meeting: list[list[TrainingEntry]] = [[] for _ in kinds]
    if person is not None:
        for entry, verdict in zip(person.entries, person.verdicts, strict=True):
            found = matcher(entry)
            if found and counts_toward(entry, verdict):
                for index in found:
                    meeting[index].append(entry)
    return tuple(
        _status_of(kind, center, staff, meeting[index], as_of, records_start)
        for index, kind in enumerate(kinds)
    )


def records_start_of(audit: Audit) -> int | None:
    """The year the center's records start, for what is asked at hire: the setting, else
    the year of the earliest entry; None in a file with no entry (not the audited year
    the ledger falls back to: the statuses are of no one year)."""
    if audit.center.records_start_year is not None:
        return audit.center.records_start_year
    years = [p.earliest_year for p in audit.people.values()]
    return min((y for y in years if y is not None), default=None)


def requirement_statuses(audit: Audit, as_of: date) -> dict[int, tuple[RequirementStatus, ...]]:
    """Every staff member's requirement statuses as of ``as_of``, by staff id (from the
    audit's judged entries of every year: the verdicts are the engine's)."""
    matcher = _Matcher(requirements_of(audit.center))
    records_start = records_start_of(audit)
    return {
        standing.staff.id: person_requirements(  # type: ignore[misc]
            audit.center,
            standing.staff,
            audit.people.get(standing.staff.id or 0),
            as_of,
            matcher,
            records_start,
        )
        for standing in audit.staff
    }


# --- words ----------------------------------------------------------------------------


def describe_status(status: RequirementStatus) -> str:
    """The status in the words every screen, the PDF and the command line print:
    "current until 3/4/2028", "due: current until 3/4/2028", "due by 12/1/2026",
    "overdue since 3/5/2028" (the first day it was not current), "missing", "missing
    (due by 2/1/2027)", "not applicable (does not work in the infant room)"; with
    "; planned 2/1/2028" when a planned entry would meet it."""
    state = status.state
    if state is RequirementState.NOT_APPLICABLE:
        return f"not applicable ({status.reason})" if status.reason else "not applicable"
    if state is RequirementState.CURRENT:
        if status.until is None:
            text = "current (does not lapse)"
        else:
            text = f"current until {format_date_us(status.until)}"
    elif state is RequirementState.DUE:
        if status.met_by is not None and status.until == status.due_on:
            text = f"due: current until {format_date_us(status.until)}"
        else:
            text = f"due by {format_date_us(status.due_on)}"
    elif state is RequirementState.OVERDUE:
        assert status.due_on is not None
        text = f"overdue since {format_date_us(status.due_on + timedelta(days=1))}"
    else:
        text = "missing"
        if status.due_on is not None:
            text += f" (due by {format_date_us(status.due_on)})"
    if status.planned is not None:
        text += f"; planned {format_date_us(status.planned.completed_on)}"
    return text


def describe_met_by(entry: TrainingEntry | None) -> str:
    """The completion on record that meets it: "Safe Sleep for Infants, 2/3/2024"; a
    card with its expiry date; "nothing on record"."""
    if entry is None:
        return "nothing on record"
    text = f"{entry.title}, {format_date_us(entry.completed_on)}"
    if entry.kind is EntryKind.CREDENTIAL:
        if entry.expires_on is not None:
            text += f" (card, expires {format_date_us(entry.expires_on)})"
        else:
            text += " (card, no expiry date)"
    return text


def summarise(statuses: Iterable[RequirementStatus]) -> str:
    """A person's required trainings in a few words, what needs doing first:
    "Orientation overdue, CPR due", "all current", or "" when none applies."""
    own = [s for s in statuses if s.applies]
    if not own:
        return ""
    order = {state: index for index, state in enumerate(NEEDS_ACTION)}
    needing = sorted((s for s in own if s.needs_action), key=lambda s: order[s.state])
    if not needing:
        return "all current"
    return ", ".join(f"{s.kind.name} {STATE_LABELS[s.state]}" for s in needing)
