"""Issue 12: the dialogs for the director's own files (export, import, save a copy,
save the report, open, new) start in Documents, or in the folder last used for that
kind of file; never in the app's data folder. Restore starts among the backups."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from ccdesktop.gui.file_folders import CSV, documents_folder, start_folder
from ccdesktop.gui.import_wizard import ImportWizard
from ccdesktop.store.backup import backup_dir

# the offscreen platform says so whenever a top-level window is shown
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of the test's own, with a Documents folder (Qt reads HOME and
    the XDG user-dirs file each time it is asked)."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert documents_folder() == home / "Documents"
    return home / "Documents"


class Dialogs:
    """Stands in for QFileDialog's statics: records the start folder or file each
    dialog was given and answers with the next of ``answers``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.offered: list[Path] = []
        self.answers: list[str] = []
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(self._ask))
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(self._ask))

    def _ask(self, _parent: object, _title: str, start: str, *_args: object) -> tuple[str, str]:
        self.offered.append(Path(start))
        return (self.answers.pop(0) if self.answers else ""), ""


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    return Dialogs(monkeypatch)


def test_export_csv_starts_in_documents_then_in_the_folder_last_used(
    window, documents: Path, dialogs: Dialogs, tmp_path: Path
) -> None:
    data_folder = window.session.path.parent
    window.export_action.trigger()  # cancelled
    assert dialogs.offered == [documents / f"training-{window.session.year}.xlsx"]
    assert dialogs.offered[0].parent != data_folder

    chosen = tmp_path / "records" / "training.csv"
    chosen.parent.mkdir()
    dialogs.answers = [str(chosen)]
    window.export_action.trigger()
    assert chosen.is_file()
    window.export_action.trigger()
    assert dialogs.offered[-1] == chosen.parent / f"training-{window.session.year}.xlsx"


def test_save_a_copy_open_and_new_start_in_documents(
    window, documents: Path, dialogs: Dialogs, tmp_path: Path
) -> None:
    name = window.session.path.name
    window.save_copy_action.trigger()
    window.open_action.trigger()
    window.new_action.trigger()
    assert dialogs.offered == [
        documents / Path(name).with_suffix(".copy.sqlite3"),
        documents,
        documents / "center.sqlite3",
    ]

    copies = tmp_path / "copies"
    copies.mkdir()
    dialogs.answers = [str(copies / "monday.sqlite3")]
    window.save_copy_action.trigger()
    assert (copies / "monday.sqlite3").is_file()
    window.open_action.trigger()  # the same kind of file: a center's
    assert dialogs.offered[-1] == copies


def test_import_browse_starts_in_documents_and_remembers(
    qtbot, session, documents: Path, dialogs: Dialogs, tmp_path: Path
) -> None:
    wizard = ImportWizard(session)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.mouseClick(wizard.file_page.browse_button, Qt.MouseButton.LeftButton)
    assert dialogs.offered == [documents]

    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    (downloads / "staff.csv").write_text("first_name,last_name\nAna,Lopez\n", encoding="utf-8")
    dialogs.answers = [str(downloads / "staff.csv")]
    wizard.file_page.path_edit.clear()
    qtbot.mouseClick(wizard.file_page.browse_button, Qt.MouseButton.LeftButton)
    assert wizard.file_page.path_edit.text() == str(downloads / "staff.csv")
    assert start_folder(CSV) == downloads


def test_a_remembered_folder_that_is_gone_falls_back_to_documents(
    window, documents: Path, dialogs: Dialogs, tmp_path: Path
) -> None:
    gone = tmp_path / "usb-stick"
    gone.mkdir()
    dialogs.answers = [str(gone / "training.csv")]
    window.export_action.trigger()
    (gone / "training.csv").unlink()
    gone.rmdir()
    window.export_action.trigger()
    assert dialogs.offered[-1].parent == documents


def test_restore_still_starts_in_the_backups_folder(window, dialogs: Dialogs) -> None:
    window.safety.restore_action.trigger()
    assert dialogs.offered == [backup_dir(window.session.path)]


def test_the_report_is_offered_in_documents(
    qtbot, documents: Path, dialogs: Dialogs, tmp_path: Path
) -> None:
    from ccdesktop import workflows
    from ccdesktop.gui.pages.reports import ReportsPage
    from ccdesktop.gui.session import Session
    from ccdesktop.store.database import Database

    db = Database.open(tmp_path / "center.sqlite3")
    staff_csv, _training = workflows.default_sample_paths()
    workflows.import_staff_file(db, staff_csv)
    session = Session(db)
    session.set_year(2025)
    page = ReportsPage(session)
    qtbot.addWidget(page)
    page.show()
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.save_button.isEnabled(), timeout=60_000)
    reports = tmp_path / "reports"
    reports.mkdir()
    dialogs.answers = [str(reports / "report.pdf")]
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert dialogs.offered == [documents / "clock-hours-2025.pdf", reports / "clock-hours-2025.pdf"]
    page.document.close()
    session.close()
    db.close()
