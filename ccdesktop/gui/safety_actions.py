"""The window's side of data safety: opening a file with its lock, damage and
location checks (``open_database``); and ``SafetyActions``: Back up now, Restore…,
Check database, Undo restore and History of changes…, the read-only notice and the
backup on close.

The window owns one ``SafetyActions``, puts its actions in the File and Edit menus and
its notice in the status bar, and hears from it through signals (a message for the
status bar, an error to show); the safety logic stays in this file and knows nothing
of the window's own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QWidget

from ..domain.dates import format_date_us, format_time_12h
from ..store.database import Database
from ..store.errors import DatabaseDamagedError, DatabaseInUseError, StoreError
from ..store.location import storage_warning
from ..store.lock import acquire
from ..store.paths import backup_dir
from ..store.restore import RestorePlan, RestoreResult, plan_restore, restore_backup
from ..store.summary import DatabaseSummary
from .session import Session

log = logging.getLogger(__name__)

READ_ONLY = "read-only"
TAKE_OVER = "take-over"
CANCEL = "cancel"
BACKUP_FILTER = "ccdesktop backups (*.backup *.sqlite3 *.ccdb *.db);;All files (*)"


def _tr(text: str) -> str:
    return QCoreApplication.translate("safety", text)


# --- opening ---------------------------------------------------------------------------


def ask_lock_choice(parent: QWidget | None, error: DatabaseInUseError) -> str:
    """Ask what to do about a file another ccdesktop has open: READ_ONLY, TAKE_OVER
    (offered only for a stale lock) or CANCEL. Tests replace this function."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_tr("The file is in use"))
    box.setText(str(error))
    read_only = box.addButton(_tr("Open &read-only"), QMessageBox.ButtonRole.AcceptRole)
    take_over = None
    if error.stale:
        take_over = box.addButton(_tr("&Take over"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(read_only)
    box.exec()
    clicked = box.clickedButton()
    if clicked is read_only:
        return READ_ONLY
    if take_over is not None and clicked is take_over:
        return TAKE_OVER
    return CANCEL


def open_database(path: Path, parent: QWidget | None = None) -> Database | None:
    """``Database.open`` with the director in the loop; None if it was not opened
    (after saying why)."""
    try:
        db = _open_with_choices(path, parent)
    except StoreError as error:
        QMessageBox.critical(parent, _tr("Cannot open the database"), str(error))
        return None
    if db is not None:
        warning = storage_warning(path)
        if warning:
            QMessageBox.warning(parent, _tr("Where this file is kept"), warning)
    return db


def _open_with_choices(path: Path, parent: QWidget | None) -> Database | None:
    try:
        return Database.open(path)
    except DatabaseInUseError as error:
        choice = ask_lock_choice(parent, error)
        if choice == READ_ONLY:
            return Database.open(path, read_only=True)
        if choice == TAKE_OVER:
            return Database.open(path, take_over=True)
        return None
    except DatabaseDamagedError as error:
        backup = error.newest_backup
        if backup is None:
            raise
        answer = QMessageBox.question(
            parent,
            _tr("The database is damaged"),
            str(error) + "\n\n" + _tr("Restore the newest good backup now?"),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        restore_backup(path, Path(str(backup)))
        return Database.open(path)


# --- the actions -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Undo:
    """What Undo restore puts back: the before-restore backup of ``db_path``."""

    db_path: Path
    before: Path


class Replacing:
    """A restore is about to replace the open file: a slot of ``aboutToReplaceFile``
    may ``refuse`` (the director cancelled a question about unsaved typing)."""

    def __init__(self) -> None:
        self.refused = False

    def refuse(self) -> None:
        self.refused = True


class SafetyActions(QObject):
    """File > Back up now, Restore from a backup…, Check database; Edit > Undo
    restore, History of changes…; the status bar's read-only notice; the backup on
    close. Owned by the window, on the window's one session."""

    #: a line for the window's status bar, and how long to show it (ms)
    statusMessage = Signal(str, int)
    #: something could not be done; the plain message to show
    failed = Signal(str)
    #: a restore is about to replace the open file (a ``Replacing``, to refuse it)
    aboutToReplaceFile = Signal(object)

    def __init__(self, session: Session, window: QWidget) -> None:
        super().__init__(window)  # the dialogs' parent (not kept: see _window)
        self._session = session
        #: the last restore's undo, while it can still be undone
        self._undo: _Undo | None = None
        self.backup_now_action = self._action("&Back up now", self.back_up_now, "backupNowAction")
        self.restore_action = self._action(
            "&Restore from a backup…", self.restore_from_backup, "restoreAction"
        )
        self.check_action = self._action(
            "C&heck database", self.check_database, "checkDatabaseAction"
        )
        self.history_action = self._action(
            "&History of changes…", self.show_history, "historyAction"
        )
        self.undo_restore_action = self._action(
            "Undo rest&ore", self.undo_restore, "undoRestoreAction"
        )
        self.read_only_label = QLabel(window)
        self.read_only_label.setObjectName("readOnlyNotice")
        session.fileOpened.connect(self.refresh)
        self.refresh()

    def _window(self) -> QWidget:
        """The window: the parent of the actions and dialogs. Asked, not kept in an
        attribute: a child holding its parent makes a cycle that the garbage collector
        may break in an order that crashes PySide6."""
        window = self.parent()
        assert isinstance(window, QWidget)
        return window

    def _action(self, text: str, slot: Callable[[], object], name: str) -> QAction:
        window = self._window()
        act = QAction(self.tr(text), window)
        act.setObjectName(name)
        act.triggered.connect(lambda _=False: slot())
        window.addAction(act)
        return act

    @property
    def file_actions(self) -> list[QAction]:
        """For the File menu, after New, Open and Save a copy."""
        return [self.backup_now_action, self.restore_action, self.check_action]

    @Slot()
    def refresh(self) -> None:
        """Show whether the open file is read-only (and why), after it is opened."""
        reason = self._session.db.read_only_reason
        label = self.read_only_label
        label.setVisible(reason is not None)
        label.setText(self.tr("Read-only") if reason else "")
        label.setToolTip(reason or "")
        for act in (self.backup_now_action, self.restore_action):
            act.setEnabled(reason is None)
        if self._pending_undo() is None:
            self._undo = None  # another file is open now
        self.undo_restore_action.setEnabled(self._undo is not None and reason is None)
        if reason is not None:
            self.statusMessage.emit(reason, 0)

    # --- the commands ------------------------------------------------------------------

    @Slot()
    def back_up_now(self) -> None:
        try:
            path = self._session.db.backup("manual")
        except StoreError as error:
            self.failed.emit(str(error))
            return
        self.statusMessage.emit(self.tr("Backed up to {0}").format(path), 8000)

    @Slot()
    def check_database(self) -> None:
        try:
            report = self._session.db.check()
        except StoreError as error:
            self.failed.emit(str(error))
            return
        text = "\n".join(report.lines())
        if report.ok:
            QMessageBox.information(self._window(), self.tr("Check database"), text)
        else:
            QMessageBox.warning(self._window(), self.tr("Check database"), text)

    @Slot()
    def show_history(self, table: str | None = None, record_id: int | None = None) -> None:
        """The history of changes (of one record, given ``table`` and ``record_id``)."""
        # a dialog's module, imported when it first opens: with the engine's words it
        # would add ~5 ms to the window's start-up
        from .dialogs.history_dialog import HistoryDialog

        dialog = HistoryDialog(self._session, self._window(), table=table, record_id=record_id)
        dialog.open()

    @Slot()
    def restore_from_backup(self) -> None:
        """Replace the open file with a backup the director picks, after a question
        that names both (center, license, staff, entries, latest entry; the backup's
        date and why it was made), default No; a backup of another center asks a
        second time. The current file is backed up first, the window then shows the
        restored records, and Edit > Undo restore (also a button in the message that
        follows) puts the before-restore backup back."""
        session = self._session
        db_path = session.path
        if session.db.read_only_reason:
            self.failed.emit(session.db.read_only_reason)
            return
        replacing = Replacing()
        self.aboutToReplaceFile.emit(replacing)  # asked while the file is still open
        if replacing.refused:
            return
        chosen, _ = QFileDialog.getOpenFileName(
            self._window(),
            self.tr("Restore from a backup"),
            str(backup_dir(db_path)),
            BACKUP_FILTER,
        )
        if not chosen:
            return
        try:
            plan = plan_restore(db_path, Path(chosen))
        except StoreError as error:
            self.failed.emit(str(error))
            return
        if not self._ask(self.tr("Restore from a backup"), _restore_question(plan)):
            return
        if plan.other_center and not self._ask(
            self.tr("A backup of another center"), _other_center_question(plan)
        ):
            return
        result = self._put_in_place(Path(chosen))
        if result is None:
            return
        saved = result.saved_current
        self._undo = None if saved is None else _Undo(db_path, saved)
        self.refresh()
        self._tell_restored(plan, result)

    @Slot()
    def undo_restore(self, *, ask: bool = True) -> None:
        """Put back the backup the last restore made of the file before it ("Undo
        restore"), by the same verified restore, after a question naming what it puts
        back and what it replaces (``ask``; the message after a restore has named them
        already)."""
        undo = self._pending_undo()
        if undo is None or self._session.db.read_only_reason:
            return
        try:
            plan = plan_restore(undo.db_path, undo.before)
        except StoreError as error:
            self.failed.emit(str(error))
            return
        if ask and not self._ask(self.tr("Undo restore"), _undo_question(plan)):
            return
        result = self._put_in_place(undo.before)
        if result is None:
            return
        self._undo = None
        self.refresh()
        kept = result.saved_current or result.damaged_aside
        self.statusMessage.emit(
            self.tr("Restore undone: {0} is back; the records it replaced are kept in {1}").format(
                _figures(plan.backup), kept
            ),
            15000,
        )

    def backup_on_close(self) -> None:
        """A verified backup when the window closes, if anything changed."""
        db = self._session.db
        if db.closed:
            return
        try:
            path = db.backup_if_changed("close")
        except StoreError as error:
            log.warning("backup on close failed")
            QMessageBox.warning(
                self._window(),
                self.tr("Backup on close failed"),
                self.tr("Your records are saved, but the backup on close failed: {0}").format(
                    error
                ),
            )
            return
        if path is not None:
            log.info("backup on close written")

    # --- restoring -----------------------------------------------------------------

    def _pending_undo(self) -> _Undo | None:
        undo = self._undo
        if undo is None or self._session.db.closed:
            return None
        try:
            same = undo.db_path.resolve() == self._session.path.resolve()
        except OSError:
            same = False
        return undo if same else None

    def _put_in_place(self, source: Path) -> RestoreResult | None:
        """Restore ``source`` over the open file and show its records: the session
        closes the file and opens the restored one (its undo history goes: those
        commands were about the records being replaced); the year shown stays."""
        session = self._session
        db_path = session.path
        try:
            # Keep the edit lock while the file is closed, so no other ccdesktop slips in.
            hold = acquire(db_path)
        except StoreError as error:
            self.failed.emit(str(error))
            return None
        try:
            session.db.close()
            try:
                result: RestoreResult | None = restore_backup(db_path, source)
            except StoreError as error:
                self.failed.emit(str(error))
                result = None
            db = open_database(db_path, self._window())  # lock, damage, location
            if db is not None:
                session.open(db)
        finally:
            hold.release()
        return result

    def _ask(self, title: str, text: str) -> bool:
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self._window(), title, text, buttons.Yes | buttons.No, buttons.No
        )
        return answer == buttons.Yes

    def _tell_restored(self, plan: RestorePlan, result: RestoreResult) -> None:
        """Say what was restored and, when there is a before-restore backup, offer
        Undo restore as a button (the message is opened, not exec'd: it does not
        block)."""
        text = self.tr("Restored {0}: {1}.").format(
            _backup_words(plan.backup), _figures(plan.backup)
        )
        if result.saved_current is not None and plan.current is not None:
            text += "\n\n" + self.tr(
                "The records it replaced, {0}, are kept in the backup {1}. Undo restore "
                "(also in the Edit menu) puts them back."
            ).format(_figures(plan.current), result.saved_current.name)
        elif result.damaged_aside is not None:
            text += "\n\n" + self.tr("The file it replaced was damaged; it is kept as {0}.").format(
                result.damaged_aside
            )
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Restored from a backup"),
            text,
            QMessageBox.StandardButton.NoButton,
            self._window(),
        )
        box.setObjectName("restoredMessage")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        ok = box.addButton(QMessageBox.StandardButton.Ok)
        box.setDefaultButton(ok)
        box.setEscapeButton(ok)
        if self._pending_undo() is not None:
            undo = box.addButton(self.tr("&Undo restore"), QMessageBox.ButtonRole.ResetRole)
            undo.setObjectName("undoRestoreButton")
            undo.clicked.connect(lambda: self.undo_restore(ask=False))
        box.open()


# --- the questions' words ----------------------------------------------------------------


def _restore_question(plan: RestorePlan) -> str:
    backup = plan.backup
    if plan.current is not None:
        question = _tr("Replace {0} with {1}: {2}?").format(
            _figures(plan.current), _backup_words(backup), _figures(backup)
        )
    else:
        question = _tr("Replace the records of this file with {0}: {1}?").format(
            _backup_words(backup), _figures(backup)
        )
    return (
        question
        + "\n\n"
        + _tr(
            "The current records are backed up first; Edit > Undo restore puts them back. "
            "Changes made before the restore can then no longer be undone one by one."
        )
    )


def _other_center_question(plan: RestorePlan) -> str:
    assert plan.current is not None
    return _tr(
        "This backup is of another center, {0}. Replace every record of {1} with it?"
    ).format(_name_and_license(plan.backup), _name_and_license(plan.current))


def _undo_question(plan: RestorePlan) -> str:
    now = _figures(plan.current) if plan.current is not None else _tr("the records shown now")
    return (
        _tr(
            "Undo the restore? This puts back the records as they were before it: {0}, "
            "in place of {1}."
        ).format(_figures(plan.backup), now)
        + "\n\n"
        + _tr("The records shown now are backed up first.")
    )


def _center_name(summary: DatabaseSummary) -> str:
    return summary.center_name or _tr("a center with no name")


def _name_and_license(summary: DatabaseSummary) -> str:
    if summary.license_number:
        return _tr("{0} (license {1})").format(_center_name(summary), summary.license_number)
    return _center_name(summary)


def _figures(summary: DatabaseSummary) -> str:
    """e.g. "Sunny Days (license L-1, 12 staff, 123 entries, last entry 11/30/2026)"."""
    parts = []
    if summary.license_number:
        parts.append(_tr("license {0}").format(summary.license_number))
    parts.append(_tr("{0} staff").format(summary.staff_count))
    if summary.entry_count == 1:
        parts.append(_tr("1 entry"))
    else:
        parts.append(_tr("{0} entries").format(summary.entry_count))
    if summary.last_entry is not None:
        parts.append(_tr("last entry {0}").format(format_date_us(summary.last_entry)))
    return f"{_center_name(summary)} ({', '.join(parts)})"


def _backup_words(summary: DatabaseSummary) -> str:
    """e.g. "the daily backup of 11/28/2026 2:00 PM"."""
    taken = summary.taken_at
    when = f"{format_date_us(taken.date())} {format_time_12h(taken.time())}"
    reason = summary.reason
    if reason is None:
        return _tr("the file {0} (saved {1})").format(summary.path.name, when)
    if reason == "daily":
        return _tr("the daily backup of {0}").format(when)
    why = {
        "manual": _tr("made on request"),
        "close": _tr("made on closing"),
        "before-restore": _tr("made before a restore"),
    }.get(reason)
    if why is None and reason.startswith("before-upgrade"):
        why = _tr("made before an upgrade")
    return _tr("the backup of {0} ({1})").format(when, why or reason)
