"""What RULES.md section 2 refuses, as field-named problems.

The CSV importer, the store and the GUI forms all ask these functions, so a record
is refused for the same reason with the same words everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from .hours import MAX_ENTRY_HOURS, format_hours
from .records import Center, EntryKind, Staff, TrainingEntry

#: A yearly requirement above this is a typing mistake, not a policy.
MAX_REQUIRED_HOURS = 10000

#: How many days before it lapses a required training can be called "due".
MAX_DUE_SOON_DAYS = 366

#: The years a center's records can start in (the schema's CHECK says the same).
EARLIEST_RECORDS_START, LATEST_RECORDS_START = 1900, 2200


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one field of a record."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


def normalise_mopd_id(value: str | None) -> str | None:
    """MOPD IDs are text; surrounding blanks are dropped and a blank ID is no ID."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def validate_staff(staff: Staff) -> list[Problem]:
    problems: list[Problem] = []
    if not staff.first_name.strip():
        problems.append(Problem("first_name", "is required"))
    if not staff.last_name.strip():
        problems.append(Problem("last_name", "is required"))
    if staff.mopd_id is not None and not staff.mopd_id.strip():
        problems.append(Problem("mopd_id", "is blank; leave it empty instead"))
    if staff.hire_date and staff.end_date and staff.end_date < staff.hire_date:
        problems.append(
            Problem(
                "end_date",
                f"{staff.end_date.isoformat()} is before the hire date "
                f"{staff.hire_date.isoformat()}",
            )
        )
    return problems


def validate_clock_hours(hundredths: int) -> str | None:
    """The problem with an entry's clock hours, or None (> 0, <= 24)."""
    if hundredths <= 0:
        return f"{format_hours(hundredths)} must be more than 0"
    if hundredths > MAX_ENTRY_HOURS:
        return f"{format_hours(hundredths)} is more than 24 hours"
    return None


def validate_entry(entry: TrainingEntry) -> list[Problem]:
    problems: list[Problem] = []
    if not entry.title.strip():
        problems.append(Problem("title", "is required"))
    if entry.kind is EntryKind.CREDENTIAL:
        problems.extend(_credential_problems(entry))
    else:
        hours_problem = validate_clock_hours(entry.clock_hours)
        if hours_problem:
            problems.append(Problem("clock_hours", hours_problem))
        if entry.expires_on is not None:
            problems.append(
                Problem(
                    "expires_on",
                    "only a credential has an expiry date; leave it empty for a training "
                    "(or make the entry a credential)",
                )
            )
    if entry.expires_on and entry.expires_on < entry.completed_on:
        problems.append(
            Problem(
                "expires_on",
                f"{entry.expires_on.isoformat()} is before the completion "
                f"date {entry.completed_on.isoformat()}",
            )
        )
    if entry.start_time and entry.end_time and entry.end_time <= entry.start_time:
        problems.append(
            Problem(
                "end_time",
                f"{entry.end_time:%H:%M} is not after the start time {entry.start_time:%H:%M}",
            )
        )
    if entry.enrolled_on and entry.enrolled_on > entry.completed_on:
        problems.append(
            Problem(
                "enrolled_on",
                f"{entry.enrolled_on.isoformat()} is after the completion "
                f"date {entry.completed_on.isoformat()}",
            )
        )
    return problems


def _credential_problems(entry: TrainingEntry) -> list[Problem]:
    """What a credential (a CDA, a CPR card) may not have. **Decision** (issue 14): a
    credential is not a sitting of a training and carries no clock hours of its own
    (the training that earned it is an entry of its own); hours on one are refused
    rather than kept and not counted. Times or a start date it may keep: no rule looks
    at them."""
    if entry.clock_hours == 0:
        return []
    return [
        Problem(
            "clock_hours",
            f"{format_hours(entry.clock_hours)}: a credential carries no clock hours "
            "(record the training that earned it as a training entry of its own)",
        )
    ]


def validate_center(center: Center) -> list[Problem]:
    problems: list[Problem] = []
    if center.required_hours <= 0:
        problems.append(Problem("required_hours", "must be more than 0"))
    elif center.required_hours > MAX_REQUIRED_HOURS:
        problems.append(
            Problem(
                "required_hours",
                f"{format_hours(center.required_hours)} is more than "
                f"{format_hours(MAX_REQUIRED_HOURS)} hours a year",
            )
        )
    if not 0 <= center.due_soon_days <= MAX_DUE_SOON_DAYS:
        problems.append(
            Problem("due_soon_days", f"{center.due_soon_days} is not from 0 to 366 days")
        )
    for requirement in center.requirements or ():
        if not requirement.name.strip():
            problems.append(Problem("requirements", "a required training has no name"))
    start = center.records_start_year
    if start is not None and not EARLIEST_RECORDS_START <= start <= LATEST_RECORDS_START:
        problems.append(
            Problem(
                "records_start_year",
                f"{start} is not a year from {EARLIEST_RECORDS_START} to {LATEST_RECORDS_START}",
            )
        )
    return problems
