"""The denial reasons and entry warnings of RULES.md sections 3 and 4.

Each rule is one function named after it, and ``judge`` asks them all of one entry;
``evaluate_entries`` runs them over a center's (or a person's) entries and returns one
``Verdict`` per entry. Rules that compare entries (overlap, repeat) sort each person's
entries once and sweep, so the work grows as n log n, never as all pairs.

Issue 14 adds three rules of the older guidance and one of the MOPD report (the
Decisions are stated at each function):

- ``TRAINER_OWN_SESSION`` (denial): ``is_trainer_own_session``;
- ``LIKELY_GROUP_USE`` (warning): ``find_likely_group_use``. It links *different*
  people, so it cannot be found by judging each person alone: the audit runs it over
  the whole center after the person-by-person walk and merges its warnings in
  (``with_center_warnings``). The people it links must be judged again together: a
  change to one person's sitting can add or take away the warning of another's;
- ``NOT_ON_MOPD_REPORT`` (warning): ``is_not_on_mopd_report``, which depends on the
  center's report date, so it is merged in by the same center-wide pass;
- a CDA or YDC credential counts as the year's full requirement:
  ``is_full_year_credential`` (the ledger applies it).

A credential entry (``EntryKind.CREDENTIAL``: a CDA, a CPR card) is not a sitting of a
training: no rule of sections 3 and 4 applies to it, it overlaps and repeats nothing,
and it earns no clock hours of its own (``validate_entry`` refuses hours on one).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .codes import WARNING_ORDER, Reason, WarningCode
from .dates import add_months, minutes
from .records import EntryKind, Format, Setting, TrainingEntry

#: twelve months, as RULES.md counts them for repeats and the e-learning window
WINDOW_MONTHS = 12

# The members the rules compare every entry with. Reading a member through its enum
# class (``Format.ONLINE_MODULE``) costs ~120 ns, ten times a module name: over a
# center's entries that is milliseconds for nothing.
_TRAINING = EntryKind.TRAINING
_ONLINE_MODULE = Format.ONLINE_MODULE
_GROUP = Setting.GROUP


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the engine says of one entry (a value: entries judged alike share one).
    The audit pairs it with its entry (``EntryResult``) or keys it by the entry's id."""

    reasons: tuple[Reason, ...] = ()
    warnings: tuple[WarningCode, ...] = ()
    #: ids of the entries whose sittings overlap this one (OVERLAP)
    overlaps_with: tuple[int, ...] = ()
    #: id of the latest earlier completion of the same course within 12 months
    repeat_of: int | None = None
    #: ids of other staff members' sittings of the same online module at overlapping
    #: times (LIKELY_GROUP_USE)
    group_use_with: tuple[int, ...] = ()

    @property
    def credited(self) -> bool:
        return not self.reasons


# --- single-entry rules -------------------------------------------------------------


def is_in_ratio(entry: TrainingEntry) -> bool:
    """IN_RATIO: clock hours cannot be earned while in ratio with children (fact 4)."""
    return entry.in_ratio


def is_online_group(entry: TrainingEntry) -> bool:
    """ONLINE_GROUP: online modules cannot be used for group training (fact 5)."""
    return is_online_group_setting(entry.format, entry.setting)


def is_online_group_setting(format: Format, setting: Setting) -> bool:
    """ONLINE_GROUP of a format and a setting alone: what a form asks before it holds
    a whole entry (an entry for several people at once is group training)."""
    return format is _ONLINE_MODULE and setting is _GROUP


def is_outside_elearning_window(entry: TrainingEntry) -> bool:
    """ELEARNING_WINDOW: an online module completed after enrolled_on + 12 months
    (fact 6). Completing on exactly that date is in time."""
    return (
        entry.format is _ONLINE_MODULE
        and entry.enrolled_on is not None
        and entry.completed_on > add_months(entry.enrolled_on, WINDOW_MONTHS)
    )


def repeat_cleared_on(earlier: TrainingEntry) -> date:
    """The first day on which completing the same course as ``earlier`` is no longer a
    repeat of it (REPEAT_WITHIN_12_MONTHS): its completion date plus 12 months; that
    day itself earns credit again."""
    return add_months(earlier.completed_on, WINDOW_MONTHS)


