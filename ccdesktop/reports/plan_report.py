"""The year-end plan as a printable sheet (``ccdesktop plan --output``, the Plan page's
Print and Save): the same fonts, styles and footer as the inspection report.

Every figure, date and status is the engine's (``domain.plan``); this lays them out.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reportlab.platypus import Flowable, Paragraph, Spacer

from ccdesktop.domain.dates import format_date_us, format_time_12h
from ccdesktop.domain.hours import format_hours
from ccdesktop.domain.plan import (
    PersonPlan,
    YearEndPlan,
    days_left_words,
    do_by_words,
    horizon_words,
    inspection_note,
    planned_denied_words,
    reminders,
)

from .cells import cell_width, clean, markup, wrap
from .fonts import BOLD, register_fonts
from .numbered_canvas import Footer
from .pdf_report import write_pdf
from .sections import Row, _header, _table, _widths
from .styles import BODY, DENIED_FILL, HEADING, NOTE, TITLE
from .training_file import status_cell

LABELS = (
    "#",
    "Name",
    "Hours needed by Dec 31",
    "Planned",
    "Gap",
    "Required trainings to do",
    "Do by",
)
WIDTHS = _widths((18, 112, 50, 42, 34, None, 52))


@dataclass(frozen=True)
class PlanSheet:
    page_count: int
    path: Path


def _requirements_cell(plan: YearEndPlan, person: PersonPlan, width: float) -> str:
    lines = [planned_denied_words(person.planned_denied)] if person.planned_denied else []
    for status in person.requirements:
        note = inspection_note(plan, person, status)
        lines.append(f"{status.kind.name}: {status_cell(status)}{note}")
    return wrap("\n".join(lines) or "\u2014", width)


def plan_story(plan: YearEndPlan, produced_at: datetime) -> list[Flowable]:
    center = plan.center
    name = markup(center.name) if center.name else "Center name not set"
    license_text = (
        f" \u00b7 license {markup(center.license_number)}" if center.license_number else ""
    )
    story: list[Flowable] = [
        Paragraph(f"Year-end plan, {plan.year}", TITLE),
        Paragraph(f"{name}{license_text}", BODY),
        Paragraph(
            f"As of {format_date_us(plan.today)}: {days_left_words(plan)}. Required "
            f"trainings are looked ahead to {horizon_words(plan)}. Produced "
            f"{format_date_us(produced_at.date())} at {format_time_12h(produced_at.time())}.",
            BODY,
        ),
        Spacer(1, 6),
    ]
    notes = reminders(plan)
    if notes:
        story.append(Paragraph("Reminders", HEADING))
        story += [Paragraph(f"\u2022 {markup(note)}.", BODY) for note in notes]
    to_do = [p for p in plan.people if not p.on_track]
    story.append(Paragraph("Who needs what, most urgent first", HEADING))
    story.append(
        Paragraph(
            "Hours needed: what December 31 still asks (hours missed in earlier years "
            "first). Planned: hours of trainings entered for later dates that would earn "
            "credit; they count only once done. Gap: what is needed even if every planned "
            "training happens. Do by: the earliest day something must be done, overdue "
            "first.",
            NOTE,
        )
    )
    if not to_do:
        story.append(Paragraph("Nobody needs anything before the year ends.", BODY))
    else:
        rows: list[Row] = [_header(LABELS, WIDTHS)]
        style: list[tuple[object, ...]] = [("ALIGN", (2, 1), (4, -1), "RIGHT")]
        for number, person in enumerate(to_do, start=1):
            row = len(rows)
            staff = person.standing.staff
            who = staff.sort_name + (f"\n{staff.role}" if staff.role else "")
            rows.append(
                [
                    str(number),
                    wrap(who, cell_width(WIDTHS[1])),
                    format_hours(person.hours_needed),
                    format_hours(person.planned),
                    format_hours(person.gap),
                    _requirements_cell(plan, person, cell_width(WIDTHS[5])),
                    do_by_words(person, plan.today),
                ]
            )
            if person.urgent_on is not None and person.urgent_on < plan.today:
                style.append(("BACKGROUND", (0, row), (-1, row), DENIED_FILL))
                style.append(("FONTNAME", (6, row), (6, row), BOLD))
        story.append(_table(rows, WIDTHS, 1, style))
    on_track = [p for p in plan.people if p.on_track]
    if on_track:
        names = "; ".join(clean(p.standing.staff.full_name) for p in on_track)
        story.append(Paragraph(f"On track ({len(on_track)})", HEADING))
        story.append(Paragraph(markup(names), BODY))
    return story


def build_plan_sheet(
    plan: YearEndPlan,
    output: str | os.PathLike[str],
    *,
    produced_at: datetime | None = None,
) -> PlanSheet:
    """Write the plan's printable sheet to ``output`` (atomically, as the report)."""
    register_fonts()
    path = Path(output)
    produced_at = produced_at or datetime.now()
    center_name = clean(plan.center.name)
    footer = Footer(
        left=f"{center_name or 'Clock-hour training'} \u00b7 year-end plan {plan.year}",
        middle=f"As of {format_date_us(plan.today)}",
    )
    doc_info = {
        "title": f"Year-End Plan {plan.year}" + (f" \u2014 {center_name}" if center_name else ""),
        "author": center_name or "ccdesktop",
        "subject": f"Missouri clock-hour training, plan for {plan.year}",
    }
    write_pdf(path, plan_story(plan, produced_at), footer, doc_info)
    return PlanSheet(footer.page_count, path)
