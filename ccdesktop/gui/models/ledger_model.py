"""One person's ledger year by year (RULES.md section 5), as the engine walked it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt

from ...domain.hours import format_hours
from ...domain.ledger import YearLedger
from .table_base import AnyIndex, RowTableModel

COLUMNS = (
    "Year",
    "Required",
    "Earned",
    "Applied to earlier years",
    "Counted",
    "Deficit",
    "Still owed after",
)
(
    YEAR_COLUMN,
    REQUIRED_COLUMN,
    EARNED_COLUMN,
    APPLIED_COLUMN,
    COUNTED_COLUMN,
    DEFICIT_COLUMN,
    OWED_COLUMN,
) = range(len(COLUMNS))

TOOLTIPS = (
    "The calendar year",
    "Clock hours the year asks for",
    "Credited hours completed in the year (denied entries earn nothing)",
    "Hours of the year used to make up earlier years' missed hours, oldest first",
    "Hours that count for the year itself",
    "Hours the year fell short by",
    "Every unmet deficit after the year, oldest first",
)


def applied_text(applied: Sequence[tuple[int, int]]) -> str:
    """ "4 to 2023", "1 to 2023, 2 to 2024", or "" when nothing was applied."""
    return ", ".join(f"{format_hours(hours)} to {year}" for year, hours in applied)


def owed_text(unmet: Sequence[tuple[int, int]]) -> str:
    """ "4 (2023)", "1 (2023), 3 (2024)", or "none"."""
    if not unmet:
        return "none"
    return ", ".join(f"{format_hours(hours)} ({year})" for year, hours in unmet)


class LedgerTableModel(RowTableModel):
    columns = COLUMNS
    tooltips = TOOLTIPS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[YearLedger, ...] = ()
        self._texts: list[tuple[str, ...]] = []

    def set_ledger(self, ledger: Sequence[YearLedger]) -> None:
        self.beginResetModel()
        self._rows = tuple(ledger)
        self._texts = [
            (
                str(row.year),
                format_hours(row.required),
                format_hours(row.earned),
                applied_text(row.applied_to_prior),
                format_hours(row.counted),
                format_hours(row.deficit_added),
                owed_text(row.unmet_after),
            )
            for row in self._rows
        ]
        self.endResetModel()

    def year_at(self, row: int) -> YearLedger:
        return self._rows[row]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._texts[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() not in (
            APPLIED_COLUMN,
            OWED_COLUMN,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
