"""The inspection-ready PDF: ``build_report(audit, path)``.

The director prints it before an inspection: the center's details, a summary of every
staff member, every denied entry and warning with the rule behind it, a transcript per
person with their ledger, and a place to sign. Every figure comes from the Audit.
"""

from __future__ import annotations

import os
import tempfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate

from ccdesktop import __version__ as ccdesktop_version
from ccdesktop.domain.audit import Audit, EntryResult
from ccdesktop.domain.dates import format_date_us, format_time_12h
from ccdesktop.domain.requirements import requirement_statuses

from . import sections
from .cells import clean
from .fonts import register_fonts
from .numbered_canvas import Footer, numbered_canvas
from .styles import (
    BOTTOM_MARGIN,
    HEADING,
    LEFT_MARGIN,
    NOTE,
    PAGE_SIZE,
    RIGHT_MARGIN,
    TOP_MARGIN,
)
from .training_file import training_file_section

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ReportOptions:
    """Which staff and which parts to print."""

    #: ids of the staff members to include; None = all
    staff_ids: frozenset[int] | None = None
    summary: bool = True
    denied: bool = True
    transcripts: bool = True
    #: the staff training file: each person's required trainings (issue 13)
    training_file: bool = True
    signature: bool = True


@dataclass(frozen=True)
class ReportResult:
    page_count: int
    path: Path


class _ProgressMark(Flowable):
    """Takes no room; reports a finished step when the layout reaches it."""

    def __init__(self, step: int, total: int, progress: Progress) -> None:
        super().__init__()
        self.step, self.total, self.progress = step, total, progress

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return (0, 0)

    def draw(self) -> None:
        self.progress(self.step, self.total)


def build_report(
    audit: Audit,
    output: str | os.PathLike[str],
    options: ReportOptions = ReportOptions(),  # noqa: B008 - frozen, so safe to share
    *,
    produced_at: datetime | None = None,
    progress: Progress | None = None,
) -> ReportResult:
    """Write the report of ``audit`` to ``output`` and return its page count.

    The file is written beside ``output`` under a temporary name and moved into place
    when complete, so a failed build leaves an existing file untouched.
    ``progress(done, total)`` is
    called as the layout advances.

    Raises ValueError when ``options.staff_ids`` names no staff member of the audit.
    """
    register_fonts()
    path = Path(output)
    produced_at = produced_at or datetime.now()
    # the year's report is about the people who worked in the year: those hired later
    # or gone before it are left out, unless chosen by name
    employed = [s for s in audit.staff if s.employed_in(audit.year)]
    standings = [
        s for s in audit.staff if options.staff_ids is None or s.staff.id in options.staff_ids
    ]
    if options.staff_ids is None:
        standings = employed
    if options.staff_ids is not None:
        known = {s.staff.id for s in audit.staff}
        unknown = sorted(i for i in options.staff_ids if i not in known)
        if unknown:
            raise ValueError(
                f"no staff member with id {', '.join(map(str, unknown))} in the {audit.year} audit"
            )
        if not standings:
            raise ValueError("no staff members were chosen for the report")

    results_by_staff: dict[int, list[EntryResult]] = defaultdict(list)
    entries_by_id = audit.entries_by_id
    for result in audit.entries:
        results_by_staff[result.entry.staff_id].append(result)

    parts: list[list[Flowable]] = [
        sections.header_block(audit, produced_at, len(standings), len(employed))
    ]
    if options.summary:
        parts.append(sections.summary_section(audit, standings, options.staff_ids is None))
    if options.denied:
        denied, codes = sections.denied_section(audit, standings, results_by_staff, entries_by_id)
        parts.append(denied + sections.rules_section(codes))
    if options.training_file:
        # as of the audit's day, else the day the report is produced: the inspector
        # reads whether each requirement is current now, whatever year is reported
        as_of = audit.today or produced_at.date()
        statuses = requirement_statuses(audit, as_of)
        parts.append(training_file_section(standings, statuses, as_of))
    if options.transcripts:
        parts[-1].append(PageBreak())
        parts[-1].extend(_transcripts_heading(audit))
        for standing in standings:
            parts.append(
                sections.transcript(
                    audit, standing, results_by_staff.get(standing.staff.id or 0, []), entries_by_id
                )
            )
    if options.signature:
        parts.append(sections.signature_block(audit))

    story: list[Flowable] = []
    for step, part in enumerate(parts, start=1):
        story.extend(part)
        if progress is not None:
            story.append(_ProgressMark(step, len(parts), progress))

    center_name = clean(audit.center.name)
    footer = Footer(
        left=f"{center_name or 'Clock-hour training'} \u00b7 {audit.year}",
        middle=(
            f"Produced {format_date_us(produced_at.date())} {format_time_12h(produced_at.time())}"
        ),
    )
    _write_atomically(path, story, footer, audit, center_name)
    return ReportResult(page_count=footer.page_count, path=path)


def _transcripts_heading(audit: Audit) -> list[Flowable]:
    return [
        Paragraph(f"Training transcripts, {audit.year}", HEADING),
        Paragraph(
            "Each person's trainings completed in the year, then their ledger year by "
            "year: hours earned, hours used to make up earlier years, and what is still "
            "missing. The setting is individual unless the row says group.",
            NOTE,
        ),
    ]


def _write_atomically(
    path: Path, story: list[Flowable], footer: Footer, audit: Audit, center_name: str
) -> None:
    doc_info: dict[str, Any] = {
        "title": f"Clock-Hour Training Report {audit.year}"
        + (f" \u2014 {center_name}" if center_name else ""),
        # no personal data beyond what the report prints: the center, not a person
        "author": center_name or "ccdesktop",
        "subject": f"Missouri clock-hour training, {audit.year}",
    }
    write_pdf(path, story, footer, doc_info)


def write_pdf(path: Path, story: list[Flowable], footer: Footer, doc_info: dict[str, Any]) -> None:
    """Lay out ``story`` into ``path`` with ``footer`` on every page, through a
    temporary file beside it moved into place when complete (a failed build leaves an
    existing file untouched). ``doc_info``: the PDF's title, author and subject."""
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".part", dir=path.parent or Path(".")
    )
    os.close(handle)
    try:
        doc_info = {**doc_info, "creator": f"ccdesktop {ccdesktop_version}"}
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
