"""Where the data lives: one function per question, per platform, never created at
import."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ccdesktop.store import paths

HOME = "/home/dana"


@pytest.fixture
def linux(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")


def test_linux_uses_xdg_data_home(linux: None) -> None:
    env = {"HOME": HOME, "XDG_DATA_HOME": "/data/dana"}
    assert paths.default_db_path(env) == Path("/data/dana/ccdesktop/ccdesktop.sqlite3")


def test_linux_default_is_local_share(linux: None) -> None:
    expected = Path(HOME, ".local", "share", "ccdesktop", "ccdesktop.sqlite3")
    assert paths.default_db_path({"HOME": HOME}) == expected
    # a relative XDG value is invalid by the spec and ignored
    assert paths.default_db_path({"HOME": HOME, "XDG_DATA_HOME": "rel/dir"}) == expected


def test_windows_uses_localappdata(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    local = str(tmp_path / "AppData" / "Local")
    env = {"LOCALAPPDATA": local, "USERPROFILE": str(tmp_path)}
    assert paths.default_db_path(env) == Path(local, "ccdesktop", "ccdesktop.sqlite3")
    assert paths.log_dir(env) == Path(local, "ccdesktop", "logs")
    # without the variable: the same folder under the profile
    fallback = paths.default_db_path({"USERPROFILE": str(tmp_path)})
    assert fallback == tmp_path / "AppData" / "Local" / "ccdesktop" / "ccdesktop.sqlite3"


def test_macos_uses_application_support(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    env = {"HOME": "/Users/dana", "XDG_DATA_HOME": "/ignored"}
    assert paths.default_db_path(env) == Path(
        "/Users/dana/Library/Application Support/ccdesktop/ccdesktop.sqlite3"
    )
    assert paths.log_dir(env) == Path("/Users/dana/Library/Logs/ccdesktop")


def test_linux_log_dir_uses_xdg_state_home(linux: None) -> None:
    assert paths.log_dir({"HOME": HOME, "XDG_STATE_HOME": "/state"}) == Path(
        "/state/ccdesktop/logs"
    )
    assert paths.log_dir({"HOME": HOME}) == Path(HOME, ".local", "state", "ccdesktop", "logs")


def test_cli_value_wins_then_environment_then_default(linux: None) -> None:
    env = {"HOME": HOME, "XDG_DATA_HOME": "/data", "CCDESKTOP_DB": "/env/center.sqlite3"}
    assert paths.resolve_db_path("/cli/center.sqlite3", env) == Path("/cli/center.sqlite3")
    assert paths.resolve_db_path(None, env) == Path("/env/center.sqlite3")
    del env["CCDESKTOP_DB"]
    assert paths.resolve_db_path(None, env) == Path("/data/ccdesktop/ccdesktop.sqlite3")
    # an empty variable is "not set", not the current folder
    assert paths.resolve_db_path(None, {**env, "CCDESKTOP_DB": ""}) == paths.default_db_path(env)


def test_resolve_uses_the_process_environment_by_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CCDESKTOP_DB", str(tmp_path / "from-env.sqlite3"))
    assert paths.resolve_db_path(None) == tmp_path / "from-env.sqlite3"


def test_tilde_is_expanded(linux: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", HOME)
    assert paths.resolve_db_path("~/c.sqlite3", {}) == Path(HOME, "c.sqlite3")


def test_backup_dir_is_beside_the_database(tmp_path: Path) -> None:
    db_path = tmp_path / "centers" / "sunny.sqlite3"
    assert paths.backup_dir(db_path) == tmp_path / "centers" / "backups"
    assert not (tmp_path / "centers").exists()  # a function, not a side effect


def test_functions_create_nothing(user_dirs: Path) -> None:
    paths.default_db_path()
    paths.log_dir()
    paths.resolve_db_path(None)
    assert not user_dirs.exists()
