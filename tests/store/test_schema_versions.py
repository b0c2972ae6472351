"""Schema versions as major.minor (``store/versions.py``).

``NEXT`` is a fake next release (``tests/fixtures/next_release.py``): today's steps
and one additive step, 4.1. ``LATER`` is a release after a breaking step, 5.0. Files
they write are opened by today's release (4.0) as a shared drive would have them: a
newer minor read-only, a newer major refused untouched, and every version after 4.0
refused by the releases before minors existed.
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ccdesktop import workflows
from ccdesktop.store import opening
from ccdesktop.store.backup import list_backups
from ccdesktop.store.database import SCHEMA_VERSION, Database
from ccdesktop.store.errors import NewerSchemaError, ReadOnlyError, StoreError
from ccdesktop.store.lock import lock_path
from ccdesktop.store.migrations import MIGRATIONS, Migration
from ccdesktop.store.summary import summarise_database
from ccdesktop.store.versions import SchemaVersion
from tests.factories import new_entry, new_staff, sha256
from tests.fixtures.make_fixtures import FIXTURE, VERSIONS, fixture_path
from tests.fixtures.next_release import LATER, NEXT

#: the version of every ccdesktop before minors existed, and the most it opens
LAST_BEFORE_MINORS = 4


def _file_of(path: Path, steps: tuple[Migration, ...]) -> Path:
    """A center with a person and an entry, written by the release of ``steps``."""
    with Database.open(path, migrations=steps) as db:
        person = db.add_staff(new_staff())
        assert person.id is not None
        db.add_entry(new_entry(person.id))
    return path


# --- the encoding -------------------------------------------------------------------


def test_the_versions_before_minors_read_as_majors() -> None:
    for value in range(1, LAST_BEFORE_MINORS + 1):
        assert SchemaVersion.from_user_version(value) == SchemaVersion(value, 0)
        assert SchemaVersion(value).user_version == value
    assert SchemaVersion(4, 1).user_version == 4001
    assert SchemaVersion.from_user_version(4001) == SchemaVersion(4, 1)
    assert str(SchemaVersion(4, 1)) == "4.1"


@given(st.integers(1, 999), st.integers(0, 999))
def test_every_later_version_is_refused_by_the_releases_before_minors(
    major: int, minor: int
) -> None:
    version = SchemaVersion(major, minor)
    assert SchemaVersion.from_user_version(version.user_version) == version
    if version > SchemaVersion(LAST_BEFORE_MINORS):
        # those releases refuse a user_version above theirs before SQLite opens the file
        assert version.user_version > LAST_BEFORE_MINORS


@pytest.mark.parametrize(("major", "minor"), [(1000, 0), (4, 1000), (-1, 0), (4, -1)])
def test_versions_out_of_range_are_a_bug(major: int, minor: int) -> None:
    with pytest.raises(ValueError, match="out of range"):
        _ = SchemaVersion(major, minor).user_version


@pytest.mark.parametrize("value", [-1, 1_000_000, 2**31 - 1])
def test_a_user_version_no_version_is_written_as_is_refused(value: int) -> None:
    with pytest.raises(ValueError, match="not a schema version"):
        SchemaVersion.from_user_version(value)


# --- a newer minor: read-only ---------------------------------------------------------


def test_the_next_release_upgrades_todays_files_after_a_backup(tmp_path: Path) -> None:
    path = _file_of(tmp_path / "c.sqlite3", MIGRATIONS)
    with Database.open(path, migrations=NEXT) as db:
        assert db.schema_version == SchemaVersion(4, 1)
        assert not db.read_only
    assert [b.reason for b in list_backups(path) if b.reason.startswith("before")] == [
        "before-upgrade-v4"
    ]
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (4001,)
        assert conn.execute("SELECT email FROM staff").fetchall() == [("",)]


@pytest.mark.parametrize("version", VERSIONS, ids=str)
def test_the_next_release_upgrades_every_fixture(tmp_path: Path, version: SchemaVersion) -> None:
    path = tmp_path / "c.sqlite3"
    shutil.copy(fixture_path(version), path)
    with Database.open(path, migrations=NEXT) as db:
        assert db.schema_version == SchemaVersion(4, 1)
        assert len(db.list_entries()) == len(FIXTURE.entries)
        assert db.check().ok


def test_a_newer_minor_opens_read_only_with_every_record(tmp_path: Path) -> None:
    path = _file_of(tmp_path / "c.sqlite3", NEXT)
    before = sha256(path)
    backups = list_backups(path)
    with Database.open(path) as db:  # today's release, asked to edit
        assert db.read_only and db.schema_version == SchemaVersion(4, 1)
        assert db.edit_lock is None and not lock_path(path).exists()
        reason = db.read_only_reason or ""
        assert "newer ccdesktop (database version 4.1; this one writes version 4.0)" in reason
        assert "install the newer ccdesktop" in reason
        data = db.load()
        assert [p.full_name for p in data.staff] == ["Ana Lopez"] and len(data.entries) == 1
        assert workflows.audit(db, 2025).staff
        with pytest.raises(ReadOnlyError, match="newer ccdesktop"):
            db.add_staff(new_staff("Zoë", "Ng"))
    assert sha256(path) == before  # not upgraded, no column dropped, nothing written
    assert list_backups(path) == backups  # no daily backup either


def test_a_newer_minor_is_read_by_the_read_only_commands(tmp_path: Path) -> None:
    path = _file_of(tmp_path / "c.sqlite3", NEXT)
    before = sha256(path)
    with Database.open_for_reading(path) as db:
        assert db.read_only and len(db.list_entries()) == 1
    assert summarise_database(path).schema_version == SchemaVersion(4, 1)
    assert sha256(path) == before


def test_a_file_upgraded_to_a_newer_minor_while_opening_is_opened_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other PC upgraded it between reading its header and connecting."""
    path = _file_of(tmp_path / "c.sqlite3", NEXT)
    monkeypatch.setattr(opening, "header_version", lambda _path: SCHEMA_VERSION)
    with Database.open(path) as db:
        assert db.read_only and "newer ccdesktop" in (db.read_only_reason or "")
        assert not lock_path(path).exists()  # the lock taken meanwhile was given back


