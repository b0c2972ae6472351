"""The training entries page and the add/edit form, driven through real widgets."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from ccdesktop.domain.codes import Reason, WarningCode
from ccdesktop.domain.explain import explain
from ccdesktop.domain.records import Staff, TrainingEntry
from ccdesktop.gui.dialogs.entry_dialog import EntryDialog
from ccdesktop.gui.models.attendees_model import AttendeesModel
from ccdesktop.gui.models.entries_model import (
    COLUMNS,
    PERSON_COLUMN,
    TITLE_COLUMN,
    VERDICT_COLUMN,
    WARNINGS_COLUMN,
    EntriesTableModel,
    VerdictFilter,
)
from ccdesktop.gui.pages.entries import ALL_YEARS, EntriesPage

# the offscreen platform says so whenever a top-level window is shown
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def add_person(session, first: str = "Ana", last: str = "Lopez", mopd: str = "100001") -> Staff:
    staff = session.db.add_staff(Staff(first_name=first, last_name=last, mopd_id=mopd))
    session.notify_changed()
    return staff


def add_saved_entry(session, staff: Staff, **fields: object) -> TrainingEntry:
    values: dict[str, object] = {
        "staff_id": staff.id,
        "title": "Safe Sleep",
        "completed_on": date(2025, 3, 4),
        "clock_hours": 100,
        "start_time": time(9, 0),
        "end_time": time(10, 0),
    }
    values.update(fields)
    [entry] = session.db.add_entries([TrainingEntry(**values)])  # type: ignore[arg-type]
    session.notify_changed()
    return entry


def fill(
    qtbot, dialog: EntryDialog, *, title: str, day: date, hours: str, start: str = "", end: str = ""
) -> None:

    qtbot.keyClicks(dialog.title_edit, title)
    dialog.date_edit.set_value(day)
    qtbot.keyClicks(dialog.hours_edit, hours)
    if start:
        qtbot.keyClicks(dialog.start_edit, start)
    if end:
        qtbot.keyClicks(dialog.end_edit, end)


def check_person(dialog: EntryDialog, staff: Staff) -> None:
    model = dialog.staff_model
    row = model.row_of(staff.id)
    assert row is not None
    model.setData(model.index(row), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)


def test_overlap_is_shown_before_saving(qtbot, session) -> None:
    ana = add_person(session)
    other = add_saved_entry(session, ana)
    dialog = EntryDialog(session)
    qtbot.addWidget(dialog)
    check_person(dialog, ana)
    fill(
        qtbot, dialog, title="CPR", day=date(2025, 3, 4), hours="1", start="9:30 AM", end="10:30 AM"
    )

    preview = dialog.preview_label.text()
    assert "✗ Ana Lopez: no credit" in preview
    assert "overlaps Safe Sleep 9:00-10:00 AM on 3/4/2025" in preview
    # the saved entry loses its credit too, and the director is told before saving
    assert "Safe Sleep on 3/4/2025 would lose its credit too" in preview
    assert dialog.ok_button.isEnabled()
    assert session.db.list_entries() == [other]  # nothing saved yet

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    verdicts = session.audit(2025).verdicts
    saved = session.db.list_entries()
    assert len(saved) == 2
    assert all(Reason.OVERLAP in verdicts[e.id].reasons for e in saved)


def test_preview_changes_as_times_are_fixed(qtbot, session) -> None:
    ana = add_person(session)
    add_saved_entry(session, ana)
    dialog = EntryDialog(session, parent=None, staff_ids=[ana.id])
    qtbot.addWidget(dialog)
    fill(
        qtbot, dialog, title="CPR", day=date(2025, 3, 4), hours="1", start="9:30 AM", end="10:30 AM"
    )
    assert "overlaps" in dialog.preview_label.text()
    dialog.start_edit.clear()
    qtbot.keyClicks(dialog.start_edit, "10:00 AM")
    dialog.end_edit.clear()
    qtbot.keyClicks(dialog.end_edit, "11:00 AM")
    assert "overlaps" not in dialog.preview_label.text()
    assert "✓ Ana Lopez: earns 1 clock hours" in dialog.preview_label.text()


def test_repeat_and_in_ratio_are_named_in_the_preview(qtbot, session) -> None:
    ana = add_person(session)
    add_saved_entry(session, ana, title="CPR", course_id="CPR-1", completed_on=date(2024, 5, 10))
    dialog = EntryDialog(session, staff_ids=[ana.id])
    qtbot.addWidget(dialog)
    fill(qtbot, dialog, title="CPR refresher", day=date(2025, 2, 1), hours="2")
    qtbot.keyClicks(dialog.course_edit, "CPR-1")
    dialog.in_ratio_check.setChecked(True)
    lines = dialog.preview_lines()
    assert "    • in ratio with children: no credit" in lines
    assert "    • repeats CPR within 12 months of 5/10/2024" in lines
    # a warning is shown too (no times given), and does not block saving
    assert any("no start or end time" in line for line in lines)
    assert dialog.ok_button.isEnabled()


def test_form_validates_as_you_type(qtbot, session) -> None:
    ana = add_person(session)
    dialog = EntryDialog(session, staff_ids=[ana.id])
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ok_button.isEnabled()  # no title, no hours yet
    qtbot.keyClicks(dialog.title_edit, "Safe Sleep")
    qtbot.keyClicks(dialog.hours_edit, "1,5")
    error = dialog.findChild(type(dialog.preview_label), "clock_hoursError")
    assert error.isVisible()
    assert "use a decimal point: 1.5" in error.text()
    assert not dialog.ok_button.isEnabled()
    dialog.hours_edit.clear()
    qtbot.keyClicks(dialog.hours_edit, "1.5")
    assert not error.isVisible()
    assert dialog.ok_button.isEnabled()

    qtbot.keyClicks(dialog.start_edit, "10:00")
    qtbot.keyClicks(dialog.end_edit, "9:00")
    times_error = dialog.findChild(type(dialog.preview_label), "timesError")
    assert times_error.isVisible()
    assert "is not after the start time" in times_error.text()
    assert not dialog.ok_button.isEnabled()

    # began-on is for online modules only
    assert not dialog.enrolled_edit.isEnabled()
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("online_module"))
    assert dialog.enrolled_edit.isEnabled()


def test_no_person_chosen_is_refused(qtbot, session) -> None:
    add_person(session)
    dialog = EntryDialog(session)
    qtbot.addWidget(dialog)
    fill(qtbot, dialog, title="CPR", day=date(2025, 1, 2), hours="1")
    assert dialog.problems() == {"staff": "Choose at least one person."}
    assert not dialog.ok_button.isEnabled()


def test_edit_dialog_opens_on_double_click_and_saves(qtbot, session, monkeypatch) -> None:
    ana = add_person(session)
    entry = add_saved_entry(session, ana)
    session.set_year(2025)
    page = EntriesPage(session)
    qtbot.addWidget(page)
    page.show()
    opened: list[EntryDialog] = []

    def fake_exec(dialog: EntryDialog) -> int:
        opened.append(dialog)
        dialog.title_edit.setText("Safe Sleep for Infants")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(EntryDialog, "exec", fake_exec)
    index = page.index_of_entry(entry.id)
    rect = page.table.visualRect(page.model.index(index.row(), TITLE_COLUMN))
    # a real double-click: press and release, then the double-click
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(opened) == 1
    assert opened[0].original == entry
    assert session.db.get_entry(entry.id).title == "Safe Sleep for Infants"
    row = page.model.row_of(entry.id)
    assert page.model.index(row, TITLE_COLUMN).data() == "Safe Sleep for Infants"


def test_filters_by_person_year_verdict_and_text(qtbot, session) -> None:
    ana = add_person(session)
    ben = add_person(session, "Ben", "Smith", "100002")
    add_saved_entry(session, ana)  # overlaps the next: both denied
    add_saved_entry(
        session, ana, title="CPR", course_id="CPR-9", start_time=time(9, 30), end_time=time(10, 30)
    )
    add_saved_entry(session, ben, title="Nutrition", start_time=None, end_time=None)
    add_saved_entry(session, ben, title="Old course", completed_on=date(2023, 6, 1))
    session.set_year(2025)
    page = EntriesPage(session)
    qtbot.addWidget(page)
    page.show()

    def shown_titles() -> list[str]:
        return sorted(
            page.model.index(r, TITLE_COLUMN).data() for r in range(page.model.rowCount())
        )

    assert shown_titles() == ["CPR", "Nutrition", "Safe Sleep"]
    assert page.count_label.text() == "3 entries"
    page.person_combo.setCurrentIndex(page.person_combo.findData(ben.id))
    assert shown_titles() == ["Nutrition"]
    assert page.count_label.text() == "1 of 3 entries"
    page.year_combo.setCurrentIndex(page.year_combo.findData(ALL_YEARS))
    assert shown_titles() == ["Nutrition", "Old course"]
    page.person_combo.setCurrentIndex(0)
    page.verdict_combo.setCurrentIndex(page.verdict_combo.findData(VerdictFilter.DENIED))
    assert shown_titles() == ["CPR", "Safe Sleep"]
    page.verdict_combo.setCurrentIndex(page.verdict_combo.findData(VerdictFilter.WITH_WARNINGS))
    assert shown_titles() == ["Nutrition"]  # no times: overlap could not be checked
    page.verdict_combo.setCurrentIndex(page.verdict_combo.findData(VerdictFilter.CREDITED))
    assert shown_titles() == ["Nutrition", "Old course"]
    page.verdict_combo.setCurrentIndex(0)
    qtbot.keyClicks(page.search_edit, "cpr-9")
    assert shown_titles() == ["CPR"]

    # the year choice follows the window's year
    page.year_combo.setCurrentIndex(0)
    page.search_edit.clear()
    session.set_year(2023)
    assert page.year_combo.itemText(0) == "2023"
    assert shown_titles() == ["Old course"]


def test_columns_show_us_dates_times_and_verdict_in_words(qtbot, session) -> None:
    ana = add_person(session)
    entry = add_saved_entry(
        session, ana, in_ratio=True, clock_hours=150, start_time=time(11, 30), end_time=time(13, 0)
    )
    session.set_year(2025)
    page = EntriesPage(session)
    qtbot.addWidget(page)
    page.show()
    row = page.model.row_of(entry.id)
    texts = [page.model.index(row, c).data() for c in range(len(COLUMNS))]
    assert texts[:4] == ["3/4/2025", "11:30 AM–1:00 PM", "Ana Lopez", "Safe Sleep"]
    assert texts[8] == "1.5"
    # the engine's own words, as on the Flags page and in the PDF, never the code
    assert texts[VERDICT_COLUMN] == f"✗ Denied: {explain(Reason.IN_RATIO).label}"
    assert Reason.IN_RATIO.value not in texts[VERDICT_COLUMN]
    tooltip = page.model.index(row, VERDICT_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    assert "in ratio with children: no credit" in tooltip
    assert texts[PERSON_COLUMN] == "Ana Lopez"


def test_delete_asks_then_deletes_and_undo_restores(qtbot, session, monkeypatch) -> None:
    ana = add_person(session)
    entry = add_saved_entry(session, ana)
    session.set_year(2025)
    page = EntriesPage(session)
    qtbot.addWidget(page)
    page.show()
    page.select_entry(entry.id)
    asked: list[str] = []

    def answer(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    with qtbot.waitActive(page):
        page.activateWindow()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert "Delete the entry Safe Sleep of Ana Lopez?" in asked[0]
    assert session.db.list_entries() == [entry]  # answered No
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert session.db.list_entries() == []
    assert page.model.rowCount() == 0
    session.undo_stack.undo()
    assert session.db.list_entries() == [entry]
    assert page.model.row_of(entry.id) is not None


def test_export_button_writes_the_years_csv(qtbot, window, monkeypatch, tmp_path: Path) -> None:
    session = window.session
    ana = add_person(session)
    add_saved_entry(session, ana)
    session.set_year(2025)
    target = tmp_path / "out.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), "CSV files (*.csv)")
    )
    page = window.show_page(EntriesPage)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    text = target.read_text(encoding="utf-8-sig")
    assert "Safe Sleep" in text
    assert "2025-03-04" in text or "3/4/2025" in text


def test_add_action_in_edit_menu_has_ctrl_t(window) -> None:
    page = window.page(EntriesPage)
    actions = [a for a in window.menuBar().actions() if a.text() == "&Edit"]
    edit_menu = actions[0].menu()
    assert page.add_action in edit_menu.actions()
    assert page.add_action.shortcut().toString() == "Ctrl+T"


def test_models_pass_the_model_tester(qtmodeltester, session) -> None:
    ana = add_person(session)
    ben = add_person(session, "Ben", "Smith", "100002")
    entries = [
        add_saved_entry(session, ana),
        add_saved_entry(session, ana, title="CPR", start_time=time(9, 30), end_time=time(10, 30)),
        add_saved_entry(session, ben, title="Nutrition", start_time=None, end_time=None),
    ]
    verdicts = session.audit(2025).verdicts
    model = EntriesTableModel()
    model.set_entries(entries, verdicts, [ana, ben])
    qtmodeltester.check(model)
    model.set_verdict(VerdictFilter.DENIED)
    qtmodeltester.check(model)
    model.sort(WARNINGS_COLUMN, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    checklist = AttendeesModel([ana, ben])
    checklist.set_checked([ben.id])
    qtmodeltester.check(checklist)
    assert checklist.checked_ids() == [ben.id]


def test_sorting_keeps_the_selection_on_the_same_entry(qtbot, session) -> None:
    ana = add_person(session)
    first = add_saved_entry(session, ana, title="Zebra care", completed_on=date(2025, 1, 2))
    add_saved_entry(session, ana, title="Apple safety", completed_on=date(2025, 5, 2))
    session.set_year(2025)
    page = EntriesPage(session)
    qtbot.addWidget(page)
    page.show()
    page.select_entry(first.id)
    page.table.sortByColumn(TITLE_COLUMN, Qt.SortOrder.AscendingOrder)
    assert [page.model.index(r, TITLE_COLUMN).data() for r in range(2)] == [
        "Apple safety",
        "Zebra care",
    ]
    assert [e.id for e in page.selected_entries()] == [first.id]


def test_verdict_column_sorts_by_its_words_credited_first(qtbot, session) -> None:
    ana = add_person(session)
    add_saved_entry(session, ana, title="Credited", completed_on=date(2025, 1, 2))
    add_saved_entry(
        session, ana, title="Not approved", completed_on=date(2025, 2, 2), approved=False
    )
    add_saved_entry(session, ana, title="In ratio", completed_on=date(2025, 3, 2), in_ratio=True)
    session.set_year(2025)
    page = EntriesPage(session)
    qtbot.addWidget(page)
    page.show()
    page.table.sortByColumn(VERDICT_COLUMN, Qt.SortOrder.AscendingOrder)
    shown = [
        (page.model.index(r, TITLE_COLUMN).data(), page.model.index(r, VERDICT_COLUMN).data())
        for r in range(page.model.rowCount())
    ]
    # "In ratio with children" before "Not DESE-approved": by the words shown
    assert shown == [
        ("Credited", "✓ Credited"),
        ("In ratio", f"✗ Denied: {explain(Reason.IN_RATIO).label}"),
        ("Not approved", f"✗ Denied: {explain(Reason.NOT_APPROVED).label}"),
    ]


@pytest.mark.parametrize("count", [100_000])
def test_a_hundred_thousand_entries_fill_filter_and_sort(qtbot, count: int) -> None:
    """How long it takes is the entries-table benchmark's (tests/benchmarks); here,
    that 100,000 rows fill, filter and sort right."""
    staff = [Staff(first_name=f"P{i}", last_name="Test", id=i) for i in range(1, 201)]
    entries = [
        TrainingEntry(
            staff_id=1 + i % 200,
            title=f"Course {i % 97}",
            completed_on=date(2025, 1 + i % 12, 1 + i % 28),
            clock_hours=100,
            id=i + 1,
        )
        for i in range(count)
    ]
    from ccdesktop.domain.rules import Verdict

    verdicts = {
        e.id: Verdict(
            reasons=(Reason.IN_RATIO,) if e.id % 10 == 0 else (),
            warnings=(WarningCode.MISSING_TIMES,),
        )
        for e in entries
    }
    model = EntriesTableModel()
    model.set_entries(entries, verdicts, staff)
    assert model.rowCount() == count
    model.set_verdict(VerdictFilter.DENIED)
    assert model.rowCount() == count // 10
    model.sort(TITLE_COLUMN)
    titles = [model.index(row, TITLE_COLUMN).data() for row in range(model.rowCount())]
    assert titles == sorted(titles)


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        ("3/21/2026", date(2026, 3, 21)),
        ("12/5/2026", date(2026, 12, 5)),
        ("11/30/2025", date(2025, 11, 30)),
        ("2024-02-29", date(2024, 2, 29)),
    ],
)
def test_the_completion_date_is_saved_as_typed(qtbot, session, typed: str, saved: date) -> None:
    # Typed key by key, as a director does: a QDateEdit here used to jump past the day
    # when "/" followed a complete month, saving 3/21/2026 as the 3rd month's current day.
    ana = add_person(session)
    dialog = EntryDialog(session, parent=None, staff_ids=[ana.id])
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.title_edit, "CPR")
    dialog.date_edit.line_edit.clear()
    qtbot.keyClicks(dialog.date_edit.line_edit, typed)
    qtbot.keyClicks(dialog.hours_edit, "1")
    assert dialog.problems() == {}
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert [e.completed_on for e in session.db.list_entries()] == [saved]


def test_a_missing_or_wrong_completion_date_is_refused_inline(qtbot, session) -> None:
    ana = add_person(session)
    dialog = EntryDialog(session, parent=None, staff_ids=[ana.id])
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.title_edit, "CPR")
    qtbot.keyClicks(dialog.hours_edit, "1")
    assert dialog.date_edit.value() == date.today()  # today unless changed
    dialog.date_edit.line_edit.clear()
    assert "completed_on" in dialog.problems()
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.date_edit.line_edit, "2/30/2026")
    assert "completed_on" in dialog.problems()
    assert not dialog.ok_button.isEnabled()
    assert dialog.preview_lines() == ["Fix the marked fields to see the verdict."]
    dialog.date_edit.line_edit.clear()
    qtbot.keyClicks(dialog.date_edit.line_edit, "2/28/2026")
    assert dialog.problems() == {}
    assert dialog.ok_button.isEnabled()
