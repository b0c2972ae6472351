"""Comparing the records with the MOPD training report (issue 14; RULES.md fact 9:
the inspector counts only what is on the MOPD System training report).

Pure: rows of the report as records in, three lists out. **Decisions**:

- *Which entries are compared*: every training entry (not credentials: they are not
  on the MOPD training report) completed on or before the report's date, of every
  staff member. Entries completed after it are not: the report could not list them
  yet. (Compare a report of all staff and all dates: a report of fewer lists fewer.)
- *Same person*: the staff member with the row's MOPD ID; a row whose MOPD ID no one
  on record has is matched by first and last name (case, accents as typed, spaces
  folded) to the one staff member of that name who has no MOPD ID on record; a row
  without a MOPD ID, to the one staff member of that name.
- *Same entry*: same person, same course (equal course IDs when both have one, else
  equal normalised titles, as for repeats), same completion date and the same clock
  hours, exactly. Each entry matches at most one row and each row one entry (a course
  taken twice on one day is two rows and two entries), rows in report order, entries
  in completion order.
- *The three lists*: on both; in ccdesktop only (compared entries no row matched); on
  the MOPD report only (rows no entry matched, whatever their date).
- A ccdesktop-only entry gets a hint when an unmatched row of the same person and
  course differs only in its hours, or only in its date (by a week at most): usually
  a typing slip on one side. Such a row is not offered for import (``importable``):
  it would add the same training twice; one of the two is corrected instead.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from .dates import format_date_us
from .hours import format_hours
from .records import EntryKind, Staff, TrainingEntry
from .rules import normalise_title

#: how far apart the dates of an entry and a row may be for the "only its date
#: differs" hint
NEAR_DAYS = 7


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One row of the MOPD training report: who (by MOPD ID, or by name) and the
    training as an entry (``entry.staff_id`` 0: not resolved), with the row's number
    as the file numbers it."""

    row: int
    mopd_id: str | None
    first_name: str
    last_name: str
    entry: TrainingEntry

    @property
    def who(self) -> str:
        name = f"{self.first_name} {self.last_name}".strip()
        if name and self.mopd_id:
            return f"{name} ({self.mopd_id})"
        return name or f"MOPD ID {self.mopd_id}"


@dataclass(frozen=True, slots=True)
class Match:
    row: ReportRow
    entry: TrainingEntry


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """The three lists of a comparison with the report of ``report_on``."""

    report_on: date
    #: entries found on the report, with their rows
    on_both: tuple[Match, ...]
    #: compared entries the report does not have (the inspector will not count them)
    only_here: tuple[TrainingEntry, ...]
    #: rows of the report no entry matched
    only_on_report: tuple[ReportRow, ...]
    #: the staff member each row names, by row number (None: no one on record)
    staff_of_row: Mapping[int, Staff | None] = field(default_factory=dict)
    #: why a ccdesktop-only entry may be on the report after all, by entry id
    hints: Mapping[int, str] = field(default_factory=dict)
    #: the report-only rows those hints point at (row number -> entry id): the same
    #: training typed differently on one side, to be corrected rather than imported
    near_rows: Mapping[int, int] = field(default_factory=dict)
    #: training entries completed after the report's date (not compared)
    later: int = 0

    @property
    def importable(self) -> tuple[ReportRow, ...]:
        """The report-only rows offered for import: all but those a hint points at
        (**Decision**: importing one would add the same training a second time, typed
        differently; the entry or the report is corrected instead)."""
        return tuple(r for r in self.only_on_report if r.row not in self.near_rows)

    @property
    def marks(self) -> dict[int, date | None]:
        """What applying the comparison sets ``mopd_report_on`` to, by entry id: the
        report's date on every entry found, None on every compared entry not found."""
        marks: dict[int, date | None] = {
            m.entry.id: self.report_on  # type: ignore[misc]
            for m in self.on_both
        }
        for entry in self.only_here:
            marks[entry.id] = None  # type: ignore[index]
        return marks


def name_key(first_name: str, last_name: str) -> tuple[str, str]:
    """How people are matched by name (as the import matches them): trimmed,
    case-insensitive, NFC, single spaces."""

    def fold(text: str) -> str:
        return " ".join(unicodedata.normalize("NFC", text).casefold().split())

    return fold(first_name), fold(last_name)


def _mopd(value: str | None) -> str | None:
    return value.strip() or None if value else None


