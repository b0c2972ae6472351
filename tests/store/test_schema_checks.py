"""The schema itself refuses what RULES.md section 2 refuses, even from raw SQL that
bypasses the repository's validation."""

from __future__ import annotations

import sqlite3

import pytest

from ccdesktop.store.database import Database
from ccdesktop.store.schema import CHECK_PROBLEMS

GOOD_STAFF = {
    "first_name": "'Ana'",
    "last_name": "'Lopez'",
    "mopd_id": "'123'",
    "requires_clock_hours": "1",
    "hire_date": "'2024-02-29'",
    "end_date": "'2025-01-01'",
}

GOOD_ENTRY = {
    "staff_id": "1",
    "title": "'Safe Sleep'",
    "format": "'online_module'",
    "setting": "'individual'",
    "completed_on": "'2025-03-04'",
    "start_time": "'09:00'",
    "end_time": "'10:30'",
    "clock_hours": "150",
    "in_ratio": "0",
    "approved": "1",
    "enrolled_on": "'2025-01-01'",
}


def _insert(raw: sqlite3.Connection, table: str, values: dict[str, str]) -> None:
    # SQL literals written by the test itself: the point is to bypass everything ours.
    columns = ", ".join(values)
    raw.execute(f"INSERT INTO {table} ({columns}) VALUES ({', '.join(values.values())})")


@pytest.fixture
def with_staff(raw: sqlite3.Connection) -> sqlite3.Connection:
    _insert(raw, "staff", {**GOOD_STAFF, "id": "1"})
    return raw


def test_good_rows_are_accepted(with_staff: sqlite3.Connection) -> None:
    _insert(with_staff, "training_entry", GOOD_ENTRY)
    assert with_staff.execute("SELECT count(*) FROM training_entry").fetchone() == (1,)


STAFF_CASES = [
    ("first_name", "''", "staff_first_name"),
    ("first_name", "'  \t'", "staff_first_name"),
    ("last_name", "' \n'", "staff_last_name"),
    ("mopd_id", "'  '", "staff_mopd_id"),
    ("requires_clock_hours", "2", "staff_requires_clock_hours"),
    ("hire_date", "'2025-02-30'", "staff_hire_date"),
    ("hire_date", "'2025-1-5'", "staff_hire_date"),
    ("hire_date", "'01/05/2025'", "staff_hire_date"),
    ("hire_date", "'2025-01-05T00:00'", "staff_hire_date"),
    ("hire_date", "'0000-01-01'", "staff_hire_date"),
    ("end_date", "'2023-02-29'", "staff_end_date"),
    ("end_date", "'2024-02-28'", "staff_end_after_hire"),
]


@pytest.mark.parametrize(("column", "value", "constraint"), STAFF_CASES)
def test_staff_checks(raw: sqlite3.Connection, column: str, value: str, constraint: str) -> None:
    with pytest.raises(sqlite3.IntegrityError, match=f"CHECK constraint failed: {constraint}$"):
        _insert(raw, "staff", {**GOOD_STAFF, column: value})
    assert constraint in CHECK_PROBLEMS
    assert raw.execute("SELECT count(*) FROM staff").fetchone() == (0,)


ENTRY_CASES = [
    ("title", "''", "entry_title"),
    ("title", "'   '", "entry_title"),
    ("format", "'classroom'", "entry_format"),
    ("setting", "'team'", "entry_setting"),
    ("completed_on", "'2025-04-31'", "entry_completed_on"),
    ("completed_on", "'20250304'", "entry_completed_on"),
    ("start_time", "'9:00'", "entry_start_time"),
    ("start_time", "'09:00:00'", "entry_start_time"),
    ("start_time", "'24:00'", "entry_start_time"),
    ("end_time", "'10:60'", "entry_end_time"),
    ("end_time", "'08:59'", "entry_end_after_start"),
    ("end_time", "'09:00'", "entry_end_after_start"),
    ("clock_hours", "0", "entry_clock_hours"),
    ("clock_hours", "-25", "entry_clock_hours"),
    ("clock_hours", "2401", "entry_clock_hours"),
    ("in_ratio", "-1", "entry_in_ratio"),
    ("approved", "2", "entry_approved"),
    ("enrolled_on", "'2025-13-01'", "entry_enrolled_on"),
    ("enrolled_on", "'2025-03-05'", "entry_enrolled_before_completed"),
]


