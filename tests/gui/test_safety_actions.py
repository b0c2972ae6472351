"""The window's data safety: read-only view with who and since, lock take-over,
network/cloud warning, Back up now, Restore… (naming both files, asking twice for
another center's backup) and Undo restore, Check database, the history dialog with
restore of a deleted record, and the backup on close."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QFileDialog, QMessageBox, QSpinBox

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
        assert window.safety.read_only_label.isVisibleTo(window)
        assert "maria@FRONT-DESK" in window.safety.read_only_label.toolTip()
        assert not window.safety.restore_action.isEnabled()
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
        assert not window.safety.read_only_label.isVisibleTo(window)
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
        window.safety.backup_now_action.trigger()
        assert "manual" in [b.reason for b in list_backups(saved_file)]
        window.safety.check_action.trigger()
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
        window.safety.restore_action.trigger()
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
    window.safety.history_action.trigger()
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


# --- Restore names what it replaces, asks twice for another center, and can be undone


def _acorns_backup(folder: Path) -> Path:
    """A backup of another center, Little Acorns (license L-9: 1 staff, 1 entry of
    10/2/2026), in ``folder``'s backups folder (as the sample center's backups share
    it)."""
    from datetime import date

    from ccdesktop.domain.records import Center, TrainingEntry

    with Database.open(folder / "acorns.sqlite3") as db:
        db.set_center(Center(name="Little Acorns", license_number="L-9"))
        person = db.add_staff(Staff("Ben", "Ortiz", "900900"))
        assert person.id is not None
        db.add_entry(TrainingEntry(person.id, "Safe Sleep", date(2026, 10, 2), 200))
        return db.backup("daily")


def _sunny_days(path: Path) -> Path:
    """Sunny Days (license L-1): Ana and Zoë, three entries, the last on 11/30/2026."""
    from datetime import date

    from ccdesktop.domain.records import Center, TrainingEntry

    with Database.open(path) as db:
        db.set_center(Center(name="Sunny Days", license_number="L-1"))
        ana = db.add_staff(Staff("Ana", "Lopez", "100200"))
        db.add_staff(Staff("Zoë", "Ng"))
        assert ana.id is not None
        for day in (date(2026, 3, 4), date(2026, 11, 30), date(2025, 6, 1)):
            db.add_entry(TrainingEntry(ana.id, f"Course {day}", day, 150))
    return path


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """``questions(*answers)``: QMessageBox.question answers these in turn (then No)
    and records each question as (title, text, default button)."""

    def answering(*answers: QMessageBox.StandardButton) -> list[tuple[str, str, object]]:
        asked: list[tuple[str, str, object]] = []
        queue = list(answers)

        def question(_parent: object, title: str, text: str, *args: object) -> object:
            asked.append((title, text, args[1] if len(args) > 1 else None))
            return queue.pop(0) if queue else QMessageBox.StandardButton.No

        monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
        return asked

    return answering


def _choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def _records(window: MainWindow) -> tuple[object, object, object]:
    data = window.session.data()
    return data.center, data.staff, data.entries


def _when_in_name(backup: Path) -> str:
    """The backup's time from its name, as the window shows it (M/D/YYYY h:MM AM/PM)."""
    from ccdesktop.domain.dates import format_date_us, format_time_12h
    from ccdesktop.store.backup import parse_backup_name

    parsed = parse_backup_name(backup.name)
    assert parsed is not None
    return f"{format_date_us(parsed[1].date())} {format_time_12h(parsed[1].time())}"


YES, NO = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


def test_the_restore_question_names_both_files_and_defaults_to_no(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, questions, errors: list[str]
) -> None:
    sunny = _sunny_days(tmp_path / "sunny.sqlite3")
    backup = _acorns_backup(tmp_path)
    with _window(qtbot, sunny) as window:
        before = _records(window)
        _choose(monkeypatch, backup)
        asked = questions(NO)
        window.safety.restore_action.trigger()
        assert errors == []
        ((title, text, default),) = asked
        assert text.startswith(
            "Replace Sunny Days (license L-1, 2 staff, 3 entries, last entry 11/30/2026) "
            f"with the daily backup of {_when_in_name(backup)}: "
            "Little Acorns (license L-9, 1 staff, 1 entry, last entry 10/2/2026)?"
        )
        assert "Undo restore" in text
        assert default == NO
        assert _records(window) == before
    assert [b.reason for b in list_backups(sunny)] == ["daily"]  # no before-restore backup


def test_a_backup_of_another_center_asks_a_second_time(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, questions
) -> None:
    sunny = _sunny_days(tmp_path / "sunny.sqlite3")
    backup = _acorns_backup(tmp_path)
    with _window(qtbot, sunny) as window:
        before = _records(window)
        _choose(monkeypatch, backup)
        asked = questions(YES, NO)
        window.safety.restore_action.trigger()
        assert len(asked) == 2
        _title, text, default = asked[1]
        assert text == (
            "This backup is of another center, Little Acorns (license L-9). "
            "Replace every record of Sunny Days (license L-1) with it?"
        )
        assert default == NO
        assert _records(window) == before  # the second No kept the file
        assert not window.safety.undo_restore_action.isEnabled()


