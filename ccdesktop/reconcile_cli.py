"""``ccdesktop reconcile FILE``: the comparison with the MOPD report on the command
line (a thin shell over ``reconciling``; cli.py dispatches here).

Without ``--apply`` it reads the report, compares and prints the three lists, and
changes nothing (the database is opened read-only). ``--apply`` writes the marks, the
report's date and its column map in one transaction; ``--import-missing`` also imports
the rows only the report has, all or nothing, and implies ``--apply``. ``--output``
writes the printable comparison either way. The exit status is 0 whatever the lists
hold: differences are the answer, not an error.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .domain.codes import WarningCode
from .domain.dates import format_date_us
from .domain.explain import WARNINGS
from .domain.hours import format_hours
from .domain.reconcile import Reconciliation, ReportRow
from .domain.records import Staff

if TYPE_CHECKING:
    from .io.mopd_report import MopdReport
    from .store.database import Database

#: ``reconcile`` lists at most this many entries of each list (the PDF has them all)
MAX_LISTED = 50


def parse_map(items: Sequence[str]) -> dict[str, str]:
    """``--map HEADER=FIELD`` arguments as a column choice; ``UsageError`` for one
    without ``=``."""
    from .cli import UsageError

    chosen: dict[str, str] = {}
    for item in items:
        header, sep, field = item.partition("=")
        if not sep or not header.strip():
            raise UsageError(
                f"ccdesktop reconcile: --map {item!r} is not HEADER=FIELD "
                '(e.g. --map "Training Title=title")'
            )
        chosen[header.strip()] = field.strip()
    return chosen


def reconcile_command(db: Database, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from . import reconciling
    from .cli import UsageError

    chosen = parse_map(args.map)
    try:
        report, result = reconciling.read_and_compare(
            db, args.file, report_on=args.report_date, chosen=chosen or None, sheet=args.sheet
        )
    except ValueError as error:
        raise UsageError(f"ccdesktop reconcile: {error}") from None
    data = db.load()
    if report.note:
        print(f"note: {report.note}", file=err)
    for line in describe(report, result, data.staff):
        print(line, file=out)
    apply = args.apply or args.import_missing
    if apply:
        plan = reconciling.plan_apply(data, report, result, import_missing=args.import_missing)
        applied = reconciling.apply_plan(db, plan)
        print(_applied(result, applied, args.import_missing), file=out)
    else:
        print(
            "Nothing was changed. --apply marks the trainings found as on this report (and "
            "warns from then on of those not on it); --import-missing also imports the "
            "report's rows ccdesktop does not have.",
            file=out,
        )
    if args.output:
        from .reports.reconciliation import build_reconciliation

        after = db.load() if apply else data
        written = build_reconciliation(
            result,
            Path(args.output),
            center=after.center,
            staff=after.staff,
            source=_source(report),
            applied=apply,
        )
        print(f"Wrote {written.path} ({written.page_count} pages).", file=out)
    return 0


def _source(report: MopdReport) -> str:
    if report.labels is not None:
        return f"{report.path.name}, sheet {report.labels.sheet}, {len(report.rows)} rows"
    return f"{report.path.name}, {len(report.rows)} rows"


def describe(report: MopdReport, result: Reconciliation, staff: Sequence[Staff]) -> list[str]:
    """The comparison as lines of text (what ``reconcile`` prints)."""
    names = {s.id: s.full_name for s in staff}
    read = [f'"{h}" as {f}' for h, f in report.column_map.items() if f]
    unread = [h for h, f in report.column_map.items() if not f and h]
    lines = [
        f"MOPD report: {_source(report)}, dated {format_date_us(result.report_on)}",
        "Columns read: " + ", ".join(read) + (f"; not read: {', '.join(unread)}" if unread else ""),
        f"On both: {_count(len(result.on_both), 'training')}",
        f"In ccdesktop only: {_count(len(result.only_here), 'training')} (not on the MOPD "
        "report: the inspector will not count them)",
    ]
    for entry in list(result.only_here)[:MAX_LISTED]:
        hint = result.hints.get(entry.id or 0)
        lines.append(
            f"  {names.get(entry.staff_id, '?')}  {format_date_us(entry.completed_on)}  "
            f"{entry.title}  {format_hours(entry.clock_hours)} h" + (f"  ({hint})" if hint else "")
        )
    lines.extend(_more(len(result.only_here)))
    lines.append(f"On the MOPD report only: {_count(len(result.only_on_report), 'row')}")
    for row in list(result.only_on_report)[:MAX_LISTED]:
        who = report_person(row, result)
        near = "  (nearly matches an entry: not imported)" if row.row in result.near_rows else ""
        lines.append(
            f"  row {row.row}: {who}  {format_date_us(row.entry.completed_on)}  "
            f"{row.entry.title}  {format_hours(row.entry.clock_hours)} h{near}"
        )
    lines.extend(_more(len(result.only_on_report)))
    if result.later:
        lines.append(
            f"Not compared: {_count(result.later, 'training')} completed after "
            f"{format_date_us(result.report_on)}."
        )
    return lines


def report_person(row: ReportRow, result: Reconciliation) -> str:
    """Who a report row names: the person on record ("Bo Chen (200)"), or what the row
    says and that no one on record is them."""
    person = result.staff_of_row.get(row.row)
    if person is None:
        return f"{row.who}, no staff member on record"
    return f"{person.full_name} ({row.mopd_id})" if row.mopd_id else person.full_name


def _more(count: int) -> list[str]:
    if count <= MAX_LISTED:
        return []
    return [f"  ... and {count - MAX_LISTED} more (--output FILE.pdf lists them all)"]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _applied(result: Reconciliation, applied: object, import_missing: bool) -> str:
    from .reconciling import ApplyPlan

    assert isinstance(applied, ApplyPlan)
    label = WARNINGS[WarningCode.NOT_ON_MOPD_REPORT].label
    found = len(result.on_both)
    text = (
        f"Applied: {_count(found, 'training')} marked as on the MOPD report of "
        f"{format_date_us(result.report_on)}; {_count(len(result.only_here), 'training')} "
        f"not on it now carry the warning \u201c{label}\u201d."
    )
    if applied.imported:
        text += f" Imported {_count(len(applied.imported), 'training')} from the report."
    if (
        result.near_rows
        and applied.to_import is not None
        and (applied.imported or applied.to_import)
    ):
        near = len(result.near_rows)
        text += (
            f" {_count(near, 'row')} nearly matching an entry {'was' if near == 1 else 'were'} "
            "not imported: correct the entry or the report."
        )
    if applied.already_present:
        text += f" {_count(applied.already_present, 'row')} of the report were already on record."
    return text
