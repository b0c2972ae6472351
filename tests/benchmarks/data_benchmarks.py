"""The benchmarks without a window: audit, CSV import, PDF report."""

from __future__ import annotations

import csv
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import TypeVar

from ccdesktop import workflows
from ccdesktop.domain.audit import audit_year
from ccdesktop.io.importing import plan_training_import
from ccdesktop.io.training_csv import parse_training_csv
from ccdesktop.reports.pdf_report import build_report
from ccdesktop.store.connection import connect
from ccdesktop.store.convert import CENTER_COLUMNS, ENTRY_COLUMNS, STAFF_COLUMNS
from ccdesktop.store.database import Database

from .harness import Outcome, best_of, best_of_each, ratio_outcome
from .synthetic import (
    HUNDRED_THOUSAND,
    REAL_CENTER,
    Size,
    create_database,
    staff_only,
    synthetic_center,
    write_training_csv,
)

_T = TypeVar("_T")

#: (size, judged): the real center is judged against the targets, the 100,000-entry
#: center is shown for information
AUDIT_SIZES = ((REAL_CENTER, True), (HUNDRED_THOUSAND, False))
AUDIT_QUICK = ((Size(staff=20, years=5, entries_per_year=13), True), (Size(100, 2, 10), False))
IMPORT_SIZES = AUDIT_SIZES
IMPORT_QUICK = AUDIT_QUICK
AUDIT_LIMIT = 2
IMPORT_LIMIT = 1.3
REPORT_SIZE = Size(staff=500, years=2, entries_per_year=10)  # 5,000 entries in the year
REPORT_QUICK = Size(staff=25, years=2, entries_per_year=10)


def bench_audit(workdir: Path, quick: bool, repeat: int) -> list[Outcome]:
    """The audit a director waits for (load everything, run every rule), against
    reading the same rows from SQLite into Python tuples."""
    return [
        _audit(workdir / f"audit-{size.entries}", size, judged, repeat)
        for size, judged in (AUDIT_QUICK if quick else AUDIT_SIZES)
    ]


def _audit(workdir: Path, size: Size, judged: bool, repeat: int) -> Outcome:
    workdir.mkdir()
    db_path = create_database(workdir / "audit.sqlite3", synthetic_center(size))
    year = size.last_year

    # The same rows, in the same order, as plain tuples: SQLite and the sqlite3 module
    # alone, no conversion to records, no rules.
    order = "ORDER BY completed_on, start_time IS NULL, start_time, id"
    with Database.open(db_path) as db, closing(sqlite3.connect(db_path)) as conn:

        def read_tuples() -> None:
            conn.execute(f"SELECT {CENTER_COLUMNS} FROM center").fetchall()
            conn.execute(f"SELECT {STAFF_COLUMNS} FROM staff").fetchall()
            conn.execute(f"SELECT {ENTRY_COLUMNS} FROM training_entry {order}").fetchall()

        data = db.load()
        figure, baseline, load, engine = best_of_each(
            repeat,
            (lambda: workflows.audit(db, year), None),
            (read_tuples, None),
            (db.load, None),
            (lambda: audit_year(data, year), None),
        )
    return ratio_outcome(
        f"audit of {size}",
        figure,
        baseline,
        "the same rows read from SQLite into Python tuples",
        AUDIT_LIMIT,
        f"of the figure (best of {repeat} each): load {load:.3f} s ({load / baseline:.2f}x the "
        f"baseline), rules and ledger {engine:.3f} s ({engine / baseline:.2f}x)",
        judged=judged,
    )


def bench_import(workdir: Path, quick: bool, repeat: int) -> list[Outcome]:
    """``import-training`` of a training CSV into a center that has its staff, against
    SQLite alone inserting the same rows, already parsed, into ccdesktop's schema; the
    sqlite3 shell's own ``.import`` of the file into a plain table is printed too."""
    return [
        _import(workdir / f"import-{size.entries}", size, judged, repeat)
        for size, judged in (IMPORT_QUICK if quick else IMPORT_SIZES)
    ]