def test_an_older_minor_is_upgraded_only_by_its_pending_steps(tmp_path: Path) -> None:
    path = _file_of(tmp_path / "c.sqlite3", NEXT)
    ran: list[str] = []
    after = Migration(SchemaVersion(4, 2), "next again", lambda _conn: ran.append("4.2"))
    with Database.open(path, migrations=(*NEXT, after)) as db:
        assert db.schema_version == SchemaVersion(4, 2) and not db.read_only
    assert ran == ["4.2"]
    assert "before-upgrade-v4.1" in [b.reason for b in list_backups(path)]


# --- a newer major: refused -----------------------------------------------------------


def test_a_newer_major_is_refused_unchanged_by_every_open(tmp_path: Path) -> None:
    path = _file_of(tmp_path / "c.sqlite3", LATER)
    before = sha256(path)
    for open_it in (Database.open, Database.open_for_reading, summarise_database):
        with pytest.raises(NewerSchemaError, match=r"version 5\.0; this ccdesktop reads .* 4\.x"):
            open_it(path)
    with pytest.raises(NewerSchemaError):
        Database.open(path, read_only=True)
    assert sha256(path) == before and not lock_path(path).exists()


def test_a_file_upgraded_to_a_newer_major_while_opening_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _file_of(tmp_path / "c.sqlite3", LATER)
    monkeypatch.setattr(opening, "classify_file", lambda *_args: opening.FileKind.OURS)
    monkeypatch.setattr(opening, "header_version", lambda _path: SCHEMA_VERSION)
    with pytest.raises(NewerSchemaError, match="newer ccdesktop"):
        Database.open(path)
    assert not lock_path(path).exists()


def test_an_unreadable_version_of_ours_is_refused_as_newer(tmp_path: Path) -> None:
    path = _file_of(tmp_path / "c.sqlite3", MIGRATIONS)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA user_version = 2000000000")
        conn.commit()
    with pytest.raises(NewerSchemaError, match="2000000000"):
        Database.open(path)
    with pytest.raises(StoreError, match="newer ccdesktop"):
        Database.open_for_reading(path)
