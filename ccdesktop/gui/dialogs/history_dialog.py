"""The history of changes: every recorded insert, update and delete, newest first,
of the whole file or of one record; a deleted record can be restored from here."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...store.errors import StoreError
from ...store.history import Change
from ..session import Session

_KINDS = {"staff": "Staff member", "training_entry": "Training entry", "center": "Center"}
_ACTIONS = {"insert": "added", "update": "changed", "delete": "deleted"}
Index = QModelIndex | QPersistentModelIndex


def describe_changes(change: Change) -> str:
    """The changed fields in words: ``last_name: Lopez → López``."""
    if change.action != "update":
        return ""
    return "; ".join(
        f"{field}: {'' if old is None else old} → {'' if new is None else new}"
        for field, old, new in change.changed_fields()
    )


class HistoryModel(QAbstractTableModel):
    HEADERS = ("When", "Record", "What", "Changes")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._changes: list[Change] = []

    def set_changes(self, changes: list[Change]) -> None:
        self.beginResetModel()
        self._changes = list(changes)
        self.endResetModel()

    def change(self, row: int) -> Change:
        return self._changes[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's API
        return 0 if parent.isValid() else len(self._changes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(  # noqa: N802 - Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        change = self._changes[index.row()]
        column = index.column()
        if column == 0:
            return change.changed_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        if column == 1:
            return f"{self.tr(_KINDS[change.table])} {change.record_id}: {change.label()}"
        if column == 2:
            return self.tr(_ACTIONS[change.action])
        return describe_changes(change)


class HistoryDialog(QDialog):
    """Shows the history; "Restore" adds back the deleted record selected."""

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        table: str | None = None,
        record_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(self.tr("History of changes"))
        self.resize(820, 480)
        self._session = session
        self._table = table
        self._record_id = record_id
        layout = QVBoxLayout(self)
        scope = (
            self.tr("Changes to {0} {1}").format(self.tr(_KINDS.get(table, table)), record_id)
            if table is not None and record_id is not None
            else self.tr("Every change to the center, its staff and their training, newest first.")
        )
        layout.addWidget(QLabel(scope, self))
        self.deleted_only = QCheckBox(self.tr("Only &deleted records (to restore one)"), self)
        self.deleted_only.setObjectName("deletedOnly")
        self.deleted_only.toggled.connect(self.reload)
        layout.addWidget(self.deleted_only)
        self.model = HistoryModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("historyView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = QPushButton(self.tr("&Restore deleted record"), self)
        self.restore_button.setObjectName("restoreDeleted")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("historyError")
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        self.reload()

    def reload(self) -> None:
        db = self._session.db
        if self.deleted_only.isChecked():
            changes = db.deleted_records()
            if self._table is not None:
                changes = [c for c in changes if c.table == self._table]
            if self._record_id is not None:
                changes = [c for c in changes if c.record_id == self._record_id]
        else:
            changes = list(reversed(db.history(self._table, self._record_id)))
        self.model.set_changes(changes)
        self.view.resizeColumnsToContents()
        self._update_buttons()

    def selected_change(self) -> Change | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.change(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        change = self.selected_change()
        deletable = {c.id for c in self._session.db.deleted_records()}
        self.restore_button.setEnabled(
            change is not None and change.id in deletable and not self._session.db.read_only
        )

    def restore_selected(self) -> None:
        change = self.selected_change()
        if change is None:
            return
        try:
            restored = self._session.db.restore_deleted(change.id)
        except StoreError as error:
            self.error_label.setText(str(error))
            return
        self.error_label.setText(self.tr("Restored {0} record(s).").format(len(restored)))
        self._session.notify_changed()
        self.reload()