def test_a_backup_of_the_same_center_asks_once(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, questions
) -> None:
    sunny = _sunny_days(tmp_path / "sunny.sqlite3")
    with _window(qtbot, sunny) as window:
        backup = window.session.db.backup("manual")
        assert window.session.perform(AddStaff(window.session.db, Staff("Ben", "Ortiz")))
        _choose(monkeypatch, backup)
        asked = questions(YES)
        window.safety.restore_action.trigger()
        assert len(asked) == 1 and "(made on request)" in asked[0][1]
        assert "3 staff" in asked[0][1].split(" with ")[0]  # the current file, Ben too
        assert [s.last_name for s in window.session.data().staff] == ["Lopez", "Ng"]


def test_undo_restore_puts_the_records_back_as_before(
    qtbot, sample_window: MainWindow, monkeypatch: pytest.MonkeyPatch, questions, errors
) -> None:
    window = sample_window
    db_path = window.session.path
    backup = _acorns_backup(db_path.parent)
    window.findChild(QSpinBox, "yearSpin").setValue(2025)
    window.session.perform(AddStaff(window.session.db, Staff("Zoë", "Ng")))
    before = _records(window)
    assert not window.safety.undo_restore_action.isEnabled()
    _choose(monkeypatch, backup)
    asked = questions(YES, YES)
    window.safety.restore_action.trigger()
    assert errors == [] and len(asked) == 2
    center, staff, entries = _records(window)
    assert center.name == "Little Acorns" and [s.last_name for s in staff] == ["Ortiz"]
    # the commands on the undo stack were about the records replaced: gone with them
    assert window.session.undo_stack.count() == 0 and not window.undo_action.isEnabled()
    assert window.session.year == 2025  # the year shown stays
    assert window.safety.undo_restore_action.isEnabled()
    edit_actions = window.edit_menu.actions()
    assert edit_actions.index(window.safety.undo_restore_action) == (
        edit_actions.index(window.redo_action) + 1
    )
    window.findChild(QMessageBox, "restoredMessage").close()

    asked = questions(YES)
    window.safety.undo_restore_action.trigger()
    ((_title, text, default),) = asked
    sample = before[0].name  # type: ignore[attr-defined]
    assert text.startswith(
        "Undo the restore? This puts back the records as they were before it: "
        f"{sample} (license {before[0].license_number}, {len(before[1])} staff, "  # type: ignore[attr-defined, arg-type]
        f"{len(before[2])} entries, last entry "  # type: ignore[arg-type]
    )
    assert "in place of Little Acorns (license L-9, 1 staff, 1 entry" in text
    assert default == NO
    assert errors == []
    assert _records(window) == before
    assert not window.safety.undo_restore_action.isEnabled()
    # the Little Acorns records the undo replaced are kept in a backup too
    reasons = [b.reason for b in list_backups(db_path)]
    assert reasons.count("before-restore") == 2


def test_the_message_after_a_restore_offers_undo_restore(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, questions, errors: list[str]
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    sunny = _sunny_days(tmp_path / "sunny.sqlite3")
    backup = _acorns_backup(tmp_path)
    with _window(qtbot, sunny) as window:
        before = _records(window)
        _choose(monkeypatch, backup)
        asked = questions(YES, YES)
        window.safety.restore_action.trigger()
        message = window.findChild(QMessageBox, "restoredMessage")
        assert message is not None and message.isVisible()
        assert message.text().startswith(
            f"Restored the daily backup of {_when_in_name(backup)}: Little Acorns (license L-9"
        )
        assert "Sunny Days (license L-1, 2 staff, 3 entries, last entry 11/30/2026)" in (
            message.text()
        )
        assert message.escapeButton() is message.defaultButton()  # Esc and Enter: OK
        button = message.findChild(QPushButton, "undoRestoreButton")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert len(asked) == 2  # the message named what Undo restore puts back
        assert errors == []
        assert _records(window) == before
        assert "Restore undone: Sunny Days (license L-1" in window.statusBar().currentMessage()


def test_undo_restore_is_not_offered_for_another_file(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, questions
) -> None:
    sunny = _sunny_days(tmp_path / "sunny.sqlite3")
    other = tmp_path / "other.sqlite3"
    Database.open(other).close()
    with _window(qtbot, sunny) as window:
        backup = window.session.db.backup("manual")
        _choose(monkeypatch, backup)
        questions(YES)
        window.safety.restore_action.trigger()
        assert window.safety.undo_restore_action.isEnabled()
        window.open_file(other)
        assert not window.safety.undo_restore_action.isEnabled()
        window.open_file(sunny)
        assert not window.safety.undo_restore_action.isEnabled()
