"""The parts of the inspection report, each a list of platypus flowables.

Every figure printed here is read from the engine's Audit (RULES.md section 6: one
engine, the same numbers everywhere); nothing is added up or derived here. Every
table repeats its header rows on each page, and reportlab never splits a table row
across pages, so a row is always whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table
from reportlab.platypus.tables import TableStyle

from ccdesktop.domain.audit import Audit, EntryResult, StaffStanding
from ccdesktop.domain.codes import Reason, Status, WarningCode
from ccdesktop.domain.dates import format_date_us, format_time_12h
from ccdesktop.domain.explain import (
    FORMAT_LABELS,
    SETTING_LABELS,
    STATUS_LABELS,
    describe_credential,
    describe_credential_year,
    describe_exempt,
    describe_reason,
    describe_warnings,
    explain,
    format_time_range,
)
from ccdesktop.domain.hours import Hundredths, format_hours
from ccdesktop.domain.records import Setting, Staff, TrainingEntry
from ccdesktop.domain.rules import is_credential

from .cells import cell_width, clean, markup, wrap
from .fonts import BOLD, REGULAR
from .styles import (
    BODY,
    CONTENT_WIDTH,
    CREDITED_MARK,
    DENIED_FILL,
    DENIED_MARK,
    HEADING,
    NOTE,
    TABLE_SIZE,
    TITLE,
    WARNING_MARK,
    base_table_style,
)

#: a table row: plain strings (fast to lay out) or flowables
Row = Sequence[object]

NONE_TEXT = "none"
#: room (points) a heading needs below it for its note and first rows
KEEP_WITH_HEADING = 110
NOT_SET = "(not set)"


def _widths(fixed: Sequence[float | None]) -> list[float]:
    """Column widths where the one None column takes the rest of the line."""
    rest = CONTENT_WIDTH - sum(w for w in fixed if w is not None)
    return [rest if w is None else w for w in fixed]


def _header(labels: Sequence[str], widths: Sequence[float]) -> Row:
    return [wrap(label, cell_width(w), BOLD) for label, w in zip(labels, widths, strict=True)]


def _table(
    rows: list[Row],
    widths: Sequence[float],
    header_rows: int,
    extra_style: Iterable[tuple[object, ...]] = (),
) -> Table:
    table = Table(
        rows,
        colWidths=list(widths),
        repeatRows=header_rows,
        splitByRow=1,
        hAlign="LEFT",
    )
    table.setStyle(TableStyle([*base_table_style(header_rows), *extra_style]))
    return table


def hours_by_year(pairs: Iterable[tuple[int, Hundredths]]) -> str:
    """(year, hours) pairs as "4 (2023), 1 (2024)"; "none" when there are none."""
    text = ", ".join(f"{format_hours(hours)} ({year})" for year, hours in pairs)
    return text or NONE_TEXT


def labelled(label: str, sentence: str) -> str:
    """ "Overlapping trainings: overlaps CPR ..."; a sentence that already begins with
    the label's words ("in ratio with children: no credit") is not prefixed twice."""
    if sentence.casefold().startswith(label.casefold()):
        return sentence[:1].upper() + sentence[1:]
    return f"{label}: {sentence}"


def _time_cell(entry: TrainingEntry, width: float) -> str:
    if entry.start_time is not None and entry.end_time is not None:
        text = format_time_range(entry.start_time, entry.end_time)
    elif entry.start_time is None and entry.end_time is None:
        return "no times"
    else:
        start = format_time_12h(entry.start_time) or "?"
        text = f"{start}-{format_time_12h(entry.end_time) or '?'}"
    if stringWidth(text, REGULAR, TABLE_SIZE) > width:
        # "9:00 AM-12:00 PM" reads best broken after the dash
        text = text.replace("-", "-\n", 1)
    return text


# --- first page -----------------------------------------------------------------------


