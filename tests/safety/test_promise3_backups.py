"""Promise 3: automatic, verified backups with a bounded rotation; backup and
restore from the command line (restore backs up the current file first)."""

from __future__ import annotations

import io
import os
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from ccdesktop.cli import run
from ccdesktop.store import backup as backup_module
from ccdesktop.store.backup import (
    KEEP_LATEST,
    BackupFile,
    backups_to_delete,
    list_backups,
)
from ccdesktop.store.database import SCHEMA_VERSION, Database
from ccdesktop.store.errors import StoreError
from ccdesktop.store.restore import restore_backup
from tests.factories import new_staff

from .helpers import damage_a_table_page, integrity

FIXTURES = Path(__file__).parents[1] / "fixtures"


def _cli(db: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run([*args, "--db", str(db)], out, err)
    return code, out.getvalue(), err.getvalue()


def _names(db: Path) -> list[str]:
    return [backup.reason for backup in list_backups(db)]


def test_promise3_backup_before_migration(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    shutil.copy(FIXTURES / "schema-v1.sqlite3", path)
    with Database.open(path):
        pass
    (before,) = [b for b in list_backups(path) if b.reason == "before-upgrade-v1"]
    assert integrity(before.path) == ["ok"]
    assert before.path.read_bytes()[60:64] == (1).to_bytes(4, "big")  # still version 1


def test_promise3_first_open_of_the_day_only(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    Database.open(path).close()  # a new file: nothing to back up yet
    assert _names(path) == []
    Database.open(path).close()
    assert _names(path) == ["daily"]
    Database.open(path).close()
    assert _names(path) == ["daily"]


def test_promise3_backup_on_close_after_changes(tmp_path: Path, user_dirs: Path) -> None:
    db = tmp_path / "c.sqlite3"
    assert _cli(db, "center", "--name", "Little Acorns")[0] == 0
    assert _names(db) == ["close"]
    assert _cli(db, "audit", "--year", "2025")[0] == 0  # changed nothing
    assert _names(db) == ["close"]
    with Database.open(db) as opened:
        assert opened.backup_if_changed() is None
        opened.add_staff(new_staff())
        copy = opened.backup_if_changed()
    assert copy is not None and copy.suffix == ".backup"


def test_promise3_a_copy_is_checked_before_it_replaces_anything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Database.open(tmp_path / "c.sqlite3") as db:
        good = db.backup()
        monkeypatch.setattr(backup_module, "integrity_problems", lambda *_a, **_k: ["page 3"])
        with pytest.raises(StoreError, match="failed its check"):
            db.backup()
        with pytest.raises(StoreError, match="failed its check"):
            db.save_copy(good)
    assert [p.name for p in good.parent.iterdir()] == [good.name]  # no partial file left
    assert integrity(good) == ["ok"]


def test_promise3_a_failed_write_leaves_no_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Database.open(tmp_path / "c.sqlite3") as db:

        def full_disk(_path: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(backup_module, "fsync_file", full_disk)
        with pytest.raises(StoreError, match="No space left"):
            db.backup()
    assert list((tmp_path / "backups").iterdir()) == []


def _backup(day: datetime, reason: str = "daily") -> BackupFile:
    return BackupFile(Path(f"c-{day:%Y%m%d-%H%M%S-%f}-{reason}.backup"), day, reason)


def test_promise3_rotation_keeps_ten_newest_and_one_per_month() -> None:
    now = datetime(2026, 6, 15, 12)
    daily = [_backup(now - timedelta(days=n)) for n in range(800)]
    upgrade = _backup(now - timedelta(days=900), "before-upgrade-v1")
    gone = set(backups_to_delete([*daily, upgrade], now))
    kept = [b for b in [*daily, upgrade] if b not in gone]
    assert daily[:KEEP_LATEST] == [b for b in kept if b in daily][:KEEP_LATEST]
    assert upgrade in kept
    months = {(b.taken_at.year, b.taken_at.month) for b in kept if b in daily[KEEP_LATEST:]}
    older = [b for b in kept if b in daily[KEEP_LATEST:]]
    assert len(older) == len(months)  # one per month
    assert len(kept) <= KEEP_LATEST + 24 + 1
    assert min(b.taken_at for b in older) > now - timedelta(days=24 * 31 + 1)


def test_promise3_rotation_runs_after_each_backup(tmp_path: Path) -> None:
    with Database.open(tmp_path / "c.sqlite3") as db:
        for _ in range(KEEP_LATEST + 5):
            db.backup()
    assert len(list_backups(tmp_path / "c.sqlite3")) == KEEP_LATEST


def test_promise3_backups_are_private(tmp_path: Path) -> None:
    with Database.open(tmp_path / "c.sqlite3") as db:
        copy = db.backup()
    if os.name == "posix":
        assert oct(copy.parent.stat().st_mode & 0o777) == "0o700"
        assert oct(copy.stat().st_mode & 0o777) == "0o600"


def test_promise3_cli_backup_and_restore_back_up_the_current_file_first(
    tmp_path: Path, user_dirs: Path
) -> None:
    db = tmp_path / "c.sqlite3"
    # a license number: renamed, it is still the same center (asked once, no flag)
    assert _cli(db, "center", "--name", "Before", "--license", "L-1")[0] == 0
    code, out, _ = _cli(db, "backup")
    assert code == 0 and "Backed up" in out
    (manual,) = [b.path for b in list_backups(db) if b.reason == "manual"]
    assert _cli(db, "center", "--name", "After")[0] == 0
    code, out, err = _cli(db, "restore", str(manual))
    assert code == 0, err
    (saved,) = [b.path for b in list_backups(db) if b.reason == "before-restore"]
    assert str(saved) in out
    with Database.open(db) as restored:
        assert restored.get_center().name == "Before"
    with Database.open(saved, read_only=True) as previous:
        assert previous.get_center().name == "After"


def test_promise3_restore_refuses_a_damaged_or_foreign_backup(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite3"
    with Database.open(db) as opened:
        opened.add_staff(new_staff())
    before = db.read_bytes()
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(StoreError, match="not a ccdesktop"):
        restore_backup(db, text)
    damaged = tmp_path / "damaged.backup"
    shutil.copy(db, damaged)
    damage_a_table_page(damaged)
    with pytest.raises(StoreError, match="damaged"):
        restore_backup(db, damaged)
    assert db.read_bytes() == before


def test_promise3_restore_of_an_older_backup_is_upgraded(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite3"
    Database.open(db).close()
    restore_backup(db, FIXTURES / "schema-v1.sqlite3")
    with Database.open(db) as opened:
        assert opened.schema_version == SCHEMA_VERSION and len(opened.list_entries()) == 5


def test_promise3_listing_reads_each_backups_time_and_skips_impossible_names(
    tmp_path: Path,
) -> None:
    with Database.open(tmp_path / "c.sqlite3") as db:
        db.backup()
    (made,) = list_backups(tmp_path / "c.sqlite3")
    assert made.taken_at.year >= 2026 and made.reason == "manual"
    # a file that only looks like a backup (month 13) is not listed and breaks nothing
    (made.path.parent / "c-20261329-000000-000000-manual.backup").write_bytes(b"")
    assert list_backups(tmp_path / "c.sqlite3") == [made]
