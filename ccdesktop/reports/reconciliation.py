"""The printable page of a comparison with the MOPD training report:
``build_reconciliation(result, output, ...)``.

What the director checks before the inspector comes: the trainings in ccdesktop that
are not on the MOPD report (the inspector will not count them), the report's rows
ccdesktop does not have, and what is on both. Every figure is read from the
``Reconciliation`` (domain/reconcile.py); nothing is matched here.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from reportlab.platypus import CondPageBreak, Flowable, Paragraph, SimpleDocTemplate, Spacer, Table
from reportlab.platypus.tables import TableStyle

from ccdesktop import __version__ as ccdesktop_version
from ccdesktop.domain.codes import WarningCode
from ccdesktop.domain.dates import format_date_us, format_time_12h
from ccdesktop.domain.explain import WARNINGS
from ccdesktop.domain.hours import format_hours
from ccdesktop.domain.reconcile import Reconciliation, ReportRow
from ccdesktop.domain.records import Center, Staff, TrainingEntry

from .cells import cell_width, clean, wrap
from .fonts import BOLD, REGULAR, register_fonts
from .numbered_canvas import Footer, numbered_canvas
from .sections import KEEP_WITH_HEADING, NOT_SET, Row, _header, _table, _widths
from .styles import (
    BODY,
    BOTTOM_MARGIN,
    CONTENT_WIDTH,
    HEADING,
    LEFT_MARGIN,
    NOTE,
    PAGE_SIZE,
    RIGHT_MARGIN,
    TITLE,
    TOP_MARGIN,
    WARNING_MARK,
)

HERE_LABELS = ("Person", "Date", "Training", "Course ID", "Hours", "What to check")
HERE_WIDTHS = _widths((104, 52, None, 50, 34, 150))
REPORT_LABELS = ("Row", "Person on the report", "Date", "Training", "Course ID", "Hours")
REPORT_WIDTHS = _widths((28, 150, 52, None, 50, 34))
BOTH_LABELS = ("Person", "Date", "Training", "Course ID", "Hours")
BOTH_WIDTHS = _widths((130, 52, None, 60, 34))


@dataclass(frozen=True)
class ReconciliationResult:
    page_count: int
    path: Path


def build_reconciliation(
    result: Reconciliation,
    output: str | os.PathLike[str],
    *,
    center: Center,
    staff: Sequence[Staff],
    source: str,
    produced_at: datetime | None = None,
    applied: bool = False,
) -> ReconciliationResult:
    """Write the comparison's page(s) to ``output`` (atomically: a failed build leaves
    an existing file as it was). ``source`` names the report read (file, sheet);
    ``applied`` says whether the comparison was applied to the records."""
    register_fonts()
    produced_at = produced_at or datetime.now()
    names = {s.id: s.full_name for s in staff if s.id is not None}
    order = {s.id: (s.last_name.casefold(), s.first_name.casefold()) for s in staff}
    story: list[Flowable] = [
        *_header_block(result, center, source, produced_at, applied),
        *_only_here(result, names, order),
        *_only_on_report(result),
        *_on_both(result, names, order),
    ]
    footer = Footer(
        left=f"{clean(center.name) or 'Clock-hour training'} \u00b7 MOPD report of "
        f"{format_date_us(result.report_on)}",
        middle=(
            f"Produced {format_date_us(produced_at.date())} {format_time_12h(produced_at.time())}"
        ),
    )
    path = Path(output)
    _write_atomically(path, story, footer, center)
    return ReconciliationResult(footer.page_count, path)


def _header_block(
    result: Reconciliation, center: Center, source: str, produced_at: datetime, applied: bool
) -> list[Flowable]:
    report_on = format_date_us(result.report_on)
    compared = len(result.on_both) - _later_matches(result) + len(result.only_here)
    facts = [
        ("Center", center.name or NOT_SET),
        ("License number", center.license_number or NOT_SET),
        ("Director", center.director or NOT_SET),
        ("MOPD report", source),
        ("Report date", report_on),
        (
            "Compared",
            f"{compared} training entries completed on or before {report_on}"
            + (f" ({result.later} later ones are not on it yet)" if result.later else ""),
        ),
        (
            "Produced",
            f"{format_date_us(produced_at.date())} at {format_time_12h(produced_at.time())}",
        ),
    ]
    value_width = CONTENT_WIDTH - 110
    rows: list[Row] = [
        [label, wrap(value, cell_width(value_width), REGULAR, 10)] for label, value in facts
    ]
    table = Table(rows, colWidths=[110, value_width], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("FONTNAME", (0, 0), (0, -1), BOLD),
                ("FONTSIZE", (0, 0), (-1, -1), 10),
                ("LEADING", (0, 0), (-1, -1), 13),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    here, there, both = len(result.only_here), len(result.only_on_report), len(result.on_both)
    summary = (
        f"<b>{both}</b> {_trainings(both)} on both. "
        f"<b>{here}</b> {_trainings(here)} in ccdesktop {_are(here)} not on the MOPD report: "
        f"the inspector will not count {_them(here)}. "
        f"<b>{there}</b> {_rows(there)} of the MOPD report {_are(there)} not in ccdesktop."
    )
    if applied:
        after = (
            "The comparison was applied: the trainings on both are marked as on the MOPD "
            f"report of {report_on}, and from now on a training completed by then that is "
            f"not on it carries the warning \u201c{WARNINGS[WarningCode.NOT_ON_MOPD_REPORT].label}"
            "\u201d (a warning: credit is not changed)."
        )
    else:
        after = "The comparison was not applied: nothing in the records was changed."
    return [
        Paragraph("Comparison with the MOPD training report", TITLE),
        table,
        Spacer(1, 6),
        Paragraph(summary, BODY),
        Paragraph(
            "The inspector verifies clock-hour training against the MOPD System training "
            "report: all completed training must be on it (DESE guidance). " + after,
            NOTE,
        ),
    ]


def _later_matches(result: Reconciliation) -> int:
    """Matches of entries completed after the report's date (a row dated later)."""
    return sum(1 for m in result.on_both if m.entry.completed_on > result.report_on)


