"""Promise 1: crash-proof writes.

Each write is one BEGIN IMMEDIATE ... COMMIT on a connection with
isolation_level=None, synchronous=FULL, foreign_keys=ON and the rollback journal;
a process killed with SIGKILL mid-import leaves a sound file holding all or none of
the import; a file on a network drive or in a cloud folder gets a warning.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from ccdesktop.store.database import Database
from ccdesktop.store.errors import DatabaseBusyError
from ccdesktop.store.location import linux_mounts, mount_fs_type, storage_warning

from .helpers import center_with_staff, count, integrity, training_csv

README = Path(__file__).parents[2] / "README.md"
ROWS = 20_000

CHILD = """
import sys
from ccdesktop import workflows
from ccdesktop.store.database import Database
with Database.open(sys.argv[1]) as db:
    print("open", flush=True)
    workflows.import_training_file(db, sys.argv[2])
print("done", flush=True)
"""


def test_promise1_every_connection_has_the_safe_settings(tmp_path: Path) -> None:
    with Database.open(tmp_path / "c.sqlite3") as db:
        conn = db._conn
        assert conn.isolation_level is None  # no implicit transactions behind our back
        assert conn.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)


def test_promise1_a_write_takes_the_write_lock_at_begin(tmp_path: Path) -> None:
    """BEGIN IMMEDIATE: while a change is open, a second writer is refused at once,
    not half-way through its own change."""
    path = center_with_staff(tmp_path / "c.sqlite3")
    with Database.open(path) as db, closing(sqlite3.connect(path, isolation_level=None)) as other:
        other.execute("PRAGMA busy_timeout = 0")
        # nothing written yet, but the RESERVED lock is already held
        with db.transaction(), pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")
        db._conn.execute("PRAGMA busy_timeout = 0")
        with pytest.raises(DatabaseBusyError, match="database is locked"):
            db.set_center(db.get_center().replace(name="X"))
        other.execute("ROLLBACK")


def _run_child(db: Path, csv: Path, kill_after: float | None) -> tuple[bool, bool]:
    """Run the import in a child; SIGKILL it ``kill_after`` seconds after its
    rollback journal appears. Returns (killed, a hot journal was left behind)."""
    journal = db.with_name(db.name + "-journal")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db), str(csv)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        if kill_after is None:
            out, err = child.communicate(timeout=120)
            assert child.returncode == 0, err
            return False, False
        deadline = time.monotonic() + 60
        while not journal.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.0005)
        time.sleep(kill_after)
        killed = child.poll() is None
        if killed:
            os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        return killed, killed and journal.exists() and journal.stat().st_size > 0
    finally:
        if child.poll() is None:  # pragma: no cover - only if an assertion failed above
            child.kill()
            child.wait()
        assert child.stdout is not None and child.stderr is not None
        child.stdout.close()
        child.stderr.close()


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_promise1_sigkill_mid_import_leaves_all_or_none(tmp_path: Path) -> None:
    base = center_with_staff(tmp_path / "base" / "c.sqlite3")
    csv = training_csv(tmp_path / "training.csv", ROWS)
    hot_journals = 0
    outcomes: list[int] = []
    # 0 s: at the first journal write; then later into the inserts and the commit
    for number, delay in enumerate([0.0, 0.0, 0.02, 0.1, 0.3, 0.8, None]):
        run = tmp_path / f"run{number}"
        run.mkdir()
        db = run / "c.sqlite3"
        shutil.copy(base, db)
        killed, hot = _run_child(db, csv, delay)
        hot_journals += hot
        # reopening rolls back a hot journal and takes over the dead child's lock
        with Database.open(db) as reopened:
            entries = len(reopened.list_entries())
            history = len(reopened.history("training_entry"))
        assert integrity(db) == ["ok"], f"run {number} (kill after {delay} s)"
        assert entries in (0, ROWS), f"run {number}: {entries} of {ROWS} entries survived"
        assert history == entries  # the history went with its changes
        assert count(db, "staff") == 2
        if not killed:
            assert entries == ROWS
        outcomes.append(entries)
    # the kills really landed mid-transaction: SQLite had to roll a journal back
    assert hot_journals >= 2, f"only {hot_journals} kills left a hot journal"
    assert 0 in outcomes and ROWS in outcomes


@pytest.mark.parametrize(
    ("folder", "service"),
    [
        ("/home/ana/Dropbox/center", "Dropbox"),
        ("/home/ana/OneDrive - Little Acorns/center", "OneDrive"),
        ("/Users/ana/Google Drive/My Drive", "Google Drive"),
        ("/Users/ana/Library/Mobile Documents/com~apple~CloudDocs", "Mobile Documents"),
    ],
)
def test_promise1_cloud_folders_get_a_warning_with_the_reason(folder: str, service: str) -> None:
    warning = storage_warning(Path(folder) / "c.sqlite3", environ={}, mounts=[])
    assert warning is not None
    assert service in warning and "synced" in warning and "locking" in warning


def test_promise1_onedrive_from_its_environment_variable(tmp_path: Path) -> None:
    synced = tmp_path / "Documents"
    warning = storage_warning(synced / "c.sqlite3", environ={"OneDrive": str(tmp_path)}, mounts=[])
    assert warning is not None and "OneDrive" in warning


@pytest.mark.parametrize("fs_type", ["cifs", "nfs4", "smb3", "fuse.sshfs"])
def test_promise1_network_drives_get_a_warning(fs_type: str) -> None:
    mounts = [("/", "ext4"), ("/mnt/office", fs_type), ("/mnt/office/local", "ext4")]
    warning = storage_warning(Path("/mnt/office/c.sqlite3"), environ={}, mounts=mounts)
    assert warning is not None and fs_type in warning and "network" in warning
    assert storage_warning(Path("/mnt/office/local/c.sqlite3"), environ={}, mounts=mounts) is None


def test_promise1_unc_paths_are_network_shares() -> None:
    warning = storage_warning(Path("//server/share/c.sqlite3"), environ={}, mounts=[])
    assert warning is not None and "network share" in warning


def test_promise1_a_local_folder_gets_no_warning(tmp_path: Path) -> None:
    mounts = linux_mounts()
    if mount_fs_type(tmp_path, mounts) in {"nfs", "nfs4", "cifs"}:  # pragma: no cover
        pytest.skip("the temporary folder is itself on a network drive")
    assert storage_warning(tmp_path / "c.sqlite3", environ={}) is None


def test_promise1_cli_prints_the_warning(tmp_path: Path, user_dirs: Path) -> None:
    import io

    from ccdesktop.cli import run

    folder = tmp_path / "Dropbox"
    out, err = io.StringIO(), io.StringIO()
    assert run(["center", "--db", str(folder / "c.sqlite3")], out, err) == 0
    assert "Dropbox" in err.getvalue() and "note:" in err.getvalue()


def test_promise1_readme_says_what_and_why() -> None:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Data safety") :]
    for words in (
        "BEGIN IMMEDIATE",
        "synchronous=FULL",
        "journal_mode=DELETE",
        "WAL",
        "network",
        "OneDrive",
    ):
        assert words in section, words
