"""Reading the MOPD report: columns guessed, remembered and chosen; CSV or workbook;
all or nothing, every bad cell named."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from ccdesktop.io.column_guess import guess_column, guess_columns
from ccdesktop.io.csv_read import CsvImportError
from ccdesktop.io.mopd_report import (
    GUESSED_FIELDS,
    default_report_date,
    read_mopd_report,
    report_column_map,
)

REPORT = (
    "Professional ID,First Name,Last Name,Course Title,Event ID,Completion Date,Hours,"
    "Delivery Method,County\n"
    "0100,Ana,Lopez,Safe Sleep,SS-1,3/4/2025,2,Face to Face,Greene\n"
    "0100,Ana,Lopez,CPR,,2025-04-01,4,Online,Greene\n"
)


def write(tmp_path: Path, text: str, name: str = "report.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_the_registrys_headers_are_guessed_and_the_rest_left_out(tmp_path: Path) -> None:
    report = read_mopd_report(write(tmp_path, REPORT))
    assert dict(report.column_map) == {
        "Professional ID": "mopd_id",
        "First Name": "first_name",
        "Last Name": "last_name",
        "Course Title": "title",
        "Event ID": "course_id",
        "Completion Date": "completed_on",
        "Hours": "clock_hours",
        "Delivery Method": "",  # "Face to Face" is not a format we read: not guessed
        "County": "",
    }
    first, second = report.rows
    assert (first.row, first.mopd_id, first.entry.title, first.entry.course_id) == (
        2,
        "0100",
        "Safe Sleep",
        "SS-1",
    )
    assert (second.entry.completed_on, second.entry.clock_hours) == (date(2025, 4, 1), 400)


def test_a_remembered_map_and_the_directors_choice_win(tmp_path: Path) -> None:
    path = write(
        tmp_path, "ID,Who,Surname,What,When,Hrs,Trainer Name\n7,Ana,Lopez,CPR,3/4/2025,4,X\n"
    )
    with pytest.raises(CsvImportError) as caught:
        read_mopd_report(path)
    assert [str(p) for p in caught.value.problems] == [
        "row 1: no column of the report was recognised as title (its columns: ID, Who, "
        'Surname, What, When, Hrs, Trainer Name); say which one is, as --map "HEADER=title" '
        "or in the dialog",
        "row 1: no column of the report was recognised as completed_on (its columns: ID, Who, "
        "Surname, What, When, Hrs, Trainer Name); say which one is, as --map "
        '"HEADER=completed_on" or in the dialog',
        "row 1: no column of the report was recognised as clock_hours (its columns: ID, Who, "
        "Surname, What, When, Hrs, Trainer Name); say which one is, as --map "
        '"HEADER=clock_hours" or in the dialog',
        "row 1: no column of the report was recognised as the MOPD ID, or as first and last "
        "name (its columns: ID, Who, Surname, What, When, Hrs, Trainer Name); say which one "
        'is, as --map "HEADER=mopd_id" or in the dialog',
    ]
    remembered = {"id": "mopd_id", "WHAT": "title", "When": "completed_on", "Hrs": "clock_hours"}
    report = read_mopd_report(path, remembered=remembered, chosen={"Trainer Name": ""})
    assert report.column_map["ID"] == "mopd_id" and report.column_map["Trainer Name"] == ""
    assert [(r.mopd_id, r.entry.title, r.entry.provider) for r in report.rows] == [("7", "CPR", "")]
    # a choice moves a field from the column that had it
    moved = report_column_map(["What", "Course Title"], None, {"What": "title"})
    assert moved == {"What": "title", "Course Title": ""}
    with pytest.raises(ValueError, match="'hours' is not a field of the comparison"):
        report_column_map(["Hrs"], None, {"Hrs": "hours"})
    with pytest.raises(ValueError, match="the report has no column 'Nope'"):
        report_column_map(["Hrs"], None, {"Nope": "title"})


def test_a_bad_cell_anywhere_and_nothing_is_compared(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "MOPD ID,Training Title,Training Date,Clock Hours\n"
        "1,Safe Sleep,3/4/2025,2\n"
        "1,CPR,3/32/2025,4\n"
        "1,Other,2025-05-01,1.005\n",
    )
    with pytest.raises(CsvImportError) as caught:
        read_mopd_report(path)
    assert [str(p) for p in caught.value.problems] == [
        "row 3, column completed_on: '3/32/2025' is not a date: March 2025 has 31 days",
        "row 4, column clock_hours: '1.005' has more than 2 decimals",
    ]


def test_a_workbook_report(tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Training Report"
    sheet.append(["MOPD ID", "Training Title", "Training Date", "Clock Hours", "Status"])
    sheet.append(["0100", "Safe Sleep", date(2025, 3, 4), 2, "Completed"])
    sheet.append(["0100", "CPR", "not a date", 4, "Completed"])
    book.save(path)
    with pytest.raises(CsvImportError) as caught:
        read_mopd_report(path)
    assert [str(p) for p in caught.value.problems] == [
        "sheet Training Report, row 3, column Training Date: 'not a date' is not a date (use "
        "YYYY-MM-DD or M/D/YYYY)"
    ]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("MOPD #", "mopd_id"),
        ("Individual ID", "mopd_id"),
        ("Date Completed", "completed_on"),
        ("completion-date", "completed_on"),
        ("Clock Hrs", "clock_hours"),
        ("Training Name", "title"),
        ("Event Number", "course_id"),
        ("clock_hours", "clock_hours"),
        ("County", ""),
        ("Delivery Method", ""),
    ],
)
def test_guesses(header: str, field: str) -> None:
    assert guess_column(header, GUESSED_FIELDS) == field


def test_a_field_is_guessed_for_the_first_header_only() -> None:
    assert guess_columns(["Training Date", "Date"], GUESSED_FIELDS) == {
        "Training Date": "completed_on",
        "Date": "",
    }


def test_the_report_date_defaults_to_the_day_the_file_was_saved(tmp_path: Path) -> None:
    import os
    from datetime import datetime

    path = write(tmp_path, REPORT)
    saved = datetime(2025, 6, 30, 15, 0).timestamp()
    os.utime(path, (saved, saved))
    assert default_report_date(path, today=date(2025, 7, 2)) == date(2025, 6, 30)
    assert default_report_date(path, today=date(2025, 6, 1)) == date(2025, 6, 1)
    assert default_report_date(tmp_path / "gone.csv", today=date(2025, 7, 2)) == date(2025, 7, 2)
