"""The inspection report and issue 14: credentials shown as credentials (no hours, the
expiry date), a CDA year's status, the trainer's own session, the group-use warning
naming the others, and the MOPD report's mark."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from pdf_text import all_text
from sample_center import PRODUCED_AT

from ccdesktop.domain.audit import audit_year
from ccdesktop.domain.records import CenterData, EntryKind, Format
from ccdesktop.reports.pdf_report import build_report
from tests.factories import make_center, make_entry, make_staff


def test_issue_14_in_the_report(tmp_path: Path) -> None:
    staff = (
        make_staff(1, "Ana", "Lopez", hire_date=date(2025, 1, 1)),
        make_staff(2, "Bo", "Chen", hire_date=date(2024, 1, 1)),
    )
    online = {"format": Format.ONLINE_MODULE, "start_time": time(9), "end_time": time(10)}
    entries = (
        make_entry(1, 1, "CDA renewal", date(2025, 5, 1), 0, kind=EntryKind.CREDENTIAL,
                   expires_on=date(2028, 5, 31)),
        make_entry(2, 1, "Family Engagement", date(2025, 7, 24), 100, **online,
                   mopd_report_on=date(2025, 12, 31)),
        make_entry(3, 2, "Family Engagement", date(2025, 7, 24), 100, **online),
        make_entry(4, 2, "Orientation", date(2025, 8, 2), 200, as_trainer=True,
                   start_time=time(9), end_time=time(11)),
    )  # fmt: skip
    center = make_center(mopd_report_on=date(2025, 12, 31))
    audit = audit_year(CenterData(center, staff, entries), 2025)
    path = tmp_path / "report.pdf"
    build_report(audit, path, produced_at=PRODUCED_AT)
    text = all_text(path)
    assert "met: CDA renewal (5/1/2025) counts as the full requirement of 2025" in text
    assert "credential, expires 5/31/2028" in text
    assert (
        "same online module as Bo Chen (9:00-10:00 AM) on 7/24/2025: likely used as a group" in text
    )
    assert "same online module as Ana Lopez (9:00-10:00 AM) on 7/24/2025" in text
    assert "conducted by this person as its trainer: no credit" in text
    assert "not on the MOPD report of 12/31/2025: the inspector will not count it" in text
    assert "on MOPD report as of 12/31/2025" in text
    assert "in person, as its trainer" in text
