"""``ccdesktop reconcile FILE [--report-date] [--sheet] [--map] [--apply]
[--import-missing] [--output F.pdf]``."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import Cli, dump, write_csv

STAFF = """
first_name,last_name,mopd_id,hire_date
Ana,Lopez,100,2024-01-01
Bo,Chen,200,2024-01-01
"""
TRAINING = """
mopd_id,title,completed_on,clock_hours,course_id,start_time,end_time
100,Safe Sleep,2025-03-04,2,SS-1,09:00,11:00
100,Orientation,2025-03-10,1,,09:00,10:00
200,CPR,2025-05-01,4,,08:00,12:00
"""
REPORT = """
MOPD ID,Training Title,Event ID,Training Date,Clock Hours,County
100,Safe Sleep,SS-1,3/4/2025,2,Greene
200,CPR,,5/1/2025,3.5,Greene
200,Medication Safety,MS-2,4/1/2025,1.5,Greene
"""


def loaded(cli: Cli, tmp_path: Path) -> Path:
    assert cli("import-staff", str(write_csv(tmp_path / "s.csv", STAFF))).code == 0
    assert cli("import-training", str(write_csv(tmp_path / "t.csv", TRAINING))).code == 0
    return write_csv(tmp_path / "report.csv", REPORT)


def test_without_apply_it_reports_and_changes_nothing(cli: Cli, tmp_path: Path) -> None:
    report = loaded(cli, tmp_path)
    before = dump(cli.db)
    result = cli("reconcile", str(report), "--report-date", "6/30/2025")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "MOPD report: report.csv, 3 rows, dated 6/30/2025",
        'Columns read: "MOPD ID" as mopd_id, "Training Title" as title, "Event ID" as '
        'course_id, "Training Date" as completed_on, "Clock Hours" as clock_hours; not read: '
        "County",
        "On both: 1 training",
        "In ccdesktop only: 2 trainings (not on the MOPD report: the inspector will not count "
        "them)",
        "  Ana Lopez  3/10/2025  Orientation  1 h",
        "  Bo Chen  5/1/2025  CPR  4 h  (the MOPD report has it with 3.5 hours (row 3))",
        "On the MOPD report only: 2 rows",
        "  row 3: Bo Chen (200)  5/1/2025  CPR  3.5 h  (nearly matches an entry: not imported)",
        "  row 4: Bo Chen (200)  4/1/2025  Medication Safety  1.5 h",
        "Nothing was changed. --apply marks the trainings found as on this report (and warns "
        "from then on of those not on it); --import-missing also imports the report's rows "
        "ccdesktop does not have.",
    ]
    assert dump(cli.db) == before


def test_apply_and_import_then_the_audit_warns(cli: Cli, tmp_path: Path) -> None:
    report = loaded(cli, tmp_path)
    result = cli("reconcile", str(report), "--report-date", "2025-06-30", "--import-missing")
    assert result.code == 0, result.err
    assert result.out.splitlines()[-1] == (
        "Applied: 1 training marked as on the MOPD report of 6/30/2025; 2 trainings not on it "
        "now carry the warning \u201cNot on the MOPD report\u201d. Imported 1 training from the "
        "report. 1 row nearly matching an entry was not imported: correct the entry or the "
        "report."
    )
    audit = json.loads(cli("audit", "--year", "2025", "--json").out)
    warned = {e["title"]: e["warnings"] for e in audit["entries"]}
    assert warned == {
        "Safe Sleep": [],
        "Orientation": ["NOT_ON_MOPD_REPORT"],
        "Medication Safety": ["MISSING_TIMES"],  # the report gives no times
        "CPR": ["NOT_ON_MOPD_REPORT"],
    }
    again = cli("reconcile", str(report), "--report-date", "2025-06-30")
    assert "On both: 2 trainings" in again.out


def test_map_a_column_and_write_the_pdf(cli: Cli, tmp_path: Path) -> None:
    loaded(cli, tmp_path)
    odd = write_csv(tmp_path / "odd.csv", "Who,What,When,Hrs\n100,Safe Sleep,3/4/2025,2\n")
    refused = cli("reconcile", str(odd))
    assert refused.code == 2
    assert refused.err.splitlines()[0].startswith(
        "row 1: no column of the report was recognised as title (its columns: Who, What, When, Hrs)"
    )
    pdf = tmp_path / "comparison.pdf"
    result = cli(
        "reconcile", str(odd), "--map", "Who=mopd_id", "--map", "What=title", "--map",
        "When=completed_on", "--map", "Hrs=clock_hours", "--output", str(pdf), "--apply",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert result.out.splitlines()[-1] == f"Wrote {pdf} (1 pages)."
    assert pdf.read_bytes().startswith(b"%PDF")
    # the columns were remembered
    assert cli("reconcile", str(odd)).code == 0


def test_usage_errors(cli: Cli, tmp_path: Path) -> None:
    report = loaded(cli, tmp_path)
    bad = cli("reconcile", str(report), "--map", "no equals sign")
    assert bad.code == 2 and "is not HEADER=FIELD" in bad.err
    field = cli("reconcile", str(report), "--map", "County=county")
    assert field.code == 2 and "'county' is not a field of the comparison" in field.err
    day = cli("reconcile", str(report), "--report-date", "13/1/2025")
    assert day.code == 2 and "no month 13" in day.err
    folder = cli("reconcile", str(report), "--output", str(tmp_path / "no" / "x.pdf"))
    assert folder.code == 2 and "does not exist" in folder.err


def test_import_missing_is_all_or_nothing(cli: Cli, tmp_path: Path) -> None:
    loaded(cli, tmp_path)
    before = dump(cli.db)
    report = write_csv(
        tmp_path / "r.csv",
        "MOPD ID,Training Title,Training Date,Clock Hours\n"
        "100,New course,2025-04-01,1\n999,Unknown,2025-04-02,1\n",
    )
    result = cli("reconcile", str(report), "--import-missing")
    assert result.code == 2
    assert result.err.splitlines()[-2:] == [
        "row 3, column mopd_id: no staff member has MOPD ID '999' (import the staff file first)",
        "nothing was imported",
    ]
    assert dump(cli.db) == before
