"""reconciling.py: comparing a center's file with the MOPD report, applying it in one
transaction (marks, the report's date and columns, the rows only the report has), and
undoing it exactly."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time
from pathlib import Path

import pytest

from ccdesktop import reconciling, workflows
from ccdesktop.domain.codes import WarningCode
from ccdesktop.domain.records import Staff, TrainingEntry
from ccdesktop.io.csv_read import CsvImportError
from ccdesktop.store.database import Database

REPORT = (
    "MOPD ID,Training Title,Event ID,Training Date,Clock Hours,Trainer\n"
    "100,Safe Sleep,SS-1,3/4/2025,2,CCHC\n"
    "100,Medication Safety,MS-2,4/1/2025,1.5,CCHC\n"
    "200,CPR,,5/1/2025,4,Red Cross\n"
)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "c.sqlite3")
    ana = database.add_staff(Staff("Ana", "Lopez", "100", hire_date=date(2024, 1, 1)))
    bo = database.add_staff(Staff("Bo", "Chen", "200", hire_date=date(2024, 1, 1)))
    assert ana.id and bo.id
    database.add_entries(
        [
            TrainingEntry(
                ana.id,
                "Safe Sleep",
                date(2025, 3, 4),
                200,
                course_id="SS-1",
                start_time=time(9),
                end_time=time(11),
            ),
            TrainingEntry(
                ana.id, "Orientation", date(2025, 3, 10), 100, start_time=time(9), end_time=time(10)
            ),
            TrainingEntry(
                bo.id, "Later", date(2025, 8, 1), 100, start_time=time(9), end_time=time(10)
            ),
        ]  # fmt: skip
    )
    yield database
    database.close()


def report(tmp_path: Path, text: str = REPORT) -> Path:
    path = tmp_path / "report.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_compare_writes_nothing(db: Database, tmp_path: Path) -> None:
    before = db.load()
    read, result = reconciling.read_and_compare(db, report(tmp_path), report_on=date(2025, 6, 30))
    assert len(read.rows) == 3
    assert [m.entry.title for m in result.on_both] == ["Safe Sleep"]
    assert [e.title for e in result.only_here] == ["Orientation"]
    assert [r.entry.title for r in result.only_on_report] == ["Medication Safety", "CPR"]
    assert db.load() == before


def test_apply_marks_warns_remembers_and_undoes(db: Database, tmp_path: Path) -> None:
    before = db.load()
    read, result = reconciling.read_and_compare(db, report(tmp_path), report_on=date(2025, 6, 30))
    plan = reconciling.plan_apply(before, read, result)
    applied = reconciling.apply_plan(db, plan)
    after = db.load()
    marks = {e.title: e.mopd_report_on for e in after.entries}
    assert marks == {"Safe Sleep": date(2025, 6, 30), "Orientation": None, "Later": None}
    assert after.center.mopd_report_on == date(2025, 6, 30)
    assert dict(after.center.mopd_columns)["Training Title"] == "title"
    audit = workflows.audit(db, 2025)
    warned = {r.entry.title: r.verdict.warnings for r in audit.entries}
    assert warned["Orientation"] == (WarningCode.NOT_ON_MOPD_REPORT,)
    assert warned["Safe Sleep"] == () and warned["Later"] == ()  # after the report's date
    assert audit.standing(1).earned == 300  # a warning: credit unchanged
    reconciling.revert_plan(db, applied)
    assert db.load() == before


def test_the_columns_are_remembered_for_the_next_report(db: Database, tmp_path: Path) -> None:
    odd = "Who,What,When,Hrs\n100,Safe Sleep,3/4/2025,2\n"
    with pytest.raises(CsvImportError):
        reconciling.read_and_compare(db, report(tmp_path, odd))
    chosen = {"Who": "mopd_id", "What": "title", "When": "completed_on", "Hrs": "clock_hours"}
    read, result = reconciling.read_and_compare(db, report(tmp_path, odd), chosen=chosen)
    reconciling.apply_plan(db, reconciling.plan_apply(db.load(), read, result))
    again, _ = reconciling.read_and_compare(db, report(tmp_path, odd))
    assert dict(again.column_map) == chosen


def test_import_the_rows_only_the_report_has(db: Database, tmp_path: Path) -> None:
    before = db.load()
    read, result = reconciling.read_and_compare(db, report(tmp_path), report_on=date(2025, 6, 30))
    plan = reconciling.plan_apply(before, read, result, import_missing=True)
    assert [e.title for e in plan.to_import] == ["Medication Safety", "CPR"]
    applied = reconciling.apply_plan(db, plan)
    after = {e.title: e for e in db.load().entries}
    assert after["CPR"].mopd_report_on == date(2025, 6, 30)
    assert after["CPR"].notes == "imported from the MOPD training report of 6/30/2025"
    assert after["Medication Safety"].clock_hours == 150
    assert after["Medication Safety"].provider == "CCHC"
    # a second comparison finds them on both, and importing again adds nothing
    read2, result2 = reconciling.read_and_compare(db, report(tmp_path), report_on=date(2025, 6, 30))
    assert not result2.only_on_report and len(result2.on_both) == 3
    # undo takes the imported entries out; redo puts the same ones back with their ids
    reconciling.revert_plan(db, applied)
    assert db.load() == before
    redone = reconciling.apply_plan(db, applied)
    assert [e.id for e in redone.imported] == [e.id for e in applied.imported]


def test_importing_is_all_or_nothing(db: Database, tmp_path: Path) -> None:
    text = REPORT + "999,Unknown person's course,,5/2/2025,1,X\n"
    read, result = reconciling.read_and_compare(
        db, report(tmp_path, text), report_on=date(2025, 6, 30)
    )
    with pytest.raises(CsvImportError) as caught:
        reconciling.plan_apply(db.load(), read, result, import_missing=True)
    assert [str(p) for p in caught.value.problems] == [
        "row 5, column mopd_id: no staff member has MOPD ID '999' (import the staff file first)"
    ]
    # without importing, the same comparison can still be applied
    reconciling.plan_apply(db.load(), read, result)


def test_a_row_of_a_person_whose_mopd_id_is_not_on_record_imports_by_name(
    db: Database, tmp_path: Path
) -> None:
    cy = db.add_staff(Staff("Cy", "Diaz", None, hire_date=date(2024, 1, 1)))
    text = "MOPD ID,First Name,Last Name,Training Title,Training Date,Clock Hours\n"
    text += "300,Cy,Diaz,CPR,5/1/2025,4\n"
    read, result = reconciling.read_and_compare(
        db, report(tmp_path, text), report_on=date(2025, 6, 30)
    )
    assert result.staff_of_row[2] == cy
    plan = reconciling.plan_apply(db.load(), read, result, import_missing=True)
    assert [e.staff_id for e in plan.to_import] == [cy.id]
