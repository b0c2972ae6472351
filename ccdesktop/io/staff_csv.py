"""staff.csv -> Staff records, with every bad cell of every row reported at once."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..domain.records import Staff
from ..domain.validation import normalise_mopd_id, validate_staff
from .csv_read import (
    PROGRESS_EVERY,
    ColumnSpec,
    CsvImportError,
    CsvTable,
    ReadProgress,
    ReadStage,
    RowProblem,
    read_csv_records,
    record_problems,
    table_from_records,
)
from .values import parse_bool, parse_date

STAFF_COLUMNS = (
    "first_name",
    "last_name",
    "mopd_id",
    "role",
    "hire_date",
    "end_date",
    "requires_clock_hours",
)

STAFF_SPEC = ColumnSpec(known=STAFF_COLUMNS, required=("first_name", "last_name"))

_CONVERTERS: dict[str, Callable[[str], object]] = {
    "hire_date": parse_date,
    "end_date": parse_date,
    "requires_clock_hours": parse_bool,
}


@dataclass(frozen=True, slots=True)
class StaffRow:
    """One row of staff.csv. ``given`` names the fields whose cells were not empty,
    so an update changes only those."""

    row: int
    staff: Staff
    given: frozenset[str]


@dataclass(frozen=True, slots=True)
class ParsedStaff:
    rows: list[StaffRow]
    encoding: str
    note: str | None


def parse_staff_csv(
    path: str | os.PathLike[str], column_map: Mapping[str, str] | None = None
) -> ParsedStaff:
    """Read and check a staff file. Raises ``CsvImportError`` listing every problem."""
    parsed, problems = parse_staff_csv_with_problems(path, column_map)
    if problems:
        raise CsvImportError(problems, parsed.note)
    return parsed


def parse_staff_csv_with_problems(
    path: str | os.PathLike[str],
    column_map: Mapping[str, str] | None = None,
    *,
    progress: ReadProgress | None = None,
) -> tuple[ParsedStaff, list[RowProblem]]:
    """Read and check a staff file: (the rows whose cells are all good, the problems of
    the others). The import hands both to ``plan_staff_import``, so the rows it finds
    fault with are reported together with the bad cells of the others.

    A file that cannot be read as a whole (bad header, broken quoting) raises
    ``CsvImportError``.
    """
    source = read_csv_records(path, progress=progress)
    table, problems = table_from_records(source, column_map, spec=STAFF_SPEC, progress=progress)
    return parse_staff_table(table, problems, progress=progress)


def parse_staff_table(
    table: CsvTable,
    problems: list[RowProblem],
    *,
    progress: ReadProgress | None = None,
) -> tuple[ParsedStaff, list[RowProblem]]:
    """The second half of ``parse_staff_csv_with_problems``: the rows of a table read
    with ``STAFF_SPEC`` as staff rows, ``problems`` (the table's) extended with those
    of the rows whose cells are bad."""
    rows: list[StaffRow] = []
    total = len(table.rows)
    if progress is not None:
        progress(ReadStage.CONVERTING, 0, total)
    for done, (number, cells) in enumerate(table.rows, start=1):
        if progress is not None and not done % PROGRESS_EVERY:
            progress(ReadStage.CONVERTING, done, total)
        fields: dict[str, object] = {}
        row_problems: list[RowProblem] = []
        for column, text in cells.items():
            if not text:
                continue
            converter = _CONVERTERS.get(column)
            if converter is None:
                fields[column] = text
                continue
            try:
                fields[column] = converter(text)
            except ValueError as error:
                row_problems.append(RowProblem(number, column, str(error)))
        if "mopd_id" in fields:
            fields["mopd_id"] = normalise_mopd_id(str(fields["mopd_id"]))
        staff = Staff(
            first_name=str(fields.get("first_name", "")),
            last_name=str(fields.get("last_name", "")),
        ).replace(**{k: v for k, v in fields.items() if k not in ("first_name", "last_name")})
        row_problems.extend(record_problems(number, validate_staff(staff), row_problems))
        if row_problems:
            problems.extend(row_problems)
        else:
            rows.append(StaffRow(number, staff, frozenset(fields)))
    return ParsedStaff(rows, table.encoding, table.note), problems
