"""What the window's read-only tables share: one record per row, fixed columns with
translated headers and tooltips."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

AnyIndex = QModelIndex | QPersistentModelIndex


class RowTableModel(QAbstractTableModel):
    """Subclasses set ``columns`` (and ``tooltips``), fill ``_rows`` between
    ``beginResetModel``/``endResetModel``, and answer ``data``."""

    columns: Sequence[str] = ()
    tooltips: Sequence[str] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: Sequence[Any] = ()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def header_tooltip(self, section: int) -> str | None:
        """The tooltip of a column header; override for tooltips that vary."""
        return self.tr(self.tooltips[section]) if section < len(self.tooltips) else None

    def headerData(  # noqa: N802 - Qt's name
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.columns[section])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tooltip(section)
        return None
