"""What a director does, as plain functions over the store, io, domain and reports.

The command line is a thin shell over these, and the window's operations call the
same ones, so an import or an audit behaves the same from either.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from importlib.resources import as_file, files
from pathlib import Path
from typing import Generic, Literal, TypeVar

from .domain.audit import Audit, audit_year
from .domain.plan import YearEndPlan, year_end_plan
from .domain.records import Center, HireYearPolicy, Staff, TrainingEntry
from .io.csv_read import (
    ColumnSpec,
    CsvImportError,
    CsvTable,
    FileStamp,
    ReadProgress,
    RowProblem,
    file_stamp,
    read_csv_records,
    release_records,
    table_from_records,
)
from .io.importing import (
    StaffImportPlan,
    TrainingImportPlan,
    plan_staff_import,
    plan_training_import,
)
from .io.sources import labelled
from .io.staff_csv import STAFF_SPEC, ParsedStaff, parse_staff_table
from .io.training_csv import TRAINING_SPEC, ParsedTraining, parse_training_table
from .io.xlsx_read import HeaderError, SheetLabels, is_workbook, read_xlsx_table_with_problems
from .store.database import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class StaffImportSummary:
    added: int
    updated: int
    unchanged: int
    note: str | None = None
    #: the records written, with their ids, so the window can undo the import
    added_staff: tuple[Staff, ...] = field(default=(), repr=False)
    updated_before: tuple[Staff, ...] = field(default=(), repr=False)
    updated_after: tuple[Staff, ...] = field(default=(), repr=False)

    def __str__(self) -> str:
        return f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged"


@dataclass(frozen=True, slots=True)
class TrainingImportSummary:
    added: int
    already_present: int
    note: str | None = None
    #: the entries written, with their ids, so the window can undo the import
    added_entries: tuple[TrainingEntry, ...] = field(default=(), repr=False)
    #: the center before and after, when the import set its records start year
    center_before: Center | None = field(default=None, repr=False)
    center_after: Center | None = field(default=None, repr=False)

    def __str__(self) -> str:
        return f"{self.added} added, {self.already_present} already present"


ParsedT = TypeVar("ParsedT", ParsedStaff, ParsedTraining)


@dataclass(frozen=True, slots=True)
class ReadFile(Generic[ParsedT]):
    """A staff or training file read and checked once, for an import: what a preview
    of it shows, and what importing it writes, without reading the file again.

    ``parsed`` holds the rows whose cells are all good (None when the header itself is
    wrong, so that no row can be imported) and ``problems`` every problem found in the
    others, by row. ``table`` is the file's rows as read, under our column names, for
    showing them (under every column read, known or not, when the header is wrong).
    """

    path: Path
    column_map: Mapping[str, str] | None
    #: the file as it was when read
    stamp: FileStamp
    table: CsvTable
    parsed: ParsedT | None
    problems: tuple[RowProblem, ...]
    note: str | None
    #: for a sheet of an Excel workbook: its name and headers, which the messages of an
    #: import name places by (``problems`` name our columns, as a CSV file's do, so a
    #: preview can mark the cells); None for a CSV file
    labels: SheetLabels | None = None

    def changed_on_disk(self) -> bool:
        """Whether the file was changed (or removed) since it was read."""
        try:
            return file_stamp(self.path) != self.stamp
        except OSError:
            return True

    def importable(self) -> ParsedT:
        """The good rows; ``CsvImportError`` with every problem when the header is wrong."""
        if self.parsed is None:
            raise CsvImportError(list(self.problems), self.note)
        return self.parsed

    def described_problems(self) -> list[RowProblem]:
        """``problems`` as the messages of an import say them: a workbook's naming the
        sheet and the column as its header says ("sheet Staff, row 7, column Hire
        date")."""
        if self.labels is None:
            return list(self.problems)
        return self.labels.relabel(self.problems)


def read_staff_file(
    path: str | os.PathLike[str],
    column_map: Mapping[str, str] | None = None,
    *,
    progress: ReadProgress | None = None,
    sheet: str | None = None,
) -> ReadFile[ParsedStaff]:
    """Read and check a staff CSV file or a sheet of an Excel workbook (``sheet``, else
    the first) once (``import_read_staff`` imports it).

    A file that cannot be read at all raises ``CsvImportError`` (broken quoting, NUL
    bytes, empty, not a workbook, no such sheet) or ``OSError``; one with bad rows or a
    bad header does not.
    """
    return _read_file(path, column_map, STAFF_SPEC, parse_staff_table, progress, sheet)


def read_training_file(
    path: str | os.PathLike[str],
    column_map: Mapping[str, str] | None = None,
    *,
    progress: ReadProgress | None = None,
    sheet: str | None = None,
) -> ReadFile[ParsedTraining]:
    """Read and check a training CSV file or workbook sheet once
    (``import_read_training`` imports it); raises as ``read_staff_file`` does."""
    return _read_file(path, column_map, TRAINING_SPEC, parse_training_table, progress, sheet)


def _read_file(
    path: str | os.PathLike[str],
    column_map: Mapping[str, str] | None,
    spec: ColumnSpec,
    parse: Callable[..., tuple[ParsedT, list[RowProblem]]],
    progress: ReadProgress | None,
    sheet: str | None = None,
) -> ReadFile[ParsedT]:
    if is_workbook(path):
        return _read_workbook(path, column_map, spec, parse, sheet)
    if sheet is not None:
        name = os.path.basename(os.fspath(path))
        raise CsvImportError(
            [
                RowProblem(
                    1,
                    None,
                    f"{name} is a CSV file, which has no sheets (a sheet is chosen only in an "
                    "Excel workbook, .xlsx)",
                )
            ]
        )
    source = read_csv_records(path, progress=progress)
    column_map = dict(column_map) if column_map else None
    try:
        table, problems = table_from_records(source, column_map, spec=spec, progress=progress)
    except CsvImportError as error:
        # the header is wrong: no row can be imported, but all can be shown
        try:
            shown, _ = table_from_records(source, column_map)
        except CsvImportError:  # a column twice: the header alone
            shown = CsvTable([], [], source.encoding, source.note)
        return ReadFile(
            Path(path), column_map, source.stamp, shown, None, tuple(error.problems), error.note
        )
    finally:
        release_records(source)
    parsed, problems = parse(table, problems, progress=progress)
    return ReadFile(
        Path(path), column_map, source.stamp, table, parsed, tuple(problems), source.note
    )


def _read_workbook(
    path: str | os.PathLike[str],
    column_map: Mapping[str, str] | None,
    spec: ColumnSpec,
    parse: Callable[..., tuple[ParsedT, list[RowProblem]]],
    sheet: str | None,
) -> ReadFile[ParsedT]:
    """``_read_file`` of a sheet of a workbook (openpyxl streams it: no progress)."""
    stamp = file_stamp(path)  # before reading: a change made meanwhile shows as one
    column_map = dict(column_map) if column_map else None
    try:
        table, problems, labels = read_xlsx_table_with_problems(
            path, column_map, spec=spec, sheet=sheet
        )
    except HeaderError as error:
        # the header is wrong: no row can be imported, but all can be shown
        try:
            shown, _, _ = read_xlsx_table_with_problems(path, column_map, sheet=sheet)
        except CsvImportError:  # a column twice: the header alone
            shown = CsvTable([], [], "xlsx", error.note)
        return ReadFile(
            Path(path),
            column_map,
            stamp,
            shown,
            None,
            tuple(error.problems),
            error.note,
            SheetLabels(error.sheet),
        )
    parsed, problems = parse(table, problems)
    rows, problems = labels.settle(parsed.rows, problems)
    parsed = replace(parsed, rows=rows)
    return ReadFile(
        Path(path), column_map, stamp, table, parsed, tuple(problems), table.note, labels
    )


def plan_staff_file(db: Database, read: ReadFile[ParsedStaff]) -> StaffImportPlan:
    """What importing ``read`` would do now; ``CsvImportError`` names every bad row,
    those found by reading and those the plan finds (see ``plan_staff_import``)."""
    parsed = read.importable()
    # The rows with bad cells are left out of the plan but reported with its problems,
    # so the first attempt names every bad row, not just the badly typed ones.
    return plan_staff_import(db.list_staff(), parsed.rows, earlier=read.problems, note=read.note)


def plan_training_file(
    db: Database, read: ReadFile[ParsedTraining], *, numbered: bool = False
) -> TrainingImportPlan:
    """What importing ``read`` would do now; raises as ``plan_staff_file`` does.
    ``numbered``: the new entries get the ids the store gives them next (for saving
    the plan in the same transaction)."""
    parsed = read.importable()
    return plan_training_import(
        db.list_staff(),
        db.list_entries(),
        parsed.rows,
        earlier=read.problems,
        note=read.note,
        first_id=db.next_entry_id() if numbered else None,
    )


def import_staff_file(
    db: Database,
    path: str | os.PathLike[str],
    column_map: Mapping[str, str] | None = None,
    *,
    sheet: str | None = None,
) -> StaffImportSummary:
    """Add or update staff from a staff CSV file or Excel workbook (``sheet``: the
    sheet to read, default the first), all or nothing.

    Raises ``CsvImportError`` naming every bad row; nothing is written then.
    """
    return import_read_staff(db, read_staff_file(path, column_map, sheet=sheet))


def import_read_staff(db: Database, read: ReadFile[ParsedStaff]) -> StaffImportSummary:
    """``import_staff_file`` of a file already read (its rows as read then)."""
    try:
        parsed = read.importable()
        with db.transaction():
            existing = db.list_staff()
            plan = plan_staff_import(existing, parsed.rows, earlier=read.problems, note=read.note)
            by_id = {staff.id: staff for staff in existing}
            for staff in plan.to_update:
                db.update_staff(staff)
            added = tuple(db.add_staff(staff) for staff in plan.to_add)
    except CsvImportError as error:
        raise labelled(error, read.labels) from None
    log.info("staff import: %d added, %d updated", len(plan.to_add), len(plan.to_update))
    return StaffImportSummary(
        len(plan.to_add),
        len(plan.to_update),
        plan.unchanged,
        parsed.note,
        added_staff=added,
        updated_before=tuple(by_id[staff.id] for staff in plan.to_update),
        updated_after=tuple(plan.to_update),
    )


def import_training_file(
    db: Database,
    path: str | os.PathLike[str],
    column_map: Mapping[str, str] | None = None,
    *,
    records_start_year: int | None = None,
    sheet: str | None = None,
) -> TrainingImportSummary:
    """Add training entries from a training CSV file or Excel workbook (``sheet``: the
    sheet to read, default the first), all or nothing, skipping entries already in the
    database (so importing a file twice adds nothing).

    The first import into a center without a records start year sets it, in the same
    transaction: to ``records_start_year`` (what the director answered), else to the
    year of the earliest entry on record after the import. The summary's note says so,
    and says when entries fall before the records start.

    Raises ``CsvImportError`` naming every bad row, the bad cells found by reading
    and the unknown staff or repeated entries found by planning; nothing is written
    then.
    """
    return import_read_training(
        db,
        read_training_file(path, column_map, sheet=sheet),
        records_start_year=records_start_year,
    )


def import_read_training(
    db: Database, read: ReadFile[ParsedTraining], *, records_start_year: int | None = None
) -> TrainingImportSummary:
    """``import_training_file`` of a file already read (its rows as read then)."""
    try:
        parsed = read.importable()
        with db.transaction():
            plan = plan_training_file(db, read, numbered=True)
            # the parser left out every row validate_entry finds fault with, and the
            # plan raised if it left out any; the entries have their ids
            added = tuple(db.add_entries(plan.to_add, checked=True))
            before = db.get_center()
            start_note = _settle_records_start(db, added, records_start_year)
            after = db.get_center()
    except CsvImportError as error:
        raise labelled(error, read.labels) from None
    log.info("training import: %d added, %d present", len(plan.to_add), plan.already_present)
    note = "; ".join(n for n in (parsed.note, start_note) if n) or None
    changed = after != before
    return TrainingImportSummary(
        len(plan.to_add),
        plan.already_present,
        note,
        added_entries=added,
        center_before=before if changed else None,
        center_after=after if changed else None,
    )


def default_records_start(db: Database, read: ReadFile[ParsedTraining]) -> int | None:
    """The records start year the first import offers: the year of the earliest entry
    on record or in the file read (None when both hold none)."""
    years = [row.entry.completed_on.year for row in read.importable().rows]
    on_record = db.earliest_entry_year()
    if on_record is not None:
        years.append(on_record)
    return min(years, default=None)


def _settle_records_start(
    db: Database, added: Sequence[TrainingEntry], answered: int | None
) -> str | None:
    """Set the records start year at the first import; say what an import means for it."""
    if not added:
        return None
    center = db.get_center()
    earliest = db.earliest_entry_year()
    assert earliest is not None  # entries were just added
    start = center.records_start_year
    if start is None:
        start = answered if answered is not None else earliest
        db.set_center(center.replace(records_start_year=start))
        if answered is None:
            return (
                f"records are kept from {start}, the year of the earliest training entry: "
                "years before it ask for no hours (change it with "
                "'ccdesktop center --records-start YEAR' or in Settings)"
            )
    before = sum(1 for e in added if e.completed_on.year < start)
    if before:
        return (
            f"{before} of the entries added are from before {start}, the year records "
            "are kept from: they make up no hours (change the records start year to "
            "count them)"
        )
    return None


def audit(db: Database, year: int, today: date | None = None) -> Audit:
    """The one audit of a year that every screen, report and command shows. Entries
    completed after ``today`` are planned (judged, not counted); the window and the
    command line pass the real day. Without it, every entry counts as completed."""
    return audit_year(db.load(), year, today)


def plan(db: Database, year: int, today: date) -> YearEndPlan:
    """The year-end plan of ``year`` as of ``today`` (``ccdesktop plan``, the Plan page)."""
    return year_end_plan(audit_year(db.load(), year, today), today)


def update_center(
    db: Database,
    *,
    name: str | None = None,
    license_number: str | None = None,
    director: str | None = None,
    required_hours: int | None = None,
    hire_year_policy: str | None = None,
    records_start_year: int | Literal["auto"] | None = None,
    licensed_for_infants: bool | None = None,
    due_soon_days: int | None = None,
    next_inspection_on: date | Literal["none"] | None = None,
) -> Center:
    """Change the given center details and settings; the others stay as they are.
    ``records_start_year="auto"`` clears the setting (the earliest entry's year);
    ``next_inspection_on="none"`` clears the date."""
    changes: dict[str, object] = {}
    if name is not None:
        changes["name"] = name.strip()
    if license_number is not None:
        changes["license_number"] = license_number.strip()
    if director is not None:
        changes["director"] = director.strip()
    if required_hours is not None:
        changes["required_hours"] = required_hours
    if hire_year_policy is not None:
        changes["hire_year_policy"] = HireYearPolicy(hire_year_policy)
    if records_start_year is not None:
        changes["records_start_year"] = None if records_start_year == "auto" else records_start_year
    if licensed_for_infants is not None:
        changes["licensed_for_infants"] = licensed_for_infants
    if due_soon_days is not None:
        changes["due_soon_days"] = due_soon_days
    if next_inspection_on is not None:
        changes["next_inspection_on"] = None if next_inspection_on == "none" else next_inspection_on
    if not changes:
        return db.get_center()
    with db.transaction():
        center = db.get_center().replace(**changes)
        db.set_center(center)
    return center


def staff_ids_for_mopd_ids(audit_result: Audit, mopd_ids: Sequence[str]) -> frozenset[int]:
    """Staff ids of the given MOPD IDs; ``LookupError`` names the unknown ones."""
    by_mopd = {s.staff.mopd_id: s.staff.id for s in audit_result.staff if s.staff.mopd_id}
    unknown = [m for m in mopd_ids if m not in by_mopd]
    if unknown:
        raise LookupError(f"no staff member has MOPD ID {', '.join(unknown)}")
    return frozenset(by_mopd[m] for m in mopd_ids if by_mopd[m] is not None)  # type: ignore[misc]


def default_sample_paths() -> tuple[Path, Path]:
    """The sample center's staff and training CSV files, wherever we are installed."""
    base = files("ccdesktop.resources").joinpath("sample")
    with (
        as_file(base.joinpath("staff.csv")) as staff,
        as_file(base.joinpath("training.csv")) as training,
    ):
        return Path(staff), Path(training)
