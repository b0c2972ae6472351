"""SQL for the training_entry table. Plain functions over a connection; the
``Database`` runs them inside its transactions and translates errors."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from ..domain.records import TrainingEntry
from .columns import select_list
from .convert import ENTRY_COLUMNS, Row, entries_from_rows, entry_from_row, entry_row

# Entries without a start time come after those with one on the same day, as in the
# repeat rule's tie-break (RULES.md section 3).
_ORDER = "ORDER BY completed_on, start_time IS NULL, start_time, id"
_FIELDS = tuple(column.strip() for column in ENTRY_COLUMNS.split(","))
_PLACEHOLDERS = ", ".join("?" * len(_FIELDS))


def list_entries(
    conn: sqlite3.Connection, staff_id: int | None = None, year: int | None = None
) -> list[TrainingEntry]:
    conditions: list[str] = []
    params: list[object] = []
    if staff_id is not None:
        conditions.append("staff_id = ?")
        params.append(staff_id)
    if year is not None:
        # ISO text compares in date order; a range keeps the index usable.
        conditions.append("completed_on >= ? AND completed_on < ?")
        params += [f"{year:04d}-01-01", f"{year + 1:04d}-01-01"]
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    columns = select_list(conn, "training_entry", ENTRY_COLUMNS)
    rows = conn.execute(f"SELECT {columns} FROM training_entry {where} {_ORDER}", params)
    return entries_from_rows(rows)


def entries_of_staff(conn: sqlite3.Connection, staff_ids: Sequence[int]) -> list[TrainingEntry]:
    """Every entry of these staff members (at most ``MAX_IDS``), in completion order:
    one query, through the index on staff_id."""
    columns = select_list(conn, "training_entry", ENTRY_COLUMNS)
    marks = ", ".join("?" * len(staff_ids))
    rows = conn.execute(
        f"SELECT {columns} FROM training_entry WHERE staff_id IN ({marks}) {_ORDER}", staff_ids
    )
    return entries_from_rows(rows)


#: the most ids one query binds: SQLite's limit of bound parameters is 32,766 from
#: version 3.32 (the store needs 3.37 or newer)
MAX_IDS = 30_000


def find_entry(conn: sqlite3.Connection, entry_id: int) -> TrainingEntry | None:
    columns = select_list(conn, "training_entry", ENTRY_COLUMNS)
    row = conn.execute(f"SELECT {columns} FROM training_entry WHERE id = ?", (entry_id,)).fetchone()
    return None if row is None else entry_from_row(row)


def earliest_completion(conn: sqlite3.Connection) -> str | None:
    """The earliest completed_on on record (ISO text), or None."""
    first: str | None = conn.execute("SELECT min(completed_on) FROM training_entry").fetchone()[0]
    return first


def next_entry_id(conn: sqlite3.Connection) -> int:
    """The id the next entry gets: tables without AUTOINCREMENT use max(id) + 1."""
    next_id: int = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM training_entry").fetchone()[0]
    return next_id


def insert_entries(conn: sqlite3.Connection, rows: Sequence[Row]) -> None:
    """Insert rows whose ids are all set (executemany: one prepared statement)."""
    conn.executemany(f"INSERT INTO training_entry ({ENTRY_COLUMNS}) VALUES ({_PLACEHOLDERS})", rows)


def update_entry(conn: sqlite3.Connection, entry: TrainingEntry) -> bool:
    """Overwrite the row with ``entry.id``; False if there is none."""
    values = dict(zip(_FIELDS, entry_row(entry), strict=True))
    entry_id = values.pop("id")
    assignments = ", ".join(f"{column} = ?" for column in values)
    cursor = conn.execute(
        f"UPDATE training_entry SET {assignments} WHERE id = ?", (*values.values(), entry_id)
    )
    return cursor.rowcount == 1


def set_report_marks(conn: sqlite3.Connection, marks: Sequence[tuple[str | None, int]]) -> int:
    """Set ``mopd_report_on`` (ISO date or None) of each entry id; how many rows changed."""
    cursor = conn.executemany("UPDATE training_entry SET mopd_report_on = ? WHERE id = ?", marks)
    return cursor.rowcount


def delete_entry(conn: sqlite3.Connection, entry_id: int) -> bool:
    return conn.execute("DELETE FROM training_entry WHERE id = ?", (entry_id,)).rowcount == 1


def delete_entries_of(conn: sqlite3.Connection, staff_id: int) -> None:
    conn.execute("DELETE FROM training_entry WHERE staff_id = ?", (staff_id,))
