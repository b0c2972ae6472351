"""The window's benchmarks: start-up, the 100,000-row entries table, memory, the
import wizard's preview of a 100,000-row file.

Each measurement runs in a fresh process (``gui_child``), so start-up includes the
interpreter and Qt starting and peak memory is the window's alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from ccdesktop import workflows
from ccdesktop.selftest import sample_paths
from ccdesktop.store.database import Database

from .gui_child import AFTER_S, TICK_MS
from .harness import Outcome, ensure_dir
from .synthetic import (
    HUNDRED_THOUSAND,
    REAL_CENTER,
    Size,
    create_database,
    staff_only,
    synthetic_center,
    write_training_csv,
)

#: (size, the Training page shows every year, judged): the real center's 19,500
#: entries of ten years, all shown; 100,000 entries of one year, for information
ENTRIES_SIZES = (
    (REAL_CENTER, True, True),
    (Size(staff=5000, years=1, entries_per_year=20), False, False),
)
ENTRIES_QUICK = (
    (Size(staff=20, years=5, entries_per_year=13), True, True),
    (Size(250, 1, 20), False, False),
)
STARTUP_LIMIT = 1.2
SORT_FILTER_LIMIT_MS = 100
MEMORY_LIMIT_MB = 150
#: (size, judged): the real center's 19,500 rows are judged against the targets, the
#: 100,000 rows shown for information (issue 15)
PREVIEW_SIZES = ((REAL_CENTER, True), (HUNDRED_THOUSAND, False))
PREVIEW_QUICK = ((Size(staff=250, years=2, entries_per_year=10), True),)  # 5,000 rows
FROZEN_LIMIT_MS = 100
#: the preview does what the parse does, then matches the rows to the staff on record
#: and hands them to the window, all while the window keeps ticking: close to a parse
PREVIEW_LIMIT = 1.5
REPO_ROOT = Path(__file__).resolve().parents[2]
#: one edit to the window updated (issue 15): the 100,000-entry center, 5,000 staff
EDIT_SIZE = HUNDRED_THOUSAND
EDIT_QUICK = Size(staff=100, years=2, entries_per_year=10)
EDIT_LIMIT_MS = 50
#: edits of each kind in each window (fresh process), after its first
EDITS_PER_WINDOW = 3


def child_env(workdir: Path) -> dict[str, str]:
    """Headless, with the per-user folders (settings, logs) in the work folder."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    home = ensure_dir(workdir / "user")
    for name in (
        "XDG_DATA_HOME",
        "XDG_STATE_HOME",
        "XDG_CONFIG_HOME",
        "XDG_CACHE_HOME",
        "LOCALAPPDATA",
        "APPDATA",
    ):
        env[name] = str(home / name.lower())
    env.pop("CCDESKTOP_DB", None)
    return env


def run_child(workdir: Path, *args: str) -> tuple[dict[str, float], float]:
    """(the child's JSON result, the monotonic clock just before it was started)."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.gui_child", *args],
        cwd=REPO_ROOT,
        env=child_env(workdir),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"gui_child {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1]), started


def sample_database(workdir: Path) -> Path:
    path = workdir / "sample.sqlite3"
    path.unlink(missing_ok=True)
    with sample_paths() as (staff_csv, training_csv), Database.open(path) as db:
        workflows.update_center(db, name="Little Acorns Learning Center")
        workflows.import_staff_file(db, staff_csv)
        workflows.import_training_file(db, training_csv)
    return path


def byte_compile_ccdesktop() -> None:
    """Compile the package to bytecode (``__pycache__``), as any installed copy has it.

    The children may run with PYTHONDONTWRITEBYTECODE set (this machine's environment
    does), and would then compile every module from source at each start, which an
    installed copy (a wheel installed by pip, the PyInstaller bundle) never does.
    """
    import compileall

    import ccdesktop

    compileall.compile_dir(Path(ccdesktop.__file__).parent, quiet=1)


def bench_startup(workdir: Path, quick: bool, repeat: int) -> Outcome:
    """From starting the process to the main window's first painted frame."""
    db = sample_database(workdir)
    byte_compile_ccdesktop()

    def first_paint(*args: str) -> tuple[float, float]:
        """(seconds to the first paint, to the dashboard's figures (app) or 0 (bare))"""
        result, started = run_child(workdir, *args)
        figures = result.get("figures_at", started) - started
        return result["painted_at"] - started, figures

    bare: list[float] = []
    widgets: list[float] = []
    app: list[float] = []
    figures: list[float] = []
    for _ in range(repeat):  # interleaved, so a busy moment hits all alike
        bare.append(first_paint("bare-start")[0])
        widgets.append(first_paint("widgets-start")[0])
        painted, shown = first_paint("app-start", str(db))
        app.append(painted)
        figures.append(shown)
    figure, baseline, bare_window = min(app), min(widgets), min(bare)
    ratio = figure / baseline
    return Outcome(
        "window start-up to first paint, sample center",
        figure,
        baseline,
        "s",
        "a window of the same kinds of widgets without ccdesktop's code (gui_child "
        "widgets-start: menus with shortcuts, a tool bar with a spin box, a status bar, a "
        "page list, headed tiles, a table on a Python model)",
        f"<= {STARTUP_LIMIT:g}x",
        ratio <= STARTUP_LIMIT,
        f"{ratio:.2f}x",
        f"ccdesktop's own code adds {(figure - baseline) * 1000:.0f} ms; the dashboard's "
        f"figures painted at {min(figures):.3f} s ({min(figures) / baseline:.2f}x); for "
        f"information, a bare PySide6 main window paints at {bare_window:.3f} s (the app "
        f"{figure / bare_window:.2f}x, the same-widgets window {baseline / bare_window:.2f}x); "
        f"best of {repeat} fresh processes each, interleaved; ccdesktop byte-compiled "
        "first, as installed",
    )


