"""One writer at a time: the edit lock beside a database file.

SQLite's own locks last one transaction and, over a network share, cannot be
trusted to say *who* holds them. So a ccdesktop that opens a file for editing
also creates ``<file>.lock`` beside it, holding who (user, host, process), since
when, and a heartbeat refreshed every ``HEARTBEAT_SECONDS``. A second ccdesktop,
on this PC or another one on the shared drive, finds the lock and opens the file
read-only, telling the director who has it and since when.

A lock is *stale* when its holder is certainly gone (same host, process no longer
running) or has stopped refreshing it for ``STALE_AFTER`` (a crashed PC on the
network). A certainly-gone holder's lock is taken over at once; one that merely
went quiet is taken over only when the director says so.

The file is created with its content in one step (written to a temporary file,
then hard-linked into place, which fails if a lock already exists), so a reader
never sees a half-written lock. Within one process the lock is shared and counted:
the window and its background workers open the same file.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import logging
import os
import platform
import sys
import tempfile
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from .errors import DatabaseInUseError, StoreError

log = logging.getLogger(__name__)

LOCK_SUFFIX = ".lock"
HEARTBEAT_SECONDS = 30.0
STALE_AFTER = timedelta(minutes=5)


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


def this_host() -> str:
    """This computer's network name, as the lock names its holder."""
    return platform.node() or "unknown-host"


