"""The Reports page: choose year, staff and sections, preview the real PDF, print it
or save it. The PDF is built by ``ccdesktop.reports`` from the one engine audit, in
the background, and the preview shows that very file."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, QTemporaryDir, Slot
from PySide6.QtGui import QKeySequence, QPageSize, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.audit import audit_year
from ...reports.pdf_report import ReportOptions, ReportResult, build_report
from ...store.database import Database
from ..file_folders import PDF, remember_folder, start_folder
from ..models.staff_checklist_model import StaffChecklistModel
from ..operations import Operation
from ..printing import PrintJob, PrintOutcome, planned_pages
from ..session import Session
from .base import Page

log = logging.getLogger(__name__)


class ReportsPage(Page):
    title = "Reports"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setObjectName("reportsPage")
        self._temp = QTemporaryDir()
        self._preview_path: Path | None = None
        self._built_for: tuple[object, ...] | None = None
        self._operation: Operation | None = None
        self._print_job: PrintJob | None = None
        self._print_progress: QProgressDialog | None = None
        self.document = QPdfDocument(self)
        self.staff_model = StaffChecklistModel(self)
        self._build()

    # --- layout -----------------------------------------------------------------------

    def _build(self) -> None:
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("reportsSplitter")
        splitter.setChildrenCollapsible(False)

        form = QWidget(splitter)
        form_layout = QVBoxLayout(form)
        self.heading = QLabel(form)
        self.heading.setObjectName("pageHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        form_layout.addWidget(self.heading)

        staff_box = QGroupBox(self.tr("S&taff"), form)  # Alt+S is Save as PDF
        staff_layout = QVBoxLayout(staff_box)
        self.staff_list = QListView(staff_box)
        self.staff_list.setObjectName("reportStaffList")
        self.staff_list.setAccessibleName(self.tr("Staff in the report"))
        self.staff_list.setModel(self.staff_model)
        staff_layout.addWidget(self.staff_list)
        buttons = QHBoxLayout()
        self.all_button = QPushButton(self.tr("A&ll"), staff_box)
        self.all_button.setAccessibleName(self.tr("Include every staff member"))
        self.none_button = QPushButton(self.tr("N&one"), staff_box)
        self.none_button.setAccessibleName(self.tr("Include nobody"))
        self.all_button.clicked.connect(lambda: self.staff_model.set_all(True))
        self.none_button.clicked.connect(lambda: self.staff_model.set_all(False))
        buttons.addWidget(self.all_button)
        buttons.addWidget(self.none_button)
        buttons.addStretch(1)
        staff_layout.addLayout(buttons)
        form_layout.addWidget(staff_box, 1)

        sections_box = QGroupBox(self.tr("Sections"), form)
        sections_layout = QVBoxLayout(sections_box)
        self.summary_check = QCheckBox(self.tr("Summary of every staff member"), sections_box)
        self.denied_check = QCheckBox(self.tr("Denied entries and warnings"), sections_box)
        self.transcripts_check = QCheckBox(self.tr("Transcript per staff member"), sections_box)
        self.training_file_check = QCheckBox(
            self.tr("Staff training file (required trainings)"), sections_box
        )
        self.training_file_check.setObjectName("trainingFileCheck")
        self.signature_check = QCheckBox(self.tr("Director's signature block"), sections_box)
        for box in (
            self.summary_check,
            self.denied_check,
            self.training_file_check,
            self.transcripts_check,
            self.signature_check,
        ):
            box.setChecked(True)
            box.setAccessibleName(box.text())
            box.toggled.connect(self._note_changes)
            sections_layout.addWidget(box)
        form_layout.addWidget(sections_box)

        self.preview_button = QPushButton(self.tr("&Preview"), form)
        self.preview_button.setObjectName("previewButton")
        self.preview_button.setToolTip(self.tr("Build the report and show it (F5)"))
        self.print_button = QPushButton(self.tr("P&rint…"), form)
        self.print_button.setObjectName("printButton")
        self.print_button.setToolTip(self.tr("Print the report (Ctrl+P)"))
        self.save_button = QPushButton(self.tr("&Save as PDF…"), form)
        self.save_button.setObjectName("saveReportButton")
        self.save_button.setToolTip(self.tr("Save the report as a PDF file"))
        self.preview_button.clicked.connect(self.build_preview)
        self.print_button.clicked.connect(self.print_report)
        self.save_button.clicked.connect(self.save_report)
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
            form_layout.addWidget(button)
        self.status = QLabel(form)
        self.status.setObjectName("reportStatus")
        self.status.setWordWrap(True)
        form_layout.addWidget(self.status)

        self.view = QPdfView(splitter)
        self.view.setObjectName("reportPreview")
        self.view.setAccessibleName(self.tr("Report preview"))
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        splitter.addWidget(form)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.staff_model.dataChanged.connect(self._note_changes)
        self.staff_model.modelReset.connect(self._note_changes)
        QShortcut(QKeySequence("F5"), self, self.build_preview)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_report)
        self.setTabOrder(self.staff_list, self.all_button)
        self.setTabOrder(self.all_button, self.none_button)
        self.setTabOrder(self.none_button, self.summary_check)
        self.setTabOrder(self.signature_check, self.preview_button)
        self.setTabOrder(self.preview_button, self.print_button)
        self.setTabOrder(self.print_button, self.save_button)
        self._update_buttons()

    # --- data -------------------------------------------------------------------------

    def refresh(self) -> None:
        audit = self.session.audit()
        self.heading.setText(self.tr("Inspection report for {0}").format(audit.year))
        self.staff_model.set_staff(audit.staff)
        self._note_changes()

    def _is_current(self) -> bool:
        """Whether the preview shows the year, the choices and the records of now."""
        return self._built_for is not None and self._built_for == self._wanted()

    @Slot()
    def _note_changes(self) -> None:
        """After the year, the records or the choices changed: a preview built before
        may no longer be printed or saved (it would give the inspector another year's
        or yesterday's figures), so say so and wait for Preview."""
        if self._built_for is not None and not self._is_current():
            self.status.setText(
                self.tr(
                    "The year, the records or the choices changed since the preview was "
                    "built; press Preview (F5) to rebuild it before printing or saving."
                )
            )
        self._update_buttons()

    def options(self) -> ReportOptions:
        staff_ids = None if self.staff_model.all_checked() else self.staff_model.checked_ids()
        return ReportOptions(
            staff_ids=staff_ids,
            summary=self.summary_check.isChecked(),
            denied=self.denied_check.isChecked(),
            transcripts=self.transcripts_check.isChecked(),
            training_file=self.training_file_check.isChecked(),
            signature=self.signature_check.isChecked(),
        )

    def _wanted(self) -> tuple[object, ...]:
        return (self.session.year, self.options(), self.session.generation)

    # --- actions ----------------------------------------------------------------------

    @Slot()
    def build_preview(self) -> None:
        """Build the PDF in the background and show it when done."""
        if self._operation is not None:
            return
        options = self.options()
        if options.staff_ids is not None and not options.staff_ids:
            self.status.setText(self.tr("Choose at least one staff member."))
            return
        year = self.session.year
        today = self.session.today()  # planned entries and required trainings as of now
        wanted = self._wanted()
        target = Path(self._temp.path()) / f"report-{year}-{datetime.now():%H%M%S%f}.pdf"

        def work(db: Database) -> ReportResult:
            return build_report(audit_year(db.load(), year, today), target, options)

        def done(result: ReportResult) -> None:
            self._operation = None
            self.document.close()
            self.document.load(str(result.path))
            if self._preview_path and self._preview_path != result.path:
                self._preview_path.unlink(missing_ok=True)
            self._preview_path = result.path
            self._built_for = wanted
            self.status.setText(
                self.tr("{0} pages, built {1}.").format(
                    result.page_count, datetime.now().strftime("%I:%M %p").lstrip("0")
                )
            )
            self._note_changes()  # changed while it was being built?

        def failed(error: BaseException) -> None:
            self._operation = None
            self.status.setText(self.tr("The report could not be built: {0}").format(error))
            self._update_buttons()

        self.status.setText(self.tr("Building the report…"))
        self._operation = Operation(
            self,
            self.session.path,
            work,
            label=self.tr("Building the report…"),
            on_success=done,
            on_failure=failed,
        )
        self._operation.start()
        self._update_buttons()

    @property
    def print_job(self) -> PrintJob | None:
        """The report being printed, if one is."""
        return self._print_job

    def _update_buttons(self) -> None:
        ready = self._preview_path is not None and self._operation is None and self._is_current()
        self.print_button.setEnabled(ready and self._print_job is None)
        self.save_button.setEnabled(ready)
        self.preview_button.setEnabled(self._operation is None)

    @Slot()
    def save_report(self) -> None:
        if self._preview_path is None or self._built_for is None or not self._is_current():
            self._note_changes()
            return
        year = self._built_for[0]  # the year of the report being saved
        default = start_folder(PDF) / f"clock-hours-{year}.pdf"
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the report"), str(default), self.tr("PDF files (*.pdf)")
        )
        if not name:
            return
        remember_folder(PDF, name)
        try:
            copy_atomically(self._preview_path, Path(name))
        except OSError as error:
            self.status.setText(
                self.tr("Could not save {0}: {1}").format(name, error.strerror or error)
            )
            return
        self.status.setText(self.tr("Saved {0}.").format(name))

    @Slot()
    def print_report(self) -> None:
        if self._print_job is not None:  # Ctrl+P while printing
            return
        if self._preview_path is None or not self._is_current():  # Ctrl+P while out of date
            self._note_changes()
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
        printer.setDocName(self.tr("Clock-hour report {0}").format(self.session.year))
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.document.pageCount())
        accepted = dialog.exec() == QPrintDialog.DialogCode.Accepted
        shiboken6.delete(dialog)  # now, not later: the printing thread gets its printer
        if accepted:
            self.start_printing(printer)

    def start_printing(self, printer: QPrinter) -> None:
        """Print the previewed report on ``printer`` (set up by the print dialog) in the
        background, with a progress dialog whose Cancel stops after the current page."""
        if self._print_job is not None or self._preview_path is None:
            return
        try:
            data = self._preview_path.read_bytes()
        except OSError as error:
            self.status.setText(self.tr("Could not print: {0}").format(error.strerror or error))
            return
        pages = planned_pages(printer, self.document.pageCount())
        if not pages:
            self.status.setText(self.tr("Could not print: the pages chosen are not in the report."))
            return
        job = PrintJob(data, printer, pages)
        job.page_started.connect(self._print_page_started)
        job.succeeded.connect(self._print_succeeded)
        job.failed.connect(self._print_failed)
        self._print_job = job
        self._update_buttons()

        progress = QProgressDialog(self)
        progress.setObjectName("printProgress")
        progress.setWindowTitle(self.tr("Printing"))
        progress.setCancelButtonText(self.tr("Cancel"))
        progress.setRange(0, len(pages))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(self.cancel_printing)
        self._print_progress = progress
        self._print_page_started(1, len(pages))
        progress.show()
        job.start()

    @Slot()
    def cancel_printing(self) -> None:
        """Stop printing after the page being printed (Cancel or Escape in the
        progress dialog)."""
        if self._print_job is None or self._print_job.cancelling:
            return
        self._print_job.cancel()
        self.status.setText(self.tr("Cancelling: printing stops after the page being printed…"))

    @Slot(int, int)
    def _print_page_started(self, number: int, total: int) -> None:
        if self._print_job is None or self._print_job.cancelling:
            return
        text = self.tr("Printing page {0} of {1}…").format(number, total)
        self.status.setText(text)
        if self._print_progress is not None:
            self._print_progress.setLabelText(text)
            self._print_progress.setValue(number - 1)

    @Slot(object)
    def _print_succeeded(self, outcome: PrintOutcome) -> None:
        self._end_printing()
        if outcome.cancelled:
            self.status.setText(
                self.tr(
                    "Printing cancelled: {0} of the {1} pages went to the printer, the "
                    "other {2} did not."
                ).format(outcome.sent, outcome.planned, outcome.planned - outcome.sent)
            )
        elif outcome.sent == 1:
            self.status.setText(self.tr("Sent 1 page to the printer."))
        else:
            self.status.setText(self.tr("Sent {0} pages to the printer.").format(outcome.sent))

    @Slot(object)
    def _print_failed(self, error: BaseException) -> None:
        self._end_printing()
        self.status.setText(self.tr("Could not print: {0}").format(error))

    def _end_printing(self) -> None:
        self._print_job = None
        if self._print_progress is not None:
            self._print_progress.canceled.disconnect(self.cancel_printing)
            self._print_progress.close()
            self._print_progress.deleteLater()
            self._print_progress = None
        self._update_buttons()


def copy_atomically(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` through a temporary file beside it, so a failed
    copy leaves an existing ``target`` whole."""
    handle, temp_name = tempfile.mkstemp(prefix=".ccdesktop-", suffix=".pdf.tmp", dir=target.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        shutil.copyfile(source, temp)
        with open(temp, "rb+") as stream:
            os.fsync(stream.fileno())
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
