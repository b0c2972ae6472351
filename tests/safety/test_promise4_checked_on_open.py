"""Promise 4: quick_check on every open, "Check database" (integrity_check and
foreign_key_check), a damaged file never written to but set aside as .damaged with
the newest good backup offered, and plain messages for locked, full and read-only."""

from __future__ import annotations

import io
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from ccdesktop.cli import run
from ccdesktop.store import opening as opening_module
from ccdesktop.store.database import Database
from ccdesktop.store.errors import (
    DatabaseBusyError,
    DatabaseDamagedError,
    DiskFullError,
    ReadOnlyError,
)
from tests.factories import new_entry, new_staff

from .helpers import damage_a_table_page as _damage_a_table_page


def _center(path: Path, entries: int = 300) -> None:
    with Database.open(path) as db:
        person = db.add_staff(new_staff())
        assert person.id is not None
        db.add_entries(
            [new_entry(person.id, f"Course {n}", notes="x" * 50) for n in range(entries)]
        )


def test_promise4_quick_check_runs_on_every_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = opening_module.quick_check

    def counting(conn: sqlite3.Connection) -> list[str]:
        calls.append("quick_check")
        return real(conn)

    monkeypatch.setattr(opening_module, "quick_check", counting)
    path = tmp_path / "c.sqlite3"
    Database.open(path).close()
    Database.open(path).close()
    with Database.open(path):
        Database.open(path, read_only=True).close()
    assert calls == ["quick_check"] * 4


def test_promise4_a_damaged_file_is_set_aside_unchanged_and_a_backup_offered(
    tmp_path: Path,
) -> None:
    path = tmp_path / "c.sqlite3"
    _center(path)
    Database.open(path).close()  # the first open of the day backs it up
    _damage_a_table_page(path)
    damaged_bytes = path.read_bytes()
    with pytest.raises(DatabaseDamagedError) as caught:
        Database.open(path)
    error = caught.value
    aside = tmp_path / "c.sqlite3.damaged"
    assert Path(str(error.damaged_path)) == aside
    assert aside.read_bytes() == damaged_bytes  # never written to
    assert not path.exists()
    assert error.newest_backup is not None and "newest good backup" in str(error)
    assert str(aside) in str(error)


def test_promise4_damage_without_a_backup_says_so(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    _center(path)
    _damage_a_table_page(path)
    with pytest.raises(DatabaseDamagedError, match="no good backup") as caught:
        Database.open(path)
    assert caught.value.newest_backup is None


def test_promise4_check_database_runs_integrity_and_foreign_key_checks(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    _center(path, entries=3)
    with Database.open(path) as db:
        assert db.check().ok
    # an entry whose staff member is gone (written with foreign keys off)
    with closing(sqlite3.connect(path, isolation_level=None)) as raw:
        raw.execute("PRAGMA foreign_keys = OFF")
        raw.execute("UPDATE training_entry SET staff_id = 99 WHERE id = 2")
    with Database.open(path) as db:
        report = db.check()
    assert not report.ok and report.foreign_keys == [("training_entry", 2, "staff")]
    assert any("refers to a missing staff row" in line for line in report.lines())


def test_promise4_cli_check(tmp_path: Path, user_dirs: Path) -> None:
    path = tmp_path / "c.sqlite3"
    _center(path, entries=3)
    out, err = io.StringIO(), io.StringIO()
    assert run(["check", "--db", str(path)], out, err) == 0
    assert "healthy" in out.getvalue()
    with closing(sqlite3.connect(path, isolation_level=None)) as raw:
        raw.execute("PRAGMA foreign_keys = OFF")
        raw.execute("DELETE FROM staff")
    out, err = io.StringIO(), io.StringIO()
    assert run(["check", "--db", str(path)], out, err) == 2
    assert "foreign_key_check" in err.getvalue() and "Traceback" not in err.getvalue()


def test_promise4_cli_damaged_file_is_a_plain_message(tmp_path: Path, user_dirs: Path) -> None:
    path = tmp_path / "c.sqlite3"
    _center(path)
    _damage_a_table_page(path)
    out, err = io.StringIO(), io.StringIO()
    assert run(["audit", "--db", str(path)], out, err) == 2
    assert ".damaged" in err.getvalue() and "Traceback" not in err.getvalue()


def test_promise4_locked_is_a_plain_message(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with Database.open(path) as db, closing(sqlite3.connect(path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        db._conn.execute("PRAGMA busy_timeout = 0")
        with pytest.raises(DatabaseBusyError, match="database is locked") as caught:
            db.add_staff(new_staff())
        other.execute("ROLLBACK")
    assert "another program or ccdesktop window" in str(caught.value)


def test_promise4_disk_full_is_a_plain_message(tmp_path: Path) -> None:
    with Database.open(tmp_path / "c.sqlite3") as db:
        person = db.add_staff(new_staff())
        assert person.id is not None
        pages = db._conn.execute("PRAGMA page_count").fetchone()[0]
        db._conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(DiskFullError, match="full; nothing was saved"):
            db.add_entries([new_entry(person.id, "x" * 3000, notes=str(n)) for n in range(50)])


def test_promise4_read_only_file_is_a_plain_message(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    _center(path, entries=1)
    with Database.open(path, read_only=True) as db:
        with pytest.raises(ReadOnlyError, match="nothing was changed"):
            db.add_staff(new_staff("Zoë", "Ng"))
        db._read_only_reason = None  # even past our own guard, SQLite refuses
        with pytest.raises(ReadOnlyError, match="cannot be written"):
            db.add_staff(new_staff("Zoë", "Ng"))
