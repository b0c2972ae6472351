"""Timing and reporting shared by the benchmarks.

Every benchmark measures its figure and its baseline in the same run, on the same
machine, so the ratio means something on any computer; absolute times do not.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import platform
import sqlite3
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Outcome:
    """One benchmark's result line."""

    name: str
    figure: float
    baseline: float
    unit: str  # "s", "ms" or "MB"
    baseline_name: str
    #: the target in words, e.g. "<= 2x" or "< 100 ms" or "+150 MB at most"
    target: str
    met: bool
    #: how figure and baseline compare, as the target states it ("3.1x", "+112 MB")
    comparison: str
    note: str = ""
    #: False for a run shown for information (the 100,000-entry sizes): printed with
    #: its ratio, not judged against the target
    judged: bool = True

    def as_information(self) -> Outcome:
        return dataclasses.replace(self, judged=False)


def ratio_outcome(
    name: str,
    figure: float,
    baseline: float,
    baseline_name: str,
    limit: float,
    note: str = "",
    *,
    judged: bool = True,
) -> Outcome:
    """A figure that must be at most ``limit`` times its baseline."""
    ratio = figure / baseline if baseline > 0 else float("inf")
    return Outcome(
        name,
        figure,
        baseline,
        "s",
        baseline_name,
        f"<= {limit:g}x",
        ratio <= limit,
        f"{ratio:.2f}x",
        note,
        judged,
    )


def best_of(
    repeat: int, action: Callable[[], object], setup: Callable[[], object] | None = None
) -> float:
    """The fastest of ``repeat`` runs of ``action`` in seconds (the least disturbed by
    the rest of the machine); ``setup`` runs untimed before each."""
    best = float("inf")
    for _ in range(repeat):
        if setup is not None:
            setup()
        gc.collect()
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best


Measure = tuple[Callable[[], object], "Callable[[], object] | None"]


def best_of_each(repeat: int, *measures: Measure) -> list[float]:
    """The fastest of ``repeat`` runs of each (action, setup) in seconds, the actions
    taking turns (a, b, a, b ...), so that a busy moment on a shared machine slows a
    figure and its baseline alike instead of one of them."""
    best = [float("inf")] * len(measures)
    for _ in range(repeat):
        for number, (action, setup) in enumerate(measures):
            best[number] = min(best[number], best_of(1, action, setup))
    return best


def machine_description() -> str:
    """The machine the numbers came from, for README's Performance section."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB RAM"
    except (ValueError, OSError, AttributeError):
        pass
    from PySide6 import __version__ as pyside_version
    from reportlab import Version as reportlab_version

    return (
        f"{cpu}, {os.cpu_count()} logical CPUs{memory}; {platform.system()} "
        f"{platform.release()}; Python {sys.version.split()[0]}, SQLite "
        f"{sqlite3.sqlite_version}, PySide6 {pyside_version}, reportlab {reportlab_version}"
    )


def format_outcome(outcome: Outcome) -> str:
    def amount(value: float) -> str:
        if outcome.unit == "s":
            return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"
        if outcome.unit == "ms":
            return f"{value:.3f} ms" if value < 1 else f"{value:.1f} ms"
        return f"{value:.0f} {outcome.unit}"

    if not outcome.judged:
        verdict = "information (not judged)"
    else:
        verdict = "met" if outcome.met else "MISSED"
    lines = [
        f"{outcome.name}" + ("" if outcome.judged else "  [information]"),
        f"    figure   {amount(outcome.figure)}",
        f"    baseline {amount(outcome.baseline)}  ({outcome.baseline_name})",
        f"    ratio    {outcome.comparison}   target {outcome.target}   {verdict}",
    ]
    if outcome.note:
        lines.append(f"    note     {outcome.note}")
    return "\n".join(lines)


def ensure_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path
