"""The main window: navigation, year, menus, undo/redo, and the open center."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar, cast

import shiboken6
from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSpinBox,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from ..store.database import SCHEMA_VERSION
from ..store.errors import StoreError
from .file_folders import CENTER_FILE, CSV, remember_folder, start_folder
from .pages.base import Page
from .recent_files import recent_files, remember_recent_file
from .safety_actions import Replacing, SafetyActions, open_database
from .session import Session

if TYPE_CHECKING:
    from .pages.entries import EntriesPage
    from .pages.settings import SettingsPage
    from .pages.staff import StaffPage
    from .pages.welcome import WelcomePage

log = logging.getLogger(__name__)

P = TypeVar("P", bound=Page)

DB_FILTER = "ccdesktop databases (*.sqlite3 *.ccdb *.db);;All files (*)"


class PageSpec(NamedTuple):
    """A page of the window, named without importing it: a page's module is imported
    and the page built when it is first needed, so start-up does not pay for pages the
    director has not opened (the Reports page alone brings in reportlab)."""

    module: str  # in ccdesktop.gui.pages
    class_name: str
    title: str  # the class's ``title``
    #: whether the page puts actions in the Edit menu (``menu_actions``); such a page
    #: is built as soon as the window's first page shows its data (or when the Edit
    #: menu opens, if that comes first), so its shortcuts (Ctrl+T) work from every page
    edit_actions: bool = False


#: the pages in navigation order; the first is the one the window opens on
PAGES = (
    PageSpec("dashboard", "DashboardPage", "Dashboard"),
    PageSpec("staff", "StaffPage", "Staff", edit_actions=True),
    PageSpec("entries", "EntriesPage", "Training", edit_actions=True),
    PageSpec("flags", "FlagsPage", "Flags"),
    PageSpec("plan", "PlanPage", "Plan"),
    PageSpec("reports", "ReportsPage", "Reports"),
    PageSpec("settings", "SettingsPage", "Settings", edit_actions=True),
)


def page_index(module: str) -> int:
    """The place in ``PAGES`` of the page of ``module`` (no import)."""
    return next(index for index, spec in enumerate(PAGES) if spec.module == module)


_STAFF, _ENTRIES, _PLAN = page_index("staff"), page_index("entries"), page_index("plan")
_SETTINGS = page_index("settings")


def page_class(spec: PageSpec) -> type[Page]:
    module = importlib.import_module(f"ccdesktop.gui.pages.{spec.module}")
    cls: type[Page] = getattr(module, spec.class_name)
    assert cls.title == spec.title, (cls, spec)
    return cls


def page_classes() -> list[type[Page]]:
    """The pages in navigation order (imports every page)."""
    return [page_class(spec) for spec in PAGES]


class MainWindow(QMainWindow):
    """The window on one session for its whole life; another file opened is opened in
    that session (``Session.open``). Pages ask the window for what is beyond them
    (another page, a file command) through the signals of ``Page``, connected here."""

    file_menu: QMenu
    edit_menu: QMenu

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.setObjectName("MainWindow")
        self.setMinimumSize(760, 460)
        #: the built pages, None where a page has not been needed yet
        self._pages: list[Page | None] = [None] * len(PAGES)
        #: per page, the Edit menu separator its actions follow (set in _build_menus)
        self._edit_anchors: dict[int, QAction] = {}
        #: set when the first page shown has settled, and the others get built
        self._started = False
        self._build_central()
        self._build_actions()
        #: File: back up, restore, check; Edit: undo restore, history; the status bar's
        #: read-only notice (the data-safety dialogs are kept out of this module)
        self.safety = SafetyActions(session, self)
        self.safety.failed.connect(self.show_error)
        self.safety.aboutToReplaceFile.connect(self._before_restore)
        self.safety.statusMessage.connect(self.statusBar().showMessage)
        self._build_menus()
        self._build_toolbar()
        self.statusBar().addPermanentWidget(self.safety.read_only_label)
        # Only the start page now; the director sees the window without waiting for the
        # pages behind it (see _first_page_settled). The others are built when shown.
        self._page_at(0)
        session.failed.connect(self.show_error)
        session.changed.connect(self._update_title)
        session.fileOpened.connect(self._file_opened)
        session.yearChanged.connect(self._year.setValue)
        self._update_title()
        self._restore_layout()
        self._show_start_page()

    # --- opening ----------------------------------------------------------------------

    @classmethod
    def open_path(cls, path: Path, parent: QWidget | None = None) -> MainWindow | None:
        """A window on ``path``, or None after telling the director why it cannot open."""
        db = open_database(path, parent)  # lock, damage, location
        return None if db is None else cls(Session(db))

    def open_file(self, path: Path) -> None:
        """Open another center's file in this window (File > Open / New, a recent
        file): the session lets go of the file open now and holds this one."""
        if not self.confirm_unsaved_settings():
            return
        db = open_database(path, self)  # lock, damage, location
        if db is not None:
            self.session.open(db)

    @Slot(object)
    def _before_restore(self, replacing: Replacing) -> None:
        if not self.confirm_unsaved_settings():
            replacing.refuse()

    @Slot()
    def _file_opened(self) -> None:
        """Another file is open in the session (File > Open, a restore)."""
        remember_recent_file(self.session.path)
        self._update_title()
        self._show_start_page()

    # --- layout ---------------------------------------------------------------------

    def _build_central(self) -> None:
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self._nav = QListWidget(central)
        self._nav.setObjectName("navigation")
        self._nav.setAccessibleName(self.tr("Pages"))
        self._nav.setFixedWidth(160)
        self._stack = QStackedWidget(central)
        #: the first-run page, built only for a file with no center and no staff
        self._welcome: WelcomePage | None = None
        for spec in PAGES:
            self._nav.addItem(self.tr(spec.title))
        self._nav.currentRowChanged.connect(self._show_page_index)
        layout.addWidget(self._nav)
        layout.addWidget(self._stack, 1)
        self.setCentralWidget(central)
        self._path_label = QLabel(self)
        self.statusBar().addPermanentWidget(self._path_label)

    def _build_actions(self) -> None:
        def action(
            text: str,
            slot: Callable[[], object],
            shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        ) -> QAction:
            act = QAction(self.tr(text), self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.new_action = action("&New center file…", self._new_file, QKeySequence.StandardKey.New)
        self.open_action = action("&Open…", self._open_file, QKeySequence.StandardKey.Open)
        self.save_copy_action = action("Save a &copy…", self._save_copy, "Ctrl+Shift+S")
        self.import_action = action("&Import staff or training…", self.open_import_wizard, "Ctrl+I")
        self.export_action = action("&Export the year's training…", self._export_csv, "Ctrl+E")
        self.export_staff_action = action("Export s&taff…", lambda: self._export("staff"))
        self.export_standings_action = action(
            "Export the year's &standings…", lambda: self._export("standings")
        )
        self.compare_action = action("Compare with &MOPD report…", self.open_compare_dialog)
        self.quit_action = action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.undo_action = QAction(self.tr("&Undo"), self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = QAction(self.tr("&Redo"), self)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        stack = self.session.undo_stack
        self.undo_action.triggered.connect(stack.undo)
        self.redo_action.triggered.connect(stack.redo)
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        # Bound methods (not closures) so Qt drops the connection with the window.
        stack.indexChanged.connect(self._sync_undo_actions)
        stack.cleanChanged.connect(self._sync_undo_actions)
        self._sync_undo_actions()
        self.prev_year_action = action("&Previous year", lambda: self._year.stepBy(-1), "Ctrl+PgUp")
        self.next_year_action = action("&Next year", lambda: self._year.stepBy(1), "Ctrl+PgDown")
        self.about_action = action("&About ccdesktop", self._about)

    @Slot()
    def _sync_undo_actions(self, *_args: object) -> None:
        stack = self.session.undo_stack
        if not shiboken6.isValid(stack):  # the stack goes away before the window
            return
        can_undo, can_redo = stack.canUndo(), stack.canRedo()
        self.undo_action.setEnabled(can_undo)
        self.redo_action.setEnabled(can_redo)
        self.undo_action.setText(
            self.tr("&Undo {0}").format(stack.undoText()) if can_undo else self.tr("&Undo")
        )
        self.redo_action.setText(
            self.tr("&Redo {0}").format(stack.redoText()) if can_redo else self.tr("&Redo")
        )

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = self.file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        self._recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        # listed when opened: always current, and no settings read before the first paint
        self._recent_menu.aboutToShow.connect(self._rebuild_recent_menu)
        file_menu.addAction(self.save_copy_action)
        file_menu.addActions(self.safety.file_actions)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        export_menu = file_menu.addMenu(self.tr("E&xport"))
        export_menu.addAction(self.export_action)
        export_menu.addAction(self.export_staff_action)
        export_menu.addAction(self.export_standings_action)
        file_menu.addAction(self.compare_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addAction(self.safety.undo_restore_action)
        self.edit_menu = edit_menu
        edit_menu.aboutToShow.connect(self._build_edit_action_pages)
        # pages may offer actions for the Edit menu (e.g. "Add training entry…" Ctrl+T),
        # put there in page order when each page is built
        for index, spec in enumerate(PAGES):
            if spec.edit_actions:
                self._edit_anchors[index] = edit_menu.addSeparator()
        self._edit_anchors[len(PAGES)] = edit_menu.addSeparator()
        edit_menu.addAction(self.safety.history_action)
        view_menu = bar.addMenu(self.tr("&View"))
        for index, spec in enumerate(PAGES):
            act = QAction(self.tr(spec.title), self)
            act.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            act.triggered.connect(lambda _=False, i=index: self.show_page(i))
            self.addAction(act)
            view_menu.addAction(act)
        view_menu.addSeparator()
        view_menu.addAction(self.prev_year_action)
        view_menu.addAction(self.next_year_action)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Main"), self)
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        label = QLabel(self.tr("&Year:"), bar)
        self._year = QSpinBox(bar)
        self._year.setObjectName("yearSpin")
        self._year.setAccessibleName(self.tr("Year shown"))
        self._year.setRange(1990, 2200)
        self._year.setValue(self.session.year)
        self._year.valueChanged.connect(self.session.set_year)
        label.setBuddy(self._year)
        bar.addWidget(label)
        bar.addWidget(self._year)
        bar.addSeparator()
        bar.addAction(self.undo_action)
        bar.addAction(self.redo_action)
        bar.addSeparator()
        bar.addAction(self.import_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)

    # --- pages ------------------------------------------------------------------------

    def page(self, page_class: type[P]) -> P:
        """The window's page of ``page_class`` (built now if it was not yet)."""
        return cast(P, self._page_at(self._index_of(page_class)))

    def _index_of(self, page_class: type[Page]) -> int:
        for index, spec in enumerate(PAGES):
            if (page_class.__name__, page_class.__module__) == (
                spec.class_name,
                f"ccdesktop.gui.pages.{spec.module}",
            ):
                return index
        raise KeyError(page_class)

    def _page_at(self, index: int) -> Page:
        page = self._pages[index]
        if page is None:
            page = self._pages[index] = page_class(PAGES[index])(self.session, self._stack)
            page.settled.connect(self._first_page_settled)
            page.showRequested.connect(lambda i=index: self.show_page(i))
            self._connect_requests(page)
            self._stack.addWidget(page)
            self._add_edit_actions(index, page)
        return page

    def _connect_requests(self, page: Page) -> None:
        """What a page may ask of the window (see ``Page``'s signals)."""
        page.showStaffRequested.connect(self.show_person)
        page.showEntryRequested.connect(self.show_entry)
        page.showPlanRequested.connect(self.show_plan)
        page.importRequested.connect(self.open_import_wizard)
        page.openFileRequested.connect(self._open_file)
        page.openPathRequested.connect(self.open_file)
        page.saveCopyRequested.connect(self._save_copy)
        page.exportRequested.connect(self._export_csv)

    @Slot()
    def _first_page_settled(self) -> None:
        """The first page the director sees shows its data: now build the pages with
        Edit menu actions (queued, so the frame being painted is shown first)."""
        if not self._started:
            self._started = True
            QTimer.singleShot(0, self, self._after_start)

    @Slot()
    def _after_start(self) -> None:
        # bookkeeping the first frame does not show
        remember_recent_file(self.session.path)
        if self.isVisible():  # not closed in the meantime
            self._build_edit_action_pages()

    @Slot()
    def _build_edit_action_pages(self) -> None:
        """Build the pages that put actions in the Edit menu (Ctrl+T and the like)."""
        for index, spec in enumerate(PAGES):
            if spec.edit_actions:
                self._page_at(index)

    def _add_edit_actions(self, index: int, page: Page) -> None:
        page_actions = page.menu_actions()
        if not page_actions:
            return
        assert PAGES[index].edit_actions, f"list {PAGES[index]} with edit_actions=True"
        # after this page's separator, before the next page's (or History's)
        later = next(anchor for i, anchor in sorted(self._edit_anchors.items()) if i > index)
        for act in page_actions:
            self.edit_menu.insertAction(later, act)
            if act.shortcutContext() == Qt.ShortcutContext.WindowShortcut:
                self.addAction(act)

    def current_page(self) -> Page | None:
        """The page shown."""
        page = self._stack.currentWidget()
        return page if isinstance(page, Page) else None

    def show_page(self, index_or_class: int | type[P]) -> P:
        index = (
            index_or_class if isinstance(index_or_class, int) else self._index_of(index_or_class)
        )
        page = self._page_at(index)
        self._nav.setCurrentRow(index)
        self._show_page_index(index)
        return cast(P, page)

    @Slot(int, bool)
    def show_person(self, staff_id: int, requirements: bool = False) -> None:
        """The person on the Staff page (on their Required trainings tab)."""
        page = cast("StaffPage", self.show_page(_STAFF))
        page.show_person(staff_id, requirements=requirements)

    @Slot(int)
    def show_entry(self, entry_id: int) -> None:
        """The training entry on the Training page."""
        cast("EntriesPage", self.show_page(_ENTRIES)).select_entry(entry_id)

    @Slot()
    def show_plan(self) -> None:
        self.show_page(_PLAN).focus_main_view()

    @Slot(int)
    def _show_page_index(self, index: int) -> None:
        if 0 <= index < len(PAGES):
            self._stack.setCurrentWidget(self._page_at(index))

    def _show_start_page(self) -> None:
        # a cheap question, not session.data(): the first paint must not wait for
        # every record of a big file to load
        if self.session.is_blank():
            self._nav.setEnabled(False)
            self._stack.setCurrentWidget(self._welcome_page())
        else:
            self._leave_welcome()

    def _welcome_page(self) -> WelcomePage:
        if self._welcome is None:
            # a page's module, imported when the page is first needed (see PageSpec; the
            # welcome page's brings in the workflows: ~30 ms)
            from .pages.welcome import WelcomePage

            self._welcome = WelcomePage(self.session, self)
            self._welcome.settled.connect(self._first_page_settled)
            self._welcome.done.connect(self._leave_welcome)
            self._connect_requests(self._welcome)
            self._stack.addWidget(self._welcome)
        return self._welcome

    @Slot()
    def _leave_welcome(self) -> None:
        self._nav.setEnabled(True)
        self.show_page(0)

    # --- file actions ---------------------------------------------------------------

    def _new_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("New center file"),
            str(start_folder(CENTER_FILE) / "center.sqlite3"),
            DB_FILTER,
        )
        if path:
            remember_folder(CENTER_FILE, path)
            if Path(path).exists():
                self.show_error(self.tr("{0} already exists; choose a new name.").format(path))
                return
            self.open_file(Path(path))

    def _open_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open center file"), str(start_folder(CENTER_FILE)), DB_FILTER
        )
        if path:
            remember_folder(CENTER_FILE, path)
            self.open_file(Path(path))

    def _save_copy(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save a copy"),
            str(start_folder(CENTER_FILE) / self.session.path.with_suffix(".copy.sqlite3").name),
            DB_FILTER,
        )
        if not path:
            return
        remember_folder(CENTER_FILE, path)
        try:
            self.session.db.save_copy(Path(path))
        except (StoreError, OSError) as error:
            self.show_error(str(error))
            return
        self.statusBar().showMessage(self.tr("Saved a copy to {0}").format(path), 5000)

    def open_import_wizard(self) -> None:
        # a dialog's module, imported when it first opens (~45 ms: not at start-up)
        from .import_wizard import ImportWizard

        wizard = ImportWizard(self.session, self)
        wizard.statusMessage.connect(self.statusBar().showMessage)
        wizard.open()

    def open_compare_dialog(self) -> None:
        # a dialog's module, imported when it first opens (~30 ms: not at start-up)
        from .dialogs.mopd_dialog import CompareDialog

        dialog = CompareDialog(self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        dialog.choose_file()

    def _export_csv(self) -> None:
        self._export("training")

    def _export(self, what: str) -> None:
        """Export the year's training, the staff or the year's standings, as an Excel
        workbook (typed cells) or CSV, as the director chooses."""
        # the writers of CSV and workbooks, imported at the first export (~13 ms: not
        # at start-up)
        from ..io import export_csv

        year = self.session.year
        titles = {
            "training": (self.tr("Export the year's training"), f"training-{year}"),
            "staff": (self.tr("Export the staff"), "staff"),
            "standings": (self.tr("Export the year's standings"), f"standings-{year}"),
        }
        title, name = titles[what]
        xlsx, csv = self.tr("Excel workbooks (*.xlsx)"), self.tr("CSV files (*.csv)")
        path, chosen = QFileDialog.getSaveFileName(
            self, title, str(start_folder(CSV) / f"{name}.xlsx"), f"{xlsx};;{csv}"
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.casefold() not in (".xlsx", ".csv"):
            # the filter chosen says the format when the name does not
            target = target.with_name(target.name + (".csv" if chosen == csv else ".xlsx"))
        remember_folder(CSV, target)
        try:
            if what == "training":
                export_csv.write_entries(self.session.audit(), target)
            elif what == "staff":
                export_csv.write_staff(self.session.data().staff, target)
            else:
                export_csv.write_standings(self.session.audit(), target)
        except (OSError, ValueError) as error:
            reason = error.strerror if isinstance(error, OSError) else str(error)
            self.show_error(self.tr("Could not write {0}: {1}").format(target, reason))
            return
        self.statusBar().showMessage(self.tr("Exported to {0}").format(target), 5000)

    @Slot()
    def _rebuild_recent_menu(self) -> None:
        self._recent_menu.clear()
        for name in recent_files():
            act = self._recent_menu.addAction(name)
            act.triggered.connect(lambda _=False, p=name: self.open_file(Path(p)))
        if not self._recent_menu.actions():
            self._recent_menu.addAction(self.tr("No recent files")).setEnabled(False)

    # --- misc -----------------------------------------------------------------------

    @Slot(str)
    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("ccdesktop"), message)

    def _about(self) -> None:
        from .. import __version__  # read from the package metadata when first shown

        QMessageBox.about(
            self,
            self.tr("About ccdesktop"),
            self.tr(
                "<b>ccdesktop</b> {0}<br>Database schema version {1}<br><br>"
                "Clock-hour training records for Missouri licensed child care centers. "
                "Works offline; your records stay in {2}."
            ).format(__version__, SCHEMA_VERSION, self.session.path),
        )

    def _update_title(self) -> None:
        name = self.session.center().name or self.session.path.name
        self.setWindowTitle(self.tr("{0} — ccdesktop").format(name))
        self._path_label.setText(str(self.session.path))

    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            # Fit the screen: 1280x720 suits a 1366x768 office monitor at 100%, but at
            # 150% scaling the same logical size would not fit.
            screen = self.screen().availableGeometry()
            self.resize(min(1280, int(screen.width() * 0.95)), min(720, int(screen.height() * 0.9)))
        state = settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def confirm_unsaved_settings(self) -> bool:
        """Before the file is closed or replaced: ask what to do with center details
        typed on the Settings page and not saved. False when the director cancels
        (or chose Save and the details cannot be saved as they are)."""
        page = cast("SettingsPage | None", self._pages[_SETTINGS])
        if page is None or self.session.db.closed or not page.has_unsaved_changes():
            return True
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved settings"),
            self.tr(
                "The center's details on the Settings page have changes that are not "
                "saved. Save them before closing {0}?"
            ).format(self.session.path.name),
            buttons.Save | buttons.Discard | buttons.Cancel,
            buttons.Save,
        )
        if answer == buttons.Discard:
            page.revert()
            return True
        if answer == buttons.Save and page.save():
            return True
        self.show_page(_SETTINGS)  # cancelled, or the details need correcting
        return False

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if not self.confirm_unsaved_settings():
            event.ignore()
            return
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        self.safety.backup_on_close()
        self.session.close()
        super().closeEvent(event)
