"""Numbered schema migrations.

``PRAGMA user_version`` is the schema version of a file. ``MIGRATIONS[n - 1]`` takes a
file from version n - 1 to n; each step runs in one transaction that also sets
``user_version`` (and the application id), so a step is applied completely or not at
all. To change the schema later, append a step: never edit a step that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .connection import Transactions
from .header import APPLICATION_ID
from .history import V2_STATEMENTS, V3_STATEMENTS
from .schema import V1_STATEMENTS
from .schema_v4 import V4_STATEMENTS


@dataclass(frozen=True)
class Migration:
    """One step: ``apply`` turns a file at version ``version - 1`` into ``version``."""

    version: int
    description: str
    apply: Callable[[sqlite3.Connection], None]


def _create_v1(conn: sqlite3.Connection) -> None:
    for statement in V1_STATEMENTS:
        conn.execute(statement)


def _add_history(conn: sqlite3.Connection) -> None:
    for statement in V2_STATEMENTS:
        conn.execute(statement)


def _add_records_start(conn: sqlite3.Connection) -> None:
    for statement in V3_STATEMENTS:
        conn.execute(statement)


def _add_requirements_and_credentials(conn: sqlite3.Connection) -> None:
    for statement in V4_STATEMENTS:
        conn.execute(statement)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "create the center, staff and training_entry tables", _create_v1),
    Migration(2, "add the append-only history of changes, written by triggers", _add_history),
    Migration(3, "add the center's records start year", _add_records_start),
    Migration(
        4,
        "add required trainings, credentials, trainer sessions and MOPD report dates",
        _add_requirements_and_credentials,
    ),
)

#: The version this ccdesktop writes; files with a higher one are refused.
SCHEMA_VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    return version


def pending(current: int, steps: Sequence[Migration] = MIGRATIONS) -> list[Migration]:
    """The steps a file at version ``current`` still needs, in order."""
    return [step for step in steps if step.version > current]


def migrate(
    conn: sqlite3.Connection,
    transactions: Transactions,
    steps: Sequence[Migration] = MIGRATIONS,
) -> int:
    """Apply every pending step in order; return the version reached."""
    for number, step in enumerate(steps, start=1):
        # A gap or a reordering in the list would skip or repeat a schema change.
        if step.version != number:
            raise ValueError(f"migration {number} is numbered {step.version}")
    current = user_version(conn)
    for step in pending(current, steps):
        with transactions.transaction():
            step.apply(conn)
            # PRAGMA takes no bound parameters; both values are our own ints.
            conn.execute(f"PRAGMA user_version = {int(step.version)}")
            conn.execute(f"PRAGMA application_id = {int(APPLICATION_ID)}")
        current = step.version
    return current
