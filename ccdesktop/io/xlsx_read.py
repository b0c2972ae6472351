"""Reading one sheet of an Excel workbook (.xlsx) into the table a CSV file gives.

The result is the same ``CsvTable`` as ``csv_read.read_csv_table_with_problems``
makes (our column names -> text cells, with each row's number), so the same parsing,
the same checks and the same all-or-nothing import apply to both. The workbook is
opened with openpyxl in read-only mode (a 100,000-row sheet is streamed, not held),
with the values last calculated for formula cells.

What a cell becomes (**Decisions**):

- text stays as typed (an ID typed as text keeps its leading zeros);
- a date cell in a date column is that date; a date-and-time cell there is its date; a
  time cell (or a date-and-time) in a time column is its time of day; a time cell in
  a date column is refused;
- a number is read as Excel shows it, to 15 significant digits: ``1.5``, ``12``, and
  a formula's 0.1 + 0.2 (stored as 0.30000000000000004) is 0.3. **An ID stored as a
  number**
  (a MOPD ID typed into a cell formatted General) is read as its digits: the cell
  itself no longer holds the leading zeros Excel dropped, so ``012345`` stored as the
  number 12345 reads as ``12345``, and the import's message for an ID it cannot find
  points at dropped zeros when one on record matches. An ID number with decimals is
  refused;
- TRUE/FALSE cells read as yes/no;
- a cell holding a spreadsheet error (``#REF!``, ``#N/A``) is refused, with the
  error named; a formula whose value was never calculated (a file written by a
  program that does not calculate) reads as empty.

Headers are matched as in a CSV file (case-insensitively); a header that writes our
column's name with spaces or hyphens ("Hire date", "MOPD ID", "clock-hours") is that
column too, since a sheet's headers are written for people.

Problems name the sheet, the row as the spreadsheet numbers it, and the column as its
header says: "sheet Staff, row 7, column Hire date: ...". The first sheet is read
unless another is named.
"""

from __future__ import annotations

import os
import re
import unicodedata
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import Any, Protocol, TypeVar

from .csv_read import (
    FIELD_SIZE_LIMIT,
    ColumnSpec,
    CsvImportError,
    CsvTable,
    RowProblem,
    clean_cell,
    header_key,
    resolve_header,
)

#: the suffixes read as workbooks (.xls, Excel 97-2003, only to be refused clearly)
XLSX_SUFFIXES = (".xlsx", ".xlsm", ".xls")

DATE_COLUMNS = frozenset(
    {"completed_on", "enrolled_on", "expires_on", "hire_date", "end_date", "report_on"}
)
TIME_COLUMNS = frozenset({"start_time", "end_time"})
ID_COLUMNS = frozenset({"mopd_id", "course_id"})

#: the encoding a table read from a workbook reports (a workbook has none to guess)
XLSX_ENCODING = "xlsx"

#: what the parsers say of a cell that is not there, which a refused cell is not
_AGAIN = frozenset({"is required"})


class _NumberedRow(Protocol):
    @property
    def row(self) -> int: ...


_RowT = TypeVar("_RowT", bound=_NumberedRow)


class HeaderError(CsvImportError):
    """A sheet whose header is wrong (an unknown column, one twice, one missing): its
    rows can be shown but not imported. ``sheet`` is the sheet's name."""

    def __init__(self, problems: list[RowProblem], note: str | None, sheet: str) -> None:
        super().__init__(problems, note)
        self.sheet = sheet


