"""Promise 6: the CSV importers fuzzed with hypothesis. Random bytes, random cells
and a 100,000-row file end in a clean import or a ``CsvImportError`` naming rows,
never another exception and never a partial import."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccdesktop import workflows
from ccdesktop.io.csv_read import CsvImportError
from ccdesktop.io.staff_csv import parse_staff_csv
from ccdesktop.io.training_csv import TRAINING_COLUMNS, parse_training_csv
from ccdesktop.store.database import Database

FUZZ = settings(
    max_examples=150,
    deadline=None,
    database=None,  # nothing written into the repository
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
STAFF = "first_name,last_name,mopd_id\nAna,Lopez,100200\nBen,Ortiz,100300\n"

# cells a spreadsheet or a hand edit produces, plus the CSV-breaking characters
CELL = st.one_of(
    st.sampled_from(
        [
            "",
            "100200",
            "100300",
            "2025-03-04",
            "3/4/2025",
            "2/30/2025",
            "1.5",
            "0",
            "25",
            "9:00",
            "10:30 AM",
            "yes",
            "no",
            "group",
            "online_module",
            "=1+1",
            "'=1",
            "1E+05",
            "45720",
            "Ana",
            "Lopez",
            "O'Brien",
        ]
    ),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30),
    st.text(alphabet=',;"\r\n\t \x00ab', max_size=8),
)


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="ccdesktop-fuzz-") as name:
        yield Path(name)


@pytest.fixture(scope="module")
def center(folder: Path) -> Iterator[Database]:
    staff = folder / "staff.csv"
    staff.write_text(STAFF, encoding="utf-8")
    with Database.open(folder / "c.sqlite3", daily_backup=False) as db:
        workflows.import_staff_file(db, staff)
        yield db


@FUZZ
@given(data=st.binary(max_size=600))
def test_random_bytes_parse_or_refuse(folder: Path, data: bytes) -> None:
    path = folder / "random.csv"
    path.write_bytes(data)
    for parse in (parse_training_csv, parse_staff_csv):
        try:
            parse(path)
        except CsvImportError as error:
            assert error.problems and all(p.row >= 1 for p in error.problems)


def _csv(header: list[str], rows: list[list[str]]) -> str:
    def quote(cell: str) -> str:
        return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ',"\r\n') else cell

    return "\n".join(",".join(quote(c) for c in line) for line in [header, *rows]) + "\n"


@FUZZ
@given(
    columns=st.lists(st.sampled_from(TRAINING_COLUMNS), min_size=1, max_size=8, unique=True),
    cells=st.lists(st.lists(CELL, min_size=0, max_size=9), max_size=6),
    raw=st.booleans(),
)
def test_random_cells_import_all_or_nothing(
    folder: Path, center: Database, columns: list[str], cells: list[list[str]], raw: bool
) -> None:
    header = ["mopd_id", "title", "completed_on", "clock_hours", *columns]
    header = list(dict.fromkeys(header))
    text = (
        "\n".join(",".join(line) for line in [header, *cells])  # unquoted: may break CSV
        if raw
        else _csv(header, cells)
    )
    path = folder / "cells.csv"
    path.write_text(text, encoding="utf-8")
    before = center.load()
    try:
        summary = workflows.import_training_file(center, path)
    except CsvImportError as error:
        assert error.problems
        assert center.load() == before  # nothing half-written
        return
    after = center.load()
    assert len(after.entries) == len(before.entries) + summary.added
    assert set(summary.added_entries) <= set(after.entries)


@pytest.mark.slow
@settings(
    max_examples=1,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    bad_row=st.integers(min_value=2, max_value=100_001),
    bad=st.sampled_from(["2025-02-30", "1E+05", "", "3/4/25x"]),
)
def test_100000_rows_all_or_nothing(tmp_path: Path, bad_row: int, bad: str) -> None:
    """Runs once per suite (max_examples=1): one bad cell anywhere refuses the lot;
    fixed, every row goes in."""
    db_path = tmp_path / f"big-{bad_row}.sqlite3"
    staff = tmp_path / "staff.csv"
    staff.write_text(STAFF, encoding="utf-8")
    lines = ["mopd_id,title,completed_on,clock_hours,start_time,end_time"]
    for n in range(100_000):
        lines.append(
            f"{'100200' if n % 2 else '100300'},Course {n},"
            f"2025-{1 + n % 12:02d}-{1 + n % 28:02d},1.5,09:00,10:30"
        )
    good = list(lines)
    mopd, title, _day, hours, start, end = lines[bad_row - 1].split(",")
    lines[bad_row - 1] = ",".join([mopd, title, bad, hours, start, end])
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Database.open(db_path, daily_backup=False) as db:
        workflows.import_staff_file(db, staff)
        with pytest.raises(CsvImportError) as caught:
            workflows.import_training_file(db, path)
        assert [p.row for p in caught.value.problems] == [bad_row]
        assert db.list_entries() == []
        path.write_text("\n".join(good) + "\n", encoding="utf-8")
        assert workflows.import_training_file(db, path).added == 100_000
        assert len(db.list_entries()) == 100_000
