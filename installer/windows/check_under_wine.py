"""Check the Windows installer script on Linux, under Wine, without a Windows machine.

    python installer/windows/check_under_wine.py [--iscc PATH/ISCC.exe] [--keep]

Compiles ``ccdesktop.iss`` with Inno Setup's own compiler against a small stand-in of
the PyInstaller bundle (a Windows program renamed ``ccdesktop.exe`` and an
``_internal`` folder: the Windows bundle itself can only be built on Windows), then, in
a Wine prefix of its own, does what a director and a maintainer do with the result and
checks each step:

1. the script refuses to compile without a version, and compiles with the one from
   pyproject.toml into ``dist/ccdesktop-VERSION-setup.exe``, whose Windows version
   information carries that version;
2. a silent install puts the program in the user's own
   ``%LOCALAPPDATA%\\Programs\\ccdesktop`` (not Program Files: no administrator
   rights), with a Start menu shortcut, no desktop shortcut unless ticked, an
   uninstaller, and an entry under HKEY_CURRENT_USER's installed programs;
3. installing a newer version over it replaces the bundle's ``_internal`` folder
   whole and leaves the director's data (``%LOCALAPPDATA%\\ccdesktop``) untouched;
4. a silent uninstall removes the program, its shortcut and its entry, and keeps the
   director's data byte for byte.

Needs ``wine`` with 32-bit support (Inno Setup's compiler and setup loader are 32-bit
programs; Debian: ``dpkg --add-architecture i386``, then ``apt-get install wine
wine32:i386``) and Inno Setup 6.3 or newer's ``ISCC.exe``: ``--iscc``, else the
``ISCC`` environment variable, else the npm package ``innosetup-compiler``
(``npm install innosetup-compiler@6.3.1`` in a folder of your choice, then pass
``--iscc node_modules/innosetup-compiler/bin/ISCC.exe``). Exits 0 when every check
holds, 1 naming each one that failed, 2 when Wine or Inno Setup is missing.
It touches nothing outside a temporary folder (``--keep`` leaves that folder for a look).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
APP_ID = "{6F0C2B8E-3D4A-4B7E-9C21-5A8E0D7F4C13}"  # ccdesktop.iss's AppId
UNINSTALL_KEY = rf"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\{APP_ID}_is1"


class Wine:
    """Runs Windows programs in a Wine prefix of its own, one at a time, on a virtual
    screen of its own (even a silent setup makes windows, which Wine cannot do
    without an X server)."""

    def __init__(self, prefix: Path) -> None:
        self.screen = subprocess.Popen(
            ["Xvfb", "-displayfd", "1", "-nolisten", "tcp", "-screen", "0", "1024x768x24"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.screen.stdout is not None
        display = self.screen.stdout.readline().strip()
        self.env = dict(os.environ)
        self.env.update(
            DISPLAY=f":{display}",
            WINEPREFIX=str(prefix),
            WINEDEBUG="-all",
            # no downloads of Mono or Gecko while the prefix is made: none is needed
            WINEDLLOVERRIDES="mscoree,mshtml=",
        )
        self.run("wineboot", "--init")

    def close(self) -> None:
        subprocess.run(["wineserver", "--kill"], env=self.env, check=False, timeout=60)
        self.screen.terminate()
        self.screen.wait(timeout=60)

    def run(self, *command: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            ["wine", *command] if command[0] != "wineboot" else list(command),
            cwd=cwd,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        # Inno's uninstaller re-starts itself from a temporary copy and exits at once:
        # wait until every program of the prefix has ended.
        subprocess.run(["wineserver", "--wait"], env=self.env, check=False, timeout=600)
        return done

    def folder(self, variable: str) -> Path:
        """A Windows folder (``%LOCALAPPDATA%`` and the like) as a path on this machine."""
        shown = self.run("cmd", "/c", "echo", f"%{variable}%").stdout.strip()
        unix = subprocess.run(
            ["winepath", "--unix", shown], env=self.env, capture_output=True, text=True
        )
        return Path(unix.stdout.strip())

    def registry_value(self, key: str, name: str) -> str | None:
        done = self.run("reg", "query", key, "/v", name)
        for line in done.stdout.splitlines():
            parts = line.split(None, 2)
            if len(parts) == 3 and parts[0] == name:
                return parts[2].strip()
        return None


class Checks:
    def __init__(self) -> None:
        self.failed: list[str] = []

    def check(self, what: str, holds: bool, detail: str = "") -> None:
        print(f"{'ok    ' if holds else 'FAILED'} {what}" + (f" ({detail})" if detail else ""))
        if not holds:
            self.failed.append(what)


def project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        version: str = tomllib.load(handle)["project"]["version"]
    return version


def find_iscc(given: str | None) -> Path | None:
    for candidate in (given, os.environ.get("ISCC")):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def stand_in_bundle(bundle: Path, program: Path, library: str) -> None:
    """dist/ccdesktop as PyInstaller lays it out: the program and ``_internal``."""
    shutil.rmtree(bundle, ignore_errors=True)
    (bundle / "_internal").mkdir(parents=True)
    shutil.copyfile(program, bundle / "ccdesktop.exe")
    shutil.copyfile(program, bundle / "ccdesktop-cli.exe")
    (bundle / "_internal" / library).write_text("a library of this build\n")


def version_info_has(setup: Path, version: str) -> bool:
    """Whether the program's version resource names ``version`` as its product version
    (the strings of VS_VERSION_INFO are UTF-16LE)."""
    data = setup.read_bytes()
    key = "ProductVersion".encode("utf-16-le")
    at = data.find(key)
    while at != -1:
        # the value follows the key's terminating NUL, padded to a 4-byte boundary
        window = data[at + len(key) : at + len(key) + 64]
        if version.encode("utf-16-le") in window:
            return True
        at = data.find(key, at + 1)
    return False


def icon_images(icon: Path) -> list[bytes]:
    """The images of a .ico file (a 6-byte header, 16 bytes per image, then the
    images), each as it is stored, which is how a program's icon resources hold them."""
    data = icon.read_bytes()
    count = int.from_bytes(data[4:6], "little")
    images = []
    for number in range(count):
        entry = data[6 + 16 * number : 6 + 16 * (number + 1)]
        size, offset = int.from_bytes(entry[8:12], "little"), int.from_bytes(entry[12:16], "little")
        images.append(data[offset : offset + size])
    return images


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--iscc", help="path of Inno Setup 6's ISCC.exe")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    iscc = find_iscc(args.iscc)
    if shutil.which("wine") is None or iscc is None:
        print(
            "needs wine (with wine32) and Inno Setup's ISCC.exe (--iscc or ISCC); "
            "see this script's docstring",
            file=sys.stderr,
        )
        return 2

    work = Path(tempfile.mkdtemp(prefix="ccdesktop-wine-"))
    try:
        return run_checks(work, iscc)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def run_checks(work: Path, iscc: Path) -> int:
    checks = Checks()
    wine = Wine(work / "prefix")
    try:
        return check_installer(checks, wine, work, iscc)
    finally:
        wine.close()


