"""Plain-words explanations of the engine's codes and verdicts.

One wording for every place that shows a verdict (the PDF, the window's flags page,
the command line), so a director never reads two different explanations of the same
denial. Each code carries the DESE guidance it comes from, quoted from RULES.md
section 1, and what the director can do about it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time

from .codes import ExemptReason, Reason, Status, WarningCode
from .dates import add_months, format_date_us, minutes
from .hours import Hundredths, format_hours
from .records import Format, Setting, Staff, TrainingEntry
from .rules import WINDOW_MONTHS, Verdict, repeat_cleared_on

#: The facts of RULES.md section 1 that the codes cite, word for word.
DESE_FACTS: Mapping[int, str] = {
    2: "All caregivers are required to obtain a MOPD ID for tracking training.",
    3: "All clock hour training must be approved by DESE's Office of Childhood. "
    "All trainings found in the MOPD System have been approved.",
    4: "Clock hours cannot be earned while in ratio with children.",
    5: "Online modules cannot be used for group training.",
    6: "You will have 12 months to complete a MOPD E-learning course once it begins, "
    "and you will not be able to complete the same course within the 12 months of "
    "completion for clock hours.",
    7: "DESE does not provide certificates to verify training completion. "
    "All training records must be in the MOPD system.",
    8: "Trainings must be completed one at a time. If an individual completes "
    "multiple trainings at a time, credit will be denied.",
    9: "Clock hour training is reviewed and verified during inspections. "
    "All completed training must be on the MOPD System training report.",
}


@dataclass(frozen=True, slots=True)
class Explanation:
    """What a code means, where it comes from, and what to do about it."""

    code: Reason | WarningCode
    #: a few words for a column or a badge
    label: str
    #: the reason in plain words, one sentence
    reason: str
    #: the numbers of the DESE facts (RULES.md section 1) the code comes from;
    #: empty for a check of the app's own that no DESE fact states
    facts: tuple[int, ...]
    #: what the director can do about it
    remedy: str
    #: said instead of a DESE quote when ``facts`` is empty
    own_rule: str = ""
    #: the rule as Missouri's earlier clock-hour guidance states it (health.mo.gov,
    #: before the move to DESE), for a rule that the DESE guidance does not state
    older_rule: str = ""

    @property
    def rule_source(self) -> str:
        """Short citation in the inspector's words: "DESE guidance", "Missouri clock-hour
        guidance" for the earlier guidance, or "ccdesktop check" for a check of the
        app's own. (The fact numbers are RULES.md's, which an inspector has never seen;
        they stay in ``facts`` for the tests.)"""
        if self.facts:
            return "DESE guidance"
        return "Missouri clock-hour guidance" if self.older_rule else "ccdesktop check"

    @property
    def rule(self) -> str:
        """The rule in full: the quoted guidance, the earlier guidance, or the app's own
        check."""
        if not self.facts and self.older_rule:
            return (
                "Missouri clock-hour guidance for licensed care (health.mo.gov, before the "
                f"move to DESE): {self.older_rule}"
            )
        if not self.facts:
            return self.own_rule
        quotes = " ".join(f'"{DESE_FACTS[fact]}"' for fact in self.facts)
        return f"{self.rule_source}: {quotes}"


REASONS: Mapping[Reason, Explanation] = {
    Reason.OVERLAP: Explanation(
        Reason.OVERLAP,
        label="Overlapping trainings",
        reason="This training's time overlaps another training of the same person, "
        "so neither earns credit.",
        facts=(8,),
        remedy="Check the start and end times against the MOPD training report and "
        "correct a time typed wrong. Trainings that really ran at the same time earn "
        "no credit; take them again one at a time.",
    ),
    Reason.IN_RATIO: Explanation(
        Reason.IN_RATIO,
        label="In ratio with children",
        reason="The person was counted in ratio with children during the training, "
        "so it earns no clock hours.",
        facts=(4,),
        remedy="If the person was not in ratio, correct the entry. Otherwise schedule "
        "training while someone else covers the ratio.",
    ),
    Reason.ONLINE_GROUP: Explanation(
        Reason.ONLINE_GROUP,
        label="Online module taken as a group",
        reason="A self-paced online module was taken as group training, which earns "
        "no clock hours.",
        facts=(5,),
        remedy="If each person took the module on their own, record the setting as "
        "individual. Otherwise each person takes the module individually.",
    ),
    Reason.REPEAT_WITHIN_12_MONTHS: Explanation(
        Reason.REPEAT_WITHIN_12_MONTHS,
        label="Repeated within 12 months",
        reason="The same course was completed again within 12 months of an earlier "
        "completion, so the repeat earns no credit.",
        facts=(6,),
        remedy="Choose a different course; this one earns credit again 12 months after "
        "the earlier completion. If a course ID or date was typed wrong, correct it.",
    ),
    Reason.ELEARNING_WINDOW: Explanation(
        Reason.ELEARNING_WINDOW,
        label="E-learning finished too late",
        reason="The online course was finished more than 12 months after it began, "
        "so it earns no credit.",
        facts=(6,),
        remedy="Check the start (enrolled) and completion dates on the MOPD training "
        "report and correct a date typed wrong. Otherwise enrol again and finish "
        "within 12 months.",
    ),
    Reason.NOT_APPROVED: Explanation(
        Reason.NOT_APPROVED,
        label="Not DESE-approved",
        reason="The training is not DESE-approved or is not on the MOPD training "
        "report, so it earns no clock hours.",
        facts=(3, 7, 9),
        remedy="Use trainings found in the MOPD system. If this training is on the "
        "person's MOPD training report, mark the entry approved.",
    ),
    Reason.TRAINER_OWN_SESSION: Explanation(
        Reason.TRAINER_OWN_SESSION,
        label="Conducted by the person as trainer",
        reason="The person conducted this session as its trainer, and a trainer earns "
        "no clock hours for a session they conducted.",
        facts=(),
        older_rule="a trainer earns no clock hours for a training session they conduct.",
        remedy="If the person attended the session rather than led it, clear \u201cI "
        "conducted this session\u201d on the entry. Otherwise the person earns their hours "
        "at trainings led by someone else.",
    ),
}

WARNINGS: Mapping[WarningCode, Explanation] = {
    WarningCode.MISSING_TIMES: Explanation(
        WarningCode.MISSING_TIMES,
        label="Start or end time missing",
        reason="Without both a start and an end time the app cannot check this "
        "training for overlaps.",
        facts=(8,),
        remedy="Add the start and end times from the MOPD training report.",
    ),
    WarningCode.HOURS_EXCEED_SITTING: Explanation(
        WarningCode.HOURS_EXCEED_SITTING,
        label="More hours than the sitting lasted",
        reason="The clock hours recorded are more than the time between the start "
        "and end of the sitting.",
        facts=(),
        own_rule="ccdesktop check, not a DESE rule: a clock hour is an hour spent in "
        "training, so the hours should fit within the sitting. Credit is not changed.",
        remedy="Compare the hours and the times with the MOPD training report and "
        "correct whichever is wrong.",
    ),
    WarningCode.MISSING_MOPD_ID: Explanation(
        WarningCode.MISSING_MOPD_ID,
        label="No MOPD ID",
        reason="This staff member needs clock hours but has no MOPD ID on record.",
        facts=(2,),
        remedy="Ask the staff member for their MOPD ID (or have them register in the "
        "MOPD system) and enter it.",
    ),
    WarningCode.LIKELY_GROUP_USE: Explanation(
        WarningCode.LIKELY_GROUP_USE,
        label="Online module likely taken as a group",
        reason="Two or more staff took the same online module on the same day at "
        "overlapping times, which looks like one module used for group training.",
        facts=(5,),
        remedy="If each person took the module on their own, check the times against the "
        "MOPD training report and correct them. If they took it together, it earns no "
        "clock hours: record it as group training, and have each person take the "
        "module individually.",
    ),
    WarningCode.NOT_ON_MOPD_REPORT: Explanation(
        WarningCode.NOT_ON_MOPD_REPORT,
        label="Not on the MOPD report",
        reason="This training was not found on the MOPD training report last compared, "
        "so the inspector will not count it.",
        facts=(9, 7),
        remedy="Ask the trainer or the MOPD system to add the training to the person's "
        "MOPD record, or correct the entry if its date, hours or title was typed wrong; "
        "then compare with a new MOPD report.",
    ),
}

FORMAT_LABELS: Mapping[Format, str] = {
    Format.IN_PERSON: "in person",
    Format.LIVE_VIRTUAL: "live virtual",
    Format.ONLINE_MODULE: "online module",
}

SETTING_LABELS: Mapping[Setting, str] = {
    Setting.INDIVIDUAL: "individual",
    Setting.GROUP: "group",
}

STATUS_LABELS: Mapping[Status, str] = {
    Status.MET: "met",
    Status.SHORT: "short",
    Status.EXEMPT: "exempt",
}


def describe_make_up(
    year: int, applied_to_prior: Sequence[tuple[int, Hundredths]], counted: Hundredths
) -> str | None:
    """Why credited hours of ``year`` do not all count for it (RULES.md section 5,
    fact 10): "5 of the hours credited in 2026 went to make up hours missed in 2025,
    so 2 count for 2026 itself." None when nothing was applied to earlier years."""
    if not applied_to_prior:
        return None
    total = sum(hours for _, hours in applied_to_prior)
    if len(applied_to_prior) == 1:
        earlier = str(applied_to_prior[0][0])
    else:
        parts = [f"{y} ({format_hours(h)} h)" for y, h in applied_to_prior]
        earlier = ", ".join(parts[:-1]) + " and " + parts[-1]
    return (
        f"{format_hours(total)} h of the hours credited in {year} went to make up hours "
        f"missed in {earlier}, so {format_hours(counted)} h count for {year} itself."
    )


