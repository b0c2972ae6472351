"""The training entries table: one row per entry, with the engine's verdict.

Built for 100,000 entries (see ``EntriesTableModel``): display strings are made when a
cell is painted, sorting and filtering are list operations in the model, not a
QSortFilterProxyModel calling Python for every row or comparison.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from datetime import date, time
from enum import Enum
from operator import attrgetter
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from ...domain.dates import format_date_us, format_time_12h
from ...domain.explain import (
    FORMAT_LABELS,
    SETTING_LABELS,
    describe_credential,
    describe_verdict,
    explain,
)
from ...domain.hours import format_hours
from ...domain.records import EntryKind, Staff, TrainingEntry
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
#: what a credential shows instead of its format, and instead of a verdict of credit
CREDENTIAL_TEXT = "credential"
CREDENTIAL_VERDICT = "Credential (no clock hours)"
DENIED_MARK = "✗"
WARNING_MARK = "⚠"

_DENIED_BRUSH = QBrush(QColor(170, 20, 20))
_CREDITED_BRUSH = QBrush(QColor(20, 110, 40))
_WARNING_BRUSH = QBrush(QColor(140, 90, 0))
_PLANNED_BRUSH = QBrush(QColor(40, 80, 150))


_CREDENTIAL = EntryKind.CREDENTIAL
_CREDENTIAL_COLUMNS = frozenset({FORMAT_COLUMN, SETTING_COLUMN, HOURS_COLUMN, VERDICT_COLUMN})


def time_range_text(entry: TrainingEntry) -> str:
    """ "9:00 AM–10:30 AM", one end alone when only one is known, '' for none."""
    if entry.start_time is None and entry.end_time is None:
        return ""
    return f"{format_time_12h(entry.start_time)}–{format_time_12h(entry.end_time)}"


def verdict_text(verdict: Verdict) -> str:
    """The verdict in words, never colour alone: "✓ Credited", "✗ Denied: Overlapping
    trainings". The reasons are the engine's own labels (``explain``), the words the
    Flags page and the PDF use, never the codes."""
    if verdict.credited:
        return f"{CREDITED_MARK} Credited"
    labels = "; ".join(explain(reason).label for reason in verdict.reasons)
    return f"{DENIED_MARK} Denied: {labels}"


PLANNED_MARK = "◷"


def planned_verdict_text(verdict: Verdict) -> str:
    """A planned entry's verdict, never read as earned: "◷ Would be credited",
    "◷ Would be denied: Repeated within 12 months" (the Hours column says "planned")."""
    if verdict.credited:
        return f"{PLANNED_MARK} Would be credited"
    labels = "; ".join(explain(reason).label for reason in verdict.reasons)
    return f"{PLANNED_MARK} Would be denied: {labels}"


def warnings_text(verdict: Verdict) -> str:
    if not verdict.warnings:
        return ""
    return f"{WARNING_MARK} " + "; ".join(explain(code).label for code in verdict.warnings)


def _ranked(values: Sequence[Hashable], key: Callable[[Any], Any]) -> list[int]:
    """Each value's rank by ``key`` (equal keys share a rank). A center has few distinct
    titles, providers or verdicts, so ``key`` runs once per distinct value and the
    sort then compares small ints in C."""
    key_of = {value: key(value) for value in set(values)}
    rank_of_key = {k: i for i, k in enumerate(sorted(set(key_of.values())))}
    rank = {value: rank_of_key[k] for value, k in key_of.items()}
    return list(map(rank.__getitem__, values))


def _start_key(start: time | None) -> tuple[int, time]:
    return (0, time.min) if start is None else (1, start)


class _Texts:
    """Display strings made on first request and remembered per distinct value (a
    center has few distinct dates, spans, hours and verdicts), so 100,000 rows cost
    nothing until painted and nothing per row afterwards."""

    def __init__(self, names: Mapping[int | None, str]) -> None:
        self._names = names
        #: staff names by id, for the sentences that name people
        self.names: Mapping[int, str] = {k: v for k, v in names.items() if k is not None}
        self._dates: dict[object, str] = {}
        self._times: dict[object, str] = {}
        self._hours: dict[int, str] = {}
        self._verdicts: dict[object, str] = {}
        self._warnings: dict[object, str] = {}

    def text(self, column: int, entry: TrainingEntry, verdict: Verdict) -> str:
        if entry.kind is _CREDENTIAL and column in _CREDENTIAL_COLUMNS:
            return self.credential(column, entry)
        if column == DATE_COLUMN:
            day = entry.completed_on
            text = self._dates.get(day)
            if text is None:
                text = self._dates[day] = format_date_us(day)
            return text
        if column == TIME_COLUMN:
            span = (entry.start_time, entry.end_time)
            text = self._times.get(span)
            if text is None:
                text = self._times[span] = time_range_text(entry)
            return text
        if column == PERSON_COLUMN:
            return self._names.get(entry.staff_id, "(unknown person)")
        if column == TITLE_COLUMN:
            return entry.title
        if column == COURSE_COLUMN:
            return entry.course_id or ""
        if column == PROVIDER_COLUMN:
            return entry.provider
        if column == FORMAT_COLUMN:
            return FORMAT_LABELS[entry.format]
        if column == SETTING_COLUMN:
            return SETTING_LABELS[entry.setting]
        if column == HOURS_COLUMN:
            text = self._hours.get(entry.clock_hours)
            if text is None:
                text = self._hours[entry.clock_hours] = format_hours(entry.clock_hours)
            return text
        if column == VERDICT_COLUMN:
            return self.verdict(verdict)
        return self.warnings(verdict)

    def credential(self, column: int, entry: TrainingEntry) -> str:
        """A credential's cells: "credential" where a training has its format, its
        expiry where the setting is, no hours, and no verdict of credit."""
        if column == FORMAT_COLUMN:
            return CREDENTIAL_TEXT
        if column == SETTING_COLUMN:
            return describe_credential(entry).removeprefix(CREDENTIAL_TEXT + ", ")
        if column == VERDICT_COLUMN:
            return CREDENTIAL_VERDICT
        return ""

    def verdict(self, verdict: Verdict) -> str:
        text = self._verdicts.get(verdict.reasons)
        if text is None:
            text = self._verdicts[verdict.reasons] = verdict_text(verdict)
        return text

    def warnings(self, verdict: Verdict) -> str:
        text = self._warnings.get(verdict.warnings)
        if text is None:
            text = self._warnings[verdict.warnings] = warnings_text(verdict)
        return text


class VerdictFilter(Enum):
    ALL = "all"
    CREDITED = "credited"
    DENIED = "denied"
    WITH_WARNINGS = "warnings"


class EntriesTableModel(QAbstractTableModel):
    """Entries with their verdicts, sorted and filtered here.

    ``set_entries`` replaces everything at once. The model keeps the entries and
    verdicts as two lists of references (no per-row objects), the sort order as a list
    of indexes into them, and the rows shown as that order with the filters applied:
    a sort or filter change is a few C-speed list operations and one ``layoutChanged``
    (which keeps the selection on the same entries), instead of a
    QSortFilterProxyModel calling Python for every row.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[TrainingEntry] = []
        self._verdicts: list[Verdict] = []
        self._texts = _Texts({})
        self._entries_by_id: Mapping[int, TrainingEntry] | None = None
        self._sort_names: Mapping[int | None, str] = {}
        self._sort: tuple[int, Qt.SortOrder] = (DATE_COLUMN, Qt.SortOrder.AscendingOrder)
        #: indexes into the lists, by date (the tie-break of every other column)
        self._by_date: list[int] = []
        #: the last column sorted (not by date) and its ascending order
        self._ascending: tuple[int, list[int]] | None = None
        #: indexes into the lists in the current sort order
        self._order: list[int] = []
        #: the rows shown: ``_order`` without what the filters hide
        self._visible: list[int] = []
        #: index into the lists -> row shown; built when first asked for
        self._row_of_index: dict[int, int] | None = None
        self._index_of_id: dict[int | None, int] | None = None
        self._staff_id: int | None = None
        self._verdict = VerdictFilter.ALL
        self._text = ""
        #: entries completed after this day are planned (their hours not counted)
        self._today: date | None = None

    # --- filling ---------------------------------------------------------------------

    def set_entries(
        self,
        entries: Sequence[TrainingEntry],
        verdicts: Mapping[int, Verdict],
        staff: Sequence[Staff],
        entries_by_id: Mapping[int, TrainingEntry] | None = None,
        today: date | None = None,
    ) -> None:
        """Show ``entries``; ``verdicts`` must hold each one's verdict.
        ``entries_by_id`` (the audit's: every entry of the center) lets tooltips name
        the entries a verdict refers to, also of other years; without it they name
        those shown. Entries after ``today`` (the audit's) show as planned. The sort
        column and filters stay as they were."""
        self.beginResetModel()
        self._today = today
        self._entries = list(entries)
        self._verdicts = [verdicts[entry.id] for entry in self._entries]  # type: ignore[index]
        self._texts = _Texts({s.id: s.full_name for s in staff})
        self._sort_names = {s.id: s.sort_name.casefold() for s in staff}
        self._entries_by_id = entries_by_id  # None: made when a tooltip needs it
        self._index_of_id = None
        self._ascending = None
        # by date, then start time, then id: three stable sorts on existing values
        # (no per-row key tuples, which would cost 10 MB for 100,000 rows)
        entries = self._entries
        by_date = sorted(range(len(entries)), key=[e.id or 0 for e in entries].__getitem__)
        by_date.sort(key=_ranked([e.start_time for e in entries], _start_key).__getitem__)
        by_date.sort(key=[e.completed_on for e in entries].__getitem__)
        self._by_date = by_date
        self._order = self._sorted_order()
        self._visible = self._filtered()
        self._row_of_index = None
        self.endResetModel()

    def update_entries(
        self,
        changes: Mapping[int, tuple[TrainingEntry, Verdict] | None],
        entries_by_id: Mapping[int, TrainingEntry] | None = None,
    ) -> None:
        """Show each entry of ``changes`` (by id) as given, or no longer (None), and
        the others as they are: after a write, in time that grows with the change,
        not with the rows (but for a sort by another column than the date, which is
        made again when a row moves). A row that keeps its place and its filtering is
        updated where it is; otherwise the rows are laid out again, the selection
        kept on its entries. ``entries_by_id``: as ``set_entries`` takes it."""
        self._entries_by_id = entries_by_id
        in_place: list[tuple[int, TrainingEntry, Verdict]] = []
        for entry_id, new in changes.items():
            index = self._index_of(entry_id)
            if index is None and new is None:
                continue
            if index is None or new is None or not self._keeps_place(index, *new):
                self._relayout(lambda: self._put_changes(changes))
                return
            in_place.append((index, *new))
        last_column = len(COLUMNS) - 1
        if len(in_place) > 2 and self._row_of_index is None:  # a map (kept) beats searches
            self._row_of_index = _positions(self._visible)
        for index, entry, verdict in in_place:
            self._entries[index], self._verdicts[index] = entry, verdict
            row = self._row_of(index)
            if row >= 0:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last_column))

    def _keeps_place(self, index: int, entry: TrainingEntry, verdict: Verdict) -> bool:
        """Whether ``entry`` and ``verdict`` in place of those at ``index`` sort and
        filter the same (the same date key and sort column value, shown or hidden
        alike)."""
        old, old_verdict = self._entries[index], self._verdicts[index]
        if _date_key(old) != _date_key(entry):
            return False
        column = self._sort[0]
        if column == VERDICT_COLUMN:
            same = old_verdict.reasons == verdict.reasons
        elif column == WARNINGS_COLUMN:
            same = old_verdict.warnings == verdict.warnings
        else:
            field = _SORT_FIELDS.get(column)
            same = field is None or getattr(old, field) == getattr(entry, field)
        return same and self._shown(old, old_verdict) == self._shown(entry, verdict)

    def _shown(self, entry: TrainingEntry, verdict: Verdict) -> bool:
        """Whether the filters show this row (``_filtered``, for one row)."""
        if self._staff_id is not None and entry.staff_id != self._staff_id:
            return False
        if self._verdict is VerdictFilter.CREDITED and verdict.reasons:
            return False
        if self._verdict is VerdictFilter.DENIED and not verdict.reasons:
            return False
        if self._verdict is VerdictFilter.WITH_WARNINGS and not verdict.warnings:
            return False
        text = self._text
        return (
            not text or text in entry.title.casefold() or text in (entry.course_id or "").casefold()
        )

    def _put_changes(
        self, changes: Mapping[int, tuple[TrainingEntry, Verdict] | None]
    ) -> dict[int, int]:
        """Put ``changes`` into the lists and the date order (each row found and put by
        its date key), then sort (another column) and filter again. An entry that goes
        leaves its place to the last one (so no other index moves). Returns where the
        indexes moved: old -> new, -1 for those gone."""
        entries, verdicts = self._entries, self._verdicts
        index_of = self._index_map()
        by_date = list(self._by_date)

        def key_at(i: int) -> tuple[object, ...]:
            return _date_key(entries[i])

        gone: list[int] = []
        added: list[tuple[TrainingEntry, Verdict]] = []
        for entry_id, new in changes.items():
            index = index_of.get(entry_id)
            if index is not None:
                if new is not None and _date_key(new[0]) == key_at(index):
                    entries[index], verdicts[index] = new  # its place by date stays
                    continue
                gone.append(index)
            if new is not None:
                added.append(new)
        for at in sorted((_find(by_date, key_at(i), key_at) for i in gone), reverse=True):
            del by_date[at]
        moved: dict[int, int] = {}  # the original index -> the new one
        origin: dict[int, int] = {}  # an index now -> the original, for those moved
        was_at: dict[int | None, int] = {}  # an entry taken out -> its original index
        for index in sorted(gone, reverse=True):
            del index_of[entries[index].id]
            was_at[entries[index].id] = moved_from = origin.pop(index, index)
            moved[moved_from] = -1
            last = len(entries) - 1
            if index != last:
                by_date[_find(by_date, key_at(last), key_at)] = index
                entries[index], verdicts[index] = entries[last], verdicts[last]
                index_of[entries[index].id] = index
                origin[index] = original = origin.pop(last, last)
                moved[original] = index
            entries.pop()
            verdicts.pop()
        for entry, verdict in added:
            entries.append(entry)
            verdicts.append(verdict)
            index_of[entry.id] = index = len(entries) - 1
            insort(by_date, index, key=key_at)
            if entry.id in was_at:  # the same entry in its new place
                moved[was_at[entry.id]] = index
        self._by_date = by_date
        self._ascending = None
        self._order = self._sorted_order()
        return moved

    def _index_map(self) -> dict[int | None, int]:
        if self._index_of_id is None:  # made in C: a third the time of a loop
            entries = self._entries
            self._index_of_id = dict(zip(map(_ID, entries), range(len(entries)), strict=True))
        return self._index_of_id

    def _row_of(self, index: int) -> int:
        """The row showing the entry at ``index``, or -1."""
        if self._row_of_index is not None:
            return self._row_of_index.get(index, -1)
        return _position(self._visible, index)

    def is_planned(self, entry: TrainingEntry) -> bool:
        """Completed after the audit's day: judged as if done, its hours not counted."""
        return self._today is not None and entry.completed_on > self._today

    def entry_at(self, row: int) -> TrainingEntry:
        """The entry shown in ``row``."""
        return self._entries[self._visible[row]]

    def verdict_at(self, row: int) -> Verdict:
        return self._verdicts[self._visible[row]]

    def row_of(self, entry_id: int) -> int | None:
        """The row showing ``entry_id``; None if it is not loaded or filtered out."""
        index = self._index_of(entry_id)
        if index is None:
            return None
        if self._row_of_index is None:
            self._row_of_index = _positions(self._visible)
        return self._row_of_index.get(index)

    def has_entry(self, entry_id: int) -> bool:
        """Whether ``entry_id`` is loaded, shown or filtered out."""
        return self._index_of(entry_id) is not None

    def total_count(self) -> int:
        """The number of entries loaded, before the filters."""
        return len(self._entries)

    def verdict_texts(self, entry_ids: Iterable[int] | None = None) -> set[str]:
        """The Verdict column's texts of every entry loaded (filtered out or not):
        one per distinct verdict, so a few, made once each. ``entry_ids``: of those
        entries alone (the loaded ones)."""
        if entry_ids is not None:
            found = (self._index_of(entry_id) for entry_id in entry_ids)
            return {
                planned_verdict_text(self._verdicts[i])
                if self.is_planned(self._entries[i])
                else self._texts.verdict(self._verdicts[i])
                for i in found
                if i is not None
            }
        texts = {
            self._texts.verdict(Verdict(reasons=reasons))
            for reasons in set(map(attrgetter("reasons"), self._verdicts))
        }
        today = self._today
        if today is not None:
            # planned entries are the latest: walk back from the last by date
            planned = set()
            for index in reversed(self._by_date):
                if self._entries[index].completed_on <= today:
                    break
                planned.add(self._verdicts[index].reasons)
            texts |= {planned_verdict_text(Verdict(reasons=reasons)) for reasons in planned}
        return texts

    def _index_of(self, entry_id: int) -> int | None:
        return self._index_map().get(entry_id)

    # --- Qt model ----------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._visible)

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
        at = self._visible[index.row()]
        entry = self._entries[at]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column in (VERDICT_COLUMN, HOURS_COLUMN) and self.is_planned(entry):
                if column == VERDICT_COLUMN:
                    return planned_verdict_text(self._verdicts[at])
                return f"{self._texts.text(column, entry, self._verdicts[at])} planned"
            return self._texts.text(column, entry, self._verdicts[at])
        if role == ENTRY_ID_ROLE:
            return entry.id
        if role == Qt.ItemDataRole.ToolTipRole:
            verdict = self._verdicts[at]
            if column in (VERDICT_COLUMN, WARNINGS_COLUMN):
                # Built on demand: a tooltip is one row, and describing 100,000 verdicts
                # up front would make every refresh slow.
                if self._entries_by_id is None:
                    self._entries_by_id = {e.id: e for e in self._entries}  # type: ignore[misc]
                sentences = describe_verdict(entry, verdict, self._entries_by_id, self._texts.names)
                if entry.mopd_report_on is not None:
                    sentences.append(
                        self.tr("on the MOPD report as of {0}").format(
                            format_date_us(entry.mopd_report_on)
                        )
                    )
                if entry.kind is _CREDENTIAL:
                    nothing = self.tr("A credential: it earns no clock hours of its own.")
                else:
                    nothing = self.tr("Earns credit; nothing to check.")
                text = "\n".join(sentences) or nothing
                if column == VERDICT_COLUMN:
                    # the whole verdict first, for when the column is too narrow for it
                    if self.is_planned(entry):
                        text = f"{planned_verdict_text(verdict)}\n{text}\n" + self.tr(
                            "Planned: its hours count only once the date has passed."
                        )
                    else:
                        text = f"{self._texts.verdict(verdict)}\n{text}"
                return text
            if column in (TITLE_COLUMN, PROVIDER_COLUMN):
                text = self._texts.text(column, entry, verdict)
                if text:
                    return text
            if column == TITLE_COLUMN and entry.notes:
                return entry.notes
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            verdict = self._verdicts[at]
            if column == VERDICT_COLUMN:
                if self.is_planned(entry):
                    return _PLANNED_BRUSH if verdict.credited else _DENIED_BRUSH
                return _CREDITED_BRUSH if verdict.credited else _DENIED_BRUSH
            if column == WARNINGS_COLUMN and verdict.warnings:
                return _WARNING_BRUSH
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == HOURS_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # --- sorting ---------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS) or (column, order) == self._sort:
            return  # the view asks twice (header indicator, then sortByColumn)
        self._relayout(lambda: self._set_sort(column, order))

    def _set_sort(self, column: int, order: Qt.SortOrder) -> None:
        self._sort = (column, order)
        self._order = self._sorted_order()

    def _sorted_order(self) -> list[int]:
        """Indexes into the lists by the sort column, ties by date (then start, id);
        descending is the exact reverse."""
        column, order = self._sort
        if column == DATE_COLUMN:
            ascending = self._by_date
        elif self._ascending is not None and self._ascending[0] == column:
            ascending = self._ascending[1]  # the other direction of the last sort
        else:
            keys = self._sort_keys(column)
            ascending = sorted(self._by_date, key=keys.__getitem__)  # stable: ties by date
            self._ascending = (column, ascending)
        return ascending[::-1] if order == Qt.SortOrder.DescendingOrder else ascending

    def _sort_keys(self, column: int) -> Sequence[Any]:
        """One sortable value per entry (an int rank where the shown text sorts)."""
        entries, verdicts = self._entries, self._verdicts

        def texts(name: str) -> list[Any]:
            return list(map(attrgetter(name), entries))

        if column == TIME_COLUMN:
            return _ranked(texts("start_time"), _start_key)
        if column == PERSON_COLUMN:
            names = self._sort_names
            return _ranked(texts("staff_id"), lambda staff_id: names.get(staff_id, ""))
        if column == HOURS_COLUMN:
            return texts("clock_hours")
        if column == VERDICT_COLUMN:
            words = self._texts
            return _ranked(
                [v.reasons for v in verdicts],
                lambda reasons: (bool(reasons), words.verdict(Verdict(reasons=reasons))),
            )
        if column == WARNINGS_COLUMN:
            words = self._texts
            return _ranked(
                [v.warnings for v in verdicts],
                lambda warnings: (len(warnings), words.warnings(Verdict(warnings=warnings))),
            )
        if column == COURSE_COLUMN:
            return _ranked(texts("course_id"), lambda course: (course or "").casefold())
        if column == FORMAT_COLUMN:
            return _ranked(texts("format"), lambda fmt: FORMAT_LABELS[fmt].casefold())
        if column == SETTING_COLUMN:
            return _ranked(texts("setting"), lambda setting: SETTING_LABELS[setting].casefold())
        name = "title" if column == TITLE_COLUMN else "provider"
        return _ranked(texts(name), str.casefold)

    # --- filtering -------------------------------------------------------------------

    @property
    def active(self) -> bool:
        """Whether a filter hides anything."""
        return (
            self._staff_id is not None or self._verdict is not VerdictFilter.ALL or bool(self._text)
        )

    def set_person(self, staff_id: int | None) -> None:
        if staff_id != self._staff_id:
            self._relayout(lambda: setattr(self, "_staff_id", staff_id))

    def set_verdict(self, verdict: VerdictFilter) -> None:
        if verdict is not self._verdict:
            self._relayout(lambda: setattr(self, "_verdict", verdict))

    def set_text(self, text: str) -> None:
        wanted = text.strip().casefold()
        if wanted != self._text:
            self._relayout(lambda: setattr(self, "_text", wanted))

    def _filtered(self) -> list[int]:
        """``_order`` without the rows the filters hide (one pass per filter set, each
        a comprehension over list look-ups)."""
        rows = self._order
        entries, verdicts = self._entries, self._verdicts
        if self._staff_id is not None:
            staff_id = self._staff_id
            rows = [i for i in rows if entries[i].staff_id == staff_id]
        if self._verdict is VerdictFilter.CREDITED:
            rows = [i for i in rows if not verdicts[i].reasons]
        elif self._verdict is VerdictFilter.DENIED:
            rows = [i for i in rows if verdicts[i].reasons]
        elif self._verdict is VerdictFilter.WITH_WARNINGS:
            rows = [i for i in rows if verdicts[i].warnings]
        if self._text:
            text = self._text
            # test each distinct title and course ID once, not each row
            titles = {t for t in {e.title for e in entries} if text in t.casefold()}
            courses = {
                c for c in {e.course_id for e in entries} if c is not None and text in c.casefold()
            }
            rows = [
                i for i in rows if entries[i].title in titles or entries[i].course_id in courses
            ]
        return rows

    # --- changing the order or the rows shown ---------------------------------------------

    def _relayout(self, change: Callable[[], dict[int, int] | None]) -> None:
        """Apply ``change`` (a new sort or filter, or rows changed), recompute the rows
        shown and move every persistent index (the view's selection and current row) to
        its entry's new row, or drop it if the entry is now hidden or gone. ``change``
        may return where entries moved in the lists (old index -> new, -1: gone)."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        old_visible = self._visible
        moved_from = [old_visible[index.row()] for index in persistent]
        moved = change()
        if moved:
            moved_from = [moved.get(i, i) for i in moved_from]
        self._visible = self._filtered()
        self._row_of_index = None
        if persistent:
            if len(persistent) > 8:  # many: one map beats a list search each
                row_of = self._row_of_index = _positions(self._visible)
                new_rows = [row_of.get(i, -1) for i in moved_from]
            else:
                new_rows = [_position(self._visible, i) for i in moved_from]
            self.changePersistentIndexList(
                persistent,
                [
                    self.index(row, index.column()) if row >= 0 else QModelIndex()
                    for row, index in zip(new_rows, persistent, strict=True)
                ],
            )
        self.layoutChanged.emit()


_ID = attrgetter("id")

#: the entry field each column sorts by, where it is one (time and date: the date key)
_SORT_FIELDS = {
    PERSON_COLUMN: "staff_id",
    TITLE_COLUMN: "title",
    COURSE_COLUMN: "course_id",
    PROVIDER_COLUMN: "provider",
    FORMAT_COLUMN: "format",
    SETTING_COLUMN: "setting",
    HOURS_COLUMN: "clock_hours",
}


def _date_key(entry: TrainingEntry) -> tuple[object, ...]:
    """The order by date (``set_entries``'s three sorts): date, start time (none
    first), id."""
    return (entry.completed_on, _start_key(entry.start_time), entry.id or 0)


def _find(rows: list[int], key: Any, key_at: Callable[[int], Any]) -> int:
    """Where the index of the entry with date key ``key`` is in ``rows`` (by date)."""
    at = bisect_left(rows, key, key=key_at)
    assert at < len(rows) and key_at(rows[at]) == key, "the date order lost an entry"
    return at


def _positions(rows: list[int]) -> dict[int, int]:
    """value -> its position in ``rows`` (made in C: a third the time of a loop)."""
    return dict(zip(rows, range(len(rows)), strict=True))


def _position(rows: list[int], value: int) -> int:
    try:
        return rows.index(value)
    except ValueError:
        return -1
