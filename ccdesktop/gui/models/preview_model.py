"""The import wizard's preview: the file's rows as read, each bad row and cell marked.

A mark is never colour alone: a bad cell shows "⚠" before its value and the row's
first column says "✗", with the problem in the tooltip.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...io.csv_read import RowProblem, header_key

AnyIndex = QModelIndex | QPersistentModelIndex

CELL_MARK = "⚠"
ROW_MARK = "✗"
#: the spreadsheet row number of a row (int)
ROW_NUMBER_ROLE = Qt.ItemDataRole.UserRole + 1
#: whether a cell (or, in column 0, its row) has a problem (bool)
HAS_PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 2

_BAD_CELL = QBrush(QColor(255, 205, 205))
_BAD_ROW = QBrush(QColor(255, 236, 236))
_BAD_TEXT = QBrush(QColor(150, 0, 0))


class ImportPreviewModel(QAbstractTableModel):
    """Column 0 is the spreadsheet row number (with ✗ on a bad row); then the file's
    columns under the names they are read as. The vertical header repeats the row
    number, so a view can hide column 0 and keep the number in sight."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns: list[str] = []
        self._rows: list[tuple[int, list[str]]] = []
        self._cell_problems: dict[tuple[int, int], list[str]] = {}
        self._row_problems: dict[int, list[str]] = {}
        self._header_problems: dict[int, list[str]] = {}
        self._problems: list[RowProblem] = []
        self._bad_rows: set[int] = set()

    def set_contents(
        self,
        columns: Sequence[str],
        rows: Sequence[tuple[int, Sequence[str]]],
        problems: Sequence[RowProblem],
    ) -> None:
        """``rows`` are (spreadsheet row number, cells in ``columns`` order); each
        problem marks its cell, or its whole row when its column is not shown."""
        self.beginResetModel()
        self._columns = list(columns)
        self._rows = [(number, list(cells)) for number, cells in rows]
        self._problems = list(problems)
        column_of = {header_key(name): index for index, name in enumerate(self._columns)}
        row_of = {number: index for index, (number, _cells) in enumerate(self._rows)}
        cells: dict[tuple[int, int], list[str]] = defaultdict(list)
        whole_rows: dict[int, list[str]] = defaultdict(list)
        header: dict[int, list[str]] = defaultdict(list)
        for problem in self._problems:
            column = column_of.get(header_key(problem.column)) if problem.column else None
            row = row_of.get(problem.row)
            if row is None:
                # the header row (or a row that could not be read at all)
                if column is not None and problem.row == 1:
                    header[column].append(problem.message)
                continue
            if column is None:
                whole_rows[row].append(str(problem))
            else:
                cells[(row, column)].append(problem.message)
                whole_rows.setdefault(row, [])
        self._cell_problems = dict(cells)
        self._row_problems = dict(whole_rows)
        self._header_problems = dict(header)
        self._bad_rows = set(whole_rows) | {row for row, _column in cells}
        self.endResetModel()

    # --- questions -----------------------------------------------------------------------

    def problems(self) -> list[RowProblem]:
        return list(self._problems)

    def problem_texts(self) -> list[str]:
        """``row N, column C: problem`` for every problem, in row order."""
        return [str(problem) for problem in self._problems]

    def bad_rows(self) -> list[int]:
        """The spreadsheet row numbers of rows that have a problem."""
        return sorted(self._rows[row][0] for row in self._bad_rows)

    def row_of_number(self, number: int) -> int | None:
        for index, (row_number, _cells) in enumerate(self._rows):
            if row_number == number:
                return index
        return None

    def columns(self) -> list[str]:
        return list(self._columns)

    # --- Qt model ----------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns) + 1

    def headerData(  # noqa: N802 - Qt's name
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if orientation == Qt.Orientation.Vertical:
            # the row number again, for a view that keeps it in sight while scrolling
            if not 0 <= section < len(self._rows):
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                number = self._rows[section][0]
                return f"{ROW_MARK} {number}" if section in self._bad_rows else str(number)
            if role == Qt.ItemDataRole.ToolTipRole and section in self._bad_rows:
                return "\n".join(self._row_tooltip(section))
            return None
        if not 0 <= section <= len(self._columns):
            return None
        problems = self._header_problems.get(section - 1, [])
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return self.tr("Row")
            name = self._columns[section - 1]
            return f"{CELL_MARK} {name}" if problems else name
        if role == Qt.ItemDataRole.ToolTipRole and problems:
            return "\n".join(problems)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        number, cells = self._rows[row]
        bad_row = row in self._bad_rows
        if column == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{ROW_MARK} {number}" if bad_row else str(number)
            if role == ROW_NUMBER_ROLE:
                return number
            if role == HAS_PROBLEM_ROLE:
                return bad_row
            if role == Qt.ItemDataRole.ToolTipRole and bad_row:
                return "\n".join(self._row_tooltip(row))
            if role == Qt.ItemDataRole.BackgroundRole and bad_row:
                return _BAD_CELL
            if role == Qt.ItemDataRole.ForegroundRole and bad_row:
                return _BAD_TEXT
            return None
        value = cells[column - 1] if column - 1 < len(cells) else ""
        problems = self._cell_problems.get((row, column - 1))
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{CELL_MARK} {value}".rstrip() if problems else value
        if role == ROW_NUMBER_ROLE:
            return number
        if role == HAS_PROBLEM_ROLE:
            return bool(problems)
        if role == Qt.ItemDataRole.ToolTipRole:
            if problems:
                return "\n".join(problems)
            if bad_row and self._row_problems.get(row):
                return "\n".join(self._row_problems[row])
            return value or None
        if role == Qt.ItemDataRole.BackgroundRole:
            if problems:
                return _BAD_CELL
            if bad_row:
                return _BAD_ROW
        if role == Qt.ItemDataRole.ForegroundRole and problems:
            return _BAD_TEXT
        return None

    def _row_tooltip(self, row: int) -> list[str]:
        lines = list(self._row_problems.get(row, []))
        for (cell_row, column), messages in self._cell_problems.items():
            if cell_row == row:
                lines += [f"{self._columns[column]}: {m}" for m in messages]
        return lines
