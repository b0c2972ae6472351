"""Promise 7: a fixture database of every schema version opens with today's code,
is migrated after a backup, and every record is intact."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from ccdesktop.cli import run
from ccdesktop.domain.records import CenterData
from ccdesktop.store.backup import list_backups
from ccdesktop.store.database import SCHEMA_VERSION, Database
from ccdesktop.store.versions import SchemaVersion
from tests.fixtures.make_fixtures import FIXTURE, VERSIONS, fixture_path, steps_to
from tests.fixtures.next_release import NEXT

from .helpers import integrity


def test_promise7_there_is_a_fixture_for_every_schema_version() -> None:
    for version in VERSIONS:
        assert fixture_path(version).exists(), (
            f"no fixture for schema version {version}: run python -m tests.fixtures.make_fixtures"
        )


@pytest.mark.parametrize("version", VERSIONS, ids=str)
def test_promise7_each_version_migrates_with_every_record_intact(
    tmp_path: Path, version: SchemaVersion
) -> None:
    path = tmp_path / "center.sqlite3"
    shutil.copy(fixture_path(version), path)
    assert path.read_bytes()[60:64] == version.user_version.to_bytes(4, "big")
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
        shown = version.major if version.minor == 0 else version
        (backup,) = [b for b in list_backups(path) if b.reason == f"before-upgrade-v{shown}"]
        assert integrity(backup.path) == ["ok"]
        with Database.open(backup.path, read_only=True, migrations=steps_to(version)) as old:
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


def test_promise7_a_file_the_next_release_upgraded_is_read_and_printed_by_this_one(
    tmp_path: Path, user_dirs: Path
) -> None:
    """Two PCs on a shared drive, one upgraded: the file the next release took to 4.1
    (an additive step) is audited and printed here, and a change is refused, saying
    why and leaving the file as it was."""
    path = tmp_path / "center.sqlite3"
    shutil.copy(fixture_path(SCHEMA_VERSION), path)
    with Database.open(path, migrations=NEXT) as upgraded:
        assert upgraded.schema_version == SchemaVersion(4, 1)
    before = path.read_bytes()
    out, err = io.StringIO(), io.StringIO()
    assert run(["audit", "--year", "2025", "--db", str(path)], out, err) == 0, err.getvalue()
    assert "Ana Lopez" in out.getvalue()
    pdf = tmp_path / "report.pdf"
    assert run(["report", "--year", "2025", "--output", str(pdf), "--db", str(path)], out, err) == 0
    assert pdf.stat().st_size > 0
    staff_csv = tmp_path / "staff.csv"
    staff_csv.write_text("first_name,last_name\nZoë,Ng\n", encoding="utf-8")
    err = io.StringIO()
    assert run(["import-staff", str(staff_csv), "--db", str(path)], io.StringIO(), err) == 2
    assert "newer ccdesktop (database version 4.1" in err.getvalue()
    assert path.read_bytes() == before
