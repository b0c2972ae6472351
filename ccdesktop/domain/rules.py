"""The denial reasons and entry warnings of RULES.md sections 3 and 4.

Each rule is one function named after it. ``evaluate_entries`` runs them all over a
center's entries and returns one ``Verdict`` per entry. Rules that compare entries
(overlap, repeat) sort each person's entries once and sweep, so the work grows as
n log n, never as all pairs.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time
from functools import lru_cache
from itertools import islice
from operator import attrgetter, le

from .codes import Reason, WarningCode
from .dates import add_months, minutes
from .hours import Hundredths
from .memo import Memo
from .records import Format, Setting, TrainingEntry, frozen_builder

#: twelve months, as RULES.md counts them for repeats and the e-learning window
WINDOW_MONTHS = 12


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

    @property
    def credited(self) -> bool:
        return not self.reasons


# --- single-entry rules -------------------------------------------------------------


def is_in_ratio(entry: TrainingEntry) -> bool:
    """IN_RATIO: clock hours cannot be earned while in ratio with children (fact 4)."""
    return entry.in_ratio


def is_online_group(entry: TrainingEntry) -> bool:
    """ONLINE_GROUP: online modules cannot be used for group training (fact 5)."""
    return entry.format is Format.ONLINE_MODULE and entry.setting is Setting.GROUP


def is_outside_elearning_window(entry: TrainingEntry) -> bool:
    """ELEARNING_WINDOW: an online module completed after enrolled_on + 12 months
    (fact 6). Completing on exactly that date is in time."""
    return (
        entry.format is Format.ONLINE_MODULE
        and entry.enrolled_on is not None
        and entry.completed_on > add_months(entry.enrolled_on, WINDOW_MONTHS)
    )


def is_not_approved(entry: TrainingEntry) -> bool:
    """NOT_APPROVED: not DESE-approved / not on the MOPD report (facts 3, 7, 9)."""
    return not entry.approved


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


def find_overlaps(entries: Iterable[TrainingEntry]) -> dict[int, set[int]]:
    """OVERLAP (fact 8): for each entry whose sitting overlaps another sitting of the
    same staff member by more than zero minutes, the ids of those it overlaps.

    Intervals are half-open, so 9:00-10:00 and 10:00-11:00 do not overlap. Entries
    without both times never overlap.
    """
    by_staff_day: dict[tuple[int, object], list[tuple[int, int, int]]] = defaultdict(list)
    for entry in entries:
        if entry.start_time is None or entry.end_time is None:
            continue
        assert entry.id is not None, "the engine needs saved entries (or provisional ids)"
        by_staff_day[(entry.staff_id, entry.completed_on)].append(
            (minutes(entry.start_time), minutes(entry.end_time), entry.id)
        )

    overlaps: dict[int, set[int]] = {}
    for sittings in by_staff_day.values():
        if len(sittings) > 1:
            _sweep(sittings, overlaps)
    return overlaps


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


def find_repeats(entries: Iterable[TrainingEntry]) -> dict[int, int]:
    """REPEAT_WITHIN_12_MONTHS (fact 6): for each entry completed before an earlier
    completion of the same course plus 12 months, the id of the latest such earlier
    completion. Every earlier completion counts, credited or not.

    Same course: equal course_id when both entries have one, else equal normalised
    titles. Because "plus 12 months" only grows with the date, the latest earlier
    completion of the same course decides; the walk keeps it per course id and per
    title, so each entry costs a few dictionary look-ups.
    """
    by_staff: dict[int, list[TrainingEntry]] = defaultdict(list)
    for entry in entries:
        by_staff[entry.staff_id].append(entry)

    repeats: dict[int, int] = {}
    for staff_entries in by_staff.values():
        staff_entries.sort(key=completion_order_key)
        last_by_course_id: dict[str, TrainingEntry] = {}
        last_by_title_without_id: dict[str, TrainingEntry] = {}
        last_by_title: dict[str, TrainingEntry] = {}
        for entry in staff_entries:
            title = normalise_title(entry.title)
            course_id = entry.course_id.strip() if entry.course_id else None
            candidates: list[TrainingEntry] = []
            if course_id:
                if course_id in last_by_course_id:
                    candidates.append(last_by_course_id[course_id])
                if title in last_by_title_without_id:
                    candidates.append(last_by_title_without_id[title])
            elif title in last_by_title:
                candidates.append(last_by_title[title])
            if candidates:
                earlier = max(candidates, key=completion_order_key)
                if entry.completed_on < add_months(earlier.completed_on, WINDOW_MONTHS):
                    assert entry.id is not None and earlier.id is not None
                    repeats[entry.id] = earlier.id
            if course_id:
                last_by_course_id[course_id] = entry
            else:
                last_by_title_without_id[title] = entry
            last_by_title[title] = entry
    return repeats


_NO_WARNINGS: tuple[WarningCode, ...] = ()
_MISSING_TIMES: tuple[WarningCode, ...] = (WarningCode.MISSING_TIMES,)
_HOURS_EXCEED_SITTING: tuple[WarningCode, ...] = (WarningCode.HOURS_EXCEED_SITTING,)

#: the verdicts most entries get; a Verdict is a value, so equal ones are shared
CLEAN = Verdict()
_CLEAN_MISSING_TIMES = Verdict(warnings=_MISSING_TIMES)
_CLEAN_HOURS_EXCEED_SITTING = Verdict(warnings=_HOURS_EXCEED_SITTING)

_build_verdict = frozen_builder(Verdict)


_completed_on = attrgetter("completed_on")


def _a_year_later(day: date) -> date:
    return add_months(day, WINDOW_MONTHS)


def _stripped(course_id: str) -> str:
    return course_id.strip()


_NEEDS_IDS = "the engine needs saved entries (or provisional ids)"


def in_completion_order(entries: Sequence[TrainingEntry]) -> list[TrainingEntry]:
    """``entries`` sorted by ``completion_order_key``. The store loads entries in that
    order already, so the usual case is one pass of comparisons and no sort."""
    keys = [(e.completed_on, e.start_time is None, e.start_time, e.id) for e in entries]
    try:
        if all(map(le, keys, islice(keys, 1, None))):
            return list(entries)
        order = sorted(range(len(keys)), key=keys.__getitem__)
    except TypeError:  # an id of None met an int: the walk would refuse it anyway
        if any(key[3] is None for key in keys):
            raise ValueError(_NEEDS_IDS) from None
        raise
    return [entries[index] for index in order]


def evaluate_entries(entries: Sequence[TrainingEntry]) -> dict[int, Verdict]:
    """Every rule of sections 3 and 4 for every entry, keyed by entry id.

    ``entries`` should be all of a center's entries (all years): a repeat or an
    overlap needs the other entries to be seen.
    """
    return evaluate_in_order(entries).verdicts


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The engine's verdicts, and what the walk that reached them saw on the way."""

    #: every entry, in completion order (``completion_order_key``)
    ordered: list[TrainingEntry]
    #: the verdict of every entry, by entry id
    verdicts: dict[int, Verdict]
    #: by staff id, that person's entries in completion order and their verdicts in
    #: the same order
    by_staff: dict[int, tuple[list[TrainingEntry], list[Verdict]]]
    #: by staff id, the clock hours of that person's credited entries, year by year
    credited_hours: dict[int, dict[int, Hundredths]]
    #: every entry by id
    entries_by_id: dict[int, TrainingEntry]


