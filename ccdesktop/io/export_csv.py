"""Writing staff and a year's training to CSV that Excel opens cleanly and our import
reads back.

Files are UTF-8 with a BOM (Excel on Windows needs it to see UTF-8), written to a
temporary file in the same folder and moved into place, so a failed write never
leaves half a file where the old one was. Free-text cells that a spreadsheet would
run as a formula are guarded with an apostrophe; the import takes it off again.
"""

from __future__ import annotations

import contextlib
import csv
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from ..domain.audit import Audit, staff_sort_key
from ..domain.dates import format_time_24h
from ..domain.hours import format_hours
from ..domain.records import Staff
from .csv_read import FORMULA_TRIGGERS
from .staff_csv import STAFF_COLUMNS
from .training_csv import EXPORT_ONLY_COLUMNS, TRAINING_COLUMNS

#: the training columns of an export: who first, then the entry, then the verdict
ENTRY_EXPORT_COLUMNS = TRAINING_COLUMNS + EXPORT_ONLY_COLUMNS


def neutralise(text: str) -> str:
    """Guard a free-text cell against formula injection (``=HYPERLINK(...)``)."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _iso(day: date | None) -> str:
    return "" if day is None else day.isoformat()


def write_entries_csv(audit: Audit, path: str | os.PathLike[str]) -> None:
    """The audited year's entries, in training.csv columns plus credited/reasons/warnings
    (which the import reads past, so the file can be imported again as it is)."""
    staff_by_id = {s.staff.id: s.staff for s in audit.staff}
    rows: list[dict[str, str]] = []
    for result in audit.entries:
        entry = result.entry
        staff = staff_by_id.get(entry.staff_id)
        rows.append(
            {
                "mopd_id": neutralise(staff.mopd_id or "") if staff else "",
                "first_name": neutralise(staff.first_name) if staff else "",
                "last_name": neutralise(staff.last_name) if staff else "",
                "title": neutralise(entry.title),
                "completed_on": entry.completed_on.isoformat(),
                "clock_hours": format_hours(entry.clock_hours),
                "course_id": neutralise(entry.course_id or ""),
                "provider": neutralise(entry.provider),
                "format": str(entry.format),
                "setting": str(entry.setting),
                "start_time": format_time_24h(entry.start_time) or "",
                "end_time": format_time_24h(entry.end_time) or "",
                "in_ratio": _yes_no(entry.in_ratio),
                "approved": _yes_no(entry.approved),
                "enrolled_on": _iso(entry.enrolled_on),
                "notes": neutralise(entry.notes),
                "credited": _yes_no(result.credited),
                "reasons": ", ".join(str(code) for code in result.verdict.reasons),
                "warnings": ", ".join(str(code) for code in result.verdict.warnings),
            }
        )
    _write_atomically(path, ENTRY_EXPORT_COLUMNS, rows)


def write_staff_csv(staff: Sequence[Staff], path: str | os.PathLike[str]) -> None:
    """Staff in staff.csv columns (sorted by last name), ready to import again."""
    rows = [
        {
            "first_name": neutralise(person.first_name),
            "last_name": neutralise(person.last_name),
            "mopd_id": neutralise(person.mopd_id or ""),
            "role": neutralise(person.role),
            "hire_date": _iso(person.hire_date),
            "end_date": _iso(person.end_date),
            "requires_clock_hours": _yes_no(person.requires_clock_hours),
        }
        for person in sorted(staff, key=staff_sort_key)
    ]
    _write_atomically(path, STAFF_COLUMNS, rows)


def _write_atomically(
    path: str | os.PathLike[str], columns: Sequence[str], rows: Iterable[Mapping[str, str]]
) -> None:
    target = os.path.abspath(os.fspath(path))
    folder, name = os.path.split(target)
    handle, temp_path = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        with open(handle, "w", encoding="utf-8-sig", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="raise")
            writer.writeheader()
            writer.writerows(rows)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp_path, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_path)
        raise