@pytest.mark.parametrize(("column", "value", "constraint"), ENTRY_CASES)
def test_entry_checks(
    with_staff: sqlite3.Connection, column: str, value: str, constraint: str
) -> None:
    with pytest.raises(sqlite3.IntegrityError, match=f"CHECK constraint failed: {constraint}$"):
        _insert(with_staff, "training_entry", {**GOOD_ENTRY, column: value})
    assert constraint in CHECK_PROBLEMS
    assert with_staff.execute("SELECT count(*) FROM training_entry").fetchone() == (0,)


@pytest.mark.parametrize(
    ("column", "value"),
    [("clock_hours", "1.5"), ("clock_hours", "'1.5 h'"), ("in_ratio", "'no'"), ("title", "x'00'")],
)
def test_strict_types(with_staff: sqlite3.Connection, column: str, value: str) -> None:
    # STRICT: no float hours sneak in as REAL, no text or blob where it does not belong
    # (values that convert losslessly, like '150' for 150, are converted, not refused)
    with pytest.raises(sqlite3.IntegrityError, match="cannot store"):
        _insert(with_staff, "training_entry", {**GOOD_ENTRY, column: value})


def test_boundary_values_are_accepted(with_staff: sqlite3.Connection) -> None:
    _insert(with_staff, "training_entry", {**GOOD_ENTRY, "clock_hours": "1"})
    _insert(with_staff, "training_entry", {**GOOD_ENTRY, "clock_hours": "2400"})
    _insert(
        with_staff,
        "training_entry",
        {**GOOD_ENTRY, "start_time": "'00:00'", "end_time": "'23:59'", "enrolled_on": "NULL"},
    )
    _insert(with_staff, "training_entry", {**GOOD_ENTRY, "start_time": "NULL", "end_time": "NULL"})
    assert with_staff.execute("SELECT count(*) FROM training_entry").fetchone() == (4,)


def test_required_columns_are_not_null(with_staff: sqlite3.Connection) -> None:
    for column in ("title", "completed_on", "clock_hours", "staff_id"):
        with pytest.raises(sqlite3.IntegrityError, match="NOT NULL"):
            _insert(with_staff, "training_entry", {**GOOD_ENTRY, column: "NULL"})
    with pytest.raises(sqlite3.IntegrityError, match="NOT NULL"):
        _insert(with_staff, "staff", {**GOOD_STAFF, "mopd_id": "NULL", "first_name": "NULL"})


def test_mopd_id_unique_when_present(raw: sqlite3.Connection) -> None:
    _insert(raw, "staff", GOOD_STAFF)
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE constraint failed: staff.mopd_id"):
        _insert(raw, "staff", {**GOOD_STAFF, "first_name": "'Bea'"})
    # no MOPD ID is allowed for any number of people
    _insert(raw, "staff", {**GOOD_STAFF, "mopd_id": "NULL"})
    _insert(raw, "staff", {**GOOD_STAFF, "mopd_id": "NULL"})
    assert raw.execute("SELECT count(*) FROM staff").fetchone() == (3,)


def test_entries_must_reference_staff(with_staff: sqlite3.Connection) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        _insert(with_staff, "training_entry", {**GOOD_ENTRY, "staff_id": "2"})
    _insert(with_staff, "training_entry", GOOD_ENTRY)
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        with_staff.execute("DELETE FROM staff WHERE id = 1")


def test_foreign_keys_enforced_through_the_database(db: Database) -> None:
    # the Database's own connection, not just the test's raw one
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        db._conn.execute(
            "INSERT INTO training_entry (staff_id, title, completed_on, clock_hours) "
            "VALUES (99, 'x', '2025-01-01', 100)"
        )


def test_center_is_one_row_with_checked_settings(raw: sqlite3.Connection) -> None:
    assert raw.execute("SELECT count(*) FROM center").fetchone() == (1,)
    with pytest.raises(sqlite3.IntegrityError, match="center_single_row"):
        raw.execute("INSERT INTO center (id) VALUES (2)")
    with pytest.raises(sqlite3.IntegrityError, match="center_required_hours"):
        raw.execute("UPDATE center SET required_hours = 0")
    with pytest.raises(sqlite3.IntegrityError, match="center_hire_year_policy"):
        raw.execute("UPDATE center SET hire_year_policy = 'yearly'")
