"""staff.csv and training.csv: values to records, and every bad cell of every row
reported at once as ``row N, column C: problem``."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from ccdesktop.domain.records import Format, Setting, Staff
from ccdesktop.io.csv_read import CsvImportError
from ccdesktop.io.staff_csv import parse_staff_csv, parse_staff_csv_with_problems
from ccdesktop.io.training_csv import parse_training_csv, parse_training_csv_with_problems


def write(tmp_path: Path, text: str, name: str = "file.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def problems(call: object, *args: object) -> list[str]:
    with pytest.raises(CsvImportError) as caught:
        call(*args)  # type: ignore[operator]
    return [str(p) for p in caught.value.problems]


# --- staff.csv ----------------------------------------------------------------------


def test_staff_values_defaults_and_given_fields(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "first_name,last_name,mopd_id,role,hire_date,end_date,requires_clock_hours\n"
        "José,Peña, 1209981 ,Aide,9/7/2021,2025-10-17,Yes\n"
        "Darlene,Fischer,,Cook,,,no\n"
        "Ana,Lopez,,,,,\n",
    )
    parsed = parse_staff_csv(path)
    assert parsed.encoding == "utf-8" and parsed.note is None
    jose, darlene, ana = parsed.rows
    assert jose.row == 2
    assert jose.staff == Staff(
        "José", "Peña", "1209981", "Aide", True, date(2021, 9, 7), date(2025, 10, 17)
    )
    assert jose.given == frozenset(
        {"first_name", "last_name", "mopd_id", "role", "hire_date", "end_date",
         "requires_clock_hours"}
    )  # fmt: skip
    assert darlene.staff.requires_clock_hours is False
    assert darlene.staff.mopd_id is None
    assert darlene.given == {"first_name", "last_name", "role", "requires_clock_hours"}
    assert ana.staff == Staff("Ana", "Lopez")  # defaults: requires clock hours
    assert ana.given == {"first_name", "last_name"}


def test_staff_every_bad_row_is_reported_at_once(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "first_name,last_name,hire_date,end_date,requires_clock_hours\n"
        "Ana,Lopez,2/30/2025,,maybe\n"
        "Bea,Smith,2025-01-01,,\n"
        ",Jones,,,\n"
        "Cy,Ross,2025-06-01,2025-05-01,\n",
    )
    assert problems(parse_staff_csv, path) == [
        "row 2, column hire_date: '2/30/2025' is not a date: February 2025 has 28 days",
        "row 2, column requires_clock_hours: 'maybe' is not yes or no "
        "(use yes/no, y/n, true/false or 1/0)",
        "row 4, column first_name: is required",
        "row 5, column end_date: 2025-05-01 is before the hire date 2025-06-01",
    ]


def test_staff_missing_and_unknown_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "first_name,Surname\nAna,Lopez\n")
    assert problems(parse_staff_csv, path) == [
        "row 1, column Surname: is not a column we know (the columns are first_name, "
        "last_name, mopd_id, role, hire_date, end_date, requires_clock_hours)",
        "row 1, column last_name: is required but missing from the header",
    ]
    parsed = parse_staff_csv(path, {"surname": "last_name"})
    assert parsed.rows[0].staff.last_name == "Lopez"


def test_staff_header_only_parses_to_no_rows(tmp_path: Path) -> None:
    assert parse_staff_csv(write(tmp_path, "first_name,last_name\n")).rows == []


# --- training.csv -------------------------------------------------------------------

TRAINING_HEADER = (
    "mopd_id,first_name,last_name,title,course_id,provider,format,setting,completed_on,"
    "start_time,end_time,clock_hours,in_ratio,approved,enrolled_on,notes\n"
)


def test_training_values_and_defaults(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        TRAINING_HEADER
        + "123456,,,Safe Sleep,402118,CCHC,E-Learning,Group,3/4/2025,9:00 AM,11:30 AM,"
        '2.5,Y,no,2/1/2025,"watched, together"\n' + ",Ana,Lopez,CPR,,,,,2025-03-05,,,4,,,,\n",
    )
    first, second = parse_training_csv(path).rows
    assert (first.row, first.mopd_id, first.first_name, first.last_name) == (2, "123456", "", "")
    entry = first.entry
    assert entry.staff_id == 0 and entry.id is None
    assert (entry.title, entry.course_id, entry.provider) == ("Safe Sleep", "402118", "CCHC")
    assert (entry.format, entry.setting) == (Format.ONLINE_MODULE, Setting.GROUP)
    assert (entry.completed_on, entry.start_time, entry.end_time) == (
        date(2025, 3, 4),
        time(9, 0),
        time(11, 30),
    )
    assert (entry.clock_hours, entry.in_ratio, entry.approved) == (250, True, False)
    assert entry.enrolled_on == date(2025, 2, 1)
    assert entry.notes == "watched, together"

    assert (second.mopd_id, second.first_name, second.last_name) == (None, "Ana", "Lopez")
    defaults = second.entry
    assert defaults.course_id is None and defaults.provider == ""
    assert (defaults.format, defaults.setting) == (Format.IN_PERSON, Setting.INDIVIDUAL)
    assert (defaults.in_ratio, defaults.approved) == (False, True)
    assert defaults.start_time is None and defaults.enrolled_on is None


def test_training_every_bad_cell_of_every_row(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        TRAINING_HEADER
        + "1,,,Safe Sleep,,,,,2/30/2025,25:00,1:00 PM,1.234,maybe,,,\n"
        + "2,,,,,,podcast,team,2025-03-04,10:00,9:00,0,,,2025-04-01,\n"
        + ",Ana,,CPR,,,,,,,,,,,,\n"
        + "3,,,Fine,,,,,2025-03-04,,,1,,,,\n",
    )
    assert problems(parse_training_csv, path) == [
        "row 2, column completed_on: '2/30/2025' is not a date: February 2025 has 28 days",
        "row 2, column start_time: '25:00' is not a time: 24-hour times run 0:00 to 23:59",
        "row 2, column clock_hours: '1.234' has more than 2 decimals",
        "row 2, column in_ratio: 'maybe' is not yes or no (use yes/no, y/n, true/false or 1/0)",
        "row 3, column format: 'podcast' is not a training format "
        "(use in_person, live_virtual or online_module)",
        "row 3, column setting: 'team' is not a setting (use individual or group)",
        "row 3, column clock_hours: '0' must be more than 0",
        "row 3, column title: is required",
        "row 3, column end_time: 09:00 is not after the start time 10:00",
        "row 3, column enrolled_on: 2025-04-01 is after the completion date 2025-03-04",
        "row 4: names no staff member: give a mopd_id or a first_name and last_name",
        "row 4, column completed_on: is required",
        "row 4, column clock_hours: is required",
    ]


def test_training_required_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "first_name,title,hours\nAna,CPR,2\n")
    assert problems(parse_training_csv, path) == [
        "row 1, column hours: is not a column we know (the columns are mopd_id, first_name, "
        "last_name, title, completed_on, clock_hours, course_id, provider, format, setting, "
        "start_time, end_time, in_ratio, approved, enrolled_on, notes, kind, expires_on, "
        "as_trainer)",
        "row 1, column completed_on: is required but missing from the header",
        "row 1, column clock_hours: is required but missing from the header",
        "row 1: the header needs mopd_id or first_name and last_name columns",
    ]


def test_training_reads_past_the_export_only_columns(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "mopd_id,title,completed_on,clock_hours,credited,reasons,warnings\n"
        '1,CPR,2025-03-04,2,no,"OVERLAP, IN_RATIO",MISSING_TIMES\n',
    )
    (row,) = parse_training_csv(path).rows
    assert row.entry.title == "CPR"


# --- the variants that return the good rows and the problems -------------------------


def test_staff_with_problems_keeps_the_good_rows(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "first_name,last_name,mopd_id,hire_date\n"
        "Ana,Lopez,1,2024-01-01\n"
        "Bo,Diaz,2,2/30/2024\n"
        "Cy,Ray,3,,too many\n"
        "Di,Lee,4,\n",
    )
    parsed, found = parse_staff_csv_with_problems(path)
    assert [row.row for row in parsed.rows] == [2, 5]
    assert [str(p) for p in found] == [
        "row 4: has 5 cells but the header has 4 columns "
        "(is a delimiter or quote mark out of place?)",
        "row 3, column hire_date: '2/30/2024' is not a date: February 2024 has 29 days",
    ]
    # the raising variant reports the same problems, by row
    assert problems(parse_staff_csv, path) == [str(p) for p in found[::-1]]


def test_training_with_problems_keeps_the_good_rows(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "mopd_id,title,completed_on,clock_hours\n"
        "999999,Safe Sleep,2025-03-01,2\n"
        "123456,CPR,2/30/2025,2\n"
        "888888,First Aid,2025-03-02,1\n",
    )
    parsed, found = parse_training_csv_with_problems(path)
    assert [(row.row, row.mopd_id) for row in parsed.rows] == [(2, "999999"), (4, "888888")]
    assert [str(p) for p in found] == [
        "row 3, column completed_on: '2/30/2025' is not a date: February 2025 has 28 days"
    ]


def test_with_problems_still_raises_for_a_bad_header(tmp_path: Path) -> None:
    path = write(tmp_path, "first_name,colour\nAna,red\n")
    with pytest.raises(CsvImportError):
        parse_staff_csv_with_problems(path)
