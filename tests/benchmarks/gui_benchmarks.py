"""The window's benchmarks: start-up, the 100,000-row entries table, memory.

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

from .harness import Outcome, ensure_dir
from .synthetic import REAL_CENTER, Size, create_database, synthetic_center

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
REPO_ROOT = Path(__file__).resolve().parents[2]


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
