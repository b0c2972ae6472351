"""``import-staff`` and ``import-training`` of Excel workbooks, ``--sheet NAME``."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import openpyxl

from .conftest import Cli, dump


def book(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


STAFF = [
    ["first_name", "last_name", "MOPD ID", "Hire date"],
    ["Ana", "Lopez", "012345", date(2024, 3, 18)],
    ["Bo", "Chen", "223344", date(2025, 1, 6)],
]
TRAINING = [
    ["mopd_id", "title", "completed_on", "clock_hours", "start_time", "end_time"],
    ["012345", "Safe Sleep", date(2025, 3, 4), 1.5, time(9), time(10, 30)],
    ["223344", "CPR", date(2025, 3, 5), 4, time(8), time(12)],
]


def test_import_a_workbook_sheet_by_sheet(cli: Cli, tmp_path: Path) -> None:
    path = book(tmp_path / "center.xlsx", {"Staff": STAFF, "Training": TRAINING})
    staff = cli("import-staff", str(path))
    assert staff.code == 0, staff.err
    assert staff.out == f"Imported staff from {path}: 2 added, 0 updated, 0 unchanged.\n"
    assert "note: read the first sheet of center.xlsx, Staff; it also has Training" in staff.err
    training = cli("import-training", str(path), "--sheet", "Training")
    assert training.code == 0, training.err
    assert training.out.startswith(f"Imported training from {path}: 2 added, 0 already present")
    again = cli("import-training", str(path), "--sheet", "Training")
    assert "0 added, 2 already present" in again.out
    audit = cli("audit", "--year", "2025", "--json")
    assert '"mopd_id": "012345"' in audit.out  # the leading zero kept


def test_bad_cells_are_named_by_sheet_row_and_header_and_nothing_is_imported(
    cli: Cli, tmp_path: Path
) -> None:
    assert cli("import-staff", str(book(tmp_path / "s.xlsx", {"Staff": STAFF}))).code == 0
    before = dump(cli.db)
    rows = [
        ["MOPD ID", "title", "completed_on", "clock hours"],
        ["012345", "Safe Sleep", date(2025, 3, 4), 1.5],
        ["12345", "CPR", "3/32/2025", 30],
        ["999", "Other", date(2025, 3, 6), 1],
    ]
    result = cli("import-training", str(book(tmp_path / "t.xlsx", {"Hours": rows})))
    assert result.code == 2
    assert result.err.splitlines() == [
        "sheet Hours, row 3, column completed_on: '3/32/2025' is not a date: March 2025 has 31 "
        "days",
        "sheet Hours, row 3, column clock hours: '30' is more than 24 hours",
        "sheet Hours, row 4, column MOPD ID: no staff member has MOPD ID '999' (import the "
        "staff file first)",
        "nothing was imported",
    ]
    assert dump(cli.db) == before


def test_a_sheet_that_is_not_there(cli: Cli, tmp_path: Path) -> None:
    result = cli("import-staff", str(book(tmp_path / "s.xlsx", {"Staff": STAFF})), "--sheet", "X")
    assert result.code == 2
    assert result.err.splitlines() == [
        "row 1: s.xlsx has no sheet named 'X' (its sheets: Staff)",
        "nothing was imported",
    ]
