"""``ccdesktop plan`` and what issue 13 adds to ``audit --json`` and the report, end to
end on a temporary --db, with the day the commands judge "as of" set by the test."""

from __future__ import annotations

import io
import json
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from ccdesktop import cli as cli_module
from ccdesktop.domain.records import EntryKind, TrainingEntry
from ccdesktop.store.database import Database

from .conftest import Cli, write_csv

TODAY = date(2026, 12, 2)

STAFF = """
first_name,last_name,mopd_id,role,hire_date,end_date,requires_clock_hours
Ana,Lopez,123456,Infant Teacher,2020-01-06,,yes
Bo,Bell,223344,Assistant,2026-11-20,,yes
Sam,Cook,,Cook,2019-03-01,,no
"""

TRAINING = """
mopd_id,title,completed_on,clock_hours,start_time,end_time
123456,New Staff Orientation,2020-01-06,2,09:00,11:00
123456,Safe Sleep for Infants,2024-01-10,2,09:00,11:00
123456,Child Development,2026-03-02,8,08:00,16:00
123456,Positive Guidance,2026-12-12,3,09:00,12:00
123456,Child Development,2026-12-19,2,09:00,11:00
223344,Hand Washing,2026-11-25,1,08:00,09:00
"""

#: the JSON keys of INTERFACES.md, which must stay as they are
STAFF_KEYS = {
    "mopd_id", "first_name", "last_name", "status", "required", "earned",
    "applied_to_prior", "counted", "prior_deficit_remaining", "hours_needed", "warnings",
}  # fmt: skip
ENTRY_KEYS = {
    "id", "mopd_id", "title", "completed_on", "start_time", "end_time", "clock_hours",
    "credited", "reasons", "warnings",
}  # fmt: skip


