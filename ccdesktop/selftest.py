"""``ccdesktop --self-test``: prove an installed copy works, headless, touching nothing.

A maintainer (or CI, on the frozen bundle) runs it after building or installing: it
creates a database in a temporary folder, imports the sample center shipped in
``ccdesktop.resources``, audits every year of it, writes the PDF report, opens the
window offscreen, and checks what it can of each result. The director's database,
settings and logs are never opened; the temporary folder is removed at the end.

Each check prints one line, ``ok`` or ``FAIL``; the exit status is 0 only when every
check passed. A step that raises stops the test (later steps need its result) and its
traceback is printed, as this is a diagnostic for whoever builds the app.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from importlib.resources import as_file, files
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from . import SOURCE_VERSION, __version__

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from .domain.audit import Audit

EXIT_PASSED = 0
EXIT_FAILED = 1

#: a TrueType font file starts with version 1.0 (or 'true' on old Apple fonts)
_TRUETYPE_MAGIC = (b"\x00\x01\x00\x00", b"true")


class SelfTestFailure(Exception):
    """A step found something wrong; the message says what."""


@dataclass
class SelfTest:
    """The running test: where it prints, and what it has found so far."""

    out: TextIO | None
    workdir: Path
    failures: list[str] = field(default_factory=list)

    def say(self, text: str) -> None:
        if self.out is not None:
            print(text, file=self.out, flush=True)

    def check(self, name: str, ok: bool, detail: str) -> None:
        """Record one check; a failed one does not stop the step."""
        self.say(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}")
        if not ok:
            self.failures.append(name)


@contextmanager
def sample_paths() -> Iterator[tuple[Path, Path]]:
    """The shipped sample center's staff and training CSV files, as real paths."""
    base = files("ccdesktop.resources").joinpath("sample")
    with ExitStack() as stack:
        staff = stack.enter_context(as_file(base.joinpath("staff.csv")))
        training = stack.enter_context(as_file(base.joinpath("training.csv")))
        yield Path(staff), Path(training)


