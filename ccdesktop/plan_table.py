"""The year-end plan as a plain-text table for the terminal (``ccdesktop plan``)."""

from __future__ import annotations

from .audit_table import _align
from .domain.dates import format_date_us
from .domain.hours import format_hours
from .domain.plan import (
    YearEndPlan,
    days_left_words,
    do_by_words,
    horizon_words,
    reminders,
    requirement_lines,
)

_COLUMNS = ("#", "Name", "MOPD ID", "Hours needed", "Planned", "Gap", "Do by")


def format_plan_table(plan: YearEndPlan) -> str:
    center = plan.center
    lines = [
        f"Year-end plan {plan.year}: {center.name or 'center name not set'}"
        + (f" (license {center.license_number})" if center.license_number else ""),
        f"As of {format_date_us(plan.today)}: {days_left_words(plan)}. Hours planned "
        "are not counted until done. Required trainings are looked ahead to "
        f"{horizon_words(plan)}.",
        "",
    ]
    notes = reminders(plan)
    if notes:
        lines += ["Reminders:", *(f"  {note}." for note in notes), ""]
    to_do = [p for p in plan.people if not p.on_track]
    rows: list[tuple[str, ...]] = [_COLUMNS]
    details: dict[int, list[str]] = {}
    for number, person in enumerate(to_do, start=1):
        staff = person.standing.staff
        rows.append(
            (
                str(number),
                staff.sort_name,
                staff.mopd_id or "-",
                format_hours(person.hours_needed),
                format_hours(person.planned),
                format_hours(person.gap),
                do_by_words(person, plan.today),
            )
        )
        details[len(rows) - 1] = requirement_lines(plan, person)
    if len(rows) == 1:
        lines.append("Nobody needs anything before the year ends.")
    else:
        aligned = _align(rows)
        lines.append(aligned[0])
        for index, line in enumerate(aligned[1:], start=1):
            lines.append(line)
            lines += [f"      {detail}" for detail in details.get(index, [])]
    on_track = [p for p in plan.people if p.on_track]
    if on_track:
        lines += ["", f"On track ({len(on_track)}): " + "; ".join(
            p.standing.staff.full_name for p in on_track
        )]  # fmt: skip
    return "\n".join(lines) + "\n"
