"""The records start year from the command line (issue 12, point 1): set by the first
training import, changed with ``center --records-start``, used by ``audit``."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import Cli, write_csv

STAFF = """
    first_name,last_name,mopd_id,hire_date
    Vera,Veteran,100100,8/1/2010
    Ben,Newer,100200,3/1/2026
"""


def training(tmp_path: Path, name: str, *dates: str) -> Path:
    rows = "\n".join(f"100100,Course on {d},{d},2" for d in dates)
    return write_csv(tmp_path / name, f"mopd_id,title,completed_on,clock_hours\n{rows}\n")


def needed(cli: Cli, year: int) -> dict[str, float]:
    result = cli("audit", "--year", str(year), "--json")
    assert result.code == 0, result.err
    return {s["first_name"]: s["hours_needed"] for s in json.loads(result.out)["staff"]}


def test_first_training_import_sets_the_records_start_and_says_so(cli: Cli, tmp_path: Path) -> None:
    assert cli("import-staff", str(write_csv(tmp_path / "staff.csv", STAFF))).code == 0
    first = cli("import-training", str(training(tmp_path, "t.csv", "2025-05-01", "2026-03-01")))
    assert first.code == 0, first.err
    assert "note: records are kept from 2025" in first.err
    assert "Records kept from: 2025" in cli("center").out
    # the veteran owes 2025 and 2026, not every year since 2010
    assert needed(cli, 2026) == {"Vera": 24 - 4, "Ben": 10}
    assert "Records kept from 2025." in cli("audit", "--year", "2026").out


def test_an_import_of_older_entries_keeps_the_start_and_says_so(cli: Cli, tmp_path: Path) -> None:
    cli("import-staff", str(write_csv(tmp_path / "staff.csv", STAFF)))
    cli("import-training", str(training(tmp_path, "t.csv", "2026-03-01")))
    older = cli("import-training", str(training(tmp_path, "old.csv", "2024-02-01", "2024-03-01")))
    assert older.code == 0
    assert "2 of the entries added are from before 2026" in older.err
    assert "Records kept from: 2026" in cli("center").out


def test_center_records_start_sets_and_clears_it(cli: Cli, tmp_path: Path) -> None:
    cli("import-staff", str(write_csv(tmp_path / "staff.csv", STAFF)))
    cli("import-training", str(training(tmp_path, "t.csv", "2026-03-01")))
    assert needed(cli, 2026)["Vera"] == 10
    set_it = cli("center", "--records-start", "2024")
    assert set_it.code == 0 and "Records kept from: 2024" in set_it.out
    assert needed(cli, 2026)["Vera"] == 12 + 12 + 12 - 2
    cleared = cli("center", "--records-start", "auto")
    assert "Records kept from: auto (the earliest entry)" in cleared.out
    assert needed(cli, 2026)["Vera"] == 10


def test_a_bad_records_start_is_refused_in_one_line(cli: Cli) -> None:
    for value in ("20x4", "1850"):
        result = cli("center", "--records-start", value)
        assert result.code == 2
        assert len(result.err.strip().splitlines()) == 1
        assert "--records-start" in result.err


def test_center_sets_the_settings_of_the_required_trainings(cli: Cli) -> None:
    result = cli(
        "center", "--licensed-for-infants", "yes", "--due-soon-days", "45",
        "--next-inspection", "2/15/2027",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "Licensed for infants: yes" in result.out
    assert "Due soon:          45 days" in result.out
    assert "Next inspection:   2/15/2027" in result.out
    cleared = cli("center", "--next-inspection", "none")
    assert "Next inspection:   (not set)" in cleared.out
    for option, value in (("--due-soon-days", "400"), ("--licensed-for-infants", "maybe")):
        refused = cli("center", option, value)
        assert refused.code == 2 and option in refused.err
