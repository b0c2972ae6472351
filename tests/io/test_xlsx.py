"""Excel workbooks in and out (issue 14): real date cells, numbers, text IDs with their
leading zeros, the first sheet or one chosen, the same row and column messages as CSV
(naming the sheet and the header), typed exports that import again as they are."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from ccdesktop.domain.audit import audit_year
from ccdesktop.domain.records import Center, CenterData, EntryKind, Format, Staff, TrainingEntry
from ccdesktop.io.csv_read import CsvImportError, RowProblem
from ccdesktop.io.export_csv import write_entries, write_staff, write_standings
from ccdesktop.io.importing import plan_staff_import, plan_training_import
from ccdesktop.io.sources import labelled, parse_staff_file, parse_training_file
from ccdesktop.io.tables import CellKind, Column, write_table
from ccdesktop.io.xlsx_read import read_xlsx_table_with_problems, sheet_names
from ccdesktop.io.xlsx_write import sheet_name


def workbook(path: Path, sheets: dict[str, Sequence[Sequence[object]]]) -> Path:
    """A workbook with one sheet per item, rows from A1 (None: an empty cell)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


STAFF_HEADER = ("first_name", "last_name", "mopd_id", "role", "Hire date", "end_date")


def staff_problems(path: Path, sheet: str | None = None) -> list[str]:
    parsed, problems, labels = parse_staff_file(path, sheet=sheet)
    with pytest.raises(CsvImportError) as caught:
        plan_staff_import([], parsed.rows, earlier=problems, note=parsed.note)
    return [str(p) for p in labelled(caught.value, labels).problems]


def test_cells_become_what_a_csv_file_would_hold(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "staff.xlsx",
        {
            "Staff": [
                STAFF_HEADER,
                ("Ana", "Lopez", "012345", "Lead", date(2024, 3, 18), None),  # text ID
                ("Bo", "Chen", 54321, "Aide", datetime(2023, 9, 1, 8, 30), None),  # number ID
                (None,),  # a blank row keeps its number
                ("Cy", "Diaz", None, "Cook", "3/4/2025", "2025-12-31"),  # typed as text
            ]
        },
    )
    parsed, problems, labels = parse_staff_file(path)
    assert problems == []
    assert labels is not None and labels.sheet == "Staff"
    rows = {row.row: row.staff for row in parsed.rows}
    assert sorted(rows) == [2, 3, 5]
    assert (rows[2].mopd_id, rows[2].hire_date) == ("012345", date(2024, 3, 18))
    # an ID stored as a number is its digits; the date of a date-and-time cell
    assert (rows[3].mopd_id, rows[3].hire_date) == ("54321", date(2023, 9, 1))
    assert (rows[5].hire_date, rows[5].end_date) == (date(2025, 3, 4), date(2025, 12, 31))
    assert parsed.note is None  # one sheet: nothing to say


def test_messages_name_the_sheet_the_row_and_the_header(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "staff.xlsx",
        {
            "Staff": [
                STAFF_HEADER,
                ("Ana", "Lopez", "1", "Lead", "13/1/2024", None),
                ("Bo", None, "2", "Aide", time(9, 30), None),
                ("Cy", "Diaz", 3.5, "Cook", None, None),
                ("Di", "Evans", "4", "Cook", date(2025, 1, 1), date(2024, 1, 1)),
            ]
        },
    )
    assert staff_problems(path) == [
        "sheet Staff, row 2, column Hire date: '13/1/2024' is not a date: there is no month "
        "13 (month comes first: M/D/YYYY)",
        "sheet Staff, row 3, column Hire date: is a time (09:30), not a date",
        "sheet Staff, row 3, column last_name: is required",
        "sheet Staff, row 4, column mopd_id: is the number 3.5, not an ID; format the column "
        "as Text and type the ID again",
        "sheet Staff, row 5, column end_date: 2024-01-01 is before the hire date 2025-01-01",
    ]


def test_errors_and_stray_cells_are_named(tmp_path: Path) -> None:
    path = tmp_path / "staff.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "People"
    sheet.append(list(STAFF_HEADER))
    sheet.append(["Ana", "Lopez", "1", "Lead", None, None, None, "stray"])
    sheet.append(["Bo", "Chen", "2", "Aide", None, None])
    book.save(path)
    # openpyxl writes no calculated values: put an error value in as Excel stores one
    _set_error_cell(path, "E3", "#REF!")
    assert staff_problems(path) == [
        "sheet People, row 2: has a value in column H, which has no header",
        "sheet People, row 3, column Hire date: holds the spreadsheet error #REF! (a "
        "formula that could not be worked out); correct the formula or type the value",
    ]


