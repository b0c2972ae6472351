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
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QWidget

from ..store.database import Database
from ..store.errors import DatabaseDamagedError, DatabaseInUseError, StoreError
from ..store.location import storage_warning
from ..store.lock import acquire
from ..store.paths import backup_dir
from ..store.restore import restore_backup

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
    # File: before its first separator (after New, Open and Save a copy)
    separator = next((a for a in window.file_menu.actions() if a.isSeparator()), None)
    for act in (window.backup_now_action, window.restore_action, window.check_action):
        if separator is None:
            window.file_menu.addAction(act)
        else:
            window.file_menu.insertAction(separator, act)
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
    """Replace the open file with a backup the director picks; the current file is
    backed up first, and the window then shows the restored records."""
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
    answer = QMessageBox.question(
        window,
        window.tr("Restore from a backup"),
        window.tr(
            "Replace the records in {0} with those in {1}?\n\nThe current file is "
            "backed up first, so this can be undone by restoring that backup."
        ).format(db_path, chosen),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    # Keep the edit lock while the file is closed, so no other ccdesktop slips in.
    hold = acquire(db_path)
    try:
        window.session.db.close()
        try:
            result = restore_backup(db_path, Path(chosen))
        except StoreError as error:
            window.show_error(str(error))
            result = None
        window.switch_to(db_path)
    finally:
        hold.release()
    if result is not None:
        saved = result.saved_current or result.damaged_aside
        window.statusBar().showMessage(
            window.tr("Restored from {0}; the previous file was kept as {1}").format(chosen, saved),
            10000,
        )


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
