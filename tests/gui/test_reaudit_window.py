"""Issue 15: a write reads again only the records of the people it touched, and the
window then shows exactly what a full audit of the file says: the Training page's
rows, the session's audits and records. ``Database.load`` (every record) is not
called for such a write; a center edit, which changes everyone, still reads all."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QTest

from ccdesktop.domain.audit import audit_year
from ccdesktop.domain.codes import WarningCode
from ccdesktop.domain.records import Format, TrainingEntry
from ccdesktop.gui.commands import (
    AddEntries,
    AddStaff,
    DeleteStaff,
    EditCenter,
    EditEntry,
    EditStaff,
    ImportedRecords,
)
from ccdesktop.gui.dialogs.entry_dialog import EntryDialog
from ccdesktop.gui.dialogs.history_dialog import HistoryDialog
from ccdesktop.gui.models.entries_model import COLUMNS, TITLE_COLUMN, WARNINGS_COLUMN
from ccdesktop.gui.models.staff_model import COLUMNS as STAFF_COLUMNS
from ccdesktop.gui.models.staff_model import NEEDED_COLUMN
from ccdesktop.gui.pages.entries import EntriesPage
from ccdesktop.gui.pages.staff import StaffPage
from ccdesktop.gui.session import Session
from ccdesktop.store.errors import StoreError
from tests.factories import new_entry, new_staff

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

YEAR = 2025


class Loads:
    """Counts the full loads of the session's database (``Database.load``)."""

    def __init__(self, session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        self.load = session.db.load

        def counted():  # type: ignore[no-untyped-def]
            self.count += 1
            return self.load()

        monkeypatch.setattr(session.db, "load", counted)


def cells(page: EntriesPage) -> list[list[object]]:
    model = page.model
    return [
        [model.index(row, column).data() for column in range(len(COLUMNS))]
        for row in range(model.rowCount())
    ]


def full_page_cells(qtbot, session: Session, loads: Loads) -> list[list[object]]:  # type: ignore[no-untyped-def]
    """What a Training page filled from a full audit of the file shows."""
    data = loads.load()
    audit = audit_year(data, session.year, session.today())
    page = EntriesPage(session)
    qtbot.addWidget(page)
    shown = [r.entry for r in audit.entries]
    page.model.set_entries(shown, audit.verdicts, data.staff, audit.entries_by_id, audit.today)
    return cells(page)


def assert_as_a_full_audit(qtbot, page: EntriesPage, loads: Loads) -> None:  # type: ignore[no-untyped-def]
    session = page.session
    data = loads.load()
    assert session.data() == data
    for year in (YEAR - 1, YEAR, YEAR + 1):
        assert session.audit(year) == audit_year(data, year, session.today())
    assert page.up_to_date
    assert cells(page) == full_page_cells(qtbot, session, loads)


@pytest.fixture
def training_page(qtbot, window) -> EntriesPage:  # type: ignore[no-untyped-def]
    """The window on the Training page of 2025, with two people's entries."""
    session = window.session
    ana = session.db.add_staff(new_staff("Ana", "Lopez", mopd_id="1001"))
    bo = session.db.add_staff(new_staff("Bo", "Baker", mopd_id="1002"))
    assert ana.id is not None and bo.id is not None
    session.db.add_entries(
        [
            new_entry(ana.id, "Safe Sleep"),
            new_entry(ana.id, "CPR", completed_on=date(2025, 5, 6)),
            new_entry(bo.id, "Safe Sleep", completed_on=date(2024, 3, 4)),
            new_entry(bo.id, "Nutrition", completed_on=date(2025, 3, 4)),
            new_entry(bo.id, "Infant care", completed_on=date(2026, 1, 7)),
        ]
    )
    session.notify_changed()
    session.set_year(YEAR)
    page = window.show_page(EntriesPage)
    assert isinstance(page, EntriesPage)
    session.audit(YEAR - 1), session.audit(YEAR + 1)  # other years the window holds
    return page


def test_an_edit_through_the_form_reads_only_its_person_again(
    qtbot, training_page: EntriesPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, session = training_page, training_page.session
    loads = Loads(session, monkeypatch)
    entry = next(e for e in session.audit().entries if e.entry.title == "CPR").entry

    def fake_exec(dialog: EntryDialog) -> int:
        # the same person's Safe Sleep is 9:00-10:30 on 3/4: this overlaps it
        dialog.date_edit.set_value(date(2025, 3, 4))
        dialog.title_edit.setText("CPR and First Aid")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(EntryDialog, "exec", fake_exec)
    index = page.index_of_entry(entry.id)  # type: ignore[arg-type]
    assert index is not None
    rect = page.table.visualRect(page.model.index(index.row(), TITLE_COLUMN))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    assert session.db.get_entry(entry.id).title == "CPR and First Aid"  # type: ignore[arg-type]
    assert loads.count == 0
    assert not session.audit().verdicts[entry.id].credited  # type: ignore[index]  # overlap
    assert [e.id for e in page.selected_entries()] == [entry.id]  # it moved, still selected
    assert_as_a_full_audit(qtbot, page, loads)


def online(staff_id: int, start: int, **changes: object) -> TrainingEntry:
    return new_entry(
        staff_id,
        "Safe Sleep Online",
        completed_on=date(2025, 4, 1),
        start_time=time(start),
        end_time=time(start + 1),
        clock_hours=100,
        format=Format.ONLINE_MODULE,
        **changes,
    )


def test_moving_a_sitting_takes_the_group_warning_off_the_others_row(
    qtbot, training_page: EntriesPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, session = training_page, training_page.session
    ana, bo = (s.id for s in session.data().staff if s.first_name in ("Ana", "Bo"))
    assert session.perform(AddEntries(session.db, [online(ana, 9)], "Add"))  # type: ignore[arg-type]
    assert session.perform(AddEntries(session.db, [online(bo, 9)], "Add"))  # type: ignore[arg-type]
    [theirs] = [e for e in session.db.list_entries(bo) if e.title == "Safe Sleep Online"]  # type: ignore[arg-type]
    [mine] = [e for e in session.db.list_entries(ana) if e.title == "Safe Sleep Online"]  # type: ignore[arg-type]
    row = page.model.row_of(theirs.id)  # type: ignore[arg-type]
    assert row is not None
    group_use = WarningCode.LIKELY_GROUP_USE
    assert group_use in session.audit().verdicts[theirs.id].warnings  # type: ignore[index]
    loads = Loads(session, monkeypatch)

    moved = mine.replace(start_time=time(13), end_time=time(14))
    assert session.perform(EditEntry(session.db, mine, moved))

    assert loads.count == 0
    assert group_use not in session.audit().verdicts[theirs.id].warnings  # type: ignore[index]
    row = page.model.row_of(theirs.id)  # type: ignore[arg-type]
    assert row is not None and not page.model.index(row, WARNINGS_COLUMN).data()
    assert_as_a_full_audit(qtbot, page, loads)


def test_undo_and_redo_read_again_only_who_their_command_touched(
    qtbot, window, training_page: EntriesPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, session = training_page, training_page.session
    loads = Loads(session, monkeypatch)
    bo = next(s for s in session.data().staff if s.first_name == "Bo")
    window.activateWindow()

    assert session.perform(DeleteStaff(session.db, bo))
    assert_as_a_full_audit(qtbot, page, loads)
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [s.first_name for s in session.db.list_staff()] == ["Bo", "Ana"]
    assert_as_a_full_audit(qtbot, page, loads)
    QTest.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert [s.first_name for s in session.db.list_staff()] == ["Ana"]
    assert loads.count == 0
    assert_as_a_full_audit(qtbot, page, loads)


def test_a_renamed_person_shows_under_the_new_name(
    qtbot, training_page: EntriesPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, session = training_page, training_page.session
    loads = Loads(session, monkeypatch)
    ana = next(s for s in session.data().staff if s.first_name == "Ana")

    assert session.perform(EditStaff(session.db, ana, ana.replace(last_name="Zapata")))

    assert loads.count == 0
    names = [page.person_combo.itemText(i) for i in range(page.person_combo.count())]
    assert names == ["All staff", "Baker, Bo", "Zapata, Ana"]
    assert "Ana Zapata" in {row[2] for row in cells(page)}
    assert_as_a_full_audit(qtbot, page, loads)


def test_an_import_reads_again_only_the_people_it_added_entries_to(
    qtbot, training_page: EntriesPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, session = training_page, training_page.session
    loads = Loads(session, monkeypatch)
    bo = next(s for s in session.data().staff if s.first_name == "Bo")
    assert bo.id is not None
    # as the import wizard does: written in the background, then pushed already applied
    added = session.db.add_entries([new_entry(bo.id, "Music", completed_on=date(2025, 9, 9))])
    command = ImportedRecords(session.db, "Import", added_entries=tuple(added))
    command.mark_applied()
    session.undo_stack.push(command)

    assert loads.count == 0
    assert "Music" in {row[TITLE_COLUMN] for row in cells(page)}
    assert_as_a_full_audit(qtbot, page, loads)


def test_a_restored_deletion_reads_again_only_its_person(
    qtbot, training_page: EntriesPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, session = training_page, training_page.session
    ana = next(s for s in session.data().staff if s.first_name == "Ana")
    assert ana.id is not None
    gone = session.db.list_entries(ana.id)[0]
    session.db.delete_entry(gone.id)  # type: ignore[arg-type]
    session.notify_changed({ana.id})
    loads = Loads(session, monkeypatch)
    dialog = HistoryDialog(session, table="training_entry", record_id=gone.id)
    qtbot.addWidget(dialog)
    dialog.view.selectionModel().select(
        dialog.model.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    dialog.restore_button.click()

    assert gone in session.db.list_entries(ana.id)
    assert loads.count == 0
    assert_as_a_full_audit(qtbot, page, loads)


def test_a_center_edit_reads_everything_again(
    qtbot, training_page: EntriesPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, session = training_page, training_page.session
    loads = Loads(session, monkeypatch)
    before = session.data().center

    assert session.perform(EditCenter(session.db, before, before.replace(required_hours=600)))

    assert loads.count == 1  # the page's refresh read every record again
    assert_as_a_full_audit(qtbot, page, loads)


def test_the_session_says_what_changed_since_a_generation(training_page: EntriesPage) -> None:
    session = training_page.session
    ana = next(s for s in session.data().staff if s.first_name == "Ana")
    assert ana.id is not None
    start = session.generation
    assert session.perform(AddEntries(session.db, [new_entry(ana.id, "Music")], "Add"))
    [music] = [e for e in session.db.list_entries(ana.id) if e.title == "Music"]
    change = session.changes_since(start)
    assert change is not None
    assert change.staff_ids == {ana.id} and music.id in change.entry_ids
    assert not change.staff_records
    before = session.data().center
    assert session.perform(EditCenter(session.db, before, before.replace(name="Other")))
    assert session.changes_since(start) is None  # the center: everything
    assert session.changes_since(session.generation) is not None  # nothing since
    assert session.changes_since(session.generation + 1) is None  # not this session's


def staff_cells(page: StaffPage) -> list[list[object]]:
    model = page.proxy
    return [
        [model.index(row, column).data() for column in range(len(STAFF_COLUMNS))]
        for row in range(model.rowCount())
    ]


def test_the_staff_page_updates_only_the_people_a_write_touched(
    qtbot, window, training_page: EntriesPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = training_page.session
    page = window.show_page(StaffPage)
    assert isinstance(page, StaffPage)
    page.table.sortByColumn(NEEDED_COLUMN, Qt.SortOrder.DescendingOrder)
    ana = next(s for s in session.data().staff if s.first_name == "Ana")
    assert ana.id is not None
    page.select_staff(ana.id)
    loads = Loads(session, monkeypatch)
    filled = 0

    def count_fills(*_args: object) -> None:
        nonlocal filled
        filled += 1

    page.model.modelReset.connect(count_fills)

    def assert_as_filled_anew() -> None:
        fresh = StaffPage(session)
        qtbot.addWidget(fresh)
        fresh.refresh()
        fresh.table.sortByColumn(NEEDED_COLUMN, Qt.SortOrder.DescendingOrder)
        assert staff_cells(page) == staff_cells(fresh)

    twelve = new_entry(ana.id, "Leadership", completed_on=date(2025, 8, 1), clock_hours=1200)
    assert session.perform(AddEntries(session.db, [twelve], "Add"))
    assert_as_filled_anew()
    assert "met" in page.detail_summary.text()  # Ana's own standing, shown anew
    assert session.perform(EditStaff(session.db, ana, ana.replace(last_name="Zapata")))
    assert_as_filled_anew()
    assert session.perform(AddStaff(session.db, new_staff("Cy", "Cruz", mopd_id="1003")))
    assert_as_filled_anew()
    assert session.perform(DeleteStaff(session.db, session.db.get_staff(ana.id)))
    assert_as_filled_anew()
    assert page.detail_title.text() == "No one selected"
    assert loads.count == 0 and filled == 0


def test_when_the_changed_records_cannot_be_read_everything_is_read_again(
    qtbot, training_page: EntriesPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, session = training_page, training_page.session
    ana = next(s for s in session.data().staff if s.first_name == "Ana")
    assert ana.id is not None

    def fails(_ids: object) -> None:
        raise StoreError("The records could not be read")

    monkeypatch.setattr(session.db, "load_people", fails)
    loads = Loads(session, monkeypatch)

    assert session.perform(AddEntries(session.db, [new_entry(ana.id, "Music")], "Add"))

    assert loads.count == 1  # the page's refresh read every record
    assert "Music" in {row[TITLE_COLUMN] for row in cells(page)}
    assert_as_a_full_audit(qtbot, page, loads)
