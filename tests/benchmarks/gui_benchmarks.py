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
from .synthetic import Size, create_database, synthetic_center

ENTRIES_SIZE = Size(staff=5000, years=1, entries_per_year=20)  # 100,000 in one year
ENTRIES_QUICK = Size(staff=250, years=1, entries_per_year=20)  # 5,000
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
    figure, baseline = min(app), min(bare)
    ratio = figure / baseline
    same_widgets = min(widgets)
    return Outcome(
        "window start-up to first paint, sample center",
        figure,
        baseline,
        "s",
        "a bare PySide6 main window, same interpreter and imports",
        "<= 1.5x",
        ratio <= 1.5,
        f"{ratio:.2f}x",
        f"the dashboard's figures painted at {min(figures):.3f} s "
        f"({min(figures) / baseline:.2f}x); a window of the same kinds of widgets "
        f"without ccdesktop's code (gui_child widgets-start) paints at {same_widgets:.3f} s "
        f"({same_widgets / baseline:.2f}x), so ccdesktop's own code adds "
        f"{(figure - same_widgets) * 1000:.0f} ms; best of {repeat} fresh processes each; "
        "ccdesktop byte-compiled first, as installed",
    )


def bench_entries_table(workdir: Path, quick: bool, repeat: int) -> list[Outcome]:
    """Sort by every column both ways and filter the Training page's table; then the
    peak memory of that window against a bare one."""
    size = ENTRIES_QUICK if quick else ENTRIES_SIZE
    db = create_database(workdir / "entries.sqlite3", synthetic_center(size))
    results = [
        run_child(workdir, "app-entries", str(db), str(size.last_year))[0] for _ in range(repeat)
    ]
    bare = min(run_child(workdir, "bare-memory")[0]["peak_mb"] for _ in range(repeat))
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
    table = Outcome(
        f"sort and filter of a {size.entries:,}-row entries table",
        worst,
        row_count,
        "ms",
        "the model's row count alone",
        f"each < {SORT_FILTER_LIMIT_MS} ms",
        worst < SORT_FILTER_LIMIT_MS,
        f"slowest {worst:.0f} ms ({slowest})",
        f"{len(sorts)} sorts (slowest {max(sorts):.0f} ms), {len(filters)} filters "
        f"(slowest {max(filters):.0f} ms), each including the view's update",
    )
    peak = min(r["peak_mb"] for r in results)
    extra = peak - bare
    memory = Outcome(
        f"peak memory with {size.entries:,} entries open",
        peak,
        bare,
        "MB",
        "a bare PySide6 main window",
        f"+{MEMORY_LIMIT_MB} MB at most",
        extra <= MEMORY_LIMIT_MB,
        f"+{extra:.0f} MB",
        "peak resident set size, after the sorts and filters above",
    )
    return [table, memory]
