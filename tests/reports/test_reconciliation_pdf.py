"""The printable comparison with the MOPD report (reports/reconciliation.py)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from pdf_text import all_text, page_texts, reader

from ccdesktop.domain.reconcile import ReportRow, reconcile
from ccdesktop.domain.records import Center, Staff, TrainingEntry
from ccdesktop.reports.reconciliation import build_reconciliation

STAFF = (
    Staff("Ana", "Lopez", "100", id=1),
    Staff("Bo", "Chen", "200", id=2),
)
ENTRIES = (
    TrainingEntry(1, "Safe Sleep", date(2025, 3, 4), 200, course_id="SS-1", id=1),
    TrainingEntry(1, "Orientation", date(2025, 3, 10), 100, id=2),
    TrainingEntry(2, "CPR", date(2025, 5, 1), 400, id=3),
    TrainingEntry(2, "Later", date(2025, 8, 1), 100, id=4),
)
ROWS = (
    ReportRow(2, "100", "", "", TrainingEntry(0, "Safe Sleep", date(2025, 3, 4), 200, "SS-1")),
    ReportRow(3, "200", "", "", TrainingEntry(0, "CPR", date(2025, 5, 1), 350)),
    ReportRow(4, "999", "Zed", "Young", TrainingEntry(0, "Other", date(2025, 4, 2), 100)),
)
CENTER = Center(name="Little Acorns", license_number="L-9", director="María Gómez")


def build(tmp_path: Path, applied: bool = False) -> Path:
    result = reconcile(STAFF, ENTRIES, ROWS, date(2025, 6, 30))
    path = tmp_path / "comparison.pdf"
    written = build_reconciliation(
        result,
        path,
        center=CENTER,
        staff=STAFF,
        source="report.csv, 3 rows",
        produced_at=datetime(2025, 7, 1, 14, 30),
        applied=applied,
    )
    assert written.path == path and written.page_count == 1
    return path


def test_the_three_lists_and_what_they_mean(tmp_path: Path) -> None:
    text = all_text(build(tmp_path))
    assert "Comparison with the MOPD training report" in text
    assert "MOPD report report.csv, 3 rows" in text
    assert "Report date 6/30/2025" in text
    assert "3 training entries completed on or before 6/30/2025 (1 later ones" in text
    assert (
        "1 training on both. 2 trainings in ccdesktop are not on the MOPD report: the "
        "inspector will not count them. 2 rows of the MOPD report are not in ccdesktop."
    ) in text
    assert "The comparison was not applied: nothing in the records was changed." in text
    # in ccdesktop only, by last name: Chen before Lopez, with the hint
    here = text[text.index("In ccdesktop, not on the MOPD report") :]
    assert here.index("Bo Chen") < here.index("Ana Lopez")
    assert "The MOPD report has it with 3.5 hours (row 3)" in here
    there = text[text.index("On the MOPD report, not in ccdesktop") :]
    assert "Zed Young (999) — no staff member on record" in there
    assert "Bo Chen (200) nearly matches an entry: correct one" in there
    both = text[text.index("On both") :]
    assert "Ana Lopez 3/4/2025 Safe Sleep SS-1 2" in both
    assert "Little Acorns · MOPD report of 6/30/2025" in page_texts(tmp_path / "comparison.pdf")[0]


def test_applied_says_what_changed(tmp_path: Path) -> None:
    text = all_text(build(tmp_path, applied=True))
    assert "The comparison was applied" in text
    assert "carries the warning “Not on the MOPD report” (a warning: credit is not changed)" in text


def test_metadata_names_the_center_and_no_person(tmp_path: Path) -> None:
    meta = reader(build(tmp_path)).metadata
    assert meta is not None and meta.author == "Little Acorns"
    values = " ".join(str(v) for v in meta.values())
    assert "Lopez" not in values and "Gómez" not in values


def test_a_failed_build_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    path = tmp_path / "comparison.pdf"
    path.write_bytes(b"old")

    def refuse(src: str, dst: str) -> None:
        raise PermissionError(13, "open in another program", dst)

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(PermissionError):
        build(tmp_path)
    assert path.read_bytes() == b"old" and os.listdir(tmp_path) == ["comparison.pdf"]
