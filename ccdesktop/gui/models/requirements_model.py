"""One person's required trainings (issue 13), each with the engine's status as of
today: the Staff page's "Required trainings" tab.

The statuses and every word come from ``domain.requirements``; the model lays them
out, marks each state with a symbol as well as a colour (never colour alone).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from ...domain.dates import format_date_us
from ...domain.requirements import (
    RequirementState,
    RequirementStatus,
    describe_met_by,
    describe_status,
)
from .table_base import AnyIndex, RowTableModel

COLUMNS = ("Required training", "Status", "Met by", "Planned")
TOOLTIPS = (
    "The center's required training (Settings > Required trainings)",
    "Current until a day, due soon, overdue, or missing, as of today",
    "The training or card on record that meets it",
    "A training entered for a later date that would meet it (not counted until done)",
)
NAME_COLUMN, STATUS_COLUMN, MET_BY_COLUMN, PLANNED_COLUMN = range(len(COLUMNS))

MARKS: Mapping[RequirementState, str] = {
    RequirementState.CURRENT: "✓",
    RequirementState.DUE: "⚠",
    RequirementState.OVERDUE: "✗",
    RequirementState.MISSING: "✗",
    RequirementState.NOT_APPLICABLE: "—",
}

_BRUSHES: Mapping[RequirementState, QBrush] = {
    RequirementState.CURRENT: QBrush(QColor(20, 110, 40)),
    RequirementState.DUE: QBrush(QColor(140, 90, 0)),
    RequirementState.OVERDUE: QBrush(QColor(170, 20, 20)),
    RequirementState.MISSING: QBrush(QColor(170, 20, 20)),
    RequirementState.NOT_APPLICABLE: QBrush(QColor(100, 100, 100)),
}


def state_brush(state: RequirementState) -> QBrush:
    return _BRUSHES[state]


def status_text(status: RequirementStatus) -> str:
    """ "✗ overdue since 3/5/2026": the engine's words with the state's mark."""
    return f"{MARKS[status.state]} {describe_status(status)}"


def planned_text(status: RequirementStatus) -> str:
    planned = status.planned
    if planned is None:
        return ""
    text = f"{planned.title}, {format_date_us(planned.completed_on)}"
    if not status.planned_in_time:
        text += " (after it is due)"
    return text


class RequirementsTableModel(RowTableModel):
    columns = COLUMNS
    tooltips = TOOLTIPS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RequirementStatus] = []
        self._texts: list[tuple[str, ...]] = []

    def set_statuses(self, statuses: Sequence[RequirementStatus]) -> None:
        """Show ``statuses`` (one person's), those that apply first, in list order."""
        self.beginResetModel()
        self._rows = sorted(statuses, key=lambda s: not s.applies)  # stable
        self._texts = [
            (
                s.kind.name,
                status_text(s),
                describe_met_by(s.met_by) if s.applies else "",
                planned_text(s),
            )
            for s in self._rows
        ]
        self.endResetModel()

    def status_at(self, row: int) -> RequirementStatus:
        return self._rows[row]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        status = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._texts[index.row()][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            # the whole text, for a column too narrow for it
            return self._texts[index.row()][column] or None
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS_COLUMN:
            return state_brush(status.state)
        return None
