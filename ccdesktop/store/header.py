"""Decide whether a file may be opened, before SQLite ever touches it.

Connecting to a file lets SQLite write to it (roll back a hot journal, change the
journal mode, create our tables). So a file that is not ours, or is from a newer
major version of ccdesktop's schema, is refused by reading its header ourselves, and
stays byte-for-byte as it was. Layout:
https://www.sqlite.org/fileformat.html#the_database_header
"""

from __future__ import annotations

import enum
from pathlib import Path

from .errors import NewerSchemaError, NotADatabaseError
from .versions import SchemaVersion

#: "CCDH" in ASCII: the PRAGMA application_id of every ccdesktop database.
APPLICATION_ID = 0x43434448

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
#: page 1 holds the header, then the b-tree page header of the schema table
_READ_SIZE = HEADER_SIZE + 8
_LEAF_TABLE_PAGE = 0x0D
_LEGACY_JOURNAL = 1


class FileKind(enum.Enum):
    #: missing, empty, or an SQLite file that has never held anything: create the schema
    NEW = "new"
    #: a ccdesktop database of this schema's major or an older one (``header_version``
    #: tells whether it is of a newer minor, to be opened read-only)
    OURS = "ours"


def _int(data: bytes, offset: int, size: int = 4) -> int:
    return int.from_bytes(data[offset : offset + size], "big")


def classify_file(path: Path, known: SchemaVersion) -> FileKind:
    """``NEW`` or ``OURS``; raise ``NotADatabaseError``, or ``NewerSchemaError`` for a
    file of a major newer than ``known``'s (this ccdesktop's schema version).

    OSErrors (a folder, no permission) propagate: they are the caller's to report.
    """
    try:
        with path.open("rb") as handle:
            data = handle.read(_READ_SIZE)
    except FileNotFoundError:
        return FileKind.NEW
    if not data:
        return FileKind.NEW
    if len(data) < HEADER_SIZE or not data.startswith(SQLITE_MAGIC):
        raise NotADatabaseError(
            f"{path} is not a ccdesktop database (it is not an SQLite file); it was left unchanged."
        )
    application_id = _int(data, 68)
    user_version = _int(data, 60)
    if application_id == APPLICATION_ID:
        try:
            version = SchemaVersion.from_user_version(user_version)
        except ValueError:
            version = None  # no version we can name: a far newer ccdesktop's
        if version is None or version.major > known.major:
            shown = user_version if version is None else version
            raise NewerSchemaError(
                f"{path} was saved by a newer ccdesktop (database version {shown}; "
                f"this ccdesktop reads versions up to {known.major}.x). Install the newer "
                "ccdesktop to open it; the file was left unchanged."
            )
        return FileKind.OURS
    if application_id == 0 and user_version == 0 and _is_blank_sqlite(path, data):
        return FileKind.NEW
    raise NotADatabaseError(
        f"{path} is another program's SQLite database, not a ccdesktop database; it was "
        "left unchanged."
    )


def _is_blank_sqlite(path: Path, data: bytes) -> bool:
    """True for an SQLite file whose schema table is empty (no table, view, anything).

    In WAL mode, or with a hot journal beside it, the main file may not show the real
    content, so such a file is never taken as blank.
    """
    if len(data) < _READ_SIZE:
        return False
    if data[18] != _LEGACY_JOURNAL or data[19] != _LEGACY_JOURNAL:
        return False
    journal = path.with_name(path.name + "-journal")
    if journal.exists() and journal.stat().st_size > 0:
        return False
    page_type = data[HEADER_SIZE]
    cell_count = _int(data, HEADER_SIZE + 3, 2)
    return page_type == _LEAF_TABLE_PAGE and cell_count == 0


def header_version(path: Path) -> SchemaVersion:
    """The schema version the header of a file ``classify_file`` found ``OURS`` gives
    (``PRAGMA user_version``); 0.0 for a file too short to have one. OSErrors
    propagate, as in ``classify_file``."""
    with path.open("rb") as handle:
        data = handle.read(HEADER_SIZE)
    return SchemaVersion.from_user_version(_int(data, 60) if len(data) >= HEADER_SIZE else 0)