def header_block(
    audit: Audit, produced_at: datetime, included: int, on_record: int
) -> list[Flowable]:
    center = audit.center
    produced = f"{format_date_us(produced_at.date())} at {format_time_12h(produced_at.time())}"
    if included == on_record:
        scope = f"all {on_record} staff members employed in {audit.year}"
    else:
        scope = f"{included} selected of {on_record} staff members employed in {audit.year}"
    facts = [
        ("Center", center.name or NOT_SET),
        ("License number", center.license_number or NOT_SET),
        ("Director", center.director or NOT_SET),
        ("Training year", f"January 1 to December 31, {audit.year}"),
        (
            "Records kept from",
            f"{audit.records_start_year} (earlier years are not counted as missed)",
        ),
        ("Produced", produced),
        ("Staff in this report", scope),
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
    required = format_hours(center.required_hours)
    return [
        Paragraph(f"Clock-Hour Training Report, {audit.year}", TITLE),
        table,
        Spacer(1, 6),
        Paragraph(
            f"Each caregiver needs {required} clock hours of DESE-approved training from "
            f"January 1 to December 31 (fewer in the year of leaving, and in the year of "
            f"hire when the center uses that setting: one hour per month employed). Hours "
            f"missed in an earlier year "
            f"are made up first, before hours count for the current year. A denied training "
            f"earns no hours and is not counted in any figure. Hours are clock hours.",
            NOTE,
        ),
    ]


# --- summary --------------------------------------------------------------------------


def status_words(audit: Audit, standing: StaffStanding) -> str:
    """ "met", "short", or "exempt: left on 6/30/2024" with the engine's reason."""
    status = STATUS_LABELS[standing.status]
    if standing.exempt_reason is None:
        credential_id = standing.met_by_credential
        credential = None if credential_id is None else audit.entries_by_id.get(credential_id)
        if credential is not None:
            return f"{status}: {describe_credential_year(credential)}"
        return status
    why = describe_exempt(standing.exempt_reason, standing.staff, audit.records_start_year)
    return f"{status}: {why}"


SUMMARY_LABELS = (
    "Name",
    "MOPD ID",
    "Role",
    "Hours counted of required",
    "Hours applied to earlier years",
    "Hours still needed",
    "Status",
    "Denied entries",
)
SUMMARY_WIDTHS = _widths((None, 50, 66, 52, 64, 44, 92, 40))


def summary_section(audit: Audit, standings: Sequence[StaffStanding], all_staff: bool) -> list:
    widths = SUMMARY_WIDTHS
    rows: list[Row] = [_header(SUMMARY_LABELS, widths)]
    style: list[tuple[object, ...]] = [
        ("ALIGN", (3, 1), (5, -1), "RIGHT"),
        ("ALIGN", (7, 1), (7, -1), "RIGHT"),
    ]
    for standing in standings:
        staff = standing.staff
        row = len(rows)
        status = status_words(audit, standing)
        if standing.status is Status.SHORT:
            status = f"{DENIED_MARK} {status}"
            style.append(("FONTNAME", (6, row), (6, row), BOLD))
        rows.append(
            [
                wrap(staff.sort_name, cell_width(widths[0])),
                wrap(staff.mopd_id or NONE_TEXT, cell_width(widths[1])),
                wrap(staff.role, cell_width(widths[2])),
                f"{format_hours(standing.counted)} of {format_hours(standing.required)}",
                wrap(hours_by_year(standing.applied_to_prior), cell_width(widths[4])),
                format_hours(standing.hours_needed),
                wrap(status, cell_width(widths[6])),
                str(standing.denied_count),
            ]
        )
    flowables: list[Flowable] = [Paragraph(f"Summary of staff, {audit.year}", HEADING)]
    if all_staff:
        flowables.append(
            Paragraph(
                f"{audit.met_count} met the requirement, {audit.short_count} are short, "
                f"of {len(standings)} staff members employed in {audit.year}.",
                BODY,
            )
        )
        flowables.append(Spacer(1, 4))
    if len(rows) == 1:
        flowables.append(Paragraph("No staff members on record.", BODY))
        return flowables
    flowables.append(_table(rows, widths, 1, style))
    flowables.append(
        Paragraph(
            "Hours counted: credited hours of the year that count for the year itself. "
            "Hours applied to earlier years: credited hours of the year used to make up "
            "hours missed in those years. Hours still needed: what the year still lacks "
            f"plus hours still missing from earlier years. {DENIED_MARK} marks a person "
            "who is short.",
            NOTE,
        )
    )
    return flowables


# --- denied entries, warnings and what the rules say ---------------------------------

DENIED_LABELS = ("Person", "Date", "Training", "Hours", "Why it earns no credit")
DENIED_WIDTHS = _widths((104, 52, 130, 34, None))
WARNING_LABELS = ("Person", "Date", "Training", "Warning")
WARNING_WIDTHS = _widths((104, 52, 130, None))


def denied_section(
    audit: Audit,
    standings: Sequence[StaffStanding],
    results_by_staff: Mapping[int, Sequence[EntryResult]],
    entries_by_id: Mapping[int, TrainingEntry],
) -> tuple[list[Flowable], set[Reason | WarningCode]]:
    """Every denied entry and every warning of the chosen staff, and the codes seen
    (for the table of rules that follows)."""
    seen: set[Reason | WarningCode] = set()
    widths = DENIED_WIDTHS
    rows: list[Row] = [_header(DENIED_LABELS, widths)]
    warn_widths = WARNING_WIDTHS
    warn_rows: list[Row] = [_header(WARNING_LABELS, warn_widths)]
    for standing in standings:
        staff = standing.staff
        name = wrap(staff.full_name, cell_width(widths[0]))
        for code in standing.warnings:
            seen.add(code)
            text = f"{WARNING_MARK} {explain(code).label}"
            warn_rows.append([name, "\u2014", "\u2014", wrap(text, cell_width(warn_widths[3]))])
        for result in results_by_staff.get(staff.id or 0, ()):
            entry, verdict = result.entry, result.verdict
            date_text = format_date_us(entry.completed_on)
            if not verdict.credited:
                lines = []
                for reason in verdict.reasons:
                    seen.add(reason)
                    why = explain(reason)
                    for sentence in describe_reason(reason, entry, verdict, entries_by_id):
                        lines.append(f"{DENIED_MARK} {labelled(why.label, sentence)}")
                rows.append(
                    [
                        name,
                        date_text,
                        wrap(entry.title, cell_width(widths[2])),
                        format_hours(entry.clock_hours),
                        wrap("\n".join(lines), cell_width(widths[4])),
                    ]
                )
            if verdict.warnings:
                lines = []
                sentences = describe_warnings(
                    entry,
                    verdict,
                    entries_by_id,
                    audit.staff_names,
                    report_on=audit.center.mopd_report_on,
                )
                for code, sentence in zip(verdict.warnings, sentences, strict=True):
                    seen.add(code)
                    why = explain(code)
                    lines.append(f"{WARNING_MARK} {labelled(why.label, sentence)}")
                warn_rows.append(
                    [
                        name,
                        date_text,
                        wrap(entry.title, cell_width(warn_widths[2])),
                        wrap("\n".join(lines), cell_width(warn_widths[3])),
                    ]
                )

    # a heading never sits alone at the foot of a page
    flowables: list[Flowable] = [
        CondPageBreak(KEEP_WITH_HEADING),
        Paragraph(f"Denied entries, {audit.year}", HEADING),
    ]
    if len(rows) == 1:
        flowables.append(Paragraph(f"No entry of {audit.year} was denied credit.", BODY))
    else:
        flowables.append(
            Paragraph(
                f"These trainings earn no clock hours. {DENIED_MARK} marks each reason; the "
                "DESE guidance behind it is quoted under \u201cWhat the rules say\u201d.",
                NOTE,
            )
        )
        flowables.append(_table(rows, widths, 1, [("ALIGN", (3, 1), (3, -1), "RIGHT")]))
    flowables.append(CondPageBreak(KEEP_WITH_HEADING))
    flowables.append(Paragraph(f"Warnings, {audit.year}", HEADING))
    if len(warn_rows) == 1:
        flowables.append(Paragraph("No warnings.", BODY))
    else:
        flowables.append(
            Paragraph(
                f"Warnings ({WARNING_MARK}) do not change credit; they point at records "
                "to check against the MOPD training report.",
                NOTE,
            )
        )
        flowables.append(_table(warn_rows, warn_widths, 1))
    return flowables, seen


RULES_LABELS = ("Reason", "What it means, and the rule", "What the director can do")
RULES_WIDTHS = _widths((124, 240, None))


def rules_section(codes: set[Reason | WarningCode]) -> list[Flowable]:
    """The plain-words meaning, DESE quote and remedy of each code in the report."""
    if not codes:
        return []
    ordered = [c for c in Reason if c in codes] + [c for c in WarningCode if c in codes]
    widths = RULES_WIDTHS
    rows: list[Row] = [_header(RULES_LABELS, widths)]
    for code in ordered:
        why = explain(code)
        mark = DENIED_MARK if isinstance(code, Reason) else WARNING_MARK
        rows.append(
            [
                wrap(f"{mark} {why.label}", cell_width(widths[0])),
                wrap(f"{why.reason}\n{why.rule}", cell_width(widths[1])),
                wrap(why.remedy, cell_width(widths[2])),
            ]
        )
    return [
        CondPageBreak(KEEP_WITH_HEADING),
        Paragraph("What the rules say", HEADING),
        _table(rows, widths, 1),
    ]


# --- transcript per staff member ------------------------------------------------------

# Short one-line headers: they repeat for every person, so each extra line is
# thousands of lines in a big report.
ENTRY_LABELS = (
    "Date, time",
    "Training",
    "Course ID",
    "Provider",
    "Format, setting",
    "Hours",
    "Credit",
    "Reasons, warnings",
)
ENTRY_WIDTHS = _widths((68, None, 46, 62, 60, 34, 48, 118))
LEDGER_LABELS = (
    "Year",
    "Required",
    "Earned",
    "Applied to earlier years",
    "Counted",
    "Missed",
    "Still missing after the year",
)
LEDGER_WIDTHS = _widths((44, 58, 58, 130, 58, 58, None))


def _person_line(staff: Staff) -> str:
    parts = [staff.full_name, f"MOPD ID {staff.mopd_id or NONE_TEXT}"]
    if staff.role:
        parts.append(staff.role)
    if staff.hire_date is not None:
        parts.append(f"hired {format_date_us(staff.hire_date)}")
    if staff.end_date is not None:
        parts.append(f"left {format_date_us(staff.end_date)}")
    if not staff.requires_clock_hours:
        parts.append("does not require clock hours")
    return " \u00b7 ".join(parts)


def _format_cell(entry: TrainingEntry) -> str:
    """The format, and the setting when it is group (individual is the default and
    is said once in the note above the transcripts, to keep each row one line); for a
    credential, "credential, expires 5/31/2027"."""
    if is_credential(entry):
        return describe_credential(entry)
    if entry.as_trainer:
        return f"{FORMAT_LABELS[entry.format]}, as its trainer"
    if entry.setting is Setting.GROUP:
        return f"{FORMAT_LABELS[entry.format]}, {SETTING_LABELS[entry.setting]}"
    return FORMAT_LABELS[entry.format]


def _result_notes(
    audit: Audit, result: EntryResult, entries_by_id: Mapping[int, TrainingEntry]
) -> str:
    entry, verdict = result.entry, result.verdict
    lines = []
    for reason in verdict.reasons:
        for sentence in describe_reason(reason, entry, verdict, entries_by_id):
            lines.append(f"{DENIED_MARK} {sentence}")
    sentences = describe_warnings(
        entry, verdict, entries_by_id, audit.staff_names, report_on=audit.center.mopd_report_on
    )
    for sentence in sentences:
        lines.append(f"{WARNING_MARK} {sentence}")
    if entry.mopd_report_on is not None:
        lines.append(f"on MOPD report as of {format_date_us(entry.mopd_report_on)}")
    return "\n".join(lines)


def transcript(
    audit: Audit,
    standing: StaffStanding,
    results: Sequence[EntryResult],
    entries_by_id: Mapping[int, TrainingEntry],
) -> list[Flowable]:
    """One person's entries of the year, their standing and their ledger."""
    staff = standing.staff
    widths = ENTRY_WIDTHS
    person = wrap(_person_line(staff), CONTENT_WIDTH - 8, BOLD, 8.5)
    rows: list[Row] = [[person] + [""] * 7, _header(ENTRY_LABELS, widths)]
    style: list[tuple[object, ...]] = [
        ("SPAN", (0, 0), (-1, 0)),
        ("FONTNAME", (0, 0), (-1, 0), BOLD),
        ("FONTSIZE", (0, 0), (-1, 0), 8.5),
        ("LEADING", (0, 0), (-1, 0), 11),
        ("ALIGN", (5, 2), (5, -1), "RIGHT"),
    ]
    for result in results:
        entry = result.entry
        row = len(rows)
        if is_credential(entry):
            credit = "credential"
        elif result.credited:
            credit = f"{CREDITED_MARK} credited"
        else:
            credit = f"{DENIED_MARK} DENIED"
            style.append(("FONTNAME", (6, row), (6, row), BOLD))
            style.append(("BACKGROUND", (0, row), (-1, row), DENIED_FILL))
        rows.append(
            [
                wrap(
                    format_date_us(entry.completed_on)
                    if is_credential(entry)
                    else f"{format_date_us(entry.completed_on)}\n"
                    f"{_time_cell(entry, cell_width(widths[0]))}",
                    cell_width(widths[0]),
                ),
                wrap(entry.title, cell_width(widths[1])),
                wrap(entry.course_id or "", cell_width(widths[2])),
                wrap(entry.provider, cell_width(widths[3])),
                wrap(_format_cell(entry), cell_width(widths[4])),
                "" if is_credential(entry) else format_hours(entry.clock_hours),
                wrap(credit, cell_width(widths[6]), BOLD if not result.credited else REGULAR),
                wrap(_result_notes(audit, result, entries_by_id), cell_width(widths[7])),
            ]
        )
    if not results:
        rows.append([f"No training entries in {audit.year}."] + [""] * 7)
        style.append(("SPAN", (0, 2), (-1, 2)))

    # The person's figures for the year close the table: a plain-text row is far
    # cheaper to lay out than a Paragraph, which matters for 500 people.
    figures = (
        f"{audit.year}: status {status_words(audit, standing)} \u00b7 "
        f"required {format_hours(standing.required)} \u00b7 "
        f"earned (credited) {format_hours(standing.earned)} \u00b7 "
        f"applied to earlier years {hours_by_year(standing.applied_to_prior)} \u00b7 "
        f"counted {format_hours(standing.counted)} \u00b7 "
        f"still missing from earlier years {format_hours(standing.prior_deficit_remaining)} "
        f"\u00b7 still needed {format_hours(standing.hours_needed)} \u00b7 "
        f"denied entries {standing.denied_count}"
    )
    last = len(rows)
    rows.append([wrap(figures, CONTENT_WIDTH - 8, BOLD)] + [""] * 7)
    style.append(("SPAN", (0, last), (-1, last)))
    style.append(("FONTNAME", (0, last), (-1, last), BOLD))
    flowables: list[Flowable] = [CondPageBreak(90), _table(rows, widths, 2, style), Spacer(1, 4)]
    flowables.extend(_ledger(standing))
    flowables.append(Spacer(1, 14))
    return flowables


def _ledger(standing: StaffStanding) -> list[Flowable]:
    name = clean(standing.staff.full_name)
    if not standing.ledger:
        return [Paragraph(f"No yearly ledger: no clock hours asked of {markup(name)} yet.", NOTE)]
    widths = LEDGER_WIDTHS
    title = wrap(f"Ledger of {name}, year by year", CONTENT_WIDTH - 8, BOLD)
    rows: list[Row] = [[title] + [""] * 6, _header(LEDGER_LABELS, widths)]
    for year in standing.ledger:
        rows.append(
            [
                str(year.year),
                format_hours(year.required),
                format_hours(year.earned),
                wrap(hours_by_year(year.applied_to_prior), cell_width(widths[3])),
                format_hours(year.counted),
                format_hours(year.deficit_added),
                wrap(hours_by_year(year.unmet_after), cell_width(widths[6])),
            ]
        )
    style = [
        ("SPAN", (0, 0), (-1, 0)),
        ("FONTNAME", (0, 0), (-1, 0), BOLD),
        ("ALIGN", (1, 2), (2, -1), "RIGHT"),
        ("ALIGN", (4, 2), (5, -1), "RIGHT"),
    ]
    return [CondPageBreak(60), _table(rows, widths, 2, style)]


# --- closing --------------------------------------------------------------------------


def signature_block(audit: Audit) -> list[Flowable]:
    center = audit.center
    director = clean(center.director)
    rows = [
        ["Director\u2019s signature", "", "Date", ""],
        ["Printed name", wrap(director, 220, REGULAR, BODY.fontSize), "", ""],
    ]
    table = Table(rows, colWidths=[128, 220, 40, CONTENT_WIDTH - 388], rowHeights=[34, 26])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("FONTNAME", (0, 0), (0, -1), BOLD),
                ("FONTNAME", (2, 0), (2, 0), BOLD),
                ("FONTSIZE", (0, 0), (-1, -1), BODY.fontSize),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, 0), 0.8, "black"),
                ("LINEBELOW", (3, 0), (3, 0), 0.8, "black"),
                ("LINEBELOW", (1, 1), (1, 1), 0.8, "black"),
            ]
        )
    )
    return [
        KeepTogether(
            [
                Paragraph("Director\u2019s review", HEADING),
                Paragraph(
                    f"I have reviewed this clock-hour training report for "
                    f"{markup(center.name or 'the center')}, {audit.year}.",
                    BODY,
                ),
                Spacer(1, 6),
                table,
            ]
        )
    ]
