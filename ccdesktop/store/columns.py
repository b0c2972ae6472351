"""The column list of a SELECT, for files of any schema version.

A file of an older schema read as it is (a backup opened read-only to be summarised
or compared, a fixture of an old version) lacks the columns later steps added; they
are selected as NULL, which the converters read as the record's defaults.
"""

from __future__ import annotations

import sqlite3


def select_list(conn: sqlite3.Connection, table: str, columns: str) -> str:
    """``columns`` (comma separated) as a SELECT list over ``table`` as it is in this
    file: each column it lacks becomes ``NULL AS column``."""
    # PRAGMA takes no bound parameters; ``table`` is one of our own table names.
    present = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
    names = [name.strip() for name in columns.split(",")]
    if all(name in present for name in names):
        return columns
    return ", ".join(name if name in present else f"NULL AS {name}" for name in names)
