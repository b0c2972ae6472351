"""The inspection report read back with pypdf: complete, truthful, and the same
figures as the engine's audit."""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from pdf_text import all_text, flat, page_texts, reader
from pypdf.generic import IndirectObject
from sample_center import PRODUCED_AT, YEAR

from ccdesktop.domain.audit import Audit, audit_year
from ccdesktop.domain.codes import Reason, Status, WarningCode
from ccdesktop.domain.explain import (
    STATUS_LABELS,
    describe_exempt,
    describe_reason,
    describe_warnings,
    explain,
)
from ccdesktop.domain.hours import format_hours
from ccdesktop.domain.records import CenterData
from ccdesktop.reports.pdf_report import ReportOptions, build_report
from ccdesktop.reports.sections import labelled
from tests.factories import make_center, make_entry, make_staff, synthetic_center


def build(audit: Audit, tmp_path: Path, name: str = "report.pdf", **kwargs: object) -> Path:
    path = tmp_path / name
    result = build_report(audit, path, produced_at=PRODUCED_AT, **kwargs)  # type: ignore[arg-type]
    assert result.path == path
    assert result.page_count == len(reader(path).pages)
    return path


def test_first_page_has_the_center_details(sample_audit: Audit, tmp_path: Path) -> None:
    first = page_texts(build(sample_audit, tmp_path))[0]
    for expected in (
        "Little Sprouts Académie",
        "License number LIC-2025-0042",
        "Director Trần Văn Bình",
        f"Clock-Hour Training Report, {YEAR}",
        f"December 31, {YEAR}",
        "Produced 1/15/2026 at 2:05 PM",
        "all 5 staff members",
    ):
        assert expected in first


def summary_row(standing, records_start: int = YEAR) -> str:  # type: ignore[no-untyped-def]
    staff = standing.staff
    applied = ", ".join(f"{format_hours(h)} ({y})" for y, h in standing.applied_to_prior)
    status = STATUS_LABELS[standing.status]
    if standing.exempt_reason is not None:
        status += ": " + describe_exempt(standing.exempt_reason, staff, records_start)
    if standing.status is Status.SHORT:
        status = "\u2717 " + status
    return flat(
        " ".join(
            [
                staff.sort_name,
                staff.mopd_id or "none",
                staff.role,
                f"{format_hours(standing.counted)} of {format_hours(standing.required)}",
                applied or "none",
                format_hours(standing.hours_needed),
                status,
                str(standing.denied_count),
            ]
        )
    )


def test_summary_rows_equal_the_audit(sample_audit: Audit, tmp_path: Path) -> None:
    text = all_text(build(sample_audit, tmp_path))
    assert len(sample_audit.staff) == 5
    for standing in sample_audit.staff:
        assert summary_row(standing, sample_audit.records_start_year) in text
    # The hand-checked figures of one person, so a wrong engine cannot pass unseen:
    # José Peña, hired 6/1/2024, earned 4 credited hours in 2025, all owed to 2024.
    assert "Peña, José 234567 Assistant teacher 0 of 12 4 (2024) 15 \u2717 short 3" in text
    # Why a person is exempt, in words: the cook; Zoë O'Brien left 4/30/2025, so 2025
    # asks January to April of her and she is not exempt
    assert "Kettle, Bob 345678 Cook 0 of 0 none 0 exempt: no clock hours required (Cook)" in text
    assert "O'Brien, Zoë 456789 Floater" in text and "of 4 " in text


def test_vietnamese_and_accented_names_print(sample_audit: Audit, tmp_path: Path) -> None:
    text = all_text(build(sample_audit, tmp_path))
    for name in ("Nguyễn Thị Ánh", "Ánh, Nguyễn Thị", "José Peña", "Zoë O'Brien"):
        assert name in text


def test_decomposed_names_print_composed(sample_data: CenterData, tmp_path: Path) -> None:
    decomposed = "Nguye\u0302\u0303n"  # ê + tilde as combining marks
    staff = (sample_data.staff[0].replace(first_name=decomposed),) + sample_data.staff[1:]
    audit = audit_year(CenterData(sample_data.center, staff, sample_data.entries), YEAR)
    assert "Nguyễn Ánh" in all_text(build(audit, tmp_path))


