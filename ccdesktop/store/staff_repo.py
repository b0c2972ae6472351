"""SQL for the staff table. Plain functions over a connection; the ``Database`` runs
them inside its transactions and translates errors."""

from __future__ import annotations

import sqlite3
import string
from collections.abc import Sequence

from ..domain.records import Staff
from .columns import select_list
from .convert import STAFF_COLUMNS, staff_from_row, staff_from_rows, staff_row

_ORDER = "ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, id"
_FIELDS = tuple(column.strip() for column in STAFF_COLUMNS.split(","))
_PLACEHOLDERS = ", ".join("?" * len(_FIELDS))


def list_staff(conn: sqlite3.Connection) -> list[Staff]:
    columns = select_list(conn, "staff", STAFF_COLUMNS)
    return staff_from_rows(conn.execute(f"SELECT {columns} FROM staff {_ORDER}"))


def staff_with_ids(conn: sqlite3.Connection, staff_ids: Sequence[int]) -> list[Staff]:
    """The staff members of these ids that are on record (at most 30,000 ids), in the
    order of ``list_staff``: one query."""
    columns = select_list(conn, "staff", STAFF_COLUMNS)
    marks = ", ".join("?" * len(staff_ids))
    return staff_from_rows(
        conn.execute(f"SELECT {columns} FROM staff WHERE id IN ({marks}) {_ORDER}", staff_ids)
    )


#: ``str.translate`` table folding ASCII capitals only, as SQLite's NOCASE does
_NOCASE = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def staff_order_key(staff: Staff) -> tuple[str, str, int]:
    """``list_staff``'s ORDER BY as a sort key: SQLite's NOCASE folds ASCII letters
    alone and compares UTF-8 bytes, which order as the code points do."""
    return (staff.last_name.translate(_NOCASE), staff.first_name.translate(_NOCASE), staff.id or 0)


def find_staff(conn: sqlite3.Connection, staff_id: int) -> Staff | None:
    columns = select_list(conn, "staff", STAFF_COLUMNS)
    row = conn.execute(f"SELECT {columns} FROM staff WHERE id = ?", (staff_id,)).fetchone()
    return None if row is None else staff_from_row(row)


def mopd_id_holder(conn: sqlite3.Connection, mopd_id: str, other_than: int | None) -> Staff | None:
    """The staff member (other than ``other_than``) who already has ``mopd_id``."""
    row = conn.execute(
        f"SELECT {STAFF_COLUMNS} FROM staff WHERE mopd_id = ? AND id IS NOT ?",
        (mopd_id, other_than),
    ).fetchone()
    return None if row is None else staff_from_row(row)


def any_staff(conn: sqlite3.Connection) -> bool:
    return bool(conn.execute("SELECT EXISTS (SELECT 1 FROM staff)").fetchone()[0])


def staff_ids(conn: sqlite3.Connection) -> set[int]:
    return {row[0] for row in conn.execute("SELECT id FROM staff")}


def insert_staff(conn: sqlite3.Connection, staff: Staff) -> int:
    """Insert ``staff`` (with its id when set, else the next free one); return the id."""
    cursor = conn.execute(
        f"INSERT INTO staff ({STAFF_COLUMNS}) VALUES ({_PLACEHOLDERS})", staff_row(staff)
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def update_staff(conn: sqlite3.Connection, staff: Staff) -> bool:
    """Overwrite the row with ``staff.id``; False if there is none."""
    values = dict(zip(_FIELDS, staff_row(staff), strict=True))
    staff_id = values.pop("id")
    assignments = ", ".join(f"{column} = ?" for column in values)
    cursor = conn.execute(
        f"UPDATE staff SET {assignments} WHERE id = ?", (*values.values(), staff_id)
    )
    return cursor.rowcount == 1


def delete_staff(conn: sqlite3.Connection, staff_id: int) -> bool:
    return conn.execute("DELETE FROM staff WHERE id = ?", (staff_id,)).rowcount == 1
