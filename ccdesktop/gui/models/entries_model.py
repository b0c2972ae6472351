"""The training entries table: one row per entry, with the engine's verdict.

Built for 100,000 entries: every display string and sort key is computed once per
refresh, so ``data()`` is a tuple look-up, and sorting is one Python ``list.sort`` in
the source model instead of a million C++-to-Python comparisons in the proxy.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from enum import Enum

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from ...domain.dates import format_date_us, format_time_12h
from ...domain.explain import FORMAT_LABELS, SETTING_LABELS, describe_verdict, explain
from ...domain.hours import format_hours
from ...domain.records import Staff, TrainingEntry
from ...domain.rules import Verdict

AnyIndex = QModelIndex | QPersistentModelIndex

#: the entry id of a row (int)
ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1

COLUMNS = (
    "Date",
    "Time",
    "Person",
    "Title",
    "Course ID",
    "Provider",
    "Format",
    "Setting",
    "Hours",
    "Verdict",
    "Warnings",
)
(
    DATE_COLUMN,
    TIME_COLUMN,
    PERSON_COLUMN,
    TITLE_COLUMN,
    COURSE_COLUMN,
    PROVIDER_COLUMN,
    FORMAT_COLUMN,
    SETTING_COLUMN,
    HOURS_COLUMN,
    VERDICT_COLUMN,
    WARNINGS_COLUMN,
) = range(len(COLUMNS))

CREDITED_MARK = "✓"
DENIED_MARK = "✗"
WARNING_MARK = "⚠"

_DENIED_BRUSH = QBrush(QColor(170, 20, 20))
_CREDITED_BRUSH = QBrush(QColor(20, 110, 40))
_WARNING_BRUSH = QBrush(QColor(140, 90, 0))


def time_range_text(entry: TrainingEntry) -> str:
    """ "9:00 AM–10:30 AM", one end alone when only one is known, '' for none."""
    if entry.start_time is None and entry.end_time is None:
        return ""
    return f"{format_time_12h(entry.start_time)}–{format_time_12h(entry.end_time)}"


def verdict_text(verdict: Verdict) -> str:
    """The verdict in words, never colour alone: "✓ credited", "✗ denied: OVERLAP"."""
    if verdict.credited:
        return f"{CREDITED_MARK} credited"
    return f"{DENIED_MARK} denied: " + ", ".join(reason.value for reason in verdict.reasons)


def warnings_text(verdict: Verdict) -> str:
    if not verdict.warnings:
        return ""
    return f"{WARNING_MARK} " + "; ".join(explain(code).label for code in verdict.warnings)


class EntryRow:
    """One precomputed row (a plain slotted class: 100,000 of these are built per
    refresh, and a frozen dataclass costs twice as much to construct)."""

    __slots__ = ("entry", "verdict", "texts", "search")

    def __init__(
        self, entry: TrainingEntry, verdict: Verdict, texts: tuple[str, ...], search: str
    ) -> None:
        self.entry = entry
        self.verdict = verdict
        self.texts = texts
        #: case-folded title and course id, for the text filter
        self.search = search

    @property
    def credited(self) -> bool:
        return not self.verdict.reasons


class _RowBuilder:
    """Builds rows, formatting each distinct date, time span, number and verdict once
    (a center has few distinct values, so this saves most of the work)."""

    def __init__(self, names: Mapping[int | None, str]) -> None:
        self._names = names
        self._dates: dict[object, str] = {}
        self._times: dict[object, str] = {}
        self._hours: dict[int, str] = {}
        self._verdicts: dict[object, str] = {}
        self._warnings: dict[object, str] = {}
        self._formats = {fmt: label for fmt, label in FORMAT_LABELS.items()}
        self._settings = {setting: label for setting, label in SETTING_LABELS.items()}

    def row(self, entry: TrainingEntry, verdict: Verdict) -> EntryRow:
        day = entry.completed_on
        date_text = self._dates.get(day)
        if date_text is None:
            date_text = self._dates[day] = format_date_us(day)
        span = (entry.start_time, entry.end_time)
        time_text = self._times.get(span)
        if time_text is None:
            time_text = self._times[span] = time_range_text(entry)
        hours = self._hours.get(entry.clock_hours)
        if hours is None:
            hours = self._hours[entry.clock_hours] = format_hours(entry.clock_hours)
        reasons = verdict.reasons
        verdict_words = self._verdicts.get(reasons)
        if verdict_words is None:
            verdict_words = self._verdicts[reasons] = verdict_text(verdict)
        warnings = verdict.warnings
        warning_words = self._warnings.get(warnings)
        if warning_words is None:
            warning_words = self._warnings[warnings] = warnings_text(verdict)
        course_id = entry.course_id or ""
        texts = (
            date_text,
            time_text,
            self._names.get(entry.staff_id, "(unknown person)"),
            entry.title,
            course_id,
            entry.provider,
            self._formats[entry.format],
            self._settings[entry.setting],
            hours,
            verdict_words,
            warning_words,
        )
        return EntryRow(entry, verdict, texts, f"{entry.title}\n{course_id}".casefold())


def _sort_key(column: int, sort_names: Mapping[int | None, str]) -> Callable[[EntryRow], object]:
    """The key that sorts rows by ``column``; ties fall back to the date."""

    def start(row: EntryRow) -> int:
        t = row.entry.start_time
        return -1 if t is None else t.hour * 60 + t.minute

    if column == DATE_COLUMN:
        return lambda r: (r.entry.completed_on, start(r), r.entry.id or 0)
    if column == TIME_COLUMN:
        return lambda r: (start(r), r.entry.completed_on)
    if column == PERSON_COLUMN:
        return lambda r: (sort_names.get(r.entry.staff_id, ""), r.entry.completed_on)
    if column == HOURS_COLUMN:
        return lambda r: (r.entry.clock_hours, r.entry.completed_on)
    if column == VERDICT_COLUMN:
        return lambda r: (bool(r.verdict.reasons), r.texts[VERDICT_COLUMN], r.entry.completed_on)
    if column == WARNINGS_COLUMN:
        return lambda r: (len(r.verdict.warnings), r.texts[WARNINGS_COLUMN], r.entry.completed_on)
    return lambda r: (r.texts[column].casefold(), r.entry.completed_on)


class EntriesTableModel(QAbstractTableModel):
    """Entries with their verdicts. ``set_entries`` replaces everything at once."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[EntryRow] = []
        self._row_of_id: dict[int, int] = {}
        self._entries_by_id: Mapping[int, TrainingEntry] = {}
        self._sort_names: Mapping[int | None, str] = {}
        self._sort: tuple[int, Qt.SortOrder] = (DATE_COLUMN, Qt.SortOrder.AscendingOrder)

    # --- filling ---------------------------------------------------------------------

    def set_entries(
        self,
        entries: Sequence[TrainingEntry],
        verdicts: Mapping[int, Verdict],
        staff: Sequence[Staff],
        entries_by_id: Mapping[int, TrainingEntry] | None = None,
    ) -> None:
        """Show ``entries``; ``verdicts`` must hold each one's verdict. ``entries_by_id``
        (all entries of the center) lets tooltips name the entries a verdict refers to."""
        builder = _RowBuilder({s.id: s.full_name for s in staff})
        self._sort_names = {s.id: s.sort_name.casefold() for s in staff}
        self.beginResetModel()
        self._rows = [builder.row(entry, verdicts[entry.id]) for entry in entries]  # type: ignore[index]
        self._entries_by_id = (
            entries_by_id if entries_by_id is not None else {e.id: e for e in entries}  # type: ignore[misc]
        )
        self._sort_rows()
        self.endResetModel()

    def rows(self) -> Sequence[EntryRow]:
        return self._rows

    def entry_at(self, row: int) -> TrainingEntry:
        return self._rows[row].entry

    def row_of(self, entry_id: int) -> int | None:
        return self._row_of_id.get(entry_id)

    # --- Qt model ----------------------------------------------------------------------

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
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.tr(COLUMNS[section])
            if role == Qt.ItemDataRole.TextAlignmentRole and section == HOURS_COLUMN:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.texts[column]
        if role == ENTRY_ID_ROLE:
            return row.entry.id
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in (VERDICT_COLUMN, WARNINGS_COLUMN):
                # Built on demand: a tooltip is one row, and describing 100,000 verdicts
                # up front would make every refresh slow.
                sentences = describe_verdict(row.entry, row.verdict, self._entries_by_id)
                return "\n".join(sentences) or self.tr("Earns credit; nothing to check.")
            if column in (TITLE_COLUMN, PROVIDER_COLUMN) and row.texts[column]:
                return row.texts[column]
            if column == TITLE_COLUMN and row.entry.notes:
                return row.entry.notes
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == VERDICT_COLUMN:
                return _CREDITED_BRUSH if row.credited else _DENIED_BRUSH
            if column == WARNINGS_COLUMN and row.verdict.warnings:
                return _WARNING_BRUSH
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == HOURS_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old_ids = [r.entry.id for r in self._rows]
        persistent = self.persistentIndexList()
        self._sort_rows()
        # keep selections and the current row on the same entries
        new_rows = [self._row_of_id[entry_id] for entry_id in old_ids]  # type: ignore[index]
        for index in persistent:
            self.changePersistentIndex(index, self.index(new_rows[index.row()], index.column()))
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        column, order = self._sort
        self._rows.sort(
            key=_sort_key(column, self._sort_names),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self._row_of_id = {r.entry.id: i for i, r in enumerate(self._rows)}  # type: ignore[misc]


class VerdictFilter(Enum):
    ALL = "all"
    CREDITED = "credited"
    DENIED = "denied"
    WITH_WARNINGS = "warnings"


class EntriesFilterProxy(QSortFilterProxyModel):
    """Filters by person, verdict and text; sorting is passed to the source model.

    ``filterAcceptsRow`` reads the source's precomputed rows directly (no ``data()``
    calls), and returns at once when no filter is set.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._staff_id: int | None = None
        self._verdict = VerdictFilter.ALL
        self._text = ""
        self.setDynamicSortFilter(False)

    def source(self) -> EntriesTableModel:
        model = self.sourceModel()
        assert isinstance(model, EntriesTableModel)
        return model

    # --- filter settings ---------------------------------------------------------------

    @property
    def active(self) -> bool:
        return (
            self._staff_id is not None or self._verdict is not VerdictFilter.ALL or bool(self._text)
        )

    def set_person(self, staff_id: int | None) -> None:
        self.beginFilterChange()
        self._staff_id = staff_id
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_verdict(self, verdict: VerdictFilter) -> None:
        self.beginFilterChange()
        self._verdict = verdict
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:  # noqa: N802
        if not self.active:
            return True
        # the source replaces its row list on reset: always read the current one
        row = self.source().rows()[source_row]
        if self._staff_id is not None and row.entry.staff_id != self._staff_id:
            return False
        verdict = self._verdict
        if verdict is VerdictFilter.CREDITED and not row.credited:
            return False
        if verdict is VerdictFilter.DENIED and row.credited:
            return False
        if verdict is VerdictFilter.WITH_WARNINGS and not row.verdict.warnings:
            return False
        return not self._text or self._text in row.search

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # Sorting 100,000 rows through lessThan would call Python a million times; the
        # source sorts its precomputed keys instead and this proxy keeps source order.
        self.source().sort(column, order)

    def entry_at(self, proxy_row: int) -> TrainingEntry:
        return self.source().entry_at(self.mapToSource(self.index(proxy_row, 0)).row())