def _set_error_cell(path: Path, ref: str, error: str) -> None:
    book = openpyxl.load_workbook(path)
    cell = book.active[ref]
    cell.value = error
    cell.data_type = "e"
    book.save(path)


def test_the_first_sheet_or_the_one_named(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "center.xlsx",
        {
            "Staff": [STAFF_HEADER, ("Ana", "Lopez", "1", "", None, None)],
            "Old staff": [STAFF_HEADER, ("Zed", "Young", "9", "", None, None)],
        },
    )
    assert sheet_names(path) == ["Staff", "Old staff"]
    parsed, _, _ = parse_staff_file(path)
    assert [r.staff.first_name for r in parsed.rows] == ["Ana"]
    assert parsed.note == (
        "read the first sheet of center.xlsx, Staff; it also has Old staff (choose another "
        "sheet with --sheet NAME, or in the import wizard)"
    )
    chosen, _, labels = parse_staff_file(path, sheet="old STAFF")  # any case
    assert [r.staff.first_name for r in chosen.rows] == ["Zed"]
    assert labels is not None and labels.sheet == "Old staff" and chosen.note is None
    with pytest.raises(CsvImportError) as caught:
        parse_staff_file(path, sheet="Training")
    assert [str(p) for p in caught.value.problems] == [
        "row 1: center.xlsx has no sheet named 'Training' (its sheets: Staff, Old staff)"
    ]


def test_bad_header_empty_sheet_and_files_that_are_not_workbooks(tmp_path: Path) -> None:
    path = workbook(tmp_path / "s.xlsx", {"Staff": [("first_name", "Surname", "first_name")]})
    with pytest.raises(CsvImportError) as caught:
        parse_staff_file(path)
    assert [str(p) for p in caught.value.problems] == [
        "sheet Staff, row 1, column Surname: is not a column we know (the columns are "
        "first_name, last_name, mopd_id, role, hire_date, end_date, requires_clock_hours)",
        "sheet Staff, row 1, column first_name: appears twice in the header (columns 1 and 3)",
        "sheet Staff, row 1, column last_name: is required but missing from the header",
    ]
    empty = workbook(tmp_path / "e.xlsx", {"Blank": []})
    with pytest.raises(CsvImportError, match="sheet Blank of e.xlsx is empty"):
        parse_staff_file(empty)
    fake = tmp_path / "fake.xlsx"
    fake.write_text("first_name,last_name\n", encoding="utf-8")
    with pytest.raises(CsvImportError, match="fake.xlsx is not an Excel workbook"):
        parse_staff_file(fake)
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(CsvImportError, match=r"Excel 97-2003 workbook \(.xls\)"):
        parse_staff_file(old)
    with pytest.raises(FileNotFoundError):
        parse_staff_file(tmp_path / "missing.xlsx")
    csv_file = tmp_path / "staff.csv"
    csv_file.write_text("first_name,last_name\nAna,Lopez\n", encoding="utf-8")
    with pytest.raises(CsvImportError, match="staff.csv is a CSV file, which has no sheets"):
        parse_staff_file(csv_file, sheet="Staff")


def test_a_file_that_says_its_used_range_wrong_is_read_in_full(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "s.xlsx",
        {"Staff": [STAFF_HEADER, ("Ana", "Lopez", "1", "", None, None)] * 1},
    )
    book = openpyxl.load_workbook(path)
    book.active.append(["Bo", "Chen", "2", "", None, None])
    book.save(path)
    _shrink_dimension(path)
    parsed, problems, _ = parse_staff_file(path)
    assert problems == [] and [r.staff.first_name for r in parsed.rows] == ["Ana", "Bo"]


def _shrink_dimension(path: Path) -> None:
    """Rewrite the sheet's <dimension> as A1:A1, as some programs write it."""
    import re
    import zipfile

    data = {}
    with zipfile.ZipFile(path) as old:
        for item in old.infolist():
            data[item.filename] = old.read(item.filename)
    sheet = "xl/worksheets/sheet1.xml"
    data[sheet] = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:A1"', data[sheet])
    with zipfile.ZipFile(path, "w") as new:
        for name, content in data.items():
            new.writestr(name, content)


