"""Records <-> rows. The store keeps dates as ISO text, times as 'HH:MM', hours as
integer hundredths, enums as their values and booleans as 0/1; converting here (not
with sqlite3 adapters, deprecated since Python 3.12) keeps that visible and fast."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, time
from typing import Any

from ..domain.memo import Memo
from ..domain.records import (
    AppliesTo,
    Center,
    EntryKind,
    Format,
    HireYearPolicy,
    MetBy,
    RequirementKind,
    Setting,
    Staff,
    TrainingEntry,
)

# Dict lookups: calling an enum class per row is several times slower over 100,000 rows.
_FORMATS = {member.value: member for member in Format}
_SETTINGS = {member.value: member for member in Setting}
_POLICIES = {member.value: member for member in HireYearPolicy}
_KINDS = {member.value: member for member in EntryKind}

Row = tuple[Any, ...]


def date_text(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def time_text(moment: time | None) -> str | None:
    # The rules work in whole minutes; seconds, if any, are not kept.
    return None if moment is None else f"{moment.hour:02d}:{moment.minute:02d}"


def _date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def _time(text: str | None) -> time | None:
    return None if text is None else time.fromisoformat(text)


CENTER_COLUMNS = (
    "name, license_number, director, required_hours, hire_year_policy, records_start_year, "
    "licensed_for_infants, due_soon_days, requirements, mopd_report_on, mopd_columns, "
    "next_inspection_on"
)


def center_row(center: Center) -> Row:
    return (
        center.name,
        center.license_number,
        center.director,
        center.required_hours,
        # str() of an enum member is its value; a stray string reaches the CHECK
        str(center.hire_year_policy),
        center.records_start_year,
        1 if center.licensed_for_infants else 0,
        center.due_soon_days,
        requirements_json(center.requirements),
        date_text(center.mopd_report_on),
        json.dumps(dict(center.mopd_columns), ensure_ascii=False) if center.mopd_columns else None,
        date_text(center.next_inspection_on),
    )


def center_from_row(row: Row) -> Center:
    # columns a file of an older schema lacks are read as NULL: the defaults then
    (name, license_number, director, required_hours, policy, records_start, infants,
     due_soon_days, requirements, mopd_report_on, mopd_columns,
     next_inspection_on) = row  # fmt: skip
    return Center(
        name,
        license_number,
        director,
        required_hours,
        _POLICIES[policy],
        records_start,
        infants == 1,
        60 if due_soon_days is None else due_soon_days,
        requirements_from_json(requirements),
        _date(mopd_report_on),
        tuple(json.loads(mopd_columns).items()) if mopd_columns else (),
        _date(next_inspection_on),
    )


def requirements_json(requirements: tuple[RequirementKind, ...] | None) -> str | None:
    """The required trainings as JSON text (None: the defaults, stored as NULL)."""
    if requirements is None:
        return None
    return json.dumps(
        [
            {
                "name": r.name,
                "applies_to": str(r.applies_to),
                "roles": list(r.roles),
                "met_by": str(r.met_by),
                "matches": list(r.matches),
                "lasts_months": r.lasts_months,
                "new_hire_days": r.new_hire_days,
                "for_infant_programs": r.for_infant_programs,
            }
            for r in requirements
        ],
        ensure_ascii=False,
    )


def requirements_from_json(text: str | None) -> tuple[RequirementKind, ...] | None:
    if text is None:
        return None
    return tuple(
        RequirementKind(
            name=item["name"],
            applies_to=AppliesTo(item.get("applies_to", "caregivers")),
            roles=tuple(item.get("roles", ())),
            met_by=MetBy(item.get("met_by", "training")),
            matches=tuple(item.get("matches", ())),
            lasts_months=item.get("lasts_months"),
            new_hire_days=item.get("new_hire_days"),
            for_infant_programs=bool(item.get("for_infant_programs", False)),
        )
        for item in json.loads(text)
    )


STAFF_COLUMNS = (
    "first_name, last_name, mopd_id, role, requires_clock_hours, hire_date, end_date, id, "
    "infant_room"
)


def staff_from_rows(rows: Iterable[Row]) -> list[Staff]:
    """``staff_from_row`` of every row, for loading the whole table (see
    ``entries_from_rows``)."""
    dates: Memo[str | None, date | None] = Memo(_date)
    return [
        Staff(
            first, last, mopd_id, role, requires == 1, dates[hire], dates[end], staff_id,
            infant_room == 1,
        )
        for first, last, mopd_id, role, requires, hire, end, staff_id, infant_room in rows
    ]  # fmt: skip


def staff_row(staff: Staff) -> Row:
    return (
        staff.first_name,
        staff.last_name,
        staff.mopd_id,
        staff.role,
        1 if staff.requires_clock_hours else 0,
        date_text(staff.hire_date),
        date_text(staff.end_date),
        staff.id,
        1 if staff.infant_room else 0,
    )


def staff_from_row(row: Row) -> Staff:
    first, last, mopd_id, role, requires, hire, end, staff_id, infant_room = row
    return Staff(
        first,
        last,
        mopd_id,
        role,
        requires == 1,
        _date(hire),
        _date(end),
        staff_id,
        infant_room == 1,
    )


ENTRY_COLUMNS = (
    "staff_id, title, completed_on, clock_hours, course_id, provider, format, setting, "
    "start_time, end_time, in_ratio, approved, enrolled_on, notes, id, kind, expires_on, "
    "as_trainer, mopd_report_on"
)


def entry_row(entry: TrainingEntry) -> Row:
    return (
        entry.staff_id,
        entry.title,
        entry.completed_on.isoformat(),
        entry.clock_hours,
        entry.course_id,
        entry.provider,
        str(entry.format),
        str(entry.setting),
        time_text(entry.start_time),
        time_text(entry.end_time),
        1 if entry.in_ratio else 0,
        1 if entry.approved else 0,
        date_text(entry.enrolled_on),
        entry.notes,
        entry.id,
        str(entry.kind),
        date_text(entry.expires_on),
        1 if entry.as_trainer else 0,
        date_text(entry.mopd_report_on),
    )


def entry_from_row(row: Row) -> TrainingEntry:
    (staff_id, title, completed_on, hours, course_id, provider, fmt, setting, start, end,
     in_ratio, approved, enrolled_on, notes, entry_id, kind, expires_on, as_trainer,
     mopd_report_on) = row  # fmt: skip
    return TrainingEntry(
        staff_id,
        title,
        date.fromisoformat(completed_on),
        hours,
        course_id,
        provider,
        _FORMATS[fmt],
        _SETTINGS[setting],
        _time(start),
        _time(end),
        in_ratio == 1,
        approved == 1,
        _date(enrolled_on),
        notes,
        entry_id,
        _KINDS[kind or "training"],
        _date(expires_on),
        as_trainer == 1,
        _date(mopd_report_on),
    )


def entries_from_rows(rows: Iterable[Row]) -> list[TrainingEntry]:
    """``entry_from_row`` of every row, for loading a whole table: each distinct date
    and time text is parsed once (a center's entries share a few hundred of them)."""
    dates: Memo[str | None, date | None] = Memo(_date)
    times: Memo[str | None, time | None] = Memo(_time)
    return [
        TrainingEntry(
            staff_id,
            title,
            dates[completed_on],  # type: ignore[arg-type]  # NOT NULL in the schema
            hours,
            course_id,
            provider,
            _FORMATS[fmt],
            _SETTINGS[setting],
            times[start],
            times[end],
            in_ratio == 1,
            approved == 1,
            dates[enrolled_on],
            notes,
            entry_id,
            _KINDS[kind or "training"],
            dates[expires_on],
            as_trainer == 1,
            dates[mopd_report_on],
        )
        for (staff_id, title, completed_on, hours, course_id, provider, fmt, setting, start,
             end, in_ratio, approved, enrolled_on, notes, entry_id, kind, expires_on,
             as_trainer, mopd_report_on) in rows
    ]  # fmt: skip


def entry_rows(entries: Iterable[TrainingEntry]) -> list[Row]:
    """``entry_row`` of every entry, for saving many: each distinct date and time is
    turned into text once."""
    dates: Memo[date | None, str | None] = Memo(date_text)
    times: Memo[time | None, str | None] = Memo(time_text)
    return [
        (
            e.staff_id,
            e.title,
            dates[e.completed_on],
            e.clock_hours,
            e.course_id,
            e.provider,
            str(e.format),
            str(e.setting),
            times[e.start_time],
            times[e.end_time],
            1 if e.in_ratio else 0,
            1 if e.approved else 0,
            dates[e.enrolled_on],
            e.notes,
            e.id,
            str(e.kind),
            dates[e.expires_on],
            1 if e.as_trainer else 0,
            dates[e.mopd_report_on],
        )
        for e in entries
    ]
