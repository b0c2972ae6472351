"""The history of changes (schema version 2): every insert, update and delete of the
center's details, a staff member or a training entry, with when, which record, and
the old and new values as JSON.

Triggers on the three tables write the history, so it is part of the same
transaction as the change by construction: a rolled-back change leaves no history
row, and no code path can forget to record one. Two more triggers make the table
append-only: any UPDATE or DELETE of a history row is refused.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..domain.dates import format_date_us
from ..domain.records import Staff, TrainingEntry
from .convert import CENTER_COLUMNS, ENTRY_COLUMNS, STAFF_COLUMNS, entry_from_row, staff_from_row

#: the columns each tracked table's history rows hold (schema version 4 on)
TRACKED: dict[str, tuple[str, ...]] = {
    "center": ("id", *(column.strip() for column in CENTER_COLUMNS.split(","))),
    "staff": tuple(column.strip() for column in STAFF_COLUMNS.split(",")),
    "training_entry": tuple(column.strip() for column in ENTRY_COLUMNS.split(",")),
}

# The columns as shipped steps recorded them: a shipped step never changes.
_V2_CENTER = ("id", "name", "license_number", "director", "required_hours", "hire_year_policy")
_V3_CENTER = (*_V2_CENTER, "records_start_year")
_V2_STAFF = (
    "first_name", "last_name", "mopd_id", "role", "requires_clock_hours", "hire_date",
    "end_date", "id",
)  # fmt: skip
_V2_ENTRY = (
    "staff_id", "title", "completed_on", "clock_hours", "course_id", "provider", "format",
    "setting", "start_time", "end_time", "in_ratio", "approved", "enrolled_on", "notes", "id",
)  # fmt: skip

APPEND_ONLY_MESSAGE = "history is append-only"


def _json_of(row: str, columns: tuple[str, ...]) -> str:
    return "json_object(" + ", ".join(f"'{c}', {row}.{c}" for c in columns) + ")"


def triggers(table: str, columns: tuple[str, ...]) -> list[str]:
    insert = f"""
    CREATE TRIGGER {table}_history_insert AFTER INSERT ON {table} BEGIN
        INSERT INTO history (table_name, record_id, action, old_values, new_values)
        VALUES ('{table}', NEW.id, 'insert', NULL, {_json_of("NEW", columns)});
    END
    """
    # an UPDATE that changes nothing (an import's unchanged row) records nothing
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)
    update = f"""
    CREATE TRIGGER {table}_history_update AFTER UPDATE ON {table} WHEN {changed} BEGIN
        INSERT INTO history (table_name, record_id, action, old_values, new_values)
        VALUES ('{table}', NEW.id, 'update', {_json_of("OLD", columns)},
                {_json_of("NEW", columns)});
    END
    """
    delete = f"""
    CREATE TRIGGER {table}_history_delete AFTER DELETE ON {table} BEGIN
        INSERT INTO history (table_name, record_id, action, old_values, new_values)
        VALUES ('{table}', OLD.id, 'delete', {_json_of("OLD", columns)}, NULL);
    END
    """
    return [insert, update, delete]


V2_STATEMENTS: tuple[str, ...] = (
    """
    CREATE TABLE history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        table_name TEXT NOT NULL
            CHECK (table_name IN ('center', 'staff', 'training_entry')),
        record_id INTEGER NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
        old_values TEXT,
        new_values TEXT
    ) STRICT
    """,
    "CREATE INDEX history_by_record ON history (table_name, record_id)",
    f"""
    CREATE TRIGGER history_no_update BEFORE UPDATE ON history BEGIN
        SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}');
    END
    """,
    f"""
    CREATE TRIGGER history_no_delete BEFORE DELETE ON history BEGIN
        SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}');
    END
    """,
    *triggers("center", _V2_CENTER),
    *triggers("staff", _V2_STAFF),
    *triggers("training_entry", _V2_ENTRY),
)

#: schema version 3: the center's records start year (README, Decisions), and the
#: center's history triggers rebuilt to record it
V3_STATEMENTS: tuple[str, ...] = (
    """
    ALTER TABLE center ADD COLUMN records_start_year INTEGER
        CONSTRAINT center_records_start_year
        CHECK (records_start_year IS NULL OR records_start_year BETWEEN 1900 AND 2200)
    """,
    "DROP TRIGGER center_history_insert",
    "DROP TRIGGER center_history_update",
    "DROP TRIGGER center_history_delete",
    *triggers("center", _V3_CENTER),
)


@dataclass(frozen=True, slots=True)
class Change:
    """One history row. ``old``/``new`` are the record's columns before and after
    (None for an insert's old and a delete's new)."""

    id: int
    changed_at: datetime
    table: str
    record_id: int
    action: str
    old: dict[str, Any] | None
    new: dict[str, Any] | None

    def changed_fields(self) -> list[tuple[str, Any, Any]]:
        """(column, old, new) for each column whose value differs, id left out."""
        old, new = self.old or {}, self.new or {}
        return [
            (column, old.get(column), new.get(column))
            for column in TRACKED[self.table]
            if column != "id" and old.get(column) != new.get(column)
        ]

    def label(self) -> str:
        """Which record, in words: a person's name, an entry's title and date
        (M/D/YYYY, as the window shows dates)."""
        values = self.new or self.old or {}
        if self.table == "staff":
            return _full_name(values.get("first_name"), values.get("last_name"))
        if self.table == "training_entry":
            return f"{values.get('title', '')} on {us_date(values.get('completed_on'))}"
        return "the center's details"

    def person_id(self) -> int | None:
        """The staff member the change concerns: the person changed, or the one the
        entry belongs to (after the change; before it, for a deletion)."""
        if self.table == "staff":
            return self.record_id
        if self.table == "training_entry":
            staff_id = (self.new or self.old or {}).get("staff_id")
            return staff_id if isinstance(staff_id, int) else None
        return None


def us_date(value: object) -> str:
    """A history value's ISO date as M/D/YYYY (anything else as it is)."""
    if not isinstance(value, str):
        return "" if value is None else str(value)
    try:
        return format_date_us(date.fromisoformat(value))
    except ValueError:
        return value


