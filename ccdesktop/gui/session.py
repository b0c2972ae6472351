"""The window's hold on the open center: its database, undo stack and audit.

One session lives as long as the window; opening another file (File > Open, a
restore) puts that file in it (``Session.open``), so pages and dialogs keep the one
object they were given.

Signals live here, on the object that owns the state: every write goes through
``Session.perform`` (an undoable command) or ends in ``Session.after_write`` (a
background operation's, see ``operations``), and then ``changed`` is emitted; pages
refresh from that signal, never from each other.

A write says which staff members it touched (``StoreCommand.touched``); the session
then reads only their records again and brings its audits up to date for them
(``domain/reaudit.py``), and keeps what changed for the pages that can update only
that (``changes_since``). A write that does not say, or changes the center's settings,
makes everything be read again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
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
    from ..domain.reaudit import PeopleRecords
    from ..domain.requirements import RequirementStatus
    from ..domain.rules import Verdict

log = logging.getLogger(__name__)

#: how many changes back a page can ask what changed (``changes_since``)
_CHANGES_KEPT = 64


@dataclass(frozen=True)
class DataChange:
    """What one or more writes changed, for a page that updates only that."""

    #: the staff whose standing, required trainings or plan may differ
    staff_ids: frozenset[int]
    #: the entries added, changed or deleted, or whose verdict changed
    entry_ids: frozenset[int]
    #: a staff record was added, edited or deleted (names, the lists of people)
    staff_records: bool

    def __or__(self, other: DataChange) -> DataChange:
        return DataChange(
            self.staff_ids | other.staff_ids,
            self.entry_ids | other.entry_ids,
            self.staff_records or other.staff_records,
        )


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
        #: writes since ``_data`` was loaded, to put into it when next asked for
        self._data_changes: list[tuple[Center, PeopleRecords]] = []
        self._audits: dict[tuple[int, date], Audit] = {}
        self._statuses: dict[date, dict[int, tuple[RequirementStatus, ...]]] = {}
        self.undo_stack = QUndoStack(self)
        self.undo_stack.indexChanged.connect(self._after_undo_or_redo)
        self._executing = False
        #: the undo stack's (index, count) as last seen, to tell which commands ran
        self._stack_seen = (0, 0)
        #: goes up by one with every change, so a page can tell whether what it
        #: built (a report preview, say) is still current
        self.generation = 0
        #: what each recent change did, by generation (None: not known, everything)
        self._changes: dict[int, DataChange | None] = {}

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
        """Everything in the database: loaded once, then kept up to date write by
        write (the records of the staff each touched put in anew)."""
        if self._data is None:
            self._data = self._db.load()
            self._data_changes.clear()
        elif self._data_changes:
            from ..domain.reaudit import replace_people

            for center, records in self._data_changes:
                self._data = replace_people(self._data, center, records, self._db.staff_order_key)
            self._data_changes.clear()
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
        self._stack_seen = (self.undo_stack.index(), self.undo_stack.count())
        self.notify_changed(command.touched())
        return True

    def after_write(
        self, command: StoreCommand | None = None, touched: Iterable[int] | None = None
    ) -> None:
        """A write made outside ``perform`` is done (a background import; a deleted
        record restored from the history): its ``command``, already applied, goes on
        the undo stack without being applied again, and every page is told. What it
        touched is the command's (``StoreCommand.touched``), else ``touched``; None:
        anything may have changed."""
        if command is not None:
            command.mark_applied()
            self._executing = True
            try:
                self.undo_stack.push(command)
            finally:
                self._executing = False
            touched = command.touched()
        self.notify_changed(touched)

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
        self._stack_seen = (0, 0)
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

    def notify_changed(self, touched: Iterable[int] | None = None) -> None:
        """After any write: bring what is cached up to date and tell every page.

        ``touched``: the staff ids whose records (their staff record, their entries)
        the write changed. Only theirs are read again, and the audits judge only them
        again (``domain/reaudit.py``). None (the default): anything may have changed
        (the center's settings, a restore, an unknown write): everything cached is
        forgotten and read again when next asked for."""
        change = None
        if touched is not None:
            change = self._bring_up_to_date(frozenset(touched))
        else:
            self._forget()
        self.generation += 1
        self._changes[self.generation] = change
        self._changes.pop(self.generation - _CHANGES_KEPT, None)
        self.changed.emit()

    def changes_since(self, generation: int) -> DataChange | None:
        """What changed since ``generation`` (a page's last refresh), when every
        change since is known: a page may then update only that. None: refresh all."""
        if generation > self.generation:
            return None  # not this session's
        change = DataChange(frozenset(), frozenset(), False)
        for number in range(generation + 1, self.generation + 1):
            step = self._changes.get(number)
            if step is None:
                return None
            change |= step
        return change

    def _forget(self) -> None:
        self._data = None
        self._data_changes.clear()
        self._audits.clear()
        self._statuses.clear()

    def _bring_up_to_date(self, touched: frozenset[int]) -> DataChange | None:
        """Read the touched staff's records again and update the cached records,
        audits and requirement statuses for them; what changed for the pages (None:
        too much to tell, every page refreshes all)."""
        if self._data is None and not self._audits:
            return None  # nothing read yet: nothing to update
        from ..domain.reaudit import reassemble, rejudge, restatus
        from ..domain.requirements import records_start_of
        from ..store.errors import StoreError

        try:
            records = self._db.load_people(touched)
            center = self._db.get_center()
        except StoreError:
            # said where everything is read again (the page that asks), as before
            log.warning("reading the changed records failed; reading all when asked")
            self._forget()
            return None
        if self._data is not None:
            if center != self._data.center:
                self._forget()
                return None
            self._data_changes.append((center, records))
        if not self._audits:
            return None
        before = self._audits
        change = rejudge(next(iter(before.values())), center, records)
        if change.center_changed:
            self._forget()
            return None
        today = self.today()  # audits of other days are not asked for again
        self._audits = {
            key: reassemble(audit, change) for key, audit in before.items() if key[1] == today
        }
        statuses = self._statuses.pop(today, None)
        self._statuses.clear()
        if statuses is not None and self._audits:
            # the statuses are of no one year: any audit of the day gives them
            audit = next(iter(self._audits.values()))
            was = records_start_of(next(iter(before.values())))
            self._statuses[today] = restatus(statuses, audit, today, change, was)
        if any(
            a.records_start_year != before[k].records_start_year for k, a in self._audits.items()
        ):
            return None  # every standing may differ
        return DataChange(change.staff_ids, change.entry_ids, change.staff_changed)

    def _after_undo_or_redo(self, index: int) -> None:
        """The undo stack moved: by an undo or redo, or a command pushed already
        applied (an import). The commands it ran say what they touched."""
        before, count_before = self._stack_seen
        count = self.undo_stack.count()
        self._stack_seen = (index, count)
        if self._executing:
            return  # ``perform`` tells the pages
        touched: set[int] | None = None
        # the same commands in the same places, or one pushed after ``before``: else
        # (a command dropped as obsolete when its undo failed) nothing is known
        if count == count_before or (index == before + 1 and count == index):
            touched = set()
            for number in range(min(before, index), max(before, index)):
                command = self.undo_stack.command(number)
                ids = command.touched() if isinstance(command, StoreCommand) else None
                if ids is None:
                    touched = None
                    break
                touched |= ids
        self.notify_changed(touched)
