"""The flags of a year: each denial reason and warning as one row, in plain words.

All wording comes from ``domain.explain`` so the window and the PDF explain a flag the
same way; this model only lays the sentences out in columns.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from ...domain.audit import Audit
from ...domain.codes import Reason, WarningCode
from ...domain.dates import format_date_us
from ...domain.explain import (
    describe_reason,
    describe_warnings,
    explain,
    first_credited_date,
)
from ...domain.records import Staff, TrainingEntry
from .table_base import AnyIndex, RowTableModel

COLUMNS = ("Person", "Training", "Flag", "Why", "Rule", "What you can do")
PERSON_COLUMN, TRAINING_COLUMN, FLAG_COLUMN, WHY_COLUMN, RULE_COLUMN, REMEDY_COLUMN = range(6)

#: the FlagRow of a row
FLAG_ROLE = Qt.ItemDataRole.UserRole + 1

_DENIED_BRUSH = QBrush(QColor(170, 20, 20))
_WARNING_BRUSH = QBrush(QColor(140, 90, 0))


@dataclass(frozen=True, slots=True)
class FlagRow:
    """One denial reason or warning of one entry, or a staff member's warning."""

    code: Reason | WarningCode
    staff: Staff
    entry: TrainingEntry | None
    #: the specific sentences, e.g. "overlaps Safe Sleep 9:00-10:00 AM on 3/4/2025"
    details: str
    texts: tuple[str, ...]
    #: the entry is planned (dated after today): it would be denied or warned of
    planned: bool = False

    @property
    def denied(self) -> bool:
        return isinstance(self.code, Reason)

    @property
    def rule(self) -> str:
        """The rule in full (the quoted DESE guidance, or the app's own check)."""
        return explain(self.code).rule

    @property
    def reason(self) -> str:
        return explain(self.code).reason

    @property
    def remedy(self) -> str:
        return explain(self.code).remedy


def _flag_text(code: Reason | WarningCode, planned: bool = False) -> str:
    label = explain(code).label
    if planned and isinstance(code, Reason):
        return f"✗ Planned, would be denied: {label}"
    return f"✗ Denied: {label}" if isinstance(code, Reason) else f"⚠ Warning: {label}"


def _row(
    code: Reason | WarningCode,
    staff: Staff,
    entry: TrainingEntry | None,
    details: str,
    planned: bool = False,
) -> FlagRow:
    explanation = explain(code)
    training = (
        f"{entry.title}, {format_date_us(entry.completed_on)}"
        if entry is not None
        else "Staff record"
    )
    texts = (
        staff.sort_name,
        training,
        _flag_text(code, planned),
        details or explanation.reason,
        explanation.rule_source,
        explanation.remedy,
    )
    return FlagRow(code, staff, entry, details, texts, planned)


def build_flags(audit: Audit) -> list[FlagRow]:
    """Every flag of the audited year: staff warnings first for each person, then each
    entry's denial reasons and warnings in completion order."""
    entries_by_id = audit.entries_by_id  # a repeat names an earlier year's entry
    staff_by_id = {standing.staff.id: standing.staff for standing in audit.staff}
    rows: list[FlagRow] = []
    for standing in audit.staff:
        for code in standing.warnings:
            rows.append(_row(code, standing.staff, None, ""))
    for result in audit.entries:
        entry, verdict = result.entry, result.verdict
        staff = staff_by_id.get(entry.staff_id)
        if staff is None:
            continue
        for reason in verdict.reasons:
            details = "; ".join(describe_reason(reason, entry, verdict, entries_by_id))
            first = first_credited_date(verdict, entries_by_id) if result.planned else None
            if first is not None:  # planned: the day the same course earns credit again
                details += f"; first credited date {format_date_us(first)}"
            rows.append(_row(reason, staff, entry, details, result.planned))
        for code in verdict.warnings:
            one = dataclasses.replace(verdict, warnings=(code,))
            said = describe_warnings(
                entry,
                one,
                entries_by_id,
                audit.staff_names,
                report_on=audit.center.mopd_report_on,
            )
            rows.append(_row(code, staff, entry, "; ".join(said), result.planned))
    return rows


class FlagsTableModel(RowTableModel):
    columns = COLUMNS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[FlagRow] = []

    def set_flags(self, rows: list[FlagRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def flag_at(self, row: int) -> FlagRow:
        return self._rows[row]

    def flags_list(self) -> list[FlagRow]:
        return list(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        flag = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return flag.texts[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == RULE_COLUMN:
                return flag.rule
            if column == WHY_COLUMN:
                return f"{flag.texts[WHY_COLUMN]}\n{flag.reason}"
            return flag.texts[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == FLAG_COLUMN:
            return _DENIED_BRUSH if flag.denied else _WARNING_BRUSH
        if role == FLAG_ROLE:
            return flag
        return None
