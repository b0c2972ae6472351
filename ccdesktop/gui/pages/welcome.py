"""The first page a new center sees: enter the center's details, add staff, import
CSV files, or explore the sample center; and reopen a recent file."""

from __future__ import annotations

import logging
import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QObject, QStringListModel, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ... import workflows
from ...store.database import Database
from ...store.paths import data_dir, make_private_dirs
from ..commands import EditCenter
from ..dialogs.staff_dialog import StaffDialog
from ..operations import Operation
from ..recent_files import recent_files
from ..session import Session
from ..widgets.form_errors import error_label, show_problem
from ..widgets.heading import page_heading
from ..widgets.year_field import YearField
from .base import Page

log = logging.getLogger(__name__)

SAMPLE_FILE_NAME = "sample-center.sqlite3"
SAMPLE_CENTER = {
    "name": "Little Acorns Learning Center",
    "license_number": "LC-1048832",
    "director": "María González",
}


def sample_center_path() -> Path:
    """Where the sample center lives: beside the default database, never over it."""
    return data_dir() / SAMPLE_FILE_NAME


def build_sample_center(db: Database) -> None:
    """Fill ``db`` with the sample center: its details, staff and training CSVs."""
    staff_csv, training_csv = workflows.default_sample_paths()
    with db.transaction():
        workflows.import_staff_file(db, staff_csv)
        workflows.import_training_file(db, training_csv)
        workflows.update_center(
            db,
            name=SAMPLE_CENTER["name"],
            license_number=SAMPLE_CENTER["license_number"],
            director=SAMPLE_CENTER["director"],
        )


