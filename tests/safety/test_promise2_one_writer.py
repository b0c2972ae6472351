"""Promise 2: one writer at a time.

A second ccdesktop opening a file already open for editing is told who has it and
since when, and gets a read-only view; a lock left by a crashed instance is
detected and can be taken over safely.
"""

from __future__ import annotations

import getpass
import json
import os
import platform
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ccdesktop.store import lock as lock_module
from ccdesktop.store.database import Database
from ccdesktop.store.errors import DatabaseInUseError, ReadOnlyError
from ccdesktop.store.lock import LockInfo, lock_path, read_lock, this_host
from tests.factories import new_staff

HOLDER = """
import sys
from ccdesktop.store.database import Database
db = Database.open(sys.argv[1])
print("holding", flush=True)
sys.stdin.readline()
db.close()
"""


def _write_lock(db: Path, *, host: str, pid: int, age: timedelta, user: str = "maria") -> None:
    when = datetime.now(UTC) - age
    info = LockInfo(user, host, pid, when - timedelta(hours=1), when, "their-token")
    lock_path(db).write_text(info.to_json(), encoding="utf-8")


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    path = tmp_path / "c.sqlite3"
    with Database.open(path) as db:
        db.add_staff(new_staff())
    return path


def test_promise2_lock_says_who_and_since_while_open(db_file: Path) -> None:
    with Database.open(db_file):
        info = read_lock(lock_path(db_file))
        assert info is not None
        assert info.pid == os.getpid() and info.host == this_host()
        assert abs(datetime.now(UTC) - info.since) < timedelta(minutes=1)
        assert oct(lock_path(db_file).stat().st_mode & 0o777) == "0o600"
    assert not lock_path(db_file).exists()  # released on close


def test_promise2_second_process_is_told_who_and_gets_read_only(db_file: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
        with pytest.raises(DatabaseInUseError) as caught:
            Database.open(db_file)
        message = str(caught.value)
        assert f"process {holder.pid}" in message and this_host() in message
        assert "since" in message and "read-only" in message
        assert caught.value.stale is False
        with Database.open(db_file, read_only=True) as view:
            assert [s.last_name for s in view.list_staff()] == ["Lopez"]
            with pytest.raises(ReadOnlyError, match=f"open for editing by .*process {holder.pid}"):
                view.add_staff(new_staff("Zoë", "Ng"))
            assert len(view.list_staff()) == 1
        # a stale-only take-over does not apply to a live holder
        with pytest.raises(DatabaseInUseError):
            Database.open(db_file, take_over=True)
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(timeout=30)
        assert holder.stdout is not None
        holder.stdout.close()
    with Database.open(db_file) as db:  # released when the holder closed
        assert not db.read_only


def test_promise2_a_crashed_holder_on_this_pc_is_taken_over_at_once(db_file: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    _write_lock(db_file, host=this_host(), pid=dead.pid, age=timedelta(seconds=1))
    with Database.open(db_file) as db:
        assert read_lock(lock_path(db_file)).pid == os.getpid()  # type: ignore[union-attr]
        db.add_staff(new_staff("Zoë", "Ng"))


def test_promise2_another_pc_that_went_quiet_is_stale_and_can_be_taken_over(
    db_file: Path,
) -> None:
    _write_lock(db_file, host="FRONT-DESK", pid=4242, age=timedelta(hours=2))
    with pytest.raises(DatabaseInUseError, match="maria@FRONT-DESK") as caught:
        Database.open(db_file)
    assert caught.value.stale and "taken over" in str(caught.value)
    with Database.open(db_file, take_over=True) as db:
        db.add_staff(new_staff("Zoë", "Ng"))
        assert read_lock(lock_path(db_file)).host == this_host()  # type: ignore[union-attr]


def test_promise2_another_pc_with_a_fresh_heartbeat_cannot_be_taken_over(db_file: Path) -> None:
    _write_lock(db_file, host="FRONT-DESK", pid=4242, age=timedelta(seconds=10))
    before = lock_path(db_file).read_bytes()
    with pytest.raises(DatabaseInUseError) as caught:
        Database.open(db_file, take_over=True)
    assert not caught.value.stale
    assert lock_path(db_file).read_bytes() == before


def test_promise2_a_garbled_lock_goes_stale_by_age(db_file: Path) -> None:
    lock_path(db_file).write_text("{half a lo", encoding="utf-8")
    old = (datetime.now() - timedelta(hours=1)).timestamp()
    os.utime(lock_path(db_file), (old, old))
    with pytest.raises(DatabaseInUseError, match="unknown-user"):
        Database.open(db_file)
    Database.open(db_file, take_over=True).close()


def test_promise2_losing_the_lock_makes_the_window_read_only(db_file: Path) -> None:
    with Database.open(db_file) as db:
        # another PC judged us stale and took over
        _write_lock(db_file, host="FRONT-DESK", pid=4242, age=timedelta(0))
        assert db.edit_lock is not None
        db.edit_lock.refresh()
        with pytest.raises(ReadOnlyError, match="took over"):
            db.add_staff(new_staff("Zoë", "Ng"))
    # closing did not remove the new holder's lock
    assert json.loads(lock_path(db_file).read_text())["host"] == "FRONT-DESK"


def test_promise2_heartbeat_keeps_the_lock_fresh(db_file: Path) -> None:
    with Database.open(db_file) as db:
        assert db.edit_lock is not None
        first = db.edit_lock.info.heartbeat
        db.edit_lock.refresh()
        info = read_lock(lock_path(db_file))
        assert info is not None and info.heartbeat > first and info.since == db.edit_lock.info.since
        assert not lock_module.is_stale(info)


def test_promise2_one_process_shares_its_lock(db_file: Path) -> None:
    """The window and its background workers open the same file in one process."""
    with Database.open(db_file) as window, Database.open(db_file) as worker:
        worker.add_staff(new_staff("Zoë", "Ng"))
        assert len(window.list_staff()) == 2
        assert lock_path(db_file).exists()
    assert not lock_path(db_file).exists()


def test_promise2_the_lock_names_the_user_host_and_token_by_the_standard_library(
    db_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Who holds the lock comes from getpass.getuser() and platform.node(), its token
    from uuid.uuid4(): the standard library's own answers, on every platform."""
    token = uuid.UUID(int=0x1234)
    monkeypatch.setattr(getpass, "getuser", lambda: "maria")
    monkeypatch.setattr(platform, "node", lambda: "FRONT-DESK")
    monkeypatch.setattr(uuid, "uuid4", lambda: token)
    with Database.open(db_file):
        info = read_lock(lock_path(db_file))
    assert info is not None
    assert (info.user, info.host, info.token) == ("maria", "FRONT-DESK", token.hex)


def test_promise2_a_lock_without_a_login_name_or_host_name_still_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_login_name() -> str:
        raise OSError("no login name")  # getpass.getuser() in a bare service account

    monkeypatch.setattr(getpass, "getuser", no_login_name)
    monkeypatch.setattr(platform, "node", lambda: "")
    assert (lock_module.this_user(), lock_module.this_host()) == ("unknown-user", "unknown-host")