def _import(workdir: Path, size: Size, judged: bool, repeat: int) -> Outcome:
    workdir.mkdir()
    data = synthetic_center(size)
    training_csv = write_training_csv(workdir / "training.csv", data)
    with_staff = create_database(workdir / "staff-only.sqlite3", staff_only(data))
    target = workdir / "import.sqlite3"
    result: list[workflows.TrainingImportSummary] = []

    def fresh_copy() -> None:
        shutil.copyfile(with_staff, target)

    def run_import() -> None:
        with Database.open(target) as db:
            result.append(workflows.import_training_file(db, training_csv))

    fresh_copy()  # once first: the rows the schema floor inserts are the ones it adds
    run_import()
    assert result and result[-1].added == size.entries, result
    schema_insert, fresh_floor = schema_insert_floor(with_staff, target)

    plain = workdir / "plain.sqlite3"
    sqlite_cli = shutil.which("sqlite3")

    def remove_plain() -> None:
        plain.unlink(missing_ok=True)

    if sqlite_cli:
        how = f"the sqlite3 shell's .import --csv ({sqlite_cli})"

        def shell_import() -> None:
            subprocess.run(
                [sqlite_cli, str(plain), f".import --csv {training_csv} training"], check=True
            )
    else:
        how = "an emulation of the sqlite3 shell's .import (csv.reader + executemany, all TEXT)"

        def shell_import() -> None:
            emulate_sqlite_import(training_csv, plain)

    figure, floor, dot_import = best_of_each(
        repeat,
        (run_import, fresh_copy),
        (schema_insert, fresh_floor),
        (shell_import, remove_plain),
    )
    assert result[-1].added == size.entries, result
    phases = import_phases(training_csv, with_staff, target)
    return ratio_outcome(
        f"import of a {size.entries:,}-row training CSV",
        figure,
        floor,
        "SQLite alone inserting the same rows, already parsed and numbered, by one "
        "executemany into ccdesktop's schema (every CHECK, index, foreign key and the "
        "history trigger)",
        IMPORT_LIMIT,
        f"{result[-1]}; where the time goes: {phases}; for information, {how} of the "
        f"file into a plain table takes {dot_import:.3f} s: the import is "
        f"{figure / dot_import:.1f}x that, the schema floor {floor / dot_import:.1f}x",
        judged=judged,
    )


def schema_insert_floor(
    with_staff: Path, imported: Path
) -> tuple[Callable[[], None], Callable[[], None]]:
    """(action, setup) of what the schema itself costs an import, with no Python of
    ours in the loop: the rows an import added (read back from ``imported``, ids and
    all) inserted by one ``executemany`` in one transaction into a fresh copy of the
    staff-only file, with every CHECK, index, foreign key and the history trigger that
    the data-safety promises (issue 5) put there: about the least any import into this
    schema can take, however its Python side is written."""
    source = sqlite3.connect(imported)
    try:
        rows = source.execute(f"SELECT {ENTRY_COLUMNS} FROM training_entry ORDER BY id").fetchall()
    finally:
        source.close()
    marks = ", ".join("?" * len(ENTRY_COLUMNS.split(",")))
    floor = imported.with_name("schema-floor.sqlite3")

    def fresh_copy() -> None:
        shutil.copyfile(with_staff, floor)

    def insert() -> None:
        conn = connect(floor)  # the store's own connection: foreign keys, FULL sync
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany(f"INSERT INTO training_entry ({ENTRY_COLUMNS}) VALUES ({marks})", rows)
            conn.execute("COMMIT")
        finally:
            conn.close()

    return insert, fresh_copy


