"""The audit as a plain-text table for the terminal (``ccdesktop audit``)."""

from __future__ import annotations

from collections.abc import Sequence

from .domain.audit import Audit
from .domain.dates import format_date_us, format_time_24h
from .domain.explain import describe_exempt, describe_planned
from .domain.hours import format_hours
from .domain.records import TrainingEntry

_COLUMNS = (
    "Name",
    "MOPD ID",
    "Status",
    "Required",
    "Earned",
    "To prior",
    "Counted",
    "Prior owed",
    "Needed",
    "Denied",
    "Warnings",
)


def format_audit_table(audit: Audit) -> str:
    center = audit.center
    lines = [
        f"Clock-hour audit {audit.year}: {center.name or 'center name not set'}"
        + (f" (license {center.license_number})" if center.license_number else ""),
        f"Requirement: {format_hours(center.required_hours)} clock hours a year. "
        f"Met: {audit.met_count}, short: {audit.short_count}. "
        f"Records kept from {audit.records_start_year}.",
        "",
    ]
    rows: list[tuple[str, ...]] = [_COLUMNS]
    for s in audit.staff:
        rows.append(
            (
                s.staff.full_name,
                s.staff.mopd_id or "-",
                s.status.value,
                format_hours(s.required),
                format_hours(s.earned),
                ", ".join(f"{format_hours(h)} to {y}" for y, h in s.applied_to_prior) or "-",
                format_hours(s.counted),
                format_hours(s.prior_deficit_remaining),
                format_hours(s.hours_needed),
                str(s.denied_count),
                ", ".join(w.value for w in s.warnings) or "-",
            )
        )
    lines += _align(rows)
    exempt = [s for s in audit.staff if s.exempt_reason is not None]
    if exempt:
        lines += ["", f"Exempt in {audit.year} ({len(exempt)}):"]
        lines += [
            f"  {s.staff.full_name}: "
            f"{describe_exempt(s.exempt_reason, s.staff, audit.records_start_year)}"
            for s in exempt
            if s.exempt_reason is not None
        ]
    names = {s.staff.id: s.staff.full_name for s in audit.staff}
    denied = [r for r in audit.denied if not r.planned]
    flagged = [r for r in audit.entries if r.verdict.warnings and not r.planned]
    for heading, results, codes in (
        ("Denied entries", denied, lambda v: v.reasons),
        ("Entry warnings", flagged, lambda v: v.warnings),
    ):
        if results:
            lines += ["", f"{heading} ({len(results)}):"]
            lines += [
                f"  {_entry_line(r.entry, names)}  {', '.join(c.value for c in codes(r.verdict))}"
                for r in results
            ]
    planned = [r for r in audit.entries if r.planned]
    if planned:
        lines += ["", f"Planned entries ({len(planned)}), not counted until done:"]
        lines += [
            f"  {_entry_line(r.entry, names)}  "
            f"{describe_planned(r.entry, r.verdict, audit.entries_by_id)}"
            for r in planned
        ]
    return "\n".join(lines) + "\n"


def _entry_line(e: TrainingEntry, names: dict[int | None, str]) -> str:
    times = ""
    start, end = format_time_24h(e.start_time), format_time_24h(e.end_time)
    if start or end:
        times = f" {start or '?'}-{end or '?'}"
    return (
        f"#{e.id} {format_date_us(e.completed_on)}{times}  "
        f"{names.get(e.staff_id, '?')}  {e.title}  {format_hours(e.clock_hours)} h"
    )


def _align(rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
