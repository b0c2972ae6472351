"""End-to-end tests of the command line of INTERFACES.md on a temporary --db."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import sha256

from .conftest import Cli, dump, write_csv

STAFF = """
first_name,last_name,mopd_id,role,hire_date,end_date,requires_clock_hours
Ana,Lopez,123456,Lead teacher,2023-06-01,,yes
José,Peña,223344,Assistant,1/15/2025,,yes
Sam,Cook,,Cook,2019-03-01,,no
"""

# The worked example of RULES.md section 5 for Ana (hired 2023-06-01): credited
# hours 2023: 3, 2024: 15, 2025: 10. José, hired in January 2025 (his hire year asks
# 12), gets 11.7 + 0.1 + 0.2 = 12 exactly.
TRAINING = """
mopd_id,title,completed_on,clock_hours,course_id,provider,format,setting,start_time,end_time,in_ratio,approved
123456,Safe Sleep,2023-09-10,3,SS-1,DESE,in_person,group,9:00 AM,12:00 PM,no,yes
123456,Child Development,3/2/2024,15,CD-1,CCR&R,live_virtual,individual,08:00,23:00,no,yes
123456,CPR and First Aid,2025-05-10,10,CPR-1,Red Cross,in_person,group,08:00,18:00,no,yes
123456,Mandated Reporter,2025-06-01,2,MR-1,DESE,online_module,individual,09:00,11:00,yes,yes
223344,Positive Guidance,2025-01-10,11.7,PG-1,DESE,in_person,group,08:00,20:00,no,yes
223344,Hand Washing,2025-02-10,0.1,HW-1,CCHC,in_person,group,08:00,08:30,no,yes
223344,Medication Safety,2025-03-10,0.2,MS-1,CCHC,in_person,group,08:00,08:30,no,yes
"""


@pytest.fixture
def loaded(cli: Cli, tmp_path: Path) -> Cli:
    assert cli("import-staff", str(write_csv(tmp_path / "staff.csv", STAFF))).code == 0
    assert cli("import-training", str(write_csv(tmp_path / "training.csv", TRAINING))).code == 0
    return cli


def audit_json(cli: Cli, year: int) -> dict:
    result = cli("audit", "--year", str(year), "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_import_then_audit_json_gives_the_worked_example(loaded: Cli) -> None:
    data = audit_json(loaded, 2025)
    assert data["year"] == 2025
    assert data["required_hours"] == 12
    ana = next(s for s in data["staff"] if s["mopd_id"] == "123456")
    assert {
        k: ana[k]
        for k in (
            "status",
            "required",
            "earned",
            "applied_to_prior",
            "counted",
            "prior_deficit_remaining",
            "hours_needed",
            "warnings",
        )
    } == {
        "status": "short",
        "required": 12,
        "earned": 10,
        "applied_to_prior": [{"year": 2024, "hours": 1}],
        "counted": 9,
        "prior_deficit_remaining": 0,
        "hours_needed": 3,
        "warnings": [],
    }
    jose = next(s for s in data["staff"] if s["mopd_id"] == "223344")
    assert jose["first_name"] == "José" and jose["last_name"] == "Peña"
    assert (jose["earned"], jose["counted"], jose["hours_needed"], jose["status"]) == (
        12,
        12,
        0,
        "met",
    )
    cook = next(s for s in data["staff"] if s["last_name"] == "Cook")
    assert cook["status"] == "exempt" and cook["mopd_id"] is None
    assert cook["warnings"] == []  # MISSING_MOPD_ID only for staff who require hours


def test_audit_json_entries_carry_verdicts(loaded: Cli) -> None:
    entries = audit_json(loaded, 2025)["entries"]
    assert len(entries) == 5  # only the entries completed in 2025
    reporter = next(e for e in entries if e["title"] == "Mandated Reporter")
    assert reporter["credited"] is False
    assert reporter["reasons"] == ["IN_RATIO"]
    assert reporter["start_time"] == "09:00" and reporter["end_time"] == "11:00"
    assert reporter["clock_hours"] == 2
    hand = next(e for e in entries if e["title"] == "Hand Washing")
    assert hand["clock_hours"] == 0.1 and hand["credited"] is True
    assert isinstance(hand["id"], int)


def test_audit_of_the_hire_year_asks_seven_hours(loaded: Cli) -> None:
    ana = next(s for s in audit_json(loaded, 2023)["staff"] if s["mopd_id"] == "123456")
    assert (ana["required"], ana["earned"], ana["counted"], ana["hours_needed"]) == (7, 3, 3, 4)


def test_readable_audit_table(loaded: Cli) -> None:
    result = loaded("audit", "--year", "2025")
    assert result.code == 0
    assert "Ana Lopez" in result.out and "José Peña" in result.out
    assert "IN_RATIO" in result.out  # the denied entries are listed with their codes
    assert "Denied entries (1)" in result.out


def test_reimport_adds_nothing(loaded: Cli, tmp_path: Path) -> None:
    before = dump(loaded.db)
    again = loaded("import-training", str(tmp_path / "training.csv"))
    assert again.code == 0
    assert "0 added, 7 already present" in again.out
    staff_again = loaded("import-staff", str(tmp_path / "staff.csv"))
    assert staff_again.code == 0
    assert "0 added, 0 updated, 3 unchanged" in staff_again.out
    assert dump(loaded.db) == before


def test_staff_import_updates_matched_people(loaded: Cli, tmp_path: Path) -> None:
    changed = write_csv(
        tmp_path / "staff2.csv",
        """
        mopd_id,first_name,last_name,role
        123456,Ana,Lopez,Director
        ,Sam,Cook,Head cook
        """,
    )
    result = loaded("import-staff", str(changed))
    assert result.code == 0, result.err
    assert "0 added, 2 updated, 0 unchanged" in result.out
    staff = {s["last_name"]: s for s in audit_json(loaded, 2025)["staff"]}
    assert len(staff) == 3


BAD_TRAINING_ROWS = [
    # (the bad row, the column named, a word of the problem)
    ("123456,Safe Sleep,2/30/2025,2", "completed_on", "2/30/2025"),
    ("123456,Safe Sleep,2025-13-01,2", "completed_on", "2025-13-01"),
    ("123456,Safe Sleep,yesterday,2", "completed_on", "yesterday"),
    ("123456,Safe Sleep,2025-03-01,0", "clock_hours", "0"),
    ("123456,Safe Sleep,2025-03-01,24.5", "clock_hours", "24.5"),
    ("123456,Safe Sleep,2025-03-01,1.555", "clock_hours", "1.555"),
    ("123456,Safe Sleep,2025-03-01,two", "clock_hours", "two"),
    ("123456,,2025-03-01,2", "title", "required"),
    ("999999,Safe Sleep,2025-03-01,2", "mopd_id", "999999"),
]


@pytest.mark.parametrize(("row", "column", "word"), BAD_TRAINING_ROWS)
def test_bad_training_row_is_refused_and_nothing_imported(
    loaded: Cli, tmp_path: Path, row: str, column: str, word: str
) -> None:
    before = dump(loaded.db)
    path = write_csv(
        tmp_path / "bad.csv",
        f"""
        mopd_id,title,completed_on,clock_hours
        123456,First Aid Refresher,2025-04-01,2
        {row}
        """,
    )
    result = loaded("import-training", str(path))
    assert result.code == 2
    assert f"row 3, column {column}:" in result.err
    assert word in result.err
    assert "Traceback" not in result.err
    assert dump(loaded.db) == before  # the good row 2 was not imported either


BAD_VALUES = [
    ("start_time", "25:00"),
    ("end_time", "13:00 PM"),
    ("in_ratio", "maybe"),
    ("approved", "perhaps"),
    ("format", "podcast"),
    ("setting", "crowd"),
    ("enrolled_on", "13/1/2025"),
]


@pytest.mark.parametrize(("column", "value"), BAD_VALUES)
def test_bad_optional_value_is_named(loaded: Cli, tmp_path: Path, column: str, value: str) -> None:
    before = dump(loaded.db)
    path = write_csv(
        tmp_path / "bad.csv",
        f"""
        mopd_id,title,completed_on,clock_hours,{column}
        123456,Safe Sleep,2025-03-01,2,{value}
        """,
    )
    result = loaded("import-training", str(path))
    assert result.code == 2
    assert f"row 2, column {column}:" in result.err
    assert value in result.err
    assert dump(loaded.db) == before


def test_end_before_start_is_refused(loaded: Cli, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "bad.csv",
        """
        mopd_id,title,completed_on,clock_hours,start_time,end_time
        123456,Safe Sleep,2025-03-01,2,10:00,9:00
        """,
    )
    result = loaded("import-training", str(path))
    assert result.code == 2
    assert "row 2, column end_time:" in result.err


def test_every_bad_row_is_reported_at_once(loaded: Cli, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "bad.csv",
        """
        mopd_id,title,completed_on,clock_hours
        123456,Safe Sleep,2/30/2025,2
        123456,CPR,2025-03-01,2
        123456,,2025-03-01,-1
        """,
    )
    result = loaded("import-training", str(path))
    assert result.code == 2
    lines = result.err.splitlines()
    assert any(line.startswith("row 2, column completed_on:") for line in lines)
    assert any(line.startswith("row 4, column title:") for line in lines)
    assert any(line.startswith("row 4, column clock_hours:") for line in lines)
    assert not any(line.startswith("row 3") for line in lines)


@pytest.mark.parametrize(
    ("header", "word"),
    [
        ("mopd_id,title,completed_on,clock_hours,colour", "colour"),  # unknown column
        ("mopd_id,title,clock_hours", "completed_on"),  # missing required column
    ],
)
def test_bad_header_is_refused(loaded: Cli, tmp_path: Path, header: str, word: str) -> None:
    before = dump(loaded.db)
    path = write_csv(tmp_path / "bad.csv", header + "\n123456,Safe Sleep,2025-03-01,2\n")
    result = loaded("import-training", str(path))
    assert result.code == 2
    assert word in result.err
    assert dump(loaded.db) == before


def test_bad_staff_rows(cli: Cli, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "staff.csv",
        """
        first_name,last_name,mopd_id,hire_date,end_date,requires_clock_hours
        Ana,,1,2024-01-01,,yes
        Bo,Diaz,2,2024-05-01,2024-04-01,yes
        Cy,Ray,3,2024-01-01,,sometimes
        """,
    )
    result = cli("import-staff", str(path))
    assert result.code == 2
    assert "row 2, column last_name:" in result.err
    assert "row 3, column end_date:" in result.err
    assert "row 4, column requires_clock_hours:" in result.err
    assert "Traceback" not in result.err
    assert cli("audit", "--json").code == 0 and '"staff": []' in cli("audit", "--json").out


def test_same_mopd_id_twice_in_one_file(cli: Cli, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "staff.csv",
        """
        first_name,last_name,mopd_id
        Cy,Ray,3
        Di,Lee,3
        """,
    )
    result = cli("import-staff", str(path))
    assert result.code == 2
    assert result.err.startswith("row 3, column mopd_id:")
    assert "row 2" in result.err  # names the row it repeats


def test_excel_cp1252_file_is_read_and_said(cli: Cli, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "staff.csv", "first_name,last_name,mopd_id\nJosé,Peña,77\n", encoding="cp1252"
    )
    result = cli("import-staff", str(path))
    assert result.code == 0, result.err
    assert "cp1252" in result.err or "1252" in result.err
    data = audit_json(cli, 2025)
    assert data["staff"][0]["first_name"] == "José"


def test_utf8_bom_and_us_dates_and_12_hour_times(cli: Cli, tmp_path: Path) -> None:
    cli("import-staff", str(write_csv(tmp_path / "s.csv", "first_name,last_name,mopd_id\nA,B,5\n")))
    path = tmp_path / "t.csv"
    path.write_bytes(
        "\ufeffMOPD_ID,Title,Completed_On,Clock_Hours,Start_Time,End_Time,Format\n"
        "5,Safe Sleep,3/4/2025,1.5,9:00 AM,10:30 AM,E-Learning\n".encode()
    )
    result = cli("import-training", str(path))
    assert result.code == 0, result.err
    entry = audit_json(cli, 2025)["entries"][0]
    got = (entry["completed_on"], entry["start_time"], entry["end_time"], entry["clock_hours"])
    assert got == ("2025-03-04", "09:00", "10:30", 1.5)


@pytest.mark.parametrize("kind", ["text", "sqlite", "binary"])
def test_foreign_file_is_refused_and_left_untouched(cli: Cli, tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"foreign-{kind}"
    if kind == "text":
        path.write_text("these are my notes\n")
    elif kind == "sqlite":
        connection = sqlite3.connect(path)
        connection.execute("CREATE TABLE songs (title TEXT)")
        connection.execute("INSERT INTO songs VALUES ('Hey Jude')")
        connection.commit()
        connection.close()
    else:
        path.write_bytes(os.urandom(4096))
    before = sha256(path)
    for args in (["audit", "--year", "2025"], ["center", "--name", "X"]):
        result = cli(*args, "--db", str(path), db=False)
        assert result.code == 2
        assert "not a ccdesktop database" in result.err.lower()
        assert len(result.err.strip().splitlines()) == 1
    assert sha256(path) == before


def test_newer_database_is_refused(cli: Cli, tmp_path: Path) -> None:
    assert cli("center", "--name", "Acorns").code == 0
    connection = sqlite3.connect(cli.db)
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    before = sha256(cli.db)
    result = cli("audit", "--year", "2025")
    assert result.code == 2
    assert "newer" in result.err.lower()
    assert sha256(cli.db) == before


def test_db_option_before_or_after_the_command(cli: Cli) -> None:
    assert cli("--db", str(cli.db), "center", "--name", "Little Acorns", db=False).code == 0
    shown = cli("center", "--db", str(cli.db), db=False)
    assert shown.code == 0 and "Little Acorns" in shown.out


def test_ccdesktop_db_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user_dirs: Path
) -> None:
    target = tmp_path / "from-env.sqlite3"
    monkeypatch.setenv("CCDESKTOP_DB", str(target))
    result = Cli(target)("center", "--name", "Env Center", db=False)
    assert result.code == 0
    assert target.exists()


def test_default_database_lives_in_the_user_data_folder(user_dirs: Path) -> None:
    result = Cli(Path("unused"))("center", "--name", "Default", db=False)
    assert result.code == 0
    created = [p for p in user_dirs.rglob("*.sqlite3") if "backups" not in p.parts]
    assert len(created) == 1 and "ccdesktop" in str(created[0])


def test_center_details_and_settings(cli: Cli) -> None:
    result = cli(
        "center",
        "--name",
        "Little Acorns",
        "--license",
        "L-1234",
        "--director",
        "Maria Diaz",
        "--required-hours",
        "15",
        "--hire-year-policy",
        "full",
    )
    assert result.code == 0
    shown = cli("center")
    for text in ("Little Acorns", "L-1234", "Maria Diaz", "15 clock hours", "full"):
        assert text in shown.out
    assert audit_json(cli, 2025)["required_hours"] == 15


def test_usage_errors_exit_2_with_one_line(cli: Cli) -> None:
    for args in (["audit", "--year", "soon"], ["frobnicate"], ["import-staff"]):
        result = cli(*args)
        assert result.code == 2
        assert len(result.err.strip().splitlines()) == 1, result.err
        assert "Traceback" not in result.err


def test_missing_csv_file_exits_2(cli: Cli, tmp_path: Path) -> None:
    result = cli("import-staff", str(tmp_path / "nope.csv"))
    assert result.code == 2
    assert "nope.csv" in result.err


def test_unexpected_error_exits_1_with_the_log_path(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ccdesktop import workflows

    def broken(*_args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(workflows, "audit", broken)
    result = cli("audit", "--year", "2025")
    assert result.code == 1
    assert "ccdesktop.log" in result.err
    assert "Traceback" not in result.err


def test_report_unknown_staff_is_bad_input(loaded: Cli, tmp_path: Path) -> None:
    result = loaded(
        "report", "--year", "2025", "--output", str(tmp_path / "r.pdf"), "--staff", "000000"
    )
    assert result.code == 2
    assert "000000" in result.err
    assert not (tmp_path / "r.pdf").exists()


def test_python_dash_m_and_entry_point(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite3"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-m", "ccdesktop", "--db", str(db), "center", "--name", "Via -m"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Via -m" in done.stdout


def test_version_is_pyprojects_read_when_asked_for() -> None:
    import tomllib

    import ccdesktop

    root = Path(__file__).resolve().parents[2]
    pyproject = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = pyproject["project"]["version"]
    assert ccdesktop.__version__ == wanted
    # read from the metadata by --version (not at import: see ccdesktop/__init__.py)
    done = subprocess.run(
        [sys.executable, "-m", "ccdesktop", "--version"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"ccdesktop {wanted}\n"
    with pytest.raises(AttributeError):
        ccdesktop.no_such_thing  # noqa: B018 - the module's __getattr__ refuses it


@pytest.mark.parametrize("argv", [[], ["--db", "center.sqlite3"], ["--db=my center.sqlite3"]])
def test_the_window_start_reads_its_arguments_as_the_full_parser_does(argv: list[str]) -> None:
    from ccdesktop.cli import build_parser, window_args

    assert window_args(argv) == build_parser().parse_args(argv)


@pytest.mark.parametrize(
    "argv", [["--db"], ["--db", "-x"], ["--help"], ["--version"], ["--self-test"], ["check"]]
)
def test_anything_else_goes_to_the_full_parser(argv: list[str]) -> None:
    from ccdesktop.cli import window_args

    assert window_args(argv) is None


def test_the_window_starts_without_building_the_commands_parser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user_dirs: Path
) -> None:
    import ccdesktop.cli
    import ccdesktop.gui.app

    opened: list[Path] = []

    def no_parser() -> None:
        raise AssertionError("the full parser was built for the window")

    monkeypatch.setattr(ccdesktop.cli, "build_parser", no_parser)
    monkeypatch.setattr(ccdesktop.gui.app, "run_app", lambda path: opened.append(path) or 0)
    target = tmp_path / "center.sqlite3"
    assert ccdesktop.cli.main(["--db", str(target)]) == 0
    assert opened == [target]


# --- every bad row at once, the cell problems and the plan's together --------------


def test_unknown_staff_and_bad_cells_are_reported_together(loaded: Cli, tmp_path: Path) -> None:
    before = dump(loaded.db)
    path = write_csv(
        tmp_path / "bad.csv",
        """
        mopd_id,title,completed_on,clock_hours
        999999,Safe Sleep,2025-03-01,2
        123456,CPR,2/30/2025,2
        888888,First Aid,2025-03-02,1
        123456,Fire Safety,2025-03-03,1
        """,
    )
    result = loaded("import-training", str(path))
    assert result.code == 2
    lines = result.err.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "row 2, column mopd_id",
        "row 3, column completed_on",
        "row 4, column mopd_id",
        "nothing was imported",
    ]
    assert "999999" in lines[0] and "888888" in lines[2]
    assert dump(loaded.db) == before  # not even the good row 5


def test_repeated_entries_and_bad_cells_are_reported_together(loaded: Cli, tmp_path: Path) -> None:
    before = dump(loaded.db)
    path = write_csv(
        tmp_path / "bad.csv",
        """
        mopd_id,title,completed_on,clock_hours
        123456,Fire Safety,2025-03-03,1
        123456,CPR,2025-03-01,two
        123456,Fire Safety,2025-03-03,1
        """,
    )
    result = loaded("import-training", str(path))
    assert result.code == 2
    lines = result.err.splitlines()
    assert lines[0].startswith("row 3, column clock_hours:")
    assert lines[1] == "row 4: same entry as row 2"
    assert dump(loaded.db) == before


def test_staff_plan_problems_and_bad_cells_are_reported_together(
    loaded: Cli, tmp_path: Path
) -> None:
    before = dump(loaded.db)
    # row 2: a bad date; row 3: an end date before Ana's hire date on record (2023-06-01);
    # row 4 is good
    path = write_csv(
        tmp_path / "staff2.csv",
        """
        first_name,last_name,mopd_id,hire_date,end_date
        Bo,Diaz,2,2/30/2024,
        Ana,Lopez,123456,,2020-01-01
        Cy,Ray,3,2024-01-01,
        """,
    )
    result = loaded("import-staff", str(path))
    assert result.code == 2
    lines = result.err.splitlines()
    assert lines[0].startswith("row 2, column hire_date:")
    assert lines[1].startswith("row 3, column end_date:") and "on record" in lines[1]
    assert lines[2] == "nothing was imported"
    assert dump(loaded.db) == before


def test_duplicate_mopd_id_and_bad_cells_are_reported_together(cli: Cli, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "staff.csv",
        """
        first_name,last_name,mopd_id,requires_clock_hours
        Ana,Lopez,1,sometimes
        Cy,Ray,3,yes
        Di,Lee,3,yes
        """,
    )
    result = cli("import-staff", str(path))
    assert result.code == 2
    lines = result.err.splitlines()
    assert lines[0].startswith("row 2, column requires_clock_hours:")
    assert lines[1].startswith("row 4, column mopd_id: MOPD ID 3 is also on row 3")
    assert '"staff": []' in cli("audit", "--json").out


# --- namesakes, one without a MOPD ID ------------------------------------------------

NAMESAKES = """
first_name,last_name,mopd_id
Jo,Smith,555
Jo,Smith,
"""


def test_namesakes_one_without_mopd_id_import_twice(cli: Cli, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "staff.csv", NAMESAKES)
    first = cli("import-staff", str(path))
    assert first.code == 0, first.err
    assert "2 added, 0 updated, 0 unchanged" in first.out
    before = dump(cli.db)
    again = cli("import-staff", str(path))
    assert again.code == 0, again.err
    assert "0 added, 0 updated, 2 unchanged" in again.out
    assert dump(cli.db) == before


def test_namesakes_the_file_does_not_tell_apart_are_refused(cli: Cli, tmp_path: Path) -> None:
    both = write_csv(
        tmp_path / "both.csv", "first_name,last_name,mopd_id\nJo,Smith,555\nJo,Smith,777\n"
    )
    assert cli("import-staff", str(both)).code == 0
    before = dump(cli.db)
    path = write_csv(tmp_path / "staff.csv", "first_name,last_name,mopd_id,role\nJo,Smith,,Cook\n")
    result = cli("import-staff", str(path))
    assert result.code == 2
    assert result.err.splitlines()[0] == (
        "row 2: 2 staff are named Jo Smith; give this row a mopd_id to tell them apart"
    )
    assert dump(cli.db) == before


# --- report: --staff repeated, and a bad --output -----------------------------------


def report_text(path: Path) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


@pytest.mark.parametrize(
    "staff",
    [["--staff", "123456", "--staff", "223344"], ["--staff", "123456", "223344"]],
    ids=["repeated", "one-option"],
)
def test_report_staff_option_accumulates(loaded: Cli, tmp_path: Path, staff: list[str]) -> None:
    output = tmp_path / "r.pdf"
    result = loaded("report", "--year", "2025", "--output", str(output), *staff)
    assert result.code == 0, result.err
    text = report_text(output)
    assert "2 selected of 3 staff members" in text
    assert "Lopez, Ana" in text and "Peña, José" in text
    assert "Cook, Sam" not in text


def test_report_output_in_a_missing_folder(cli: Cli, tmp_path: Path) -> None:
    output = tmp_path / "no such folder" / "r.pdf"
    result = cli("report", "--year", "2025", "--output", str(output))
    assert result.code == 2
    assert result.err.splitlines() == [
        f"ccdesktop: cannot write {output}: the folder {output.parent} does not exist"
    ]
    assert not output.parent.exists()
    assert not cli.db.exists()  # nothing written, not even a new database


def test_report_output_that_is_a_folder(loaded: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "pdf"
    folder.mkdir()
    result = loaded("report", "--year", "2025", "--output", str(folder))
    assert result.code == 2
    assert result.err.splitlines() == [
        f"ccdesktop: cannot write {folder}: it is a folder; give a file name ending in .pdf"
    ]
    assert list(folder.iterdir()) == []
    assert ".part" not in result.err


def test_report_output_under_a_file(loaded: Cli, tmp_path: Path) -> None:
    output = tmp_path / "staff.csv" / "r.pdf"
    result = loaded("report", "--year", "2025", "--output", str(output))
    assert result.code == 2
    assert result.err.splitlines() == [
        f"ccdesktop: cannot write {output}: {output.parent} is a file, not a folder"
    ]


def test_report_write_error_names_the_users_path(
    loaded: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ccdesktop.reports import pdf_report

    output = tmp_path / "r.pdf"

    def refused(path: Path, *_args: object) -> None:
        # as mkstemp fails in a folder we may not write to (a test cannot make one:
        # root may write anywhere)
        raise PermissionError(13, "Permission denied", str(path.parent / ".r.pdf.x1y2.part"))

    monkeypatch.setattr(pdf_report, "_write_atomically", refused)
    result = loaded("report", "--year", "2025", "--output", str(output))
    assert result.code == 2
    assert result.err.splitlines() == [f"ccdesktop: cannot write {output}: permission denied"]
    assert not output.exists()
