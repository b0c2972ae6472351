"""Promise 8: privacy. Files readable by the user only, logs without names, formula
injection neutralised in exports, exports and backups written atomically, PDF
metadata without personal data, and no network connection (tests/conftest.py fails
any test that opens a socket)."""

from __future__ import annotations

import csv
import io
import os
import socket
from pathlib import Path

import pytest

from ccdesktop import workflows
from ccdesktop.cli import run
from ccdesktop.io import export_csv
from ccdesktop.io.training_csv import parse_training_csv
from ccdesktop.store.database import Database
from tests.factories import new_entry, new_staff

from .helpers import write_staff

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")

NAMES = ("Lopez", "O'Brien", "Seán")
FORMULAS = ('=HYPERLINK("http://x")', "+1+1", "-2", "@SUM(A1)", "\tcmd", "\rcmd")


@posix_only
def test_promise8_database_and_folders_are_user_only(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "c.sqlite3"
    with Database.open(path) as db:
        db.add_staff(new_staff())
        backup = db.backup()
    for folder in (tmp_path / "new", tmp_path / "new" / "deeper", backup.parent):
        assert oct(folder.stat().st_mode & 0o777) == "0o700", folder
    for file in (path, backup):
        assert oct(file.stat().st_mode & 0o777) == "0o600", file


@posix_only
def test_promise8_logs_are_user_only_and_hold_no_names(tmp_path: Path, user_dirs: Path) -> None:
    db = tmp_path / "c.sqlite3"
    out, err = io.StringIO(), io.StringIO()
    assert run(["import-staff", str(write_staff(tmp_path)), "--db", str(db)], out, err) == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("mopd_id,title,completed_on,clock_hours\n100200,Safe Sleep,2025-02-30,1\n")
    assert run(["import-training", str(bad), "--db", str(db)], out, err) == 2
    with Database.open(db) as opened:
        ana = opened.list_staff()[0]
        assert ana.id is not None
        opened.delete_staff(ana.id)
    logs = list((user_dirs / "xdg_state_home").rglob("*.log"))
    assert logs, "the CLI wrote no log"
    for log_file in logs:
        assert oct(log_file.stat().st_mode & 0o777) == "0o600"
        assert oct(log_file.parent.stat().st_mode & 0o777) == "0o700"
        text = log_file.read_text(encoding="utf-8")
        for name in NAMES:
            assert name not in text


def test_promise8_exported_cells_are_neutralised_and_read_back(tmp_path: Path) -> None:
    with Database.open(tmp_path / "c.sqlite3") as db:
        person = db.add_staff(new_staff(FORMULAS[0], "Lopez", mopd_id="100200"))
        assert person.id is not None
        db.add_entries(
            [
                new_entry(person.id, f"T{n}", provider=text, notes=text)
                for n, text in enumerate(FORMULAS)
            ]
        )
        result = workflows.audit(db, 2025)
    out = tmp_path / "export.csv"
    export_csv.write_entries_csv(result, out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["first_name"] == "'" + FORMULAS[0]
    assert sorted(row["notes"] for row in rows) == sorted("'" + text for text in FORMULAS)
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    parsed = parse_training_csv(out)
    assert sorted(row.entry.notes for row in parsed.rows) == sorted(t.strip() for t in FORMULAS)


def test_promise8_a_failed_export_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "staff.csv"
    export_csv.write_staff_csv([new_staff(id=1)], out)
    before = out.read_bytes()

    def fail(self: object, rows: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(csv.DictWriter, "writerows", fail)
    with pytest.raises(OSError, match="No space"):
        export_csv.write_staff_csv([new_staff("Zoë", "Ng", id=2)], out)
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["staff.csv"]


def test_promise8_pdf_metadata_has_no_personal_data(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from ccdesktop.reports.pdf_report import build_report

    with Database.open(tmp_path / "c.sqlite3") as db:
        db.set_center(db.get_center().replace(name="Little Acorns", director="Maria Diaz"))
        person = db.add_staff(new_staff(mopd_id="100200"))
        assert person.id is not None
        db.add_entry(new_entry(person.id))
        result = workflows.audit(db, 2025)
    pdf = tmp_path / "report.pdf"
    build_report(result, pdf)
    with pdf.open("rb") as handle:
        metadata = PdfReader(handle).metadata or {}
        values = " ".join(str(value) for value in metadata.values())
    assert "Little Acorns" in values  # the center, as printed on the report
    for personal in ("Ana", "Lopez", "100200", "Maria", "Diaz", os.environ.get("USER", "~")):
        assert personal not in values, personal


def test_promise8_the_suite_refuses_sockets(no_network: list[str]) -> None:
    before = len(no_network)
    with pytest.raises(OSError, match="promise 8"):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(OSError, match="promise 8"):
        socket.create_connection(("example.org", 80))
    assert len(no_network) == before + 2
    del no_network[before:]  # this test's own attempts were on purpose
