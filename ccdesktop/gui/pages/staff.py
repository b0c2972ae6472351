"""The staff page: everyone with their standing for the year; add, edit, mark as
left, delete (all undoable); a detail pane with the person's ledger year by year and
their training of the year with the engine's verdicts."""

from __future__ import annotations

from PySide6.QtCore import (
    QByteArray,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    Qt,
    Slot,
)
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.audit import StaffStanding
from ...domain.dates import format_date_us
from ...domain.explain import (
    STATUS_LABELS,
    describe_credential_year,
    describe_exempt,
    describe_make_up,
    explain,
)
from ...domain.hours import format_hours
from ...domain.records import Staff
from ...domain.requirements import summarise
from ..commands import DeleteStaff
from ..dialogs.staff_dialog import EndDateDialog, StaffDialog
from ..models.entries_model import (
    COURSE_COLUMN,
    ENTRY_ID_ROLE,
    FORMAT_COLUMN,
    PERSON_COLUMN,
    PROVIDER_COLUMN,
    SETTING_COLUMN,
    TITLE_COLUMN,
    EntriesTableModel,
)
from ..models.ledger_model import LedgerTableModel
from ..models.requirements_model import RequirementsTableModel
from ..models.staff_model import (
    COLUMNS,
    NAME_COLUMN,
    StaffFilterProxy,
    StaffTableModel,
)
from ..session import DataChange, Session
from ..widgets.heading import page_heading
from ..widgets.record_table import record_table
from .base import Page
from .shown import Shown

HEADER_KEY = "staffPage/header"
SPLITTER_KEY = "staffPage/splitter"
SHOW_LEFT_KEY = "staffPage/showLeft"

#: columns of the entries table that the person's detail pane leaves out
_HIDDEN_ENTRY_COLUMNS = (PERSON_COLUMN, COURSE_COLUMN, PROVIDER_COLUMN, FORMAT_COLUMN,
                         SETTING_COLUMN)  # fmt: skip


