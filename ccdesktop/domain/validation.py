"""What RULES.md section 2 refuses, as field-named problems.

The CSV importer, the store and the GUI forms all ask these functions, so a record
is refused for the same reason with the same words everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from .hours import MAX_ENTRY_HOURS, format_hours
from .records import AppliesTo, Center, EntryKind, RequirementKind, Staff, TrainingEntry

#: A yearly requirement above this is a typing mistake, not a policy.
MAX_REQUIRED_HOURS = 10000

#: How many days before it lapses a required training can be called "due".
MAX_DUE_SOON_DAYS = 366

#: The longest a required training can last, and the longest a new hire may wait for
#: it: beyond these a number is a typing mistake.
MAX_LASTS_MONTHS = 240
MAX_NEW_HIRE_DAYS = 3650

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
    if entry.kind is _CREDENTIAL:
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


# asked of every row of an import: a member read through its enum class costs ~120 ns
_CREDENTIAL = EntryKind.CREDENTIAL


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
    seen: set[str] = set()
    for requirement in center.requirements or ():
        name = requirement.name.strip()
        if not name:
            problems.append(Problem("requirements", "a required training has no name"))
            continue
        folded = " ".join(name.casefold().split())
        if folded in seen:
            problems.append(Problem("requirements", f"{name} is listed twice"))
        seen.add(folded)
        for problem in validate_requirement(requirement):
            # a kind that lists nothing is never met (everyone it applies to shows it
            # missing or overdue): odd, but not a broken record; the form asks for one
            if problem.field not in ("name", "matches"):
                problems.append(Problem("requirements", f"{name}: {problem.message}"))
    start = center.records_start_year
    if start is not None and not EARLIEST_RECORDS_START <= start <= LATEST_RECORDS_START:
        problems.append(
            Problem(
                "records_start_year",
                f"{start} is not a year from {EARLIEST_RECORDS_START} to {LATEST_RECORDS_START}",
            )
        )
    return problems


def validate_requirement(kind: RequirementKind) -> list[Problem]:
    """What is wrong with one required training (issue 13), by its field."""
    problems: list[Problem] = []
    if not kind.name.strip():
        problems.append(Problem("name", "is required"))
    if kind.applies_to is AppliesTo.ROLES and not any(r.strip() for r in kind.roles):
        problems.append(Problem("roles", "name at least one role it applies to"))
    if not any(m.strip() for m in kind.matches):
        problems.append(Problem("matches", "name at least one course ID or title that meets it"))
    if kind.lasts_months is not None and not 1 <= kind.lasts_months <= MAX_LASTS_MONTHS:
        problems.append(
            Problem(
                "lasts_months", f"{kind.lasts_months} is not from 1 to {MAX_LASTS_MONTHS} months"
            )
        )
    if kind.new_hire_days is not None and not 0 <= kind.new_hire_days <= MAX_NEW_HIRE_DAYS:
        problems.append(
            Problem(
                "new_hire_days", f"{kind.new_hire_days} is not from 0 to {MAX_NEW_HIRE_DAYS} days"
            )
        )
    return problems
