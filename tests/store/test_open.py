"""Opening files: new ones are created with our settings; foreign or newer ones are
refused and left byte-for-byte unchanged."""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
from contextlib import closing
from pathlib import Path

import pytest

from ccdesktop.store import connection
from ccdesktop.store.database import SCHEMA_VERSION, Database
from ccdesktop.store.errors import (
    DatabaseCorruptError,
    NewerSchemaError,
    NotADatabaseError,
    StoreError,
)
from ccdesktop.store.header import APPLICATION_ID
from tests.factories import new_staff, sha256

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


def _pragma(db: Database, name: str) -> object:
    return db._conn.execute(f"PRAGMA {name}").fetchone()[0]


def test_missing_file_is_created_with_folders(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "center.sqlite3"
    with Database.open(path) as db:
        assert db.path == path
        assert db.schema_version == SCHEMA_VERSION
        assert db.list_staff() == []
    assert path.stat().st_size > 0


@posix_only
def test_new_folders_and_file_are_private(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "center.sqlite3"
    Database.open(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "new" / "deeper").stat().st_mode) == 0o700


def test_reopen_keeps_data(db_path: Path) -> None:
    with Database.open(db_path) as db:
        saved = db.add_staff(new_staff())
    with Database.open(db_path) as db:
        assert db.list_staff() == [saved]
        assert db.schema_version == SCHEMA_VERSION


def test_empty_file_becomes_a_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    path.write_bytes(b"")
    with Database.open(path) as db:
        assert db.schema_version == SCHEMA_VERSION
    assert path.read_bytes().startswith(b"SQLite format 3\x00")


def test_blank_sqlite_file_is_initialised(tmp_path: Path) -> None:
    # what "New database" in a SQLite browser writes: a valid file with no schema
    path = tmp_path / "blank.sqlite3"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("VACUUM")
    assert path.stat().st_size > 0
    with Database.open(path) as db:
        assert db.schema_version == SCHEMA_VERSION
        assert _pragma(db, "application_id") == APPLICATION_ID


def test_pragmas_in_force(db: Database) -> None:
    assert _pragma(db, "foreign_keys") == 1
    assert _pragma(db, "synchronous") == 2  # FULL
    assert _pragma(db, "journal_mode") == "delete"
    assert _pragma(db, "busy_timeout") == connection.BUSY_TIMEOUT_MS
    assert _pragma(db, "application_id") == APPLICATION_ID == 0x43434448
    assert _pragma(db, "user_version") == SCHEMA_VERSION.user_version
    assert db._conn.isolation_level is None


def test_pragmas_in_force_after_reopen(db_path: Path) -> None:
    Database.open(db_path).close()
    with Database.open(db_path) as db:
        assert _pragma(db, "foreign_keys") == 1
        assert _pragma(db, "synchronous") == 2


def test_tables_are_strict(raw: sqlite3.Connection) -> None:
    strict = {
        name: bool(flag)
        for _, name, kind, _, _, flag in raw.execute("PRAGMA table_list")
        if kind == "table" and not name.startswith("sqlite_")
    }
    assert strict == {"center": True, "staff": True, "training_entry": True, "history": True}


def _text_file(path: Path) -> None:
    path.write_text("first_name,last_name\nAna,Lopez\n", encoding="utf-8")


def _other_programs_sqlite(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE bookmarks (url TEXT)")
        conn.execute("INSERT INTO bookmarks VALUES ('https://example.org')")
        conn.commit()


def _other_application_id(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA application_id = 1234")
        conn.execute("PRAGMA user_version = 1")
        conn.commit()


def _random_binary(path: Path) -> None:
    path.write_bytes(os.urandom(8192))


def _short_sqlite_magic(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00 but cut short")


def _wal_without_tables(path: Path) -> None:
    # A WAL file's content may live in the -wal file, so its header proves nothing.
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode = WAL")


@pytest.mark.parametrize(
    "make",
    [
        _text_file,
        _other_programs_sqlite,
        _other_application_id,
        _random_binary,
        _short_sqlite_magic,
        _wal_without_tables,
    ],
)
def test_foreign_files_are_refused_and_unchanged(tmp_path: Path, make: object) -> None:
    path = tmp_path / "not-ours.sqlite3"
    make(path)  # type: ignore[operator]
    before = sha256(path)
    names_before = sorted(os.listdir(tmp_path))
    with pytest.raises(NotADatabaseError) as raised:
        Database.open(path)
    assert "not a ccdesktop database" in str(raised.value)
    assert str(path) in str(raised.value)
    assert sha256(path) == before
    assert sorted(os.listdir(tmp_path)) == names_before


def test_newer_schema_is_refused_and_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    Database.open(path).close()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA user_version = 99")
        conn.execute("CREATE TABLE from_the_future (x INTEGER)")
        conn.commit()
    before = sha256(path)
    with pytest.raises(NewerSchemaError) as raised:
        Database.open(path)
    assert "newer ccdesktop" in str(raised.value)
    assert "99" in str(raised.value)
    assert sha256(path) == before


def test_folder_in_place_of_file_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="Cannot open"):
        Database.open(tmp_path)


def test_old_sqlite_library_is_refused_with_a_clear_message() -> None:
    with pytest.raises(StoreError, match=r"3\.36\.0.*3\.37\.0 or newer"):
        connection.check_sqlite_version((3, 36, 0))
    connection.check_sqlite_version((3, 37, 0))


def test_close_twice_is_harmless(db_path: Path) -> None:
    db = Database.open(db_path)
    db.close()
    db.close()


def test_save_copy_is_a_working_database(db: Database, tmp_path: Path) -> None:
    saved = db.add_staff(new_staff())
    copy_path = tmp_path / "copy.sqlite3"
    db.save_copy(copy_path)
    with Database.open(copy_path) as copy:
        assert copy.list_staff() == [saved]
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


def test_save_copy_onto_itself_is_refused(db: Database) -> None:
    before = db.path.read_bytes()
    with pytest.raises(StoreError, match="open database itself"):
        db.save_copy(db.path)
    assert db.path.read_bytes() == before


def test_damaged_file_of_ours_is_a_corrupt_error(db_path: Path) -> None:
    Database.open(db_path).close()
    data = bytearray(db_path.read_bytes())
    data[100:4096] = bytes(range(256)) * 15 + bytes(range(156))  # the schema page
    db_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseCorruptError, match="damaged"), Database.open(db_path) as db:
        db.list_staff()
