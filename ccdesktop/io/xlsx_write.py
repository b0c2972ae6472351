"""Writing a table (``tables.Column`` + rows) to an Excel workbook with typed cells.

Dates are date cells shown M/D/YYYY, times time cells shown h:mm AM/PM, clock hours
numbers shown with 2 decimals (written as exact decimals, never binary floats),
yes/no columns TRUE/FALSE cells, text text cells. The header row is bold and frozen,
each column a width to fit its header and kind. A workbook opened in Excel, or read
back by our import, gives the same values a CSV export would.

Text is always a text cell: a title that starts with ``=`` is shown as typed and never
run as a formula, so the apostrophe guard of the CSV export is not needed here.
Control characters a workbook cannot hold are written as spaces; a text longer than
an Excel cell can hold (32,767 characters) is refused with its row and column named,
rather than cut short.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from .tables import CellKind, Column, Row, write_atomically

#: how Excel shows each kind (US forms, as a Missouri director reads them)
NUMBER_FORMATS = {
    CellKind.DATE: "m/d/yyyy",
    CellKind.TIME: "h:mm AM/PM",
    CellKind.HOURS: "0.00",
    CellKind.INTEGER: "0",
}

#: the most characters an Excel cell holds
MAX_CELL_TEXT = 32_767

#: column widths (characters) by kind, when the header is shorter
_KIND_WIDTHS = {
    CellKind.TEXT: 14,
    CellKind.DATE: 11,
    CellKind.TIME: 10,
    CellKind.HOURS: 8,
    CellKind.INTEGER: 8,
    CellKind.BOOL: 7,
}
MAX_WIDTH = 60

#: Excel's limit for a sheet's name, and the characters it refuses in one
MAX_SHEET_TITLE = 31
_SHEET_TITLE_REFUSED = str.maketrans({c: " " for c in "[]:*?/\\"})


def write_xlsx_table(
    path: str | os.PathLike[str],
    columns: Sequence[Column],
    rows: Iterable[Row],
    *,
    sheet_title: str = "Sheet1",
) -> None:
    """Write the table as the one sheet of a new workbook at ``path`` (atomically).

    Raises ``ValueError`` naming the row and column of a text too long for a cell.
    """

    def write(out: IO[bytes]) -> None:
        workbook = Workbook(write_only=True)
        sheet: WriteOnlyWorksheet = workbook.create_sheet(sheet_name(sheet_title))
        sheet.freeze_panes = "A2"
        # a write-only sheet has column dimensions (set before the first row), but the
        # type stubs do not know it
        dimensions: Any = sheet.column_dimensions  # type: ignore[attr-defined]
        for index, column in enumerate(columns, start=1):
            width = column.width or max(len(column.name) + 2, _KIND_WIDTHS[column.kind])
            dimensions[get_column_letter(index)].width = min(width, MAX_WIDTH)
        bold = Font(bold=True)
        header = []
        for column in columns:
            cell = WriteOnlyCell(sheet, value=column.name)
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            header.append(cell)
        sheet.append(header)
        try:
            for number, row in enumerate(rows, start=2):
                if len(row) != len(columns):
                    raise ValueError(
                        f"row {number} has {len(row)} values for {len(columns)} columns"
                    )
                sheet.append(
                    [
                        _cell(sheet, column, value, number)
                        for column, value in zip(columns, row, strict=True)
                    ]
                )
        except BaseException:
            # finish the sheet's writer (it streams into a temporary file of its own),
            # or it complains when it is collected
            with contextlib.suppress(Exception):
                sheet.close()
            raise
        workbook.save(out)

    write_atomically(path, write)


def sheet_name(title: str) -> str:
    """``title`` as Excel allows a sheet's name: no ``[]:*?/\\``, at most 31 characters."""
    cleaned = " ".join(title.translate(_SHEET_TITLE_REFUSED).split())
    return cleaned[:MAX_SHEET_TITLE] or "Sheet1"


def _cell(sheet: WriteOnlyWorksheet, column: Column, value: object, row: int) -> object:
    if value is None:
        return None
    kind = column.kind
    if kind is CellKind.TEXT:
        text = ILLEGAL_CHARACTERS_RE.sub(" ", str(value))
        if len(text) > MAX_CELL_TEXT:
            raise ValueError(
                f"row {row}, column {column.name}: the text is {len(text):,} characters, more "
                f"than an Excel cell holds ({MAX_CELL_TEXT:,}); export to CSV instead"
            )
        cell = WriteOnlyCell(sheet, value=text)
        cell.data_type = "s"  # never a formula, whatever it starts with
        return cell
    typed: Any  # the stubs allow fewer kinds of value than openpyxl writes
    if kind is CellKind.HOURS:
        assert isinstance(value, int)
        typed = Decimal(value) / 100  # exact: 0.1 h is written as 0.1, not a binary float
    elif kind is CellKind.DATE:
        assert isinstance(value, date)
        typed = value.date() if isinstance(value, datetime) else value
    elif kind is CellKind.TIME:
        assert isinstance(value, time)
        typed = value
    elif kind is CellKind.BOOL:
        return bool(value)
    else:
        typed = value
    cell = WriteOnlyCell(sheet, value=typed)
    cell.number_format = NUMBER_FORMATS[kind]
    return cell
