"""The report's staff training file and the year-end plan's sheet, read back with pypdf:
every status and figure is the engine's."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from pdf_text import all_text, page_texts
from sample_center import PRODUCED_AT, YEAR

from ccdesktop.domain.audit import audit_year
from ccdesktop.domain.hours import format_hours
from ccdesktop.domain.plan import do_by_words, reminders, year_end_plan
from ccdesktop.domain.records import CenterData, EntryKind
from ccdesktop.domain.requirements import describe_met_by, describe_status, requirement_statuses
from ccdesktop.reports.pdf_report import ReportOptions, build_report
from ccdesktop.reports.plan_report import build_plan_sheet
from ccdesktop.reports.training_file import MARKS
from tests.factories import make_entry

TODAY = date(2026, 1, 15)  # the sample report's production day


def with_cards(data: CenterData) -> CenterData:
    center = data.center.replace(licensed_for_infants=True, next_inspection_on=date(2026, 3, 1))
    cards = (
        make_entry(
            90,
            1,
            "Pediatric First Aid/CPR/AED",
            date(2024, 4, 1),
            0,
            kind=EntryKind.CREDENTIAL,
            expires_on=date(2026, 2, 28),
        ),
        make_entry(91, 2, "Orientation for new staff", date(2024, 6, 1), 100),
    )
    return CenterData(center, data.staff, data.entries + cards)


def test_the_training_file_prints_every_status(sample_data: CenterData, tmp_path: Path) -> None:
    data = with_cards(sample_data)
    audit = audit_year(data, YEAR, today=TODAY)
    path = tmp_path / "report.pdf"
    build_report(audit, path, produced_at=PRODUCED_AT)
    text = all_text(path)
    assert "Staff training file: required trainings, 1/15/2026" in text
    statuses = requirement_statuses(audit, TODAY)
    printed = 0
    for standing in audit.staff:
        if not standing.employed_in(YEAR):
            continue
        for status in statuses[standing.staff.id]:  # type: ignore[index]
            if not status.applies:
                continue
            mark = MARKS[status.state]
            assert f"{status.kind.name} {mark} {describe_status(status)}" in text
            printed += 1
    assert printed >= 8
    ana = statuses[1]
    assert describe_met_by(ana[1].met_by) in text  # the card, with its expiry date
    assert "(card, expires 2/28/2026)" in text
    assert "none apply (not a caregiver (needs no clock hours))" in text  # the cook


def test_the_training_file_can_be_left_out(sample_audit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "report.pdf"
    build_report(sample_audit, path, ReportOptions(training_file=False), produced_at=PRODUCED_AT)
    assert "Staff training file" not in all_text(path)


def test_without_a_day_the_report_judges_as_of_its_production(sample_audit, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "report.pdf"
    build_report(sample_audit, path, produced_at=datetime(2026, 1, 15, 9))
    assert "Staff training file: required trainings, 1/15/2026" in all_text(path)


def test_the_plan_sheet(sample_data: CenterData, tmp_path: Path) -> None:
    data = with_cards(sample_data)
    today = date(2025, 12, 2)
    plan = year_end_plan(audit_year(data, YEAR, today=today), today)
    path = tmp_path / "plan.pdf"
    result = build_plan_sheet(plan, path, produced_at=datetime(2025, 12, 2, 8, 30))
    assert result.path == path and result.page_count == len(page_texts(path)) == 1
    text = all_text(path)
    assert "Year-end plan, 2025" in text and "Little Sprouts Académie" in text
    assert "As of 12/2/2025: 29 days left until December 31, 2025." in text
    for line in reminders(plan):
        assert f"• {line}." in text
    to_do = [p for p in plan.people if not p.on_track]
    assert to_do
    positions = [text.index(p.standing.staff.sort_name) for p in to_do]
    assert positions == sorted(positions)  # most urgent first, as the engine sorts
    for number, person in enumerate(to_do, start=1):
        name = person.standing.staff.sort_name
        row = text[text.index(name) :]
        assert row.startswith(name)
        figures = " ".join(
            format_hours(h) for h in (person.hours_needed, person.planned, person.gap)
        )
        assert figures in text[text.index(f"{number} {name}") :]
        assert do_by_words(person, today) in row
    assert "Page 1 of 1" in text
