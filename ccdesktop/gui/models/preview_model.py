"""The import wizard's preview: the file's rows as read, each bad row and cell marked.

A mark is never colour alone: a bad cell shows "⚠" before its value and the row's
first column says "✗", with the problem in the tooltip.

What the model shows is prepared by ``preview_contents``, plain Python that the
wizard runs in its worker thread with the reading of the file, so showing 100,000
rows costs the window only the swap.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

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

#: the rows looked at for the widest cell of each column
WIDEST_OF_ROWS = 200

_BAD_CELL = QBrush(QColor(255, 205, 205))
_BAD_ROW = QBrush(QColor(255, 236, 236))
_BAD_TEXT = QBrush(QColor(150, 0, 0))


@dataclass(frozen=True, slots=True)
class PreviewContents:
    """What the preview shows, ready for the model (see ``preview_contents``)."""

    columns: list[str] = field(default_factory=list)
    #: (spreadsheet row number, {column name: cell}); a column a row lacks is empty
    rows: Sequence[tuple[int, Mapping[str, str]]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    #: ``row N, column C: problem`` of each problem, in the same order
    problem_texts: list[str] = field(default_factory=list)
    #: messages by (model row, column index in ``columns``)
    cell_problems: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    #: problems of a whole row (their column is not shown), by model row; a row with
    #: only cell problems is here too, with no messages
    row_problems: dict[int, list[str]] = field(default_factory=dict)
    #: problems of a header cell (row 1), by column index in ``columns``
    header_problems: dict[int, list[str]] = field(default_factory=dict)
    #: the model rows that have a problem
    bad_rows: frozenset[int] = frozenset()
    #: the model row of each spreadsheet row number
    row_of: dict[int, int] = field(default_factory=dict)
    #: the columns (index in ``columns``) with a bad cell
    marked_columns: frozenset[int] = frozenset()
    #: how many spreadsheet rows have a problem (the header too)
    problem_rows: int = 0
    #: the longest cell of each column among the first ``WIDEST_OF_ROWS`` rows, for
    #: sizing the columns (Qt's own sizing asks the model for every role of each cell)
    widest: list[str] = field(default_factory=list)


def preview_contents(
    columns: Sequence[str],
    rows: Sequence[tuple[int, Mapping[str, str]]],
    problems: Sequence[RowProblem],
) -> PreviewContents:
    """The model's contents: ``rows`` are (spreadsheet row number, {column name: cell})
    as a read table holds them (kept, not copied); each problem marks its cell, or its
    whole row when its column is not shown. Plain Python, for any thread."""
    shown_rows = rows
    column_of = {header_key(name): index for index, name in enumerate(columns)}
    row_of = {number: index for index, (number, _cells) in enumerate(shown_rows)}
    cells: dict[tuple[int, int], list[str]] = defaultdict(list)
    whole_rows: dict[int, list[str]] = defaultdict(list)
    header: dict[int, list[str]] = defaultdict(list)
    for problem in problems:
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
    return PreviewContents(
        columns=list(columns),
        rows=shown_rows,
        problems=list(problems),
        problem_texts=[str(problem) for problem in problems],
        cell_problems=dict(cells),
        row_problems=dict(whole_rows),
        header_problems=dict(header),
        bad_rows=frozenset(whole_rows) | {row for row, _column in cells},
        row_of=row_of,
        marked_columns=frozenset(column for _row, column in cells),
        problem_rows=len({problem.row for problem in problems}),
        widest=[
            max((row.get(name, "") for _number, row in rows[:WIDEST_OF_ROWS]), key=len, default="")
            for name in columns
        ],
    )


class ImportPreviewModel(QAbstractTableModel):
    """Column 0 is the spreadsheet row number (with ✗ on a bad row); then the file's
    columns under the names they are read as. The vertical header repeats the row
    number, so a view can hide column 0 and keep the number in sight."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._set(PreviewContents())

    def _set(self, contents: PreviewContents) -> None:
        self._contents = contents
        self._columns = contents.columns
        self._rows = contents.rows
        self._cell_problems = contents.cell_problems
        self._row_problems = contents.row_problems
        self._header_problems = contents.header_problems
        self._problems = contents.problems
        self._bad_rows = contents.bad_rows

    def set_contents(
        self,
        columns: Sequence[str],
        rows: Sequence[tuple[int, Sequence[str]]],
        problems: Sequence[RowProblem],
    ) -> None:
        """``rows`` are (spreadsheet row number, cells in ``columns`` order); each
        problem marks its cell, or its whole row when its column is not shown."""
        keyed = [(number, dict(zip(columns, cells, strict=False))) for number, cells in rows]
        self.show_contents(preview_contents(columns, keyed, problems))

    def show_contents(self, contents: PreviewContents) -> None:
        """Show contents prepared by ``preview_contents`` (in any thread)."""
        self.beginResetModel()
        self._set(contents)
        self.endResetModel()

    def clear(self) -> None:
        self.show_contents(PreviewContents())

    # --- questions -----------------------------------------------------------------------

    def problems(self) -> list[RowProblem]:
        return list(self._problems)

    def has_problems(self) -> bool:
        return bool(self._problems)

    def problem_at(self, index: int) -> RowProblem:
        """The problem of ``problem_texts()[index]``."""
        return self._problems[index]

    def problem_texts(self) -> list[str]:
        """``row N, column C: problem`` for every problem, in row order."""
        return list(self._contents.problem_texts)

    def bad_rows(self) -> list[int]:
        """The spreadsheet row numbers of rows that have a problem."""
        return sorted(self._rows[row][0] for row in self._bad_rows)

    def row_of_number(self, number: int) -> int | None:
        return self._contents.row_of.get(number)

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
        value = cells.get(self._columns[column - 1], "")
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
