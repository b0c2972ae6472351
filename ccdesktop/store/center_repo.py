"""SQL for the single-row center table (details printed on reports, and settings)."""

from __future__ import annotations

import sqlite3

from ..domain.records import Center
from .columns import select_list
from .convert import CENTER_COLUMNS, center_from_row, center_row


def read_center(conn: sqlite3.Connection) -> Center:
    columns = select_list(conn, "center", CENTER_COLUMNS)
    row = conn.execute(f"SELECT {columns} FROM center WHERE id = 1").fetchone()
    # Migration 1 inserts the row; a file without it still gets the defaults.
    return Center() if row is None else center_from_row(row)


def write_center(conn: sqlite3.Connection, center: Center) -> None:
    columns = [column.strip() for column in CENTER_COLUMNS.split(",")]
    updates = ", ".join(f"{column} = excluded.{column}" for column in columns)
    conn.execute(
        f"INSERT INTO center (id, {CENTER_COLUMNS}) VALUES (1, {', '.join('?' * len(columns))}) "
        f"ON CONFLICT (id) DO UPDATE SET {updates}",
        center_row(center),
    )
