"""Fixtures for the store tests: a fresh database per test, and raw connections
that bypass the repository (to prove the schema itself refuses bad rows)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from ccdesktop.store.database import Database


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "center.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """A fresh, empty database in ``tmp_path``; closed after the test."""
    database = Database.open(db_path)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def raw(db: Database) -> Iterator[sqlite3.Connection]:
    """A second, plain sqlite3 connection to the ``db`` file with foreign keys on."""
    with closing(sqlite3.connect(db.path, isolation_level=None)) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        yield conn
