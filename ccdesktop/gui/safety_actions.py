"""The window's side of data safety: opening a file with its lock, damage and
location checks; Back up now, Restore…, Check database and History of changes…;
the read-only notice; and the backup on close.

``main_window`` calls four functions from here (``open_database``,
``install_safety_actions``, ``refresh_safety_state``, ``backup_on_close``), so the
safety logic stays in one file and the window's own code stays small.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QSpinBox, QWidget

from ..domain.dates import format_date_us, format_time_12h
from ..store.database import Database
from ..store.errors import DatabaseDamagedError, DatabaseInUseError, StoreError
from ..store.location import storage_warning
from ..store.lock import acquire
from ..store.paths import backup_dir
from ..store.restore import RestorePlan, RestoreResult, plan_restore, restore_backup
from ..store.summary import DatabaseSummary

if TYPE_CHECKING:
    from .main_window import MainWindow

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


# --- menu actions --------------------------------------------------------------------


def install_safety_actions(window: MainWindow) -> None:
    """Add the safety actions to the window's menus, and its read-only notice."""

    def action(text: str, slot: Callable[[MainWindow], object], name: str) -> QAction:
        act = QAction(window.tr(text), window)
        act.setObjectName(name)
        act.triggered.connect(lambda _=False: slot(window))
        window.addAction(act)
        return act

    window.backup_now_action = action("&Back up now", back_up_now, "backupNowAction")
    window.restore_action = action("&Restore from a backup…", restore_from_backup, "restoreAction")
    window.check_action = action("C&heck database", check_database, "checkDatabaseAction")
    window.history_action = action("&History of changes…", show_history, "historyAction")
    window.undo_restore_action = action("Undo rest&ore", undo_restore, "undoRestoreAction")
    window.undo_restore_action.setEnabled(False)
    # File: before its first separator (after New, Open and Save a copy)
    separator = next((a for a in window.file_menu.actions() if a.isSeparator()), None)
    for act in (window.backup_now_action, window.restore_action, window.check_action):
        if separator is None:
            window.file_menu.addAction(act)
        else:
            window.file_menu.insertAction(separator, act)
    # Edit: Undo restore after Undo and Redo; History of changes at the end
    edit_actions = window.edit_menu.actions()
    after_redo = edit_actions.index(window.redo_action) + 1
    if after_redo < len(edit_actions):
        window.edit_menu.insertAction(edit_actions[after_redo], window.undo_restore_action)
    else:
        window.edit_menu.addAction(window.undo_restore_action)
    window.edit_menu.addSeparator()
    window.edit_menu.addAction(window.history_action)
    window.read_only_label = QLabel(window)
    window.read_only_label.setObjectName("readOnlyNotice")
    window.statusBar().addPermanentWidget(window.read_only_label)
    refresh_safety_state(window)


def refresh_safety_state(window: MainWindow) -> None:
    """Show whether the open file is read-only (and why) after it is opened."""
    reason = window.session.db.read_only_reason
    label: QLabel = window.read_only_label
    label.setVisible(reason is not None)
    label.setText(window.tr("Read-only") if reason else "")
    label.setToolTip(reason or "")
    for act in (window.backup_now_action, window.restore_action):
        act.setEnabled(reason is None)
    undo = _pending_undo(window)
    if undo is None:
        window.undo_restore_action.setData(None)  # another file is open now
    window.undo_restore_action.setEnabled(undo is not None and reason is None)
    if reason is not None:
        window.statusBar().showMessage(reason)


def back_up_now(window: MainWindow) -> None:
    try:
        path = window.session.db.backup("manual")
    except StoreError as error:
        window.show_error(str(error))
        return
    window.statusBar().showMessage(window.tr("Backed up to {0}").format(path), 8000)


def check_database(window: MainWindow) -> None:
    try:
        report = window.session.db.check()
    except StoreError as error:
        window.show_error(str(error))
        return
    text = "\n".join(report.lines())
    if report.ok:
        QMessageBox.information(window, window.tr("Check database"), text)
    else:
        QMessageBox.warning(window, window.tr("Check database"), text)


def restore_from_backup(window: MainWindow) -> None:
    """Replace the open file with a backup the director picks, after a question that
    names both (center, license, staff, entries, latest entry; the backup's date and
    why it was made), default No; a backup of another center asks a second time.
    The current file is backed up first, the window then shows the restored
    records, and Edit > Undo restore (also a button in the message that follows)
    puts the before-restore backup back."""
    db_path = window.session.path
    if window.session.db.read_only_reason:
        window.show_error(window.session.db.read_only_reason)
        return
    if not window.confirm_unsaved_settings():  # asked while the file is still open
        return
    chosen, _ = QFileDialog.getOpenFileName(
        window, window.tr("Restore from a backup"), str(backup_dir(db_path)), BACKUP_FILTER
    )
    if not chosen:
        return
    try:
        plan = plan_restore(db_path, Path(chosen))
    except StoreError as error:
        window.show_error(str(error))
        return
    if not _ask(window, window.tr("Restore from a backup"), _restore_question(plan)):
        return
    if plan.other_center and not _ask(
        window, window.tr("A backup of another center"), _other_center_question(plan)
    ):
        return
    result = _put_in_place(window, Path(chosen))
    if result is None:
        return
    saved = result.saved_current
    window.undo_restore_action.setData(None if saved is None else _Undo(db_path, saved))
    refresh_safety_state(window)
    _tell_restored(window, plan, result)


