"""The report's "staff training file": each person's required trainings (issue 13) with
the engine's status on the day the report is produced.

Every status and date is the engine's (``domain.requirements``): this module only
lays them out, in the words the window shows (``describe_status``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from ccdesktop.domain.audit import StaffStanding
from ccdesktop.domain.dates import format_date_us
from ccdesktop.domain.records import TrainingEntry
from ccdesktop.domain.requirements import (
    RequirementState,
    RequirementStatus,
    describe_met_by,
    describe_status,
)

from .cells import cell_width, wrap
from .fonts import BOLD
from .sections import KEEP_WITH_HEADING, NONE_TEXT, Row, _header, _table, _widths
from .styles import (
    BODY,
    CREDITED_MARK,
    DENIED_FILL,
    DENIED_MARK,
    HEADING,
    NOTE,
    RULE_GREY,
    WARNING_MARK,
)

LABELS = ("Person", "Required training", "Status", "Met by")
WIDTHS = _widths((120, 86, 150, None))

#: the mark each state prints with (words say it too: never the mark alone)
MARKS: Mapping[RequirementState, str] = {
    RequirementState.CURRENT: CREDITED_MARK,
    RequirementState.DUE: WARNING_MARK,
    RequirementState.OVERDUE: DENIED_MARK,
    RequirementState.MISSING: DENIED_MARK,
    RequirementState.NOT_APPLICABLE: "",
}


def status_cell(status: RequirementStatus) -> str:
    """ "✗ overdue since 3/5/2026", "✓ current until 3/4/2028"."""
    mark = MARKS[status.state]
    return f"{mark} {describe_status(status)}" if mark else describe_status(status)


def met_by_cell(entry: TrainingEntry | None) -> str:
    return describe_met_by(entry)


def training_file_section(
    standings: Sequence[StaffStanding],
    statuses: Mapping[int, Sequence[RequirementStatus]],
    as_of: date,
) -> list[Flowable]:
    """One table: each chosen person's required trainings, the person named once."""
    widths = WIDTHS
    rows: list[Row] = [_header(LABELS, widths)]
    style: list[tuple[object, ...]] = []
    for standing in standings:
        staff = standing.staff
        own = [s for s in statuses.get(staff.id or 0, ()) if s.applies]
        first = len(rows)
        if first > 1:  # each person's rows read as one group
            style.append(("LINEABOVE", (0, first), (-1, first), 1.2, RULE_GREY))
        name = wrap(staff.sort_name, cell_width(widths[0]))
        if not own:
            why = next((s.reason for s in statuses.get(staff.id or 0, ())), "")
            text = f"none apply ({why})" if why else "none apply"
            rows.append([name, wrap(text, cell_width(widths[1] + widths[2])), "", ""])
            style.append(("SPAN", (1, first), (-1, first)))
            continue
        for index, status in enumerate(own):
            row = len(rows)
            rows.append(
                [
                    name if index == 0 else "",
                    wrap(status.kind.name, cell_width(widths[1])),
                    wrap(status_cell(status), cell_width(widths[2])),
                    wrap(met_by_cell(status.met_by), cell_width(widths[3])),
                ]
            )
            if status.state in (RequirementState.OVERDUE, RequirementState.MISSING):
                style.append(("FONTNAME", (2, row), (2, row), BOLD))
                style.append(("BACKGROUND", (1, row), (-1, row), DENIED_FILL))
    flowables: list[Flowable] = [
        CondPageBreak(KEEP_WITH_HEADING),
        Paragraph(f"Staff training file: required trainings, {format_date_us(as_of)}", HEADING),
        Paragraph(
            "Each person's required trainings as of the day this report was produced: "
            f"{CREDITED_MARK} current, {WARNING_MARK} due soon, {DENIED_MARK} overdue or "
            "missing. A training lasts from the completion date shown; a card until its "
            "own expiry date. Planned trainings are named but do not make a requirement "
            "current before they are done.",
            NOTE,
        ),
    ]
    if len(rows) == 1:
        flowables.append(Paragraph(f"No staff members chosen ({NONE_TEXT}).", BODY))
        return flowables
    flowables.append(_table(rows, widths, 1, style))
    return flowables