def import_phases(training_csv: Path, with_staff: Path, target: Path) -> str:
    """The import's steps timed one by one (as ``workflows.import_training_file`` runs
    them), and what the data-safety history trigger alone costs of the insert: the
    same rows inserted again into a scratch copy whose insert trigger is dropped."""

    def timed(action: Callable[[], _T]) -> tuple[_T, float]:
        started = time.perf_counter()
        value = action()
        return value, time.perf_counter() - started

    def insert(source: Path, path: Path) -> tuple[float, float, float]:
        shutil.copyfile(source, path)
        with Database.open(path) as db:
            parsed, read = timed(lambda: parse_training_csv(training_csv))
            with db.transaction():
                plan, planned = timed(
                    lambda: plan_training_import(
                        db.list_staff(),
                        db.list_entries(),
                        parsed.rows,
                        first_id=db.next_entry_id(),
                    )
                )
                _, inserted = timed(lambda: db.add_entries(plan.to_add, checked=True))
        return read, planned, inserted

    read, planned, inserted = insert(with_staff, target)
    scratch = target.with_name("no-history-trigger.sqlite3")
    shutil.copyfile(with_staff, scratch)
    conn = sqlite3.connect(scratch)
    try:
        conn.execute("DROP TRIGGER training_entry_history_insert")
        conn.commit()
    finally:
        conn.close()
    _, _, without_history = insert(scratch, scratch.with_name("no-history-import.sqlite3"))
    return (
        f"read and check the CSV {read:.2f} s, match staff and drop duplicates "
        f"{planned:.2f} s, insert {inserted:.2f} s (of which the per-row history "
        f"trigger {max(0.0, inserted - without_history):.2f} s and the STRICT table's "
        f"CHECKs, indexes and foreign key the rest)"
    )


def emulate_sqlite_import(csv_path: Path, db_path: Path) -> None:
    """What ``.import --csv FILE training`` does: a TEXT column per header cell, then
    every row inserted in one transaction."""
    conn = sqlite3.connect(db_path)
    try:
        with csv_path.open(encoding="utf-8-sig", newline="") as handle:
            rows = csv.reader(handle)
            header = next(rows)
            columns = ", ".join(f'"{name}" TEXT' for name in header)
            marks = ", ".join("?" * len(header))
            with conn:
                conn.execute(f"CREATE TABLE training ({columns})")
                conn.executemany(f"INSERT INTO training VALUES ({marks})", rows)
    finally:
        conn.close()


def bench_report(workdir: Path, quick: bool, repeat: int) -> Outcome:
    """The PDF of every staff member with transcripts, against reportlab building one
    plain table of the same entry rows, in the same font."""
    from reportlab.lib import colors
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    from ccdesktop.reports.fonts import REGULAR, register_fonts
    from ccdesktop.reports.styles import PAGE_SIZE

    size = REPORT_QUICK if quick else REPORT_SIZE
    audit = audit_year(synthetic_center(size), size.last_year)
    pages: list[int] = []

    def report() -> None:
        pages.append(build_report(audit, workdir / "report.pdf").page_count)

    figure = best_of(repeat, report)

    register_fonts()  # the report registered them too: the baseline pays no font set-up
    rows = [["Date", "Person", "Title", "Course", "Provider", "Format", "Hours", "Verdict"]]
    names = {s.staff.id: s.staff.full_name for s in audit.staff}
    for result in audit.entries:
        entry = result.entry
        rows.append(
            [
                entry.completed_on.isoformat(),
                names[entry.staff_id],
                entry.title,
                entry.course_id or "",
                entry.provider,
                str(entry.format),
                f"{entry.clock_hours / 100:.2f}",
                "credited" if result.credited else " ".join(result.verdict.reasons),
            ]
        )

    def plain_table() -> None:
        doc = SimpleDocTemplate(str(workdir / "plain.pdf"), pagesize=PAGE_SIZE)
        table = Table(rows, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), REGULAR, 7),
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ]
            )
        )
        doc.build([table])

    baseline = best_of(repeat, plain_table)
    return ratio_outcome(
        f"PDF report of {size.staff:,} staff with transcripts ({len(audit.entries):,} entries)",
        figure,
        baseline,
        "reportlab building one plain table of the same entry rows",
        3,
        f"{pages[-1]} pages",
    )
