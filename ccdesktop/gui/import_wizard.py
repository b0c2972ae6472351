"""The import wizard: choose a staff or training CSV, map its columns when its headers
differ from ours, preview it with every bad row and cell marked, then import it all
or nothing in the background. The import is one undo step.

The file is read in full once, for the preview, in the background (``import_preview``);
the import writes what was read then, unless the file changed on disk since. Choosing
the columns reads only the file's first rows.

Column mappings are remembered per set of headers (QSettings), so a director who maps
the same export from another program once is not asked again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from .. import workflows
from ..io.column_guess import IGNORE, guess_columns
from ..io.csv_read import (
    CsvImportError,
    FileStamp,
    file_stamp,
    header_key,
    read_csv_head,
)
from ..io.xlsx_read import is_workbook, read_xlsx_head, sheet_names
from .commands import ImportedRecords
from .file_folders import CSV, remember_folder, start_folder
from .import_preview import SPECS, ImportKind, PreviewPage
from .operations import Operation
from .session import Session

__all__ = ["ImportKind", "ImportWizard", "PreviewPage", "SPECS"]

SETTINGS_GROUP = "import/columnMaps"

FILE_PAGE, MAPPING_PAGE, PREVIEW_PAGE = range(3)


def header_set_key(kind: ImportKind, header: list[str]) -> str:
    """The settings key of a file's set of headers (any order, any case)."""
    names = sorted({header_key(cell) for cell in header if header_key(cell)})
    digest = hashlib.sha1("\n".join(names).encode("utf-8")).hexdigest()[:16]
    return f"{SETTINGS_GROUP}/{kind.value}-{digest}"


def saved_column_map(kind: ImportKind, header: list[str]) -> dict[str, str] | None:
    value = QSettings().value(header_set_key(kind, header))
    if not isinstance(value, str):
        return None
    try:
        loaded = json.loads(value)
    except ValueError:
        return None
    if not isinstance(loaded, dict):
        return None
    return {str(k): str(v) for k, v in loaded.items()}


def remember_column_map(kind: ImportKind, header: list[str], column_map: Mapping[str, str]) -> None:
    QSettings().setValue(header_set_key(kind, header), json.dumps(dict(column_map)))


def needs_mapping(kind: ImportKind, header: list[str]) -> bool:
    """Whether a header has a column we do not know (so it must be mapped)."""
    spec = SPECS[kind]
    for cell in header:
        key = header_key(cell)
        if key and key not in spec.known and key not in spec.ignored:
            return True
    return False


