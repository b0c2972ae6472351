"""The version 1 schema, and what each named CHECK means in words.

STRICT tables whose constraints refuse what RULES.md section 2 refuses, as the last
line of defence behind ``domain.validation``. Every CHECK has a name so that a
failure can be told to the director in plain words (``CHECK_PROBLEMS``).

Dates are ISO text: ``date(x, '+0 days') IS x`` (plain ``date(x)`` lets 2024-02-30
through; the modifier normalises it to 2024-03-01, so it no longer matches). Times are
'HH:MM': ``strftime('%H:%M', x, '+0 minutes') IS x`` (plain strftime keeps '24:00').
Both forms are NULL-safe: NULL IS NULL.
"""

from __future__ import annotations

from ..domain.validation import MAX_REQUIRED_HOURS, Problem

# Python's str.strip() blanks: space, tab, newline, vertical tab, form feed, return.
_BLANKS = "char(32, 9, 10, 11, 12, 13)"


def not_blank(column: str) -> str:
    return f"trim({column}, {_BLANKS}) <> ''"


def iso_date(column: str) -> str:
    return f"date({column}, '+0 days') IS {column} AND {column} >= '0001-01-01'"


def hh_mm(column: str) -> str:
    return f"strftime('%H:%M', {column}, '+0 minutes') IS {column}"


V1_STATEMENTS: tuple[str, ...] = (
    f"""
    CREATE TABLE center (
        id INTEGER PRIMARY KEY CONSTRAINT center_single_row CHECK (id = 1),
        name TEXT NOT NULL DEFAULT '',
        license_number TEXT NOT NULL DEFAULT '',
        director TEXT NOT NULL DEFAULT '',
        required_hours INTEGER NOT NULL DEFAULT 1200
            CONSTRAINT center_required_hours
            CHECK (required_hours > 0 AND required_hours <= {MAX_REQUIRED_HOURS}),
        hire_year_policy TEXT NOT NULL DEFAULT 'monthly'
            CONSTRAINT center_hire_year_policy CHECK (hire_year_policy IN ('monthly', 'full'))
    ) STRICT
    """,
    "INSERT INTO center (id) VALUES (1)",
    f"""
    CREATE TABLE staff (
        id INTEGER PRIMARY KEY,
        first_name TEXT NOT NULL CONSTRAINT staff_first_name CHECK ({not_blank("first_name")}),
        last_name TEXT NOT NULL CONSTRAINT staff_last_name CHECK ({not_blank("last_name")}),
        mopd_id TEXT UNIQUE
            CONSTRAINT staff_mopd_id CHECK (mopd_id IS NULL OR {not_blank("mopd_id")}),
        role TEXT NOT NULL DEFAULT '',
        requires_clock_hours INTEGER NOT NULL DEFAULT 1
            CONSTRAINT staff_requires_clock_hours CHECK (requires_clock_hours IN (0, 1)),
        hire_date TEXT CONSTRAINT staff_hire_date CHECK ({iso_date("hire_date")}),
        end_date TEXT CONSTRAINT staff_end_date CHECK ({iso_date("end_date")}),
        CONSTRAINT staff_end_after_hire CHECK (end_date >= hire_date)
    ) STRICT
    """,
    f"""
    CREATE TABLE training_entry (
        id INTEGER PRIMARY KEY,
        staff_id INTEGER NOT NULL REFERENCES staff (id),
        title TEXT NOT NULL CONSTRAINT entry_title CHECK ({not_blank("title")}),
        course_id TEXT,
        provider TEXT NOT NULL DEFAULT '',
        format TEXT NOT NULL DEFAULT 'in_person' CONSTRAINT entry_format
            CHECK (format IN ('in_person', 'live_virtual', 'online_module')),
        setting TEXT NOT NULL DEFAULT 'individual' CONSTRAINT entry_setting
            CHECK (setting IN ('individual', 'group')),
        completed_on TEXT NOT NULL
            CONSTRAINT entry_completed_on CHECK ({iso_date("completed_on")}),
        start_time TEXT CONSTRAINT entry_start_time CHECK ({hh_mm("start_time")}),
        end_time TEXT CONSTRAINT entry_end_time CHECK ({hh_mm("end_time")}),
        clock_hours INTEGER NOT NULL CONSTRAINT entry_clock_hours
            CHECK (clock_hours > 0 AND clock_hours <= 2400),
        in_ratio INTEGER NOT NULL DEFAULT 0
            CONSTRAINT entry_in_ratio CHECK (in_ratio IN (0, 1)),
        approved INTEGER NOT NULL DEFAULT 1
            CONSTRAINT entry_approved CHECK (approved IN (0, 1)),
        enrolled_on TEXT CONSTRAINT entry_enrolled_on CHECK ({iso_date("enrolled_on")}),
        notes TEXT NOT NULL DEFAULT '',
        CONSTRAINT entry_end_after_start CHECK (end_time > start_time),
        CONSTRAINT entry_enrolled_before_completed CHECK (enrolled_on <= completed_on)
    ) STRICT
    """,
    # the yearly audit and the per-person lists read entries by these
    "CREATE INDEX training_entry_by_staff ON training_entry (staff_id, completed_on)",
    "CREATE INDEX training_entry_by_date ON training_entry (completed_on)",
)

