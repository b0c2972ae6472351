"""The Plan page (issue 13): for the year shown, who still needs hours by December 31,
what is planned, the gap, and the required trainings that will not be current by then
or by the next inspection; most urgent first. Printed or saved as a one-sheet PDF.

Everything shown is the engine's year-end plan (``domain.plan``), as the command line's
``ccdesktop plan`` prints it.
"""

from __future__ import annotations

import html
import tempfile
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSettings, Qt, Slot
from PySide6.QtGui import QGuiApplication, QKeySequence, QPageSize, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import format_date_us
from ...domain.hours import format_hours
from ...domain.plan import (
    PersonPlan,
    YearEndPlan,
    days_left_words,
    do_by_words,
    horizon_words,
    reminders,
    requirement_lines,
)
from ..file_folders import PDF, remember_folder, start_folder
from ..models.plan_model import REQUIRED_COLUMN, PlanTableModel
from ..models.staff_roles import STAFF_ID_ROLE
from ..printing import PrintJob, planned_pages
from ..session import Session
from ..widgets.heading import page_heading
from ..widgets.record_table import record_table
from .base import Page

SHOW_ON_TRACK_KEY = "planPage/showOnTrack"


class PlanPage(Page):
    title = "Plan"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setObjectName("planPage")
        self.model = PlanTableModel(self)
        self.plan: YearEndPlan | None = None
        self._print_job: object | None = None
        self._build()

    # --- building ----------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.heading = page_heading("", self)
        layout.addWidget(self.heading)
        self.summary = QLabel(self)
        self.summary.setObjectName("planSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.reminders_label = QLabel(self)
        self.reminders_label.setObjectName("planReminders")
        self.reminders_label.setWordWrap(True)
        self.reminders_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.reminders_label)

        bar = QHBoxLayout()
        self.on_track_check = QCheckBox(self.tr("Show those &on track"), self)
        self.on_track_check.setObjectName("showOnTrack")
        self.on_track_check.setChecked(bool(QSettings().value(SHOW_ON_TRACK_KEY, False, type=bool)))
        self.on_track_check.toggled.connect(self._on_track_toggled)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("planCount")
        self.print_button = QPushButton(self.tr("P&rint…"), self)
        self.print_button.setObjectName("printPlanButton")
        self.print_button.setToolTip(self.tr("Print the plan as one sheet (Ctrl+P)"))
        self.save_button = QPushButton(self.tr("&Save as PDF…"), self)
        self.save_button.setObjectName("savePlanButton")
        bar.addWidget(self.on_track_check)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        layout.addLayout(bar)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("planSplitter")
        splitter.setChildrenCollapsible(False)
        self.table = record_table(
            splitter, "planTable", self.tr("Year-end plan, most urgent first")
        )
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(REQUIRED_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.detail = QTextBrowser(splitter)
        self.detail.setObjectName("planDetail")
        self.detail.setAccessibleName(self.tr("Selected person's plan in full"))
        self.detail.setOpenLinks(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        self.status = QLabel(self)
        self.status.setObjectName("planStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.hint = QLabel(
            self.tr(
                "Planned trainings are those entered with a later date: the rules check "
                "them now, their hours count once done. Press Enter or double-click a "
                "person to open them on the Staff page."
            ),
            self,
        )
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)

        self.table.activated.connect(self._activated)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        self.print_button.clicked.connect(self.print_plan)
        self.save_button.clicked.connect(self.save_plan)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_plan)
        QWidget.setTabOrder(self.on_track_check, self.print_button)
        QWidget.setTabOrder(self.print_button, self.save_button)
        QWidget.setTabOrder(self.save_button, self.table)
        QWidget.setTabOrder(self.table, self.detail)

    # --- showing -----------------------------------------------------------------------

    def refresh(self) -> None:
        current = self.current_staff_id()
        plan = self.plan = self.session.plan()
        self.heading.setText(self.tr("Year-end plan for {0}").format(plan.year))
        self.summary.setText(
            self.tr(
                "As of {0}: {1}. Required trainings are looked ahead to {2} (the next "
                "inspection date is set in Settings)."
            ).format(format_date_us(plan.today), days_left_words(plan), horizon_words(plan))
        )
        notes = reminders(plan)
        self.reminders_label.setText("\n".join(f"• {note}." for note in notes))
        self.reminders_label.setVisible(bool(notes))
        self.model.set_plan(plan, on_track=self.on_track_check.isChecked())
        to_do = sum(1 for p in plan.people if not p.on_track)
        on_track = len(plan.people) - to_do
        self.count_label.setText(
            self.tr("{0} with something to do, {1} on track").format(to_do, on_track)
        )
        row = self.model.row_of(current) if current is not None else None
        if row is None and self.model.rowCount():
            row = 0
        if row is not None:
            self.table.selectRow(row)
        else:
            self.detail.setPlainText(
                self.tr("Nobody needs anything before the year ends.")
                if not to_do
                else self.tr("Tick \u201cShow those on track\u201d to see everyone.")
            )
        self.status.setText("")

    def current_staff_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        value = index.siblingAtColumn(0).data(STAFF_ID_ROLE)
        return None if value is None else int(value)

    def chosen_staff_ids(self) -> list[int]:
        staff_id = self.current_staff_id()
        return [] if staff_id is None else [staff_id]

    @Slot(bool)
    def _on_track_toggled(self, show: bool) -> None:
        QSettings().setValue(SHOW_ON_TRACK_KEY, show)
        if self.plan is not None:
            self.refresh()

    @Slot(QModelIndex, QModelIndex)
    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or self.plan is None:
            return
        self.detail.setHtml(self.detail_html(self.model.person_at(current.row())))

    def detail_html(self, person: PersonPlan) -> str:
        plan = self.plan
        assert plan is not None
        staff = person.standing.staff
        esc = html.escape
        do_by = do_by_words(person, plan.today)
        parts = [
            f"<p><b>{esc(staff.full_name)}</b>"
            + (f" — {esc(staff.role)}" if staff.role else "")
            + (f" — {esc(self._do_by_phrase(do_by))}" if do_by else "")
            + "</p>",
            "<p>"
            + esc(
                self.tr(
                    "Hours: {0} h still needed by December 31, {1} h planned, {2} h gap."
                ).format(
                    format_hours(person.hours_needed),
                    format_hours(person.planned),
                    format_hours(person.gap),
                )
            )
            + "</p>",
        ]
        lines = requirement_lines(plan, person)
        if lines:
            items = "".join(f"<li>{esc(line)}</li>" for line in lines)
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append(f"<p>{esc(self.tr('No required training needs doing.'))}</p>")
        return "".join(parts)

    def _do_by_phrase(self, do_by: str) -> str:
        if do_by == "overdue":
            return self.tr("overdue")
        if do_by == "now":
            return self.tr("to do now")
        return self.tr("to do by {0}").format(do_by)

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        staff_id = index.siblingAtColumn(0).data(STAFF_ID_ROLE)
        if staff_id is not None:
            self.showStaffRequested.emit(int(staff_id), True)  # on their required trainings

    def focus_main_view(self) -> None:
        self.table.setFocus()

    # --- the printable sheet -------------------------------------------------------------

    def _write_sheet(self, target: Path) -> int:
        """Write the plan shown to ``target``; its page count."""
        # reportlab takes ~0.12 s to import: paid when the plan is saved or printed,
        # not when the page is first shown
        from ...reports.plan_report import build_plan_sheet

        plan = self.plan or self.session.plan()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return build_plan_sheet(plan, target).page_count
        finally:
            QGuiApplication.restoreOverrideCursor()

    @Slot()
    def save_plan(self) -> None:
        year = self.session.year
        default = start_folder(PDF) / f"year-end-plan-{year}.pdf"
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the plan"), str(default), self.tr("PDF files (*.pdf)")
        )
        if not name:
            return
        remember_folder(PDF, name)
        try:
            pages = self._write_sheet(Path(name))
        except OSError as error:
            self.status.setText(
                self.tr("Could not save {0}: {1}").format(name, error.strerror or error)
            )
            return
        self.status.setText(
            self.tr("Saved {0} (1 page).").format(name)
            if pages == 1
            else self.tr("Saved {0} ({1} pages).").format(name, pages)
        )

    @Slot()
    def print_plan(self) -> None:
        if self._print_job is not None or not self.isVisible():
            return
        with tempfile.TemporaryDirectory(prefix="ccdesktop-plan-") as folder:
            target = Path(folder) / "plan.pdf"
            try:
                pages = self._write_sheet(target)
                data = target.read_bytes()
            except OSError as error:
                self.status.setText(self.tr("Could not print: {0}").format(error.strerror or error))
                return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
        printer.setDocName(self.tr("Year-end plan {0}").format(self.session.year))
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, pages)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        chosen = planned_pages(printer, pages)
        job = PrintJob(data, printer, chosen)
        job.succeeded.connect(self._printed)
        job.failed.connect(self._print_failed)
        self._print_job = job
        self.status.setText(self.tr("Printing…"))
        job.start()

    @Slot(object)
    def _printed(self, outcome: object) -> None:
        self._print_job = None
        sent = getattr(outcome, "sent", 0)
        self.status.setText(
            self.tr("Sent 1 page to the printer.")
            if sent == 1
            else self.tr("Sent {0} pages to the printer.").format(sent)
        )

    @Slot(object)
    def _print_failed(self, error: BaseException) -> None:
        self._print_job = None
        self.status.setText(self.tr("Could not print: {0}").format(error))
