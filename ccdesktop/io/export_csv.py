"""Exporting staff, a year's training and a year's standings, as CSV that Excel opens
cleanly and our import reads back, or as an Excel workbook with typed cells.

Each export is one table (``tables.Column`` + rows) written by ``tables.write_table``:
the file's suffix picks the format (``.xlsx``: a workbook; else CSV). CSV files are
UTF-8 with a BOM (Excel on Windows needs it to see UTF-8); free-text cells that a
spreadsheet would run as a formula are guarded with an apostrophe, which the import
takes off again. Both are written to a temporary file in the same folder and moved
into place, so a failed write never leaves half a file where the old one was.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from ..domain.audit import Audit, staff_sort_key
from ..domain.explain import STATUS_LABELS, describe_exempt, explain
from ..domain.hours import format_hours
from ..domain.records import Staff
from .staff_csv import STAFF_COLUMNS
from .tables import CellKind, Column, Row, neutralise, write_csv_table, write_table
from .training_csv import EXPORT_ONLY_COLUMNS, TRAINING_COLUMNS

__all__ = [
    "ENTRY_EXPORT_COLUMNS",
    "entries_table",
    "neutralise",
    "staff_table",
    "standings_table",
    "write_entries",
    "write_entries_csv",
    "write_staff",
    "write_staff_csv",
    "write_standings",
]

#: the training columns of an export: who first, then the entry, then the verdict
ENTRY_EXPORT_COLUMNS = TRAINING_COLUMNS + EXPORT_ONLY_COLUMNS

_KINDS = {
    "completed_on": CellKind.DATE,
    "enrolled_on": CellKind.DATE,
    "expires_on": CellKind.DATE,
    "hire_date": CellKind.DATE,
    "end_date": CellKind.DATE,
    "clock_hours": CellKind.HOURS,
    "start_time": CellKind.TIME,
    "end_time": CellKind.TIME,
    "in_ratio": CellKind.BOOL,
    "approved": CellKind.BOOL,
    "as_trainer": CellKind.BOOL,
    "credited": CellKind.BOOL,
    "requires_clock_hours": CellKind.BOOL,
}
_WIDTHS = {"title": 40, "provider": 28, "notes": 40, "reasons": 28, "warnings": 28, "role": 20}


def _columns(names: Sequence[str]) -> tuple[Column, ...]:
    return tuple(Column(name, _KINDS.get(name, CellKind.TEXT), _WIDTHS.get(name)) for name in names)


ENTRY_TABLE_COLUMNS = _columns(ENTRY_EXPORT_COLUMNS)
STAFF_TABLE_COLUMNS = _columns(STAFF_COLUMNS)

#: the audit's standings, in the audit JSON's names (INTERFACES.md)
STANDING_TABLE_COLUMNS = (
    Column("last_name", width=18),
    Column("first_name", width=16),
    Column("mopd_id", width=10),
    Column("role", width=20),
    Column("status", width=30),
    Column("required", CellKind.HOURS),
    Column("earned", CellKind.HOURS),
    Column("applied_to_prior", width=20),
    Column("counted", CellKind.HOURS),
    Column("prior_deficit_remaining", CellKind.HOURS),
    Column("hours_needed", CellKind.HOURS),
    Column("denied_entries", CellKind.INTEGER),
    Column("warnings", width=30),
)


def entries_table(audit: Audit) -> list[Row]:
    """The audited year's entries, in training.csv columns plus credited/reasons/
    warnings (which the import reads past, so the file can be imported again as it
    is), in ``ENTRY_TABLE_COLUMNS`` order."""
    staff_by_id = {s.staff.id: s.staff for s in audit.staff}
    rows: list[Row] = []
    for result in audit.entries:
        entry = result.entry
        staff = staff_by_id.get(entry.staff_id)
        rows.append(
            (
                (staff.mopd_id or "") if staff else "",
                staff.first_name if staff else "",
                staff.last_name if staff else "",
                entry.title,
                entry.completed_on,
                entry.clock_hours,
                entry.course_id or "",
                entry.provider,
                str(entry.format),
                str(entry.setting),
                entry.start_time,
                entry.end_time,
                entry.in_ratio,
                entry.approved,
                entry.enrolled_on,
                entry.notes,
                str(entry.kind),
                entry.expires_on,
                entry.as_trainer,
                result.credited,
                ", ".join(str(code) for code in result.verdict.reasons),
                ", ".join(str(code) for code in result.verdict.warnings),
            )
        )
    return rows


def staff_table(staff: Sequence[Staff]) -> list[Row]:
    """Staff in staff.csv columns, sorted by last name (``STAFF_TABLE_COLUMNS``)."""
    return [
        (
            person.first_name,
            person.last_name,
            person.mopd_id or "",
            person.role,
            person.hire_date,
            person.end_date,
            person.requires_clock_hours,
        )
        for person in sorted(staff, key=staff_sort_key)
    ]


def standings_table(audit: Audit) -> list[Row]:
    """Every staff member's standing in the audited year (``STANDING_TABLE_COLUMNS``):
    the audit's figures in plain words, no codes."""
    rows: list[Row] = []
    for standing in audit.staff:
        staff = standing.staff
        status = STATUS_LABELS[standing.status]
        if standing.exempt_reason is not None:
            why = describe_exempt(standing.exempt_reason, staff, audit.records_start_year)
            status = f"{status}: {why}"
        elif standing.met_by_credential is not None:
            credential = audit.entries_by_id.get(standing.met_by_credential)
            if credential is not None:
                status = f"{status}: {credential.title} counts as the year's requirement"
        applied = ", ".join(
            f"{format_hours(hours)} ({year})" for year, hours in standing.applied_to_prior
        )
        rows.append(
            (
                staff.last_name,
                staff.first_name,
                staff.mopd_id or "",
                staff.role,
                status,
                standing.required,
                standing.earned,
                applied,
                standing.counted,
                standing.prior_deficit_remaining,
                standing.hours_needed,
                standing.denied_count,
                "; ".join(explain(code).label for code in standing.warnings),
            )
        )
    return rows


def write_entries(audit: Audit, path: str | os.PathLike[str]) -> None:
    """The year's entries to ``path``: a workbook for ``.xlsx``, else CSV."""
    write_table(
        path, ENTRY_TABLE_COLUMNS, entries_table(audit), sheet_title=f"Training {audit.year}"
    )


def write_staff(staff: Sequence[Staff], path: str | os.PathLike[str]) -> None:
    """Staff to ``path``: a workbook for ``.xlsx``, else CSV, ready to import again."""
    write_table(path, STAFF_TABLE_COLUMNS, staff_table(staff), sheet_title="Staff")


def write_standings(audit: Audit, path: str | os.PathLike[str]) -> None:
    """The year's standings (the audit's summary) to ``path``."""
    write_table(
        path, STANDING_TABLE_COLUMNS, standings_table(audit), sheet_title=f"Standings {audit.year}"
    )


def write_entries_csv(audit: Audit, path: str | os.PathLike[str]) -> None:
    """``write_entries`` as CSV, whatever the suffix."""
    write_csv_table(path, ENTRY_TABLE_COLUMNS, entries_table(audit))


def write_staff_csv(staff: Sequence[Staff], path: str | os.PathLike[str]) -> None:
    """``write_staff`` as CSV, whatever the suffix."""
    write_csv_table(path, STAFF_TABLE_COLUMNS, staff_table(staff))