@dataclass(frozen=True, slots=True)
class SheetLabels:
    """How to name a place in the sheet a table was read from: the sheet's name, and
    our column names as the sheet's headers write them."""

    sheet: str
    headers: Mapping[str, str] = field(default_factory=dict)
    #: (row, column) of the cells refused on reading (an error value, a time in a date
    #: column): their rows stay in the table without those cells, so that the row's
    #: other cells are checked too, and ``settle`` leaves the rows out afterwards
    bad_cells: frozenset[tuple[int, str]] = frozenset()

    def settle(
        self, rows: Sequence[_RowT], problems: Sequence[RowProblem]
    ) -> tuple[list[_RowT], list[RowProblem]]:
        """The parsed rows without those with a refused cell, and the problems without
        what the parsers said again of a refused cell (that it is required, say)."""
        if not self.bad_cells:
            return list(rows), list(problems)
        bad_rows = {row for row, _ in self.bad_cells}
        kept = [r for r in rows if r.row not in bad_rows]
        refused = {f"{row}:{column}" for row, column in self.bad_cells}
        said: set[tuple[int, str | None, str]] = set()
        unique: list[RowProblem] = []
        for p in problems:
            if p.column is not None and f"{p.row}:{p.column}" in refused and p.message in _AGAIN:
                continue
            key = (p.row, p.column, p.message)
            if key not in said:
                said.add(key)
                unique.append(p)
        return kept, unique

    def label(self, problem: RowProblem) -> RowProblem:
        """``problem`` with the sheet and the column as its header says."""
        column = problem.column
        if column is not None:
            column = self.headers.get(column, column)
        return replace(problem, sheet=self.sheet, column=column)

    def relabel(self, problems: Sequence[RowProblem]) -> list[RowProblem]:
        return [self.label(problem) for problem in problems]

    def error(self, error: CsvImportError) -> CsvImportError:
        """``error`` with every problem labelled."""
        return CsvImportError(self.relabel(error.problems), error.note)


