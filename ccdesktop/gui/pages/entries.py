"""The training entries page: every entry with the engine's verdict, filterable by
person, year, verdict and text; add, edit and delete (undoable)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QSettings, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.audit import staff_sort_key
from ...domain.records import TrainingEntry
from ...domain.rules import Verdict
from ..commands import DeleteEntries
from ..dialogs.entry_dialog import EntryDialog
from ..models.entries_model import (
    COLUMNS,
    DATE_COLUMN,
    HOURS_COLUMN,
    TITLE_COLUMN,
    VERDICT_COLUMN,
    WARNINGS_COLUMN,
    EntriesTableModel,
    VerdictFilter,
)
from ..session import DataChange, Session
from ..widgets.heading import page_heading
from ..widgets.record_table import record_table
from .base import Page
from .shown import Shown

#: where the table's column order and widths are remembered
HEADER_KEY = "entriesPage/header"
#: the year combo's two choices
FOLLOW_YEAR, ALL_YEARS = "year", "all"
#: room beside a cell's text (margins, the sort indicator's room in the header)
CELL_PADDING = 24
#: the Verdict column grows to its longest text up to this many average characters
VERDICT_WIDTH_CAP = 64


class EntriesPage(Page):
    title = "Training"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setObjectName("entriesPage")
        #: sorts and filters itself (no proxy: see EntriesTableModel)
        self.model = EntriesTableModel(self)
        #: what the table was filled from (the years chosen with it)
        self._shown = Shown()
        self._build()
        self._build_actions()

    # --- building ----------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(self.tr("Training entries"), self))

        filters = QHBoxLayout()
        self.person_combo = QComboBox(self)
        self.person_combo.setObjectName("personFilter")
        self.person_combo.setAccessibleName(self.tr("Show entries of"))
        self.person_combo.setMinimumContentsLength(14)
        self.person_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.year_combo = QComboBox(self)
        self.year_combo.setObjectName("yearFilter")
        self.year_combo.setAccessibleName(self.tr("Show entries of the year"))
        self.year_combo.addItem("", FOLLOW_YEAR)
        self.year_combo.addItem(self.tr("All years"), ALL_YEARS)
        self.verdict_combo = QComboBox(self)
        self.verdict_combo.setObjectName("verdictFilter")
        self.verdict_combo.setAccessibleName(self.tr("Show entries by verdict"))
        for text, value in (
            (self.tr("All entries"), VerdictFilter.ALL),
            (self.tr("Credited"), VerdictFilter.CREDITED),
            (self.tr("Denied"), VerdictFilter.DENIED),
            (self.tr("With warnings"), VerdictFilter.WITH_WARNINGS),
        ):
            self.verdict_combo.addItem(text, value)
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("entrySearch")
        self.search_edit.setAccessibleName(self.tr("Search title or course ID"))
        self.search_edit.setPlaceholderText(self.tr("title or course ID"))
        self.search_edit.setClearButtonEnabled(True)
        for text, widget in (
            (self.tr("&Person:"), self.person_combo),
            (self.tr("Yea&r:"), self.year_combo),
            (self.tr("Verdi&ct:"), self.verdict_combo),
            (self.tr("&Search:"), self.search_edit),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget, 1 if widget is self.search_edit else 0)
        layout.addLayout(filters)

        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add entry…"), self)
        self.add_button.setObjectName("addEntryButton")
        self.edit_button = QPushButton(self.tr("Ed&it…"), self)
        self.edit_button.setObjectName("editEntryButton")
        self.delete_button = QPushButton(self.tr("&Delete"), self)
        self.delete_button.setObjectName("deleteEntryButton")
        self.export_button = QPushButton(self.tr("E&xport year to CSV…"), self)
        self.export_button.setObjectName("exportEntriesButton")
        self.count_label = QLabel(self)
        self.count_label.setObjectName("entryCount")
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        buttons.addWidget(self.export_button)
        layout.addLayout(buttons)

        self.table = record_table(
            self,
            "entriesTable",
            self.tr("Training entries"),
            selection=QAbstractItemView.SelectionMode.ExtendedSelection,
        )
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(DATE_COLUMN, Qt.SortOrder.AscendingOrder)
        # a fixed row height keeps 100,000 rows from being measured one by one
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSectionsMovable(True)
        self._set_column_widths()
        # The verdict is what a director looks for: show it beside the title, before
        # the details that scroll off a small screen (the model keeps the listed order).
        for offset, column in enumerate((HOURS_COLUMN, VERDICT_COLUMN, WARNINGS_COLUMN)):
            header.moveSection(header.visualIndex(column), TITLE_COLUMN + 1 + offset)
        self._restore_header()
        header.sectionMoved.connect(self._save_header)
        header.sectionResized.connect(self._save_header)
        header.sectionResized.connect(self._column_resized)
        #: set while the page sizes the Verdict column itself; False once the director
        #: has sized it by hand (their width then stays, until the next start)
        self._fitting_verdict = False
        self._verdict_sized_by_hand = False
        layout.addWidget(self.table, 1)

        self.person_combo.currentIndexChanged.connect(self._person_chosen)
        self.year_combo.currentIndexChanged.connect(self._year_chosen)
        self.verdict_combo.currentIndexChanged.connect(
            lambda _i: self._apply_filter(self.model.set_verdict, self.verdict_combo.currentData())
        )
        self.search_edit.textChanged.connect(
            lambda text: self._apply_filter(self.model.set_text, text)
        )
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.add_button.clicked.connect(self.add_entry)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.export_button.clicked.connect(self._export)
        QWidget.setTabOrder(self.person_combo, self.year_combo)
        QWidget.setTabOrder(self.year_combo, self.verdict_combo)
        QWidget.setTabOrder(self.verdict_combo, self.search_edit)
        QWidget.setTabOrder(self.search_edit, self.add_button)
        QWidget.setTabOrder(self.add_button, self.edit_button)
        QWidget.setTabOrder(self.edit_button, self.delete_button)
        QWidget.setTabOrder(self.delete_button, self.export_button)
        QWidget.setTabOrder(self.export_button, self.table)

    def _set_column_widths(self) -> None:
        metrics = self.fontMetrics()

        def width(sample: str) -> int:
            return metrics.horizontalAdvance(sample) + CELL_PADDING

        samples = {
            0: "12/31/2025",
            1: "11:30 AM–12:30 PM",
            2: "Keisha Washington",
            3: "Recognizing and Reporting Child",
            4: "CPR-200",
            5: "Local public health",
            6: "online module",
            7: "individual",
            8: "2.5 planned",  # a planned entry says so (issue 13)
            9: "✗ denied: ONLINE_GROUP",
            10: "⚠ Start or end time missing",
        }
        for column, sample in samples.items():
            self.table.setColumnWidth(column, max(width(sample), width(COLUMNS[column])))

    def fit_verdict_column(self, texts: Iterable[str] | None = None) -> None:
        """Widen the Verdict column to its longest text ("✗ Denied: Repeated within 12
        months; In ratio with children"), up to a cap (the tooltip has the whole
        verdict); never narrowed, and left alone once sized by hand. ``texts``: the
        texts to fit (those of the rows a change touched), else every row's."""
        if self._verdict_sized_by_hand:
            return
        metrics = self.table.fontMetrics()
        if texts is None:
            texts = self.model.verdict_texts()
        longest = max(map(metrics.horizontalAdvance, texts), default=0)
        cap = metrics.averageCharWidth() * VERDICT_WIDTH_CAP
        wanted = min(longest + CELL_PADDING, cap)
        if self.table.columnWidth(VERDICT_COLUMN) < wanted:
            self._fitting_verdict = True
            try:
                self.table.setColumnWidth(VERDICT_COLUMN, wanted)
            finally:
                self._fitting_verdict = False

    def _column_resized(self, column: int, _old: int, _new: int) -> None:
        if column == VERDICT_COLUMN and not self._fitting_verdict:
            self._verdict_sized_by_hand = True

    def _restore_header(self) -> None:
        state = QSettings().value(HEADER_KEY)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.table.horizontalHeader().restoreState(state)

    def _save_header(self, *_args: object) -> None:
        QSettings().setValue(HEADER_KEY, self.table.horizontalHeader().saveState())

    def _build_actions(self) -> None:
        self.add_action = QAction(self.tr("Add &training entry…"), self)
        self.add_action.setShortcut(QKeySequence("Ctrl+T"))
        self.add_action.triggered.connect(self.add_entry)
        self.edit_action = QAction(self.tr("Edit training entr&y…"), self)
        self.edit_action.setShortcut(QKeySequence("Ctrl+Return"))
        self.edit_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.edit_action.triggered.connect(self.edit_selected)
        self.delete_action = QAction(self.tr("De&lete training entries"), self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        # Edit and delete work where the entries are; Ctrl+T works from every page
        # once the window puts the actions in its Edit menu.
        self.addAction(self.edit_action)
        self.addAction(self.delete_action)
        self._update_buttons()

    def menu_actions(self) -> list[QAction]:
        """The actions the window lists in its Edit menu."""
        return [self.add_action, self.edit_action, self.delete_action]

    # --- showing -----------------------------------------------------------------------

    def refresh(self) -> None:
        session = self.session
        years = self.year_combo.currentData()
        change = self._shown.change(session, years)
        if change is None or change.staff_records:  # names and the person filter: all
            self._show_all()
        else:
            self._show_change(change)
        self._shown.note(session, years)

    def _show_change(self, change: DataChange) -> None:
        """Update the rows of the entries ``change`` names, the others as they are."""
        session = self.session
        audit = session.audit()
        every_year = self.year_combo.currentData() == ALL_YEARS
        rows: dict[int, tuple[TrainingEntry, Verdict] | None] = {}
        for entry_id in change.entry_ids:
            entry = audit.entries_by_id.get(entry_id)
            shown = entry is not None and (every_year or entry.completed_on.year == session.year)
            rows[entry_id] = (entry, audit.verdicts[entry_id]) if shown else None  # type: ignore[assignment]
        self.model.update_entries(rows, audit.entries_by_id)
        self.fit_verdict_column(self.model.verdict_texts(change.entry_ids))
        self._update_count()
        self._update_buttons()

    def _show_all(self) -> None:
        session = self.session
        data = session.data()
        audit = session.audit()
        selected = {entry.id for entry in self.selected_entries()}
        current = self.current_entry()

        self.year_combo.setItemText(0, self.tr("{0}").format(session.year))
        staff_id = self.person_combo.currentData()
        self.person_combo.blockSignals(True)
        self.person_combo.clear()
        self.person_combo.addItem(self.tr("All staff"), None)
        for staff in sorted(data.staff, key=staff_sort_key):
            self.person_combo.addItem(staff.sort_name, staff.id)
        self.person_combo.setCurrentIndex(max(0, self.person_combo.findData(staff_id)))
        self.person_combo.blockSignals(False)
        self.model.set_person(self.person_combo.currentData())

        if self.year_combo.currentData() == ALL_YEARS:
            entries: list[TrainingEntry] | tuple[TrainingEntry, ...] = data.entries
        else:
            entries = [result.entry for result in audit.entries]
        self.model.set_entries(
            entries, audit.verdicts, data.staff, audit.entries_by_id, audit.today
        )
        self.fit_verdict_column()
        self._restore_selection(selected, current.id if current else None)
        self._update_count()
        self._update_buttons()

    def _restore_selection(self, ids: set[int | None], current_id: int | None) -> None:
        selection = self.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for entry_id in ids:
            index = self.index_of_entry(entry_id) if entry_id is not None else None
            if index is not None:
                selection.select(index, flags)
        if current_id is not None:
            index = self.index_of_entry(current_id)
            if index is not None:
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)

    def index_of_entry(self, entry_id: int) -> QModelIndex | None:
        """The table's index of the entry (its first column), if it is shown."""
        row = self.model.row_of(entry_id)
        return None if row is None else self.model.index(row, 0)

    def select_entry(self, entry_id: int) -> bool:
        """Select and show one entry (clearing the filters that hide it)."""
        if not self.model.has_entry(entry_id) and self.year_combo.currentData() != ALL_YEARS:
            self.year_combo.setCurrentIndex(self.year_combo.findData(ALL_YEARS))
        if self.index_of_entry(entry_id) is None:
            self.person_combo.setCurrentIndex(0)
            self.verdict_combo.setCurrentIndex(0)
            self.search_edit.clear()
        index = self.index_of_entry(entry_id)
        if index is None:
            return False
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total_count()
        if shown == total:
            self.count_label.setText(self.tr("{0} entries").format(total))
        else:
            self.count_label.setText(self.tr("{0} of {1} entries").format(shown, total))

    def _apply_filter(self, setter: object, value: object) -> None:
        setter(value)  # type: ignore[operator]
        self._update_count()
        self._update_buttons()

    @Slot(int)
    def _person_chosen(self, _index: int) -> None:
        self._apply_filter(self.model.set_person, self.person_combo.currentData())

    @Slot(int)
    def _year_chosen(self, _index: int) -> None:
        self.refresh()

    # --- selection and actions -----------------------------------------------------------

    def selected_entries(self) -> list[TrainingEntry]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.entry_at(row) for row in rows]

    def current_entry(self) -> TrainingEntry | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.entry_at(index.row())

    def _update_buttons(self, *_args: object) -> None:
        count = len(self.table.selectionModel().selectedRows())
        self.edit_button.setEnabled(count == 1)
        self.edit_action.setEnabled(count == 1)
        self.delete_button.setEnabled(count > 0)
        self.delete_action.setEnabled(count > 0)
        self.delete_action.setText(
            self.tr("De&lete training entry")
            if count <= 1
            else self.tr("De&lete {0} training entries").format(count)
        )

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_entry(self.model.entry_at(index.row()))

    def chosen_staff_ids(self) -> list[int]:
        """The person of the selected entries (when they are one person's), else the
        person the filter shows."""
        people = {entry.staff_id for entry in self.selected_entries()}
        if len(people) == 1:
            return list(people)
        staff_id = self.person_combo.currentData()
        return [] if staff_id is None else [int(staff_id)]

    @Slot()
    def add_entry(self) -> None:
        """The form, for the person chosen on the page shown (Ctrl+T works from every
        page): the Staff page's selected person, the Training page's selected entry's
        or filter's; from a page that chooses no one, this page's filter's."""
        shown = self.page_shown()
        staff_ids = shown.chosen_staff_ids() if shown is not None else []
        dialog = EntryDialog(
            self.session, None, self, staff_ids=staff_ids or self.chosen_staff_ids()
        )
        self._run(dialog)

    @Slot()
    def edit_selected(self) -> None:
        entries = self.selected_entries()
        if len(entries) == 1:
            self.edit_entry(entries[0])

    def edit_entry(self, entry: TrainingEntry) -> None:
        self._run(EntryDialog(self.session, entry, self))

    def _run(self, dialog: EntryDialog) -> None:
        dialog.exec()
        dialog.deleteLater()

    @Slot()
    def delete_selected(self) -> None:
        entries = self.selected_entries()
        if not entries:
            return
        if len(entries) == 1:
            names = {s.id: s.full_name for s in self.session.data().staff}
            question = self.tr("Delete the entry {0} of {1}?").format(
                entries[0].title, names.get(entries[0].staff_id, "")
            )
        else:
            question = self.tr("Delete these {0} training entries?").format(len(entries))
        question += "\n" + self.tr("You can undo this with Edit > Undo (Ctrl+Z).")
        answer = QMessageBox.question(
            self,
            self.tr("Delete training"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.session.perform(DeleteEntries(self.session.db, entries))

    def _export(self) -> None:
        self.exportRequested.emit()  # the window's File > Export, which asks where
