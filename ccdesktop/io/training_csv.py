"""training.csv -> unresolved training entries, with every bad cell reported at once.

Rows name their staff member by MOPD ID or by first + last name; the importer
(``importing.plan_training_import``) resolves them against the staff on record.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..domain.hours import HoursError
from ..domain.hours import parse_hours as parse_hours_text
from ..domain.records import EntryKind, Format, Setting, TrainingEntry
from ..domain.validation import normalise_mopd_id, validate_entry
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
from .values import (
    parse_bool,
    parse_date,
    parse_format,
    parse_hours,
    parse_kind,
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
    # issue 14, optional and additive: the columns above keep their meaning
    "kind",
    "expires_on",
    "as_trainer",
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
    "kind": parse_kind,
    "expires_on": parse_date,
    "as_trainer": parse_bool,
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


def _names_a_credential(text: str | None) -> bool:
    """Whether a row's ``kind`` cell says credential (a bad cell is reported by its
    converter; here it is a training)."""
    if not text:
        return False
    try:
        return parse_kind(text) is EntryKind.CREDENTIAL
    except ValueError:
        return False


def _is_zero(text: str) -> bool:
    try:
        return parse_hours_text(text) == 0
    except HoursError:
        return False


def parse_training_csv(
    path: str | os.PathLike[str], column_map: Mapping[str, str] | None = None
) -> ParsedTraining:
    """Read and check a training file. Raises ``CsvImportError`` listing every problem."""
    parsed, problems = parse_training_csv_with_problems(path, column_map)
    if problems:
        raise CsvImportError(problems, parsed.note)
    return parsed


def parse_training_csv_with_problems(
    path: str | os.PathLike[str],
    column_map: Mapping[str, str] | None = None,
    *,
    progress: ReadProgress | None = None,
) -> tuple[ParsedTraining, list[RowProblem]]:
    """Read and check a training file: (the rows whose cells are all good, the problems
    of the others). The import hands both to ``plan_training_import``, so the rows it
    finds fault with (an unknown MOPD ID, say) are reported together with the bad cells
    of the others.

    A file that cannot be read as a whole (bad header, broken quoting) raises
    ``CsvImportError``.
    """
    source = read_csv_records(path, progress=progress)
    table, problems = table_from_records(source, column_map, spec=TRAINING_SPEC, progress=progress)
    return parse_training_table(table, problems, progress=progress)


def parse_training_table(
    table: CsvTable,
    problems: list[RowProblem],
    *,
    progress: ReadProgress | None = None,
) -> tuple[ParsedTraining, list[RowProblem]]:
    """The second half of ``parse_training_csv_with_problems``: the rows of a table
    read with ``TRAINING_SPEC`` as training rows, ``problems`` (the table's) extended
    with those of the rows whose cells are bad."""
    rows: list[TrainingRow] = []
    # Each distinct cell of a column is converted once (a file repeats a few hundred
    # dates, times and hours); a cell that failed fails again, with its message, on
    # every row that has it.
    converted: dict[str, dict[str, object]] = {column: {} for column in _CONVERTERS}
    failed: dict[str, dict[str, str]] = {column: {} for column in _CONVERTERS}
    # Every row has the same columns, in file order (read_csv_table_with_problems
    # makes it so: a row with a cell it refused is left out).
    columns = list(table.rows[0][1]) if table.rows else []
    plan = [
        (column, _CONVERTERS.get(column), converted.get(column, {}), failed.get(column, {}))
        for column in columns
        if column in _ENTRY_FIELDS
    ]
    total = len(table.rows)
    if progress is not None:
        progress(ReadStage.CONVERTING, 0, total)
    for done, (number, cells) in enumerate(table.rows, start=1):
        if progress is not None and not done % PROGRESS_EVERY:
            progress(ReadStage.CONVERTING, done, total)
        fields: dict[str, Any] = {}
        row_problems: list[RowProblem] = []
        credential = _names_a_credential(cells.get("kind"))
        for column, converter, known, failures in plan:
            text = cells.get(column)
            if not text:
                continue
            if credential and column == "clock_hours" and _is_zero(text):
                fields[column] = 0  # a credential's (no) hours
                continue
            if converter is None:
                fields[column] = text
                continue
            if text in known:
                fields[column] = known[text]
                continue
            message = failures.get(text)
            if message is None:
                try:
                    fields[column] = known[text] = converter(text)
                    continue
                except ValueError as error:
                    message = failures[text] = str(error)
            row_problems.append(RowProblem(number, column, message))

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
        # a credential carries no clock hours: its cell may be left empty
        for column in ("completed_on",) if credential else ("completed_on", "clock_hours"):
            if not cells.get(column) and column not in fields:
                row_problems.append(RowProblem(number, column, "is required"))

        completed_on = fields.get("completed_on")
        clock_hours = fields.get("clock_hours")
        get = fields.get
        # Stand-ins keep the record checks of the other fields running when the date
        # or the hours are missing or bad (those are already reported); date.max is never
        # before an enrolled_on, so it raises no problem of its own. The fields are
        # TrainingEntry's, in order, with its defaults.
        entry = TrainingEntry(
            0,
            str(get("title", "")),
            completed_on if isinstance(completed_on, date) else date.max,
            clock_hours if isinstance(clock_hours, int) else 0 if credential else 100,
            get("course_id"),
            get("provider", ""),
            get("format", Format.IN_PERSON),
            get("setting", Setting.INDIVIDUAL),
            get("start_time"),
            get("end_time"),
            get("in_ratio", False),
            get("approved", True),
            get("enrolled_on"),
            get("notes", ""),
            None,
            get("kind", EntryKind.TRAINING),
            get("expires_on"),
            get("as_trainer", False),
        )
        row_problems.extend(record_problems(number, validate_entry(entry), row_problems))
        if row_problems:
            problems.extend(row_problems)
        else:
            rows.append(TrainingRow(number, mopd_id, first_name, last_name, entry))
    return ParsedTraining(rows, table.encoding, table.note), problems
