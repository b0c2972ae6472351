"""The history of changes: every recorded insert, update and delete, newest first,
of the whole file or of one record; a deleted record can be restored from here."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time
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

from ...domain.dates import format_date_us, format_time_12h
from ...domain.explain import FORMAT_LABELS, SETTING_LABELS
from ...domain.hours import format_hours
from ...domain.records import HireYearPolicy, Staff
from ...store.errors import StoreError
from ...store.history import Change
from ..session import Session

_KINDS = {"staff": "Staff member", "training_entry": "Training entry", "center": "Center"}
_ACTIONS = {"insert": "added", "update": "changed", "delete": "deleted"}
Index = QModelIndex | QPersistentModelIndex
RECORD_COLUMN, CHANGES_COLUMN = 2, 4
#: the Record column's widest, in average characters
RECORD_WIDTH_CAP = 48

#: each recorded column, in the words of the forms
FIELD_LABELS = {
    "staff": {
        "first_name": "First name",
        "last_name": "Last name",
        "mopd_id": "MOPD ID",
        "role": "Role",
        "requires_clock_hours": "Needs yearly clock hours",
        "hire_date": "Hire date",
        "end_date": "End date",
    },
    "training_entry": {
        "staff_id": "Person",
        "title": "Title",
        "completed_on": "Completed on",
        "clock_hours": "Clock hours",
        "course_id": "Course ID",
        "provider": "Provider",
        "format": "Format",
        "setting": "Setting",
        "start_time": "Start time",
        "end_time": "End time",
        "in_ratio": "In ratio with children",
        "approved": "DESE-approved",
        "enrolled_on": "Began on",
        "notes": "Notes",
    },
    "center": {
        "name": "Center name",
        "license_number": "License number",
        "director": "Director",
        "required_hours": "Clock hours required each year",
        "hire_year_policy": "Hire year",
    },
}
_DATES = {"hire_date", "end_date", "completed_on", "enrolled_on"}
_TIMES = {"start_time", "end_time"}
_HOURS = {"clock_hours", "required_hours"}
_YES_NO = {"requires_clock_hours", "in_ratio", "approved"}
_POLICIES = {
    HireYearPolicy.MONTHLY.value: "one hour per month employed",
    HireYearPolicy.FULL.value: "the whole yearly requirement",
}
_CHOICES: dict[str, dict[str, str]] = {
    "format": {member.value: label for member, label in FORMAT_LABELS.items()},
    "setting": {member.value: label for member, label in SETTING_LABELS.items()},
    "hire_year_policy": _POLICIES,
}


def when_text(moment: datetime) -> str:
    """M/D/YYYY h:MM AM/PM, in the computer's time zone."""
    local = moment.astimezone()
    return f"{format_date_us(local.date())} {format_time_12h(local.time())}"


class HistoryModel(QAbstractTableModel):
    HEADERS = ("When", "Person", "Record", "What", "Changes")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._changes: list[Change] = []
        self._names: Mapping[int, str] = {}

    def set_changes(self, changes: list[Change], names: Mapping[int, str] | None = None) -> None:
        """Show ``changes``; ``names`` (staff id -> name, the deleted too) names the
        person each concerns."""
        self.beginResetModel()
        self._changes = list(changes)
        self._names = names or {}
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
            return when_text(change.changed_at)
        if column == 1:
            return self.person(change)
        if column == 2:
            if role == Qt.ItemDataRole.ToolTipRole:  # and the record's number, for support
                return f"{self.record(change)}\n{self.tr(_KINDS[change.table])} {change.record_id}"
            return self.record(change)
        if column == 3:
            return self.tr(_ACTIONS[change.action])
        return self.describe_changes(change)

    def person(self, change: Change) -> str:
        """Whom the change concerns: the person, or the one the entry belongs to."""
        staff_id = change.person_id()
        if staff_id is None:
            return ""
        if change.table == "staff":
            return change.label() or self._names.get(staff_id, "")
        return self._names.get(staff_id) or self.tr("staff member {0}").format(staff_id)

    def record(self, change: Change) -> str:
        if change.table == "training_entry":
            return self.tr("Training: {0}").format(change.label())
        if change.table == "staff":
            return self.tr("Staff member")
        return self.tr("The center's details")

    def describe_changes(self, change: Change) -> str:
        """The changed fields in the forms' words and the window's formats:
        ``Hire date: 3/18/2024 → 1/5/2024``."""
        if change.action != "update":
            return ""
        labels = FIELD_LABELS.get(change.table, {})
        return "; ".join(
            f"{self.tr(labels.get(field, field))}: {self.value_text(field, old)} → "
            f"{self.value_text(field, new)}"
            for field, old, new in change.changed_fields()
        )

    def value_text(self, field: str, value: object) -> str:
        """A recorded value as the window shows it (the store keeps ISO dates,
        24-hour times, hundredths of hours, 0/1 and codes)."""
        if value is None or value == "":
            return self.tr("(blank)")
        try:
            if field in _DATES and isinstance(value, str):
                return format_date_us(date.fromisoformat(value))
            if field in _TIMES and isinstance(value, str):
                return format_time_12h(time.fromisoformat(value))
        except ValueError:
            return str(value)
        if field in _HOURS and isinstance(value, int):
            return format_hours(value)
        if field in _YES_NO:
            return self.tr("yes") if value else self.tr("no")
        if field == "staff_id" and isinstance(value, int):
            return self._names.get(value) or self.tr("staff member {0}").format(value)
        if field in _CHOICES:
            return self.tr(_CHOICES[field].get(str(value), str(value)))
        return str(value)


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
        if table == "staff" and record_id is not None:
            name = session.db.history_names().get(record_id, str(record_id))
            scope = self.tr("Changes to {0}, newest first.").format(name)
        elif table is not None and record_id is not None:
            scope = self.tr("Changes to {0} {1}").format(
                self.tr(_KINDS.get(table, table)).lower(), record_id
            )
        else:
            scope = self.tr(
                "Every change to the center, its staff and their training, newest first."
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
        self.view.horizontalHeader().setSectionResizeMode(
            CHANGES_COLUMN, QHeaderView.ResizeMode.Stretch
        )
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
        self.model.set_changes(changes, db.history_names())
        self.view.resizeColumnsToContents()
        # a long course title leaves the changes room (its tooltip has it whole)
        record_cap = self.view.fontMetrics().averageCharWidth() * RECORD_WIDTH_CAP
        if self.view.columnWidth(RECORD_COLUMN) > record_cap:
            self.view.setColumnWidth(RECORD_COLUMN, record_cap)
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
        # not undoable: the history keeps it. A staff member comes back with their
        # entries: theirs are the records touched
        self._session.after_write(
            touched={r.id if isinstance(r, Staff) else r.staff_id for r in restored}  # type: ignore[misc]
        )
        self.reload()
