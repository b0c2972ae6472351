"""Printing the report: how long the window is frozen, against the old way."""

from __future__ import annotations

from pathlib import Path

from .gui_benchmarks import byte_compile_ccdesktop, run_child, sample_database
from .harness import Outcome

#: the sample center's 2025 report: 9 pages, one per person employed in 2025 (it was
#: the 10 pages the director printed before the report left out those gone by then)
PRINT_YEAR = 2025
PRINT_PAGES = 9
PRINT_QUICK_PAGES = 2
FROZEN_LIMIT_S = 2.0


def bench_print(workdir: Path, quick: bool, repeat: int) -> Outcome:
    """Print (300 dpi, worker thread, progress) of the Reports page's report to a PDF
    file printer, against the old way (1200 dpi on the GUI thread) in the same window:
    the longest the GUI thread could not run a 10 ms timer's Python slot."""
    db = sample_database(workdir)
    byte_compile_ccdesktop()
    last = PRINT_QUICK_PAGES if quick else PRINT_PAGES
    result, _ = run_child(workdir, "app-print", str(db), str(PRINT_YEAR), str(last), str(repeat))
    pages = int(result["pages"])
    assert pages == last, result
    figure, baseline = result["new_frozen"], result["old_frozen"]
    return Outcome(
        f"window frozen while printing a {pages}-page report",
        figure,
        baseline,
        "s",
        "the old way: every page at the printer's 1200 dpi on the GUI thread",
        f"frozen < {FROZEN_LIMIT_S:g} s for {PRINT_PAGES} pages",
        figure < FROZEN_LIMIT_S,
        f"{figure / baseline:.3f}x",
        f"printing took {result['new_total']:.2f} s in all (old way {result['old_total']:.1f} s;"
        f" rendering the pages alone at 300 dpi {result['render_300']:.2f} s); spooled "
        f"{result['new_bytes'] / 1e6:.1f} MB (old way {result['old_bytes'] / 1e6:.1f} MB) "
        f"to a PDF file printer; pages 1-{pages} of the sample center's "
        f"{int(result['report_pages'])}-page {PRINT_YEAR} report; best of {repeat} "
        f"prints (the worst froze it {result['new_frozen_worst']:.3f} s), the old way once",
    )