def describe_exempt(reason: ExemptReason, staff: Staff, records_start_year: int) -> str:
    """Why a year asks no clock hours of ``staff``, in the words an inspector reads:
    "no clock hours required (Cook)", "not yet hired (hired 2/1/2026)", "left on
    6/30/2024", "before the center's records start (records kept from 2024)"."""
    if reason is ExemptReason.NO_CLOCK_HOURS:
        return (
            f"no clock hours required ({staff.role})" if staff.role else "no clock hours required"
        )
    if reason is ExemptReason.NOT_YET_HIRED and staff.hire_date is not None:
        return f"not yet hired (hired {format_date_us(staff.hire_date)})"
    if reason is ExemptReason.LEFT and staff.end_date is not None:
        return f"left on {format_date_us(staff.end_date)}"
    if reason is ExemptReason.BEFORE_RECORDS:
        return f"before the center's records start (records kept from {records_start_year})"
    # ExemptReason.BEFORE_FIRST_ENTRY
    return "no hire date; first training on record is later"


def explain(code: Reason | WarningCode) -> Explanation:
    """The explanation of a denial reason or a warning."""
    if isinstance(code, Reason):
        return REASONS[code]
    return WARNINGS[code]


def format_time_range(start: time, end: time) -> str:
    """ "9:00-10:00 AM", or "11:30 AM-12:30 PM" when the half of the day changes."""
    start_half = "AM" if start.hour < 12 else "PM"
    end_half = "AM" if end.hour < 12 else "PM"
    start_text = f"{start.hour % 12 or 12}:{start.minute:02d}"
    end_text = f"{end.hour % 12 or 12}:{end.minute:02d} {end_half}"
    if start_half == end_half:
        return f"{start_text}-{end_text}"
    return f"{start_text} {start_half}-{end_text}"