def is_not_approved(entry: TrainingEntry) -> bool:
    """NOT_APPROVED: not DESE-approved / not on the MOPD report (facts 3, 7, 9)."""
    return not entry.approved


def is_trainer_own_session(entry: TrainingEntry) -> bool:
    """TRAINER_OWN_SESSION: a trainer earns no clock hours for a session they
    conducted (the older clock-hour guidance). **Decision**: the entry's own
    ``as_trainer`` says so; the app does not guess it from the provider's name."""
    return entry.as_trainer


def is_credential(entry: TrainingEntry) -> bool:
    """A credential earned or renewed (a CDA, a CPR card), not a sitting of a training."""
    return entry.kind is EntryKind.CREDENTIAL


#: the words of a title that name a CDA or a YDC, as normalised titles (whole words)
_FULL_YEAR_CREDENTIAL_NAMES = (
    "cda",
    "child development associate",
    "ydc",
    "youth development credential",
)


def is_full_year_credential(entry: TrainingEntry) -> bool:
    """A CDA (Child Development Associate) or YDC (Youth Development Credential) earned
    or renewed: it counts as the full yearly requirement (the older guidance).

    **Decision**: a *credential* entry (a training titled "CDA preparation" is a
    training) whose normalised title contains "CDA", "Child Development Associate",
    "YDC" or "Youth Development Credential" as whole words ("CDA renewal", "Child
    Development Associate (CDA) Credential"; not "CDAX"). What it counts for is the
    ledger's to say (``ledger.walk_ledger``)."""
    if entry.kind is not EntryKind.CREDENTIAL:
        return False
    padded = f" {normalise_title(entry.title)} "
    return any(f" {name} " in padded for name in _FULL_YEAR_CREDENTIAL_NAMES)


def is_not_on_mopd_report(entry: TrainingEntry, report_on: date | None) -> bool:
    """NOT_ON_MOPD_REPORT warning (fact 9: all completed training must be on the MOPD
    training report, and the inspector counts only what is on it).

    **Decision**: once a MOPD report dated ``report_on`` has been compared and applied
    (``Center.mopd_report_on``), a training completed on or before that date that was
    not found on it (``entry.mopd_report_on`` is None: applying a comparison sets it on
    every entry found and clears it on every entry of those dates not found) is
    warned. A training completed after the report's date is not: the report could not
    list it yet. Credentials are not on the MOPD training report and are never warned.
    """
    return (
        report_on is not None
        and entry.kind is EntryKind.TRAINING
        and entry.completed_on <= report_on
        and entry.mopd_report_on is None
    )


def has_missing_times(entry: TrainingEntry) -> bool:
    """MISSING_TIMES warning: without both times overlap cannot be checked."""
    return entry.start_time is None or entry.end_time is None


def hours_exceed_sitting(entry: TrainingEntry) -> bool:
    """HOURS_EXCEED_SITTING warning: clock_hours more than end - start."""
    if entry.start_time is None or entry.end_time is None:
        return False
    sitting_minutes = minutes(entry.end_time) - minutes(entry.start_time)
    # clock_hours is in hundredths of an hour: compare hundredths*60 with minutes*100
    return entry.clock_hours * 60 > sitting_minutes * 100


# --- rules across entries -----------------------------------------------------------


def find_overlaps(ordered: Iterable[TrainingEntry]) -> dict[int, set[int]]:
    """OVERLAP (fact 8): for each entry whose sitting overlaps another sitting of the
    same staff member by more than zero minutes, the ids of those it overlaps.

    Intervals are half-open, so 9:00-10:00 and 10:00-11:00 do not overlap. Entries
    without both times never overlap.

    ``ordered``: entries in completion order (``in_completion_order``), of one person
    or several. Then each person's sittings of one day come one after another, in
    start order, and only a day with more than one is swept.
    """
    overlaps: dict[int, set[int]] = {}
    for staff_entries in _by_staff(ordered).values():
        day: list[TrainingEntry] = []  # the sittings of the day being walked
        for entry in staff_entries:
            if entry.start_time is None or entry.end_time is None or entry.kind is not _TRAINING:
                continue
            if day and day[0].completed_on != entry.completed_on:
                if len(day) > 1:
                    _sweep(day, overlaps)
                day = []
            day.append(entry)
        if len(day) > 1:
            _sweep(day, overlaps)
    return overlaps