#: What each named CHECK refuses, as the problem shown when it fails.
CHECK_PROBLEMS: dict[str, Problem] = {
    "center_single_row": Problem("center", "there is only one center per file"),
    "center_required_hours": Problem(
        "required_hours", f"must be more than 0 and at most {MAX_REQUIRED_HOURS // 100} hours"
    ),
    "center_hire_year_policy": Problem("hire_year_policy", "must be 'monthly' or 'full'"),
    "center_records_start_year": Problem(
        "records_start_year", "must be a year from 1900 to 2200, or not set"
    ),
    "center_licensed_for_infants": Problem("licensed_for_infants", "must be yes or no"),
    "center_due_soon_days": Problem("due_soon_days", "must be from 0 to 366 days"),
    "center_requirements": Problem("requirements", "are not readable (not JSON)"),
    "center_mopd_report_on": Problem("mopd_report_on", "is not a date (YYYY-MM-DD)"),
    "center_mopd_columns": Problem("mopd_columns", "are not readable (not JSON)"),
    "center_next_inspection_on": Problem("next_inspection_on", "is not a date (YYYY-MM-DD)"),
    "staff_infant_room": Problem("infant_room", "must be yes or no"),
    "entry_kind": Problem("kind", "must be training or credential"),
    "entry_expires_on": Problem("expires_on", "is not a date (YYYY-MM-DD)"),
    "entry_as_trainer": Problem("as_trainer", "must be yes or no"),
    "entry_mopd_report_on": Problem("mopd_report_on", "is not a date (YYYY-MM-DD)"),
    "entry_expires_after_completed": Problem("expires_on", "is before the completion date"),
    "staff_first_name": Problem("first_name", "is required"),
    "staff_last_name": Problem("last_name", "is required"),
    "staff_mopd_id": Problem("mopd_id", "is blank; leave it empty instead"),
    "staff_requires_clock_hours": Problem("requires_clock_hours", "must be yes or no"),
    "staff_hire_date": Problem("hire_date", "is not a date (YYYY-MM-DD)"),
    "staff_end_date": Problem("end_date", "is not a date (YYYY-MM-DD)"),
    "staff_end_after_hire": Problem("end_date", "is before the hire date"),
    "entry_title": Problem("title", "is required"),
    "entry_format": Problem("format", "must be in_person, live_virtual or online_module"),
    "entry_setting": Problem("setting", "must be individual or group"),
    "entry_completed_on": Problem("completed_on", "is not a date (YYYY-MM-DD)"),
    "entry_start_time": Problem("start_time", "is not a time (HH:MM)"),
    "entry_end_time": Problem("end_time", "is not a time (HH:MM)"),
    "entry_clock_hours": Problem("clock_hours", "must be more than 0 and at most 24 hours"),
    "entry_in_ratio": Problem("in_ratio", "must be yes or no"),
    "entry_approved": Problem("approved", "must be yes or no"),
    "entry_enrolled_on": Problem("enrolled_on", "is not a date (YYYY-MM-DD)"),
    "entry_end_after_start": Problem("end_time", "is not after the start time"),
    "entry_enrolled_before_completed": Problem("enrolled_on", "is after the completion date"),
}

#: Columns whose uniqueness failure has a field name and words of its own.
UNIQUE_PROBLEMS: dict[str, Problem] = {
    "staff.mopd_id": Problem("mopd_id", "is already used by another staff member"),
    "staff.id": Problem("id", "a staff member with this id already exists"),
    "training_entry.id": Problem("id", "an entry with this id already exists"),
}


def explain_constraint(message: str) -> list[Problem]:
    """The problems behind an SQLite constraint message, or [] if not recognised."""
    if message.startswith("CHECK constraint failed: "):
        name = message.removeprefix("CHECK constraint failed: ").strip()
        problem = CHECK_PROBLEMS.get(name)
        return [problem] if problem else []
    if message.startswith("UNIQUE constraint failed: "):
        column = message.removeprefix("UNIQUE constraint failed: ").strip()
        problem = UNIQUE_PROBLEMS.get(column)
        return [problem] if problem else []
    if message.startswith("NOT NULL constraint failed: "):
        column = message.removeprefix("NOT NULL constraint failed: ").split(".")[-1]
        return [Problem(column.strip(), "is required")]
    if message.startswith("FOREIGN KEY constraint failed"):
        return [Problem("staff_id", "the staff member does not exist (or still has entries)")]
    return []
