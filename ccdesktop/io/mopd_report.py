"""Reading the MOPD registry's training report (CSV or Excel) into report rows.

The registry's export names its columns its own way and has columns we do not need
(county, program, status...). Its columns are mapped once: what the center
remembers (``Center.mopd_columns``) for a header, else a guess (``column_guess``);
anything else is not read. **Decision**: only the columns the comparison needs are
guessed (who: MOPD ID or first and last name; the course: title and course ID; the
date; the hours; and the trainer as provider): the registry writes the format and the
times in words our import does not read ("Face to Face"), so those are read only when
the director maps them. The report is read as a training file is, through the same
parser, all or nothing: a bad cell anywhere is named, and nothing is compared.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from ..domain.reconcile import ReportRow
from .column_guess import IGNORE, guess_columns
from .csv_read import ColumnSpec, CsvImportError, RowProblem, header_key
from .sources import labelled, read_table_with_problems
from .training_csv import parse_training_table
from .xlsx_read import SheetLabels

#: the fields a column of the report can be read as
MOPD_FIELDS = (
    "mopd_id",
    "first_name",
    "last_name",
    "title",
    "course_id",
    "completed_on",
    "clock_hours",
    "provider",
    "format",
    "setting",
    "start_time",
    "end_time",
    "enrolled_on",
    "notes",
)
#: the fields guessed from the headers (the others only when mapped)
GUESSED_FIELDS = (
    "mopd_id",
    "first_name",
    "last_name",
    "title",
    "course_id",
    "completed_on",
    "clock_hours",
    "provider",
)
MOPD_SPEC = ColumnSpec(
    known=MOPD_FIELDS,
    required=("title", "completed_on", "clock_hours"),
    one_of=(("mopd_id",), ("first_name", "last_name")),
)


@dataclass(frozen=True, slots=True)
class MopdReport:
    """A MOPD report read: its rows, the header and the column map that read it."""

    path: Path
    header: tuple[str, ...]
    #: every header cell as written -> our field, or "" (not read)
    column_map: Mapping[str, str]
    rows: tuple[ReportRow, ...]
    note: str | None
    labels: SheetLabels | None = None

    @property
    def remembered_columns(self) -> tuple[tuple[str, str], ...]:
        """The column map as ``Center.mopd_columns`` keeps it."""
        return tuple(self.column_map.items())


def read_report_header(path: str | os.PathLike[str], *, sheet: str | None = None) -> list[str]:
    """The report's header cells as written (for choosing its columns)."""
    table, _problems, _labels = read_table_with_problems(path, sheet=sheet)
    return table.header


def report_column_map(
    header: list[str],
    remembered: Mapping[str, str] | None = None,
    chosen: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The column map for a report with ``header``: ``chosen`` (the director's choice
    now, by header), then ``remembered``, then the guess; every header cell is in it.
    Raises ``ValueError`` for a choice of a field we do not read."""
    mapping = guess_columns(header, GUESSED_FIELDS, None)
    keys = {header_key(text): text for text in header}
    for source in (remembered or {}, chosen or {}):
        for text, field in source.items():
            if header_key(text) not in keys:
                if source is chosen:
                    raise ValueError(f"the report has no column {text!r}")
                continue
            field = header_key(field)
            if field and field not in MOPD_FIELDS:
                raise ValueError(
                    f"{field!r} is not a field of the comparison (use one of "
                    f"{', '.join(MOPD_FIELDS)}, or nothing to leave the column out)"
                )
            own = keys[header_key(text)]
            # a field chosen for this column is no longer another column's
            for other, other_field in mapping.items():
                if field and other_field == field and other != own:
                    mapping[other] = IGNORE
            mapping[own] = field
    return mapping


def read_mopd_report(
    path: str | os.PathLike[str],
    *,
    remembered: Mapping[str, str] | None = None,
    chosen: Mapping[str, str] | None = None,
    sheet: str | None = None,
) -> MopdReport:
    """Read the report at ``path`` (a CSV file or a workbook's sheet) with the column
    map of ``report_column_map``. Raises ``CsvImportError`` naming every bad cell (and
    a field the columns do not give), ``ValueError`` for a bad choice of columns,
    ``OSError`` for an unreadable path."""
    header = read_report_header(path, sheet=sheet)
    column_map = report_column_map(header, remembered, chosen)
    try:
        table, problems, labels = read_table_with_problems(
            path, column_map, spec=MOPD_SPEC, sheet=sheet
        )
    except CsvImportError as error:
        raise _missing_fields_said(error, header) from None
    parsed, problems = parse_training_table(table, problems)
    rows = parsed.rows
    if labels is not None:
        rows, problems = labels.settle(rows, problems)
    if problems:
        raise labelled(CsvImportError(problems, table.note), labels)
    report_rows = tuple(
        ReportRow(row.row, row.mopd_id, row.first_name, row.last_name, row.entry) for row in rows
    )
    return MopdReport(Path(path), tuple(header), column_map, report_rows, table.note, labels)


def _missing_fields_said(error: CsvImportError, header: list[str]) -> CsvImportError:
    """The header's problems in the words of the comparison: which field no column
    gives, and how to say which column does."""
    columns = ", ".join(text for text in header if text) or "none"
    said: list[RowProblem] = []
    for problem in error.problems:
        if problem.message == "is required but missing from the header":
            said.append(
                replace(
                    problem,
                    column=None,
                    message=f"no column of the report was recognised as {problem.column} "
                    f"(its columns: {columns}); say which one is, as --map "
                    f'"HEADER={problem.column}" or in the dialog',
                )
            )
        elif problem.message.startswith("the header needs"):
            said.append(
                replace(
                    problem,
                    message="no column of the report was recognised as the MOPD ID, or as "
                    f"first and last name (its columns: {columns}); say which one is, as "
                    '--map "HEADER=mopd_id" or in the dialog',
                )
            )
        else:
            said.append(problem)
    return CsvImportError(said, error.note)


def default_report_date(path: str | os.PathLike[str], today: date | None = None) -> date:
    """The date a report is taken to be of when the director does not say: the day the
    file was saved, never after today."""
    today = today or date.today()
    try:
        saved = datetime.fromtimestamp(os.stat(path).st_mtime).date()
    except OSError:
        return today
    return min(saved, today)