class WelcomePage(Page):
    """Shown on a fresh database. ``done`` is emitted once the center has records."""

    title = "Welcome"
    done = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setObjectName("welcomePage")
        self.recent_model = QStringListModel(self)
        #: the sample-center build running now, if any
        self.operation: Operation | None = None
        self.staff_dialog: StaffDialog | None = None
        self._build()
        session.changed.connect(self._check_done)

    # --- building ----------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget(scroll)
        scroll.setWidget(body)
        # the scroll area covers this page, so Qt paints the body instead of the page
        self._body = body
        body.installEventFilter(self)
        outer.addWidget(scroll)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(page_heading(self.tr("Welcome to ccdesktop"), body))
        intro = QLabel(
            self.tr(
                "ccdesktop keeps your caregivers' yearly clock-hour training, checks every "
                "entry against the DESE rules, and prints an inspection-ready report. "
                "Your records stay on this computer, in the file shown at the bottom of "
                "the window. Start in any of these ways:"
            ),
            body,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(12)
        grid.addWidget(self._center_box(body), 0, 0)
        grid.addWidget(self._records_box(body), 0, 1)
        grid.addWidget(self._sample_box(body), 1, 0)
        grid.addWidget(self._recent_box(body), 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        layout.addStretch(1)

        order = (self.name_edit, self.license_edit, self.director_edit,
                 self.records_start_edit, self.save_button,
                 self.add_staff_button, self.import_button, self.sample_button,
                 self.recent_list, self.open_recent_button, self.open_other_button)  # fmt: skip
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self._body and event.type() == QEvent.Type.Paint:
            self._note_painted()
        return super().eventFilter(watched, event)

    def _center_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("1. Your center"), parent)
        layout = QVBoxLayout(box)
        note = QLabel(self.tr("These details are printed on every report."), box)
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        self.name_edit = QLineEdit(box)
        self.license_edit = QLineEdit(box)
        self.director_edit = QLineEdit(box)
        self.records_start_edit = YearField(box)
        for text, field, name, accessible in (
            ("Center &name:", self.name_edit, "name", "Center name"),
            ("&License number:", self.license_edit, "license_number", "License number"),
            ("&Director:", self.director_edit, "director", "Director"),
            (
                "Records kept &from:",
                self.records_start_edit,
                "records_start_year",
                "Records kept from (year)",
            ),
        ):
            field.setObjectName(f"welcome_{name}Field")
            field.setAccessibleName(self.tr(accessible))
            label = QLabel(self.tr(text), box)
            label.setBuddy(field)
            form.addRow(label, field)
        self.name_edit.setPlaceholderText(self.tr("e.g. Little Acorns Learning Center"))
        self.records_start_edit.setPlaceholderText(self.tr("e.g. {0}").format(date.today().year))
        self.records_start_error = error_label(box, "welcome_records_start_year")
        start_note = QLabel(
            self.tr(
                "The first year you have training records for: earlier years ask for no "
                "hours. Leave it empty to start at the earliest training you enter or import."
            ),
            box,
        )
        start_note.setWordWrap(True)
        start_note.setObjectName("welcomeRecordsStartNote")
        form.addRow("", self.records_start_error)
        form.addRow("", start_note)
        layout.addLayout(form)
        self.save_button = QPushButton(self.tr("&Save and start"), box)
        self.save_button.setObjectName("welcomeSaveButton")
        self.save_button.setToolTip(self.tr("Enter at least the center's name."))
        self.save_button.setEnabled(False)
        self.name_edit.textChanged.connect(self._check)
        self.records_start_edit.textChanged.connect(self._check)
        for field in (
            self.name_edit,
            self.license_edit,
            self.director_edit,
            self.records_start_edit,
        ):
            field.returnPressed.connect(self.save_center)  # Enter in any of them saves
        self.save_button.clicked.connect(self.save_center)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        return box

    def _records_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("2. Your staff and their training"), parent)
        layout = QVBoxLayout(box)
        self.add_staff_button = QPushButton(self.tr("Add a staff &member…"), box)
        self.add_staff_button.setObjectName("welcomeAddStaffButton")
        add_note = QLabel(self.tr("Type in each person: name, MOPD ID, role, hire date."), box)
        add_note.setWordWrap(True)
        self.import_button = QPushButton(self.tr("&Import CSV files…"), box)
        self.import_button.setObjectName("welcomeImportButton")
        import_note = QLabel(
            self.tr(
                "Already have a spreadsheet? Save it as CSV and import the staff first, "
                "then the training. You see every row before anything is saved."
            ),
            box,
        )
        import_note.setWordWrap(True)
        for widget in (self.add_staff_button, add_note, self.import_button, import_note):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.add_staff_button.clicked.connect(self.add_staff)
        self.import_button.clicked.connect(self.import_files)
        return box

    def _sample_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Just looking?"), parent)
        layout = QVBoxLayout(box)
        note = QLabel(
            self.tr(
                "Open a sample center with a dozen staff and three years of training, "
                "including an example of every reason an entry is denied. It is kept in "
                "its own file, so your records are not touched."
            ),
            box,
        )
        note.setWordWrap(True)
        self.sample_button = QPushButton(self.tr("Open the sample &center"), box)
        self.sample_button.setObjectName("sampleCenterButton")
        self.sample_button.clicked.connect(self.open_sample_center)
        layout.addWidget(note)
        row = QHBoxLayout()
        row.addWidget(self.sample_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        return box

    def _recent_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Recent files"), parent)
        layout = QVBoxLayout(box)
        self.recent_list = QListView(box)
        self.recent_list.setObjectName("recentFiles")
        self.recent_list.setAccessibleName(self.tr("Recent files"))
        self.recent_list.setModel(self.recent_model)
        self.recent_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.recent_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.recent_list.setMinimumHeight(self.fontMetrics().height() * 4)
        self.recent_empty = QLabel(self.tr("No other files opened yet."), box)
        self.recent_empty.setObjectName("recentEmpty")
        self.open_recent_button = QPushButton(self.tr("&Open selected"), box)
        self.open_recent_button.setObjectName("openRecentButton")
        self.open_other_button = QPushButton(self.tr("Open &another file…"), box)
        self.open_other_button.setObjectName("welcomeOpenButton")
        layout.addWidget(self.recent_list, 1)
        layout.addWidget(self.recent_empty)
        row = QHBoxLayout()
        row.addWidget(self.open_recent_button)
        row.addWidget(self.open_other_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.recent_list.activated.connect(self._open_recent)
        self.open_recent_button.clicked.connect(
            lambda: self._open_recent(self.recent_list.currentIndex())
        )
        self.open_other_button.clicked.connect(self._open_other)
        return box

    # --- showing -----------------------------------------------------------------------

    def refresh(self) -> None:
        center = self.session.data().center
        start = "" if center.records_start_year is None else str(center.records_start_year)
        for field, value in ((self.name_edit, center.name),
                             (self.license_edit, center.license_number),
                             (self.director_edit, center.director),
                             (self.records_start_edit, start)):  # fmt: skip
            if not field.text():
                field.setText(value)
        self._fill_recent()

    @Slot()
    def _check(self) -> None:
        problem = self.records_start_edit.problem()
        show_problem(self.records_start_error, problem)
        self.save_button.setEnabled(bool(self.name_edit.text().strip()) and not problem)

    def _fill_recent(self) -> None:
        here = str(self.session.path.resolve())
        files = [name for name in recent_files() if name != here]
        self.recent_model.setStringList(files)
        self.recent_list.setVisible(bool(files))
        self.open_recent_button.setVisible(bool(files))
        self.recent_empty.setVisible(not files)
        if files:
            self.recent_list.setCurrentIndex(self.recent_model.index(0, 0))

    @Slot()
    def _check_done(self) -> None:
        """Leave the welcome page once the center has a name or staff, however they
        came (this page, the import wizard, an undo of the window's)."""
        if not self.isVisible():
            return
        data = self.session.data()
        if data.staff or data.center.name:
            # leaving because staff came first (Add a staff member, an import): keep
            # the center's details typed above, which Save and start was not pressed for
            self._save_typed_details()  # its change comes back here, and may leave first
            if self.isVisible():
                self.done.emit()

    def _save_typed_details(self) -> None:
        before = self.session.data().center
        typed = (
            self.name_edit.text().strip(),
            self.license_edit.text().strip(),
            self.director_edit.text().strip(),
        )
        start = self.records_start_edit.year()
        if not any(typed) and start is None:
            return
        name, license_number, director = typed
        after = before.replace(
            name=name or before.name,
            license_number=license_number or before.license_number,
            director=director or before.director,
            records_start_year=before.records_start_year if start is None else start,
        )
        if after != before:
            self.session.perform(EditCenter(self.session.db, before, after))

    # --- actions -----------------------------------------------------------------------

    @Slot()
    def save_center(self) -> None:
        name = self.name_edit.text().strip()
        if not name or self.records_start_edit.problem():
            return
        before = self.session.data().center
        after = before.replace(
            name=name,
            license_number=self.license_edit.text().strip(),
            director=self.director_edit.text().strip(),
            records_start_year=self.records_start_edit.year(),
        )
        if after != before:
            self.session.perform(EditCenter(self.session.db, before, after))
        self._check_done()

    @Slot()
    def add_staff(self) -> None:
        dialog = StaffDialog(self.session, None, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._staff_dialog_closed)
        self.staff_dialog = dialog
        dialog.open()

    @Slot(int)
    def _staff_dialog_closed(self, _result: int) -> None:
        self.staff_dialog = None

    @Slot()
    def import_files(self) -> None:
        self.importRequested.emit()

    @Slot()
    def _open_other(self) -> None:
        self.openFileRequested.emit()

    @Slot(QModelIndex)
    def _open_recent(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        path = Path(str(index.data()))
        if not path.exists():
            QMessageBox.warning(
                self,
                self.tr("Recent files"),
                self.tr("{0} is no longer there; it may have been moved or deleted.").format(path),
            )
            return
        self._switch_to(path)

    def _switch_to(self, path: Path) -> None:
        self.openPathRequested.emit(path)

    @Slot()
    def open_sample_center(self) -> None:
        """Open the sample center, building it first (in the background) if needed."""
        path = sample_center_path()
        if path.exists():
            answer = QMessageBox.question(
                self,
                self.tr("Sample center"),
                self.tr(
                    "The sample center is already at {0}.\n\nRebuild it from the demo "
                    "data? Choose No to open it as it is, with any changes you made."
                ).format(path),
                QMessageBox.StandardButton.Yes
                | QMessageBox.StandardButton.No
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.No,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.No:
                self._switch_to(path)
                return
        self._build_sample(path)

    def _build_sample(self, path: Path) -> None:
        make_private_dirs(path.parent)
        # Built under another name and moved into place when complete, so a failed
        # build never leaves half a sample center behind.
        building = path.with_name(path.name + ".building")
        building.unlink(missing_ok=True)

        def succeeded(_result: object) -> None:
            try:
                os.replace(building, path)
            except OSError as error:
                operation.show_failure(error)
                return
            log.info("built the sample center")
            self._switch_to(path)

        self.sample_button.setEnabled(False)
        # an error is shown by the operation, in its one error dialog
        self.operation = operation = Operation(
            self,
            building,  # not the session's file: the sample center has its own
            build_sample_center,
            label=self.tr("Building the sample center…"),
            on_success=succeeded,
            failure_text=self.tr("The sample center could not be built: {0}"),
        )
        operation.finished.connect(self._sample_built)
        operation.start()

    @Slot()
    def _sample_built(self) -> None:
        self.operation = None
        self.sample_button.setEnabled(True)