def test_training_cells(tmp_path: Path) -> None:
    header = (
        "MOPD ID", "title", "completed_on", "Clock hours", "start_time", "end_time", "format",
        "in_ratio", "kind", "expires_on", "as_trainer",
    )  # fmt: skip
    path = workbook(
        tmp_path / "t.xlsx",
        {
            "Training": [
                header,
                ("0123", "Safe Sleep", date(2025, 3, 4), 1.5, time(9), time(10, 30),
                 "online module", False, None, None, True),
                ("0123", "CPR card", date(2025, 3, 5), None, None, None, None, None,
                 "credential", date(2027, 3, 31), None),
                ("0123", "Late", datetime(2025, 4, 1), 0.25, datetime(2025, 4, 1, 13, 0),
                 datetime(2025, 4, 1, 13, 15), None, None, None, None, None),
            ]
        },
    )  # fmt: skip
    parsed, problems, _ = parse_training_file(path)
    assert problems == []
    first, card, late = (row.entry for row in parsed.rows)
    assert parsed.rows[0].mopd_id == "0123"
    assert (first.clock_hours, first.start_time, first.end_time) == (150, time(9), time(10, 30))
    assert (first.format, first.in_ratio, first.as_trainer) == (Format.ONLINE_MODULE, False, True)
    assert (card.kind, card.clock_hours, card.expires_on) == (
        EntryKind.CREDENTIAL,
        0,
        date(2027, 3, 31),
    )
    assert (late.clock_hours, late.start_time, late.end_time) == (25, time(13), time(13, 15))


def test_numbers_are_read_as_excel_shows_them(tmp_path: Path) -> None:
    header = ("mopd_id", "title", "completed_on", "clock_hours")
    path = workbook(
        tmp_path / "t.xlsx",
        {
            "T": [
                header,
                ("1", "A", date(2025, 3, 4), 0.25),
                ("1", "B", date(2025, 3, 4), 1.125),  # three decimals: refused
                ("1", "C", date(2025, 3, 4), 12),
            ]
        },
    )
    # a formula's result as Excel stores it: 17 digits, shown (and read) as 0.3
    _replace_in_sheet(path, b"<v>0.25</v>", b"<v>0.30000000000000004</v>")
    parsed, problems, labels = parse_training_file(path)
    assert [str(p) for p in labels.relabel(problems)] == [  # type: ignore[union-attr]
        "sheet T, row 3, column clock_hours: '1.125' has more than 2 decimals"
    ]
    assert [r.entry.clock_hours for r in parsed.rows] == [30, 1200]


def _replace_in_sheet(path: Path, old: bytes, new: bytes) -> None:
    import zipfile

    with zipfile.ZipFile(path) as book:
        data = {item.filename: book.read(item.filename) for item in book.infolist()}
    sheet = "xl/worksheets/sheet1.xml"
    assert old in data[sheet]
    data[sheet] = data[sheet].replace(old, new)
    with zipfile.ZipFile(path, "w") as book:
        for name, content in data.items():
            book.writestr(name, content)


# --- writing --------------------------------------------------------------------------

STAFF = (
    Staff("Ana", "Lopez", "012345", "=Lead", hire_date=date(2024, 3, 18), id=1),
    Staff("Bo", "Chen", None, "Cook", requires_clock_hours=False, id=2),
)
ENTRIES = (
    TrainingEntry(1, "=HYPERLINK(\"x\")", date(2025, 3, 4), 10, course_id="007",
                  start_time=time(9), end_time=time(9, 30), id=1),
    TrainingEntry(1, "CDA renewal", date(2025, 5, 1), 0, kind=EntryKind.CREDENTIAL,
                  expires_on=date(2028, 5, 1), id=2),
    TrainingEntry(1, "Led it", date(2025, 6, 1), 150, as_trainer=True, id=3),
)  # fmt: skip


def read_back(path: Path) -> tuple[list[list[object]], object]:
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    return rows, sheet


