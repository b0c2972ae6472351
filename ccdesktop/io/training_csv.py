"""training.csv -> unresolved training entries, with every bad cell reported at once.

Rows name their staff member by MOPD ID or by first + last name; the importer
(``importing.plan_training_import``) resolves them against the staff on record.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

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


class TrainingRow(NamedTuple):
    """One row of training.csv; ``entry.staff_id`` is 0 until the import resolves it.

    A NamedTuple, made once for every row of a file (a frozen dataclass costs more
    than twice as much to make); it goes from the parser to the plan, never compared.
    """

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


@dataclass(frozen=True, slots=True)
class _Refused:
    """A cell its column's converter refused, with the reason."""

    message: str


class _Converted(dict[str, object]):
    """A typed column's cells as values, each distinct cell converted once (a file
    repeats a few hundred dates, times and hours over thousands of rows); a cell the
    converter refuses is a ``_Refused``, reported again on every row that has it."""

    def __init__(self, convert: Callable[[str], object]) -> None:
        super().__init__()
        self._convert = convert

    def __missing__(self, cell: str) -> object:
        try:
            value = self._convert(cell)
        except ValueError as error:
            value = _Refused(str(error))
        self[cell] = value
        return value


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
    # Every row has the same columns, in file order (table_from_records makes it so: a
    # row with a cell it refused is left out): the typed ones are converted here, the
    # text ones (title, course_id, provider, notes) kept as they are.
    present = table.rows[0][1] if table.rows else {}
    typed = [
        (column, _Converted(_CONVERTERS[column])) for column in present if column in _CONVERTERS
    ]
    total = len(table.rows)
    if progress is not None:
        progress(ReadStage.CONVERTING, 0, total)
    for done, (number, cells) in enumerate(table.rows, start=1):
        if progress is not None and not done % PROGRESS_EVERY:
            progress(ReadStage.CONVERTING, done, total)
        credential = _names_a_credential(cells.get("kind"))
        given: dict[str, Any] = {}  # the typed cells that are not empty, as values
        row_problems: list[RowProblem] = []
        for column, values in typed:
            cell = cells.get(column)
            if not cell:
                continue
            value = values[cell]
            if type(value) is _Refused:
                if credential and column == "clock_hours" and _is_zero(cell):
                    given[column] = 0  # a credential's (no) hours
                else:
                    row_problems.append(RowProblem(number, column, value.message))
            else:
                given[column] = value

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
            if not cells.get(column):
                row_problems.append(RowProblem(number, column, "is required"))

        # Stand-ins keep the record checks of the other fields running when the date
        # or the hours are missing or bad (those are already reported); date.max is never
        # before an enrolled_on, so it raises no problem of its own. The fields are
        # TrainingEntry's, in order, with its defaults.
        get = given.get
        entry = TrainingEntry(
            0,
            cells.get("title", ""),
            get("completed_on", date.max),
            get("clock_hours", 0 if credential else 100),
            cells.get("course_id") or None,
            cells.get("provider", ""),
            get("format", Format.IN_PERSON),
            get("setting", Setting.INDIVIDUAL),
            get("start_time"),
            get("end_time"),
            get("in_ratio", False),
            get("approved", True),
            get("enrolled_on"),
            cells.get("notes", ""),
            None,
            get("kind", EntryKind.TRAINING),
            get("expires_on"),
            get("as_trainer", False),
        )
        refused = validate_entry(entry)
        if refused:
            row_problems.extend(record_problems(number, refused, row_problems))
        if row_problems:
            problems.extend(row_problems)
        else:
            rows.append(TrainingRow(number, mopd_id, first_name, last_name, entry))
    return ParsedTraining(rows, table.encoding, table.note), problems
