"""training.csv -> unresolved training entries, with every bad cell reported at once.

Rows name their staff member by MOPD ID or by first + last name; the importer
(``importing.plan_training_import``) resolves them against the staff on record.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from ..domain.records import TrainingEntry
from ..domain.validation import normalise_mopd_id, validate_entry
from .csv_read import ColumnSpec, CsvImportError, RowProblem, read_csv_table, record_problems
from .values import (
    parse_bool,
    parse_date,
    parse_format,
    parse_hours,
    parse_setting,
    parse_time,
)

TRAINING_COLUMNS = (
    "mopd_id",
    "first_name",
    "last_name",
    "title",
    "completed_on",
    "clock_hours",
    "course_id",
    "provider",
    "format",
    "setting",
    "start_time",
    "end_time",
    "in_ratio",
    "approved",
    "enrolled_on",
    "notes",
)

#: columns our own export adds after the training columns; an import reads past
#: exactly these, so an exported file can be imported again as it is
EXPORT_ONLY_COLUMNS = ("credited", "reasons", "warnings")

TRAINING_SPEC = ColumnSpec(
    known=TRAINING_COLUMNS,
    required=("title", "completed_on", "clock_hours"),
    one_of=(("mopd_id",), ("first_name", "last_name")),
    ignored=frozenset(EXPORT_ONLY_COLUMNS),
)

_CONVERTERS: dict[str, Callable[[str], object]] = {
    "completed_on": parse_date,
    "enrolled_on": parse_date,
    "clock_hours": parse_hours,
    "format": parse_format,
    "setting": parse_setting,
    "start_time": parse_time,
    "end_time": parse_time,
    "in_ratio": parse_bool,
    "approved": parse_bool,
}

#: the fields of TrainingEntry a row fills (the staff columns resolve staff_id later)
_ENTRY_FIELDS = frozenset(TRAINING_COLUMNS) - {"mopd_id", "first_name", "last_name"}


@dataclass(frozen=True, slots=True)
class TrainingRow:
    """One row of training.csv; ``entry.staff_id`` is 0 until the import resolves it."""

    row: int
    mopd_id: str | None
    first_name: str
    last_name: str
    entry: TrainingEntry


@dataclass(frozen=True, slots=True)
class ParsedTraining:
    rows: list[TrainingRow]
    encoding: str
    note: str | None


def parse_training_csv(
    path: str | os.PathLike[str], column_map: Mapping[str, str] | None = None
) -> ParsedTraining:
    """Read and check a training file. Raises ``CsvImportError`` listing every problem."""
    table = read_csv_table(path, column_map, spec=TRAINING_SPEC)
    rows: list[TrainingRow] = []
    problems: list[RowProblem] = []
    for number, cells in table.rows:
        fields: dict[str, object] = {}
        row_problems: list[RowProblem] = []
        for column, text in cells.items():
            if not text or column not in _ENTRY_FIELDS:
                continue
            converter = _CONVERTERS.get(column)
            try:
                fields[column] = converter(text) if converter else text
            except ValueError as error:
                row_problems.append(RowProblem(number, column, str(error)))

        mopd_id = normalise_mopd_id(cells.get("mopd_id"))
        first_name = cells.get("first_name", "")
        last_name = cells.get("last_name", "")
        if mopd_id is None and not (first_name and last_name):
            row_problems.append(
                RowProblem(
                    number,
                    None,
                    "names no staff member: give a mopd_id or a first_name and last_name",
                )
            )
        for column in ("completed_on", "clock_hours"):
            if not cells.get(column) and column not in fields:
                row_problems.append(RowProblem(number, column, "is required"))

        completed_on = fields.pop("completed_on", None)
        clock_hours = fields.pop("clock_hours", None)
        # Stand-ins keep the record checks of the other fields running when the date
        # or the hours are missing or bad (those are already reported); date.max is never
        # before an enrolled_on, so it raises no problem of its own.
        # One constructor call with the converted fields (the keys are TrainingEntry's
        # field names): constructing and then .replace() doubled the cost per row.
        entry = TrainingEntry(
            staff_id=0,
            title=str(fields.pop("title", "")),
            completed_on=completed_on if isinstance(completed_on, date) else date.max,
            clock_hours=clock_hours if isinstance(clock_hours, int) else 100,
            **fields,  # type: ignore[arg-type]  # each converter returns its field's type
        )
        row_problems.extend(record_problems(number, validate_entry(entry), row_problems))
        problems.extend(row_problems)
        rows.append(TrainingRow(number, mopd_id, first_name, last_name, entry))
    if problems:
        raise CsvImportError(problems, table.note)
    return ParsedTraining(rows, table.encoding, table.note)
