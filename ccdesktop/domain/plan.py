"""The year-end plan (issue 13): for each person, the hours still needed by December
31, the hours planned, the gap, and the required trainings that will not be current
by December 31 or by the next inspection; most urgent first. And the reminders the
window shows when it opens.

Pure: built from an audit of the plan's year (given ``today``, so planned entries
are not counted) and the requirement statuses as of ``today``.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from .audit import Audit, StaffStanding, staff_sort_key
from .dates import format_date_us
from .hours import Hundredths
from .records import Center
from .requirements import (
    RequirementState,
    RequirementStatus,
    describe_status,
    requirement_statuses,
)


@dataclass(frozen=True, slots=True)
class PersonPlan:
    standing: StaffStanding
    #: every requirement that applies to the person, with its status, in list order
    statuses: tuple[RequirementStatus, ...]
    #: required trainings that will not be current on the plan's horizon unless done
    #: (again) first, in the center's list order
    requirements: tuple[RequirementStatus, ...]
    #: the requirements of ``requirements`` that will not be current on the day of
    #: the next inspection
    before_inspection: tuple[RequirementStatus, ...]
    #: the earliest day something must be done by (see ``urgent_on``); None: nothing
    urgent_on: date | None
    #: planned entries of the year that would earn no credit (the rules say why)
    planned_denied: int = 0

    @property
    def hours_needed(self) -> Hundredths:
        """Hours still needed by December 31 (the audit's, planned ones not counted)."""
        return self.standing.hours_needed

    @property
    def planned(self) -> Hundredths:
        """Hours of the year's planned entries that would be credited."""
        return self.standing.planned

    @property
    def gap(self) -> Hundredths:
        """Hours still needed if every planned entry happens as planned."""
        return gap_after_planned(self.standing)

    @property
    def on_track(self) -> bool:
        return self.urgent_on is None


@dataclass(frozen=True, slots=True)
class YearEndPlan:
    year: int
    center: Center
    today: date
    #: the next inspection when it is known and not past
    next_inspection: date | None
    #: the day requirements are looked ahead to: December 31, or the next inspection
    #: when that is later
    horizon: date
    #: most urgent first (see ``urgency_key``)
    people: tuple[PersonPlan, ...]

    @property
    def year_end(self) -> date:
        return date(self.year, 12, 31)

    @property
    def short(self) -> tuple[PersonPlan, ...]:
        """Those with hours still needed after what is planned."""
        return tuple(p for p in self.people if p.gap)


def gap_after_planned(standing: StaffStanding) -> Hundredths:
    """The hours still needed by December 31 if the year's planned entries happen.

    Planned hours, once done, are applied as any earned hours are (RULES.md section 5:
    first to earlier years' deficits, then to the year, nothing carried over), so
    each planned hour lowers what is needed by one until nothing is: the gap is
    ``max(0, hours_needed - planned)``."""
    return max(0, standing.hours_needed - standing.planned)


def plan_horizon(year: int, next_inspection: date | None, today: date) -> date:
    """December 31 of ``year``, or the next inspection when it is later. Decision: an
    inspection date already past is ignored (the setting was not updated)."""
    year_end = date(year, 12, 31)
    if next_inspection is None or next_inspection < today:
        return year_end
    return max(year_end, next_inspection)


def urgent_on(
    standing: StaffStanding, year: int, requirements: Sequence[RequirementStatus], today: date
) -> date | None:
    """The earliest day by which something must be done for the person: December 31
    when hours are still needed after what is planned; each listed requirement's due
    day (today when it has none: missing with no deadline), unless a planned entry
    meets it in time. None: nothing to do."""
    days: list[date] = []
    if gap_after_planned(standing):
        days.append(date(year, 12, 31))
    for status in requirements:
        if status.planned_in_time:
            continue
        days.append(status.due_on if status.due_on is not None else today)
    return min(days, default=None)


def urgency_key(person: PersonPlan) -> tuple[object, ...]:
    """Most urgent first: the earliest day something must be done by (overdue
    requirements have days in the past, so they come first), then the larger hours
    gap, then the name; those with nothing to do last, by name."""
    return (
        person.urgent_on is None,
        person.urgent_on or date.max,
        -person.gap,
        staff_sort_key(person.standing.staff),
    )


def year_end_plan(
    audit: Audit,
    today: date,
    statuses: Mapping[int, Sequence[RequirementStatus]] | None = None,
) -> YearEndPlan:
    """The plan for ``audit.year`` as of ``today``.

    ``audit`` should be audited with ``today`` (so planned entries are planned);
    ``statuses`` are the requirement statuses as of ``today`` (computed when not
    given). Decision: the plan lists everyone who is still employed on ``today`` (no
    end date before it) and whom the year asks hours of or a requirement applies to.
    """
    if statuses is None:
        statuses = requirement_statuses(audit, today)
    inspection = audit.center.next_inspection_on
    if inspection is not None and inspection < today:
        inspection = None
    horizon = plan_horizon(audit.year, inspection, today)
    people = []
    for standing in audit.staff:
        staff = standing.staff
        if staff.end_date is not None and staff.end_date < today:
            continue
        own = [s for s in statuses.get(staff.id or 0, ()) if s.applies]
        if not standing.requires_hours and not own:
            continue
        listed = tuple(s for s in own if s.not_current_on(horizon))
        before = tuple(s for s in listed if inspection is not None and s.not_current_on(inspection))
        when = urgent_on(standing, audit.year, listed, today)
        denied = 0
        if standing.planned_count:  # most people plan nothing: no need to look
            denied = sum(1 for r in audit.entries_of(staff.id or 0) if r.planned and not r.credited)
        people.append(PersonPlan(standing, tuple(own), listed, before, when, denied))
    people.sort(key=urgency_key)
    return YearEndPlan(audit.year, audit.center, today, inspection, horizon, tuple(people))


# --- words --------------------------------------------------------------------------


def days_left_words(plan: YearEndPlan) -> str:
    """ "29 days left until December 31, 2026" (or that the year is over / ahead)."""
    days = (plan.year_end - plan.today).days
    if days < 0:
        return f"{plan.year} is over"
    if plan.today.year < plan.year:
        return f"{plan.year} has not started yet"
    if days == 0:
        return f"today is the last day of {plan.year}"
    return f"{days} day{'s' if days != 1 else ''} left until December 31, {plan.year}"


def do_by_words(person: PersonPlan, today: date) -> str:
    """When the person's most urgent thing is to be done by: "overdue" (a day already
    past), "now" (today, or something missing with no deadline to go by), the day
    itself, or "" when there is nothing to do."""
    if person.urgent_on is None:
        return ""
    if person.urgent_on < today:
        return "overdue"
    if person.urgent_on == today:
        return "now"
    return format_date_us(person.urgent_on)


def inspection_note(plan: YearEndPlan, person: PersonPlan, status: RequirementStatus) -> str:
    """ " (before the inspection)" for a requirement that will not be current on the
    day of an inspection before the plan's horizon; "" otherwise (when the inspection
    is the horizon, every listed requirement is before it, and saying so is noise)."""
    inspection = plan.next_inspection
    if inspection is None or inspection >= plan.horizon:
        return ""
    return " (before the inspection)" if status in person.before_inspection else ""


def requirement_lines(plan: YearEndPlan, person: PersonPlan) -> list[str]:
    """The person's to-do in words, one line each: planned trainings that would earn
    no credit, then each required training to do ("CPR: overdue since 12/1/2026")."""
    lines = [planned_denied_words(person.planned_denied)] if person.planned_denied else []
    for status in person.requirements:
        note = inspection_note(plan, person, status)
        lines.append(f"{status.kind.name}: {describe_status(status)}{note}")
    return lines


def planned_denied_words(count: int) -> str:
    """ "1 planned training would earn no credit (see the Training page)"."""
    trainings = "1 planned training" if count == 1 else f"{count} planned trainings"
    return f"{trainings} would earn no credit (see the Training page)"


def horizon_words(plan: YearEndPlan) -> str:
    """What the required trainings are looked ahead to."""
    if plan.next_inspection is not None and plan.horizon == plan.next_inspection:
        return f"the next inspection, {format_date_us(plan.horizon)}"
    inspection = (
        f" (next inspection {format_date_us(plan.next_inspection)})"
        if plan.next_inspection is not None
        else " (next inspection not set)"
    )
    return f"December 31, {plan.year}{inspection}"


# --- reminders ------------------------------------------------------------------------


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


def _days_left(today: date, year: int) -> str:
    days = (date(year, 12, 31) - today).days
    if days == 0:
        return "on the last day of the year"
    if days == 1:
        return "with 1 day left"
    return f"with {days} days left"


def _month(day: date, today: date) -> str:
    name = calendar.month_name[day.month]
    return name if day.year == today.year else f"{name} {day.year}"


def reminders(plan: YearEndPlan) -> tuple[str, ...]:
    """What a director should hear when the window opens, in a few plain sentences
    (empty when nothing needs doing): "3 people are short of their 2026 hours with 29
    days left", "Safe Sleep lapses for 2 people in January 2027", "CPR is overdue
    for 1 person", "Orientation is missing for 2 people", and the next inspection.

    Decisions: hours are reminded of only in the plan's year as it runs (a past or
    future year is not "left"), counting those short even after what is planned, and
    saying how many more planned trainings would cover. A requirement is reminded of
    when it is overdue, missing, or due within the center's "due soon" days; a due
    one that a planned entry meets in time is left out (it is taken care of)."""
    today = plan.today
    lines: list[str] = []
    if plan.year == today.year:
        short = sum(1 for p in plan.people if p.gap)
        covered = sum(1 for p in plan.people if p.hours_needed and not p.gap)
        if short:
            verb = "is" if short == 1 else "are"
            text = (
                f"{_people(short)} {verb} short of their {plan.year} hours "
                f"{_days_left(today, plan.year)}"
            )
            if covered:
                text += f" (planned trainings cover {covered} more)"
            lines.append(text)
        elif covered:
            lines.append(
                f"Planned trainings would cover the {plan.year} hours of {_people(covered)}; "
                "nobody else is short"
            )
    by_kind: dict[str, dict[RequirementState, list[RequirementStatus]]] = {}
    for person in plan.people:
        for status in person.statuses:
            if status.state is RequirementState.DUE and status.planned_in_time:
                continue
            if status.state not in (
                RequirementState.OVERDUE,
                RequirementState.DUE,
                RequirementState.MISSING,
            ):
                continue
            by_kind.setdefault(status.kind.name, {}).setdefault(status.state, []).append(status)
    for name, states in by_kind.items():
        overdue = states.get(RequirementState.OVERDUE, [])
        due = states.get(RequirementState.DUE, [])
        missing = states.get(RequirementState.MISSING, [])
        if overdue:
            lines.append(f"{name} is overdue for {_people(len(overdue))}")
        if due:
            due_days = sorted(s.due_on for s in due if s.due_on is not None)
            lapses = all(s.met_by is not None for s in due)
            verb = "lapses" if lapses else "is due"
            months = {(d.year, d.month) for d in due_days}
            if len(months) == 1:
                when = f"in {_month(due_days[0], today)}"
            else:
                when = f"by {format_date_us(due_days[-1])}"
            lines.append(f"{name} {verb} for {_people(len(due))} {when}")
        if missing:
            lines.append(f"{name} is missing for {_people(len(missing))}")
    if plan.next_inspection is not None:
        waiting = sum(1 for p in plan.people if p.before_inspection)
        if waiting:
            ahead = (plan.next_inspection - today).days
            if ahead == 0:
                when = "is today"
            else:
                when = f"is in {ahead} day{'s' if ahead != 1 else ''}"
            lines.append(
                f"the inspection on {format_date_us(plan.next_inspection)} {when}: "
                f"{_people(waiting)} {'has' if waiting == 1 else 'have'} a required "
                "training that will not be current by then"
            )
    return tuple(line[:1].upper() + line[1:] for line in lines)
