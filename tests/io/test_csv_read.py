"""Reading CSV files as directors' spreadsheets save them, and reporting what is wrong
by spreadsheet row and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccdesktop.io.csv_read import (
    FIELD_SIZE_LIMIT,
    ColumnSpec,
    CsvImportError,
    RowProblem,
    read_csv_table,
)

SPEC = ColumnSpec(known=("first_name", "last_name", "role"), required=("first_name", "last_name"))


def write(tmp_path: Path, data: bytes | str, name: str = "staff.csv") -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_bytes(data.encode("utf-8"))
    else:
        path.write_bytes(data)
    return path


def problems_of(path: Path, **kwargs: object) -> list[str]:
    with pytest.raises(CsvImportError) as caught:
        read_csv_table(path, **kwargs)  # type: ignore[arg-type]
    return [str(p) for p in caught.value.problems]


def test_row_problem_text() -> None:
    problem = RowProblem(3, "completed_on", "'2/30/2025' is not a date")
    assert str(problem) == "row 3, column completed_on: '2/30/2025' is not a date"
    assert str(RowProblem(1, None, "x")) == "row 1: x"


def test_plain_utf8(tmp_path: Path) -> None:
    table = read_csv_table(write(tmp_path, "first_name,last_name\nJosé,Peña\n"), spec=SPEC)
    assert table.rows == [(2, {"first_name": "José", "last_name": "Peña"})]
    assert table.encoding == "utf-8"
    assert table.note is None


def test_utf8_bom_does_not_stick_to_the_first_header(tmp_path: Path) -> None:
    path = write(tmp_path, "\ufefffirst_name,last_name\r\nJosé,Peña\r\n".encode())
    table = read_csv_table(path, spec=SPEC)
    assert table.header == ["first_name", "last_name"]
    assert table.rows[0][1]["first_name"] == "José"
    assert table.encoding == "utf-8-sig"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path: Path, codec: str) -> None:
    text = "first_name\tlast_name\r\nNguyễn Thị\tÁnh\r\n"
    data = text.encode(codec)
    if codec != "utf-16":  # the plain codec writes its own BOM
        data = ("\ufeff" + text).encode(codec)
    table = read_csv_table(write(tmp_path, data), spec=SPEC)
    assert table.rows == [(2, {"first_name": "Nguyễn Thị", "last_name": "Ánh"})]
    assert table.encoding == "utf-16"


def test_cp1252_is_read_with_a_note(tmp_path: Path) -> None:
    path = write(
        tmp_path, "first_name,last_name,role\r\nJosé,Peña,Cook – part time\r\n".encode("cp1252")
    )
    table = read_csv_table(path, spec=SPEC)
    assert table.rows[0][1] == {
        "first_name": "José",
        "last_name": "Peña",
        "role": "Cook – part time",
    }
    assert table.encoding == "cp1252"
    assert table.note == (
        "staff.csv is not UTF-8 text; read it as Windows-1252 (cp1252), "
        "as Excel on Windows saves CSV."
    )


def test_cp1252_with_bytes_it_does_not_define(tmp_path: Path) -> None:
    path = write(tmp_path, b"first_name,last_name\r\nAna\x81,L\xf3pez\r\n")
    table = read_csv_table(path, spec=SPEC)
    assert table.rows[0][1] == {"first_name": "Ana\x81", "last_name": "López"}


def test_note_travels_with_the_error(tmp_path: Path) -> None:
    path = write(tmp_path, "first_name,colour\r\nJosé,red\r\n".encode("cp1252"))
    with pytest.raises(CsvImportError) as caught:
        read_csv_table(path, spec=SPEC)
    assert caught.value.note is not None and "cp1252" in caught.value.note


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_delimiters(tmp_path: Path, delimiter: str) -> None:
    text = f"first_name{delimiter}last_name\nAna{delimiter}Lopez, Jr.\n"
    table = read_csv_table(write(tmp_path, text), spec=SPEC)
    assert table.rows == [(2, {"first_name": "Ana", "last_name": "Lopez, Jr."})]


def test_mixed_line_endings_quoted_newlines_and_row_numbers(tmp_path: Path) -> None:
    text = 'first_name,last_name,role\r\nAna,Lopez,"Lead\nteacher"\n\r\n,,\rBea,Smith,Aide\r\n'
    table = read_csv_table(write(tmp_path, text), spec=SPEC)
    # row 2 spans two physical lines; rows 3 and 4 are blank and skipped
    assert table.rows == [
        (2, {"first_name": "Ana", "last_name": "Lopez", "role": "Lead\nteacher"}),
        (5, {"first_name": "Bea", "last_name": "Smith", "role": "Aide"}),
    ]


def test_headers_match_in_any_case_and_order_and_cells_are_trimmed(tmp_path: Path) -> None:
    text = " Last_Name , FIRST_NAME \n  Lopez  , Ana \n"
    table = read_csv_table(write(tmp_path, text), spec=SPEC)
    assert table.header == ["Last_Name", "FIRST_NAME"]
    assert table.rows == [(2, {"last_name": "Lopez", "first_name": "Ana"})]


def test_short_rows_read_missing_cells_as_empty(tmp_path: Path) -> None:
    table = read_csv_table(write(tmp_path, "first_name,last_name,role\nAna,Lopez\n"), spec=SPEC)
    assert table.rows[0][1]["role"] == ""


def test_header_only_file_has_zero_rows(tmp_path: Path) -> None:
    table = read_csv_table(write(tmp_path, "first_name,last_name\r\n"), spec=SPEC)
    assert table.rows == []


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\r\n\r\n", b"  \n"])
def test_empty_file_is_an_error(tmp_path: Path, data: bytes) -> None:
    assert problems_of(write(tmp_path, data), spec=SPEC) == [
        "row 1: staff.csv is empty: a header row is required"
    ]


def test_nul_bytes_are_a_clear_error(tmp_path: Path) -> None:
    (message,) = problems_of(write(tmp_path, b"first_name,last_name\nA\x00na,Lopez\n"))
    assert message.startswith("row 1: staff.csv contains NUL bytes, so it is not a CSV text file")


def test_unknown_duplicate_and_missing_columns_are_all_named(tmp_path: Path) -> None:
    text = "First_Name,Colour,first_name,Shoe size\nAna,red,Ann,7\n"
    assert problems_of(write(tmp_path, text), spec=SPEC) == [
        "row 1, column Colour: is not a column we know "
        "(the columns are first_name, last_name, role)",
        "row 1, column first_name: appears twice in the header (columns 1 and 3)",
        "row 1, column Shoe size: is not a column we know "
        "(the columns are first_name, last_name, role)",
        "row 1, column last_name: is required but missing from the header",
    ]


def test_one_of_groups(tmp_path: Path) -> None:
    spec = ColumnSpec(
        known=("mopd_id", "first_name", "last_name", "title"),
        one_of=(("mopd_id",), ("first_name", "last_name")),
    )
    assert read_csv_table(write(tmp_path, "mopd_id,title\n1,x\n"), spec=spec).rows
    assert read_csv_table(write(tmp_path, "first_name,last_name\na,b\n"), spec=spec).rows
    assert problems_of(write(tmp_path, "first_name,title\na,x\n"), spec=spec) == [
        "row 1: the header needs mopd_id or first_name and last_name columns"
    ]


def test_column_map_renames_and_ignores(tmp_path: Path) -> None:
    text = "Given Name,SURNAME,Badge\nAna,Lopez,17\n"
    column_map = {"given name": "first_name", "Surname": "LAST_NAME", "badge": ""}
    table = read_csv_table(write(tmp_path, text), column_map, spec=SPEC)
    assert table.header == ["Given Name", "SURNAME", "Badge"]
    assert table.rows == [(2, {"first_name": "Ana", "last_name": "Lopez"})]


def test_column_map_to_an_unknown_column(tmp_path: Path) -> None:
    path = write(tmp_path, "Given,last_name\nAna,Lopez\n")
    problems = problems_of(path, column_map={"Given": "forename"}, spec=SPEC)
    assert (
        problems[0] == "row 1, column Given: is mapped to 'forename', which is not a column we know"
    )


def test_ignored_columns_are_read_past(tmp_path: Path) -> None:
    spec = ColumnSpec(known=("first_name", "last_name"), ignored=frozenset({"credited"}))
    table = read_csv_table(write(tmp_path, "first_name,last_name,Credited\nA,B,yes\n"), spec=spec)
    assert table.rows == [(2, {"first_name": "A", "last_name": "B"})]


def test_without_a_spec_every_column_is_read(tmp_path: Path) -> None:
    table = read_csv_table(write(tmp_path, "Anything,At All\n1,2\n"))
    assert table.rows == [(2, {"anything": "1", "at all": "2"})]


def test_unclosed_quote_is_a_row_problem(tmp_path: Path) -> None:
    text = 'first_name,last_name\nAna,Lopez\nBea,"Smith\nCy,Jones\n'
    assert problems_of(write(tmp_path, text), spec=SPEC) == [
        'row 3: a quoted cell starts here but is never closed (a quote mark " is missing)'
    ]


def test_text_after_a_closing_quote_is_a_row_problem(tmp_path: Path) -> None:
    (message,) = problems_of(write(tmp_path, 'first_name,last_name\n"Ana"x,Lopez\n'), spec=SPEC)
    assert message.startswith("row 2: text follows the closing quote mark of a cell")


def test_huge_field_is_a_row_problem_not_a_traceback(tmp_path: Path) -> None:
    huge = "x" * (FIELD_SIZE_LIMIT + 10)
    text = f'first_name,last_name,role\nAna,Lopez,a\nBea,Smith,"{huge}"\n'
    (message,) = problems_of(write(tmp_path, text), spec=SPEC)
    assert message.startswith("row 3: a cell is longer than 131,072 characters")


def test_too_many_cells_and_unheaded_values_are_reported_for_every_row(tmp_path: Path) -> None:
    text = "first_name,last_name,\nAna,Lopez,\nBea,Smith,x\nCy,Jones,,extra\nDee,Ross\n"
    assert problems_of(write(tmp_path, text), spec=SPEC) == [
        "row 3: has a value in column 3, which has no header",
        "row 4: has 4 cells but the header has 3 columns "
        "(is a delimiter or quote mark out of place?)",
    ]


def test_trailing_empty_cells_are_fine(tmp_path: Path) -> None:
    table = read_csv_table(write(tmp_path, "first_name,last_name\nAna,Lopez,,\n"), spec=SPEC)
    assert table.rows == [(2, {"first_name": "Ana", "last_name": "Lopez"})]


def test_formula_guard_of_our_exports_is_undone(tmp_path: Path) -> None:
    text = "first_name,last_name,role\nAna,Lopez,'=HYPERLINK(1)\nBea,Smith,'tis\n"
    table = read_csv_table(write(tmp_path, text), spec=SPEC)
    assert [r["role"] for _, r in table.rows] == ["=HYPERLINK(1)", "'tis"]


def test_missing_file_raises_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_csv_table(tmp_path / "nope.csv")