# --- pages ---------------------------------------------------------------------------


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Choose a file"))
        self.setSubTitle(
            self.tr(
                "Import staff or training records from an Excel workbook or a CSV file "
                "saved by a spreadsheet. Nothing is saved until the last step."
            )
        )
        layout = QVBoxLayout(self)
        self.staff_radio = QRadioButton(
            self.tr("&Staff list (first_name, last_name, mopd_id, role, hire_date, …)"), self
        )
        self.staff_radio.setObjectName("staffKind")
        self.training_radio = QRadioButton(
            self.tr("&Training records (mopd_id or names, title, completed_on, clock_hours, …)"),
            self,
        )
        self.training_radio.setObjectName("trainingKind")
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.staff_radio)
        self.kind_group.addButton(self.training_radio)
        self.training_radio.setChecked(True)
        layout.addWidget(QLabel(self.tr("What does the file hold?"), self))
        layout.addWidget(self.staff_radio)
        layout.addWidget(self.training_radio)

        row = QHBoxLayout()
        label = QLabel(self.tr("&File:"), self)
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("importPath")
        self.path_edit.setAccessibleName(self.tr("File to import"))
        self.path_edit.setPlaceholderText(self.tr("the workbook (.xlsx) or CSV file to import"))
        label.setBuddy(self.path_edit)
        self.browse_button = QPushButton(self.tr("&Browse…"), self)
        self.browse_button.clicked.connect(self._browse)
        row.addWidget(label)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        layout.addLayout(row)
        # a workbook's sheets, shown when the file is one (the first is read by default)
        self.sheet_row = QWidget(self)
        sheet_layout = QHBoxLayout(self.sheet_row)
        sheet_layout.setContentsMargins(0, 0, 0, 0)
        sheet_label = QLabel(self.tr("S&heet:"), self.sheet_row)
        self.sheet_combo = QComboBox(self.sheet_row)
        self.sheet_combo.setObjectName("importSheet")
        self.sheet_combo.setAccessibleName(self.tr("Sheet of the workbook to import"))
        sheet_label.setBuddy(self.sheet_combo)
        sheet_layout.addWidget(sheet_label)
        sheet_layout.addWidget(self.sheet_combo, 1)
        self.sheet_row.setVisible(False)
        layout.addWidget(self.sheet_row)
        self.map_check = QCheckBox(self.tr("Let me &match the file's columns to ours"), self)
        self.map_check.setObjectName("mapColumnsCheck")
        layout.addWidget(self.map_check)
        hint = QLabel(
            self.tr(
                "An Excel workbook (.xlsx) is read as it is: dates as dates, IDs typed as text "
                "with their leading zeros. Of CSV files, those saved as 'CSV UTF-8' read best; "
                "a file in Excel's older Windows format (cp1252) is read too, and the preview "
                "says so. Dates may be written M/D/YYYY or YYYY-MM-DD, times 9:00 AM or 09:00."
            ),
            self,
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addStretch(1)
        self.path_edit.textChanged.connect(self.completeChanged)
        self.path_edit.textChanged.connect(self._path_changed)
        self.sheet_combo.currentIndexChanged.connect(self.completeChanged)

    def _path_changed(self, text: str) -> None:
        """Offer a workbook's sheets (the first chosen); hide the choice for CSV."""
        path = Path(text.strip())
        names: list[str] = []
        if is_workbook(path) and path.is_file():
            try:
                names = sheet_names(path)
            except (CsvImportError, OSError):
                names = []  # the preview says what is wrong with the file
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItems(names)
        self.sheet_combo.blockSignals(False)
        self.sheet_row.setVisible(bool(names))

    def sheet(self) -> str | None:
        """The workbook sheet chosen (None for a CSV file)."""
        return self.sheet_combo.currentText() if self.sheet_combo.count() else None

    def _browse(self) -> None:
        start = self.path_edit.text() or str(start_folder(CSV))
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a file"),
            start,
            self.tr(
                "Workbooks and CSV files (*.xlsx *.xlsm *.csv *.txt);;Excel workbooks "
                "(*.xlsx *.xlsm);;CSV files (*.csv *.txt);;All files (*)"
            ),
        )
        if path:
            remember_folder(CSV, path)
            self.path_edit.setText(path)

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return Path(self.path_edit.text().strip()).is_file()

    def nextId(self) -> int:  # noqa: N802 - Qt's name
        return MAPPING_PAGE if self._wizard.wants_mapping() else PREVIEW_PAGE


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Match the columns"))
        self.setSubTitle(
            self.tr(
                "Tell ccdesktop what each column of the file holds. "
                "Columns set to 'do not import' are left out. Your choice "
                "is remembered for files with the same columns."
            )
        )
        layout = QVBoxLayout(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        self._body = QWidget(scroll)
        self._form = QFormLayout(self._body)
        scroll.setWidget(self._body)
        layout.addWidget(scroll, 1)
        self.message = QLabel(self)
        self.message.setObjectName("mappingMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a01414;")
        layout.addWidget(self.message)
        self.combos: list[tuple[str, QComboBox]] = []

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        while self._form.rowCount():
            self._form.removeRow(0)
        self.combos = []
        kind = self._wizard.kind()
        spec = SPECS[kind]
        header = self._wizard.header()
        # what the director chose for these headers before, else a guess from the words
        choices = guess_columns(header, spec.known, saved_column_map(kind, header))
        samples = self._wizard.sample_values()
        for index, cell in enumerate(header):
            if not header_key(cell):
                continue
            combo = QComboBox(self._body)
            combo.setObjectName(f"mapColumn{index}")
            combo.setAccessibleName(self.tr("Column {0} of the file").format(cell))
            combo.addItem(self.tr("(do not import)"), IGNORE)
            for column in spec.known:
                combo.addItem(column, column)
            combo.setCurrentIndex(max(0, combo.findData(choices.get(cell, IGNORE))))
            combo.currentIndexChanged.connect(self._changed)
            label = QLabel(f"{cell}:", self._body)
            label.setBuddy(combo)
            field = QWidget(self._body)
            field_layout = QHBoxLayout(field)
            field_layout.setContentsMargins(0, 0, 0, 0)
            field_layout.addWidget(combo, 2)
            example = samples.get(header_key(cell), "")
            sample = QLabel(self.tr("e.g. {0}").format(example) if example else "", field)
            sample.setToolTip(example)
            field_layout.addWidget(sample, 1)
            self._form.addRow(label, field)
            self.combos.append((cell, combo))
        self._changed()

    def combo_for(self, header: str) -> QComboBox:
        for cell, combo in self.combos:
            if header_key(cell) == header_key(header):
                return combo
        raise KeyError(header)

    def column_map(self) -> dict[str, str]:
        return {cell: str(combo.currentData()) for cell, combo in self.combos}

    def problems(self) -> list[str]:
        spec = SPECS[self._wizard.kind()]
        chosen: dict[str, list[str]] = {}
        for cell, column in self.column_map().items():
            if column != IGNORE:
                chosen.setdefault(column, []).append(cell)
        problems = [
            self.tr("{0} are all set to {1}; choose one.").format(" and ".join(cells), column)
            for column, cells in chosen.items()
            if len(cells) > 1
        ]
        problems += [
            self.tr("No column is set to {0}, which is required.").format(column)
            for column in spec.required
            if column not in chosen
        ]
        if spec.one_of and not any(set(group) <= set(chosen) for group in spec.one_of):
            choices = self.tr(" or ").join(" and ".join(group) for group in spec.one_of)
            problems.append(
                self.tr("Set columns to {0}, to say who each row is about.").format(choices)
            )
        return problems

    def _changed(self, *_args: object) -> None:
        problems = self.problems()
        self.message.setText("\n".join(f"⚠ {p}" for p in problems))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return not self.problems()


# --- the wizard ------------------------------------------------------------------------


class ImportWizard(QWizard):
    """Import a staff or training file (CSV, or a sheet of an Excel workbook) into the
    session's database."""

    #: the import is done; the argument is the workflows summary
    imported = Signal(object)
    #: the import was refused or failed; the argument is the message shown
    importFailed = Signal(str)
    #: a line for the window's status bar, and how long to show it (ms)
    statusMessage = Signal(str, int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.running = False
        #: (path, its stamp, sheet, header, first row's cells by header key)
        self._head: tuple[str, FileStamp | None, str | None, list[str], dict[str, str]] | None = (
            None
        )
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("Import staff or training"))
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.setPage(FILE_PAGE, self.file_page)
        self.setPage(MAPPING_PAGE, self.mapping_page)
        self.setPage(PREVIEW_PAGE, self.preview_page)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Import"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        screen = QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else None
        width, height = 900, 620
        if available is not None:
            width = min(width, int(available.width() * 0.92))
            height = min(height, int(available.height() * 0.9))
        self.resize(width, height)

    # --- what the pages read -----------------------------------------------------------

    def kind(self) -> ImportKind:
        return ImportKind.STAFF if self.file_page.staff_radio.isChecked() else ImportKind.TRAINING

    def path(self) -> Path:
        return Path(self.file_page.path_edit.text().strip())

    def sheet(self) -> str | None:
        """The sheet of the workbook chosen; None for a CSV file."""
        return self.file_page.sheet()

    def header(self) -> list[str]:
        """The file's header cells as written ([] when the file cannot be read)."""
        return self._read_head()[0]

    def sample_values(self) -> dict[str, str]:
        """The first data row's cells, by header key (shown beside the mapping)."""
        return self._read_head()[1]

    def _read_head(self) -> tuple[list[str], dict[str, str]]:
        """The header and first row, from the start of the file only (asked often:
        Qt asks the first page which page is next whenever its buttons change)."""
        path, sheet = str(self.path()), self.sheet()
        try:
            stamp: FileStamp | None = file_stamp(path)
        except OSError:
            stamp = None
        if self._head is None or self._head[:3] != (path, stamp, sheet):
            try:
                if is_workbook(path):
                    table = read_xlsx_head(path, sheet=sheet)
                else:
                    table = read_csv_head(path)
            except (CsvImportError, OSError):
                header, sample = [], {}
            else:
                header = table.header
                sample = table.rows[0][1] if table.rows else {}
            self._head = (path, stamp, sheet, header, sample)
        return self._head[3], self._head[4]

    def wants_mapping(self) -> bool:
        header = self.header()
        if not header:
            return False
        return (
            self.file_page.map_check.isChecked()
            or saved_column_map(self.kind(), header) is not None
            or needs_mapping(self.kind(), header)
        )

    def column_map(self) -> dict[str, str]:
        """The mapping the import uses ({} when the file's headers are ours)."""
        if MAPPING_PAGE in self.visitedIds() and self.wants_mapping():
            return self.mapping_page.column_map()
        return {}

    # --- import ------------------------------------------------------------------------

    def accept(self) -> None:
        if self.running or not self.preview_page.isComplete():
            return
        read = self.preview_page.read_file()
        if read is None:
            return
        if read.changed_on_disk():
            # the preview is not what the file holds now: show what it holds
            self.preview_page.start_reading(
                self.tr(
                    "{0} changed on disk since it was read, so it was read again. "
                    "Check the rows below, then choose Import."
                ).format(read.path.name)
            )
            return
        self._start_import(self.kind(), read)

    def _start_import(self, kind: ImportKind, read: workflows.ReadFile[Any]) -> None:
        """Write what was read, in the background (one transaction)."""
        path, column_map = read.path, dict(read.column_map or {})
        work: Callable[[Any], Any]
        if kind is ImportKind.STAFF:

            def work(db: Any) -> Any:
                return workflows.import_read_staff(db, read)
        else:
            records_start = self.preview_page.records_start()

            def work(db: Any) -> Any:
                return workflows.import_read_training(db, read, records_start_year=records_start)

        self.running = True
        self.preview_page.completeChanged.emit()
        self.button(QWizard.WizardButton.BackButton).setEnabled(False)
        # written by the operation; its undo step goes to the session, which tells
        # every page
        operation = Operation(
            self,
            self.session,
            work,
            label=self.tr("Importing {0}…").format(path.name),
            undo=lambda summary: self._undo_step(kind, path, summary),
            on_success=lambda summary: self._imported(kind, path, column_map, summary),
            on_failure=self._failed,
        )
        operation.start()

    def _undo_step(self, kind: ImportKind, path: Path, summary: Any) -> ImportedRecords | None:
        """Edit > Undo of the import (None when it added and changed nothing)."""
        text = self.tr("Import {0}").format(path.name)
        if kind is ImportKind.STAFF:
            if not (summary.added_staff or summary.updated_after):
                return None
            return ImportedRecords(
                self.session.db,
                text,
                added_staff=summary.added_staff,
                updated_before=summary.updated_before,
                updated_after=summary.updated_after,
            )
        if not (summary.added_entries or summary.center_after):
            return None
        return ImportedRecords(
            self.session.db,
            text,
            added_entries=summary.added_entries,
            center_before=summary.center_before,
            center_after=summary.center_after,
        )

    def _imported(
        self, kind: ImportKind, path: Path, column_map: dict[str, str], summary: Any
    ) -> None:
        self.running = False
        if column_map:
            remember_column_map(kind, self.header(), column_map)
        self.summary = summary
        self.statusMessage.emit(self.tr("Imported {0}: {1}").format(path.name, summary), 8000)
        self.imported.emit(summary)
        super().accept()

    def _failed(self, error: BaseException) -> None:
        self.running = False
        self.button(QWizard.WizardButton.BackButton).setEnabled(True)
        if isinstance(error, CsvImportError):
            # the records changed since the preview: preview again (the file is read
            # again only if it changed too), so the preview marks what the import found
            message = self.tr("Nothing was imported: the file has problems.")
            self.preview_page.start_reading(message)
            self.importFailed.emit(message)
            return
        elif isinstance(error, OSError):
            message = self.tr("Nothing was imported: could not read {0} ({1}).").format(
                self.path(), error.strerror or error
            )
        else:
            message = self.tr("Nothing was imported: {0}").format(error)
        self.preview_page.show_failure(message)
        self.preview_page.completeChanged.emit()
        self.importFailed.emit(message)

    def done(self, result: int) -> None:
        """Closing (Import done, Cancel, Escape) drops a reading under way and the rows
        read: the window keeps its wizards, not their files."""
        self.preview_page.release()
        super().done(result)
