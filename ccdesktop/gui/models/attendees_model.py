"""The entry form's list of people: the staff as a checkable list, so one group
training is entered once for everyone who attended."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ...domain.dates import format_date_us
from ...domain.records import Staff

AnyIndex = QModelIndex | QPersistentModelIndex


def staff_label(staff: Staff) -> str:
    """ "Lopez, Ana (123456)", with "left 5/1/2024" for someone who has left."""
    text = staff.sort_name
    details = [staff.mopd_id] if staff.mopd_id else []
    if staff.end_date is not None:
        details.append(f"left {format_date_us(staff.end_date)}")
    return f"{text} ({', '.join(details)})" if details else text


class AttendeesModel(QAbstractListModel):
    """The staff as a checkable list: check several people for a group training."""

    checkedChanged = Signal()

    def __init__(self, staff: Sequence[Staff], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._staff = list(staff)
        self._checked: set[int] = set()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._staff)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        staff = self._staff[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return staff_label(staff)
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if staff.id in self._checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.UserRole:
            return staff.id
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        staff_id = self._staff[index.row()].id
        assert staff_id is not None
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
        if checked:
            self._checked.add(staff_id)
        else:
            self._checked.discard(staff_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checkedChanged.emit()
        return True

    def set_checked(self, staff_ids: Sequence[int]) -> None:
        self._checked = set(staff_ids)
        if self._staff:
            self.dataChanged.emit(
                self.index(0), self.index(len(self._staff) - 1), [Qt.ItemDataRole.CheckStateRole]
            )
        self.checkedChanged.emit()

    def checked_ids(self) -> list[int]:
        """The checked staff ids, in list order."""
        return [s.id for s in self._staff if s.id is not None and s.id in self._checked]

    def row_of(self, staff_id: int) -> int | None:
        for row, staff in enumerate(self._staff):
            if staff.id == staff_id:
                return row
        return None
