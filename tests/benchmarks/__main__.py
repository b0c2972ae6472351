"""Run the benchmarks: ``python -m tests.benchmarks [--quick] [--only NAME ...]``.

From the repository root, in the project's environment. Prints, for each benchmark,
its figure, the baseline measured in the same run, their ratio and the target. The
targets are judged at a large real center (``synthetic.REAL_CENTER``: 150 staff x 10
years, 19,500 entries); the 100,000-entry runs are printed as information, not
judged. The exit status is 1 if a benchmark could not run; a missed target only
fails with ``--strict`` (timings on a shared CI machine are too noisy to gate on).

``--quick`` runs small versions of every benchmark (seconds, for CI, so none rots);
the numbers in README come from a full run.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from .data_benchmarks import bench_audit, bench_import, bench_report
from .gui_benchmarks import (
    bench_edit,
    bench_entries_table,
    bench_import_preview,
    bench_startup,
)
from .harness import Outcome, format_outcome, machine_description
from .print_benchmarks import bench_print

Benchmark = Callable[[Path, bool, int], "Outcome | list[Outcome]"]

BENCHMARKS: dict[str, Benchmark] = {
    "audit": bench_audit,
    "import": bench_import,
    "startup": bench_startup,
    "report": bench_report,
    "entries-table": bench_entries_table,  # sort/filter and peak memory
    "print": bench_print,  # the window frozen while printing the report
    "import-preview": bench_import_preview,  # window frozen while a file is read
    "edit": bench_edit,  # one edit to the window updated (issue 15)
}


def run(
    names: list[str], quick: bool, repeat: int, out=sys.stdout
) -> tuple[list[Outcome], list[str]]:  # noqa: ANN001
    """Run the named benchmarks; (outcomes, names of those that raised)."""
    outcomes: list[Outcome] = []
    errors: list[str] = []
    with tempfile.TemporaryDirectory(prefix="ccdesktop-bench-") as temp:
        for name in names:
            workdir = Path(temp) / name
            workdir.mkdir()
            started = time.perf_counter()
            try:
                result = BENCHMARKS[name](workdir, quick, repeat)
            except Exception:  # noqa: BLE001 - report it and run the others
                errors.append(name)
                print(f"{name}: could not run\n{traceback.format_exc()}", file=out, flush=True)
                continue
            for outcome in result if isinstance(result, list) else [result]:
                outcomes.append(outcome)
                print(format_outcome(outcome), file=out, flush=True)
            print(
                f"    ({name} took {time.perf_counter() - started:.1f} s in all)\n",
                file=out,
                flush=True,
            )
    return outcomes, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--quick", action="store_true", help="small sizes, one run each")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=sorted(BENCHMARKS),
        metavar="NAME",
        help=f"run only these: {', '.join(BENCHMARKS)}",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=None,
        help="runs of each measurement, best kept (default 3, quick 1)",
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    repeat = args.repeat or (1 if args.quick else 3)
    names = args.only or list(BENCHMARKS)

    print(f"ccdesktop benchmarks ({'quick' if args.quick else 'full'}, best of {repeat})")
    if args.quick:
        print(
            "quick: small sizes, one run each, to show every benchmark still runs; the "
            "targets are for the full sizes (fixed costs weigh more here)"
        )
    print(f"machine: {machine_description()}\n", flush=True)
    outcomes, errors = run(names, args.quick, repeat)
    judged = [o for o in outcomes if o.judged]
    missed = [o.name for o in judged if not o.met]
    print(
        f"{len(judged)} judged: {len(judged) - len(missed)} met, {len(missed)} missed; "
        f"{len(outcomes) - len(judged)} for information"
        + (f"; could not run: {', '.join(errors)}" if errors else "")
    )
    if errors or (args.strict and missed):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
