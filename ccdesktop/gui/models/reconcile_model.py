"""The three lists of a comparison with the MOPD report, as table models: entries in
ccdesktop only, rows on the MOPD report only, and what is on both. The lists are the
engine's (``domain.reconcile``); the models only show them."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any

from PySide6.QtCore import QObject, Qt

from ...domain.dates import format_date_us
from ...domain.hours import format_hours
from ...domain.reconcile import Reconciliation, ReportRow
from ...domain.records import TrainingEntry
from .table_base import AnyIndex, RowTableModel


class ListKind(Enum):
    ONLY_HERE = "here"
    ONLY_ON_REPORT = "report"
    ON_BOTH = "both"


_COLUMNS = {
    ListKind.ONLY_HERE: ("Person", "Date", "Training", "Course ID", "Hours", "What to check"),
    ListKind.ONLY_ON_REPORT: (
        "Row",
        "Person on the report",
        "Date",
        "Training",
        "Course ID",
        "Hours",
        "Note",
    ),
    ListKind.ON_BOTH: ("Person", "Date", "Training", "Course ID", "Hours"),
}
_RIGHT = {
    ListKind.ONLY_HERE: {4},
    ListKind.ONLY_ON_REPORT: {0, 5},
    ListKind.ON_BOTH: {4},
}


def _entry_cells(
    entry: TrainingEntry, names: Mapping[int, str], sort_names: Mapping[int, str]
) -> tuple[list[str], list[object]]:
    name = names.get(entry.staff_id, "?")
    texts = [
        name,
        format_date_us(entry.completed_on),
        entry.title,
        entry.course_id or "",
        format_hours(entry.clock_hours),
    ]
    keys: list[object] = [
        sort_names.get(entry.staff_id, name.casefold()),
        entry.completed_on,
        entry.title.casefold(),
        (entry.course_id or "").casefold(),
        entry.clock_hours,
    ]
    return texts, keys


def report_person(row: ReportRow, result: Reconciliation) -> str:
    """Who a report row names: the person on record, or what the row says."""
    person = result.staff_of_row.get(row.row)
    if person is None:
        return row.who
    return f"{person.full_name} ({row.mopd_id})" if row.mopd_id else person.full_name


class ReconcileListModel(RowTableModel):
    """One of the three lists. Rows are (display texts, sort keys) pairs, made once;
    the model sorts itself (dates and hours as such, names by last name)."""

    def __init__(self, kind: ListKind, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.columns = _COLUMNS[kind]
        self._rows: list[tuple[list[str], list[Any]]] = []
        self._entry_ids: list[int | None] = []

    def set_result(
        self,
        result: Reconciliation | None,
        names: Mapping[int, str],
        sort_names: Mapping[int, str],
    ) -> None:
        self.beginResetModel()
        self._rows, self._entry_ids = [], []
        if result is not None:
            if self.kind is ListKind.ONLY_HERE:
                for entry in result.only_here:
                    texts, keys = _entry_cells(entry, names, sort_names)
                    hint = result.hints.get(entry.id or 0, "")
                    self._add(texts + [hint], keys + [hint], entry.id)
            elif self.kind is ListKind.ON_BOTH:
                for match in result.on_both:
                    texts, keys = _entry_cells(match.entry, names, sort_names)
                    self._add(texts, keys, match.entry.id)
            else:
                for row in result.only_on_report:
                    self._add(*self._report_cells(row, result), None)
        self.endResetModel()

    def _add(self, texts: list[str], keys: list[object], entry_id: int | None) -> None:
        self._rows.append((texts, keys))
        self._entry_ids.append(entry_id)

    def _report_cells(
        self, row: ReportRow, result: Reconciliation
    ) -> tuple[list[str], list[object]]:
        entry = row.entry
        person = result.staff_of_row.get(row.row)
        if person is None:
            note = self.tr("no staff member on record: not imported until one is")
        elif row.row in result.near_rows:
            note = self.tr("nearly matches an entry: correct one of the two (not imported)")
        else:
            note = ""
        who = report_person(row, result)
        texts = [
            str(row.row),
            who,
            format_date_us(entry.completed_on),
            entry.title,
            entry.course_id or "",
            format_hours(entry.clock_hours),
            note,
        ]
        keys: list[object] = [
            row.row,
            who.casefold(),
            entry.completed_on,
            entry.title.casefold(),
            (entry.course_id or "").casefold(),
            entry.clock_hours,
            note,
        ]
        return texts, keys

    def entry_id_at(self, row: int) -> int | None:
        return self._entry_ids[row]

    def texts(self) -> list[list[str]]:
        """Every row's texts (for the tests and the count)."""
        return [list(texts) for texts, _ in self._rows]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        texts, _keys = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return texts[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return texts[column] or None  # a long title or hint in full
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _RIGHT[self.kind]:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        order_of = sorted(
            range(len(self._rows)),
            key=lambda i: self._rows[i][1][column],
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        new_row = {old: new for new, old in enumerate(order_of)}
        persistent = self.persistentIndexList()
        self._rows = [self._rows[i] for i in order_of]
        self._entry_ids = [self._entry_ids[i] for i in order_of]
        self.changePersistentIndexList(
            persistent,
            [self.index(new_row[index.row()], index.column()) for index in persistent],
        )
        self.layoutChanged.emit()
