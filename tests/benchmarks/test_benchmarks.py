"""The benchmarks under pytest: ``pytest tests/benchmarks -m benchmark -s``.

Quick sizes unless CCDESKTOP_BENCH_FULL=1. Nothing here asserts a time (CI machines
are too noisy for that); each test checks the benchmark ran and measured something,
and ``-s`` shows the figures, baselines, ratios and targets.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .__main__ import BENCHMARKS
from .harness import Outcome, format_outcome

pytestmark = pytest.mark.benchmark


@pytest.mark.parametrize("name", list(BENCHMARKS))
def test_benchmark(name: str, tmp_path: Path) -> None:
    full = os.environ.get("CCDESKTOP_BENCH_FULL") == "1"
    result = BENCHMARKS[name](tmp_path, not full, 3 if full else 1)
    outcomes: list[Outcome] = result if isinstance(result, list) else [result]
    for outcome in outcomes:
        print("\n" + format_outcome(outcome))
        assert outcome.figure > 0 and outcome.baseline > 0
