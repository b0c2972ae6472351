"""The dashboard: those who need hours, at risk first, with the center's totals."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from ccdesktop.domain.codes import Status
from ccdesktop.gui.models.dashboard_model import (
    NAME_COLUMN,
    PROGRESS_COLUMN,
    PROGRESS_ROLE,
    DashboardModel,
    at_risk_order,
)
from ccdesktop.gui.models.staff_model import STAFF_ID_ROLE
from ccdesktop.gui.pages.dashboard import DashboardPage, days_left_text
from ccdesktop.gui.pages.staff import StaffPage

YEAR = 2025


def show_filled(qtbot, page: DashboardPage) -> None:  # type: ignore[no-untyped-def]
    """Show the page and wait for its figures (filled in right after its first paint)."""
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.up_to_date)


def test_everyone_who_needs_hours_is_listed_at_risk_first(qtbot, sample_session) -> None:
    sample_session.set_year(YEAR)
    page = DashboardPage(sample_session)
    show_filled(qtbot, page)
    audit = sample_session.audit()
    rows = [page.model.standing_at(r) for r in range(page.model.rowCount())]
    assert {s.staff.id for s in rows} == {
        s.staff.id for s in audit.staff if s.status is not Status.EXEMPT
    }
    statuses = [s.status for s in rows]
    shorts = statuses.count(Status.SHORT)
    assert shorts > 0 and statuses[:shorts] == [Status.SHORT] * shorts
    needed = [s.hours_needed for s in rows[:shorts]]
    assert needed == sorted(needed, reverse=True)
    assert all(s.status is Status.MET for s in rows[shorts:])
    assert page.short_tile.number.text() == str(audit.short_count)
    assert page.met_tile.number.text() == str(audit.met_count)
    first = rows[0]
    assert page.model.index(0, PROGRESS_COLUMN).data(PROGRESS_ROLE) == (
        first.counted,
        first.required,
    )
    assert str(YEAR) in page.heading.text()


def test_the_year_follows_the_session(qtbot, sample_session) -> None:
    page = DashboardPage(sample_session)
    show_filled(qtbot, page)
    sample_session.set_year(2024)
    in_2024 = {page.model.standing_at(r).staff.id for r in range(page.model.rowCount())}
    sample_session.set_year(2026)
    in_2026 = {page.model.standing_at(r).staff.id for r in range(page.model.rowCount())}
    assert in_2024 != in_2026  # people were hired and left in between
    assert "2026" in page.heading.text()


def test_enter_on_a_person_opens_them_on_the_staff_page(qtbot, sample_session) -> None:
    from ccdesktop.gui.main_window import MainWindow

    sample_session.set_year(YEAR)
    window = MainWindow(sample_session)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page(DashboardPage)
    qtbot.waitUntil(lambda: page.up_to_date)  # the rows come right after the first paint
    page.table.setCurrentIndex(page.model.index(1, NAME_COLUMN))
    page.table.setFocus()
    wanted = page.model.index(1, NAME_COLUMN).data(STAFF_ID_ROLE)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    staff_page = window.page(StaffPage)
    assert staff_page.isVisible()
    assert staff_page.current_staff().id == wanted
    window.close()


def test_nobody_needing_hours_says_what_to_do(qtbot, session) -> None:
    page = DashboardPage(session)
    show_filled(qtbot, page)
    assert page.model.rowCount() == 0
    assert page.empty_label.isVisible()
    assert "Add staff" in page.empty_label.text()


def test_the_window_paints_first_and_fills_in_the_figures_right_after(
    qtbot, sample_session
) -> None:
    """Start-up: the window the director sees at once is the real one (navigation,
    title, the dashboard's heading and frame); the audit's figures follow at once."""
    from PySide6.QtCore import QEvent, QObject

    from ccdesktop.gui.main_window import MainWindow

    sample_session.set_year(YEAR)
    window = MainWindow(sample_session)
    qtbot.addWidget(window)
    page = window.findChild(DashboardPage)
    seen: list[str] = []

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and not seen:
                seen.append("painted with figures" if page.up_to_date else "painted")
            return False

    watch = Watch(page)
    page.installEventFilter(watch)
    window.show()
    # shown, not yet painted: the heading and the title are there, the figures not
    assert page.isVisible() and not page.up_to_date
    name = sample_session.data().center.name
    assert name and name in page.heading.text() and str(YEAR) in page.heading.text()
    assert name in window.windowTitle()
    assert page.short_tile.number.text() == "" and page.model.rowCount() == 0
    assert "December 31" in page.days_label.text() or "closed" in page.days_label.text()

    qtbot.waitUntil(lambda: page.up_to_date)
    assert seen == ["painted"]  # the first paint came before the figures
    audit = sample_session.audit()
    assert page.short_tile.number.text() == str(audit.short_count)
    assert page.met_tile.number.text() == str(audit.met_count)
    assert page.model.rowCount() == sum(s.requires_hours for s in audit.staff) > 0
    window.close()


def test_days_left_and_closed_years() -> None:
    today = date(2025, 11, 30)
    assert days_left_text(2025, today) == "31 days left until December 31, 2025."
    assert days_left_text(2025, date(2025, 12, 30)) == "1 day left until December 31, 2025."
    assert "last day" in days_left_text(2025, date(2025, 12, 31))
    assert days_left_text(2024, today).startswith("2024 is closed.")
    assert days_left_text(2026, today) == "2026 has not started yet."


def test_at_risk_order_breaks_ties_by_name(sample_session) -> None:
    audit = sample_session.audit(YEAR)
    ordered = at_risk_order(audit.staff)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if (a.status, a.hours_needed) == (b.status, b.hours_needed):
            assert a.staff.sort_name.casefold() <= b.staff.sort_name.casefold()


def test_dashboard_model_passes_the_model_tester(qtmodeltester, sample_session) -> None:
    for year in (2024, 2025, 2026):
        model = DashboardModel()
        model.set_standings(sample_session.audit(year).staff)
        qtmodeltester.check(model)
