"""Writing a table of typed values to CSV or to an Excel workbook, the same way for
every export (staff, training, the audit's standings, the year-end plan).

A table is its columns (a name and the kind of value each holds) and its rows (one
value per column, ``None`` for an empty cell). ``write_table`` picks the format from
the file's suffix: ``.xlsx`` writes typed cells (``xlsx_write``), anything else CSV
text that Excel opens cleanly and our import reads back. Both are written to a
temporary file in the same folder and moved into place, so a failed write never
leaves half a file where the old one was.

For example (the year-end plan of issue 13)::

    columns = (
        Column("name"),
        Column("training", width=40),
        Column("due_on", CellKind.DATE),
        Column("hours_needed", CellKind.HOURS),
        Column("overdue", CellKind.BOOL),
    )
    write_table("plan-2025.xlsx", columns, rows, sheet_title="Plan 2025")

where each row is a sequence like ``("Ana Lopez", "Safe Sleep", date(2025, 12, 31),
350, False)``: hours are integer hundredths, as everywhere.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from typing import IO

from ..domain.dates import format_time_24h
from ..domain.hours import format_hours
from .csv_read import FORMULA_TRIGGERS


class CellKind(StrEnum):
    """What a column holds, and so how each format writes it."""

    #: a string (CSV: guarded against formulas; workbook: a text cell, never a formula)
    TEXT = "text"
    #: a ``date`` (CSV: YYYY-MM-DD; workbook: a date cell shown M/D/YYYY)
    DATE = "date"
    #: a ``time`` (CSV: HH:MM; workbook: a time cell shown h:mm AM/PM)
    TIME = "time"
    #: clock hours as integer hundredths (CSV: 1.5; workbook: a number shown 1.50)
    HOURS = "hours"
    #: an ``int`` (a count, a year)
    INTEGER = "integer"
    #: a ``bool`` (CSV: yes/no; workbook: TRUE/FALSE)
    BOOL = "bool"


@dataclass(frozen=True, slots=True)
class Column:
    """One column of an exported table: its header, its kind and, for a workbook, its
    width in characters (None: from the header and the kind)."""

    name: str
    kind: CellKind = CellKind.TEXT
    width: int | None = None


Row = Sequence[object]

#: the suffix that makes ``write_table`` write a workbook
XLSX_SUFFIX = ".xlsx"


def neutralise(text: str) -> str:
    """Guard a free-text CSV cell against formula injection (``=HYPERLINK(...)``)."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def csv_text(kind: CellKind, value: object) -> str:
    """A value as our CSV files write it (and our import reads it back)."""
    if value is None:
        return ""
    if kind is CellKind.TEXT:
        return neutralise(str(value))
    if kind is CellKind.DATE:
        assert isinstance(value, date)
        return (value.date() if isinstance(value, datetime) else value).isoformat()
    if kind is CellKind.TIME:
        assert isinstance(value, time)
        return format_time_24h(value) or ""
    if kind is CellKind.HOURS:
        assert isinstance(value, int)
        return format_hours(value)
    if kind is CellKind.BOOL:
        return "yes" if value else "no"
    return str(value)


def write_table(
    path: str | os.PathLike[str],
    columns: Sequence[Column],
    rows: Iterable[Row],
    *,
    sheet_title: str = "Sheet1",
) -> None:
    """Write the table to ``path``: a workbook when it ends in ``.xlsx`` (any case),
    else CSV. ``sheet_title`` names the workbook's one sheet."""
    if is_xlsx(path):
        from .xlsx_write import write_xlsx_table

        write_xlsx_table(path, columns, rows, sheet_title=sheet_title)
    else:
        write_csv_table(path, columns, rows)


def is_xlsx(path: str | os.PathLike[str]) -> bool:
    return os.fspath(path).casefold().endswith(XLSX_SUFFIX)


def write_csv_table(
    path: str | os.PathLike[str], columns: Sequence[Column], rows: Iterable[Row]
) -> None:
    """The table as UTF-8 CSV with a BOM (Excel on Windows needs it to see UTF-8)."""
    kinds = [column.kind for column in columns]

    names = [column.name for column in columns]

    def text_rows() -> Iterator[dict[str, str]]:
        for number, row in enumerate(rows, start=1):
            if len(row) != len(kinds):
                raise ValueError(f"row {number} has {len(row)} values for {len(kinds)} columns")
            yield {n: csv_text(k, v) for n, k, v in zip(names, kinds, row, strict=True)}

    def write(out: IO[bytes]) -> None:
        text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
        writer = csv.DictWriter(text, fieldnames=names, extrasaction="raise")
        writer.writeheader()
        writer.writerows(text_rows())
        text.flush()
        text.detach()  # the caller closes the file

    write_atomically(path, write)


def write_atomically(path: str | os.PathLike[str], write: Callable[[IO[bytes]], None]) -> None:
    """Call ``write`` with a temporary file beside ``path``, fsync it and move it into
    place; on any error the temporary file is removed and ``path`` left as it was."""
    target = os.path.abspath(os.fspath(path))
    folder, name = os.path.split(target)
    handle, temp_path = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        with open(handle, "w+b") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp_path, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_path)
        raise
