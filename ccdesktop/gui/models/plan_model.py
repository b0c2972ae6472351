"""The year-end plan (issue 13) as a table: one row per person, most urgent first.

The order and every figure come from ``domain.plan``; the model formats them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from ...domain.hours import format_hours
from ...domain.plan import PersonPlan, YearEndPlan, do_by_words, requirement_lines
from .staff_roles import STAFF_ID_ROLE
from .table_base import AnyIndex, RowTableModel

COLUMNS = ("Name", "Hours needed", "Planned", "Gap", "Do by", "Required trainings to do")
TOOLTIPS = (
    "Last name, first name",
    "Hours still needed by December 31 (hours missed in earlier years first)",
    "Hours of trainings entered for later dates that would earn credit (counted once done)",
    "Hours still needed even if every planned training happens",
    "The earliest day something must be done by: overdue first",
    "Required trainings that will not be current by December 31 or the next inspection",
)
NAME_COLUMN, NEEDED_COLUMN, PLANNED_COLUMN, GAP_COLUMN, DO_BY_COLUMN, REQUIRED_COLUMN = range(
    len(COLUMNS)
)
NUMBER_COLUMNS = (NEEDED_COLUMN, PLANNED_COLUMN, GAP_COLUMN)

_OVERDUE_BRUSH = QBrush(QColor(170, 20, 20))
_ON_TRACK_BRUSH = QBrush(QColor(20, 110, 40))


class PlanTableModel(RowTableModel):
    columns = COLUMNS
    tooltips = TOOLTIPS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PersonPlan] = []
        self._texts: list[tuple[str, ...]] = []
        self._tips: list[str] = []
        self._today: date | None = None

    def set_plan(self, plan: YearEndPlan | None, *, on_track: bool = False) -> None:
        """Show ``plan``'s people (those on track too, last, when ``on_track``)."""
        self.beginResetModel()
        people: Sequence[PersonPlan] = () if plan is None else plan.people
        self._rows = [p for p in people if on_track or not p.on_track]
        self._today = None if plan is None else plan.today
        self._texts, self._tips = [], []
        for person in self._rows:
            assert plan is not None
            lines = requirement_lines(plan, person)
            do_by = do_by_words(person, plan.today)
            self._texts.append(
                (
                    person.standing.staff.sort_name,
                    format_hours(person.hours_needed),
                    format_hours(person.planned),
                    format_hours(person.gap),
                    do_by or "on track",
                    "; ".join(lines) or "—",
                )
            )
            self._tips.append("\n".join(lines))
        self.endResetModel()

    def person_at(self, row: int) -> PersonPlan:
        return self._rows[row]

    def row_of(self, staff_id: int) -> int | None:
        for row, person in enumerate(self._rows):
            if person.standing.staff.id == staff_id:
                return row
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        person = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._texts[index.row()][column]
        if role == STAFF_ID_ROLE:
            return person.standing.staff.id
        if role == Qt.ItemDataRole.ToolTipRole and column == REQUIRED_COLUMN:
            return self._tips[index.row()] or None
        if role == Qt.ItemDataRole.ForegroundRole and column == DO_BY_COLUMN:
            if person.on_track:
                return _ON_TRACK_BRUSH
            urgent, today = person.urgent_on, self._today
            if today is not None and urgent is not None and urgent <= today:
                return _OVERDUE_BRUSH
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMBER_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