def _by_staff(entries: Iterable[TrainingEntry]) -> dict[int, list[TrainingEntry]]:
    """``entries`` by staff id, each person's in the order they come."""
    by_staff: dict[int, list[TrainingEntry]] = defaultdict(list)
    for entry in entries:
        by_staff[entry.staff_id].append(entry)
    return by_staff


_NEEDS_IDS = "the engine needs saved entries (or provisional ids)"

_PUNCTUATION = re.compile(r"[\W_]+", re.UNICODE)


@lru_cache(maxsize=8192)  # a center has a few hundred distinct titles over 100,000 entries
def normalise_title(title: str) -> str:
    """Case-fold, make each punctuation mark a space, collapse white space, trim:
    ``Safe-Sleep  basics.`` and ``safe sleep Basics`` are the same course."""
    folded = unicodedata.normalize("NFC", title).casefold()
    return " ".join(_PUNCTUATION.sub(" ", folded).split())


def completion_order_key(entry: TrainingEntry) -> tuple[object, ...]:
    """Earlier completions first. On the same day the earlier start time is earlier;
    an entry without a start time comes after those with one; then the lower id.
    (Two start times are compared only when both exist: the flag before them decides
    otherwise.)"""
    start = entry.start_time
    return (entry.completed_on, start is None, start, entry.id)


def find_repeats(ordered: Iterable[TrainingEntry]) -> dict[int, int]:
    """REPEAT_WITHIN_12_MONTHS (fact 6): for each entry completed before an earlier
    completion of the same course plus 12 months, the id of the latest such earlier
    completion. Every earlier completion counts, credited or not.

    ``ordered``: entries in completion order (``in_completion_order``; the engine
    sorts each person's once for every rule), of one person or several.

    Same course: equal course_id when both entries have one, else equal normalised
    titles. Credentials take no part. Because "plus 12 months" only grows with the
    date, the latest earlier completion of the same course decides; the walk keeps it
    per course id and per title, so each entry costs a few dictionary look-ups.
    """
    repeats: dict[int, int] = {}
    for staff_entries in _by_staff(ordered).values():
        # the latest completion so far, as its place in staff_entries (-1: none): of
        # each course id, of each title among those without one, and of each title
        last_of_course_id: dict[str, int] = {}
        last_of_title_without_id: dict[str, int] = {}
        last_of_title: dict[str, int] = {}
        for place, entry in enumerate(staff_entries):
            if entry.kind is not _TRAINING:  # a credential repeats nothing
                continue
            title = normalise_title(entry.title)
            course_id = entry.course_id.strip() if entry.course_id else None
            if course_id:
                earlier = max(
                    last_of_course_id.get(course_id, -1), last_of_title_without_id.get(title, -1)
                )
                last_of_course_id[course_id] = place
            else:
                earlier = last_of_title.get(title, -1)
                last_of_title_without_id[title] = place
            last_of_title[title] = place
            if earlier >= 0:
                before = staff_entries[earlier]
                if entry.completed_on < repeat_cleared_on(before):
                    assert entry.id is not None and before.id is not None, _NEEDS_IDS
                    repeats[entry.id] = before.id
    return repeats


#: the verdict of an entry that breaks no rule and has no warning
CLEAN = Verdict()


def in_completion_order(entries: Iterable[TrainingEntry]) -> list[TrainingEntry]:
    """``entries`` sorted by ``completion_order_key`` (each id is needed for the last
    tie-break, so an unsaved entry is refused)."""
    listed = list(entries)
    if any(entry.id is None for entry in listed):
        raise ValueError(_NEEDS_IDS)
    listed.sort(key=completion_order_key)
    return listed


