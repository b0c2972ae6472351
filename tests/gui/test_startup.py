"""Start-up: what the window does before its first paint, and what it leaves for after.

The window opens on the dashboard's frame; the pages that put actions in the Edit menu
are built once the dashboard shows its figures, and the modules behind the other pages,
the reports, the CSV readers and the engine are not imported before the first paint.
(How long any of it takes is the start-up benchmark's business, not a test's.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QAction

from ccdesktop.gui.main_window import PAGES, MainWindow
from ccdesktop.gui.pages.dashboard import DashboardPage
from ccdesktop.gui.pages.welcome import build_sample_center
from ccdesktop.store.database import Database

REPO_ROOT = Path(__file__).resolve().parents[2]

#: opens the window as ``ccdesktop --db DB`` does, and prints the modules imported by
#: the time the event loop starts, that is before anything was painted
_PROBE = """
import json, sys
from PySide6.QtWidgets import QApplication

class Probe(QApplication):
    def exec(self):
        window = self.activeWindow() or self.topLevelWidgets()[0]
        handle = window.windowHandle()
        print(json.dumps({
            "exposed": bool(handle and handle.isExposed()),
            "modules": sorted(sys.modules),
        }))
        return 0

app = Probe([sys.argv[0]])
from ccdesktop.cli import main
sys.exit(main(["--db", sys.argv[1]]))
"""

#: not needed to paint the dashboard's frame
NOT_BEFORE_FIRST_PAINT = (
    "reportlab",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "importlib.metadata",  # the version, read when shown
    "logging.handlers",  # the log file's handler, made at the first record
    "ccdesktop.workflows",
    "ccdesktop.io",
    "ccdesktop.reports",
    "ccdesktop.domain.audit",  # the figures come right after the first paint
    "ccdesktop.gui.import_wizard",
    "ccdesktop.gui.widgets.progress_delegate",
    *(f"ccdesktop.gui.pages.{spec.module}" for spec in PAGES[1:]),
    "ccdesktop.gui.pages.welcome",
)


def _edit_menu_actions(window: MainWindow) -> list[str]:
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    return [a.text() for a in edit.actions()]


def test_nothing_the_first_paint_does_not_need_is_imported_before_it(tmp_path: Path) -> None:
    db_path = tmp_path / "center.sqlite3"
    with Database.open(db_path) as db:
        build_sample_center(db)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        env[name] = str(tmp_path / "user" / name.lower())
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(db_path)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert not seen["exposed"], "the probe ran after the window was painted"
    modules = seen["modules"]
    assert "ccdesktop.gui.pages.dashboard" in modules  # the probe saw the real start
    early = [m for m in modules if m.startswith(NOT_BEFORE_FIRST_PAINT)]
    assert early == []


def test_edit_menu_pages_are_built_once_the_window_is_up(qtbot, sample_session) -> None:
    window = MainWindow(sample_session)
    qtbot.addWidget(window)
    assert "Add &training entry…" not in _edit_menu_actions(window)
    window.show()
    # no page was visited: showing the window alone brings the Edit menu's actions
    qtbot.waitUntil(lambda: "Add &training entry…" in _edit_menu_actions(window))
    assert window.findChild(DashboardPage).up_to_date  # the figures came first
    shortcuts = {a.shortcut().toString() for a in window.actions() if isinstance(a, QAction)}
    assert "Ctrl+T" in shortcuts
    assert "Add &staff member…" in _edit_menu_actions(window)
    assert "Save settings" in _edit_menu_actions(window)
    window.close()


def test_opening_the_edit_menu_first_builds_its_pages(qtbot, sample_session) -> None:
    window = MainWindow(sample_session)  # never shown, so never painted
    qtbot.addWidget(window)
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    edit.aboutToShow.emit()
    texts = _edit_menu_actions(window)
    # in page order, each page's actions after its own separator
    assert texts.index("Add &staff member…") < texts.index("Add &training entry…")
    assert texts.index("Add &training entry…") < texts.index("Save settings")


def test_the_window_is_built_without_loading_the_records(
    qtbot, sample_session, monkeypatch
) -> None:
    # The first paint must not wait for every record of a big file: building the window
    # asks only whether the file is blank; the records load for the figures, after it.
    loads: list[str] = []
    real_load = sample_session.db.load
    monkeypatch.setattr(sample_session.db, "load", lambda: loads.append("load") or real_load())
    window = MainWindow(sample_session)
    qtbot.addWidget(window)
    assert loads == []
    assert window.findChild(DashboardPage).isVisibleTo(window)  # not the welcome page
    window.show()
    qtbot.waitUntil(lambda: window.findChild(DashboardPage).up_to_date)
    assert loads == ["load"]
    window.close()


def test_a_fresh_file_opens_on_the_welcome_page_and_still_builds_the_edit_pages(
    qtbot, session
) -> None:
    # The welcome page is covered whole by its scroll area, so Qt never paints the
    # page itself; it settles when its content is painted.
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "Add &staff member…" in _edit_menu_actions(window))
    window.close()