def is_workbook(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is read as a workbook (by its suffix, any case)."""
    return os.fspath(path).casefold().endswith(XLSX_SUFFIXES)


def sheet_names(path: str | os.PathLike[str]) -> list[str]:
    """The names of a workbook's worksheets, in order (for choosing one)."""
    workbook = _open(path)
    try:
        return [sheet.title for sheet in workbook.worksheets]
    finally:
        workbook.close()


def read_xlsx_table_with_problems(
    path: str | os.PathLike[str],
    column_map: Mapping[str, str] | None = None,
    *,
    spec: ColumnSpec | None = None,
    sheet: str | None = None,
) -> tuple[CsvTable, list[RowProblem], SheetLabels]:
    """Read one sheet (``sheet`` by name, else the first) as ``read_csv_table_with_
    problems`` reads a CSV file: (the table, the problems of the rows left out of it,
    the labels that name places in the sheet).

    The problems name our columns, as a CSV file's do, so that the parsing and the
    planning that follow can add theirs; whoever reports them labels them all once
    with ``labels`` (``SheetLabels.error``). A workbook that cannot be read, a sheet
    that is not there or is empty, or a bad header raise ``CsvImportError``, labelled
    already; an unreadable path raises ``OSError``.
    """
    name = os.path.basename(os.fspath(path))
    workbook = _open(path)
    try:
        worksheets = workbook.worksheets
        if not worksheets:
            raise CsvImportError([RowProblem(1, None, f"{name} has no worksheet")])
        chosen = worksheets[0] if sheet is None else _find_sheet(worksheets, sheet, name)
        labels = SheetLabels(chosen.title)
        # A file's own record of its used range can be wrong (some programs write
        # A1:A1): read every row there is rather than trust it.
        chosen.reset_dimensions()
        records = _records(chosen)
    finally:
        workbook.close()
    note = _sheets_note(name, [s.title for s in worksheets], labels.sheet, sheet)

    if not records:
        raise CsvImportError(
            [
                RowProblem(
                    1, None, f"sheet {labels.sheet} of {name} is empty: a header row is required"
                )
            ],
            note,
        )
    header_row, raw_header = records[0]
    header = [_header_text(value) for value in raw_header]
    column_map = _with_spaced_names(header, column_map, spec)
    columns, problems = resolve_header(header, header_row, column_map, spec)
    labels = SheetLabels(
        labels.sheet,
        {column: text for column, text in zip(columns, header, strict=True) if column},
    )
    if problems:
        raise HeaderError(labels.relabel(problems), note, labels.sheet)

    rows: list[tuple[int, dict[str, str]]] = []
    bad_cells: set[tuple[int, str]] = set()
    width = len(header)
    for number, values in records[1:]:
        row_problems: list[RowProblem] = []
        refused: list[RowProblem] = []
        beyond = [i for i in range(width, len(values)) if _is_given(values[i])]
        if beyond:
            row_problems.append(
                RowProblem(
                    number,
                    None,
                    f"has a value in column {_letter(beyond[0])}, which has no header",
                )
            )
        cells: dict[str, str] = {}
        for index, column in enumerate(columns):
            value = values[index] if index < len(values) else _Value(None, "n")
            if column is None:
                if _is_given(value) and not header[index]:
                    row_problems.append(
                        RowProblem(
                            number,
                            None,
                            f"has a value in column {_letter(index)}, which has no header",
                        )
                    )
                continue
            try:
                text = _cell_text(value, column)
            except ValueError as error:
                refused.append(RowProblem(number, column, str(error)))
                bad_cells.add((number, column))
                continue
            if len(text) > FIELD_SIZE_LIMIT:
                row_problems.append(
                    RowProblem(number, column, f"is longer than {FIELD_SIZE_LIMIT:,} characters")
                )
                continue
            cells[column] = clean_cell(text)
        if row_problems:
            problems.extend(row_problems + refused)
            bad_cells.difference_update((number, p.column) for p in refused if p.column)
        else:
            problems.extend(refused)
            rows.append((number, cells))
    table = CsvTable(header=header, rows=rows, encoding=XLSX_ENCODING, note=note)
    return table, problems, replace(labels, bad_cells=frozenset(bad_cells))


# --- the workbook ---------------------------------------------------------------------


def _open(path: str | os.PathLike[str]) -> Any:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    name = os.path.basename(os.fspath(path))
    if os.fspath(path).casefold().endswith(".xls"):
        raise CsvImportError([RowProblem(1, None, _old_format(name))])
    # an unreadable path is an OSError, as for a CSV file, not a bad workbook
    with open(path, "rb"):
        pass
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as error:
        raise CsvImportError(
            [
                RowProblem(
                    1,
                    None,
                    f"{name} is not an Excel workbook that can be read ({error}); open it in "
                    "Excel and save it again as 'Excel Workbook (*.xlsx)', or as CSV",
                )
            ]
        ) from None


def _old_format(name: str) -> str:
    return (
        f"{name} is an Excel 97-2003 workbook (.xls), which cannot be read; open it in "
        "Excel and save it as 'Excel Workbook (*.xlsx)' or as CSV"
    )


def _find_sheet(worksheets: Sequence[Any], wanted: str, name: str) -> Any:
    for sheet in worksheets:
        if sheet.title == wanted:
            return sheet
    folded = [s for s in worksheets if s.title.casefold() == wanted.strip().casefold()]
    if len(folded) == 1:
        return folded[0]
    listed = ", ".join(s.title for s in worksheets)
    raise CsvImportError(
        [RowProblem(1, None, f"{name} has no sheet named {wanted!r} (its sheets: {listed})")]
    )


def _sheets_note(name: str, titles: Sequence[str], read: str, asked: str | None) -> str | None:
    """Say which sheet was read when the workbook has others and none was named."""
    if asked is not None or len(titles) < 2:
        return None
    others = ", ".join(t for t in titles if t != read)
    return (
        f"read the first sheet of {name}, {read}; it also has {others} "
        "(choose another sheet with --sheet NAME, or in the import wizard)"
    )


@dataclass(frozen=True, slots=True)
class _Value:
    """A cell's value and openpyxl's type letter for it (s, n, b, d, e)."""

    value: object
    data_type: str


def _records(sheet: Any, limit: int | None = None) -> list[tuple[int, list[_Value]]]:
    """The sheet's non-blank rows with their row numbers (blank rows keep their
    numbers, so they match what Excel shows); the first ``limit`` only, if given."""
    records: list[tuple[int, list[_Value]]] = []
    for number, row in enumerate(sheet.iter_rows(), start=1):
        values = [_Value(cell.value, cell.data_type) for cell in row]
        # trailing empty cells say nothing
        while values and not _is_given(values[-1]):
            values.pop()
        if values:
            records.append((number, values))
            if limit is not None and len(records) >= limit:
                break
    return records


def read_xlsx_head(
    path: str | os.PathLike[str], rows: int = 1, *, sheet: str | None = None
) -> CsvTable:
    """The header and the first ``rows`` data rows of a sheet (the first, or
    ``sheet``), reading no further (for choosing columns before the sheet is read in
    full). The rows are keyed by header (``header_key``), as a CSV head's are. Raises
    ``CsvImportError`` when the workbook or the sheet cannot be read, or is empty."""
    name = os.path.basename(os.fspath(path))
    workbook = _open(path)
    try:
        worksheets = workbook.worksheets
        if not worksheets:
            raise CsvImportError([RowProblem(1, None, f"{name} has no worksheet")])
        chosen = worksheets[0] if sheet is None else _find_sheet(worksheets, sheet, name)
        title = chosen.title
        chosen.reset_dimensions()
        records = _records(chosen, rows + 1)
    finally:
        workbook.close()
    if not records:
        empty = f"sheet {title} of {name} is empty: a header row is required"
        raise CsvImportError([RowProblem(1, None, empty)])
    header = [_header_text(value) for value in records[0][1]]
    table_rows: list[tuple[int, dict[str, str]]] = []
    for number, values in records[1:]:
        cells: dict[str, str] = {}
        for index, text in enumerate(header):
            key = header_key(text)
            if not key or index >= len(values):
                continue
            try:
                cells[key] = clean_cell(_cell_text(values[index], key))
            except ValueError:
                cells[key] = str(values[index].value)
        table_rows.append((number, cells))
    return CsvTable(header=header, rows=table_rows, encoding=XLSX_ENCODING, note=None)


def _is_given(value: _Value) -> bool:
    if value.value is None:
        return False
    return not (isinstance(value.value, str) and not value.value.strip())


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


# --- cells ------------------------------------------------------------------------------


def _header_text(value: _Value) -> str:
    if value.value is None:
        return ""
    if isinstance(value.value, float) and value.value.is_integer():
        return str(int(value.value))
    return unicodedata.normalize("NFC", str(value.value)).strip()


_SPACED = re.compile(r"[\s\-]+")


def _with_spaced_names(
    header: Sequence[str], column_map: Mapping[str, str] | None, spec: ColumnSpec | None
) -> Mapping[str, str] | None:
    """``column_map`` plus a mapping of each header that writes one of our columns with
    spaces or hyphens for its underscores ("Hire date" -> hire_date)."""
    if spec is None:
        return column_map
    known = {header_key(c) for c in spec.known}
    mapped = {header_key(k) for k in (column_map or {})}
    extra: dict[str, str] = {}
    for text in header:
        key = header_key(text)
        if not key or key in known or key in mapped:
            continue
        underscored = _SPACED.sub("_", key).strip("_")
        if underscored in known:
            extra[text] = underscored
    if not extra:
        return column_map
    return {**extra, **(column_map or {})}


def _cell_text(cell: _Value, column: str) -> str:
    """A cell's value as the text a CSV file would hold for it in ``column``."""
    value, data_type = cell.value, cell.data_type
    if value is None:
        return ""
    if data_type == "e":
        return _refuse_error(str(value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        if column in TIME_COLUMNS:
            return f"{value.hour:02d}:{value.minute:02d}" + _seconds(value.second)
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        if column in DATE_COLUMNS:
            raise ValueError(f"is a time ({value:%H:%M}), not a date")
        return f"{value.hour:02d}:{value.minute:02d}" + _seconds(value.second)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if column in ID_COLUMNS:
            if not value.is_integer():
                raise ValueError(
                    f"is the number {value!r}, not an ID; format the column as Text and "
                    "type the ID again"
                )
            return str(int(value))
        # as Excel shows it: at most 15 significant digits (a formula's 0.1 + 0.2 is
        # stored as 0.30000000000000004 and shown, and read, as 0.3)
        shown = float(f"{value:.15g}")
        if shown.is_integer() and abs(shown) < 1e15:
            return str(int(shown))
        return repr(shown)
    if isinstance(value, str):
        if data_type == "s" and value.startswith("#") and value in _ERRORS:
            return _refuse_error(value)
        return value
    return str(value)


def _seconds(second: int) -> str:
    # the time parser refuses seconds with its own message
    return f":{second:02d}" if second else ""


_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
)


def _refuse_error(error: str) -> str:
    raise ValueError(
        f"holds the spreadsheet error {error} (a formula that could not be worked out); "
        "correct the formula or type the value"
    )