def test_entries_workbook_has_typed_cells_and_a_frozen_header(tmp_path: Path) -> None:
    path = tmp_path / "training.xlsx"
    result = audit_year(CenterData(Center(), STAFF, ENTRIES), 2025)
    write_entries(result, path)
    rows, sheet = read_back(path)
    assert sheet.title == "Training 2025"  # type: ignore[attr-defined]
    assert sheet.freeze_panes == "A2"  # type: ignore[attr-defined]
    assert sheet.column_dimensions["D"].width == 40  # type: ignore[attr-defined]
    header = rows[0]
    assert header[:6] == ["mopd_id", "first_name", "last_name", "title", "completed_on",
                          "clock_hours"]  # fmt: skip
    first = dict(zip(header, rows[1], strict=True))
    assert first["mopd_id"] == "012345"  # text: leading zero kept
    assert first["title"] == '=HYPERLINK("x")'  # shown as typed, never run
    assert first["completed_on"] == datetime(2025, 3, 4)
    assert first["clock_hours"] == 0.1 and first["start_time"] == time(9)
    assert first["course_id"] == "007"
    assert (first["in_ratio"], first["credited"]) == (False, True)
    cells = {c.column_letter: c for c in sheet[2]}  # type: ignore[index]
    assert cells["E"].number_format == "m/d/yyyy"
    assert cells["F"].number_format == "0.00"
    assert cells["D"].data_type == "s"
    card = dict(zip(header, rows[2], strict=True))
    assert (card["kind"], card["expires_on"], card["clock_hours"]) == (
        "credential",
        datetime(2028, 5, 1),
        0,
    )
    assert dict(zip(header, rows[3], strict=True))["reasons"] == "TRAINER_OWN_SESSION"


def test_workbook_exports_import_again_as_the_same_records(tmp_path: Path) -> None:
    staff_path, entries_path = tmp_path / "staff.xlsx", tmp_path / "training.xlsx"
    write_staff(STAFF, staff_path)
    write_entries(audit_year(CenterData(Center(), STAFF, ENTRIES), 2025), entries_path)
    parsed_staff, problems, _ = parse_staff_file(staff_path)
    assert problems == []
    assert sorted(plan_staff_import([], parsed_staff.rows).to_add, key=lambda s: s.last_name) == [
        STAFF[1].replace(id=None),
        STAFF[0].replace(id=None),
    ]
    parsed, problems, _ = parse_training_file(entries_path)
    assert problems == []
    fresh = plan_training_import(STAFF, [], parsed.rows)
    assert fresh.to_add == [e.replace(id=None) for e in ENTRIES]
    again = plan_training_import(STAFF, ENTRIES, parsed.rows)
    assert (again.to_add, again.already_present) == ([], 3)


def test_standings_export(tmp_path: Path) -> None:
    result = audit_year(CenterData(Center(), STAFF, ENTRIES), 2025)
    csv_path, xlsx_path = tmp_path / "standings.csv", tmp_path / "standings.xlsx"
    write_standings(result, csv_path)
    write_standings(result, xlsx_path)
    text = csv_path.read_text(encoding="utf-8-sig").splitlines()
    assert text[0] == (
        "last_name,first_name,mopd_id,role,status,required,earned,applied_to_prior,counted,"
        "prior_deficit_remaining,hours_needed,denied_entries,warnings"
    )
    assert text[1].startswith("Chen,Bo,,Cook,exempt: no clock hours required (Cook),0,0,")
    assert text[1].endswith(",0,No MOPD ID") is False  # a cook needs no MOPD ID
    lopez = text[2].split(",")
    assert lopez[:5] == ["Lopez", "Ana", "012345", "'=Lead", "met: CDA renewal counts as the "
                         "year's requirement"]  # fmt: skip
    rows, _ = read_back(xlsx_path)
    assert rows[2][5] == 12 and rows[2][11] == 1  # required hours, denied entries


def test_generic_table_writer_for_other_exports(tmp_path: Path) -> None:
    columns = (
        Column("name"),
        Column("due_on", CellKind.DATE),
        Column("hours_needed", CellKind.HOURS),
        Column("overdue", CellKind.BOOL),
        Column("count", CellKind.INTEGER),
        Column("at", CellKind.TIME),
    )
    rows = [("Ana Lopez", date(2025, 12, 31), 350, True, 2, time(14, 5)), ("Bo", None, 0, False,
            None, None)]  # fmt: skip
    write_table(tmp_path / "plan.xlsx", columns, rows, sheet_title="Plan: 2025/26?")
    write_table(tmp_path / "plan.csv", columns, rows)
    read, sheet = read_back(tmp_path / "plan.xlsx")
    assert sheet.title == "Plan 2025 26"  # type: ignore[attr-defined]
    assert read[1] == ["Ana Lopez", datetime(2025, 12, 31), 3.5, True, 2, time(14, 5)]
    assert read[2] == ["Bo", None, 0, False, None, None]
    assert (tmp_path / "plan.csv").read_text(encoding="utf-8-sig").splitlines() == [
        "name,due_on,hours_needed,overdue,count,at",
        "Ana Lopez,2025-12-31,3.5,yes,2,14:05",
        "Bo,,0,no,,",
    ]
    with pytest.raises(ValueError, match="row 2 has 1 values for 6 columns"):
        write_table(tmp_path / "bad.xlsx", columns, [("only one",)])
    assert sorted(os.listdir(tmp_path)) == ["plan.csv", "plan.xlsx"]