def _trainings(n: int) -> str:
    return "training" if n == 1 else "trainings"


def _rows(n: int) -> str:
    return "row" if n == 1 else "rows"


def _are(n: int) -> str:
    return "is" if n == 1 else "are"


def _them(n: int) -> str:
    return "it" if n == 1 else "them"


def _sorted_entries(
    entries: Sequence[TrainingEntry], order: Mapping[int | None, tuple[str, str]]
) -> list[TrainingEntry]:
    """By last name, first name, then date."""
    return sorted(
        entries, key=lambda e: (order.get(e.staff_id, ("", "")), e.completed_on, e.id or 0)
    )


def _only_here(
    result: Reconciliation,
    names: Mapping[int, str],
    order: Mapping[int | None, tuple[str, str]],
) -> list[Flowable]:
    flowables: list[Flowable] = [
        CondPageBreak(KEEP_WITH_HEADING),
        Paragraph("In ccdesktop, not on the MOPD report", HEADING),
    ]
    if not result.only_here:
        flowables.append(Paragraph("Every training compared is on the MOPD report.", BODY))
        return flowables
    flowables.append(
        Paragraph(
            f"{WARNING_MARK} The inspector will not count these. Ask the trainer or the MOPD "
            "system to add each to the person's MOPD record, or correct an entry whose date, "
            "hours or title was typed wrong.",
            NOTE,
        )
    )
    widths = HERE_WIDTHS
    rows: list[Row] = [_header(HERE_LABELS, widths)]
    for entry in _sorted_entries(result.only_here, order):
        hint = result.hints.get(entry.id or 0, "")
        rows.append(
            [
                wrap(names.get(entry.staff_id, f"staff {entry.staff_id}"), cell_width(widths[0])),
                format_date_us(entry.completed_on),
                wrap(entry.title, cell_width(widths[2])),
                wrap(entry.course_id or "", cell_width(widths[3])),
                format_hours(entry.clock_hours),
                wrap(hint[:1].upper() + hint[1:] if hint else "", cell_width(widths[5])),
            ]
        )
    flowables.append(_table(rows, widths, 1, [("ALIGN", (4, 1), (4, -1), "RIGHT")]))
    return flowables


