"""Is a database file on a network drive or inside a cloud-synced folder?

SQLite's documentation warns that its file locking is unreliable over network file
systems, and a sync client (OneDrive, Dropbox, Google Drive, iCloud) may upload a
half-written file or bring back an old copy over a new one. ccdesktop still works
there (it uses the rollback journal, not WAL, and keeps its own edit lock), but the
director is told why a local folder is safer.

Detection is by looking only: the path's folders, the sync clients' environment
variables, the mount table on Linux, and the drive type on Windows. No network call.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePath

#: folder names sync clients create (compared case-insensitively, by prefix for
#: OneDrive, whose business folders are "OneDrive - Company")
CLOUD_FOLDERS = (
    "dropbox",
    "google drive",
    "googledrive",
    "my drive",
    "icloud drive",
    "icloudrive",
    "mobile documents",
    "box",
    "box sync",
    "pcloud drive",
    "nextcloud",
    "owncloud",
    "sync",
)
CLOUD_PREFIXES = ("onedrive",)
CLOUD_ENV_VARS = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")
#: Linux file system types that live on another machine
NETWORK_FS_TYPES = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smbfs",
        "smb3",
        "afs",
        "ncpfs",
        "9p",
        "ceph",
        "glusterfs",
        "lustre",
        "davfs",
        "fuse.sshfs",
        "fuse.rclone",
        "fuse.davfs2",
        "fuse.s3fs",
        "fuse.gcsfuse",
    }
)
_DRIVE_REMOTE = 4

WHY = (
    "SQLite's own documentation warns that file locking does not work reliably there, "
    "so two computers writing at once, or a sync that copies the file mid-save, can "
    "damage it. ccdesktop uses SQLite's rollback journal and its own edit lock to lessen "
    "the risk, but a folder on this computer's own disk is safer; keep the backups."
)


def cloud_folder(path: PurePath, environ: Mapping[str, str] = os.environ) -> str | None:
    """The sync service whose folder holds ``path``, or None."""
    text = os.path.normcase(str(path))
    for name in CLOUD_ENV_VARS:
        root = environ.get(name, "")
        if root and (text + os.sep).startswith(os.path.normcase(root.rstrip("\\/")) + os.sep):
            return "OneDrive"
    for part in path.parts[:-1]:
        folded = part.casefold()
        if folded.startswith(CLOUD_PREFIXES):
            return "OneDrive"
        if folded in CLOUD_FOLDERS:
            return part
    return None


def mount_fs_type(path: PurePath, mounts: Sequence[tuple[str, str]]) -> str | None:
    """The file system type of the longest mount point containing ``path``."""
    best: tuple[int, str] | None = None
    text = str(path)
    for mount_point, fs_type in mounts:
        point = mount_point.rstrip("/") or "/"
        inside = text == point or text.startswith(point if point == "/" else point + "/")
        if inside and (best is None or len(point) > best[0]):
            best = (len(point), fs_type)
    return None if best is None else best[1]


def linux_mounts(mounts_file: Path = Path("/proc/self/mounts")) -> list[tuple[str, str]]:
    try:
        text = mounts_file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    mounts: list[tuple[str, str]] = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            # the mount table escapes spaces as \040
            mounts.append((fields[1].replace("\\040", " "), fields[2]))
    return mounts


def network_drive(path: Path, mounts: Sequence[tuple[str, str]] | None = None) -> str | None:
    """A few words naming the network location of ``path``, or None if local."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return "a network share"
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return _windows_network_drive(path)
    if mounts is None:
        mounts = linux_mounts() if sys.platform.startswith("linux") else []
    fs_type = mount_fs_type(path, mounts)
    if fs_type is not None and (fs_type in NETWORK_FS_TYPES or fs_type.startswith("nfs")):
        return f"a network drive ({fs_type})"
    return None


def _windows_network_drive(path: Path) -> str | None:  # pragma: no cover - Windows only
    import ctypes  # here, as in lock.py: Windows only, ~3 ms at every start elsewhere

    drive = path.drive
    if not drive:
        return None
    kind = ctypes.windll.kernel32.GetDriveTypeW(drive + "\\")  # type: ignore[attr-defined]
    return f"a network drive ({drive})" if kind == _DRIVE_REMOTE else None


def storage_warning(
    path: Path,
    *,
    environ: Mapping[str, str] = os.environ,
    mounts: Sequence[tuple[str, str]] | None = None,
) -> str | None:
    """A plain warning with the reason if ``path`` is on a network drive or in a
    cloud-synced folder; None for a local folder."""
    absolute = Path(os.path.abspath(path))
    cloud = cloud_folder(absolute, environ)
    if cloud is not None:
        return f"{absolute} is inside a {cloud} folder, which is synced to the cloud. {WHY}"
    network = network_drive(absolute, mounts)
    if network is not None:
        return f"{absolute} is on {network}. {WHY}"
    return None