def evaluate_in_order(entries: Sequence[TrainingEntry]) -> Evaluation:
    """``evaluate_entries``, with the entries in completion order overall and per
    staff member (the audit needs that order too, so it is established once), and the
    credited hours of each year that the audit's ledger starts from.

    The rules are those of the functions above, applied in one walk per staff member
    (they are also what the tests check one by one, and a property test keeps the two
    equal): a call per rule per entry was most of the engine's time on 100,000
    entries, and each extra pass over 100,000 records costs more in memory traffic
    than its work. Most entries break no rule; they share one ``Verdict`` value.
    """
    ordered = in_completion_order(entries)
    # each person's entries, still in completion order
    by_staff: defaultdict[int, list[TrainingEntry]] = defaultdict(list)
    for entry in ordered:
        by_staff[entry.staff_id].append(entry)

    minute_of: Memo[time, int] = Memo(minutes)
    a_year_later: Memo[date, date] = Memo(_a_year_later)
    title_of: Memo[str, str] = Memo(normalise_title)
    course_of: Memo[str, str] = Memo(_stripped)
    online_module = Format.ONLINE_MODULE
    group_setting = Setting.GROUP
    build = _build_verdict
    clean, clean_missing, clean_exceed = (
        CLEAN,
        _CLEAN_MISSING_TIMES,
        _CLEAN_HOURS_EXCEED_SITTING,
    )
    verdicts: dict[int, Verdict] = {}
    entries_by_id: dict[int, TrainingEntry] = {}
    result: dict[int, tuple[list[TrainingEntry], list[Verdict]]] = {}
    credited_hours: dict[int, dict[int, Hundredths]] = {}
    no_overlaps: dict[int, set[int]] = {}
    for staff_id, group in by_staff.items():
        group_verdicts: list[Verdict] = []
        result[staff_id] = (group, group_verdicts)
        hours_by_year: dict[int, Hundredths] = {}
        credited_hours[staff_id] = hours_by_year
        # two sittings can only overlap on one day
        days = len(set(map(_completed_on, group)))
        overlaps = no_overlaps if days == len(group) else _overlaps_in_order(group)
        # find_repeats, walking in completion order: the latest earlier completion of
        # the same course is the one seen last, so the last one kept stands in for
        # max(..., key=completion_order_key).
        last_by_course_id: dict[str, TrainingEntry] = {}
        last_by_title_without_id: dict[str, TrainingEntry] = {}
        last_by_title: dict[str, TrainingEntry] = {}
        hours_year, hours = 0, 0  # the credited hours of one year, as they are added up
        for entry in group:
            entry_id = entry.id
            if entry_id is None:
                raise ValueError(_NEEDS_IDS)
            completed_on = entry.completed_on
            title = title_of[entry.title]
            course_id = entry.course_id
            if course_id:
                course_id = course_of[course_id]
            if course_id:
                earlier = last_by_course_id.get(course_id)
                other = last_by_title_without_id.get(title)
                if other is not None and (
                    earlier is None or completion_order_key(other) > completion_order_key(earlier)
                ):
                    earlier = other
                last_by_course_id[course_id] = entry
            else:
                earlier = last_by_title.get(title)
                last_by_title_without_id[title] = entry
            last_by_title[title] = entry

            repeat_of = None
            if earlier is not None and completed_on < a_year_later[earlier.completed_on]:
                repeat_of = earlier.id
            online = entry.format is online_module
            overlapping = overlaps.get(entry_id) if overlaps else None
            online_group = online and entry.setting is group_setting
            late = (
                online
                and entry.enrolled_on is not None
                and completed_on > a_year_later[entry.enrolled_on]
            )
            start = entry.start_time
            end = entry.end_time
            if start is None or end is None:
                warnings = _MISSING_TIMES
            elif entry.clock_hours * 60 > (minute_of[end] - minute_of[start]) * 100:
                warnings = _HOURS_EXCEED_SITTING  # as hours_exceed_sitting()
            else:
                warnings = _NO_WARNINGS
            if (
                overlapping is None
                and repeat_of is None
                and entry.approved
                and not entry.in_ratio
                and not online_group
                and not late
            ):
                if warnings is _NO_WARNINGS:
                    verdict = clean
                elif warnings is _MISSING_TIMES:
                    verdict = clean_missing
                else:
                    verdict = clean_exceed
                if completed_on.year == hours_year:  # years come in order
                    hours += entry.clock_hours
                else:
                    if hours_year:
                        hours_by_year[hours_year] = hours
                    hours_year = completed_on.year
                    hours = entry.clock_hours
            else:
                found: list[Reason] = []  # appended in table order (REASON_ORDER)
                if overlapping is not None:
                    found.append(Reason.OVERLAP)
                if entry.in_ratio:
                    found.append(Reason.IN_RATIO)
                if online_group:
                    found.append(Reason.ONLINE_GROUP)
                if repeat_of is not None:
                    found.append(Reason.REPEAT_WITHIN_12_MONTHS)
                if late:
                    found.append(Reason.ELEARNING_WINDOW)
                if not entry.approved:
                    found.append(Reason.NOT_APPROVED)
                verdict = build(
                    tuple(found),
                    warnings,
                    () if overlapping is None else tuple(sorted(overlapping)),
                    repeat_of,
                )
            verdicts[entry_id] = verdict
            entries_by_id[entry_id] = entry
            group_verdicts.append(verdict)
        if hours_year:
            hours_by_year[hours_year] = hours
    return Evaluation(ordered, verdicts, result, credited_hours, entries_by_id)


