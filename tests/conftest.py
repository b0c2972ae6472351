"""Shared fixtures. Every test runs headless and never touches the real user folders."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Point every per-user folder at a throwaway place before any test runs, so no test
# (or the code it drives) can write into the developer's own data, logs or settings.
_USER_DIRS = tempfile.TemporaryDirectory(prefix="ccdesktop-tests-")
for _name in (
    "XDG_DATA_HOME",
    "XDG_STATE_HOME",
    "XDG_CONFIG_HOME",
    "XDG_CACHE_HOME",
    "LOCALAPPDATA",
    "APPDATA",
):
    os.environ[_name] = str(Path(_USER_DIRS.name) / _name.lower())
os.environ.pop("CCDESKTOP_DB", None)


@pytest.fixture
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Fresh per-user folders for one test (data, state, config)."""
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "LOCALAPPDATA"):
        monkeypatch.setenv(name, str(tmp_path / "user" / name.lower()))
    monkeypatch.delenv("CCDESKTOP_DB", raising=False)
    yield tmp_path / "user"


# --- Promise 8: the app opens no network connection --------------------------------
# Every socket made anywhere in the process during the suite is refused and recorded,
# and the test that made it fails (even if the code under test swallowed the error).
import socket  # noqa: E402 - kept beside the guard it serves

_SOCKET_ATTEMPTS: list[str] = []


class _NoNetworkSocket(socket.socket):
    def __init__(self, *args: object, **kwargs: object) -> None:
        _SOCKET_ATTEMPTS.append(f"socket.socket{args!r}")
        raise OSError("ccdesktop tests: opening a socket is not allowed (promise 8)")


def _refuse(name: str):  # type: ignore[no-untyped-def]
    def refuse(*args: object, **kwargs: object) -> object:
        _SOCKET_ATTEMPTS.append(f"socket.{name}{args!r}")
        raise OSError(f"ccdesktop tests: socket.{name} is not allowed (promise 8)")

    return refuse


socket.socket = _NoNetworkSocket  # type: ignore[misc]
socket.create_connection = _refuse("create_connection")  # type: ignore[assignment]
socket.socketpair = _refuse("socketpair")  # type: ignore[assignment]
socket.getaddrinfo = _refuse("getaddrinfo")  # type: ignore[assignment]


@pytest.fixture(autouse=True)
def no_network() -> Iterator[list[str]]:
    """Fails the test if anything tried to open a socket while it ran."""
    start = len(_SOCKET_ATTEMPTS)
    yield _SOCKET_ATTEMPTS
    attempts = _SOCKET_ATTEMPTS[start:]
    del _SOCKET_ATTEMPTS[start:]
    assert not attempts, f"a socket was opened during the test: {attempts}"
