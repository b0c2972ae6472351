"""The sample center shipped in resources/sample: it imports cleanly through the same
parsers and planners as a director's files, and shows every rule at work."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from datetime import date
from importlib.resources import as_file, files
from pathlib import Path

import pytest

from ccdesktop.domain.audit import Audit, audit_year
from ccdesktop.domain.codes import Reason, Status, WarningCode
from ccdesktop.domain.reconcile import reconcile
from ccdesktop.domain.records import Center, CenterData
from ccdesktop.io.importing import plan_staff_import, plan_training_import
from ccdesktop.io.mopd_report import read_mopd_report
from ccdesktop.io.staff_csv import parse_staff_csv
from ccdesktop.io.training_csv import parse_training_csv


@pytest.fixture(scope="module")
def sample_paths() -> Iterator[tuple[Path, Path]]:
    base = files("ccdesktop.resources").joinpath("sample")
    with ExitStack() as stack:
        staff = stack.enter_context(as_file(base.joinpath("staff.csv")))
        training = stack.enter_context(as_file(base.joinpath("training.csv")))
        yield Path(staff), Path(training)


@pytest.fixture(scope="module")
def sample(sample_paths: tuple[Path, Path]) -> CenterData:
    staff_path, training_path = sample_paths
    parsed_staff = parse_staff_csv(staff_path)
    assert parsed_staff.note is None  # shipped as UTF-8
    plan = plan_staff_import([], parsed_staff.rows)
    assert plan.to_update == [] and plan.unchanged == 0
    staff = [s.replace(id=i + 1) for i, s in enumerate(plan.to_add)]
    training = plan_training_import(staff, [], parse_training_csv(training_path).rows)
    entries = [e.replace(id=i + 1) for i, e in enumerate(training.to_add)]
    return CenterData(Center(name="Little Acorns Learning Center"), tuple(staff), tuple(entries))


@pytest.fixture(scope="module")
def compared(sample: CenterData) -> CenterData:
    """The sample center after comparing it with the sample MOPD report (dated
    12/31/2025) and applying the comparison, as ``reconciling.plan_apply`` does."""
    base = files("ccdesktop.resources").joinpath("sample")
    with as_file(base.joinpath("mopd-report.csv")) as path:
        report = read_mopd_report(Path(path))
    result = reconcile(sample.staff, sample.entries, report.rows, date(2025, 12, 31))
    marks = result.marks
    entries = tuple(
        e.replace(mopd_report_on=marks[e.id]) if e.id in marks else e for e in sample.entries
    )
    center = sample.center.replace(mopd_report_on=result.report_on)
    return CenterData(center, sample.staff, entries)


@pytest.fixture(scope="module")
def audits(compared: CenterData) -> dict[int, Audit]:
    return {year: audit_year(compared, year) for year in (2024, 2025, 2026)}


def test_the_sample_mopd_report_shows_all_three_lists(sample: CenterData) -> None:
    base = files("ccdesktop.resources").joinpath("sample")
    with as_file(base.joinpath("mopd-report.csv")) as path:
        report = read_mopd_report(Path(path))
    assert dict(report.column_map) == {
        "MOPD ID": "mopd_id",
        "Last Name": "last_name",
        "First Name": "first_name",
        "Training Title": "title",
        "Event ID": "course_id",
        "Training Date": "completed_on",
        "Clock Hours": "clock_hours",
        "Trainer": "provider",
        "County": "",
        "Status": "",
    }
    result = reconcile(sample.staff, sample.entries, report.rows, date(2025, 12, 31))
    assert len(result.on_both) >= 70
    only_here = {e.title for e in result.only_here}
    assert "Staff Orientation: Licensing Rules and Center Policies" in only_here
    assert [r.entry.title for r in result.only_on_report] == [
        "Recognizing and Reporting Child Abuse and Neglect",  # Tyler Brooks's
        "Inclusion of Children with Special Needs",  # José's: 2.5 hours there, 3 here
    ]
    assert "the MOPD report has it with 2.5 hours" in " ".join(result.hints.values())


def test_sample_staff(sample: CenterData) -> None:
    assert 10 <= len(sample.staff) <= 14
    names = {s.full_name for s in sample.staff}
    assert {"Thị Ánh Nguyễn", "José Peña", "Shannon O'Brien"} <= names
    assert any(not s.requires_clock_hours for s in sample.staff)
    assert any(s.end_date is not None for s in sample.staff)
    assert any(
        s.hire_date and s.hire_date.year == 2026 and s.hire_date.month > 3 for s in sample.staff
    )
    assert any(s.requires_clock_hours and not s.mopd_id for s in sample.staff)


def test_sample_training_spans_three_years(sample: CenterData) -> None:
    assert {e.completed_on.year for e in sample.entries} == {2024, 2025, 2026}
    assert len(sample.entries) >= 100


def test_every_reason_and_warning_occurs(audits: dict[int, Audit]) -> None:
    reasons = {r for a in audits.values() for e in a.entries for r in e.verdict.reasons}
    entry_warnings = {w for a in audits.values() for e in a.entries for w in e.verdict.warnings}
    staff_warnings = {w for a in audits.values() for s in a.staff for w in s.warnings}
    assert reasons == set(Reason)
    assert entry_warnings | staff_warnings == set(WarningCode)


def test_overlap_is_a_pair(audits: dict[int, Audit]) -> None:
    overlapping = [
        e for a in audits.values() for e in a.entries if Reason.OVERLAP in e.verdict.reasons
    ]
    assert len(overlapping) >= 2
    assert all(e.verdict.overlaps_with for e in overlapping)


@pytest.mark.parametrize("year", [2025, 2026])
def test_met_and_short_in_recent_years(audits: dict[int, Audit], year: int) -> None:
    statuses = [s.status for s in audits[year].staff]
    assert statuses.count(Status.MET) >= 3
    assert statuses.count(Status.SHORT) >= 2
    assert Status.EXEMPT in statuses


def test_make_up_of_missed_hours_shows_in_2026(audits: dict[int, Audit]) -> None:
    assert any(s.applied_to_prior for s in audits[2026].staff)


def test_importing_the_sample_twice_adds_nothing(
    sample: CenterData, sample_paths: tuple[Path, Path]
) -> None:
    staff_path, training_path = sample_paths
    again = plan_staff_import(sample.staff, parse_staff_csv(staff_path).rows)
    assert (again.to_add, again.to_update, again.unchanged) == ([], [], len(sample.staff))
    training = plan_training_import(
        sample.staff, sample.entries, parse_training_csv(training_path).rows
    )
    assert (training.to_add, training.already_present) == ([], len(sample.entries))