def this_user() -> str:
    """The login name, as the lock names its holder."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a service account, a container)
        return "unknown-user"


def _token() -> str:
    """A random token that tells this hold on the lock from any other."""
    return uuid.uuid4().hex


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class LockInfo:
    """Who holds a lock: ``user@host``, their process id, since when, last heartbeat."""

    user: str
    host: str
    pid: int
    since: datetime
    heartbeat: datetime
    token: str

    @property
    def who(self) -> str:
        return f"{self.user}@{self.host}"

    def describe(self) -> str:
        """e.g. "ana@FRONT-DESK (process 4242) since 2025-03-04 09:12"."""
        since = self.since.astimezone().strftime("%Y-%m-%d %H:%M")
        return f"{self.who} (process {self.pid}) since {since}"

    def to_json(self) -> str:
        return json.dumps(
            {
                "user": self.user,
                "host": self.host,
                "pid": self.pid,
                "since": self.since.isoformat(),
                "heartbeat": self.heartbeat.isoformat(),
                "token": self.token,
                "app": "ccdesktop",
            }
        )


def read_lock(path: Path) -> LockInfo | None:
    """The lock at ``path``; None if there is none. An unreadable or garbled lock is
    reported as held by an unknown holder since the file's last change, so it goes
    stale by age like any other."""
    try:
        text = path.read_text(encoding="utf-8")
        changed = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except FileNotFoundError:
        return None
    except OSError:
        text, changed = "", _now()
    try:
        data = json.loads(text)
        return LockInfo(
            str(data["user"]),
            str(data["host"]),
            int(data["pid"]),
            datetime.fromisoformat(data["since"]),
            datetime.fromisoformat(data["heartbeat"]),
            str(data["token"]),
        )
    except (ValueError, KeyError, TypeError):
        return LockInfo("unknown-user", "unknown-host", 0, changed, changed, "")


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this host."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0: existence check only
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _windows_process_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    # os.kill on Windows would terminate the process; ask for an exit code instead.
    # ctypes is imported here, on Windows only: at the top it would cost every start
    # on any system about 3 ms (-X importtime) for a call made on Windows alone.
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    query_limited_information = 0x1000
    still_active = 259
    handle = kernel32.OpenProcess(query_limited_information, False, pid)
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)


def holder_gone(info: LockInfo) -> bool:
    """The holder is certainly not running: same host, process gone."""
    return info.host == this_host() and info.pid != os.getpid() and not process_alive(info.pid)


def _left_by_this_pid(info: LockInfo) -> bool:
    # Our live locks are in the registry; a lock file with our pid that is not there
    # was left by an earlier process that had the same (reused) process id.
    return info.host == this_host() and info.pid == os.getpid()


def is_stale(info: LockInfo, now: datetime | None = None) -> bool:
    now = now or _now()
    return holder_gone(info) or now - info.heartbeat > STALE_AFTER


def in_use_error(db_path: Path, info: LockInfo, stale: bool) -> DatabaseInUseError:
    if stale:
        heartbeat = info.heartbeat.astimezone().strftime("%Y-%m-%d %H:%M")
        message = (
            f"{db_path} was left open for editing by {info.describe()}, which has not "
            f"been heard from since {heartbeat} (it may have crashed). It can be opened "
            "read-only, or taken over if that ccdesktop is no longer running."
        )
    else:
        message = (
            f"{db_path} is open for editing by {info.describe()}. It can be opened "
            "read-only until they close it."
        )
    return DatabaseInUseError(message, info, stale)


def _write_new(path: Path, text: str) -> bool:
    """Create ``path`` holding ``text`` in one step; False if it already exists."""
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with open(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(temp_name, path)
        except FileExistsError:
            return False
        except OSError:
            # Some network file systems have no hard links: create exclusively instead.
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                return False
            with open(fd, "w", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
        return True
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)


class EditLock:
    """This process's hold on one file's edit lock (see the module docstring)."""

    def __init__(self, db_path: Path, info: LockInfo) -> None:
        self.db_path = db_path
        self.path = lock_path(db_path)
        self.info = info
        #: set when another ccdesktop took the lock over (this one went quiet)
        self.lost = False
        self._count = 1
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._beat, name=f"ccdesktop-lock-{self.path.name}", daemon=True
        )
        self._thread.start()

    def _beat(self) -> None:
        while not self._stop.wait(HEARTBEAT_SECONDS):
            try:
                self.refresh()
            except OSError as error:  # a network drive gone for a moment
                log.warning("could not refresh the edit lock: %s", error.strerror)

    def refresh(self) -> None:
        """Rewrite the heartbeat, unless the lock is no longer ours."""
        current = read_lock(self.path)
        if current is None or current.token != self.info.token:
            if not self.lost:
                log.warning("the edit lock was taken over by another ccdesktop")
            self.lost = True
            self._stop.set()
            return
        self.info = LockInfo(
            self.info.user,
            self.info.host,
            self.info.pid,
            self.info.since,
            _now(),
            self.info.token,
        )
        handle, temp_name = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        try:
            with open(handle, "w", encoding="utf-8") as out:
                out.write(self.info.to_json())
            os.replace(temp_name, self.path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp_name)

    def release(self) -> None:
        """Give up one hold; the lock file goes with the last one. Safe to repeat."""
        with _registry_lock:
            if self._count == 0:
                return
            self._count -= 1
            if self._count:
                return
            if _registry.get(_key(self.db_path)) is self:
                del _registry[_key(self.db_path)]
        self._stop.set()
        if threading.current_thread() is not self._thread:
            self._thread.join()
        if self.lost:
            return
        current = read_lock(self.path)
        if current is not None and current.token == self.info.token:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()


_registry: dict[str, EditLock] = {}
_registry_lock = threading.Lock()


def _key(db_path: Path) -> str:
    return os.path.normcase(str(db_path.resolve()))


def acquire(db_path: Path, *, take_over: bool = False) -> EditLock:
    """Hold the edit lock of ``db_path`` (creating it, or sharing this process's).

    A lock whose holder is certainly gone is taken over; a stale one only with
    ``take_over``; otherwise ``DatabaseInUseError`` says who has the file.
    """
    with _registry_lock:
        held = _registry.get(_key(db_path))
        if held is not None and not held.lost:
            held._count += 1
            return held
        path = lock_path(db_path)
        for _attempt in range(5):
            now = _now()
            info = LockInfo(this_user(), this_host(), os.getpid(), now, now, _token())
            try:
                created = _write_new(path, info.to_json())
            except OSError as error:
                raise StoreError(
                    f"Cannot open {db_path} for editing: its folder cannot be written "
                    f"({error.strerror or error})."
                ) from error
            if created:
                lock = EditLock(db_path, info)
                _registry[_key(db_path)] = lock
                return lock
            holder = read_lock(path)
            if holder is None:
                continue  # released between our two looks: try again
            gone = holder_gone(holder) or _left_by_this_pid(holder)
            stale = gone or is_stale(holder, now)
            if not (gone or (stale and take_over)):
                raise in_use_error(db_path, holder, stale)
            log.warning("taking over a stale edit lock (holder gone: %s)", gone)
            _remove_if_unchanged(path, holder)
        raise StoreError(f"Cannot open {db_path} for editing: its lock keeps changing.")


def _remove_if_unchanged(path: Path, holder: LockInfo) -> None:
    """Remove the stale lock ``holder``, but not a fresh one that replaced it.

    Renaming is atomic, so of two ccdesktops taking over at once only one moves the
    stale lock aside; the other finds nothing to move, or a fresh lock, which it puts
    back.
    """
    aside = path.with_name(f"{path.name}.stale-{_token()}")
    try:
        os.rename(path, aside)
    except FileNotFoundError:
        return
    moved = read_lock(aside)
    if moved is not None and moved.token != holder.token and not path.exists():
        os.rename(aside, path)  # not the lock we judged stale: put it back
        return
    with contextlib.suppress(FileNotFoundError):
        aside.unlink()
