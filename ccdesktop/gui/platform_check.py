"""Before the window starts on Linux: can Qt's X11 platform plugin (xcb) load?

On a fresh Debian or Ubuntu machine the plugin needs libraries a desktop may lack
(libxcb-cursor0 above all, needed since Qt 6.5). Without them Qt prints "Could not
load the Qt platform plugin xcb" and aborts the process with a core dump; with no
display at all it aborts too. This module asks first, before any Qt library is
loaded, and gives one line that names what is missing and how to install it. It
imports no Qt (importing PySide6's QtGui already needs some of these libraries).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping

#: Each library Qt's xcb plugin loads beyond the C and C++ runtimes, with the Debian
#: and Ubuntu package that has it: what ``readelf -d`` lists as NEEDED for the
#: installed PySide6's ``plugins/platforms/libqxcb.so``, ``lib/libQt6XcbQpa.so.6``
#: and ``lib/libQt6Gui.so.6`` (PySide6 6.11; the Qt libraries themselves come with
#: PySide6). ``libqxcb.so`` loads them all through ``libQt6XcbQpa``.
XCB_LIBRARIES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
}

NO_DISPLAY = (
    "ccdesktop: there is no display to open the window on (DISPLAY is not set): start "
    "ccdesktop from a desktop session, or use its commands (ccdesktop --help)"
)


def install_command(packages: list[str]) -> str:
    """The apt-get command that installs ``packages`` (each once, in order)."""
    return "sudo apt-get install -y " + " ".join(dict.fromkeys(packages))


def can_load(library: str) -> bool:
    """Whether the dynamic loader finds and loads ``library`` (a soname), as Qt's
    plugin loader will."""
    import ctypes  # here: only the Linux window start pays for it

    try:
        ctypes.CDLL(library)
    except OSError:
        return False
    return True


def window_problem(
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
    load: Callable[[str], bool] | None = None,
) -> str | None:
    """Why the window cannot open here, in one line, or None when it can (or when
    the platform is not Qt's xcb one, which is left to Qt).

    Checked on Linux when ``QT_QPA_PLATFORM`` is unset or ``xcb``; an unset platform
    in a Wayland session is Wayland's (Qt tries it first)."""
    environ = os.environ if environ is None else environ
    load = load or can_load
    if not (platform or sys.platform).startswith("linux"):
        return None
    chosen = environ.get("QT_QPA_PLATFORM", "").split(":", 1)[0].strip().lower()
    if chosen not in ("", "xcb"):
        return None  # offscreen, wayland, ...
    wayland = bool(environ.get("WAYLAND_DISPLAY")) or environ.get("XDG_SESSION_TYPE") == "wayland"
    if not chosen and wayland:
        return None
    if not environ.get("DISPLAY"):
        return NO_DISPLAY
    missing = [library for library in XCB_LIBRARIES if not load(library)]
    if not missing:
        return None
    return (
        f"ccdesktop: the window cannot open: Qt's X11 platform (xcb) needs system "
        f"libraries that are missing ({', '.join(missing)}); on Debian or Ubuntu install "
        f"them with: {install_command([XCB_LIBRARIES[library] for library in missing])}"
    )