def test_text_an_excel_cell_cannot_hold(tmp_path: Path) -> None:
    columns = (Column("notes"),)
    write_table(tmp_path / "ok.xlsx", columns, [("bell\x07 and tab\tkept",)])
    assert read_back(tmp_path / "ok.xlsx")[0][1] == ["bell  and tab\tkept"]
    with pytest.raises(ValueError, match=r"row 2, column notes: the text is 40,000 characters"):
        write_table(tmp_path / "long.xlsx", columns, [("x" * 40_000,)])
    assert not (tmp_path / "long.xlsx").exists()
    assert sorted(os.listdir(tmp_path)) == ["ok.xlsx"]


def test_a_failed_workbook_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "staff.xlsx"
    path.write_bytes(b"old contents")

    def refuse(src: str, dst: str) -> None:
        raise PermissionError(13, "The file is open in Excel", dst)

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(PermissionError):
        write_staff(STAFF, path)
    assert path.read_bytes() == b"old contents"
    assert os.listdir(tmp_path) == ["staff.xlsx"]


def test_sheet_names_excel_accepts() -> None:
    assert sheet_name("Training 2025") == "Training 2025"
    assert sheet_name("a" * 40) == "a" * 31
    assert sheet_name("[]:*?/\\") == "Sheet1"


def test_row_problem_wording() -> None:
    assert str(RowProblem(7, "Hire date", "bad", sheet="Staff")) == (
        "sheet Staff, row 7, column Hire date: bad"
    )
    assert str(RowProblem(7, None, "bad", sheet="Staff")) == "sheet Staff, row 7: bad"
    assert str(RowProblem(7, "hire_date", "bad")) == "row 7, column hire_date: bad"


def test_a_big_sheet_reads_every_row(tmp_path: Path) -> None:
    rows: list[Sequence[object]] = [("mopd_id", "title", "completed_on", "clock_hours")]
    rows += [(str(n), f"T{n}", date(2025, 1, 1 + n % 28), Decimal("1.5")) for n in range(3000)]
    table, problems, _ = read_xlsx_table_with_problems(workbook(tmp_path / "b.xlsx", {"T": rows}))
    assert problems == [] and len(table.rows) == 3000
    last = {"mopd_id": "2999", "title": "T2999", "completed_on": "2025-01-04", "clock_hours": "1.5"}
    assert table.rows[-1] == (3001, last)


def test_a_workbook_read_once_for_the_wizard(tmp_path: Path) -> None:
    """workflows.read_*_file of a sheet: bad cells kept for marking by our column names,
    described by sheet and header; a bad header shows the rows and imports nothing."""
    from ccdesktop import workflows

    path = workbook(
        tmp_path / "t.xlsx",
        {"T": [("MOPD ID", "title", "completed_on", "clock_hours"), ("1", "A", "3/32/2025", 1)]},
    )
    read = workflows.read_training_file(path)
    assert read.parsed is not None and read.parsed.rows == []
    assert [str(p) for p in read.problems] == [
        "row 2, column completed_on: '3/32/2025' is not a date: March 2025 has 31 days"
    ]
    assert [str(p) for p in read.described_problems()] == [
        "sheet T, row 2, column completed_on: '3/32/2025' is not a date: March 2025 has 31 days"
    ]
    assert not read.changed_on_disk()
    bad = workbook(tmp_path / "b.xlsx", {"T": [("who", "title"), ("1", "A")]})
    header_wrong = workflows.read_training_file(bad)
    assert header_wrong.parsed is None
    assert header_wrong.table.rows == [(2, {"who": "1", "title": "A"})]
    with pytest.raises(CsvImportError) as caught:
        header_wrong.importable()
    assert str(caught.value.problems[0]).startswith("sheet T, row 1, column who: is not a column")