def check_installer(checks: Checks, wine: Wine, work: Path, iscc: Path) -> int:
    version = project_version()
    newer = version + ".1"  # any higher version will do for the upgrade
    program = work / "prefix/drive_c/windows/system32/notepad.exe"  # any Windows program

    # the repository's layout, as the script expects it: installer/windows, dist/
    tree = work / "tree"
    (tree / "installer/windows").mkdir(parents=True)
    for name in ("ccdesktop.iss", "ccdesktop.ico"):
        shutil.copyfile(HERE / name, tree / "installer/windows" / name)
    script_dir = tree / "installer/windows"

    def compile_setup(*defines: str) -> subprocess.CompletedProcess[str]:
        return wine.run(str(iscc), "/Q", *defines, "ccdesktop.iss", cwd=script_dir)

    # 1. the version comes from pyproject.toml, passed as build.ps1 passes it
    stand_in_bundle(tree / "dist/ccdesktop", program, "old-library.txt")
    refused = compile_setup()
    checks.check(
        "without /DAppVersion the script refuses to compile",
        refused.returncode != 0 and "Pass the version" in refused.stdout + refused.stderr,
    )
    built = compile_setup(f"/DAppVersion={version}")
    setup = tree / f"dist/ccdesktop-{version}-setup.exe"
    checks.check(
        f"compiles into dist/ccdesktop-{version}-setup.exe",
        built.returncode == 0 and setup.is_file(),
        (built.stdout + built.stderr).strip()[-400:] if built.returncode else "",
    )
    if not setup.is_file():
        return report(checks)
    checks.check(
        "the setup's version information is the project's", version_info_has(setup, version)
    )
    setup_bytes = setup.read_bytes()
    images = icon_images(HERE / "ccdesktop.ico")
    checks.check(
        "the setup carries the app's icon (every image of ccdesktop.ico)",
        bool(images) and all(image in setup_bytes for image in images),
    )

    # 2. a silent install, as the director's own user
    local = wine.folder("LOCALAPPDATA")
    roaming = wine.folder("APPDATA")
    program_files = wine.folder("ProgramFiles")
    wine.run(str(setup), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART")
    app = local / "Programs/ccdesktop"
    start_menu = roaming / "Microsoft/Windows/Start Menu/Programs"
    desktop = wine.folder("USERPROFILE") / "Desktop"
    checks.check(
        r"installs into %LOCALAPPDATA%\Programs\ccdesktop",
        (app / "ccdesktop.exe").is_file() and (app / "_internal/old-library.txt").is_file(),
    )
    checks.check(
        "nothing in Program Files (no administrator rights used)",
        not (program_files / "ccdesktop").exists(),
    )
    shortcut = start_menu / "ccdesktop.lnk"
    checks.check(
        "a Start menu shortcut to the installed program",
        shortcut.is_file() and rb"Programs\ccdesktop\ccdesktop.exe" in shortcut.read_bytes(),
    )
    checks.check(
        "no desktop shortcut unless ticked",
        not (desktop / "ccdesktop.lnk").exists(),
    )
    checks.check("an uninstaller beside the program", (app / "unins000.exe").is_file())
    checks.check(
        "listed in the user's installed programs with its version",
        wine.registry_value(UNINSTALL_KEY, "DisplayVersion") == version,
    )

    # the director's records, where the app keeps them
    data = local / "ccdesktop"
    (data / "backups").mkdir(parents=True, exist_ok=True)
    records = data / "center.sqlite3"
    records.write_bytes(os.urandom(4096))
    backup = data / "backups/center-2026-11-29.sqlite3"
    backup.write_bytes(os.urandom(4096))
    before = {path: digest(path) for path in (records, backup)}

    # 3. an upgrade replaces the bundle whole, keeps the data
    stand_in_bundle(tree / "dist/ccdesktop", program, "new-library.txt")
    compile_setup(f"/DAppVersion={newer}")
    wine.run(str(tree / f"dist/ccdesktop-{newer}-setup.exe"), "/VERYSILENT", "/SUPPRESSMSGBOXES")
    checks.check(
        "an upgrade replaces _internal whole (a library the new build lacks is gone)",
        (app / "_internal/new-library.txt").is_file()
        and not (app / "_internal/old-library.txt").exists(),
    )
    checks.check(
        "an upgrade updates the listed version",
        wine.registry_value(UNINSTALL_KEY, "DisplayVersion") == newer,
    )
    checks.check(
        "an upgrade leaves the director's data untouched",
        all(path.is_file() and digest(path) == sha for path, sha in before.items()),
    )

    # 4. a silent uninstall removes the program and keeps the data
    wine.run(str(app / "unins000.exe"), "/VERYSILENT", "/SUPPRESSMSGBOXES")
    checks.check("uninstall removes the program", not (app / "ccdesktop.exe").exists())
    checks.check(
        "uninstall removes the Start menu shortcut", not (start_menu / "ccdesktop.lnk").exists()
    )
    checks.check(
        "uninstall removes the installed-programs entry",
        wine.registry_value(UNINSTALL_KEY, "DisplayVersion") is None,
    )
    checks.check(
        "uninstall keeps the director's data byte for byte",
        all(path.is_file() and digest(path) == sha for path, sha in before.items()),
    )
    return report(checks)


def report(checks: Checks) -> int:
    if checks.failed:
        print(f"\n{len(checks.failed)} check(s) failed: " + "; ".join(checks.failed))
        return 1
    print("\nevery check holds")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