def bench_entries_table(workdir: Path, quick: bool, repeat: int) -> list[Outcome]:
    """Sort by every column both ways and filter the Training page's table; then the
    peak memory of that window against a bare one."""
    bare = min(run_child(workdir, "bare-memory")[0]["peak_mb"] for _ in range(repeat))
    outcomes: list[Outcome] = []
    for size, all_years, judged in ENTRIES_QUICK if quick else ENTRIES_SIZES:
        outcomes += _entries_table(workdir, size, all_years, judged, repeat, bare)
    return outcomes


def _entries_table(
    workdir: Path, size: Size, all_years: bool, judged: bool, repeat: int, bare: float
) -> list[Outcome]:
    db = create_database(workdir / f"entries-{size.entries}.sqlite3", synthetic_center(size))
    shown = "all" if all_years else "year"
    results = [
        run_child(workdir, "app-entries", str(db), str(size.last_year), shown)[0]
        for _ in range(repeat)
    ]
    assert all(r["rows"] == size.entries for r in results), [r["rows"] for r in results]

    timings = {
        name.removeprefix("ms:"): min(r[name] for r in results)
        for name in results[0]
        if name.startswith("ms:")
    }
    slowest = max(timings, key=timings.__getitem__)
    row_count = min(r["row_count_ms"] for r in results)
    worst = timings[slowest]
    sorts = [v for k, v in timings.items() if k.startswith("sort")]
    filters = [v for k, v in timings.items() if k.startswith("filter")]
    which = f"{size.entries:,}-row entries table" + (
        f" ({size.years} years shown)" if all_years else " (one year)"
    )
    table = Outcome(
        f"sort and filter of a {which}",
        worst,
        row_count,
        "ms",
        "the model's row count alone",
        f"each < {SORT_FILTER_LIMIT_MS} ms",
        worst < SORT_FILTER_LIMIT_MS,
        f"slowest {worst:.0f} ms ({slowest})",
        f"{len(sorts)} sorts (slowest {max(sorts):.0f} ms), {len(filters)} filters "
        f"(slowest {max(filters):.0f} ms), each including the view's update",
        judged,
    )
    peak = min(r["peak_mb"] for r in results)
    extra = peak - bare
    memory = Outcome(
        f"peak memory with the {which} open",
        peak,
        bare,
        "MB",
        "a bare PySide6 main window",
        f"+{MEMORY_LIMIT_MB} MB at most",
        extra <= MEMORY_LIMIT_MB,
        f"+{extra:.0f} MB",
        "peak resident set size, after the sorts and filters above",
        judged,
    )
    return [table, memory]


def bench_import_preview(workdir: Path, quick: bool, repeat: int) -> list[Outcome]:
    """The import wizard's preview of a training CSV, read in the background: how long
    the window is frozen at most while it is read, and the time to the preview shown,
    against the io parser alone reading the same file once (each in a fresh process)."""
    outcomes: list[Outcome] = []
    for number, (size, judged) in enumerate(PREVIEW_QUICK if quick else PREVIEW_SIZES):
        sized = workdir / f"preview-{number}"
        sized.mkdir()
        found = _import_preview(sized, size, repeat)
        outcomes += found if judged else [outcome.as_information() for outcome in found]
    return outcomes


