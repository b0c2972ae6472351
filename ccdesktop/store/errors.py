"""The errors the store raises, and the one place sqlite3 exceptions are translated.

Anything in the user's environment (a locked, read-only, full, corrupt or foreign
file) and any record the database refuses becomes a ``StoreError`` whose ``str()`` is
a plain message for the director. Every other sqlite3 error is a bug in our SQL and
propagates unchanged, so it fails loudly (qutebrowser ``misc/sql.py`` does the same).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import NoReturn

from ..domain.validation import Problem


class StoreError(Exception):
    """A database problem the director can understand and act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotADatabaseError(StoreError):
    """The file is not a ccdesktop database (text, another program's, random bytes)."""


class NewerSchemaError(StoreError):
    """The file was written by a newer ccdesktop than this one."""


class DatabaseBusyError(StoreError):
    """Another program or window holds the database lock."""


class ReadOnlyError(StoreError):
    """The file or its folder cannot be written."""


class DiskFullError(StoreError):
    """The disk (or quota) is full."""


class DatabaseCorruptError(StoreError):
    """The file says it is ours but SQLite finds it damaged."""


class DatabaseDamagedError(DatabaseCorruptError):
    """The file failed its check on open and was set aside (never written to).

    ``damaged_path`` is where it now is; ``newest_backup`` the newest backup that
    passes its own check, if there is one, for the director to restore.
    """

    def __init__(self, message: str, damaged_path: object, newest_backup: object) -> None:
        super().__init__(message)
        self.damaged_path = damaged_path
        self.newest_backup = newest_backup


class DatabaseInUseError(StoreError):
    """Another ccdesktop (on this PC or another) has the file open for editing.

    ``holder`` is the lock's ``LockInfo`` (who, where, since when); ``stale`` says the
    holder looks gone (it stopped refreshing the lock), so it may be taken over.
    """

    def __init__(self, message: str, holder: object, stale: bool) -> None:
        super().__init__(message)
        self.holder = holder
        self.stale = stale


class RecordRejected(StoreError):
    """A record the store refused or could not find; ``problems`` name each field and
    what is wrong. ``summary`` says which record, e.g. "Staff member Ana Lopez was not
    saved"."""

    #: a bulk write may refuse thousands of rows; the message shows the first few
    SHOWN_PROBLEMS = 10

    def __init__(self, summary: str, problems: Sequence[Problem]) -> None:
        self.summary = summary
        self.problems: list[Problem] = list(problems)
        shown = [str(problem) for problem in self.problems[: self.SHOWN_PROBLEMS]]
        hidden = len(self.problems) - len(shown)
        if hidden > 0:
            shown.append(f"and {hidden} more")
        super().__init__(f"{summary}: {'; '.join(shown)}")


#: SQLite primary result codes (the low byte of an extended code) we translate.
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_CONSTRAINT = 19
_SQLITE_NOTADB = 26

#: Turns the text of a constraint failure into field problems; supplied by the
#: caller because only it knows which record was being written.
ConstraintExplainer = Callable[[str], list[Problem]]


def raise_sqlite_error(
    error: sqlite3.Error,
    path: object,
    summary: str = "The record was not saved",
    explain: ConstraintExplainer | None = None,
) -> NoReturn:
    """Raise the ``StoreError`` for ``error`` (from it), or re-raise it as a bug.

    ``path`` names the file in messages; ``summary`` says which record a refused
    write was about; ``explain`` turns a constraint failure into problems.
    """
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        raise error
    primary = code & 0xFF
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
        raise DatabaseBusyError(
            f"The database {path} is locked: another program or ccdesktop window is "
            "using it (database is locked). Close it and try again."
        ) from error
    if primary == _SQLITE_READONLY:
        raise ReadOnlyError(
            f"The database {path} cannot be written (it or its folder is read-only)."
        ) from error
    if primary == _SQLITE_FULL:
        raise DiskFullError(
            f"The disk holding {path} is full; nothing was saved. Free some space and try again."
        ) from error
    if primary == _SQLITE_NOTADB:
        raise NotADatabaseError(f"{path} is not a ccdesktop database.") from error
    if primary == _SQLITE_CORRUPT:
        raise DatabaseCorruptError(
            f"The database {path} is damaged ({error}). Restore it from a backup."
        ) from error
    if primary in (_SQLITE_PERM, _SQLITE_CANTOPEN, _SQLITE_IOERR):
        raise StoreError(f"The database {path} cannot be read or written: {error}.") from error
    if primary == _SQLITE_CONSTRAINT:
        problems = explain(str(error)) if explain else []
        if not problems:
            problems = [Problem("record", f"the database refused it ({error})")]
        raise RecordRejected(summary, problems) from error
    raise error