def run_self_test(out: TextIO | None, *, window: bool = True) -> int:
    """Run every step; 0 when all checks pass, 1 otherwise. ``window=False`` skips
    opening the window (for a machine without Qt's libraries)."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ccdesktop-self-test-") as temp:
        test = SelfTest(out, Path(temp))
        test.say(
            f"ccdesktop {__version__} self-test (Python {sys.version.split()[0]}, "
            f"SQLite {sqlite3.sqlite_version}) in {temp}"
        )
        steps: list[Callable[[SelfTest], None]] = [
            check_version,
            check_resources,
            check_database_and_sample,
        ]
        if window:
            steps.append(check_window)
        for step in steps:
            try:
                step(test)
            except Exception as error:  # noqa: BLE001 - every failure is reported, then we stop
                test.check(
                    step.__name__.removeprefix("check_"), False, f"{type(error).__name__}: {error}"
                )
                if test.out is not None:
                    traceback.print_exc(file=test.out)
                break
    seconds = time.perf_counter() - started
    if test.failures:
        test.say(f"self-test FAILED ({', '.join(test.failures)}) in {seconds:.1f} s")
        return EXIT_FAILED
    test.say(f"self-test passed in {seconds:.1f} s")
    return EXIT_PASSED


def check_version(test: SelfTest) -> None:
    from .store.migrations import SCHEMA_VERSION

    # Help > About shows both; an unknown version means the package metadata was not
    # bundled (PyInstaller needs copy_metadata) and About would show 0.0.0+source.
    test.check(
        "version",
        __version__ != SOURCE_VERSION,
        f"app {__version__}, database schema {SCHEMA_VERSION}",
    )


def check_resources(test: SelfTest) -> None:
    from .reports.fonts import BOLD, REGULAR, font_bytes

    fonts = files("ccdesktop.resources").joinpath("fonts")
    for face in (REGULAR, BOLD):
        data = font_bytes(f"{face}.ttf")
        test.check(
            "font",
            data[:4] in _TRUETYPE_MAGIC and len(data) > 100_000,
            f"{face}.ttf, {len(data):,} bytes",
        )
    test.check(
        "font licence",
        fonts.joinpath("LICENSE-DejaVu.txt").is_file(),
        "LICENSE-DejaVu.txt is shipped beside the fonts",
    )


def check_database_and_sample(test: SelfTest) -> None:
    from . import workflows
    from .io.audit_json import audit_to_json
    from .store.database import SCHEMA_VERSION, Database

    db_path = test.workdir / "self-test.sqlite3"
    with sample_paths() as (staff_csv, training_csv), Database.open(db_path) as db:
        test.check(
            "database",
            db.schema_version == SCHEMA_VERSION,
            f"created {db_path.name} at schema version {db.schema_version}",
        )

        staff_rows = _data_rows(staff_csv)
        training_rows = _data_rows(training_csv)
        staff = workflows.import_staff_file(db, staff_csv)
        test.check(
            "import staff",
            staff.added == staff_rows == len(db.list_staff()),
            f"{staff.added} of {staff_rows} sample staff added",
        )
        training = workflows.import_training_file(db, training_csv)
        test.check(
            "import training",
            training.added == training_rows == len(db.list_entries()),
            f"{training.added} of {training_rows} sample entries added",
        )
        again = workflows.import_training_file(db, training_csv)
        test.check(
            "import again",
            again.added == 0 and again.already_present == training.added,
            f"a second import added {again.added}, found {again.already_present} present",
        )

        years = sorted({entry.completed_on.year for entry in db.list_entries()})
        reasons: set[str] = set()
        for year in years:
            audit = workflows.audit(db, year)
            in_year = len(db.list_entries(year=year))
            standings_ok = len(audit.staff) == staff.added
            entries_ok = len(audit.entries) == in_year
            reasons |= {str(r) for result in audit.entries for r in result.verdict.reasons}
            as_json = json.loads(json.dumps(audit_to_json(audit)))
            json_ok = len(as_json["staff"]) == staff.added and len(as_json["entries"]) == in_year
            test.check(
                f"audit {year}",
                standings_ok and entries_ok and json_ok,
                f"{len(audit.staff)} staff ({audit.met_count} met, {audit.short_count} "
                f"short), {len(audit.entries)} of {in_year} entries, "
                f"{len(audit.denied)} without credit, JSON {'ok' if json_ok else 'wrong'}",
            )
        # The sample center is written to show every reason of RULES.md section 3.
        from .domain.codes import Reason

        missing = sorted(str(r) for r in Reason if str(r) not in reasons)
        test.check(
            "rules",
            not missing,
            f"no sample entry was denied for {', '.join(missing)}"
            if missing
            else f"each of the {len(Reason)} denial reasons occurs in the sample",
        )

        _check_report(test, workflows.audit(db, years[-1]))


def _data_rows(path: Path) -> int:
    import csv

    with path.open(encoding="utf-8-sig", newline="") as handle:
        return sum(1 for row in csv.reader(handle) if any(cell.strip() for cell in row)) - 1


def _check_report(test: SelfTest, audit: Audit) -> None:
    from .reports.pdf_report import build_report

    pdf = test.workdir / f"self-test-report-{audit.year}.pdf"
    report = build_report(audit, pdf)
    data = pdf.read_bytes()
    well_formed = data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    # The report prints names in the shipped font, embedded as a subset.
    font_embedded = b"DejaVuSans" in data
    test.check(
        "report",
        well_formed and font_embedded and report.page_count >= 2,
        f"{pdf.name}: {report.page_count} pages, {len(data):,} bytes, "
        f"{'font embedded' if font_embedded else 'font NOT embedded'}",
    )


def check_window(test: SelfTest) -> None:
    """Open the main window offscreen on the self-test database and paint it once.

    Proves the Qt libraries, the offscreen platform plugin and every page module are
    present (the pages are imported by name, which a bundler cannot see).
    """
    from PySide6.QtCore import QCoreApplication, QSettings

    from .gui.app import make_application

    previous_format = QSettings.defaultFormat()
    settings_dir = test.workdir / "settings"
    # Keep the window's settings (recent files, geometry) out of the user's own.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings_dir))
    try:
        app = make_application([sys.argv[0] or "ccdesktop", "-platform", "offscreen"])
        from .gui.main_window import MainWindow, page_classes
        from .gui.session import Session
        from .store.database import Database

        pages = [page.__name__ for page in page_classes()]
        db = Database.open(test.workdir / "self-test.sqlite3")
        try:
            window = MainWindow(Session(db))
        except BaseException:
            db.close()  # the window closes it on close; without a window, we must
            raise
        try:
            window.show()
            app.processEvents()
            image = window.grab().toImage()
            painted = not image.isNull() and image.width() > 0
            test.check(
                "window",
                painted and bool(pages),
                f"{QCoreApplication.applicationName()} window painted "
                f"{image.width()}x{image.height()} offscreen; pages: {', '.join(pages)}",
            )
            _check_qt_references(test, window)
        finally:
            window.close()
            window.deleteLater()
            app.processEvents()
    finally:
        QSettings.setDefaultFormat(previous_format)


#: Qt calls the bindings check makes; a leak loses one reference to None per call
BINDING_CALLS = 1000


def _none_references() -> int:
    return sys.getrefcount(None)


def _check_qt_references(test: SelfTest, window: QWidget) -> None:
    """The Qt bindings give back the references they take: PySide6 6.12.0 on Python
    3.11 lost one to None at every call of a Qt method returning nothing, and the
    window aborted after a few hundred keystrokes (tests/test_qt_bindings.py). A
    bundle built with such a version fails here instead of on a director's PC."""
    import PySide6

    title = window.windowTitle()
    before = _none_references()
    for _ in range(BINDING_CALLS):
        window.setWindowTitle(title)  # returns nothing
    lost = before - _none_references()
    test.check(
        "Qt bindings",
        lost < BINDING_CALLS // 10,
        f"PySide6 {PySide6.__version__}: {max(lost, 0)} references to None lost "
        f"over {BINDING_CALLS:,} calls",
    )
