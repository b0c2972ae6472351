"""Promise 7: a fixture database of every schema version opens with today's code,
is migrated after a backup, and every record is intact."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ccdesktop.domain.records import CenterData
from ccdesktop.store.backup import list_backups
from ccdesktop.store.database import SCHEMA_VERSION, Database
from tests.fixtures.make_fixtures import FIXTURE, fixture_path

from .helpers import integrity


def test_promise7_there_is_a_fixture_for_every_schema_version() -> None:
    for version in range(1, SCHEMA_VERSION + 1):
        assert fixture_path(version).exists(), (
            f"no fixture for schema version {version}: run python -m tests.fixtures.make_fixtures"
        )


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION + 1))
def test_promise7_each_version_migrates_with_every_record_intact(
    tmp_path: Path, version: int
) -> None:
    path = tmp_path / "center.sqlite3"
    shutil.copy(fixture_path(version), path)
    assert path.read_bytes()[60:64] == version.to_bytes(4, "big")
    with Database.open(path) as db:
        assert db.schema_version == SCHEMA_VERSION
        assert _by_id(db.load()) == _by_id(FIXTURE)
        assert db.check().ok
        # the migrated file works as today's: a change is recorded in the history
        db.set_center(FIXTURE.center.replace(name="Renamed"))
        assert db.history("center")[-1].changed_fields() == [
            ("name", FIXTURE.center.name, "Renamed")
        ]
    reasons = [b.reason for b in list_backups(path)]
    if version < SCHEMA_VERSION:
        (backup,) = [b for b in list_backups(path) if b.reason == f"before-upgrade-v{version}"]
        assert integrity(backup.path) == ["ok"]
        with Database.open(backup.path, read_only=True, migrations=_steps(version)) as old:
            assert _by_id(old.load()) == _by_id(FIXTURE)
    else:
        assert not any(r.startswith("before-upgrade") for r in reasons)


def _by_id(data: CenterData) -> tuple[object, ...]:
    """The records in id order (the store lists them by name and date)."""
    return (
        data.center,
        sorted(data.staff, key=lambda s: s.id or 0),
        sorted(data.entries, key=lambda e: e.id or 0),
    )


def _steps(version: int):  # type: ignore[no-untyped-def]
    from ccdesktop.store.migrations import MIGRATIONS

    return MIGRATIONS[:version]