def judge(entry: TrainingEntry, overlaps_with: Collection[int], repeat_of: int | None) -> Verdict:
    """The verdict of one entry: every rule of sections 3 and 4, in table order.

    The rules across entries are given as what they found for this entry (the ids of
    the sittings it overlaps, the earlier completion it repeats); every other rule is
    asked here. A credential is not a sitting: no rule applies to it.
    """
    if entry.kind is not _TRAINING:
        return CLEAN
    reasons: list[Reason] = []
    if overlaps_with:
        reasons.append(Reason.OVERLAP)
    if is_in_ratio(entry):
        reasons.append(Reason.IN_RATIO)
    if is_online_group(entry):
        reasons.append(Reason.ONLINE_GROUP)
    if repeat_of is not None:
        reasons.append(Reason.REPEAT_WITHIN_12_MONTHS)
    if is_outside_elearning_window(entry):
        reasons.append(Reason.ELEARNING_WINDOW)
    if is_not_approved(entry):
        reasons.append(Reason.NOT_APPROVED)
    if is_trainer_own_session(entry):
        reasons.append(Reason.TRAINER_OWN_SESSION)
    warnings: list[WarningCode] = []
    if has_missing_times(entry):
        warnings.append(WarningCode.MISSING_TIMES)
    if hours_exceed_sitting(entry):
        warnings.append(WarningCode.HOURS_EXCEED_SITTING)
    if not reasons and not warnings:
        return CLEAN
    overlapping = tuple(sorted(overlaps_with)) if overlaps_with else ()
    return Verdict(tuple(reasons), tuple(warnings), overlapping, repeat_of)


def evaluate_in_order(ordered: Sequence[TrainingEntry]) -> list[Verdict]:
    """The verdicts of entries already in completion order, in that order."""
    overlaps = find_overlaps(ordered)
    repeats = find_repeats(ordered)
    return [
        judge(entry, overlaps.get(entry.id, ()), repeats.get(entry.id))  # type: ignore[arg-type]
        for entry in ordered
    ]


def evaluate_entries(entries: Iterable[TrainingEntry]) -> dict[int, Verdict]:
    """Every rule of sections 3 and 4 for every entry, keyed by entry id.

    ``entries`` should be all of a center's entries (all years), or all of one
    person's: a repeat or an overlap needs the person's other entries to be seen.
    """
    ordered = in_completion_order(entries)
    return {
        entry.id: verdict  # type: ignore[misc]
        for entry, verdict in zip(ordered, evaluate_in_order(ordered), strict=True)
    }


# --- rules across people (merged in by the audit's center-wide pass) -----------------


def find_likely_group_use(entries: Iterable[TrainingEntry]) -> dict[int, set[int]]:
    """LIKELY_GROUP_USE warning (fact 5: online modules cannot be used for group
    training): for each online-module sitting that overlaps a sitting of the same
    online module by another staff member, the ids of those other sittings.

    **Decisions**: only training entries of format ``online_module`` with both times
    take part (without times the sittings cannot be compared; they carry
    MISSING_TIMES); same course as for repeats (equal course IDs when both have one,
    else equal normalised titles); the same day, and the sittings overlap by more than
    zero minutes (half-open, as OVERLAP: 9:00-10:00 and 10:00-11:00 do not); two or
    more staff (one person's own overlapping sittings are OVERLAP, not this). Every
    sitting of such a group is warned, whatever its setting or its other reasons.
    The sittings are grouped by day, each day's by course, and swept in start order,
    so the work grows with the online sittings of each day and course, not with all
    pairs.
    """
    by_day: dict[date, list[TrainingEntry]] = defaultdict(list)
    for entry in entries:
        if (
            entry.format is _ONLINE_MODULE
            and entry.start_time is not None
            and entry.end_time is not None
            and entry.kind is _TRAINING
        ):
            by_day[entry.completed_on].append(entry)
    found: dict[int, set[int]] = {}
    for sittings in by_day.values():
        if len(sittings) > 1:  # most days of a center have one online sitting or none
            _group_use_of_day(sittings, found)
    return found