def test_every_denied_entry_is_listed_with_its_reasons(
    sample_data: CenterData, sample_audit: Audit, tmp_path: Path
) -> None:
    path = build(sample_audit, tmp_path)
    text = all_text(path)
    by_id = {e.id: e for e in sample_data.entries}
    denied = sample_audit.denied
    assert len(denied) == 7
    for result in denied:
        for reason in result.verdict.reasons:
            why = explain(reason)
            for sentence in describe_reason(reason, result.entry, result.verdict, by_id):
                line = flat(f"\u2717 {labelled(why.label, sentence)}")
                assert line in text
    # the sentences name the other entries specifically
    for expected in (
        "overlaps CPR 9:30-10:30 AM on 3/4/2025",
        "overlaps Safe Sleep 9:00-10:00 AM on 3/4/2025",
        "repeats CPR within 12 months of 5/10/2024",
        "in ratio with children: no credit",
        "online module taken as group training: no credit",
        "had to be finished by 1/15/2025, finished 5/5/2025",
        "not DESE-approved",
    ):
        assert expected in text
    # every rule cited is quoted in full
    assert "Trainings must be completed one at a time." in text
    assert "Clock hours cannot be earned while in ratio with children." in text


def test_each_denial_is_marked_in_words_in_the_transcripts(
    sample_audit: Audit, tmp_path: Path
) -> None:
    text = all_text(build(sample_audit, tmp_path))
    assert text.count("\u2717 DENIED") == len(sample_audit.denied)
    credited = sum(1 for r in sample_audit.entries if r.credited)
    assert text.count("\u2713 credited") == credited


def test_every_warning_is_listed(sample_audit: Audit, tmp_path: Path) -> None:
    text = all_text(build(sample_audit, tmp_path))
    for result in sample_audit.entries:
        for code, sentence in zip(
            result.verdict.warnings, describe_warnings(result.entry, result.verdict), strict=True
        ):
            why = explain(code)
            assert flat(f"\u26a0 {labelled(why.label, sentence)}") in text
    assert "3 hours recorded for a sitting of 2 h (9:00-11:00 AM)" in text
    assert "\u26a0 No MOPD ID" in text


def test_the_report_speaks_the_inspectors_words(sample_audit: Audit, tmp_path: Path) -> None:
    """No engine codes, no RULES.md fact numbers: the guidance is quoted instead."""
    text = all_text(build(sample_audit, tmp_path))
    assert "fact" not in text.casefold()
    for code in (*Reason, *WarningCode, *Status):
        if code.value.isupper():
            assert code.value not in text, code
    assert 'DESE guidance: "Trainings must be completed one at a time.' in text


def test_the_header_says_when_records_start(sample_data: CenterData, tmp_path: Path) -> None:
    audit = audit_year(sample_data, YEAR)
    first = page_texts(build(audit, tmp_path))[0]
    assert audit.records_start_year == 2024  # the earliest entry (a CPR of 5/10/2024)
    assert "Records kept from 2024" in first
    center = sample_data.center.replace(records_start_year=2022)
    moved = audit_year(CenterData(center, sample_data.staff, sample_data.entries), YEAR)
    assert "Records kept from 2022" in page_texts(build(moved, tmp_path, "moved.pdf"))[0]


def test_people_not_employed_in_the_year_are_left_out(
    sample_data: CenterData, tmp_path: Path
) -> None:
    later = make_staff(9, "Hal", "Later", mopd_id="900009", hire_date=date(YEAR + 1, 2, 1))
    gone = make_staff(
        10,
        "Gwen",
        "Gone",
        mopd_id="900010",
        hire_date=date(2020, 1, 1),
        end_date=date(2024, 12, 31),
    )
    staff = (*sample_data.staff, later, gone)
    audit = audit_year(CenterData(sample_data.center, staff, sample_data.entries), YEAR)
    text = all_text(build(audit, tmp_path))
    assert "Later" not in text and "Gone" not in text
    assert "all 5 staff members employed in 2025" in text
    # chosen by name, they are printed, with the reason they are exempt
    chosen = build(audit, tmp_path, "chosen.pdf", options=ReportOptions(staff_ids=frozenset({9})))
    assert "exempt: not yet hired (hired 2/1/2026)" in all_text(chosen)


