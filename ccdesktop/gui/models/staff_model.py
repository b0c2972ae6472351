"""The staff table: one row per person with the engine's standing for the year.

Every figure comes from the audit (``StaffStanding``); the model only formats it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from ...domain.audit import StaffStanding
from ...domain.codes import ExemptReason, Status
from ...domain.dates import format_date_us
from ...domain.explain import STATUS_LABELS, describe_exempt, explain
from ...domain.hours import format_hours
from ...domain.records import Staff
from .staff_roles import EXEMPT_BRUSH, STAFF_ID_ROLE, status_brush

AnyIndex = QModelIndex | QPersistentModelIndex

#: what a column sorts by (numbers as numbers, dates as ISO text, names as sort names)
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

# the standing first: on a narrow screen the figures stay in view, the details scroll
COLUMNS = (
    "Name",
    "Status",
    "Counted / required",
    "Needed",
    "MOPD ID",
    "Role",
    "Hire date",
    "End date",
)
(
    NAME_COLUMN,
    STATUS_COLUMN,
    COUNTED_COLUMN,
    NEEDED_COLUMN,
    MOPD_COLUMN,
    ROLE_COLUMN,
    HIRE_COLUMN,
    END_COLUMN,
) = range(len(COLUMNS))

#: shown instead of a figure for someone the year asks nothing of
NOT_APPLICABLE = "—"
#: shown for a caregiver without a MOPD ID (a warning, never colour alone)
MISSING_MOPD_TEXT = "⚠ none"

WARNING_BRUSH = QBrush(QColor(140, 90, 0))


def counted_text(standing: StaffStanding) -> str:
    """ "9 / 12", or a dash for someone exempt this year."""
    if standing.status is Status.EXEMPT:
        return NOT_APPLICABLE
    return f"{format_hours(standing.counted)} / {format_hours(standing.required)}"


def needed_text(standing: StaffStanding) -> str:
    if standing.status is Status.EXEMPT:
        return NOT_APPLICABLE
    return format_hours(standing.hours_needed)


def status_text(standing: StaffStanding, year: int, records_start_year: int) -> str:
    """ "short", "met (left 6/30/2025)", "exempt (no clock hours required (Cook))": the
    status, and why a year asks nothing (the engine decided it) or that the person left
    during the year."""
    staff = standing.staff
    status = STATUS_LABELS[standing.status]
    if standing.exempt_reason is not None:
        return f"{status} ({describe_exempt(standing.exempt_reason, staff, records_start_year)})"
    if standing.met_by_credential is not None:
        return f"{status} (CDA or YDC credential)"
    if staff.end_date is not None and staff.end_date.year == year:
        return f"{status} (left {format_date_us(staff.end_date)})"
    return status


class StaffRow:
    __slots__ = ("staff", "standing", "texts", "sort_keys", "left", "search")

    def __init__(self, standing: StaffStanding, year: int, records_start_year: int) -> None:
        staff = standing.staff
        self.staff = staff
        self.standing = standing
        self.texts = (
            staff.sort_name,
            status_text(standing, year, records_start_year),
            counted_text(standing),
            needed_text(standing),
            staff.mopd_id or (MISSING_MOPD_TEXT if standing.warnings else ""),
            staff.role,
            format_date_us(staff.hire_date),
            format_date_us(staff.end_date),
        )
        exempt = standing.status is Status.EXEMPT
        name_key = (staff.last_name.casefold(), staff.first_name.casefold(), staff.id or 0)
        self.sort_keys: tuple[Any, ...] = (  # comparable with the same column's key
            name_key,
            # short first when sorted ascending: that is what a director looks for
            {Status.SHORT: 0, Status.MET: 1, Status.EXEMPT: 2}[standing.status],
            -1 if exempt else standing.counted,
            -1 if exempt else standing.hours_needed,
            (staff.mopd_id or "").casefold(),
            staff.role.casefold(),
            staff.hire_date.isoformat() if staff.hire_date else "",
            staff.end_date.isoformat() if staff.end_date else "",
        )
        # hidden unless asked for: people the year asks nothing of because they had
        # left before it (in the year of leaving they still owe its hours)
        self.left = standing.exempt_reason is ExemptReason.LEFT
        self.search = " ".join(
            (staff.full_name, staff.sort_name, staff.mopd_id or "", staff.role)
        ).casefold()


class StaffTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[StaffRow] = []
        self._year = 0
        self._records_start = 0
        #: staff id -> row, made when first asked for
        self._row_of_id: dict[int | None, int] | None = None

    def set_standings(
        self,
        standings: Sequence[StaffStanding],
        year: int,
        records_start_year: int | None = None,
    ) -> None:
        """Show ``standings`` (the audit's, one per person, in its order) for ``year``."""
        start = year if records_start_year is None else records_start_year
        self.beginResetModel()
        self._year = year
        self._records_start = start
        self._rows = [StaffRow(standing, year, start) for standing in standings]
        self._row_of_id = None
        self.endResetModel()

    def update_standings(self, standings: Mapping[int, StaffStanding | None]) -> None:
        """Show each person's new standing (by staff id; None: no longer on record), the
        others' as they are, for the same year and records start: a row changed where
        it is (so the selection stays on it), taken out, or added at the end. The
        sorting proxy moves only those rows, and orders them as a refill would (its
        order is total: ties by name)."""
        last_column = len(COLUMNS) - 1
        for staff_id, standing in standings.items():
            row = self.row_of(staff_id)
            if standing is None:
                if row is not None:
                    self.beginRemoveRows(QModelIndex(), row, row)
                    del self._rows[row]
                    self._row_of_id = None
                    self.endRemoveRows()
                continue
            new = StaffRow(standing, self._year, self._records_start)
            if row is not None:
                self._rows[row] = new
                self.dataChanged.emit(self.index(row, 0), self.index(row, last_column))
            else:
                row = len(self._rows)
                self.beginInsertRows(QModelIndex(), row, row)
                self._rows.append(new)
                if self._row_of_id is not None:
                    self._row_of_id[staff_id] = row
                self.endInsertRows()

    @property
    def year(self) -> int:
        return self._year

    def row_at(self, row: int) -> StaffRow:
        return self._rows[row]

    def staff_at(self, row: int) -> Staff:
        return self._rows[row].staff

    def row_of(self, staff_id: int) -> int | None:
        if self._row_of_id is None:
            self._row_of_id = {row.staff.id: number for number, row in enumerate(self._rows)}
        return self._row_of_id.get(staff_id)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802 - Qt's name
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section])
        if role == Qt.ItemDataRole.ToolTipRole:
            if section == COUNTED_COLUMN:
                return self.tr("Hours that count for {0} itself, of the hours {0} asks for").format(
                    self._year
                )
            if section == NEEDED_COLUMN:
                return self.tr(
                    "Hours still needed: deficits of earlier years plus what {0} still asks for"
                ).format(self._year)
        if role == Qt.ItemDataRole.TextAlignmentRole and section in (
            COUNTED_COLUMN,
            NEEDED_COLUMN,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.texts[column]
        if role == SORT_ROLE:
            return row.sort_keys[column]
        if role == STAFF_ID_ROLE:
            return row.staff.id
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == STATUS_COLUMN:
                return status_brush(row.standing.status)
            if column == MOPD_COLUMN and row.standing.warnings:
                return WARNING_BRUSH
            if row.left:
                return EXEMPT_BRUSH
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            COUNTED_COLUMN,
            NEEDED_COLUMN,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == STATUS_COLUMN:  # the whole text, which a narrow column cuts
                return row.texts[STATUS_COLUMN]
            if column == MOPD_COLUMN and row.standing.warnings:
                return "; ".join(explain(code).reason for code in row.standing.warnings)
            if column == NEEDED_COLUMN and row.standing.prior_deficit_remaining:
                return self.tr("includes {0} h still owed for earlier years").format(
                    format_hours(row.standing.prior_deficit_remaining)
                )
        return None


class StaffFilterProxy(QSortFilterProxyModel):
    """Filters by a text (name, MOPD ID, role) and hides people who have left."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._show_left = False
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    @property
    def show_left(self) -> bool:
        return self._show_left

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = text.casefold().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_show_left(self, show: bool) -> None:
        self.beginFilterChange()
        self._show_left = show
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def source(self) -> StaffTableModel:
        model = self.sourceModel()
        assert isinstance(model, StaffTableModel)
        return model

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:  # noqa: N802
        row = self.source().row_at(source_row)
        if row.left and not self._show_left:
            return False
        return all(word in row.search for word in self._words)

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:  # noqa: N802
        # The sort keys are tuples, which Qt's own comparison does not order. Equal
        # keys go by name, in either direction: the order is the same whatever order
        # the rows came in (a row updated in place is put among the others as a full
        # sort would put it).
        source = self.source()
        column = left.column()
        mine, theirs = source.row_at(left.row()).sort_keys, source.row_at(right.row()).sort_keys
        if mine[column] != theirs[column]:
            return bool(mine[column] < theirs[column])
        if self.sortOrder() == Qt.SortOrder.DescendingOrder:
            return bool(mine[NAME_COLUMN] > theirs[NAME_COLUMN])
        return bool(mine[NAME_COLUMN] < theirs[NAME_COLUMN])

    def staff_at(self, proxy_row: int) -> Staff:
        source = self.mapToSource(self.index(proxy_row, 0))
        return self.source().staff_at(source.row())
