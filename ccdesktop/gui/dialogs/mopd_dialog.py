"""File > Compare with MOPD report...: the records against the MOPD registry's training
report, in three lists, with the comparison applied as one undoable step.

The report (a CSV file or a sheet of an Excel workbook) is read and compared in the
background (``reconciling.read_and_compare``, which writes nothing); its columns are
mapped as the center remembers them, else guessed, and the director can choose any
column's field here. Applying (``reconciling.plan_apply`` / ``apply_plan`` through an
undoable ``ApplyMopdReport``) marks the entries found, remembers the report's date and
columns, and with "Also import" adds the report's rows ccdesktop lacks, all or
nothing. The comparison can be saved as a PDF page or printed.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.codes import WarningCode
from ...domain.dates import format_date_us
from ...domain.explain import WARNINGS
from ...domain.reconcile import Reconciliation, reconcile
from ...io.csv_read import CsvImportError
from ...io.mopd_report import (
    MOPD_FIELDS,
    MopdReport,
    default_report_date,
    read_report_header,
    report_column_map,
)
from ...io.xlsx_read import is_workbook, sheet_names
from ...reconciling import plan_apply, read_and_compare
from ..commands import ApplyMopdReport
from ..file_folders import CSV, PDF, remember_folder, start_folder
from ..models.reconcile_model import ListKind, ReconcileListModel
from ..operations import Operation
from ..printing import PrintJob, planned_pages
from ..session import Session
from ..widgets.date_field import DateField

REPORT_FILTER = (
    "MOPD reports (*.xlsx *.xlsm *.csv);;Excel workbooks (*.xlsx *.xlsm);;CSV files (*.csv)"
)

#: what each field of the comparison is called in the column chooser
FIELD_LABELS: Mapping[str, str] = {
    "": "(not read)",
    "mopd_id": "MOPD ID",
    "first_name": "First name",
    "last_name": "Last name",
    "title": "Training title",
    "course_id": "Course or event ID",
    "completed_on": "Date completed",
    "clock_hours": "Clock hours",
    "provider": "Trainer or provider",
    "format": "Format",
    "setting": "Setting",
    "start_time": "Start time",
    "end_time": "End time",
    "enrolled_on": "Online module began on",
    "notes": "Notes",
}


class CompareDialog(QDialog):
    """Choose the MOPD report, see the three lists, apply, import, print."""

    def __init__(
        self, session: Session, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.today = today or date.today()
        self.setObjectName("compareDialog")
        self.setWindowTitle(self.tr("Compare with the MOPD report"))
        self.path: Path | None = None
        self.report: MopdReport | None = None
        self.comparison: Reconciliation | None = None
        #: the director's own choice of columns (header -> field), on top of the
        #: remembered map and the guess
        self._chosen: dict[str, str] = {}
        self._reading: Operation | None = None
        self.print_job: PrintJob | None = None
        self._combos: dict[str, QComboBox] = {}
        self._build()
        self._file_form.setRowVisible(self.sheet_combo, False)  # until a workbook is chosen
        self._update()

    # --- building ---------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "The inspector counts only the training on the MOPD System training report. "
                "Export your center's training report from the MOPD registry (all staff, all "
                "dates, as Excel or CSV) and compare it with the records here."
            ),
            self,
        )
        intro.setWordWrap(True)
        outer.addWidget(intro)

        form = QFormLayout()
        file_row = QHBoxLayout()
        self.file_edit = QLineEdit(self)
        self.file_edit.setObjectName("reportFile")
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(self.tr("no report chosen yet"))
        self.file_edit.setAccessibleName(self.tr("MOPD report file"))
        self.choose_button = QPushButton(self.tr("C&hoose file…"), self)
        self.choose_button.clicked.connect(self.choose_file)
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.choose_button)
        file_label = QLabel(self.tr("MOPD &report:"), self)
        file_label.setBuddy(self.choose_button)
        form.addRow(file_label, file_row)
        self.sheet_combo = QComboBox(self)
        self.sheet_combo.setObjectName("sheetCombo")
        self.sheet_combo.setAccessibleName(self.tr("Sheet of the workbook"))
        self.sheet_combo.activated.connect(self._sheet_chosen)
        self.sheet_label = QLabel(self.tr("&Sheet:"), self)
        self.sheet_label.setBuddy(self.sheet_combo)
        form.addRow(self.sheet_label, self.sheet_combo)
        self._file_form = form
        self.date_field = DateField(self, accessible_name=self.tr("Date of the report"))
        self.date_field.setObjectName("reportDate")
        self.date_field.setToolTip(
            self.tr(
                "The day the report was exported from the MOPD registry: trainings "
                "completed after it cannot be on it yet."
            )
        )
        self.date_field.edited.connect(self._date_changed)
        date_label = QLabel(self.tr("Report &date:"), self)
        date_label.setBuddy(self.date_field)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_field, 1)
        # which column of the report is which: shown when asked, or when reading failed
        self.columns_button = QPushButton(self.tr("Col&umns of the report…"), self)
        self.columns_button.setObjectName("columnsButton")
        self.columns_button.setCheckable(True)
        self.columns_button.toggled.connect(self._columns_toggled)
        date_row.addWidget(self.columns_button)
        form.addRow(date_label, date_row)
        outer.addLayout(form)

        self.columns_box = QGroupBox(self.tr("Read each column of the report as"), self)
        self.columns_box.setObjectName("columnsBox")
        box_layout = QVBoxLayout(self.columns_box)
        self.columns_area = QScrollArea(self.columns_box)
        self.columns_area.setWidgetResizable(True)
        self.columns_area.setMaximumHeight(170)
        self.columns_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.columns_widget = QWidget(self.columns_area)
        self.columns_form = QFormLayout(self.columns_widget)
        self.columns_area.setWidget(self.columns_widget)
        box_layout.addWidget(self.columns_area)
        self.columns_box.setVisible(False)
        outer.addWidget(self.columns_box)

        self.status = QLabel(self)
        self.status.setObjectName("compareStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.status)

        self.tabs = QTabWidget(self)
        self.models: dict[ListKind, ReconcileListModel] = {}
        self.views: dict[ListKind, QTableView] = {}
        for kind in (ListKind.ONLY_HERE, ListKind.ONLY_ON_REPORT, ListKind.ON_BOTH):
            model = ReconcileListModel(kind, self)
            view = QTableView(self.tabs)
            view.setObjectName(f"{kind.value}View")
            view.setModel(model)
            view.setSortingEnabled(True)
            view.sortByColumn(1 if kind is not ListKind.ONLY_ON_REPORT else 0,
                              Qt.SortOrder.AscendingOrder)  # fmt: skip
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setWordWrap(False)
            view.verticalHeader().hide()
            view.horizontalHeader().setStretchLastSection(True)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            self.models[kind] = model
            self.views[kind] = view
            self.tabs.addTab(view, "")
        outer.addWidget(self.tabs, 1)

        actions = QHBoxLayout()
        self.import_check = QCheckBox(self)
        self.import_check.setObjectName("importMissing")
        self.apply_button = QPushButton(self.tr("&Mark the records"), self)
        self.apply_button.setObjectName("applyButton")
        self.apply_button.clicked.connect(self.apply)
        self.save_button = QPushButton(self.tr("Save as PD&F…"), self)
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button = QPushButton(self.tr("&Print…"), self)
        self.print_button.clicked.connect(self.print_page)
        actions.addWidget(self.import_check)
        actions.addStretch(1)
        actions.addWidget(self.apply_button)
        actions.addWidget(self.save_button)
        actions.addWidget(self.print_button)
        outer.addLayout(actions)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        outer.addWidget(buttons)
        self.resize(900, 620)

    # --- choosing and reading -----------------------------------------------------------

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the MOPD training report"), str(start_folder(CSV)), REPORT_FILTER
        )
        if path:
            remember_folder(CSV, path)
            self.open_report(Path(path))

    def open_report(self, path: Path) -> None:
        """Read ``path`` (its first sheet) with the columns remembered, and compare."""
        self.path = path
        self._chosen = {}
        self.file_edit.setText(str(path))
        self.date_field.set_value(default_report_date(path, self.today))
        self.sheet_combo.clear()
        workbook = is_workbook(path)
        self._file_form.setRowVisible(self.sheet_combo, workbook)
        if workbook:
            try:
                names = sheet_names(path)
            except (CsvImportError, OSError) as error:
                self._show_error(error)
                return
            self.sheet_combo.addItems(names)
        self.read()

    def _sheet_chosen(self, _index: int) -> None:
        self._chosen = {}
        self.read()

    def sheet(self) -> str | None:
        return self.sheet_combo.currentText() if self.sheet_combo.count() else None

    def read(self) -> None:
        """Read and compare in the background (the report is read, nothing written)."""
        if self.path is None:
            return
        if self._reading is not None:
            self._reading.cancel()
        path, sheet, chosen = self.path, self.sheet(), dict(self._chosen)
        report_on = self.date_field.value() or self.today

        def work(db: object) -> tuple[MopdReport, Reconciliation]:
            return read_and_compare(
                db,  # type: ignore[arg-type]
                path,
                report_on=report_on,
                chosen=chosen or None,
                sheet=sheet,
            )

        self.status.setText(self.tr("Reading {0}…").format(path.name))
        self._reading = Operation(
            self,
            self.session.path,
            work,
            label=None,
            on_success=self._read_done,
            on_failure=self._read_failed,
            read_only=True,
        )
        self._reading.start()
        self._update()

    @Slot(object)
    def _read_done(self, value: object) -> None:
        self._reading = None
        report: MopdReport
        result: Reconciliation
        report, result = value  # type: ignore[misc]
        self.report = report
        self._fill_columns(report.header, report.column_map)
        self._show(result)

    @Slot(object)
    def _read_failed(self, error: BaseException) -> None:
        self._reading = None
        self.report = None
        if isinstance(error, CsvImportError) and self.path is not None:
            # the columns may be what is wrong: show them, as guessed
            self._offer_columns()
        self._show_error(error)

    def _offer_columns(self) -> None:
        assert self.path is not None
        try:
            header = read_report_header(self.path, sheet=self.sheet())
            mapping = report_column_map(
                header, dict(self.session.center().mopd_columns), self._chosen
            )
        except (CsvImportError, OSError, ValueError):
            return
        self._fill_columns(header, mapping)
        self.columns_button.setChecked(True)

    def _show_error(self, error: BaseException) -> None:
        self.comparison = None
        for model in self.models.values():
            model.set_result(None, {}, {})
        if isinstance(error, CsvImportError):
            lines = [str(p) for p in error.problems[:12]]
            if len(error.problems) > 12:
                lines.append(self.tr("… and {0} more").format(len(error.problems) - 12))
            text = self.tr("The report could not be compared:\n{0}").format("\n".join(lines))
        elif isinstance(error, OSError):
            text = self.tr("Could not read {0}: {1}").format(
                error.filename or self.path, error.strerror or error
            )
        else:
            text = self.tr("The report could not be compared: {0}").format(error)
        self.status.setText(text)
        self._update()

    # --- columns ------------------------------------------------------------------------

    def _fill_columns(
        self, header: tuple[str, ...] | list[str], mapping: Mapping[str, str]
    ) -> None:
        while self.columns_form.rowCount():
            self.columns_form.removeRow(0)
        self._combos = {}
        for text in header:
            if not text:
                continue
            combo = QComboBox(self.columns_widget)
            combo.setAccessibleName(self.tr("Read the column {0} as").format(text))
            for field in ("", *MOPD_FIELDS):
                combo.addItem(self.tr(FIELD_LABELS[field]), field)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(text, ""))))
            combo.activated.connect(lambda _i, header=text: self._column_chosen(header))
            label = QLabel(text, self.columns_widget)
            label.setBuddy(combo)
            self.columns_form.addRow(label, combo)
            self._combos[text] = combo

    def _columns_toggled(self, shown: bool) -> None:
        self.columns_box.setVisible(shown)

    def choose_column(self, header: str, field: str) -> None:
        """Read the report's column ``header`` as ``field`` ("" leaves it out)."""
        combo = self._combos[header]
        combo.setCurrentIndex(combo.findData(field))
        self._column_chosen(header)

    def _column_chosen(self, header: str) -> None:
        self._chosen[header] = str(self._combos[header].currentData())
        self.read()

    # --- the lists ------------------------------------------------------------------------

    def _date_changed(self) -> None:
        day = self.date_field.value()
        if day is None or self.report is None:
            return
        data = self.session.data()
        self._show(reconcile(data.staff, data.entries, self.report.rows, day))

    def _show(self, result: Reconciliation) -> None:
        self.comparison = result
        data = self.session.data()
        names = {s.id: s.full_name for s in data.staff if s.id is not None}
        sort_names = {s.id: s.sort_name.casefold() for s in data.staff if s.id is not None}
        for kind, model in self.models.items():
            model.set_result(result, names, sort_names)
            view = self.views[kind]
            view.sortByColumn(
                view.horizontalHeader().sortIndicatorSection(),
                view.horizontalHeader().sortIndicatorOrder(),
            )
            view.resizeColumnsToContents()
        here, there, both = len(result.only_here), len(result.only_on_report), len(result.on_both)
        self.tabs.setTabText(0, self.tr("In ccdesktop only ({0})").format(here))
        self.tabs.setTabText(1, self.tr("On the MOPD report only ({0})").format(there))
        self.tabs.setTabText(2, self.tr("On both ({0})").format(both))
        report_on = format_date_us(result.report_on)
        lines = [
            self.tr(
                "{both} on both · {here} in ccdesktop not on the MOPD report of {day} (the "
                "inspector will not count them) · {there} on the report not in ccdesktop."
            ).format(both=both, here=here, there=there, day=report_on)
        ]
        if result.later:
            lines.append(
                self.tr("{0} trainings completed after {1} are not compared.").format(
                    result.later, report_on
                )
            )
        center = self.session.center()
        if center.mopd_report_on is not None:
            lines.append(
                self.tr("Last applied: the MOPD report of {0}.").format(
                    format_date_us(center.mopd_report_on)
                )
            )
        self.status.setText("\n".join(lines))
        self._update()

    def _update(self) -> None:
        ready = self.comparison is not None and self._reading is None
        writable = not self.session.db.read_only
        importable = len(self.comparison.importable) if self.comparison is not None else 0
        if importable == 1:
            text = self.tr("Also &import the 1 row only the report has")
        else:
            text = self.tr("Also &import the {0} rows only the report has").format(importable)
        self.import_check.setText(text)
        self.import_check.setEnabled(ready and writable and importable > 0)
        if not importable:
            self.import_check.setChecked(False)
        self.apply_button.setEnabled(ready and writable)
        if self.comparison is not None:
            label = WARNINGS[WarningCode.NOT_ON_MOPD_REPORT].label
            self.apply_button.setToolTip(
                self.tr(
                    "Mark the {0} trainings found as on the MOPD report of {1}; from then on "
                    "the {2} not on it carry the warning \u201c{3}\u201d (credit is not "
                    "changed). Undo takes it back."
                ).format(
                    len(self.comparison.on_both),
                    format_date_us(self.comparison.report_on),
                    len(self.comparison.only_here),
                    label,
                )
            )
        self.save_button.setEnabled(ready)
        self.print_button.setEnabled(ready and self.print_job is None)

    # --- applying -------------------------------------------------------------------------

    def apply(self) -> None:
        """Mark the records (and import the report's rows, if asked) as one undo step."""
        if self.comparison is None or self.report is None:
            return
        data = self.session.data()
        importing = self.import_check.isChecked() and self.import_check.isEnabled()
        try:
            plan = plan_apply(data, self.report, self.comparison, import_missing=importing)
        except CsvImportError as error:
            QMessageBox.warning(
                self,
                self.tr("Nothing was imported"),
                self.tr("The report's rows cannot be imported:\n{0}").format(
                    "\n".join(str(p) for p in error.problems[:12])
                ),
            )
            return
        text = self.tr("Apply the MOPD report of {0}").format(format_date_us(plan.report_on))
        if not self.session.perform(ApplyMopdReport(self.session.db, plan, text)):
            return
        # compare again with what is on record now (the imported rows are on both)
        data = self.session.data()
        self.import_check.setChecked(False)
        self._show(reconcile(data.staff, data.entries, self.report.rows, plan.report_on))
        said = self.tr("Marked {0} trainings as on the MOPD report of {1}.").format(
            plan.found, format_date_us(plan.report_on)
        )
        if plan.to_import:
            said += " " + self.tr("Imported {0} trainings from the report.").format(
                len(plan.to_import)
            )
        self.status.setText(said + "\n" + self.status.text())

    # --- printing -------------------------------------------------------------------------

    def _build_pdf(self, path: Path) -> int:
        # reportlab takes ~0.12 s to import: paid when a comparison is printed or saved,
        # not whenever the dialog opens
        from ...reports.reconciliation import build_reconciliation

        assert self.comparison is not None and self.report is not None
        data = self.session.data()
        source = self.report.path.name
        if self.report.labels is not None:
            source += f", sheet {self.report.labels.sheet}"
        applied = data.center.mopd_report_on == self.comparison.report_on
        return build_reconciliation(
            self.comparison,
            path,
            center=data.center,
            staff=data.staff,
            source=f"{source}, {len(self.report.rows)} rows",
            applied=applied,
        ).page_count

    def save_pdf(self) -> None:
        if self.comparison is None:
            return
        default = start_folder(PDF) / f"mopd-comparison-{self.comparison.report_on.isoformat()}.pdf"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the comparison"), str(default), self.tr("PDF files (*.pdf)")
        )
        if not path:
            return
        remember_folder(PDF, path)
        try:
            pages = self._build_pdf(Path(path))
        except OSError as error:
            self.status.setText(
                self.tr("Could not write {0}: {1}").format(path, error.strerror or error)
            )
            return
        self.status.setText(self.tr("Saved the comparison to {0} ({1} pages).").format(path, pages))

    def print_page(self) -> None:
        if self.comparison is None:
            return
        handle, name = tempfile.mkstemp(prefix="ccdesktop-comparison-", suffix=".pdf")
        os.close(handle)
        try:
            pages = self._build_pdf(Path(name))
            data = Path(name).read_bytes()
        finally:
            Path(name).unlink(missing_ok=True)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
        printer.setDocName(self.tr("Comparison with the MOPD report"))
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, pages)
        accepted = dialog.exec() == QPrintDialog.DialogCode.Accepted
        shiboken6.delete(dialog)  # now: the printing thread gets its printer
        if not accepted:
            return
        job = PrintJob(data, printer, planned_pages(printer, pages))
        # bound methods: Qt drops the connections if the dialog goes first
        job.succeeded.connect(self._printed)
        job.failed.connect(self._print_failed)
        self.print_job = job
        self.print_button.setEnabled(False)
        self.status.setText(self.tr("Printing…"))
        job.start()

    @Slot(object)
    def _printed(self, outcome: object) -> None:
        self.print_job = None
        sent = getattr(outcome, "sent", 0)
        self.status.setText(self.tr("Sent {0} pages to the printer.").format(sent))
        self._update()

    @Slot(object)
    def _print_failed(self, error: object) -> None:
        self.print_job = None
        self.status.setText(self.tr("Could not print: {0}").format(error))
        self._update()
