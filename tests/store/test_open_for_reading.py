"""Opening for a command that only reads (issue 12, point 5): read-only, no lock and
nothing written when the file is ready; the ordinary open when it must be created,
upgraded or set aside; and a new file a refused command made is taken back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ccdesktop.domain.records import Center
from ccdesktop.store.database import Database
from ccdesktop.store.errors import DatabaseDamagedError, DatabaseInUseError, ReadOnlyError
from ccdesktop.store.lock import lock_path
from ccdesktop.store.versions import SchemaVersion
from tests.factories import new_entry, new_staff, sha256

FIXTURES = Path(__file__).parents[1] / "fixtures"


def test_a_current_file_is_opened_read_only_without_the_lock(db_path: Path) -> None:
    with Database.open(db_path) as db:
        db.add_staff(new_staff())
    for backup in (db_path.parent / "backups").glob("*"):
        backup.unlink()
    digest = sha256(db_path)
    with Database.open_for_reading(db_path) as reader:
        assert reader.read_only and [s.last_name for s in reader.list_staff()] == ["Lopez"]
        assert not lock_path(db_path).exists()
        with pytest.raises(ReadOnlyError):
            reader.add_staff(new_staff("Zoë", "Ng"))
    assert sha256(db_path) == digest
    assert not any((db_path.parent / "backups").glob("*"))  # no daily backup


def test_it_reads_while_this_process_or_another_holds_the_lock(db_path: Path) -> None:
    with Database.open(db_path) as editor:
        editor.add_staff(new_staff())
        with Database.open_for_reading(db_path) as reader:
            assert len(reader.list_staff()) == 1


def test_a_missing_file_is_created_as_by_open(tmp_path: Path) -> None:
    path = tmp_path / "new" / "c.sqlite3"
    with Database.open_for_reading(path) as db:
        assert not db.read_only and db.list_staff() == []
    assert path.exists()


def test_an_older_file_is_upgraded_as_by_open(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    shutil.copy(FIXTURES / "schema-v1.sqlite3", path)
    with Database.open_for_reading(path) as db:
        assert db.schema_version > SchemaVersion(1) and len(db.list_entries()) == 5


def test_a_damaged_file_is_set_aside_as_by_open(tmp_path: Path) -> None:
    from tests.safety.helpers import damage_a_table_page

    path = tmp_path / "c.sqlite3"
    with Database.open(path) as db:
        person = db.add_staff(new_staff())
        assert person.id is not None
        db.add_entries([new_entry(person.id, f"Course {n}", notes="x" * 50) for n in range(300)])
    damage_a_table_page(path)
    with pytest.raises(DatabaseDamagedError):
        Database.open_for_reading(path)
    assert (tmp_path / "c.sqlite3.damaged").exists()


def test_a_new_file_left_holding_nothing_is_discarded(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "c.sqlite3"
    db = Database.open(path)
    assert db.close_discarding_new_file()
    assert not (tmp_path / "a").exists()
    assert not db.close_discarding_new_file()  # already closed: harmless


def test_a_new_file_with_records_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    db = Database.open(path)
    db.set_center(Center(name="Sunny Days"))
    assert not db.close_discarding_new_file()
    assert path.exists() and not lock_path(path).exists()


def test_an_existing_file_is_never_discarded(db_path: Path) -> None:
    Database.open(db_path).close()
    db = Database.open(db_path)
    assert not db.close_discarding_new_file()
    assert db_path.exists()


def test_a_folder_with_other_files_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "new" / "c.sqlite3"
    db = Database.open(path)
    (tmp_path / "new" / "notes.txt").write_text("mine", encoding="utf-8")
    assert db.close_discarding_new_file()
    assert not path.exists() and (tmp_path / "new" / "notes.txt").exists()


def test_a_write_open_still_refuses_when_another_pc_has_the_file(db_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from ccdesktop.store.lock import LockInfo

    Database.open(db_path).close()
    now = datetime.now(UTC)
    info = LockInfo("maria", "FRONT-DESK", 4242, now - timedelta(hours=1), now, "t")
    lock_path(db_path).write_text(info.to_json(), encoding="utf-8")
    with pytest.raises(DatabaseInUseError, match="maria@FRONT-DESK"):
        Database.open(db_path)
    with Database.open_for_reading(db_path) as reader:
        assert reader.read_only and "maria@FRONT-DESK" in (reader.read_only_reason or "")


def test_a_blank_sqlite_file_is_not_put_back(tmp_path: Path) -> None:
    import sqlite3
    from contextlib import closing

    path = tmp_path / "c.sqlite3"
    with closing(sqlite3.connect(path)) as raw:
        raw.execute("PRAGMA user_version = 0")
        raw.execute("VACUUM")  # a blank SQLite file of one page, no tables
    assert path.stat().st_size > 0
    db = Database.open(path)
    assert not db.close_discarding_new_file()
    assert path.exists()
