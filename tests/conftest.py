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
for _name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
              "LOCALAPPDATA", "APPDATA"):
    os.environ[_name] = str(Path(_USER_DIRS.name) / _name.lower())
os.environ.pop("CCDESKTOP_DB", None)


@pytest.fixture
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Fresh per-user folders for one test (data, state, config)."""
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "LOCALAPPDATA"):
        monkeypatch.setenv(name, str(tmp_path / "user" / name.lower()))
    monkeypatch.delenv("CCDESKTOP_DB", raising=False)
    yield tmp_path / "user"