def test_repeat_of_an_earlier_year_names_its_date(sample_audit: Audit, tmp_path: Path) -> None:
    text = all_text(build(sample_audit, tmp_path))
    assert "repeats CPR within 12 months of an earlier completion" not in text
    assert re.search(r"repeats CPR within 12 months of \d{1,2}/\d{1,2}/\d{4}", text)


def test_transcript_lists_each_entry_and_the_ledger(sample_audit: Audit, tmp_path: Path) -> None:
    text = all_text(build(sample_audit, tmp_path))
    assert "Safe Sleep SS-1 DESE in person 1 \u2717 DENIED" in text
    assert "Food Safety online module, group 1.5 \u2717 DENIED" in text
    assert "7/7/2025 1:00-5:00 PM Early Literacy Through Play live virtual 4 \u2713 credited" in (
        text
    )
    for standing in sample_audit.staff:
        for year in standing.ledger:
            unmet = ", ".join(f"{format_hours(h)} ({y})" for y, h in year.unmet_after) or "none"
            applied = (
                ", ".join(f"{format_hours(h)} ({y})" for y, h in year.applied_to_prior) or "none"
            )
            row = (
                f"{year.year} {format_hours(year.required)} {format_hours(year.earned)} "
                f"{applied} {format_hours(year.counted)} {format_hours(year.deficit_added)} "
                f"{unmet}"
            )
            assert row in text


def test_page_x_of_y_on_every_page(sample_audit: Audit, tmp_path: Path) -> None:
    pages = page_texts(build(sample_audit, tmp_path))
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert f"Little Sprouts Académie \u00b7 {YEAR}" in text


def _fonts(path: Path) -> list[dict]:  # type: ignore[type-arg]
    fonts = []
    for page in reader(path).pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            if isinstance(font, IndirectObject):
                font = font.get_object()
            fonts.append(font)
    return fonts


def test_fonts_are_embedded(sample_audit: Audit, tmp_path: Path) -> None:
    fonts = _fonts(build(sample_audit, tmp_path))
    assert fonts
    for font in fonts:
        assert "DejaVuSans" in str(font["/BaseFont"])
        descriptor = font.get("/FontDescriptor")
        if descriptor is None:  # a composite font keeps it on its descendant
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor.get_object()


def test_metadata_names_the_center_and_no_person(sample_audit: Audit, tmp_path: Path) -> None:
    meta = reader(build(sample_audit, tmp_path)).metadata
    assert meta is not None
    assert meta.author == "Little Sprouts Académie"
    assert str(YEAR) in (meta.title or "") and "Little Sprouts Académie" in (meta.title or "")
    assert meta.subject and meta.creator and meta.creator.startswith("ccdesktop")
    values = " ".join(str(v) for v in meta.values())
    for standing in sample_audit.staff:
        assert standing.staff.last_name not in values
    assert "Trần" not in values  # the director's name is not needed there either


def test_author_falls_back_without_a_center_name(sample_data: CenterData, tmp_path: Path) -> None:
    data = CenterData(sample_data.center.replace(name=""), sample_data.staff, sample_data.entries)
    meta = reader(build(audit_year(data, YEAR), tmp_path)).metadata
    assert meta is not None and meta.author == "ccdesktop"


def test_chosen_staff_only(sample_audit: Audit, tmp_path: Path) -> None:
    options = ReportOptions(staff_ids=frozenset({2}))
    text = all_text(build(sample_audit, tmp_path, options=options))
    assert "José Peña" in text and "1 selected of 5 staff members" in text
    assert "Ánh" not in text.replace("Little Sprouts", "")  # no other person
    assert "Lopez" not in text and "Safe Sleep" not in text