def format_duration(total_minutes: int) -> str:
    """90 -> "1 h 30 min", 120 -> "2 h", 45 -> "45 min"."""
    hours, rest = divmod(total_minutes, 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    if hours:
        return f"{hours} h"
    return f"{rest} min"


def _sitting(entry: TrainingEntry) -> str:
    if entry.start_time is None or entry.end_time is None:
        return ""
    return format_time_range(entry.start_time, entry.end_time)


def describe_reason(
    reason: Reason,
    entry: TrainingEntry,
    verdict: Verdict,
    entries_by_id: Mapping[int, TrainingEntry],
) -> list[str]:
    """The specific sentences for one denial reason of ``entry`` (OVERLAP gives one
    per overlapping entry, every other reason one)."""
    if reason is Reason.OVERLAP:
        sentences: list[str] = []
        for other_id in verdict.overlaps_with:
            other = entries_by_id.get(other_id)
            if other is None:
                sentences.append(f"overlaps another training (entry {other_id})")
                continue
            sitting = _sitting(other)
            when = f" {sitting}" if sitting else ""
            sentences.append(
                f"overlaps {other.title}{when} on {format_date_us(other.completed_on)}"
            )
        return sentences or ["overlaps another training"]
    if reason is Reason.IN_RATIO:
        return ["in ratio with children: no credit"]
    if reason is Reason.ONLINE_GROUP:
        return ["online module taken as group training: no credit"]
    if reason is Reason.REPEAT_WITHIN_12_MONTHS:
        earlier = None if verdict.repeat_of is None else entries_by_id.get(verdict.repeat_of)
        if earlier is None:
            return [f"repeats {entry.title} within 12 months of an earlier completion"]
        return [
            f"repeats {earlier.title} within 12 months of {format_date_us(earlier.completed_on)}"
        ]
    if reason is Reason.TRAINER_OWN_SESSION:
        return ["conducted by this person as its trainer: no credit"]
    if reason is Reason.ELEARNING_WINDOW:
        if entry.enrolled_on is None:
            return ["online course finished more than 12 months after it began"]
        deadline = add_months(entry.enrolled_on, WINDOW_MONTHS)
        return [
            f"online course begun {format_date_us(entry.enrolled_on)} had to be finished "
            f"by {format_date_us(deadline)}, finished {format_date_us(entry.completed_on)}"
        ]
    # Reason.NOT_APPROVED
    return ["not DESE-approved / not on the MOPD training report: no credit"]


def describe_reasons(
    entry: TrainingEntry,
    verdict: Verdict,
    entries_by_id: Mapping[int, TrainingEntry],
) -> list[str]:
    """The specific sentences of every denial reason, in the order of RULES.md
    section 3."""
    return [
        sentence
        for reason in verdict.reasons
        for sentence in describe_reason(reason, entry, verdict, entries_by_id)
    ]


def describe_warnings(
    entry: TrainingEntry,
    verdict: Verdict,
    entries_by_id: Mapping[int, TrainingEntry] | None = None,
    staff_names: Mapping[int, str] | None = None,
    *,
    report_on: date | None = None,
) -> list[str]:
    """One specific sentence per warning of the entry.

    LIKELY_GROUP_USE names the others: ``entries_by_id`` holds their sittings and
    ``staff_names`` their names (without them: "2 other staff members");
    NOT_ON_MOPD_REPORT gives the report's date when ``report_on`` is given."""
    sentences: list[str] = []
    for code in verdict.warnings:
        if code is WarningCode.MISSING_TIMES:
            sentences.append("no start or end time: overlaps could not be checked")
        elif code is WarningCode.HOURS_EXCEED_SITTING:
            if entry.start_time is not None and entry.end_time is not None:
                length = minutes(entry.end_time) - minutes(entry.start_time)
                sentences.append(
                    f"{format_hours(entry.clock_hours)} hours recorded for a sitting of "
                    f"{format_duration(length)} ({_sitting(entry)})"
                )
            else:
                sentences.append("more hours recorded than the sitting lasted")
        elif code is WarningCode.MISSING_MOPD_ID:
            sentences.append("no MOPD ID on record")
        elif code is WarningCode.LIKELY_GROUP_USE:
            sentences.append(
                _group_use_sentence(entry, verdict, entries_by_id or {}, staff_names or {})
            )
        elif code is WarningCode.NOT_ON_MOPD_REPORT:
            if report_on is None:
                sentences.append("not on the MOPD training report: the inspector will not count it")
            else:
                sentences.append(
                    f"not on the MOPD report of {format_date_us(report_on)}: the "
                    "inspector will not count it"
                )
    return sentences


def _group_use_sentence(
    entry: TrainingEntry,
    verdict: Verdict,
    entries_by_id: Mapping[int, TrainingEntry],
    staff_names: Mapping[int, str],
) -> str:
    """ "same online module as Bo Chen (9:30-10:30 AM) and Cy Diaz (9:00-10:00 AM) on
    3/4/2025: likely used as a group"."""
    named: dict[int, list[str]] = {}
    unnamed = 0
    for other_id in verdict.group_use_with:
        other = entries_by_id.get(other_id)
        name = None if other is None else staff_names.get(other.staff_id)
        if other is None or name is None:
            unnamed += 1
            continue
        named.setdefault(other.staff_id, [name])
        sitting = _sitting(other)
        if sitting:
            named[other.staff_id].append(sitting)
    people = [
        f"{parts[0]} ({', '.join(parts[1:])})" if len(parts) > 1 else parts[0]
        for parts in sorted(named.values(), key=lambda p: p[0].casefold())
    ]
    if unnamed:
        people.append("1 other staff member" if unnamed == 1 else f"{unnamed} other staff members")
    if not people:
        people = ["another staff member"]
    listed = people[0] if len(people) == 1 else ", ".join(people[:-1]) + " and " + people[-1]
    return (
        f"same online module as {listed} on {format_date_us(entry.completed_on)}: "
        "likely used as a group"
    )


def describe_credential(entry: TrainingEntry) -> str:
    """How a credential shows where a training shows its format and hours:
    "credential, expires 5/31/2027" (or "credential, no expiry date")."""
    if entry.expires_on is None:
        return "credential, no expiry date"
    return f"credential, expires {format_date_us(entry.expires_on)}"


def describe_credential_year(credential: TrainingEntry) -> str:
    """Why a year is met by a CDA or YDC credential: "the CDA credential of 5/1/2025
    counts as the full requirement of 2025 (it makes up no earlier year)"."""
    year = credential.completed_on.year
    return (
        f"{credential.title} ({format_date_us(credential.completed_on)}) counts as the "
        f"full requirement of {year}; it makes up no hours missed in earlier years"
    )


def describe_verdict(
    entry: TrainingEntry,
    verdict: Verdict,
    entries_by_id: Mapping[int, TrainingEntry],
    staff_names: Mapping[int, str] | None = None,
    *,
    report_on: date | None = None,
) -> list[str]:
    """Specific sentences for an entry's verdict: each denial reason first (e.g.
    "overlaps Safe Sleep 9:00-10:00 AM on 3/4/2025", "in ratio with children: no
    credit", "repeats CPR within 12 months of 5/10/2024"), then each warning.

    ``entries_by_id`` must hold the entries the verdict refers to (overlaps_with,
    repeat_of); a missing one is named by its id rather than left out.
    """
    return describe_reasons(entry, verdict, entries_by_id) + describe_warnings(
        entry, verdict, entries_by_id, staff_names, report_on=report_on
    )


def first_credited_date(
    verdict: Verdict, entries_by_id: Mapping[int, TrainingEntry]
) -> date | None:
    """For an entry denied only because it repeats a course within 12 months: the
    first day on which the same course would earn credit again (the earlier
    completion plus 12 months). None for any other verdict: a denial for another
    reason would not end by choosing a later day (or, for an overlap, depends on that
    day's other sittings)."""
    if verdict.reasons != (Reason.REPEAT_WITHIN_12_MONTHS,) or verdict.repeat_of is None:
        return None
    earlier = entries_by_id.get(verdict.repeat_of)
    return None if earlier is None else repeat_cleared_on(earlier)


def describe_planned(
    entry: TrainingEntry,
    verdict: Verdict,
    entries_by_id: Mapping[int, TrainingEntry],
) -> str:
    """What the engine says of a planned entry, checked as if completed: "would be
    credited", or "would be denied: repeats Safe Sleep within 12 months of 3/4/2026;
    first credited date 3/4/2027" (the date only when a later day would cure it,
    see ``first_credited_date``)."""
    if verdict.credited:
        return "would be credited"
    text = "would be denied: " + "; ".join(describe_reasons(entry, verdict, entries_by_id))
    first = first_credited_date(verdict, entries_by_id)
    if first is not None:
        text += f"; first credited date {format_date_us(first)}"
    return text
