"""CSV exports: Excel-ready, formula-safe, atomic, and importable again."""

from __future__ import annotations

import csv
import os
from datetime import date, time
from pathlib import Path

import pytest

from ccdesktop.domain.audit import audit_year
from ccdesktop.domain.records import Center, CenterData, Format, Setting, Staff, TrainingEntry
from ccdesktop.io import export_csv
from ccdesktop.io.export_csv import neutralise, write_entries_csv, write_staff_csv
from ccdesktop.io.importing import plan_staff_import, plan_training_import
from ccdesktop.io.staff_csv import parse_staff_csv
from ccdesktop.io.training_csv import parse_training_csv

STAFF = (
    Staff("=cmd|' /C calc'!A0", "O'Brien", "123456", "+Lead", hire_date=date(2024, 3, 18), id=1),
    Staff("Thị Ánh", "Nguyễn", None, "@Aide", end_date=date(2026, 1, 9), id=2),
    Staff("Dee", "Fischer", "-5", "Cook", requires_clock_hours=False, id=3),
)
ENTRIES = (
    TrainingEntry(1, "=HYPERLINK(\"http://x\")", date(2025, 3, 4), 150, course_id="-12",
                  provider="@CCHC", start_time=time(9), end_time=time(10, 30), id=1),
    TrainingEntry(1, "CPR, First Aid", date(2025, 3, 4), 200, start_time=time(10),
                  end_time=time(12), in_ratio=True, notes="line one\nline two", id=2),
    TrainingEntry(2, "Safe Sleep", date(2025, 6, 1), 25, format=Format.ONLINE_MODULE,
                  setting=Setting.GROUP, enrolled_on=date(2024, 1, 2), approved=False, id=3),
    TrainingEntry(2, "Older", date(2024, 6, 1), 100, id=4),
)  # fmt: skip


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_neutralise() -> None:
    assert [neutralise(t) for t in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx")] == [
        "'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx"
    ]  # fmt: skip
    assert [neutralise(t) for t in ("O'Brien", "Safe Sleep", "", "1.5")] == [
        "O'Brien", "Safe Sleep", "", "1.5"
    ]  # fmt: skip


def test_entries_export_columns_values_and_formula_guard(tmp_path: Path) -> None:
    path = tmp_path / "entries.csv"
    write_entries_csv(audit_year(CenterData(Center(), STAFF, ENTRIES), 2025), path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read_rows(path)
    assert list(rows[0]) == [
        "mopd_id", "first_name", "last_name", "title", "completed_on", "clock_hours",
        "course_id", "provider", "format", "setting", "start_time", "end_time", "in_ratio",
        "approved", "enrolled_on", "notes", "kind", "expires_on", "as_trainer",
        "credited", "reasons", "warnings",
    ]  # fmt: skip
    assert len(rows) == 3  # the 2024 entry is not in the 2025 audit
    first, second, third = rows
    assert first == {
        "mopd_id": "123456",
        "first_name": "'=cmd|' /C calc'!A0",
        "last_name": "O'Brien",
        "title": '\'=HYPERLINK("http://x")',
        "completed_on": "2025-03-04",
        "clock_hours": "1.5",
        "course_id": "'-12",
        "provider": "'@CCHC",
        "format": "in_person",
        "setting": "individual",
        "start_time": "09:00",
        "end_time": "10:30",
        "in_ratio": "no",
        "approved": "yes",
        "enrolled_on": "",
        "notes": "",
        "kind": "training",
        "expires_on": "",
        "as_trainer": "no",
        "credited": "no",
        "reasons": "OVERLAP",
        "warnings": "",
    }
    assert (second["reasons"], second["notes"], second["title"]) == (
        "OVERLAP, IN_RATIO", "line one\nline two", "CPR, First Aid"
    )  # fmt: skip
    assert (third["mopd_id"], third["first_name"], third["clock_hours"]) == ("", "Thị Ánh", "0.25")
    assert third["reasons"] == "ONLINE_GROUP, ELEARNING_WINDOW, NOT_APPROVED"
    assert third["warnings"] == "MISSING_TIMES"


def test_exports_import_again_as_the_same_records(tmp_path: Path) -> None:
    staff_path, entries_path = tmp_path / "staff.csv", tmp_path / "entries.csv"
    write_staff_csv(STAFF, staff_path)
    write_entries_csv(audit_year(CenterData(Center(), STAFF, ENTRIES), 2025), entries_path)

    staff_plan = plan_staff_import([], parse_staff_csv(staff_path).rows)
    assert sorted(staff_plan.to_add, key=lambda s: s.last_name) == sorted(
        (s.replace(id=None) for s in STAFF), key=lambda s: s.last_name
    )
    # on top of the originals nothing changes and nothing is added again
    again = plan_staff_import(STAFF, parse_staff_csv(staff_path).rows)
    assert (again.to_add, again.to_update, again.unchanged) == ([], [], 3)

    parsed = parse_training_csv(entries_path)
    fresh = plan_training_import(STAFF, [], parsed.rows)
    assert fresh.to_add == [e.replace(id=None) for e in ENTRIES[:3]]
    present = plan_training_import(STAFF, ENTRIES, parsed.rows)
    assert (present.to_add, present.already_present) == ([], 3)


def test_staff_export(tmp_path: Path) -> None:
    path = tmp_path / "staff.csv"
    write_staff_csv(STAFF, path)
    rows = read_rows(path)
    assert [r["last_name"] for r in rows] == ["Fischer", "Nguyễn", "O'Brien"]
    assert rows[0] == {
        "first_name": "Dee", "last_name": "Fischer", "mopd_id": "'-5", "role": "Cook",
        "hire_date": "", "end_date": "", "requires_clock_hours": "no",
    }  # fmt: skip
    assert (rows[1]["end_date"], rows[1]["role"], rows[1]["mopd_id"]) == (
        "2026-01-09",
        "'@Aide",
        "",
    )
    assert rows[2]["hire_date"] == "2024-03-18"


def test_failed_replace_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "staff.csv"
    path.write_text("old contents", encoding="utf-8")

    def refuse(src: str, dst: str) -> None:
        raise PermissionError(13, "The file is open in Excel", dst)

    monkeypatch.setattr(export_csv.os, "replace", refuse)
    with pytest.raises(PermissionError):
        write_staff_csv(STAFF, path)
    assert path.read_text(encoding="utf-8") == "old contents"
    assert os.listdir(tmp_path) == ["staff.csv"]


def test_failure_while_writing_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "entries.csv"
    path.write_text("old contents", encoding="utf-8")
    calls = []

    def fail_midway(self: csv.DictWriter[str], rows: object) -> None:
        calls.append(rows)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(csv.DictWriter, "writerows", fail_midway)
    with pytest.raises(OSError, match="No space left"):
        write_entries_csv(audit_year(CenterData(Center(), STAFF, ENTRIES), 2025), path)
    assert calls
    assert path.read_text(encoding="utf-8") == "old contents"
    assert os.listdir(tmp_path) == ["entries.csv"]


def test_new_file_is_created(tmp_path: Path) -> None:
    path = tmp_path / "new.csv"
    write_staff_csv([], path)
    assert path.read_bytes() == (
        b"\xef\xbb\xbffirst_name,last_name,mopd_id,role,hire_date,end_date,requires_clock_hours\r\n"
    )
