"""Issue 12: on Linux, a missing library of Qt's X11 plugin (or no display at all)
gives one clear line and exit status 2 before Qt loads, instead of Qt's abort. The
library lookup is patched: no library needs to be missing for real."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

import ccdesktop.gui.platform_check as platform_check
from ccdesktop.cli import run
from ccdesktop.gui.platform_check import NO_DISPLAY, XCB_LIBRARIES, window_problem

X11 = {"DISPLAY": ":0"}


def loads_all_but(*missing: str):  # type: ignore[no-untyped-def]
    return lambda library: library not in missing


def test_a_missing_library_is_named_with_the_command_that_installs_it() -> None:
    problem = window_problem(
        X11, "linux", loads_all_but("libxcb-cursor.so.0", "libxkbcommon-x11.so.0")
    )
    assert problem == (
        "ccdesktop: the window cannot open: Qt's X11 platform (xcb) needs system libraries "
        "that are missing (libxcb-cursor.so.0, libxkbcommon-x11.so.0); on Debian or Ubuntu "
        "install them with: sudo apt-get install -y libxcb-cursor0 libxkbcommon-x11-0"
    )
    assert "\n" not in problem


def test_nothing_missing_no_problem() -> None:
    assert window_problem(X11, "linux", loads_all_but()) is None
    assert window_problem({**X11, "QT_QPA_PLATFORM": "xcb"}, "linux", loads_all_but()) is None


def test_no_display_is_said_plainly() -> None:
    assert window_problem({}, "linux", loads_all_but()) == NO_DISPLAY
    assert window_problem({"QT_QPA_PLATFORM": "xcb"}, "linux", loads_all_but()) == NO_DISPLAY


@pytest.mark.parametrize(
    ("environ", "platform"),
    [
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux"),  # tests, the self-test
        ({"QT_QPA_PLATFORM": "wayland", **X11}, "linux"),
        ({"WAYLAND_DISPLAY": "wayland-0", **X11}, "linux"),  # Qt tries Wayland first
        ({"XDG_SESSION_TYPE": "wayland"}, "linux"),
        ({}, "win32"),
        ({}, "darwin"),
    ],
)
def test_other_platforms_are_left_to_qt(environ: dict[str, str], platform: str) -> None:
    def refuse(library: str) -> bool:
        raise AssertionError(f"looked up {library}")

    assert window_problem(environ, platform, refuse) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the check is Linux's")
def test_the_window_start_prints_the_line_and_exits_2(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, user_dirs: Path
) -> None:
    import ccdesktop.gui.app

    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("XDG_SESSION_TYPE", raising=False)
    monkeypatch.setattr(platform_check, "can_load", loads_all_but("libxcb-icccm.so.4"))

    def no_window(_path: Path) -> int:
        raise AssertionError("the window was started")

    monkeypatch.setattr(ccdesktop.gui.app, "run_app", no_window)
    out, err = io.StringIO(), io.StringIO()
    assert run(["--db", str(tmp_path / "c.sqlite3")], out, err) == 2
    lines = err.getvalue().splitlines()
    assert len(lines) == 1
    assert "libxcb-icccm.so.4" in lines[0]
    assert lines[0].endswith("sudo apt-get install -y libxcb-icccm4")


def test_the_list_is_what_the_installed_plugin_needs() -> None:
    """Every library the installed PySide6's xcb plugin and its Qt libraries need
    from the system is in the list (read with readelf, where there is one)."""
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    files = [
        qt / "plugins" / "platforms" / "libqxcb.so",
        qt / "lib" / "libQt6XcbQpa.so.6",
        qt / "lib" / "libQt6Gui.so.6",
    ]
    if not all(f.is_file() for f in files):
        pytest.skip("not a Linux PySide6")
    try:
        dumps = [
            subprocess.run(["readelf", "-d", str(f)], capture_output=True, text=True, check=True)
            for f in files
        ]
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("no readelf")
    needed = {
        line.split("[", 1)[1].rstrip("]")
        for dump in dumps
        for line in dump.stdout.splitlines()
        if "(NEEDED)" in line
    }
    runtimes = {"libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1", "libz.so.1"}
    from_system = {n for n in needed if not n.startswith(("libQt6", "libicu"))} - runtimes
    assert from_system <= set(XCB_LIBRARIES), from_system - set(XCB_LIBRARIES)
