"""The numbered migration framework: an empty file goes 0 -> SCHEMA_VERSION; steps
run in order, each in its own transaction that also bumps user_version. Versions are
major.minor (``versions.py``): a newer minor opens read-only, a newer major is refused."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from ccdesktop.store import migrations
from ccdesktop.store.database import SCHEMA_VERSION, Database
from ccdesktop.store.errors import NewerSchemaError
from ccdesktop.store.header import APPLICATION_ID
from ccdesktop.store.migrations import MIGRATIONS, Migration
from ccdesktop.store.versions import SchemaVersion
from tests.factories import sha256


def _header(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:100]
    return int.from_bytes(data[60:64], "big"), int.from_bytes(data[68:72], "big")


def test_schema_version_is_the_last_steps() -> None:
    assert SCHEMA_VERSION == MIGRATIONS[-1].version == SchemaVersion(4, 0)
    assert [step.version for step in MIGRATIONS] == [SchemaVersion(n) for n in range(1, 5)]
    assert not any(step.additive for step in MIGRATIONS)


def test_empty_file_goes_to_current_version(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    path.touch()
    with Database.open(path) as db:
        assert db.schema_version == SCHEMA_VERSION
    # 4.0 is written as 4, as before minors existed: the previous release opens it
    assert _header(path) == (4, APPLICATION_ID)


def _recording_steps(log: list[str]) -> list[Migration]:
    def step_one(conn: sqlite3.Connection) -> None:
        log.append(f"1 at {migrations.user_version(conn)}")
        MIGRATIONS[0].apply(conn)

    def step_two(conn: sqlite3.Connection) -> None:
        log.append(f"2 at {migrations.user_version(conn)}")
        conn.execute("ALTER TABLE staff ADD COLUMN email TEXT NOT NULL DEFAULT ''")

    def step_three(conn: sqlite3.Connection) -> None:
        log.append(f"3 at {migrations.user_version(conn)}")
        conn.execute("UPDATE staff SET email = lower(first_name) || '@example.org'")

    return [
        Migration(SchemaVersion(1), "v1", step_one),
        Migration(SchemaVersion(2), "staff email", step_two),
        Migration(SchemaVersion(3), "fill emails", step_three),
    ]


def test_steps_run_in_order_from_empty(tmp_path: Path) -> None:
    log: list[str] = []
    with Database.open(tmp_path / "c.sqlite3", migrations=_recording_steps(log)) as db:
        assert db.schema_version == SchemaVersion(3)
    assert log == ["1 at 0", "2 at 1", "3 at 2"]


def test_only_pending_steps_run_on_an_older_file(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    # version 1, written in its own columns (today's repository writes more)
    with Database.open(path, migrations=MIGRATIONS[:1]) as db, db.transaction():
        db._conn.execute("INSERT INTO staff (first_name, last_name) VALUES ('Ana', 'Lopez')")
    log: list[str] = []
    with Database.open(path, migrations=_recording_steps(log)) as db:
        assert db.schema_version == SchemaVersion(3)
        email = db._conn.execute("SELECT email FROM staff").fetchone()[0]
    assert log == ["2 at 1", "3 at 2"]
    assert email == "ana@example.org"
    # the version-1 file was backed up before upgrading
    backups = list((tmp_path / "backups").iterdir())
    assert len(backups) == 1 and backups[0].name.endswith("-before-upgrade-v1.backup")
    with closing(sqlite3.connect(backups[0])) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (1,)
        assert conn.execute("SELECT first_name FROM staff").fetchall() == [("Ana",)]


def test_a_failing_step_keeps_the_previous_version(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    Database.open(path, migrations=MIGRATIONS[:1]).close()

    def half_then_fail(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x INTEGER) STRICT")
        conn.execute("INSERT INTO no_such_table VALUES (1)")

    steps = [MIGRATIONS[0], Migration(SchemaVersion(2), "broken", half_then_fail)]
    with pytest.raises(sqlite3.OperationalError, match="no_such_table"):
        Database.open(path, migrations=steps)
    with Database.open(path, migrations=MIGRATIONS[:1]) as db:
        assert db.schema_version == SchemaVersion(1)
        tables = {row[0] for row in db._conn.execute("SELECT name FROM sqlite_schema")}
    assert "half_done" not in tables


def test_a_file_of_a_newer_major_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    later = Migration(SchemaVersion(SCHEMA_VERSION.major + 1), "a later step", lambda _c: None)
    Database.open(path, migrations=[*MIGRATIONS, later]).close()
    before = sha256(path)
    with pytest.raises(NewerSchemaError, match="newer ccdesktop"):
        Database.open(path)
    assert sha256(path) == before


@pytest.mark.parametrize(
    ("numbers", "message"),
    [
        ([(1, 0), (3, 0)], "migration 2 is numbered 3.0; after 1.0 comes 1.1 .* or 2.0"),
        ([(1, 0), (1, 2)], "migration 2 is numbered 1.2"),
        ([(1, 0), (2, 1)], "migration 2 is numbered 2.1"),
        ([(0, 1)], "migration 1 is numbered 0.1; after 0.0 comes 1.0"),
        ([(1, 0), (1, 1), (1, 1)], "migration 3 is numbered 1.1"),
    ],
)
def test_misnumbered_steps_are_a_bug(
    tmp_path: Path, numbers: list[tuple[int, int]], message: str
) -> None:
    steps = [Migration(SchemaVersion(*n), "step", lambda _c: None) for n in numbers]
    with pytest.raises(ValueError, match=message):
        Database.open(tmp_path / "c.sqlite3", migrations=steps)
