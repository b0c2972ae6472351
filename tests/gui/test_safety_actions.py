"""The window's data safety: read-only view with who and since, lock take-over,
network/cloud warning, Back up now, Restore…, Check database, the history dialog
with restore of a deleted record, and the backup on close."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ccdesktop.domain.records import Staff
from ccdesktop.gui import safety_actions
from ccdesktop.gui.commands import AddStaff, DeleteStaff
from ccdesktop.gui.dialogs.history_dialog import HistoryDialog
from ccdesktop.gui.main_window import MainWindow
from ccdesktop.gui.session import Session
from ccdesktop.store.backup import list_backups
from ccdesktop.store.database import Database
from ccdesktop.store.lock import LockInfo, lock_path, read_lock


def _other_pc_lock(db: Path, age: timedelta) -> None:
    when = datetime.now(UTC) - age
    info = LockInfo("maria", "FRONT-DESK", 4242, when - timedelta(hours=1), when, "t")
    lock_path(db).write_text(info.to_json(), encoding="utf-8")


@pytest.fixture
def saved_file(tmp_path: Path) -> Path:
    path = tmp_path / "center.sqlite3"
    with Database.open(path) as db:
        db.add_staff(Staff("Ana", "Lopez", "100200"))
    return path


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(MainWindow, "show_error", lambda self, message: shown.append(message))
    return shown


@contextmanager
def _window(qtbot, path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    window = MainWindow.open_path(path)
    assert window is not None
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()
    window.session.db.close()


def test_file_in_use_opens_read_only_with_who_and_since(
    qtbot, saved_file: Path, monkeypatch: pytest.MonkeyPatch, errors: list[str]
) -> None:
    _other_pc_lock(saved_file, timedelta(seconds=5))
    asked: list[str] = []

    def choose(_parent: object, error: object) -> str:
        asked.append(str(error))
        return safety_actions.READ_ONLY

    monkeypatch.setattr(safety_actions, "ask_lock_choice", choose)
    with _window(qtbot, saved_file) as window:
        assert "maria@FRONT-DESK" in asked[0] and "since" in asked[0]
        assert window.read_only_label.isVisibleTo(window)
        assert "maria@FRONT-DESK" in window.read_only_label.toolTip()
        assert not window.restore_action.isEnabled()
        assert not window.session.perform(AddStaff(window.session.db, Staff("Zoë", "Ng")))
        assert "read-only" in errors[-1] and "maria@FRONT-DESK" in errors[-1]
        assert [s.last_name for s in window.session.db.list_staff()] == ["Lopez"]
    assert read_lock(lock_path(saved_file)).host == "FRONT-DESK"  # type: ignore[union-attr]


def test_a_stale_lock_can_be_taken_over(
    qtbot, saved_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _other_pc_lock(saved_file, timedelta(hours=3))
    monkeypatch.setattr(
        safety_actions,
        "ask_lock_choice",
        lambda _p, error: safety_actions.TAKE_OVER if error.stale else "cancel",
    )
    with _window(qtbot, saved_file) as window:
        assert not window.read_only_label.isVisibleTo(window)
        assert window.session.perform(AddStaff(window.session.db, Staff("Zoë", "Ng")))


def test_cancel_leaves_the_file_alone(
    qtbot, saved_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _other_pc_lock(saved_file, timedelta(seconds=5))
    monkeypatch.setattr(safety_actions, "ask_lock_choice", lambda *_: safety_actions.CANCEL)
    assert MainWindow.open_path(saved_file) is None


def test_cloud_folder_warning_on_open(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
    with _window(qtbot, tmp_path / "Dropbox" / "center.sqlite3"):
        assert warned and "Dropbox" in warned[0] and "locking" in warned[0]


def test_back_up_now_and_check_database(
    qtbot, saved_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: shown.append(text))
    with _window(qtbot, saved_file) as window:
        window.backup_now_action.trigger()
        assert "manual" in [b.reason for b in list_backups(saved_file)]
        window.check_action.trigger()
        assert "healthy" in shown[-1]


def test_restore_from_a_backup_backs_up_the_current_file_first(
    qtbot, saved_file: Path, monkeypatch: pytest.MonkeyPatch, errors: list[str]
) -> None:
    with _window(qtbot, saved_file) as window:
        backup = window.session.db.backup("manual")
        assert window.session.perform(AddStaff(window.session.db, Staff("Zoë", "Ng")))
        chosen = (str(backup), "")
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: chosen)
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
        window.restore_action.trigger()
        assert errors == []
        assert [s.last_name for s in window.session.data().staff] == ["Lopez"]
        (before,) = [b.path for b in list_backups(saved_file) if b.reason == "before-restore"]
        with Database.open(before, read_only=True) as previous:
            assert len(previous.list_staff()) == 2
        assert window.session.perform(AddStaff(window.session.db, Staff("Ben", "Ortiz")))


def test_history_dialog_shows_a_record_and_restores_a_deletion(qtbot, session: Session) -> None:
    session.perform(AddStaff(session.db, Staff("Ana", "Lopez")))
    ana = session.db.list_staff()[0]
    session.db.update_staff(ana.replace(last_name="López"))
    session.perform(DeleteStaff(session.db, session.db.get_staff(ana.id)))  # type: ignore[arg-type]
    dialog = HistoryDialog(session, table="staff", record_id=ana.id)
    qtbot.addWidget(dialog)
    model = dialog.model
    assert [model.index(r, 3).data() for r in range(model.rowCount())] == [
        "deleted",
        "changed",
        "added",
    ]
    assert model.index(1, 4).data() == "Last name: Lopez → López"
    assert not dialog.restore_button.isEnabled()
    dialog.deleted_only.setChecked(True)
    assert model.rowCount() == 1
    dialog.view.selectionModel().select(
        model.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert dialog.restore_button.isEnabled()
    dialog.restore_button.click()
    assert [s.last_name for s in session.data().staff] == ["López"]
    assert model.rowCount() == 0


def test_history_action_opens_the_dialog(qtbot, window: MainWindow) -> None:
    window.history_action.trigger()
    dialog = window.findChild(HistoryDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.close()


def test_backup_on_close_after_changes(qtbot, saved_file: Path) -> None:
    window = MainWindow.open_path(saved_file)
    assert window is not None
    qtbot.addWidget(window)
    assert window.session.perform(AddStaff(window.session.db, Staff("Zoë", "Ng")))
    window.close()
    assert "close" in [b.reason for b in list_backups(saved_file)]
    assert not lock_path(saved_file).exists()


def test_damaged_file_offers_the_newest_backup(
    qtbot, saved_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.safety.helpers import damage_a_table_page

    with Database.open(saved_file) as db:
        person = db.add_staff(Staff("Zoë", "Ng"))
        db.backup("manual")
    shutil.copy(saved_file, saved_file.with_suffix(".orig"))
    damage_a_table_page(saved_file)
    asked: list[str] = []

    def yes(_parent: object, _title: str, text: str, *a: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    with _window(qtbot, saved_file) as window:
        assert "damaged" in asked[0] and ".damaged" in asked[0]
        assert person in window.session.data().staff
    assert (saved_file.parent / "center.sqlite3.damaged").exists()