class StaffPage(Page):
    title = "Staff"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setObjectName("staffPage")
        self.model = StaffTableModel(self)
        self.proxy = StaffFilterProxy(self)
        #: what the table was filled from
        self._shown = Shown()
        self.proxy.setSourceModel(self.model)
        self.ledger_model = LedgerTableModel(self)
        self.entries_model = EntriesTableModel(self)
        self.requirements_model = RequirementsTableModel(self)
        #: the dialog open now (add/edit/mark as left), for tests and to avoid two
        self.dialog: QDialog | None = None
        self._splitter_restored = False
        self._build()
        self._build_actions()
        self._restore_layout()

    # --- building ----------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(self.tr("Staff"), self))

        filters = QHBoxLayout()
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("staffSearch")
        self.search_edit.setAccessibleName(self.tr("Find staff by name, MOPD ID or role"))
        self.search_edit.setPlaceholderText(self.tr("name, MOPD ID or role"))
        self.search_edit.setClearButtonEnabled(True)
        find_label = QLabel(self.tr("Fi&nd:"), self)
        find_label.setBuddy(self.search_edit)
        self.show_left_check = QCheckBox(self.tr("Show people who have &left"), self)
        self.show_left_check.setObjectName("showLeft")
        self.show_left_check.setAccessibleName(self.tr("Show people who have left"))
        self.count_label = QLabel(self)
        self.count_label.setObjectName("staffCount")
        filters.addWidget(find_label)
        filters.addWidget(self.search_edit, 1)
        filters.addWidget(self.show_left_check)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        layout.addLayout(filters)

        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add staff member…"), self)
        self.add_button.setObjectName("addStaffButton")
        self.edit_button = QPushButton(self.tr("Ed&it…"), self)
        self.edit_button.setObjectName("editStaffButton")
        self.left_button = QPushButton(self.tr("&Mark as left…"), self)
        self.left_button.setObjectName("markLeftButton")
        self.delete_button = QPushButton(self.tr("&Delete…"), self)
        self.delete_button.setObjectName("deleteStaffButton")
        for button in (self.add_button, self.edit_button, self.left_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("staffSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.table = record_table(self.splitter, "staffTable", self.tr("Staff"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME_COLUMN, Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self._set_column_widths()
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self._build_detail())
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout.addWidget(self.splitter, 1)

        self.search_edit.textChanged.connect(self._filter_text)
        self.show_left_check.toggled.connect(self._filter_left)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.add_button.clicked.connect(self.add_staff)
        self.edit_button.clicked.connect(self.edit_selected)
        self.left_button.clicked.connect(self.mark_selected_left)
        self.delete_button.clicked.connect(self.delete_selected)
        header.sectionResized.connect(self._save_layout)
        header.sortIndicatorChanged.connect(self._save_layout)
        self.splitter.splitterMoved.connect(self._save_layout)
        order = (self.search_edit, self.show_left_check, self.add_button, self.edit_button,
                 self.left_button, self.delete_button, self.table, self.ledger_table,
                 self.entries_table, self.requirements_table)  # fmt: skip
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _build_detail(self) -> QWidget:
        detail = QWidget(self.splitter)
        detail.setObjectName("staffDetail")
        layout = QVBoxLayout(detail)
        layout.setContentsMargins(0, 6, 0, 0)
        self.detail_title = QLabel(detail)
        self.detail_title.setObjectName("detailTitle")
        font = self.detail_title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.detail_title.setFont(font)
        self.detail_summary = QLabel(detail)
        self.detail_summary.setObjectName("detailSummary")
        self.detail_summary.setWordWrap(True)
        self.detail_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.detail_title)
        layout.addWidget(self.detail_summary)

        # tabs rather than side by side: each table gets the full width, which a
        # 1366x768 screen at 150% needs
        self.detail_tabs = QTabWidget(detail)
        self.detail_tabs.setObjectName("detailTabs")
        self.ledger_box = QWidget(self.detail_tabs)
        ledger_layout = QVBoxLayout(self.ledger_box)
        ledger_layout.setContentsMargins(4, 4, 4, 4)
        self.ledger_table = record_table(
            self.ledger_box, "ledgerTable", self.tr("Ledger year by year")
        )
        self.ledger_table.setModel(self.ledger_model)
        ledger_header = self.ledger_table.horizontalHeader()
        ledger_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        ledger_header.setStretchLastSection(True)
        ledger_layout.addWidget(self.ledger_table)

        self.entries_box = QWidget(self.detail_tabs)
        entries_layout = QVBoxLayout(self.entries_box)
        entries_layout.setContentsMargins(4, 4, 4, 4)
        self.entries_table = record_table(self.entries_box, "personEntriesTable",
                                    self.tr("Training of the year with verdicts"))  # fmt: skip
        self.entries_table.setModel(self.entries_model)
        entries_header = self.entries_table.horizontalHeader()
        # the title takes what the short columns leave, so nothing scrolls sideways
        entries_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        entries_header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        entries_header.setStretchLastSection(False)
        for column in _HIDDEN_ENTRY_COLUMNS:
            self.entries_table.setColumnHidden(column, True)
        self.entries_table.activated.connect(self._entry_activated)
        # beside the verdicts: a "Credited" entry whose hours went to an earlier year
        self.make_up_note = QLabel(self.entries_box)
        self.make_up_note.setObjectName("personMakeUpNote")
        self.make_up_note.setWordWrap(True)
        self.make_up_note.hide()
        entries_layout.addWidget(self.make_up_note)
        entries_layout.addWidget(self.entries_table)
        self.entries_empty = QLabel(self.entries_box)
        self.entries_empty.setObjectName("personEntriesEmpty")
        self.entries_empty.setWordWrap(True)
        entries_layout.addWidget(self.entries_empty)
        self.detail_tabs.addTab(self.entries_box, "")
        self.detail_tabs.addTab(self.ledger_box, self.tr("Led&ger, year by year"))
        self.detail_tabs.addTab(self._build_requirements_tab(), self.tr("Re&quired trainings"))
        layout.addWidget(self.detail_tabs, 1)
        return detail

    def _build_requirements_tab(self) -> QWidget:
        """The person's required trainings (issue 13), as the engine says today."""
        self.requirements_box = QWidget(self.detail_tabs)
        box_layout = QVBoxLayout(self.requirements_box)
        box_layout.setContentsMargins(4, 4, 4, 4)
        self.requirements_table = record_table(
            self.requirements_box, "personRequirementsTable", self.tr("Required trainings")
        )
        self.requirements_table.setModel(self.requirements_model)
        header = self.requirements_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.requirements_note = QLabel(self.requirements_box)
        self.requirements_note.setObjectName("personRequirementsNote")
        self.requirements_note.setWordWrap(True)
        box_layout.addWidget(self.requirements_table)
        box_layout.addWidget(self.requirements_note)
        return self.requirements_box

    def _set_column_widths(self) -> None:
        metrics = self.fontMetrics()
        samples = ("Washington, Keisha Ann", "exempt (no clock hours required)",
                   "Counted / required", "Needed", "1234567", "Lead Teacher (Preschool)",
                   "12/31/2025", "12/31/2025")  # fmt: skip
        for column, sample in enumerate(samples):
            width = (
                max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(COLUMNS[column]))
                + 28
            )
            self.table.setColumnWidth(column, width)

    def _build_actions(self) -> None:
        self.add_action = QAction(self.tr("Add &staff member…"), self)
        # Ctrl+N is File > New center file, so adding a person is Ctrl+Shift+N or
        # Insert, from every page
        self.add_action.setShortcuts([QKeySequence("Ctrl+Shift+N"), QKeySequence("Ins")])
        self.add_action.triggered.connect(self.add_staff)
        self.edit_action = QAction(self.tr("&Edit staff member…"), self)
        self.edit_action.setShortcut(QKeySequence("Ctrl+Return"))
        self.edit_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.edit_action.triggered.connect(self.edit_selected)
        self.left_action = QAction(self.tr("&Mark staff member as left…"), self)
        self.left_action.setShortcut(QKeySequence("Ctrl+L"))
        self.left_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.left_action.triggered.connect(self.mark_selected_left)
        self.delete_action = QAction(self.tr("&Delete staff member…"), self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        for action in (self.edit_action, self.left_action,
                       self.delete_action):  # fmt: skip
            self.addAction(action)
        self._update_buttons()

    def menu_actions(self) -> list[QAction]:
        """The actions the window lists in its Edit menu."""
        return [self.add_action, self.edit_action, self.left_action, self.delete_action]

    # --- layout memory -----------------------------------------------------------------

    def _restore_layout(self) -> None:
        settings = QSettings()
        header = settings.value(HEADER_KEY)
        if isinstance(header, QByteArray) and not header.isEmpty():
            self.table.horizontalHeader().restoreState(header)
        show_left = settings.value(SHOW_LEFT_KEY, False, type=bool)
        self.show_left_check.setChecked(bool(show_left))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._splitter_restored:
            # Restored once the page has its real size: before that the splitter
            # would rescale the remembered sizes to a size it does not keep.
            self._splitter_restored = True
            state = QSettings().value(SPLITTER_KEY)
            if isinstance(state, QByteArray) and not state.isEmpty():
                self.splitter.restoreState(state)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt's name
        # also when the window closes: a splitter moved by code emits no signal
        self._save_layout()
        super().hideEvent(event)

    def _save_layout(self, *_args: object) -> None:
        if not self._splitter_restored:
            return  # never shown: keep what was remembered
        settings = QSettings()
        settings.setValue(HEADER_KEY, self.table.horizontalHeader().saveState())
        settings.setValue(SPLITTER_KEY, self.splitter.saveState())

    # --- showing -----------------------------------------------------------------------

    def refresh(self) -> None:
        change = self._shown.change(self.session)
        if change is None:
            self._show_all()
        else:
            self._show_change(change)
        self._shown.note(self.session)

    def _show_change(self, change: DataChange) -> None:
        """Update the rows of the people ``change`` names, the others as they are (the
        table's proxy moves and filters only those rows)."""
        current = self.current_staff()
        audit = self.session.audit()
        standings = {s.staff.id: s for s in audit.staff}
        self.model.update_standings({i: standings.get(i) for i in change.staff_ids})
        if current is not None and self.model.row_of(current.id) is None:  # type: ignore[arg-type]
            # deleted: no one is selected, as after a refill (not the row that moved up)
            self.table.selectionModel().clear()
        self._selection_changed()  # the person shown: their standing and entries anew
        self._update_count()

    def _show_all(self) -> None:
        current = self.current_staff()
        audit = self.session.audit()
        self.model.set_standings(audit.staff, audit.year, audit.records_start_year)
        self.detail_tabs.setTabText(
            self.detail_tabs.indexOf(self.entries_box),
            self.tr("&Training in {0}").format(audit.year),
        )
        if current is None or not self.select_staff(current.id, reveal=False):  # type: ignore[arg-type]
            self._show_detail(None)
        self._update_count()
        self._update_buttons()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown == total:
            self.count_label.setText(self.tr("{0} staff").format(total))
        else:
            self.count_label.setText(self.tr("{0} of {1} staff shown").format(shown, total))

    def current_staff(self) -> Staff | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.proxy.staff_at(rows[0].row())

    def chosen_staff_ids(self) -> list[int]:
        staff = self.current_staff()
        return [staff.id] if staff is not None and staff.id is not None else []

    def show_person(self, staff_id: int, *, requirements: bool = False) -> None:
        """Select one person, as sent here from another page: on their Required
        trainings tab if ``requirements``, the keyboard in the staff table."""
        self.select_staff(staff_id)
        if requirements:
            self.detail_tabs.setCurrentWidget(self.requirements_box)
        self.table.setFocus()

    def focus_main_view(self) -> None:
        self.table.setFocus()

    def select_staff(self, staff_id: int, *, reveal: bool = True) -> bool:
        """Select one person (clearing the filters that hide them if ``reveal``)."""
        row = self.model.row_of(staff_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            if not reveal:
                return False
            self.search_edit.clear()
            if self.model.row_at(row).left:
                self.show_left_check.setChecked(True)
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        self._show_detail(self.model.row_at(row).standing)
        return True

    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, *_args: object) -> None:
        staff = self.current_staff()
        standing = None
        if staff is not None and staff.id is not None:
            row = self.model.row_of(staff.id)
            standing = self.model.row_at(row).standing if row is not None else None
        self._show_detail(standing)
        self._update_buttons()

    def _show_detail(self, standing: StaffStanding | None) -> None:
        year = self.session.year
        if standing is None:
            self.detail_title.setText(self.tr("No one selected"))
            self.detail_summary.setText(
                self.tr("Select a person to see their ledger and their training in {0}.").format(
                    year
                )
            )
            self.ledger_model.set_ledger(())
            self.entries_model.set_entries([], {}, [])
            self.requirements_model.set_statuses(())
            self.requirements_note.setText("")
            self.entries_empty.hide()
            self.make_up_note.hide()
            return
        staff = standing.staff
        self.detail_title.setText(staff.full_name)
        self.detail_summary.setText(self._summary(standing, year))
        self.ledger_model.set_ledger(standing.ledger)
        audit = self.session.audit()
        assert staff.id is not None
        self.requirements_model.set_statuses(self.session.requirement_statuses().get(staff.id, ()))
        self.requirements_note.setText(
            self.tr(
                "As of {0}. The center's list of required trainings, how each is met and "
                "how long it lasts are in Settings."
            ).format(format_date_us(self.session.today()))
        )
        results = audit.entries_of(staff.id)
        # every name, so a warning can name the other staff it links
        self.entries_model.set_entries(
            [r.entry for r in results],
            audit.verdicts,
            [s.staff for s in audit.staff],  # a group-use warning names the others
            audit.entries_by_id,
            audit.today,
        )
        self.entries_empty.setText(
            self.tr("No training completed in {0}.").format(year) if not results else ""
        )
        self.entries_empty.setVisible(not results)
        make_up = describe_make_up(year, standing.applied_to_prior, standing.counted)
        self.make_up_note.setText(make_up or "")
        self.make_up_note.setVisible(bool(make_up))
        if not standing.ledger:
            self.ledger_box.setToolTip(
                self.tr("{0} asks nothing of this person, so there is no ledger yet.").format(year)
            )
        else:
            self.ledger_box.setToolTip("")

    def _summary(self, standing: StaffStanding, year: int) -> str:
        staff = standing.staff
        parts = []
        details = [staff.role] if staff.role else []
        details.append(
            self.tr("MOPD ID {0}").format(staff.mopd_id) if staff.mopd_id else self.tr("no MOPD ID")
        )
        if staff.hire_date:
            details.append(self.tr("hired {0}").format(format_date_us(staff.hire_date)))
        if staff.end_date:
            details.append(self.tr("last day {0}").format(format_date_us(staff.end_date)))
        parts.append(", ".join(details) + ".")
        if standing.exempt_reason is not None:
            why = describe_exempt(
                standing.exempt_reason, staff, self.session.audit().records_start_year
            )
            parts.append(self.tr("{0}: exempt, nothing required ({1}).").format(year, why))
        else:
            text = self.tr("{0}: {1}.").format(year, STATUS_LABELS[standing.status])
            credential = self.session.audit().entries_by_id.get(standing.met_by_credential or 0)
            if credential is not None:
                text += " " + describe_credential_year(credential) + "."
            make_up = describe_make_up(year, standing.applied_to_prior, standing.counted)
            if make_up:
                text += " " + make_up
            text += self.tr(" Counted {0} of {1} h").format(
                format_hours(standing.counted), format_hours(standing.required)
            )
            if standing.prior_deficit_remaining:
                text += self.tr("; {0} h still owed for earlier years").format(
                    format_hours(standing.prior_deficit_remaining)
                )
            text += self.tr("; {0} h still needed.").format(format_hours(standing.hours_needed))
            parts.append(text)
        for code in standing.warnings:
            parts.append("⚠ " + explain(code).reason)
        required = summarise(self.session.requirement_statuses().get(staff.id or 0, ()))
        if required:
            parts.append(self.tr("Required trainings: {0}.").format(required))
        if standing.planned_count:
            parts.append(
                self.tr("{0} h planned (not counted until done).").format(
                    format_hours(standing.planned)
                )
            )
        return " ".join(parts)

    def _update_buttons(self, *_args: object) -> None:
        staff = self.current_staff()
        chosen = staff is not None
        for widget in (self.edit_button, self.left_button, self.delete_button,
                       self.edit_action, self.left_action, self.delete_action):  # fmt: skip
            widget.setEnabled(chosen)

    @Slot(str)
    def _filter_text(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_count()
        self._selection_changed()

    @Slot(bool)
    def _filter_left(self, show: bool) -> None:
        self.proxy.set_show_left(show)
        QSettings().setValue(SHOW_LEFT_KEY, show)
        self._update_count()
        self._selection_changed()

    # --- actions -----------------------------------------------------------------------

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_staff(self.proxy.staff_at(index.row()))

    @Slot(QModelIndex)
    def _entry_activated(self, index: QModelIndex) -> None:
        entry_id = index.data(ENTRY_ID_ROLE)
        if entry_id is not None:
            self.showEntryRequested.emit(int(entry_id))

    def _open(self, dialog: QDialog) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r, d=dialog: self._closed(d))
        dialog.open()

    def _closed(self, dialog: QDialog) -> None:
        saved = dialog.saved if isinstance(dialog, StaffDialog) else None  # a new one's id
        if saved is not None and saved.id is not None:
            self.select_staff(saved.id)
        if self.dialog is dialog:
            self.dialog = None
        self.table.setFocus()

    @Slot()
    def add_staff(self) -> None:
        if not self.isVisible():
            self.showRequested.emit()  # Ctrl+Shift+N from another page
        self._open(StaffDialog(self.session, None, self))

    @Slot()
    def edit_selected(self) -> None:
        staff = self.current_staff()
        if staff is not None:
            self.edit_staff(staff)

    def edit_staff(self, staff: Staff) -> None:
        self._open(StaffDialog(self.session, staff, self))

    @Slot()
    def mark_selected_left(self) -> None:
        staff = self.current_staff()
        if staff is not None:
            self._open(EndDateDialog(self.session, staff, self))

    @Slot()
    def delete_selected(self) -> None:
        staff = self.current_staff()
        if staff is None or staff.id is None:
            return
        count = sum(1 for e in self.session.data().entries if e.staff_id == staff.id)
        question = (
            self.tr("Delete {0} and their {1} training entries?").format(staff.full_name, count)
            if count
            else self.tr("Delete {0}?").format(staff.full_name)
        )
        question += "\n" + self.tr(
            "If they have left, Mark as left keeps their records instead. "
            "You can undo a delete with Edit > Undo (Ctrl+Z)."
        )
        answer = QMessageBox.question(
            self,
            self.tr("Delete staff member"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.session.perform(DeleteStaff(self.session.db, staff))
