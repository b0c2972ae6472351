"""The staff page: add, edit, mark as left and delete through real widgets, with
undo/redo; filtering, sorting, the detail pane, and the layout remembered."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenuBar, QMessageBox

from ccdesktop.domain.codes import Reason, Status
from ccdesktop.domain.explain import explain
from ccdesktop.domain.records import Format, Staff, TrainingEntry
from ccdesktop.gui.dialogs.staff_dialog import EndDateDialog, StaffDialog
from ccdesktop.gui.main_window import MainWindow
from ccdesktop.gui.models.dashboard_model import DashboardModel
from ccdesktop.gui.models.entries_model import VERDICT_COLUMN
from ccdesktop.gui.models.ledger_model import LedgerTableModel
from ccdesktop.gui.models.staff_model import (
    MOPD_COLUMN,
    NAME_COLUMN,
    NEEDED_COLUMN,
    ROLE_COLUMN,
    STAFF_ID_ROLE,
    STATUS_COLUMN,
    StaffFilterProxy,
    StaffTableModel,
)
from ccdesktop.gui.pages.staff import SPLITTER_KEY, StaffPage
from ccdesktop.gui.session import Session
from ccdesktop.store.database import Database

YEAR = 2025


def undo(window) -> None:
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def redo(window) -> None:
    QTest.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )


def names(page: StaffPage) -> list[str]:
    return [page.proxy.index(row, NAME_COLUMN).data() for row in range(page.proxy.rowCount())]


def staff_page(window) -> StaffPage:
    page = window.show_page(StaffPage)
    assert isinstance(page, StaffPage)
    window.activateWindow()
    return page


def add_person(session: Session, first: str, last: str, **fields: object) -> Staff:
    staff = session.db.add_staff(Staff(first_name=first, last_name=last, **fields))  # type: ignore[arg-type]
    session.notify_changed()
    return staff


def add_entry(session: Session, staff: Staff, day: date, hours: int = 300) -> TrainingEntry:
    [entry] = session.db.add_entries(
        [
            TrainingEntry(
                staff_id=staff.id,  # type: ignore[arg-type]
                title=f"Course {day.isoformat()}",
                completed_on=day,
                clock_hours=hours,
                start_time=time(9),
                end_time=time(12),
            )
        ]
    )
    session.notify_changed()
    return entry


def test_add_staff_validates_as_you_type_and_undo_redo(qtbot, window) -> None:
    session = window.session
    add_person(session, "Ana", "Lopez", mopd_id="100001")
    session.set_year(YEAR)
    page = staff_page(window)
    assert page.add_action in window.findChild(QMenuBar).actions()[1].menu().actions()
    assert QKeySequence("Ctrl+Shift+N") in page.add_action.shortcuts()
    QTest.keyClick(
        window,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )  # Edit > Add staff member…
    dialog = page.dialog
    assert isinstance(dialog, StaffDialog) and dialog.isVisible()
    assert not dialog.ok_button.isEnabled()

    qtbot.keyClicks(dialog.first_name_edit, "Ben")
    assert not dialog.ok_button.isEnabled()  # the last name is still missing
    qtbot.keyClicks(dialog.last_name_edit, "Ortiz")
    assert dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.last_name_edit, "")

    # a MOPD ID someone else has: refused next to the field, OK disabled
    qtbot.keyClicks(dialog.mopd_edit, "100001")
    assert not dialog.ok_button.isEnabled()
    error = dialog._errors["mopd_id"]
    assert error.isVisible()
    assert "already the MOPD ID of Ana Lopez" in error.text()
    dialog.mopd_edit.clear()
    qtbot.keyClicks(dialog.mopd_edit, "100002")
    assert not error.isVisible()
    assert dialog.ok_button.isEnabled()

    # an end date before the hire date, and a date that is not a date
    qtbot.keyClicks(dialog.hire_edit.line_edit, "3/1/2025")
    qtbot.keyClicks(dialog.end_edit.line_edit, "2/1/2025")
    assert not dialog.ok_button.isEnabled()
    assert "before the hire date" in dialog._errors["end_date"].text()
    dialog.end_edit.line_edit.clear()
    qtbot.keyClicks(dialog.end_edit.line_edit, "13/1/2025")
    assert not dialog.ok_button.isEnabled()
    assert "no month 13" in dialog._errors["end_date"].text()
    dialog.end_edit.line_edit.clear()
    qtbot.keyClicks(dialog.role_combo.lineEdit(), "Aide")
    assert dialog.ok_button.isEnabled()

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    [ben] = [s for s in session.db.list_staff() if s.first_name == "Ben"]
    assert (ben.last_name, ben.mopd_id, ben.role, ben.hire_date, ben.end_date) == (
        "Ortiz",
        "100002",
        "Aide",
        date(2025, 3, 1),
        None,
    )
    assert names(page) == ["Lopez, Ana", "Ortiz, Ben"]
    assert page.current_staff() == ben  # the new person is selected

    undo(window)
    assert names(page) == ["Lopez, Ana"]
    assert [s.first_name for s in session.db.list_staff()] == ["Ana"]
    redo(window)
    assert names(page) == ["Lopez, Ana", "Ortiz, Ben"]
    assert session.db.get_staff(ben.id) == ben  # the same record, same id


def test_edit_opens_on_enter_and_double_click(qtbot, window) -> None:
    session = window.session
    ana = add_person(session, "Ana", "Lopez", mopd_id="100001", role="Aide")
    page = staff_page(window)
    page.select_staff(ana.id)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, StaffDialog) and dialog.original == ana
    assert dialog.first_name_edit.text() == "Ana"
    assert dialog.mopd_edit.text() == "100001"  # its own MOPD ID is no clash
    assert dialog.ok_button.isEnabled()
    dialog.role_combo.lineEdit().clear()
    qtbot.keyClicks(dialog.role_combo.lineEdit(), "Lead Teacher")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert session.db.get_staff(ana.id).role == "Lead Teacher"
    assert page.proxy.index(0, ROLE_COLUMN).data() == "Lead Teacher"

    # double-click opens the same dialog; Cancel changes nothing
    rect = page.table.visualRect(page.proxy.index(0, NAME_COLUMN))
    # a real double-click starts with a press; QTest's double-click alone does not
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = page.dialog
    assert isinstance(dialog, StaffDialog) and dialog.isVisible()
    dialog.reject()
    assert session.undo_stack.count() == 1


def test_mark_as_left_sets_the_end_date_and_hides_them(qtbot, window) -> None:
    session = window.session
    ana = add_person(session, "Ana", "Lopez", mopd_id="100001", hire_date=date(2020, 1, 6))
    add_person(session, "Ben", "Ortiz", mopd_id="100002")
    session.set_year(YEAR)
    page = staff_page(window)
    page.show_left_check.setChecked(False)
    page.select_staff(ana.id)
    page.left_action.trigger()
    dialog = page.dialog
    assert isinstance(dialog, EndDateDialog)
    assert dialog.date_edit.value() == date.today()  # today unless changed
    dialog.date_edit.line_edit.clear()
    qtbot.keyClicks(dialog.date_edit.line_edit, "1/1/2019")
    assert not dialog.ok_button.isEnabled()  # before the hire date
    assert dialog.error.isVisible()
    dialog.date_edit.line_edit.clear()
    qtbot.keyClicks(dialog.date_edit.line_edit, "6/30/2025")
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert session.db.get_staff(ana.id).end_date == date(2025, 6, 30)
    # the year of leaving still asks January to June: Ana stays in view, short
    assert names(page) == ["Lopez, Ana", "Ortiz, Ben"]
    row = page.model.row_of(ana.id)
    assert page.model.row_at(row).standing.status is Status.SHORT
    assert page.model.row_at(row).standing.required == 600
    assert page.model.index(row, STATUS_COLUMN).data() == "short (left 6/30/2025)"
    # the years after it ask nothing: hidden unless asked for
    session.set_year(YEAR + 1)
    assert names(page) == ["Ortiz, Ben"]
    page.show_left_check.setChecked(True)
    assert names(page) == ["Lopez, Ana", "Ortiz, Ben"]
    row = page.model.row_of(ana.id)
    assert page.model.row_at(row).standing.status is Status.EXEMPT
    assert page.model.index(row, STATUS_COLUMN).data() == "exempt (left on 6/30/2025)"
    session.set_year(YEAR)

    undo(window)
    assert session.db.get_staff(ana.id).end_date is None


def test_delete_asks_and_undo_restores_the_person_and_their_entries(
    qtbot, window, monkeypatch
) -> None:
    session = window.session
    ana = add_person(session, "Ana", "Lopez", mopd_id="100001")
    entries = [add_entry(session, ana, date(2025, 3, 4)), add_entry(session, ana, date(2024, 5, 1))]
    session.set_year(YEAR)
    page = staff_page(window)
    page.select_staff(ana.id)
    page.table.setFocus()

    questions: list[str] = []

    def answer(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        questions.append(text)
        return (
            QMessageBox.StandardButton.No
            if len(questions) == 1
            else (QMessageBox.StandardButton.Yes)
        )

    monkeypatch.setattr(QMessageBox, "question", answer)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert "Delete Ana Lopez and their 2 training entries?" in questions[0]
    assert session.db.list_staff() == [ana]  # No keeps her

    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert session.db.list_staff() == []
    assert session.db.list_entries() == []
    assert page.model.rowCount() == 0

    undo(window)
    assert session.db.list_staff() == [ana]
    assert sorted(session.db.list_entries(), key=lambda e: e.id) == entries
    assert names(page) == ["Lopez, Ana"]
    redo(window)
    assert session.db.list_staff() == []


def test_filter_by_name_mopd_id_and_role(qtbot, sample_session) -> None:
    page = StaffPage(sample_session)
    qtbot.addWidget(page)
    page.show()
    page.show_left_check.setChecked(True)
    everyone = page.proxy.rowCount()
    assert everyone == len(sample_session.data().staff)
    qtbot.keyClicks(page.search_edit, "infant")
    assert sorted(names(page)) == ["Johnson, Aaliyah", "Washington, Keisha"]
    assert page.count_label.text() == f"2 of {everyone} staff shown"
    page.search_edit.clear()
    qtbot.keyClicks(page.search_edit, "1023456")
    assert names(page) == ["González, María"]
    page.search_edit.clear()
    qtbot.keyClicks(page.search_edit, "keisha wash")
    assert names(page) == ["Washington, Keisha"]


def test_sorting_by_hours_needed_puts_the_most_needed_last_ascending(qtbot, sample_session):
    sample_session.set_year(YEAR)
    page = StaffPage(sample_session)
    qtbot.addWidget(page)
    page.show()
    page.table.sortByColumn(NEEDED_COLUMN, Qt.SortOrder.DescendingOrder)
    shown = [page.proxy.staff_at(row) for row in range(page.proxy.rowCount())]
    needed = [sample_session.audit().standing(s.id).hours_needed for s in shown]
    exempt = [sample_session.audit().standing(s.id).status is Status.EXEMPT for s in shown]
    figures = [-1 if ex else n for n, ex in zip(needed, exempt, strict=True)]
    assert figures == sorted(figures, reverse=True)
    assert figures[0] > 0


def test_detail_pane_shows_the_ledger_and_the_years_entries(qtbot, sample_session) -> None:
    sample_session.set_year(YEAR)
    page = StaffPage(sample_session)
    qtbot.addWidget(page)
    page.show()
    audit = sample_session.audit()
    standing = next(s for s in audit.staff if len(s.ledger) >= 2 and audit.entries_of(s.staff.id))
    page.select_staff(standing.staff.id)
    assert page.detail_title.text() == standing.staff.full_name
    assert page.ledger_model.rowCount() == len(standing.ledger)
    years = [int(page.ledger_model.index(r, 0).data()) for r in range(len(standing.ledger))]
    assert years == [row.year for row in standing.ledger]
    ids = {page.entries_model.entry_at(r).id for r in range(page.entries_model.rowCount())}
    assert ids == {r.entry.id for r in audit.entries_of(standing.staff.id)}


def test_detail_pane_names_denials_in_the_engines_words(qtbot, session) -> None:
    ana = add_person(session, "Ana", "Lopez", mopd_id="100001")
    session.db.add_entries(
        [
            TrainingEntry(
                staff_id=ana.id,  # type: ignore[arg-type]
                title="Online CPR",
                completed_on=date(2025, 6, 1),
                clock_hours=100,
                format=Format.ONLINE_MODULE,
                enrolled_on=date(2024, 1, 15),  # finished 16 months after it began
            )
        ]
    )
    session.notify_changed()
    session.set_year(YEAR)
    page = StaffPage(session)
    qtbot.addWidget(page)
    page.show()
    page.select_staff(ana.id)
    [verdict] = [
        page.entries_model.index(r, VERDICT_COLUMN).data()
        for r in range(page.entries_model.rowCount())
    ]
    # as the Flags page and the PDF say it, not "ELEARNING_WINDOW"
    assert verdict == f"✗ Denied: {explain(Reason.ELEARNING_WINDOW).label}"
    assert Reason.ELEARNING_WINDOW.value not in verdict


def test_a_caregiver_without_mopd_id_is_flagged_in_words(qtbot, session) -> None:
    add_person(session, "Ana", "Lopez")
    page = StaffPage(session)
    qtbot.addWidget(page)
    page.show()
    assert page.proxy.index(0, MOPD_COLUMN).data() == "⚠ none"
    assert "no MOPD ID" in page.proxy.index(0, MOPD_COLUMN).data(Qt.ItemDataRole.ToolTipRole)


def test_window_size_and_splitter_are_remembered(qtbot, db_path) -> None:
    def open_window() -> MainWindow:
        main = MainWindow(Session(Database.open(db_path)))
        qtbot.addWidget(main)
        main.show()
        qtbot.waitExposed(main)
        return main

    first = open_window()
    add_person(first.session, "Ana", "Lopez", mopd_id="100001")
    # within 800x600: the offscreen screen is that small if another test made the
    # QApplication first (restoreGeometry keeps a window on its screen)
    first.resize(790, 560)
    page = staff_page(first)
    page.splitter.setSizes([150, 300])
    sizes = page.splitter.sizes()
    first.close()
    assert isinstance(QSettings().value(SPLITTER_KEY), QByteArray)

    second = open_window()
    assert (second.width(), second.height()) == (790, 560)
    assert staff_page(second).splitter.sizes() == sizes
    second.close()


def test_staff_models_pass_the_model_tester(qtmodeltester, sample_session) -> None:
    audit = sample_session.audit(YEAR)
    model = StaffTableModel()
    model.set_standings(audit.staff, YEAR, audit.records_start_year)
    qtmodeltester.check(model)
    proxy = StaffFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_text("teacher")
    proxy.sort(NEEDED_COLUMN)
    qtmodeltester.check(proxy)
    assert all(proxy.index(r, 0).data(STAFF_ID_ROLE) for r in range(proxy.rowCount()))
    ledger = LedgerTableModel()
    ledger.set_ledger(max((s.ledger for s in audit.staff), key=len))
    qtmodeltester.check(ledger)
    dashboard = DashboardModel()
    dashboard.set_standings(audit.staff)
    qtmodeltester.check(dashboard)


@pytest.mark.parametrize(
    ("end", "year", "hidden", "status"),
    [
        (None, 2025, False, "short"),
        # the year of leaving still asks its months (January to March): shown
        (date(2025, 3, 1), 2025, False, "short (left 3/1/2025)"),
        (date(2025, 9, 1), 2024, False, "short"),  # worked all of 2024
        (date(2025, 3, 1), 2026, True, "exempt (left on 3/1/2025)"),
    ],
)
def test_only_people_who_left_before_the_year_are_hidden(end, year, hidden, status) -> None:
    from ccdesktop.domain.audit import audit_year
    from ccdesktop.domain.records import Center, CenterData

    person = Staff(first_name="A", last_name="B", hire_date=date(2020, 1, 1), end_date=end, id=1)
    audit = audit_year(CenterData(Center(records_start_year=2020), (person,), ()), year)
    model = StaffTableModel()
    model.set_standings(audit.staff, year, audit.records_start_year)
    assert model.row_at(0).left is hidden
    assert model.index(0, STATUS_COLUMN).data() == status


def test_credited_hours_that_made_up_an_earlier_year_are_explained(qtbot, window) -> None:
    """Issue 12: the Training tab said "Credited" while the summary said "Counted 0"."""
    session = window.session
    ana = add_person(session, "Ana", "Lopez", mopd_id="100001", hire_date=date(2024, 1, 8))
    add_entry(session, ana, date(2024, 3, 1), hours=1200)  # 2024 met; 2025 owes 12
    add_entry(session, ana, date(2026, 3, 1), hours=500)  # all of it goes to 2025
    session.set_year(2026)
    page = staff_page(window)
    page.select_staff(ana.id)
    summary = page.detail_summary.text()
    assert "5 h of the hours credited in 2026 went to make up hours missed in 2025" in summary
    assert "so 0 h count for 2026 itself" in summary
    assert "Counted 0 of 12 h" in summary
    assert page.make_up_note.isVisibleTo(page)
    assert "went to make up hours missed in 2025" in page.make_up_note.text()
    # a year whose hours all count for itself needs no such note
    session.set_year(2024)
    page.select_staff(ana.id)
    assert not page.make_up_note.isVisibleTo(page)
    assert "went to make up" not in page.detail_summary.text()


def test_the_whole_status_is_in_the_tooltip(sample_session) -> None:
    audit = sample_session.audit(YEAR)
    model = StaffTableModel()
    model.set_standings(audit.staff, YEAR, audit.records_start_year)
    for row in range(model.rowCount()):
        index = model.index(row, STATUS_COLUMN)
        assert index.data(Qt.ItemDataRole.ToolTipRole) == index.data()