def undo_restore(window: MainWindow, *, ask: bool = True) -> None:
    """Put back the backup the last restore made of the file before it ("Undo
    restore"), by the same verified restore, after a question naming what it puts
    back and what it replaces (``ask``; the message after a restore has named them
    already)."""
    undo = _pending_undo(window)
    if undo is None or window.session.db.read_only_reason:
        return
    try:
        plan = plan_restore(undo.db_path, undo.before)
    except StoreError as error:
        window.show_error(str(error))
        return
    if ask and not _ask(window, window.tr("Undo restore"), _undo_question(plan)):
        return
    result = _put_in_place(window, undo.before)
    if result is None:
        return
    window.undo_restore_action.setData(None)
    refresh_safety_state(window)
    kept = result.saved_current or result.damaged_aside
    window.statusBar().showMessage(
        window.tr("Restore undone: {0} is back; the records it replaced are kept in {1}").format(
            _figures(plan.backup), kept
        ),
        15000,
    )


@dataclass(frozen=True, slots=True)
class _Undo:
    """What Undo restore puts back: the before-restore backup of ``db_path``."""

    db_path: Path
    before: Path


def _pending_undo(window: MainWindow) -> _Undo | None:
    undo = window.undo_restore_action.data()
    if not isinstance(undo, _Undo) or window.session.db.closed:
        return None
    try:
        same = undo.db_path.resolve() == window.session.path.resolve()
    except OSError:
        same = False
    return undo if same else None


def _put_in_place(window: MainWindow, source: Path) -> RestoreResult | None:
    """Restore ``source`` over the open file and show its records: the session is
    closed (its undo history goes with it: those commands were about the records
    being replaced) and a new one opened on the restored file, at the year shown."""
    db_path = window.session.path
    year = window.session.year
    try:
        # Keep the edit lock while the file is closed, so no other ccdesktop slips in.
        hold = acquire(db_path)
    except StoreError as error:
        window.show_error(str(error))
        return None
    try:
        window.session.db.close()
        try:
            result: RestoreResult | None = restore_backup(db_path, source)
        except StoreError as error:
            window.show_error(str(error))
            result = None
        window.switch_to(db_path)
    finally:
        hold.release()
    spin = window.findChild(QSpinBox, "yearSpin")
    if spin is not None:
        spin.setValue(year)
    return result


def _ask(window: MainWindow, title: str, text: str) -> bool:
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(window, title, text, buttons.Yes | buttons.No, buttons.No)
    return answer == buttons.Yes


def _tell_restored(window: MainWindow, plan: RestorePlan, result: RestoreResult) -> None:
    """Say what was restored and, when there is a before-restore backup, offer Undo
    restore as a button (the message is opened, not exec'd: it does not block)."""
    text = window.tr("Restored {0}: {1}.").format(_backup_words(plan.backup), _figures(plan.backup))
    if result.saved_current is not None and plan.current is not None:
        text += "\n\n" + window.tr(
            "The records it replaced, {0}, are kept in the backup {1}. Undo restore "
            "(also in the Edit menu) puts them back."
        ).format(_figures(plan.current), result.saved_current.name)
    elif result.damaged_aside is not None:
        text += "\n\n" + window.tr("The file it replaced was damaged; it is kept as {0}.").format(
            result.damaged_aside
        )
    box = QMessageBox(
        QMessageBox.Icon.Information,
        window.tr("Restored from a backup"),
        text,
        QMessageBox.StandardButton.NoButton,
        window,
    )
    box.setObjectName("restoredMessage")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    ok = box.addButton(QMessageBox.StandardButton.Ok)
    box.setDefaultButton(ok)
    box.setEscapeButton(ok)
    if _pending_undo(window) is not None:
        undo = box.addButton(window.tr("&Undo restore"), QMessageBox.ButtonRole.ResetRole)
        undo.setObjectName("undoRestoreButton")
        undo.clicked.connect(lambda: undo_restore(window, ask=False))
    box.open()


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


def show_history(
    window: MainWindow, table: str | None = None, record_id: int | None = None
) -> None:
    """The history of changes (of one record, given ``table`` and ``record_id``)."""
    from .dialogs.history_dialog import HistoryDialog

    dialog = HistoryDialog(window.session, window, table=table, record_id=record_id)
    dialog.open()


# --- closing ---------------------------------------------------------------------------


def backup_on_close(window: MainWindow) -> None:
    """A verified backup when the window closes, if anything changed."""
    db = window.session.db
    if db.closed:
        return
    try:
        path = db.backup_if_changed("close")
    except StoreError as error:
        log.warning("backup on close failed")
        QMessageBox.warning(
            window,
            window.tr("Backup on close failed"),
            window.tr("Your records are saved, but the backup on close failed: {0}").format(error),
        )
        return
    if path is not None:
        log.info("backup on close written")
