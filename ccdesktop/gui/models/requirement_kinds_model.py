"""The center's list of required trainings (issue 13), as the Settings page shows it:
one row per kind, what it asks in a few words."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt

from ...domain.records import AppliesTo, MetBy, RequirementKind
from .table_base import AnyIndex, RowTableModel

COLUMNS = ("Required training", "Who needs it", "Met by", "Lasts", "New hires")
TOOLTIPS = (
    "The name the window, the report and the plan show",
    "The caregivers it applies to",
    "A training entry (its course ID or title), or a credential such as a CPR card",
    "How long a completion keeps it current",
    "By when a new hire must have it",
)


def who_text(kind: RequirementKind, licensed_for_infants: bool) -> str:
    if kind.applies_to is AppliesTo.ROLES:
        text = "roles: " + ", ".join(kind.roles) if kind.roles else "roles: (none listed)"
    elif kind.applies_to is AppliesTo.INFANT_ROOM:
        text = "infant-room caregivers"
    else:
        text = "all caregivers"
    if kind.for_infant_programs:
        text += (
            " (programs licensed for infants)"
            if licensed_for_infants
            else " (not in use: the program is not licensed for infants)"
        )
    return text


def met_by_text(kind: RequirementKind) -> str:
    what = "credential" if kind.met_by is MetBy.CREDENTIAL else "training"
    matches = ", ".join(f"\u201c{m}\u201d" for m in kind.matches) or "(nothing listed)"
    return f"{what}: {matches}"


def lasts_text(kind: RequirementKind) -> str:
    if kind.lasts_months is not None:
        return f"{kind.lasts_months} months"
    if kind.met_by is MetBy.CREDENTIAL:
        return "until the card's expiry"
    return "does not lapse"


def new_hire_text(kind: RequirementKind) -> str:
    if kind.new_hire_days is None:
        return "no deadline"
    if kind.new_hire_days == 0:
        return "before starting"
    return f"within {kind.new_hire_days} days"


class RequirementKindsModel(RowTableModel):
    columns = COLUMNS
    tooltips = TOOLTIPS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RequirementKind] = []
        self._texts: list[tuple[str, ...]] = []

    def set_kinds(self, kinds: Sequence[RequirementKind], licensed_for_infants: bool) -> None:
        self.beginResetModel()
        self._rows = list(kinds)
        self._texts = [
            (
                k.name,
                who_text(k, licensed_for_infants),
                met_by_text(k),
                lasts_text(k),
                new_hire_text(k),
            )
            for k in self._rows
        ]
        self.endResetModel()

    def kind_at(self, row: int) -> RequirementKind:
        return self._rows[row]

    def kinds(self) -> tuple[RequirementKind, ...]:
        return tuple(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return self._texts[index.row()][index.column()]
        return None
