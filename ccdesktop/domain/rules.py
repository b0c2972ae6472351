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
from functools import lru_cache

from .codes import REASON_ORDER, Reason, WarningCode
from .dates import add_months, minutes
from .records import Format, Setting, TrainingEntry

#: twelve months, as RULES.md counts them for repeats and the e-learning window
WINDOW_MONTHS = 12


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the engine says of one entry."""

    entry_id: int
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

    overlaps: dict[int, set[int]] = defaultdict(set)
    for sittings in by_staff_day.values():
        if len(sittings) < 2:
            continue
        sittings.sort()
        # Sweep in start order keeping the sittings still open. Each sitting overlaps
        # exactly those open sittings that end after it starts.
        open_sittings: list[tuple[int, int]] = []  # (end, id)
        for start, end, entry_id in sittings:
            open_sittings = [(e, i) for e, i in open_sittings if e > start]
            for _, other_id in open_sittings:
                overlaps[entry_id].add(other_id)
                overlaps[other_id].add(entry_id)
            open_sittings.append((end, entry_id))
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
    an entry without a start time comes after those with one; then the lower id."""
    no_start = entry.start_time is None
    start = -1 if entry.start_time is None else minutes(entry.start_time)
    return (entry.completed_on, no_start, start, entry.id)


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


def evaluate_entries(entries: Sequence[TrainingEntry]) -> dict[int, Verdict]:
    """Every rule of sections 3 and 4 for every entry, keyed by entry id.

    ``entries`` should be all of a center's entries (all years): a repeat or an
    overlap needs the other entries to be seen.
    """
    overlaps = find_overlaps(entries)
    repeats = find_repeats(entries)
    verdicts: dict[int, Verdict] = {}
    for entry in entries:
        assert entry.id is not None, "the engine needs saved entries (or provisional ids)"
        reasons: list[Reason] = []
        if entry.id in overlaps:
            reasons.append(Reason.OVERLAP)
        if is_in_ratio(entry):
            reasons.append(Reason.IN_RATIO)
        if is_online_group(entry):
            reasons.append(Reason.ONLINE_GROUP)
        if entry.id in repeats:
            reasons.append(Reason.REPEAT_WITHIN_12_MONTHS)
        if is_outside_elearning_window(entry):
            reasons.append(Reason.ELEARNING_WINDOW)
        if is_not_approved(entry):
            reasons.append(Reason.NOT_APPROVED)
        reasons.sort(key=REASON_ORDER.__getitem__)
        warnings: list[WarningCode] = []
        if has_missing_times(entry):
            warnings.append(WarningCode.MISSING_TIMES)
        if hours_exceed_sitting(entry):
            warnings.append(WarningCode.HOURS_EXCEED_SITTING)
        verdicts[entry.id] = Verdict(
            entry_id=entry.id,
            reasons=tuple(reasons),
            warnings=tuple(warnings),
            overlaps_with=tuple(sorted(overlaps.get(entry.id, ()))),
            repeat_of=repeats.get(entry.id),
        )
    return verdicts
