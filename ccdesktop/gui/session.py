"""The window's hold on the open center: its database, undo stack and audit.

One session lives as long as the window; opening another file (File > Open, a
restore) puts that file in it (``Session.open``), so pages and dialogs keep the one
object they were given.

Signals live here, on the object that owns the state: every write goes through
``Session.perform`` (an undoable command) or ends in ``Session.after_write`` (a
background operation's, see ``operations``), and then ``changed`` is emitted; pages
refresh from that signal, never from each other.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ..domain.records import Center, CenterData
from ..store.database import Database
from ..store.errors import StoreError
from .commands import StoreCommand

if TYPE_CHECKING:  # the engine is imported by the first audit, after the first paint
    from ..domain.audit import Audit
    from ..domain.plan import YearEndPlan
    from ..domain.requirements import RequirementStatus
    from ..domain.rules import Verdict

log = logging.getLogger(__name__)


class Session(QObject):
    #: emitted after every change to the data (edit, undo, redo, import)
    changed = Signal()
    #: emitted when the year the pages show changes
    yearChanged = Signal(int)
    #: a write failed; the argument is the plain message to show
    failed = Signal(str)
    #: another file is open in the session now (``open``); ``changed`` follows
    fileOpened = Signal()

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._year = date.today().year
        self._data: CenterData | None = None
        self._audits: dict[tuple[int, date], Audit] = {}
        self._statuses: dict[date, dict[int, tuple[RequirementStatus, ...]]] = {}
        self.undo_stack = QUndoStack(self)
        self.undo_stack.indexChanged.connect(self._after_undo_or_redo)
        self._executing = False
        #: goes up by one with every change, so a page can tell whether what it
        #: built (a report preview, say) is still current
        self.generation = 0

    # --- what the pages read -----------------------------------------------------------

    @property
    def db(self) -> Database:
        return self._db

    @property
    def path(self) -> Path:
        return self._db.path

    @property
    def year(self) -> int:
        return self._year

    def set_year(self, year: int) -> None:
        if year != self._year:
            self._year = year
            self.yearChanged.emit(year)

    def data(self) -> CenterData:
        """Everything in the database, loaded once per change."""
        if self._data is None:
            self._data = self._db.load()
        return self._data

    def center(self) -> Center:
        """The center's details: from the loaded records once they are loaded, else
        read alone (the window's title and heading need no more before they paint)."""
        return self._data.center if self._data is not None else self._db.get_center()

    def is_blank(self) -> bool:
        """No center name and no staff yet: the window opens on its welcome page."""
        return self._db.is_blank()

    def today(self) -> date:
        """The day the window judges "as of": entries after it are planned (judged, not
        counted), required trainings are current or not on it."""
        return date.today()

    def audit(self, year: int | None = None) -> Audit:
        """The engine's audit of ``year`` (default: the shown year), cached per change
        (and per day: a window left open past midnight audits again)."""
        year = self._year if year is None else year
        key = (year, self.today())
        if key not in self._audits:
            from ..domain.audit import audit_year

            self._audits[key] = audit_year(self.data(), year, key[1])
        return self._audits[key]

    def requirement_statuses(self) -> dict[int, tuple[RequirementStatus, ...]]:
        """Every staff member's required trainings as of today, by staff id (the
        engine's, from the audit's judged entries), cached per change."""
        today = self.today()
        if today not in self._statuses:
            from ..domain.requirements import requirement_statuses

            self._statuses[today] = requirement_statuses(self.audit(), today)
        return self._statuses[today]

    def plan(self, year: int | None = None) -> YearEndPlan:
        """The year-end plan of ``year`` (default: the shown year) as of today."""
        from ..domain.plan import year_end_plan

        # the statuses do not depend on the year audited (every year's entries count)
        return year_end_plan(self.audit(year), self.today(), self.requirement_statuses())

    def verdicts(self) -> dict[int, Verdict]:
        """The verdict of every entry of every year."""
        return dict(self.audit().verdicts)

    # --- writes --------------------------------------------------------------------------

    def perform(self, command: StoreCommand) -> bool:
        """Apply ``command`` now and put it on the undo stack.

        The first application happens here, not inside ``QUndoStack.push``, so that a
        refused write (a ``StoreError``) reaches the caller as a message and nothing
        is pushed. Returns whether it was applied.
        """
        try:
            command.apply(self._db)
        except StoreError as error:
            self.failed.emit(str(error))
            return False
        command.mark_applied()
        self._executing = True
        try:
            self.undo_stack.push(command)
        finally:
            self._executing = False
        self.notify_changed()
        return True

    def after_write(self, command: StoreCommand | None = None) -> None:
        """A write made outside ``perform`` is done (a background import; a deleted
        record restored from the history): its ``command``, already applied, goes on
        the undo stack without being applied again, and every page is told."""
        if command is not None:
            command.mark_applied()
            self._executing = True
            try:
                self.undo_stack.push(command)
            finally:
                self._executing = False
        self.notify_changed()

    def open(self, db: Database) -> None:
        """Hold ``db`` from now on, in place of the file held until now (File > Open,
        a restore put in place): that file is closed, the undo history cleared (its
        commands were about that file's records) and every page shows the new one.
        The year shown stays."""
        self._executing = True  # clearing the stack changes its index: not an undo
        try:
            self.undo_stack.clear()
        finally:
            self._executing = False
        old, self._db = self._db, db
        if old is not db:
            old.close()
        self.fileOpened.emit()
        self.notify_changed()

    def close(self) -> None:
        """Let go of the undo history and close the file: the session is done.

        The history is cleared here, while the Python half of every command is still
        alive. Left to the garbage collector, the session's stack could be destroyed
        after commands of the same collected cycle were freed, and clearing it then
        crashes (seen with PySide6 6.9 to 6.11). The stack's signals are blocked first:
        the window's undo actions may still listen, and clearing emits indexChanged.
        """
        self.undo_stack.blockSignals(True)
        self.undo_stack.clear()
        self._db.close()

    def notify_changed(self) -> None:
        """Forget cached data and tell every page (after any write)."""
        self._data = None
        self._audits.clear()
        self._statuses.clear()
        self.generation += 1
        self.changed.emit()

    def _after_undo_or_redo(self, _index: int) -> None:
        if not self._executing:
            self.notify_changed()
