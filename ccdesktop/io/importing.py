"""Planning an import: which parsed rows add, update or repeat what is on record.

Pure functions over domain records, no SQL: the caller writes the plan in one
transaction, so an import is all or nothing. Look-ups are dictionaries and sets, so a
plan of 100,000 rows takes a fraction of a second.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time

from ..domain.records import Staff, TrainingEntry
from ..domain.validation import normalise_mopd_id, validate_staff
from .csv_read import CsvImportError, RowProblem
from .staff_csv import StaffRow
from .training_csv import TrainingRow

NameKey = tuple[str, str]
EntryKey = tuple[int, str, str | None, date, time | None, time | None]


@dataclass(frozen=True, slots=True)
class StaffImportPlan:
    to_add: list[Staff]
    to_update: list[Staff]
    unchanged: int


@dataclass(frozen=True, slots=True)
class TrainingImportPlan:
    to_add: list[TrainingEntry]
    already_present: int


def name_key(first_name: str, last_name: str) -> NameKey:
    """How people are matched by name: trimmed, case-insensitive, NFC, single spaces."""

    def fold(text: str) -> str:
        return " ".join(unicodedata.normalize("NFC", text).casefold().split())

    return fold(first_name), fold(last_name)


def entry_key(entry: TrainingEntry) -> EntryKey:
    """Entries with equal keys are duplicates (INTERFACES.md): same staff, title,
    course_id, completed_on, start_time and end_time."""
    return duplicate_key(entry.staff_id, entry)


def duplicate_key(staff_id: int, entry: TrainingEntry) -> EntryKey:
    """``entry_key`` of ``entry`` as an entry of staff member ``staff_id`` (a row of a
    file, whose staff member is found by the plan)."""
    return (
        staff_id,
        entry.title.strip(),
        normalise_mopd_id(entry.course_id),  # the same trim-and-blank-is-none rule
        entry.completed_on,
        entry.start_time,
        entry.end_time,
    )


def _full_name(first_name: str, last_name: str) -> str:
    return f"{first_name.strip()} {last_name.strip()}".strip()


def plan_staff_import(
    existing: Sequence[Staff],
    rows: Sequence[StaffRow],
    *,
    earlier: Sequence[RowProblem] = (),
    note: str | None = None,
) -> StaffImportPlan:
    """Match each row to a staff member on record (by MOPD ID, else by name) and plan
    the adds and updates. An update changes only the row's given fields; a row that
    changes nothing counts as unchanged, so importing a file twice changes nothing.
    A row without a MOPD ID is never matched to someone another row names by MOPD ID,
    so two namesakes, one with an ID and one without, import twice without change.

    Raises ``CsvImportError`` with every problem: a MOPD ID or (ID-less) name twice in
    the file, an ambiguous name, two rows for one person, a clashing MOPD ID.
    ``earlier`` are the problems of the rows the parser left out (their bad cells) and
    ``note`` the file's encoding note: they are raised with these, so every bad row of
    the file is reported at once, and a plan is only returned when there are none.
    """
    by_mopd: dict[str, Staff] = {}
    by_name: dict[NameKey, list[Staff]] = defaultdict(list)
    for staff in existing:
        mopd_id = normalise_mopd_id(staff.mopd_id)
        if mopd_id:
            by_mopd[mopd_id] = staff
        by_name[name_key(staff.first_name, staff.last_name)].append(staff)

    problems = list(earlier)
    first_row_of_mopd: dict[str, int] = {}
    first_row_of_name: dict[NameKey, int] = {}
    for row in rows:
        mopd_id = normalise_mopd_id(row.staff.mopd_id)
        if mopd_id:
            if mopd_id in first_row_of_mopd:
                problems.append(
                    RowProblem(
                        row.row,
                        "mopd_id",
                        f"MOPD ID {mopd_id} is also on row {first_row_of_mopd[mopd_id]}",
                    )
                )
            first_row_of_mopd.setdefault(mopd_id, row.row)
        else:
            key = name_key(row.staff.first_name, row.staff.last_name)
            if key in first_row_of_name:
                problems.append(
                    RowProblem(
                        row.row,
                        None,
                        f"{row.staff.full_name} is also on row {first_row_of_name[key]}; "
                        "give these rows a mopd_id to tell them apart",
                    )
                )
            first_row_of_name.setdefault(key, row.row)
    if len(problems) > len(earlier):
        # the matching below would only repeat these as rows updating one person
        raise CsvImportError(problems, note)

    # A row without a MOPD ID is not the person another row names by MOPD ID: the
    # file itself says that is someone else (two people of one name, one with an ID).
    claimed = {id(by_mopd[m]) for m in first_row_of_mopd if m in by_mopd}

    to_add: list[Staff] = []
    to_update: list[Staff] = []
    unchanged = 0
    # keyed by id() of the record on record: drafts in tests may have no store id
    row_of_target: dict[int, int] = {}
    replacement: dict[int, Staff] = {}
    for row in rows:
        target, problem = _match_staff(row, by_mopd, by_name, claimed)
        if problem:
            problems.append(problem)
            continue
        if target is None:
            to_add.append(row.staff.replace(id=None))
            continue
        if id(target) in row_of_target:
            problems.append(
                RowProblem(
                    row.row,
                    None,
                    f"updates the same staff member ({target.full_name}) as row "
                    f"{row_of_target[id(target)]}",
                )
            )
            continue
        row_of_target[id(target)] = row.row
        updated = target.replace(**{name: getattr(row.staff, name) for name in row.given})
        problems.extend(
            RowProblem(row.row, p.field, f"{p.message} (with the details on record)")
            for p in validate_staff(updated)
        )
        if updated == target:
            unchanged += 1
        else:
            to_update.append(updated)
            replacement[id(target)] = updated

    after = [replacement.get(id(s), s) for s in existing] + to_add
    problems.extend(_clashing_mopd_ids(after, rows))
    if problems:
        raise CsvImportError(problems, note)
    return StaffImportPlan(to_add, to_update, unchanged)


def _match_staff(
    row: StaffRow,
    by_mopd: dict[str, Staff],
    by_name: dict[NameKey, list[Staff]],
    claimed: set[int],
) -> tuple[Staff | None, RowProblem | None]:
    """(the staff member on record the row updates, or None to add; a problem).

    ``claimed`` holds the ``id()`` of the staff that rows of the file name by their
    MOPD ID; a row without one is matched by name among the others only.
    """
    mopd_id = normalise_mopd_id(row.staff.mopd_id)
    named = by_name.get(name_key(row.staff.first_name, row.staff.last_name), [])
    if mopd_id:
        if mopd_id in by_mopd:
            return by_mopd[mopd_id], None
        # A new ID for someone on record without one (entered before they had an ID).
        without_id = [s for s in named if not normalise_mopd_id(s.mopd_id)]
        return (without_id[0] if len(without_id) == 1 else None), None
    candidates = [s for s in named if id(s) not in claimed]
    if len(candidates) > 1:
        return None, RowProblem(row.row, None, _ambiguous(len(candidates), row.staff.full_name))
    return (candidates[0] if candidates else None), None


def _ambiguous(count: int, full_name: str) -> str:
    # the file may have a mopd_id column with this row's cell empty, so ask for the
    # cell, not the column
    return f"{count} staff are named {full_name}; give this row a mopd_id to tell them apart"


def _clashing_mopd_ids(after: Sequence[Staff], rows: Sequence[StaffRow]) -> list[RowProblem]:
    """A MOPD ID held by two people once the plan is applied (a safety net: the
    matching above should never produce one)."""
    holders: dict[str, list[Staff]] = defaultdict(list)
    for staff in after:
        mopd_id = normalise_mopd_id(staff.mopd_id)
        if mopd_id:
            holders[mopd_id].append(staff)
    row_of_mopd = {normalise_mopd_id(r.staff.mopd_id): r.row for r in rows}
    return [
        RowProblem(
            row_of_mopd.get(mopd_id, 1),
            "mopd_id",
            f"MOPD ID {mopd_id} would belong to both " + " and ".join(s.full_name for s in people),
        )
        for mopd_id, people in holders.items()
        if len(people) > 1
    ]


def plan_training_import(
    staff: Sequence[Staff],
    existing: Sequence[TrainingEntry],
    rows: Sequence[TrainingRow],
    *,
    earlier: Sequence[RowProblem] = (),
    note: str | None = None,
    first_id: int | None = None,
) -> TrainingImportPlan:
    """Resolve each row's staff member and plan the new entries.

    An entry already on record is skipped (counted in ``already_present``), so
    importing a file twice adds nothing; the same entry twice in one file is an error.
    Raises ``CsvImportError`` with every problem, together with ``earlier`` (the
    problems of the rows the parser left out) and the file's encoding ``note``, so
    every bad row of the file is reported at once.

    ``first_id``: the id the store gives its next entry (``Database.next_entry_id``,
    in the transaction that saves the plan). The new entries are then numbered from it
    in row order, as the store would number them, so each is made once, with its staff
    member and its id, and saved as it is; without it they have no id (a preview).
    """
    by_mopd: dict[str, Staff] = {}
    by_name: dict[NameKey, list[Staff]] = defaultdict(list)
    for person in staff:
        mopd_id = normalise_mopd_id(person.mopd_id)
        if mopd_id:
            by_mopd[mopd_id] = person
        by_name[name_key(person.first_name, person.last_name)].append(person)
    on_record = {entry_key(entry) for entry in existing}

    problems = list(earlier)
    first_row_of_entry: dict[EntryKey, int] = {}
    to_add: list[TrainingEntry] = []
    already_present = 0
    next_id = first_id
    for row in rows:
        found = _resolve_staff(row, by_mopd, by_name)
        if isinstance(found, RowProblem):
            problems.append(found)
            continue
        assert found.id is not None, "staff on record have ids"
        key = duplicate_key(found.id, row.entry)
        if key in first_row_of_entry:
            problems.append(
                RowProblem(row.row, None, f"same entry as row {first_row_of_entry[key]}")
            )
            continue
        first_row_of_entry[key] = row.row
        if key in on_record:
            already_present += 1
            continue
        to_add.append(row.entry.replace(staff_id=found.id, id=next_id))
        if next_id is not None:
            next_id += 1
    if problems:
        raise CsvImportError(problems, note)
    return TrainingImportPlan(to_add, already_present)


_SCIENTIFIC = re.compile(r"\d+(\.\d+)?[eE][+-]?\d+")


def _spreadsheet_hint(mopd_id: str, by_mopd: dict[str, Staff]) -> str:
    """Why an ID may not match: spreadsheets drop leading zeros and turn long numbers
    into 1E+05. Otherwise the usual advice."""
    if _SCIENTIFIC.fullmatch(mopd_id):
        return (
            " (a spreadsheet turned the ID into a number; format the mopd_id column as "
            "Text and type the IDs again)"
        )
    if mopd_id.isdigit():
        padded = [known for known in by_mopd if known.isdigit() and known.lstrip("0") == mopd_id]
        if padded:
            return (
                f" (did a spreadsheet drop its leading zeros? {padded[0]} is on record; "
                "format the mopd_id column as Text)"
            )
    return " (import the staff file first)"


def _resolve_staff(
    row: TrainingRow, by_mopd: dict[str, Staff], by_name: dict[NameKey, list[Staff]]
) -> Staff | RowProblem:
    """The staff member the row names, or the problem with finding them."""
    if row.mopd_id:
        person = by_mopd.get(row.mopd_id)
        if person is None:
            return RowProblem(
                row.row,
                "mopd_id",
                f"no staff member has MOPD ID {row.mopd_id!r}"
                + _spreadsheet_hint(row.mopd_id, by_mopd),
            )
        return person
    named = by_name.get(name_key(row.first_name, row.last_name), [])
    full_name = _full_name(row.first_name, row.last_name)
    if not named:
        return RowProblem(row.row, "last_name", f"no staff member is named {full_name!r}")
    if len(named) > 1:
        return RowProblem(row.row, None, _ambiguous(len(named), full_name))
    return named[0]