def resolve_people(staff: Sequence[Staff], rows: Iterable[ReportRow]) -> dict[int, Staff | None]:
    """The staff member each row names, by row number (see the module's Decisions)."""
    by_mopd = {m: s for s in staff if (m := _mopd(s.mopd_id))}
    by_name: dict[tuple[str, str], list[Staff]] = defaultdict(list)
    for member in staff:
        by_name[name_key(member.first_name, member.last_name)].append(member)
    found: dict[int, Staff | None] = {}
    for row in rows:
        mopd_id = _mopd(row.mopd_id)
        named = by_name.get(name_key(row.first_name, row.last_name), [])
        person: Staff | None
        if mopd_id:
            person = by_mopd.get(mopd_id)
            if person is None:
                without_id = [s for s in named if not _mopd(s.mopd_id)]
                person = without_id[0] if len(without_id) == 1 else None
        else:
            person = named[0] if len(named) == 1 else None
        found[row.row] = person
    return found


def same_course(a: TrainingEntry, b: TrainingEntry) -> bool:
    """Equal course IDs when both have one, else equal normalised titles."""
    a_id, b_id = _mopd(a.course_id), _mopd(b.course_id)
    if a_id and b_id:
        return a_id == b_id
    return normalise_title(a.title) == normalise_title(b.title)


def reconcile(
    staff: Sequence[Staff],
    entries: Iterable[TrainingEntry],
    rows: Sequence[ReportRow],
    report_on: date,
) -> Reconciliation:
    """Compare ``entries`` (a center's, every year) with the report's ``rows``."""
    trainings = sorted(
        (e for e in entries if e.kind is EntryKind.TRAINING),
        key=lambda e: (e.completed_on, e.start_time is None, e.start_time, e.id),
    )
    people = resolve_people(staff, rows)
    by_key: dict[tuple[int, date, int], list[TrainingEntry]] = defaultdict(list)
    for entry in trainings:
        by_key[(entry.staff_id, entry.completed_on, entry.clock_hours)].append(entry)

    matched: set[int] = set()
    on_both: list[Match] = []
    unmatched_rows: list[ReportRow] = []
    for row in rows:
        person = people.get(row.row)
        found = None
        if person is not None and person.id is not None:
            key = (person.id, row.entry.completed_on, row.entry.clock_hours)
            for entry in by_key.get(key, ()):
                if entry.id not in matched and same_course(entry, row.entry):
                    found = entry
                    break
        if found is None:
            unmatched_rows.append(row)
        else:
            matched.add(found.id)  # type: ignore[arg-type]
            on_both.append(Match(row, found))

    compared = [e for e in trainings if e.completed_on <= report_on]
    only_here = tuple(e for e in compared if e.id not in matched)
    hints, near_rows = _hints(only_here, unmatched_rows, people)
    return Reconciliation(
        report_on,
        tuple(on_both),
        only_here,
        tuple(unmatched_rows),
        people,
        hints,
        near_rows,
        later=len(trainings) - len(compared),
    )


def _hints(
    only_here: Sequence[TrainingEntry],
    rows: Sequence[ReportRow],
    people: Mapping[int, Staff | None],
) -> tuple[dict[int, str], dict[int, int]]:
    """(hint by entry id, the row each hint points at: row number -> entry id)."""
    by_person: dict[int, list[ReportRow]] = defaultdict(list)
    for row in rows:
        person = people.get(row.row)
        if person is not None and person.id is not None:
            by_person[person.id].append(row)
    hints: dict[int, str] = {}
    near: dict[int, int] = {}
    for entry in only_here:
        assert entry.id is not None
        for row in by_person.get(entry.staff_id, ()):
            theirs = row.entry
            if row.row in near or not same_course(entry, theirs):
                continue
            days = abs((theirs.completed_on - entry.completed_on).days)
            if theirs.completed_on == entry.completed_on:
                hints[entry.id] = (
                    f"the MOPD report has it with {format_hours(theirs.clock_hours)} "
                    f"hours (row {row.row})"
                )
            elif theirs.clock_hours == entry.clock_hours and days <= NEAR_DAYS:
                hints[entry.id] = (
                    f"the MOPD report has it on {format_date_us(theirs.completed_on)} "
                    f"(row {row.row})"
                )
            else:
                continue
            near[row.row] = entry.id
            break
    return hints, near
