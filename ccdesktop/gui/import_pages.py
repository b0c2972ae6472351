"""The import wizard's first two pages: choose the file (and a workbook's sheet), and
match its columns to ours when its headers differ. The third, the preview, is
``import_preview``; the wizard that holds them is ``import_wizard``.

Column mappings are remembered per set of headers (QSettings), so a director who maps
the same export from another program once is not asked again; the columns are guessed
from the headers' words by ``io.column_guess`` (the MOPD report's guesser too).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
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
    QWizardPage,
)

from ..io.column_guess import IGNORE, guess_columns
from ..io.csv_read import CsvImportError, header_key
from ..io.xlsx_read import is_workbook, sheet_names
from .file_folders import CSV, remember_folder, start_folder
from .import_preview import SPECS, ImportKind

if TYPE_CHECKING:
    from .import_wizard import ImportWizard

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