def _group_use_of_day(entries: list[TrainingEntry], found: dict[int, set[int]]) -> None:
    """``find_likely_group_use`` of one day's online sittings, put into ``found``."""
    # each sitting as (start minute, end minute, staff id, entry id, has a course ID):
    # tuples sort and compare in C
    Sitting = tuple[int, int, int, int, bool]
    by_course_id: dict[str, list[Sitting]] = defaultdict(list)
    by_title: dict[str, list[Sitting]] = defaultdict(list)
    for entry in entries:
        assert entry.start_time is not None and entry.end_time is not None
        assert entry.id is not None, _NEEDS_IDS
        course_id = entry.course_id.strip() if entry.course_id else None
        sitting = (
            minutes(entry.start_time),
            minutes(entry.end_time),
            entry.staff_id,
            entry.id,
            bool(course_id),
        )
        if course_id:
            by_course_id[course_id].append(sitting)
        by_title[normalise_title(entry.title)].append(sitting)
    for group in by_course_id.values():
        if len(group) > 1:
            _sweep_people(group, found, by_title=False)
    for group in by_title.values():
        # equal titles are the same course unless both have (different) course IDs
        # (equal course IDs were paired above): only a group with a sitting without a
        # course ID can pair anything
        if len(group) > 1 and not all(sitting[4] for sitting in group):
            _sweep_people(group, found, by_title=True)


def _sweep_people(
    sittings: list[tuple[int, int, int, int, bool]],
    found: dict[int, set[int]],
    *,
    by_title: bool,
) -> None:
    """Pair the overlapping sittings of different people among one day's sittings of
    one course (``by_title``: of one title, where two with course IDs are not paired).
    In start order, each sitting is compared with those that start before it ends."""
    sittings.sort()
    count = len(sittings)
    for index, (_start, end, staff_id, entry_id, has_id) in enumerate(sittings):
        later = index + 1
        while later < count and sittings[later][0] < end:
            other = sittings[later]
            later += 1
            if other[2] == staff_id or (by_title and has_id and other[4]):
                continue
            mine = found.get(entry_id)
            if mine is None:
                mine = found[entry_id] = set()
            mine.add(other[3])
            theirs = found.get(other[3])
            if theirs is None:
                theirs = found[other[3]] = set()
            theirs.add(entry_id)


#: the warnings a verdict ends with, by (its warnings, group use, not on the report):
#: a center has a handful of distinct warning sets
_MERGED_WARNINGS: dict[tuple[tuple[WarningCode, ...], bool, bool], tuple[WarningCode, ...]] = {}
_CENTER_CODES = (WarningCode.LIKELY_GROUP_USE, WarningCode.NOT_ON_MOPD_REPORT)


def with_center_warnings(
    verdict: Verdict, group_use_with: Iterable[int], not_on_report: bool
) -> Verdict:
    """``verdict`` with the warnings of the rules across people put in (or taken out),
    in table order: what the person-by-person walk could not see. Never changes
    credit."""
    others = tuple(sorted(group_use_with))
    key = (verdict.warnings, bool(others), not_on_report)
    warnings = _MERGED_WARNINGS.get(key)
    if warnings is None:
        codes = {code for code in verdict.warnings if code not in _CENTER_CODES}
        if others:
            codes.add(WarningCode.LIKELY_GROUP_USE)
        if not_on_report:
            codes.add(WarningCode.NOT_ON_MOPD_REPORT)
        warnings = _MERGED_WARNINGS[key] = tuple(sorted(codes, key=WARNING_ORDER.__getitem__))
    if warnings == verdict.warnings and others == verdict.group_use_with:
        return verdict
    if not verdict.reasons and not warnings:
        return CLEAN
    return Verdict(verdict.reasons, warnings, verdict.overlaps_with, verdict.repeat_of, others)


def _sweep(day: list[TrainingEntry], overlaps: dict[int, set[int]]) -> None:
    """One person's sittings of one day, in start order: sweep keeping the sittings
    still open. Each sitting overlaps exactly those open sittings that end after it
    starts."""
    open_sittings: list[tuple[int, int]] = []  # (end minute, id)
    for entry in day:
        assert entry.start_time is not None and entry.end_time is not None
        assert entry.id is not None, _NEEDS_IDS
        start = minutes(entry.start_time)
        open_sittings = [(end, other) for end, other in open_sittings if end > start]
        for _, other in open_sittings:
            overlaps.setdefault(entry.id, set()).add(other)
            overlaps.setdefault(other, set()).add(entry.id)
        open_sittings.append((minutes(entry.end_time), entry.id))