def _overlaps_in_order(group: list[TrainingEntry]) -> dict[int, set[int]]:
    """``find_overlaps`` for one staff member's entries in completion order: each
    day's entries are together, so only days with two or more timed sittings sweep."""
    overlaps: dict[int, set[int]] = {}
    day: date | None = None
    sittings: list[tuple[int, int, int]] = []
    for entry in group:
        if entry.completed_on != day:
            if len(sittings) > 1:
                _sweep(sittings, overlaps)
            day = entry.completed_on
            sittings = []
        start, end = entry.start_time, entry.end_time
        if start is not None and end is not None:
            sittings.append((minutes(start), minutes(end), entry.id))  # type: ignore[arg-type]
    if len(sittings) > 1:
        _sweep(sittings, overlaps)
    return overlaps


def _sweep(sittings: list[tuple[int, int, int]], overlaps: dict[int, set[int]]) -> None:
    """One day's sittings (start, end, id) of one person: sweep in start order keeping
    the sittings still open. Each sitting overlaps exactly those open sittings that
    end after it starts."""
    sittings.sort()
    open_sittings: list[tuple[int, int]] = []  # (end, id)
    for start, end, entry_id in sittings:
        open_sittings = [(e, i) for e, i in open_sittings if e > start]
        for _, other_id in open_sittings:
            overlaps.setdefault(entry_id, set()).add(other_id)
            overlaps.setdefault(other_id, set()).add(entry_id)
        open_sittings.append((end, entry_id))
