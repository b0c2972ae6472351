"""SQL for the single-row center table (details printed on reports, and settings)."""

from __future__ import annotations

import sqlite3

from ..domain.records import Center
from .convert import CENTER_COLUMNS, center_from_row, center_row


def _columns(conn: sqlite3.Connection) -> set[str]:
    return {row[1] for row in conn.execute("PRAGMA table_info(center)")}


def read_center(conn: sqlite3.Connection) -> Center:
    # A file of an older schema read as it is (a backup opened read-only to be
    # summarised or compared) lacks the later columns: they read as not set.
    if "records_start_year" in _columns(conn):
        query = f"SELECT {CENTER_COLUMNS} FROM center WHERE id = 1"
    else:  # schema versions 1 and 2
        query = (
            "SELECT name, license_number, director, required_hours, hire_year_policy, NULL "
            "FROM center WHERE id = 1"
        )
    row = conn.execute(query).fetchone()
    # Migration 1 inserts the row; a file without it still gets the defaults.
    return Center() if row is None else center_from_row(row)


def write_center(conn: sqlite3.Connection, center: Center) -> None:
    conn.execute(
        f"INSERT INTO center (id, {CENTER_COLUMNS}) VALUES (1, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
        "license_number = excluded.license_number, director = excluded.director, "
        "required_hours = excluded.required_hours, "
        "hire_year_policy = excluded.hire_year_policy, "
        "records_start_year = excluded.records_start_year",
        center_row(center),
    )
