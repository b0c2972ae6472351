"""A checkable list of staff members (who goes into a report)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from ...domain.audit import StaffStanding

_Index = QModelIndex | QPersistentModelIndex


class StaffChecklistModel(QAbstractListModel):
    """One row per staff member of an audit, each with a check box (default: checked).

    Choices survive a refresh: a person unticked stays unticked when the data changes.
    """

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[tuple[int, str]] = []
        self._unchecked: set[int] = set()

    def set_staff(self, standings: tuple[StaffStanding, ...]) -> None:
        self.beginResetModel()
        self._rows = [
            (s.staff.id, f"{s.staff.last_name}, {s.staff.first_name} ({s.status.value})")
            for s in standings
            if s.staff.id is not None
        ]
        self.endResetModel()

    def checked_ids(self) -> frozenset[int]:
        return frozenset(staff_id for staff_id, _ in self._rows if staff_id not in self._unchecked)

    def all_checked(self) -> bool:
        return not any(staff_id in self._unchecked for staff_id, _ in self._rows)

    def set_all(self, checked: bool) -> None:
        if checked:
            self._unchecked.clear()
        else:
            self._unchecked = {staff_id for staff_id, _ in self._rows}
        if self._rows:
            self.dataChanged.emit(
                self.index(0), self.index(len(self._rows) - 1), [Qt.ItemDataRole.CheckStateRole]
            )

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        staff_id, label = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return label
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Unchecked if staff_id in self._unchecked else Qt.CheckState.Checked
        if role == Qt.ItemDataRole.UserRole:
            return staff_id
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )

    def setData(
        self,
        index: _Index,
        value: object,  # noqa: N802
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        staff_id = self._rows[index.row()][0]
        state = Qt.CheckState(value) if isinstance(value, int) else value
        if state == Qt.CheckState.Checked:
            self._unchecked.discard(staff_id)
        else:
            self._unchecked.add(staff_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True
