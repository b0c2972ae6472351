"""SQL for the single-row center table (details printed on reports, and settings)."""

from __future__ import annotations

import sqlite3

from ..domain.records import Center
from .convert import CENTER_COLUMNS, center_from_row, center_row


def read_center(conn: sqlite3.Connection) -> Center:
    row = conn.execute(f"SELECT {CENTER_COLUMNS} FROM center WHERE id = 1").fetchone()
    # Migration 1 inserts the row; a file without it still gets the defaults.
    return Center() if row is None else center_from_row(row)


def write_center(conn: sqlite3.Connection, center: Center) -> None:
    conn.execute(
        f"INSERT INTO center (id, {CENTER_COLUMNS}) VALUES (1, ?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
        "license_number = excluded.license_number, director = excluded.director, "
        "required_hours = excluded.required_hours, "
        "hire_year_policy = excluded.hire_year_policy",
        center_row(center),
    )