@pytest.fixture
def center(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setattr(cli_module, "_today", lambda: TODAY)
    assert cli("import-staff", str(write_csv(tmp_path / "staff.csv", STAFF))).code == 0
    assert cli("import-training", str(write_csv(tmp_path / "training.csv", TRAINING))).code == 0
    assert cli("center", "--name", "Little Acorns", "--records-start", "2026").code == 0
    with Database.open(cli.db) as db:
        db.set_center(db.get_center().replace(licensed_for_infants=True))
        ana = next(s for s in db.list_staff() if s.first_name == "Ana")
        assert ana.id is not None
        db.add_entries(
            [
                TrainingEntry(
                    staff_id=ana.id,
                    title="Pediatric First Aid/CPR/AED",
                    completed_on=date(2025, 2, 1),
                    clock_hours=0,
                    kind=EntryKind.CREDENTIAL,
                    expires_on=date(2027, 1, 31),
                )
            ]
        )
    return cli


def test_plan_prints_the_table_most_urgent_first(center: Cli) -> None:
    result = center("plan", "--year", "2026")
    assert result.code == 0, result.err
    out = result.out
    assert out.startswith("Year-end plan 2026: Little Acorns\n")
    assert "As of 12/2/2026: 29 days left until December 31, 2026." in out
    assert "Reminders:\n  2 people are short of their 2026 hours with 29 days left.\n" in out
    # Ana's lapses on 1/10/2027, Bo's (hired 11/20) is due by 12/20/2026
    assert "  Safe Sleep is due for 2 people by 1/10/2027.\n" in out
    assert "  CPR lapses for 1 person in January 2027.\n  CPR is missing for 1 person." in out
    # Bo, hired 11/20 with orientation overdue, before Ana (Safe Sleep due 1/10/2027)
    bo, ana = out.index("Bell, Bo"), out.index("Lopez, Ana")
    assert bo < ana
    assert "      Safe Sleep: due by 12/20/2026\n" in out
    assert "      Orientation: overdue since 11/21/2026\n" in out
    # Ana's Safe Sleep is current on December 31 (the plan's horizon): not listed
    assert "Safe Sleep: due: current until 1/10/2027" not in out
    assert "      1 planned training would earn no credit (see the Training page)" in out
    assert "Cook" not in out.split("Reminders:")[1]  # needs no clock hours: not listed
    row = next(line for line in out.splitlines() if line.startswith("2  Lopez, Ana"))
    # needed 4 (12 - 8), planned 3 (the repeat of Child Development is not), gap 1
    assert row.split()[4:7] == ["4", "3", "1"]


def test_plan_writes_the_printable_sheet(center: Cli, tmp_path: Path) -> None:
    target = tmp_path / "plan.pdf"
    result = center("plan", "--year", "2026", "--output", str(target))
    assert result.code == 0, result.err
    assert result.out == f"Wrote {target} (1 page).\n"
    text = unicodedata.normalize(
        "NFC", " ".join(page.extract_text() for page in PdfReader(target).pages)
    )
    flat = " ".join(text.split())
    assert "Year-end plan, 2026" in flat and "Little Acorns" in flat
    assert "Bell, Bo" in flat and "Orientation: ✗ overdue since 11/21/2026" in flat
    assert "Page 1 of 1" in flat


def test_plan_output_in_a_missing_folder_is_refused(center: Cli, tmp_path: Path) -> None:
    result = center("plan", "--output", str(tmp_path / "nowhere" / "plan.pdf"))
    assert result.code == 2 and "does not exist" in result.err


def test_audit_json_adds_requirements_and_planned_and_keeps_its_keys(center: Cli) -> None:
    result = center("audit", "--year", "2026", "--json")
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert document["as_of"] == "2026-12-02"
    ana = next(s for s in document["staff"] if s["first_name"] == "Ana")
    assert ana.keys() >= STAFF_KEYS
    # planned hours are not earned, counted or needed-less
    assert (ana["earned"], ana["counted"], ana["hours_needed"], ana["planned"]) == (8, 8, 4, 3)
    requirements = {r["name"]: r for r in ana["requirements"]}
    assert list(requirements) == ["Safe Sleep", "CPR", "First Aid", "Orientation"]
    assert requirements["Safe Sleep"] == {
        "name": "Safe Sleep",
        "status": "due",
        "until": "2027-01-10",
        "due_on": "2027-01-10",
        "met_by": requirements["Safe Sleep"]["met_by"],
        "planned_on": None,
        "text": "due: current until 1/10/2027",
    }
    assert requirements["CPR"]["status"] == "due" and requirements["CPR"]["until"] == "2027-01-31"
    assert requirements["Orientation"]["status"] == "current"
    cook = next(s for s in document["staff"] if s["last_name"] == "Cook")
    assert {r["status"] for r in cook["requirements"]} == {"not_applicable"}
    entries = {(e["title"], e["completed_on"]): e for e in document["entries"]}
    assert all(e.keys() >= ENTRY_KEYS for e in document["entries"])
    planned = entries[("Positive Guidance", "2026-12-12")]
    assert planned["planned"] is True and planned["credited"] is True
    assert entries[("Child Development", "2026-12-19")]["reasons"] == ["REPEAT_WITHIN_12_MONTHS"]
    assert entries[("Child Development", "2026-03-02")]["planned"] is False


def test_audit_table_lists_planned_entries_apart(center: Cli) -> None:
    out = center("audit", "--year", "2026").out
    assert "Planned entries (2), not counted until done:" in out
    assert "Positive Guidance  3 h  would be credited" in out
    assert "would be denied: repeats Child Development within 12 months of 3/2/2026; " in out
    assert "first credited date 3/2/2027" in out
    assert "Denied entries" not in out  # a planned denial is not a denied entry yet


def test_report_has_the_staff_training_file(center: Cli, tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    assert center("report", "--year", "2026", "--output", str(target)).code == 0
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Staff training file: required trainings, 12/2/2026" in text
    assert "✓ current (does not lapse) New Staff Orientation, 1/6/2020" in text
