"""Issue 12: the Training page's Verdict column is wide enough for its longest verdict
(up to a cap), and its tooltip gives the whole verdict."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt

from ccdesktop.domain.codes import Reason
from ccdesktop.domain.explain import explain
from ccdesktop.domain.records import Staff, TrainingEntry
from ccdesktop.gui.models.entries_model import VERDICT_COLUMN
from ccdesktop.gui.pages.entries import VERDICT_WIDTH_CAP, EntriesPage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TWO_REASONS = (
    f"✗ Denied: {explain(Reason.IN_RATIO).label}; {explain(Reason.REPEAT_WITHIN_12_MONTHS).label}"
)


@pytest.fixture
def repeated_in_ratio(session) -> TrainingEntry:  # type: ignore[no-untyped-def]
    """Ana repeats a course within 12 months, in ratio with children: two reasons."""
    ana = session.db.add_staff(Staff(first_name="Ana", last_name="Lopez", mopd_id="100001"))
    first, second = session.db.add_entries(
        [
            TrainingEntry(
                staff_id=ana.id,  # type: ignore[arg-type]
                title="Safe Sleep",
                course_id="SS-101",
                completed_on=day,
                clock_hours=200,
                start_time=time(9),
                end_time=time(11),
                in_ratio=in_ratio,
            )
            for day, in_ratio in ((date(2025, 3, 4), False), (date(2025, 9, 4), True))
        ]
    )
    session.set_year(2025)
    session.notify_changed()
    return second


def verdict_texts(page: EntriesPage) -> set[str]:
    model = page.model
    return {model.index(row, VERDICT_COLUMN).data() for row in range(model.rowCount())}


@pytest.mark.parametrize("size", [(760, 460), (1366, 768)])
def test_the_verdict_column_fits_its_longest_text(
    window, repeated_in_ratio, size: tuple[int, int]
) -> None:
    window.resize(*size)
    page = window.show_page(EntriesPage)
    assert isinstance(page, EntriesPage)
    assert TWO_REASONS in verdict_texts(page)
    metrics = page.table.fontMetrics()
    cap = metrics.averageCharWidth() * VERDICT_WIDTH_CAP
    width = page.table.columnWidth(VERDICT_COLUMN)
    for text in verdict_texts(page):
        assert width >= min(metrics.horizontalAdvance(text), cap), text
    assert width <= cap


def test_the_tooltip_gives_the_whole_verdict(window, repeated_in_ratio) -> None:
    page = window.show_page(EntriesPage)
    row = page.model.row_of(repeated_in_ratio.id)  # type: ignore[arg-type]
    index = page.model.index(row, VERDICT_COLUMN)
    assert index.data() == TWO_REASONS
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.splitlines()[0] == TWO_REASONS
    assert "in ratio with children: no credit" in tooltip  # and why, as before


def test_a_width_set_by_hand_stays(window, repeated_in_ratio) -> None:
    page = window.show_page(EntriesPage)
    page.table.horizontalHeader().resizeSection(VERDICT_COLUMN, 90)
    window.session.notify_changed()  # a refresh
    assert page.table.columnWidth(VERDICT_COLUMN) == 90
