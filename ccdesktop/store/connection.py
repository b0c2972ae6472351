"""Connections and transactions: the one place BEGIN, COMMIT and ROLLBACK are written.

Connections use ``isolation_level=None`` so the sqlite3 module never opens or commits
a transaction behind our back (it would not cover DDL, and ``executescript`` commits
first). ``Transactions.transaction()`` is then the only way anything is written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import StoreError, raise_sqlite_error

#: STRICT tables arrived in SQLite 3.37.0.
MIN_SQLITE_VERSION = (3, 37, 0)
BUSY_TIMEOUT_MS = 5000


def check_sqlite_version(version: tuple[int, int, int] = sqlite3.sqlite_version_info) -> None:
    if version < MIN_SQLITE_VERSION:
        found = ".".join(map(str, version))
        need = ".".join(map(str, MIN_SQLITE_VERSION))
        raise StoreError(
            f"This Python's SQLite library is version {found}; ccdesktop needs {need} or "
            "newer (for STRICT tables). Install a newer Python or ccdesktop build."
        )


def connect(path: Path) -> sqlite3.Connection:
    """A connection to ``path`` with ccdesktop's settings in force.

    The pragmas must run outside any transaction (``foreign_keys`` is silently ignored
    inside one), which is why they run here, straight after connecting.
    """
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as error:
        raise_sqlite_error(error, path)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        # FULL: a commit survives a power cut, which a director's laptop will see.
        conn.execute("PRAGMA synchronous = FULL")
        # DELETE: one self-contained file the director can copy, mail or back up.
        conn.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.Error as error:
        conn.close()
        raise_sqlite_error(error, path)
    except BaseException:
        conn.close()
        raise
    return conn


class Transactions:
    """Runs blocks of work on one connection, each all or nothing.

    The outermost block is ``BEGIN IMMEDIATE`` ... ``COMMIT`` (IMMEDIATE takes the
    write lock up front, so a busy database fails at the start, not half-way). A
    nested block joins it: its work is committed only with the outer one. A nested
    block is also a SAVEPOINT, so if it fails and the outer block catches the error
    and carries on, the failed block's partial writes are gone, never committed.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self._path = path
        self._depth = 0

    @property
    def active(self) -> bool:
        return self._depth > 0

    def _run(self, sql: str) -> None:
        try:
            self._conn.execute(sql)
        except sqlite3.Error as error:
            raise_sqlite_error(error, self._path)

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[None]:
        """All or nothing. ``write=False`` is for reads that must see one consistent
        state (a deferred BEGIN takes no write lock)."""
        if self._depth:
            yield from self._nested()
            return
        self._run("BEGIN IMMEDIATE" if write else "BEGIN DEFERRED")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self._rollback()
            raise
        self._depth = 0
        try:
            self._conn.execute("COMMIT")
        except sqlite3.Error as error:
            self._rollback()
            raise_sqlite_error(error, self._path)

    def _nested(self) -> Iterator[None]:
        name = f"nested_{self._depth}"
        self._run(f"SAVEPOINT {name}")
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            self._run(f"ROLLBACK TO {name}")
            self._run(f"RELEASE {name}")
            raise
        self._depth -= 1
        self._run(f"RELEASE {name}")

    def _rollback(self) -> None:
        # SQLite may already have rolled back by itself (e.g. after SQLITE_FULL).
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")
