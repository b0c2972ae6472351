"""Fixtures for the window's tests: a fresh database, a session, the main window and
the sample center. Every test gets its own QSettings file, so no test reads or writes
the real user settings and no test sees what another one remembered."""

from __future__ import annotations

import itertools
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from ccdesktop.gui.session import Session
from ccdesktop.store.database import Database

_settings_counter = itertools.count()

# The offscreen platform's screen is 800x600 unless told otherwise; give it the
# 1366x768 a director's laptop has, so restored window sizes are not clamped and the
# tests see the layout the acceptance criteria name. (Read when the QApplication is
# created, which is after every conftest has been imported.)
_SCREEN_DIR = tempfile.TemporaryDirectory(prefix="ccdesktop-screen-")
if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
    _screen = Path(_SCREEN_DIR.name) / "screen.json"
    _screen.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "laptop",
                        "x": 0,
                        "y": 0,
                        "width": 1366,
                        "height": 768,
                        "logicalDpi": 96,
                        "logicalBaseDpi": 96,
                        "dpr": 1,
                    }
                ]
            }
        ),  # fmt: skip
        encoding="utf-8",
    )
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_screen}"

#: what the offscreen platform says whenever a top-level window is shown; not ours
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def isolated_settings(qapp: QApplication, tmp_path: Path) -> Iterator[Path]:
    """QSettings in an INI file under ``tmp_path``, under a name no other test uses."""
    folder = tmp_path / "qsettings"
    folder.mkdir()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QCoreApplication.setOrganizationName("ccdesktop-tests")
    QCoreApplication.setApplicationName(f"ccdesktop-test-{next(_settings_counter)}")
    yield folder
    QSettings().sync()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where the test's database lives (not created yet)."""
    return tmp_path / "center.sqlite3"


@pytest.fixture
def session(db_path: Path) -> Iterator[Session]:
    """A session on a fresh, empty database."""
    db = Database.open(db_path)
    session = Session(db)
    yield session
    _release(session)
    db.close()


@pytest.fixture
def sample_session(db_path: Path) -> Iterator[Session]:
    """A session on the sample center (a dozen staff, three years of training)."""
    from ccdesktop.gui.pages.welcome import build_sample_center

    db = Database.open(db_path)
    build_sample_center(db)
    session = Session(db)
    yield session
    _release(session)
    db.close()


def _release(session: Session) -> None:
    # Session.close clears the undo history while its commands are alive (a stack left
    # to the garbage collector with commands could crash a later test's collection).
    if shiboken6.isValid(session):  # File > Open deletes the session it replaces
        session.close()
    else:
        session.db.close()


def _shown_window(qtbot, session: Session) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """The main window on ``session``, shown; closed (and its database with it) after."""
    from ccdesktop.gui.main_window import MainWindow

    main = MainWindow(session)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()
    # File > Open may have put another session in the window; close its file too
    _release(main.session)


@pytest.fixture
def window(qtbot, session: Session) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """The main window on ``session``, shown; closed (and its database with it) after."""
    yield from _shown_window(qtbot, session)


@pytest.fixture
def sample_window(qtbot, sample_session: Session) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """The main window on the sample center."""
    yield from _shown_window(qtbot, sample_session)


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    """A form with typing asks before it is closed (Escape, Cancel, the close button);
    pytest-qt closes the widgets a test leaves open when nobody can answer. Close the
    forms first, as Cancel does after Discard (``done`` asks nothing)."""
    from PySide6.QtWidgets import QDialog

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.done(QDialog.DialogCode.Rejected)
    yield


@pytest.fixture
def answer_questions(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """``answer_questions(button)`` makes every QMessageBox.question from then on
    answer ``button`` at once, and returns the list of the questions' texts asked."""
    from PySide6.QtWidgets import QMessageBox

    def answer(button: object) -> list[str]:
        asked: list[str] = []

        def question(_parent: object, _title: str, text: str, *_args: object) -> object:
            asked.append(text)
            return button

        monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
        return asked

    return answer
