"""The import wizard's last page: the chosen file read once, in the background, its
rows shown with every bad row and cell marked, and what the import would do.

The file is read, checked and matched to the records on record in a worker thread
(``read_preview``) while the page shows how far it has got; the wizard stays usable
meanwhile, and Back or Cancel drop the reading (it stops, and its result is never
shown). What was read is what the import writes: the file is read again only when
it changed on disk since (its size or modification time), and the page says so.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QStringListModel, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from .. import workflows
from ..io.csv_read import ColumnSpec, CsvImportError, ReadStage, RowProblem, header_key
from ..io.staff_csv import STAFF_SPEC, ParsedStaff
from ..io.training_csv import TRAINING_SPEC, ParsedTraining
from ..store.database import Database
from .models.preview_model import (
    CELL_MARK,
    ImportPreviewModel,
    PreviewContents,
    preview_contents,
)
from .operations import Operation, Report
from .widgets.year_field import YearField

if TYPE_CHECKING:
    from .import_wizard import ImportWizard


class ImportKind(StrEnum):
    STAFF = "staff"
    TRAINING = "training"


SPECS: Mapping[ImportKind, ColumnSpec] = {
    ImportKind.STAFF: STAFF_SPEC,
    ImportKind.TRAINING: TRAINING_SPEC,
}

#: after reading: matching the rows to the records on record (no counts)
MATCHING = "matching"

#: where each stage of the reading starts and ends on the page's progress bar (of
#: 1000), roughly as long as each takes
_STAGE_SPAN: Mapping[str, tuple[int, int]] = {
    ReadStage.READING: (0, 150),
    ReadStage.CHECKING: (150, 500),
    ReadStage.CONVERTING: (500, 850),
    MATCHING: (850, 1000),
}

#: the widest a column of the preview starts (a long title is cut off, with "…")
MAX_COLUMN_WIDTH = 260


@dataclass(frozen=True, slots=True)
class Preview:
    """What ``read_preview`` hands the page."""

    #: the file as read (None when it could not be read at all)
    read: workflows.ReadFile[Any] | None
    contents: PreviewContents
    note: str | None
    #: what the import would do, when the file has no problems: (to add, to update,
    #: unchanged) for staff, (to add, already on record) for training
    counts: tuple[int, ...] = field(default=())
    #: the first training import into a center with no records start year: the year
    #: offered (the earliest entry on record or in the file); None: nothing to ask
    records_start_offer: int | None = None


def shown_columns(header: list[str], column_map: Mapping[str, str], spec: ColumnSpec) -> list[str]:
    """The columns the preview shows: each header cell under the name it is read as,
    unknown ones too (so their problem can be marked), not those read past."""
    mapping = {header_key(k): header_key(v) for k, v in column_map.items()}
    columns: list[str] = []
    for cell in header:
        key = header_key(cell)
        column = mapping.get(key, key)
        if not column or column in columns:
            continue
        if column in spec.ignored and key not in mapping:
            continue
        columns.append(column)
    return columns


def read_preview(
    db: Database,
    kind: ImportKind,
    path: Path,
    column_map: dict[str, str],
    earlier: workflows.ReadFile[Any] | None,
    report: Report,
    sheet: str | None = None,
) -> Preview:
    """The preview of a file as it would import (in the worker thread).

    ``earlier`` is this file read before with this column map: it is used again
    unless the file changed on disk since. ``report((stage, done, total))`` is
    called now and then.
    """

    def progress(stage: str, done: int, total: int) -> None:
        report((stage, done, total))

    if earlier is not None and earlier.changed_on_disk():
        earlier = None
    try:
        if kind is ImportKind.STAFF:
            staff = earlier or workflows.read_staff_file(
                path, column_map or None, progress=progress, sheet=sheet
            )
            progress(MATCHING, 0, 0)
            return _preview(staff, column_map, SPECS[kind], lambda: _staff_counts(db, staff))
        training = earlier or workflows.read_training_file(
            path, column_map or None, progress=progress, sheet=sheet
        )
        progress(MATCHING, 0, 0)
        preview = _preview(
            training, column_map, SPECS[kind], lambda: _training_counts(db, training)
        )
        if db.get_center().records_start_year is None:
            offer = workflows.default_records_start(db, training)
            preview = dataclasses.replace(preview, records_start_offer=offer)
        return preview
    except CsvImportError as error:  # the file cannot be read at all
        return Preview(None, preview_contents([], [], error.problems), error.note)
    except OSError as error:
        problem = RowProblem(1, None, f"cannot read {path.name}: {error.strerror or error}")
        return Preview(None, preview_contents([], [], [problem]), None)


def _staff_counts(db: Database, read: workflows.ReadFile[ParsedStaff]) -> tuple[int, ...]:
    plan = workflows.plan_staff_file(db, read)
    return len(plan.to_add), len(plan.to_update), plan.unchanged


def _training_counts(db: Database, read: workflows.ReadFile[ParsedTraining]) -> tuple[int, ...]:
    plan = workflows.plan_training_file(db, read)
    return len(plan.to_add), plan.already_present


def _preview(
    read: workflows.ReadFile[Any],
    column_map: dict[str, str],
    spec: ColumnSpec,
    counts_of: Callable[[], tuple[int, ...]],
) -> Preview:
    problems = list(read.problems)
    counts: tuple[int, ...] = ()
    try:
        # as the import does: the bad cells and what the plan finds in the other rows
        # come back together, so the preview lists what the import would
        counts = counts_of()
    except CsvImportError as error:
        problems = list(error.problems)
    problems.sort(key=lambda p: p.row)
    columns = shown_columns(read.table.header, column_map, spec)
    contents = preview_contents(columns, read.table.rows, problems)
    if read.labels is not None:
        # a workbook's problems are listed as the import says them: by sheet, and by
        # the column's header (the cells are marked by our column names, as read)
        texts = [str(problem) for problem in read.labels.relabel(problems)]
        contents = dataclasses.replace(contents, problem_texts=texts)
    return Preview(read, contents, read.note, counts)


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self._operation: Operation | None = None
        #: which reading the page waits for (a dropped one's result is never shown)
        self._reading_number = 0
        self._preview: Preview | None = None
        #: (kind, path, column map) of ``_preview``
        self._preview_of: tuple[ImportKind, Path, dict[str, str], str | None] | None = None
        self.setTitle(self.tr("Check and import"))
        self.setFinalPage(True)
        layout = QVBoxLayout(self)
        self.note_label = QLabel(self)
        self.note_label.setObjectName("encodingNote")
        self.note_label.setWordWrap(True)
        layout.addWidget(self.note_label)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("previewMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(False)
        layout.addWidget(self.message_label)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("importSummary")
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        layout.addWidget(self._records_start_row())

        self.stack = QStackedWidget(self)
        layout.addWidget(self.stack, 1)
        self.progress_panel = QWidget(self.stack)
        self.progress_panel.setObjectName("readingProgress")
        panel = QVBoxLayout(self.progress_panel)
        panel.addStretch(1)
        self.progress_label = QLabel(self.progress_panel)
        self.progress_label.setObjectName("readingLabel")
        self.progress_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.progress_label.setWordWrap(True)
        self.progress_bar = QProgressBar(self.progress_panel)
        self.progress_bar.setObjectName("readingBar")
        self.progress_bar.setAccessibleName(self.tr("How much of the file has been read"))
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setMinimumWidth(320)
        self.progress_bar.setMaximumWidth(480)
        hint = QLabel(
            self.tr("Nothing is saved yet. Back and Cancel work while the file is read."),
            self.progress_panel,
        )
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(mid);")
        panel.addWidget(self.progress_label)
        panel.addWidget(self.progress_bar, 0, Qt.AlignmentFlag.AlignHCenter)
        panel.addWidget(hint)
        panel.addStretch(2)
        self.stack.addWidget(self.progress_panel)

        splitter = QSplitter(Qt.Orientation.Vertical, self.stack)
        splitter.setChildrenCollapsible(False)
        self.model = ImportPreviewModel(self)
        self.table = QTableView(splitter)
        self.table.setObjectName("previewTable")
        self.table.setAccessibleName(self.tr("The file's rows"))
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # the row numbers (✗ on a bad row) stay in sight while scrolling sideways
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        self.problems_box = problems_box = QWidget(splitter)
        problems_layout = QVBoxLayout(problems_box)
        problems_layout.setContentsMargins(0, 0, 0, 0)
        self.problems_label = QLabel(self.tr("&Problems:"), problems_box)
        self.problems_model = QStringListModel(self)
        self.problems_view = QListView(problems_box)
        self.problems_view.setObjectName("problemsList")
        self.problems_view.setAccessibleName(self.tr("Problems found in the file"))
        self.problems_view.setModel(self.problems_model)
        self.problems_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems_view.setWordWrap(True)
        # a file of 100,000 bad rows: laid out a batch at a time, not all at once
        self.problems_view.setLayoutMode(QListView.LayoutMode.Batched)
        self.problems_label.setBuddy(self.problems_view)
        problems_layout.addWidget(self.problems_label)
        problems_layout.addWidget(self.problems_view)
        splitter.addWidget(self.table)
        splitter.addWidget(problems_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.stack.addWidget(splitter)
        self.problems_view.clicked.connect(self._show_problem_row)
        self.problems_view.activated.connect(self._show_problem_row)

    def _records_start_row(self) -> QWidget:
        """The question of the first training import: the year the records start."""
        self.records_start_box = box = QWidget(self)
        box.setObjectName("recordsStartQuestion")
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 4, 0, 4)
        label = QLabel(self.tr("Records kept &from:"), box)
        self.records_start_edit = YearField(box)
        self.records_start_edit.setObjectName("importRecordsStartField")
        self.records_start_edit.setAccessibleName(self.tr("Records kept from (year)"))
        label.setBuddy(self.records_start_edit)
        self.records_start_note = QLabel(box)
        self.records_start_note.setObjectName("importRecordsStartNote")
        self.records_start_note.setWordWrap(True)
        row.addWidget(label)
        row.addWidget(self.records_start_edit)
        row.addWidget(self.records_start_note, 1)
        self.records_start_edit.textChanged.connect(self._records_start_changed)
        box.hide()
        return box

    def records_start(self) -> int | None:
        """The records start year the director answered (None: not asked)."""
        if self._preview is None or self._preview.records_start_offer is None:
            return None
        return self.records_start_edit.year()

    def _records_start_changed(self) -> None:
        problem = self.records_start_edit.problem()
        if problem is None and not self.records_start_edit.text().strip():
            problem = self.tr("Give the first year you have training records for.")
        offer = self._preview.records_start_offer if self._preview is not None else None
        if problem:
            self.records_start_note.setText(f"⚠ {problem}")
            self.records_start_note.setStyleSheet("color: #a01414;")
        else:
            self.records_start_note.setText(
                self.tr(
                    "This is the first training import. Years before this one ask for no "
                    "hours and are not counted as missed. The earliest training here is "
                    "from {0}; change it later in Settings."
                ).format(offer)
            )
            self.records_start_note.setStyleSheet("")
        self.completeChanged.emit()

    # --- what the wizard asks -----------------------------------------------------------

    @property
    def reading(self) -> bool:
        """Whether the file is being read now."""
        return self._operation is not None

    def read_file(self) -> workflows.ReadFile[Any] | None:
        """The file as read for the preview shown (what the import writes)."""
        return None if self._preview is None else self._preview.read

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return (
            not self.reading
            and not self._wizard.running
            and self.read_file() is not None
            and self.model.rowCount() > 0
            and not self.model.has_problems()
            and not (
                self._preview is not None
                and self._preview.records_start_offer is not None
                and self.records_start_edit.year() is None
            )
        )

    # --- reading -------------------------------------------------------------------------

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        self.start_reading()

    def cleanupPage(self) -> None:  # noqa: N802 - Qt's name
        """Back: drop a reading under way and what was shown (kept for reading the
        same file again, unless it changes)."""
        self.cancel_reading()
        self.model.clear()
        self.problems_model.setStringList([])
        self.summary_label.clear()
        self.message_label.setVisible(False)
        self.note_label.setVisible(False)
        self.records_start_box.hide()
        super().cleanupPage()

    def start_reading(self, message: str | None = None) -> None:
        """Read the wizard's file (again) in the background and show it when read;
        ``message`` is shown above it (why it was read again)."""
        self.cancel_reading()
        wizard = self._wizard
        kind, path, column_map = wizard.kind(), wizard.path(), wizard.column_map()
        sheet = wizard.sheet()
        earlier = None
        if self._preview is not None and self._preview_of == (kind, path, column_map, sheet):
            earlier = self._preview.read  # the worker reads it again if it changed
        self._preview = None
        self._preview_of = (kind, path, column_map, sheet)
        self.model.clear()
        self.problems_model.setStringList([])
        self.summary_label.clear()
        self.summary_label.setStyleSheet("")
        self.note_label.setVisible(False)
        self._show_message(message)
        self.progress_label.setText(self.tr("Reading {0}…").format(path.name))
        self.progress_bar.setValue(0)
        self.stack.setCurrentWidget(self.progress_panel)

        def work(db: Database, report: Report) -> Preview:
            return read_preview(db, kind, path, column_map, earlier, report, sheet)

        self._reading_number += 1
        reading = self._reading_number
        self._operation = operation = Operation(
            self,
            wizard.session.path,
            work,
            label=None,
            on_success=lambda preview: self._read(reading, preview),
            on_failure=lambda error: self._not_read(reading, error),
            on_progress=self._progressed,
            read_only=True,
        )
        # once the page has switched: the worker would slow the switch, taking turns
        # with it at the interpreter lock
        # (a timer of the operation's: gone with it if the page goes first)
        QTimer.singleShot(0, operation, lambda: None if operation.cancelled else operation.start())
        self.completeChanged.emit()

    def cancel_reading(self) -> None:
        """Stop a reading under way; its result is never shown."""
        self._reading_number += 1
        if self._operation is not None:
            self._operation.cancel()
            self._operation = None
            self.completeChanged.emit()

    def _progressed(self, value: tuple[str, int, int]) -> None:
        stage, done, total = value
        name = self._wizard.path().name
        if stage == ReadStage.READING:
            rows = max(total - 1, 0)  # the header is a line too
            text = self.tr("Reading {0:,} rows of {1}…").format(rows, name)
        elif stage == MATCHING:
            text = self.tr("Matching the rows to the records on file…")
        else:
            text = self.tr("Checking {0:,} rows…").format(total)
        start, end = _STAGE_SPAN.get(stage, (0, 1000))
        self.progress_label.setText(text)
        self.progress_bar.setValue(start + (end - start) * done // total if total else start)

    def _read(self, reading: int, preview: Preview) -> None:
        if reading != self._reading_number:
            return  # a reading dropped meanwhile (never shown)
        self._operation = None
        self._preview = preview
        self.show_preview(preview)

    def _not_read(self, reading: int, error: BaseException) -> None:
        if reading != self._reading_number:
            return
        self._operation = None
        self.stack.setCurrentIndex(1)
        self.show_failure(self.tr("The preview could not be made: {0}").format(error))
        self.completeChanged.emit()

    # --- showing -------------------------------------------------------------------------

    def show_preview(self, preview: Preview) -> None:
        self.stack.setCurrentIndex(1)
        self.model.show_contents(preview.contents)
        self.table.setColumnHidden(0, True)
        self._size_columns(preview.contents)
        problems = preview.contents.problems
        self.problems_model.setStringList(preview.contents.problem_texts)
        note = preview.note
        self.note_label.setText(f"ℹ {note}" if note else "")
        self.note_label.setVisible(bool(note))
        if problems:
            rows_bad = preview.contents.problem_rows
            self.summary_label.setText(
                self.tr(
                    "✗ {0:,} problems on {1:,} rows. Nothing will be imported until every problem "
                    "is fixed: correct the file and choose Back, then Next, to read it again."
                ).format(len(problems), rows_bad)
            )
            self.summary_label.setStyleSheet("color: #a01414;")
        else:
            self.summary_label.setText(self._summary(preview.counts))
            self.summary_label.setStyleSheet("")
        offer = preview.records_start_offer
        self.records_start_box.setVisible(offer is not None and not problems)
        if offer is not None and not self.records_start_edit.text():
            self.records_start_edit.set_year(offer)
        self._records_start_changed()
        # without problems the table takes the whole page
        self.problems_box.setVisible(bool(problems))
        if problems:
            first = problems[0]
            # after the layout has sized the table, or the scroll lands short
            QTimer.singleShot(0, lambda: self.show_problem(first))
        self.completeChanged.emit()

    def _size_columns(self, contents: PreviewContents) -> None:
        """Each column as wide as its header or its widest cell in the first rows (the
        worker picked those cells), at most ``MAX_COLUMN_WIDTH``."""
        cells = self.table.fontMetrics()
        headers = self.table.horizontalHeader().fontMetrics()
        margin = 2 * self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 8
        mark = cells.horizontalAdvance(f"{CELL_MARK} ")
        for index, name in enumerate(contents.columns):
            header = f"{CELL_MARK} {name}" if index in contents.header_problems else name
            width = max(
                cells.horizontalAdvance(contents.widest[index]) + margin,
                headers.horizontalAdvance(header) + 2 * margin,
            )
            if index in contents.marked_columns:
                width += mark
            self.table.setColumnWidth(index + 1, min(width, MAX_COLUMN_WIDTH))

    def _summary(self, counts: tuple[int, ...]) -> str:
        if len(counts) == 3:
            return self.tr("✓ Ready: {0:,} staff to add, {1:,} to update, {2:,} unchanged.").format(
                *counts
            )
        if len(counts) == 2:
            return self.tr(
                "✓ Ready: {0:,} entries to add, {1:,} already on record (skipped)."
            ).format(*counts)
        return ""

    def _show_message(self, message: str | None) -> None:
        self.message_label.setText(f"ℹ {message}" if message else "")
        self.message_label.setVisible(bool(message))

    def show_failure(self, message: str) -> None:
        self.summary_label.setText(f"✗ {message}")
        self.summary_label.setStyleSheet("color: #a01414;")

    @Slot(QModelIndex)
    def _show_problem_row(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        self.show_problem(self.model.problem_at(index.row()))

    def show_problem(self, problem: RowProblem) -> None:
        """Select the problem's row and scroll its cell into view."""
        row = self.model.row_of_number(problem.row)
        if row is None:
            return
        column = 0
        if problem.column:
            names = [header_key(c) for c in self.model.columns()]
            if header_key(problem.column) in names:
                column = names.index(header_key(problem.column)) + 1
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, column))

    def release(self) -> None:
        """The wizard is done: stop reading and let go of the rows."""
        self.cancel_reading()
        self._preview = None
        self._preview_of = None
        self.model.clear()
        self.problems_model.setStringList([])