def _full_name(first: object, last: object) -> str:
    return f"{first or ''} {last or ''}".strip()


_COLUMNS = "id, changed_at, table_name, record_id, action, old_values, new_values"


def _change(row: tuple[Any, ...]) -> Change:
    change_id, changed_at, table, record_id, action, old, new = row
    return Change(
        change_id,
        datetime.fromisoformat(changed_at.replace("Z", "+00:00")),
        table,
        record_id,
        action,
        None if old is None else json.loads(old),
        None if new is None else json.loads(new),
    )


def has_history(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'history'")
    return row.fetchone() is not None


def changes(
    conn: sqlite3.Connection, table: str | None = None, record_id: int | None = None
) -> list[Change]:
    """History rows, oldest first; of one table, or of one record."""
    conditions: list[str] = []
    params: list[object] = []
    if table is not None:
        conditions.append("table_name = ?")
        params.append(table)
    if record_id is not None:
        conditions.append("record_id = ?")
        params.append(record_id)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    rows = conn.execute(f"SELECT {_COLUMNS} FROM history {where} ORDER BY id", params)
    return [_change(row) for row in rows]


def find_change(conn: sqlite3.Connection, change_id: int) -> Change | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM history WHERE id = ?", (change_id,)).fetchone()
    return None if row is None else _change(row)


def staff_names(conn: sqlite3.Connection) -> dict[int, str]:
    """The name of every staff member the file has known, by id: as on record now,
    else as the history last recorded it (a deleted person's, from the deletion's old
    values), so that a change is named after its person even after they are gone."""
    names: dict[int, str] = {}
    if has_history(conn):
        rows = conn.execute(
            """
            SELECT record_id,
                   json_extract(coalesce(new_values, old_values), '$.first_name'),
                   json_extract(coalesce(new_values, old_values), '$.last_name')
            FROM history WHERE table_name = 'staff' ORDER BY id
            """
        )
        for staff_id, first, last in rows:
            names[staff_id] = _full_name(first, last)
    for staff_id, first, last in conn.execute("SELECT id, first_name, last_name FROM staff"):
        names[staff_id] = _full_name(first, last)
    return names


def deleted_records(conn: sqlite3.Connection) -> list[Change]:
    """The latest delete of each staff member or entry that is not on record now,
    newest first."""
    rows = conn.execute(
        f"""
        SELECT {_COLUMNS} FROM history AS h
        WHERE action = 'delete' AND table_name IN ('staff', 'training_entry')
          AND id = (SELECT max(id) FROM history
                    WHERE table_name = h.table_name AND record_id = h.record_id)
        ORDER BY id DESC
        """
    )
    return [_change(row) for row in rows]


def deleted_with(conn: sqlite3.Connection, staff_delete: Change) -> list[Change]:
    """The entry deletions that came with a staff member's deletion: the entry
    deletes of that person written just before it (one transaction deletes the
    entries, then the person, and holds the write lock throughout)."""
    found: list[Change] = []
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM history WHERE id < ? ORDER BY id DESC", (staff_delete.id,)
    )
    for row in rows:
        change = _change(row)
        if (
            change.table != "training_entry"
            or change.action != "delete"
            or (change.old or {}).get("staff_id") != staff_delete.record_id
        ):
            break
        found.append(change)
    found.reverse()
    return found


def staff_from_values(values: dict[str, Any]) -> Staff:
    return staff_from_row(tuple(values.get(column) for column in TRACKED["staff"]))


def entry_from_values(values: dict[str, Any]) -> TrainingEntry:
    return entry_from_row(tuple(values.get(column) for column in TRACKED["training_entry"]))
