"""The dashboard: everyone the year asks hours of, those at risk first.

The order and every figure come from the audit's standings; the model formats them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from ...domain.codes import Status
from ...domain.hours import format_hours
from .staff_roles import STAFF_ID_ROLE, status_brush
from .table_base import AnyIndex, RowTableModel

if TYPE_CHECKING:  # the engine is imported by the first audit, after the first paint
    from ...domain.audit import StaffStanding
    from ...domain.requirements import RequirementStatus

#: (counted, required) hundredths of the progress column, for the bar delegate
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 3

COLUMNS = (
    "Name",
    "Status",
    "Counted of required",
    "Owed earlier",
    "Needed",
    "Denied",
    "Warnings",
    "Required trainings",
)

TOOLTIPS = (
    "Last name, first name",
    "short: still needs hours; met: has what the year asks",
    "Hours that count for the year, of the hours the year asks for",
    "Hours missed in earlier years that are still not made up",
    "Hours still needed: what is owed from earlier years plus what the year still asks",
    "Entries of the year that earn no credit",
    "Entries of the year with a warning, plus a missing MOPD ID",
    "Required trainings (Settings) that are overdue, due soon or missing today",
)
(
    NAME_COLUMN,
    STATUS_COLUMN,
    PROGRESS_COLUMN,
    PRIOR_COLUMN,
    NEEDED_COLUMN,
    DENIED_COLUMN,
    WARNINGS_COLUMN,
    REQUIRED_COLUMN,
) = range(len(COLUMNS))

_REQUIRED_BRUSHES = {
    "action": QBrush(QColor(170, 20, 20)),
    "due": QBrush(QColor(140, 90, 0)),
    "current": QBrush(QColor(20, 110, 40)),
}

NUMBER_COLUMNS = (PRIOR_COLUMN, NEEDED_COLUMN, DENIED_COLUMN, WARNINGS_COLUMN)


def progress_text(standing: StaffStanding) -> str:
    """ "9 of 12 h" """
    return f"{format_hours(standing.counted)} of {format_hours(standing.required)} h"


def at_risk_order(standings: Sequence[StaffStanding]) -> list[StaffStanding]:
    """Those who require hours, short first (most hours needed first), then met,
    each by name (the audit lists standings by name already)."""
    needing = [s for s in standings if s.requires_hours]
    return sorted(
        needing,
        key=lambda s: (s.status is not Status.SHORT, -s.hours_needed),
    )


def warning_total(standing: StaffStanding) -> int:
    """Entries of the year with a warning, plus the person's own (no MOPD ID)."""
    return standing.warning_count + len(standing.warnings)


class DashboardModel(RowTableModel):
    columns = COLUMNS
    tooltips = TOOLTIPS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[StaffStanding] = []
        self._texts: list[tuple[str, ...]] = []
        self._required: list[tuple[str, str]] = []  # (summary, brush key)
        self._required_tips: list[str] = []

    def set_standings(
        self,
        standings: Sequence[StaffStanding],
        requirements: Mapping[int, Sequence[RequirementStatus]] | None = None,
    ) -> None:
        """Show ``standings``, and each person's required trainings (the engine's
        statuses as of today) when given."""
        self.beginResetModel()
        self._rows = at_risk_order(standings)
        self._required, self._required_tips = _required_texts(self._rows, requirements)
        self._texts = [
            (
                s.staff.sort_name,
                s.status.value,
                progress_text(s),
                format_hours(s.prior_deficit_remaining),
                format_hours(s.hours_needed),
                str(s.denied_count),
                str(warning_total(s)),
                self._required[row][0],
            )
            for row, s in enumerate(self._rows)
        ]
        self.endResetModel()

    def standing_at(self, row: int) -> StaffStanding:
        return self._rows[row]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        standing = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._texts[index.row()][column]
        if role == STAFF_ID_ROLE:
            return standing.staff.id
        if role == PROGRESS_ROLE and column == PROGRESS_COLUMN:
            return (standing.counted, standing.required)
        if role == Qt.ItemDataRole.ForegroundRole and column in (STATUS_COLUMN, NEEDED_COLUMN):
            return status_brush(standing.status)
        if role == Qt.ItemDataRole.ForegroundRole and column == REQUIRED_COLUMN:
            return _REQUIRED_BRUSHES.get(self._required[index.row()][1])
        if role == Qt.ItemDataRole.ToolTipRole and column == REQUIRED_COLUMN:
            return self._required_tips[index.row()] or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMBER_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == WARNINGS_COLUMN:
            # with the engine, after the first paint (see _required_texts)
            from ...domain.explain import explain

            parts = [explain(code).label for code in standing.warnings]
            if standing.warning_count:
                parts.append(self.tr("{0} entries with a warning").format(standing.warning_count))
            return "; ".join(parts) or None
        return None


def _required_texts(
    rows: Sequence[StaffStanding],
    requirements: Mapping[int, Sequence[RequirementStatus]] | None,
) -> tuple[list[tuple[str, str]], list[str]]:
    """Per row: the summary of the person's required trainings with its colour, and a
    tooltip with every status."""
    if requirements is None:
        return [("", "")] * len(rows), [""] * len(rows)
    # here, not at the top: the engine's modules come after the window's first paint
    # (the start-up benchmark), and the model is part of that first frame
    from ...domain.requirements import RequirementState, describe_status, summarise

    summaries, tips = [], []
    for standing in rows:
        own = [s for s in requirements.get(standing.staff.id or 0, ()) if s.applies]
        text = summarise(own)
        states = {s.state for s in own}
        if states & {RequirementState.OVERDUE, RequirementState.MISSING}:
            key, mark = "action", "✗ "
        elif RequirementState.DUE in states:
            key, mark = "due", "⚠ "
        else:
            key, mark = ("current", "✓ ") if own else ("", "")
        summaries.append((mark + text if text else "—", key))
        tips.append("\n".join(f"{s.kind.name}: {describe_status(s)}" for s in own))
    return summaries, tips
