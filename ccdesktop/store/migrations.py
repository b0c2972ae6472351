"""Numbered schema migrations.

Each step takes a file from the version of the step before it (0.0 for the first) to
its own ``version``, a ``SchemaVersion`` (``versions.py``): the next minor for an
additive step, the next major (minor 0) for a breaking one. Each runs in one
transaction that also sets ``user_version`` (and the application id), so a step is
applied completely or not at all. To change the schema later, append a step: never
edit a step that has shipped.

An additive step only adds: new tables, new columns that are NULL or have a default,
new indexes and triggers; every table and column a previous release reads keeps its
name and meaning, since that release opens the file (read-only) and reads them.
Anything else (a table rebuilt, a column dropped, renamed or given a new meaning, a
CHECK changed) is breaking. Versions are one line: once a major has shipped, no
additive step is added to an earlier major.
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
from .versions import SchemaVersion


@dataclass(frozen=True)
class Migration:
    """One step: ``apply`` turns a file at the previous step's version into ``version``."""

    version: SchemaVersion
    description: str
    apply: Callable[[sqlite3.Connection], None]

    @property
    def additive(self) -> bool:
        """An additive step (a minor): a previous release of the major still reads it."""
        return self.version.minor > 0


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


# Versions 1 to 4 were numbered before minors existed: each is a major (4 rebuilds
# training_entry; 2 and 3 would be additive by today's rule, but have shipped as majors).
MIGRATIONS: tuple[Migration, ...] = (
    Migration(SchemaVersion(1), "create the center, staff and training_entry tables", _create_v1),
    Migration(
        SchemaVersion(2),
        "add the append-only history of changes, written by triggers",
        _add_history,
    ),
    Migration(SchemaVersion(3), "add the center's records start year", _add_records_start),
    Migration(
        SchemaVersion(4),
        "add required trainings, credentials, trainer sessions and MOPD report dates",
        _add_requirements_and_credentials,
    ),
)

#: The version this ccdesktop writes. A file of a newer minor of its major is opened
#: read-only; one of a newer major is refused.
SCHEMA_VERSION = MIGRATIONS[-1].version


def user_version(conn: sqlite3.Connection) -> int:
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    return version


def schema_version(conn: sqlite3.Connection) -> SchemaVersion:
    """The schema version of the connection's file (0.0: none yet)."""
    return SchemaVersion.from_user_version(user_version(conn))


def target_version(steps: Sequence[Migration]) -> SchemaVersion:
    """The version ``steps`` take a file to (their last step's)."""
    return steps[-1].version if steps else SchemaVersion(0)


def check_steps(steps: Sequence[Migration]) -> None:
    """Each step follows the one before it by one minor or one major; anything else (a
    gap, a reordering) would skip or repeat a schema change, so it is a bug."""
    previous = SchemaVersion(0)
    for number, step in enumerate(steps, start=1):
        breaking = SchemaVersion(previous.major + 1, 0)
        additive = SchemaVersion(previous.major, previous.minor + 1)
        if step.version != breaking and (previous.major == 0 or step.version != additive):
            after = (
                f"{additive} (additive) or {breaking} (breaking)" if previous.major else breaking
            )
            raise ValueError(
                f"migration {number} is numbered {step.version}; after {previous} comes {after}"
            )
        previous = step.version


def pending(current: SchemaVersion, steps: Sequence[Migration] = MIGRATIONS) -> list[Migration]:
    """The steps a file at version ``current`` still needs, in order."""
    return [step for step in steps if step.version > current]


def migrate(
    conn: sqlite3.Connection,
    transactions: Transactions,
    steps: Sequence[Migration] = MIGRATIONS,
) -> SchemaVersion:
    """Apply every pending step in order; return the version reached."""
    check_steps(steps)
    current = schema_version(conn)
    for step in pending(current, steps):
        with transactions.transaction():
            step.apply(conn)
            # PRAGMA takes no bound parameters; both values are our own ints.
            conn.execute(f"PRAGMA user_version = {int(step.version.user_version)}")
            conn.execute(f"PRAGMA application_id = {int(APPLICATION_ID)}")
        current = step.version
    return current
