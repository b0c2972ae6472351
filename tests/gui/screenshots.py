"""Screenshots of every page of the window, to look at by eye.

    python tests/gui/screenshots.py OUTDIR
    QT_SCALE_FACTOR=1.5 python tests/gui/screenshots.py OUTDIR

Builds the sample center in a temporary folder (settings and data folders too, so
nothing of the user's is read or written), opens the main window at 1366x768 and
saves one PNG per page: the welcome page of a fresh file first, then every page of
``page_classes()`` on the sample center.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

#: the screen, in physical pixels; at QT_SCALE_FACTOR=1.5 the window gets 1366/1.5 x
#: 768/1.5 logical pixels, as on a laptop set to 150%
WIDTH, HEIGHT = 1366, 768


def _wait(app: object, seconds: float, until: object = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()  # type: ignore[attr-defined]
        if until is not None and until():  # type: ignore[operator]
            return
        time.sleep(0.02)


def _slug(title: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-")


def take(out_dir: Path) -> list[Path]:
    scratch = tempfile.TemporaryDirectory(prefix="ccdesktop-shots-")
    base = Path(scratch.name)
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "LOCALAPPDATA"):
        os.environ[name] = str(base / name.lower())
    os.environ.pop("CCDESKTOP_DB", None)

    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QWidget

    from ccdesktop.gui.app import make_application
    from ccdesktop.gui.main_window import MainWindow, page_classes
    from ccdesktop.gui.pages.staff import StaffPage
    from ccdesktop.gui.pages.welcome import build_sample_center
    from ccdesktop.gui.session import Session
    from ccdesktop.store.database import Database

    scale = float(os.environ.get("QT_SCALE_FACTOR", "1") or 1)
    size = (round(WIDTH / scale), round(HEIGHT / scale))
    app = make_application()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(base / "qs"))
    QCoreApplication.setApplicationName("ccdesktop-screenshots")
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def grab(window: QWidget, name: str) -> None:
        _wait(app, 0.3)
        path = out_dir / f"{len(written):02d}-{name}.png"
        window.grab().save(str(path))
        written.append(path)

    # a fresh file opens on the welcome page
    fresh = MainWindow(Session(Database.open(base / "fresh.sqlite3")))
    fresh.resize(*size)
    fresh.show()
    grab(fresh, "welcome")
    fresh.close()

    db = Database.open(base / "sample.sqlite3")
    build_sample_center(db)
    window = MainWindow(Session(db))
    window.resize(*size)
    window.show()
    _wait(app, 0.3)
    for page_class in page_classes():
        page = window.show_page(page_class)
        _prepare(page, app)
        grab(window, _slug(page.title))
        if isinstance(page, StaffPage):
            # the staff dialog, with a problem shown under a field
            page.edit_selected()
            dialog = page.dialog
            assert dialog is not None
            dialog.end_edit.line_edit.setText("1/1/2000")  # type: ignore[attr-defined]
            grab(dialog, "staff-dialog")  # type: ignore[arg-type]
            dialog.done(0)  # closed without the question about the date typed above
    window.close()
    app.processEvents()
    scratch.cleanup()
    return written


def _prepare(page: object, app: object) -> None:
    """Put something typical on the page: a selected row, a built preview."""
    from ccdesktop.gui.pages.staff import StaffPage

    if isinstance(page, StaffPage):
        # someone with training and a ledger of several years
        for row in range(page.proxy.rowCount()):
            staff = page.proxy.staff_at(row)
            if staff.id is not None and page.session.audit().entries_of(staff.id):
                page.select_staff(staff.id)
                break
        return
    table = getattr(page, "table", None)
    if table is not None and table.model() is not None and table.model().rowCount() > 0:
        table.selectRow(0)
    button = getattr(page, "preview_button", None)
    document = getattr(page, "document", None)
    if button is not None and document is not None:
        button.click()
        _wait(app, 60, lambda: document.pageCount() > 0)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python tests/gui/screenshots.py OUTDIR", file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for path in take(Path(argv[1])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