def _import_preview(workdir: Path, size: Size, repeat: int) -> list[Outcome]:
    data = synthetic_center(size)
    training_csv = write_training_csv(workdir / "training.csv", data)
    db = create_database(workdir / "staff-only.sqlite3", staff_only(data))
    previews: list[dict[str, float]] = []
    parses: list[dict[str, float]] = []
    floors: list[float] = []
    for _ in range(repeat):  # interleaved, so a busy moment hits all alike
        parses.append(run_child(workdir, "parse-once", str(training_csv))[0])
        previews.append(run_child(workdir, "app-preview", str(db), str(training_csv))[0])
        seconds = f"{previews[-1]['preview_s']:.3f}"  # as long as the preview took
        floors.append(run_child(workdir, "worker-floor", seconds)[0]["frozen_ms"])
    assert all(p["rows"] == size.entries and p["problems"] == 0 for p in previews), previews
    assert all(p["rows"] == size.entries for p in parses), parses

    parse = min(p["parse_s"] for p in parses)
    preview = min(p["preview_s"] for p in previews)
    frozen = min(p["frozen_ms"] for p in previews)
    worst = max(p["frozen_ms"] for p in previews)
    idle = min(p["idle_ms"] for p in previews)
    floor = min(floors)
    rows = f"{size.entries:,}-row training CSV"
    ratio = preview / parse
    total = Outcome(
        f"import preview of a {rows}: Next to the preview shown",
        preview,
        parse,
        "s",
        "the io parser alone reading and checking the file once",
        f"<= {PREVIEW_LIMIT:g}x",
        ratio <= PREVIEW_LIMIT,
        f"{ratio:.2f}x",
        "read, checked and matched to the staff on record in a worker thread, then "
        f"{size.entries:,} rows handed to the window; closing the wizard then takes "
        f"{min(p['close_ms'] for p in previews):.0f} ms (it lets go of the rows); peak "
        f"memory {min(p['peak_mb'] for p in previews):.0f} MB",
    )
    freeze = Outcome(
        f"import preview of a {rows}: longest freeze of the window",
        frozen,
        floor,
        "ms",
        "the same timer beside a worker thread of plain Python, as long: the least a "
        "worker thread costs a window",
        f"< {FROZEN_LIMIT_MS} ms",
        frozen < FROZEN_LIMIT_MS,
        f"{frozen:.0f} ms, {frozen / floor:.2f}x",
        f"the longest gap between ticks of a {TICK_MS} ms timer from Next until {AFTER_S:g} s "
        f"after the preview was shown (worst run {worst:.0f} ms; the idle window "
        f"{idle:.0f} ms); reading the file on the window's thread, as before, froze it for "
        f"at least the parse, {parse * 1000:.0f} ms; best of {repeat} fresh processes each",
    )
    return [freeze, total]


def bench_edit(workdir: Path, quick: bool, repeat: int) -> list[Outcome]:
    """One edit to the window updated: the window open on the Training page (then the
    Staff page) of the 100,000-entry center, one entry's hours changed through the
    session as the form does it, timed from the command until the window is idle again
    (every page refreshed, the table repainted); against the same edit the old way,
    everything read again and audited, in the same windows, taking turns."""
    size = EDIT_QUICK if quick else EDIT_SIZE
    db = create_database(workdir / "edit.sqlite3", synthetic_center(size))
    byte_compile_ccdesktop()  # the first edit imports the partial re-audit
    outcomes: list[Outcome] = []
    for page in ("training", "staff"):
        results = [
            run_child(
                workdir, "app-edit", str(db), str(size.last_year), page, str(EDITS_PER_WINDOW)
            )[0]
            for _ in range(repeat)
        ]
        best = min(results, key=lambda r: float(r["partial_ms"]))
        figure = float(best["partial_ms"])
        reload = min(float(r["reload_ms"]) for r in results)
        first = min(float(r["first_ms"]) for r in results)
        moved = min(float(r["moved_ms"]) for r in results)
        phases = ", ".join(f"{name} {ms:.1f} ms" for name, ms in best["phases"].items())  # type: ignore[union-attr]
        outcomes.append(
            Outcome(
                f"one edit to the window updated, {size}, {page.title()} page",
                figure,
                reload,
                "ms",
                "the same edit the old way: every record read again and audited, the page "
                "filled anew",
                f"<= {EDIT_LIMIT_MS} ms",
                figure <= EDIT_LIMIT_MS,
                f"{figure:.0f} ms, {figure / reload:.3f}x the old way",
                f"an entry's hours changed (EditEntry through the session), from the "
                f"command to the window idle again; where it goes: {phases}; the first "
                f"edit in a window {first:.0f} ms; an entry moved to another date "
                f"{moved:.0f} ms; best of {repeat} windows x {EDITS_PER_WINDOW} edits "
                f"({best['rows']:,} rows of the year shown)",
            )
        )
    return outcomes