def _report_person(row: ReportRow, result: Reconciliation) -> str:
    person = result.staff_of_row.get(row.row)
    if person is None:
        return f"{row.who} \u2014 no staff member on record"
    return f"{person.full_name} ({row.mopd_id})" if row.mopd_id else person.full_name


def _only_on_report(result: Reconciliation) -> list[Flowable]:
    flowables: list[Flowable] = [
        CondPageBreak(KEEP_WITH_HEADING),
        Paragraph("On the MOPD report, not in ccdesktop", HEADING),
    ]
    if not result.only_on_report:
        flowables.append(Paragraph("Every row of the MOPD report is in ccdesktop.", BODY))
        return flowables
    flowables.append(
        Paragraph(
            "Trainings the MOPD system has that ccdesktop does not: import them (all "
            "together) or enter them, so the records and the report agree.",
            NOTE,
        )
    )
    widths = REPORT_WIDTHS
    rows: list[Row] = [_header(REPORT_LABELS, widths)]
    for row in result.only_on_report:
        entry = row.entry
        rows.append(
            [
                str(row.row),
                wrap(
                    _report_person(row, result)
                    + (
                        "\nnearly matches an entry: correct one"
                        if row.row in result.near_rows
                        else ""
                    ),
                    cell_width(widths[1]),
                ),
                format_date_us(entry.completed_on),
                wrap(entry.title, cell_width(widths[3])),
                wrap(entry.course_id or "", cell_width(widths[4])),
                format_hours(entry.clock_hours),
            ]
        )
    style = [("ALIGN", (0, 1), (0, -1), "RIGHT"), ("ALIGN", (5, 1), (5, -1), "RIGHT")]
    flowables.append(_table(rows, widths, 1, style))
    return flowables


def _on_both(
    result: Reconciliation,
    names: Mapping[int, str],
    order: Mapping[int | None, tuple[str, str]],
) -> list[Flowable]:
    flowables: list[Flowable] = [
        CondPageBreak(KEEP_WITH_HEADING),
        Paragraph("On both", HEADING),
    ]
    if not result.on_both:
        flowables.append(Paragraph("No training is on both.", BODY))
        return flowables
    widths = BOTH_WIDTHS
    rows: list[Row] = [_header(BOTH_LABELS, widths)]
    for entry in _sorted_entries([m.entry for m in result.on_both], order):
        rows.append(
            [
                wrap(names.get(entry.staff_id, f"staff {entry.staff_id}"), cell_width(widths[0])),
                format_date_us(entry.completed_on),
                wrap(entry.title, cell_width(widths[2])),
                wrap(entry.course_id or "", cell_width(widths[3])),
                format_hours(entry.clock_hours),
            ]
        )
    flowables.append(_table(rows, widths, 1, [("ALIGN", (4, 1), (4, -1), "RIGHT")]))
    return flowables


def _write_atomically(path: Path, story: list[Flowable], footer: Footer, center: Center) -> None:
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".part", dir=path.parent or Path(".")
    )
    os.close(handle)
    name = clean(center.name)
    try:
        doc_info: dict[str, Any] = {
            "title": "Comparison with the MOPD training report"
            + (f" \u2014 {name}" if name else ""),
            # no personal data beyond what the page prints: the center, not a person
            "author": name or "ccdesktop",
            "subject": "Missouri clock-hour training, MOPD report",
            "creator": f"ccdesktop {ccdesktop_version}",
        }
        doc = SimpleDocTemplate(
            temp_name,
            pagesize=PAGE_SIZE,
            leftMargin=LEFT_MARGIN,
            rightMargin=RIGHT_MARGIN,
            topMargin=TOP_MARGIN,
            bottomMargin=BOTTOM_MARGIN,
            **doc_info,
        )
        doc.build(story, canvasmaker=numbered_canvas(footer))
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
