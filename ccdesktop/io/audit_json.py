"""An audit as the JSON of INTERFACES.md (``audit --json``), plus the keys the window,
the PDF and the tests compare by (store ids, role, course details, center).

Issue 13 adds, to an audit made with a ``today`` (the command line always gives the
real day): ``as_of`` (that day); per staff member ``planned`` (hours of the year's
planned entries that would be credited) and ``requirements`` (one item per required
training: ``name``, ``status`` (current, due, overdue, missing, not_applicable),
``until`` (the last day it is current), ``due_on`` (the day it must be done by),
``met_by`` (the entry id that meets it), ``planned_on`` and ``text``, the status in
the words the window prints); per entry ``planned`` (true for an entry after that
day: judged as if done, its hours not counted). An audit without a day, as the
tests of the rules make, gives the document of INTERFACES.md alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from ..domain.audit import Audit, EntryResult, StaffStanding
from ..domain.dates import format_time_24h
from ..domain.hours import hours_json
from ..domain.requirements import RequirementStatus, describe_status, requirement_statuses


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def audit_to_json(audit: Audit) -> dict[str, Any]:
    """A JSON-ready dict: hours as numbers with at most 2 decimals, dates ISO, times
    HH:MM or null, a missing MOPD ID null, codes as their text."""
    mopd_of_staff = {s.staff.id: s.staff.mopd_id or None for s in audit.staff}
    today = audit.today
    statuses = requirement_statuses(audit, today) if today is not None else None
    document: dict[str, Any] = {
        "year": audit.year,
        "required_hours": hours_json(audit.center.required_hours),
        "center": {
            "name": audit.center.name,
            "license_number": audit.center.license_number,
            "director": audit.center.director,
        },
        "staff": [_standing_json(standing, statuses) for standing in audit.staff],
        "entries": [_entry_json(result, mopd_of_staff, today) for result in audit.entries],
    }
    if today is not None:
        document["as_of"] = today.isoformat()
    return document


def requirement_json(status: RequirementStatus) -> dict[str, Any]:
    """One required training of one person (see the module's docstring)."""
    return {
        "name": status.kind.name,
        "status": str(status.state),
        "until": _iso(status.until),
        "due_on": _iso(status.due_on),
        "met_by": None if status.met_by is None else status.met_by.id,
        "planned_on": None if status.planned is None else status.planned.completed_on.isoformat(),
        "text": describe_status(status),
    }


def _standing_json(
    standing: StaffStanding,
    statuses: Mapping[int, Sequence[RequirementStatus]] | None = None,
) -> dict[str, Any]:
    staff = standing.staff
    document = _standing_fields(standing)
    if statuses is not None:
        document["planned"] = hours_json(standing.planned)
        document["requirements"] = [requirement_json(s) for s in statuses.get(staff.id or 0, ())]
    return document


def _standing_fields(standing: StaffStanding) -> dict[str, Any]:
    staff = standing.staff
    return {
        "id": staff.id,
        "mopd_id": staff.mopd_id or None,
        "first_name": staff.first_name,
        "last_name": staff.last_name,
        "role": staff.role,
        "status": str(standing.status),
        "required": hours_json(standing.required),
        "earned": hours_json(standing.earned),
        "applied_to_prior": [
            {"year": year, "hours": hours_json(hours)} for year, hours in standing.applied_to_prior
        ],
        "counted": hours_json(standing.counted),
        "prior_deficit_remaining": hours_json(standing.prior_deficit_remaining),
        "hours_needed": hours_json(standing.hours_needed),
        "warnings": [str(code) for code in standing.warnings],
        # issue 14: the CDA or YDC credential (an entry id) that met the year, or null
        "met_by_credential": standing.met_by_credential,
    }


def _entry_json(
    result: EntryResult, mopd_of_staff: dict[int | None, str | None], today: date | None = None
) -> dict[str, Any]:
    document = _entry_fields(result, mopd_of_staff)
    if today is not None:
        document["planned"] = result.planned
    return document


def _entry_fields(
    result: EntryResult, mopd_of_staff: dict[int | None, str | None]
) -> dict[str, Any]:
    entry = result.entry
    return {
        "id": entry.id,
        "staff_id": entry.staff_id,
        "mopd_id": mopd_of_staff.get(entry.staff_id),
        "title": entry.title,
        "course_id": entry.course_id or None,
        "provider": entry.provider,
        "format": str(entry.format),
        "setting": str(entry.setting),
        "completed_on": entry.completed_on.isoformat(),
        "start_time": format_time_24h(entry.start_time),
        "end_time": format_time_24h(entry.end_time),
        "clock_hours": hours_json(entry.clock_hours),
        "credited": result.credited,
        "reasons": [str(code) for code in result.verdict.reasons],
        "warnings": [str(code) for code in result.verdict.warnings],
        # issue 14, additive: a credential (no hours of its own), a session the person
        # conducted, the date of the MOPD report the entry was found on
        "kind": str(entry.kind),
        "expires_on": None if entry.expires_on is None else entry.expires_on.isoformat(),
        "as_trainer": entry.as_trainer,
        "mopd_report_on": (
            None if entry.mopd_report_on is None else entry.mopd_report_on.isoformat()
        ),
    }