def test_unknown_staff_id_is_refused_and_nothing_written(
    sample_audit: Audit, tmp_path: Path
) -> None:
    with pytest.raises(ValueError, match="99"):
        build_report(sample_audit, tmp_path / "r.pdf", ReportOptions(staff_ids=frozenset({99})))
    assert list(tmp_path.iterdir()) == []


def test_parts_can_be_left_out(sample_audit: Audit, tmp_path: Path) -> None:
    options = ReportOptions(denied=False, transcripts=False, signature=False)
    text = all_text(build(sample_audit, tmp_path, options=options))
    assert "Summary of staff" in text
    assert f"Denied entries, {YEAR}" not in text and "Training transcripts" not in text
    assert "Director\u2019s signature" not in text
    full = all_text(build(sample_audit, tmp_path, name="full.pdf"))
    assert f"Denied entries, {YEAR}" in full and "Training transcripts" in full
    assert "Director\u2019s signature" in full and "Printed name Trần Văn Bình" in full


def test_progress_reaches_the_end(sample_audit: Audit, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    build(sample_audit, tmp_path, progress=lambda done, total: calls.append((done, total)))
    assert calls and calls[-1][0] == calls[-1][1]
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_failed_build_leaves_the_old_file_whole(sample_audit: Audit, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"the old report")

    def fail(done: int, total: int) -> None:
        if done == 2:
            raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        build_report(sample_audit, path, progress=fail)
    assert path.read_bytes() == b"the old report"
    assert list(tmp_path.iterdir()) == [path]
    build_report(sample_audit, path)
    assert path.read_bytes().startswith(b"%PDF")


def test_big_center_repeats_headers_and_grows_with_the_data(tmp_path: Path) -> None:
    small = audit_year(synthetic_center(10, 3, 6, seed=3), 2025)
    big = audit_year(synthetic_center(60, 3, 6, seed=3), 2025)
    small_pages = build_report(small, tmp_path / "small.pdf").page_count
    path = tmp_path / "big.pdf"
    big_pages = build_report(big, path).page_count
    assert big_pages > small_pages > 1
    pages = page_texts(path)
    text = " ".join(pages)
    for standing in big.staff:
        if standing.employed_in(2025):
            assert summary_row(standing, big.records_start_year) in text
    # the summary and the denied list run over several pages, each with its header
    summary_pages = [p for p in pages if "200001" in p or "Summary of staff" in p]
    assert summary_pages
    start = next(i for i, p in enumerate(pages) if "Training transcripts" in p)
    for page in pages[start + 1 : -1]:
        # every transcript page begins inside a table whose header rows repeat
        assert "Date, time Training Course ID" in page or "Year Required Earned" in page
    assert text.count("\u2717 DENIED") == len(big.denied)


def test_a_long_transcript_repeats_the_person_and_never_splits_a_row(tmp_path: Path) -> None:
    # One person, 150 trainings: the transcript runs over several pages. Each row's
    # title wraps over three lines, and its first and last words must share a page.
    staff = [make_staff(1, "Nguyễn Thị", "Ánh", role="Lead teacher")]
    entries = [
        make_entry(
            n,
            1,
            f"Start{n:03d} workshop on planning a safe and joyful day for toddlers End{n:03d}",
            date(2025, 1, 1) + timedelta(days=n),
            100,
            start_time=time(9),
            end_time=time(10),
        )
        for n in range(1, 151)
    ]
    audit = audit_year(CenterData(make_center(), tuple(staff), tuple(entries)), 2025)
    assert all(r.credited for r in audit.entries)  # distinct days: nothing denied
    path = tmp_path / "long.pdf"
    pages = page_texts(path) if build_report(audit, path).page_count else []
    transcript_pages = [p for p in pages if "Start" in p]
    assert len(transcript_pages) >= 3
    for page in transcript_pages:
        assert "Nguyễn Thị Ánh \u00b7 MOPD ID 100001" in page
        assert "Date, time Training Course ID Provider" in page
    for n in range(1, 151):
        start = [i for i, p in enumerate(pages) if f"Start{n:03d}" in p]
        end = [i for i, p in enumerate(pages) if f"End{n:03d}" in p]
        assert len(start) == 1 and start == end, n
