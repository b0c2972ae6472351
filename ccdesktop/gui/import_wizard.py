"""The import wizard: choose a staff or training CSV, map its columns when its headers
differ from ours, preview it with every bad row and cell marked, then import it all
or nothing in the background. The import is one undo step.

The file is read in full once, for the preview, in the background (``import_preview``);
the import writes what was read then, unless the file changed on disk since. Choosing
the columns reads only the file's first rows. The first two pages (the file, the
columns) are ``import_pages``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QWidget,
    QWizard,
)

from .. import workflows
from ..io.csv_read import CsvImportError, FileStamp, file_stamp, read_csv_head
from ..io.xlsx_read import is_workbook, read_xlsx_head
from .commands import ImportedRecords
from .import_pages import (
    FILE_PAGE,
    MAPPING_PAGE,
    PREVIEW_PAGE,
    FilePage,
    MappingPage,
    needs_mapping,
    remember_column_map,
    saved_column_map,
)
from .import_preview import SPECS, ImportKind, PreviewPage
from .operations import Operation
from .session import Session

__all__ = [
    "FILE_PAGE",
    "MAPPING_PAGE",
    "PREVIEW_PAGE",
    "SPECS",
    "ImportKind",
    "ImportWizard",
    "PreviewPage",
    "saved_column_map",
]

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
