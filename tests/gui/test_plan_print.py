"""The Plan page's Print…: the sheet goes to the printer in the background, the page
says how many pages were sent (issue 13's printable sheet, printed as the report is)."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt

from ccdesktop.gui.pages.plan import PlanPage

from .test_plan_page import window  # noqa: F401 - the fixture
from .test_reports_page import print_to_file


def test_the_plan_prints_in_the_background(qtbot, window, tmp_path: Path, monkeypatch) -> None:  # noqa: F811
    page = window.show_page(PlanPage)
    assert isinstance(page, PlanPage)
    printed = tmp_path / "plan-printed.pdf"
    shown = print_to_file(monkeypatch, printed)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.status.text().startswith("Sent"), timeout=60_000)
    assert len(shown) == 1  # the print dialog was asked once
    pages = len(PdfReader(printed).pages)
    assert pages >= 1
    assert page.status.text() == (
        "Sent 1 page to the printer." if pages == 1 else f"Sent {pages} pages to the printer."
    )
