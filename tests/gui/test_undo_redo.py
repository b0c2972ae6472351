"""Undo and redo of adding, editing and deleting entries, from the keyboard."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from ccdesktop.domain.records import Staff, TrainingEntry
from ccdesktop.gui.commands import AddEntries, EditEntry
from ccdesktop.gui.pages.entries import EntriesPage

# the offscreen platform says so whenever a top-level window is shown
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def undo(window) -> None:
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def redo(window) -> None:
    QTest.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )


def test_add_edit_delete_undo_and_redo_from_the_keyboard(qtbot, window, monkeypatch) -> None:
    session = window.session
    ana = session.db.add_staff(Staff(first_name="Ana", last_name="Lopez", mopd_id="100001"))
    session.notify_changed()
    session.set_year(2025)
    page = window.show_page(EntriesPage)
    window.activateWindow()

    entry = TrainingEntry(
        staff_id=ana.id,
        title="Safe Sleep",
        completed_on=date(2025, 3, 4),
        clock_hours=100,
        start_time=time(9),
        end_time=time(10),
    )
    assert session.perform(AddEntries(session.db, [entry], "Add Safe Sleep"))
    [saved] = session.db.list_entries()
    edited = saved.replace(title="Safe Sleep for Infants")
    assert session.perform(EditEntry(session.db, saved, edited))
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    page.select_entry(saved.id)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert session.db.list_entries() == []
    assert page.model.rowCount() == 0

    undo(window)  # the delete
    assert session.db.list_entries() == [edited]
    assert page.model.rowCount() == 1
    undo(window)  # the edit
    assert session.db.list_entries() == [saved]
    assert page.model.index(0, 3).data() == "Safe Sleep"
    undo(window)  # the add
    assert session.db.list_entries() == []
    assert not window.undo_action.isEnabled()

    redo(window)
    assert session.db.list_entries() == [saved]
    redo(window)
    assert session.db.list_entries() == [edited]
    assert page.model.index(0, 3).data() == "Safe Sleep for Infants"
    redo(window)
    assert session.db.list_entries() == []
    assert not window.redo_action.isEnabled()


def test_closing_the_window_lets_go_of_the_undo_history(qtbot, window) -> None:
    # A session left to the garbage collector with commands on its stack could crash
    # the collection (PySide6 6.9-6.11): the window clears the history as it closes.
    session = window.session
    staff = session.db.add_staff(Staff(first_name="Ana", last_name="Lopez"))
    entry = TrainingEntry(
        staff_id=staff.id, title="CPR", completed_on=date(2025, 3, 4), clock_hours=100
    )
    assert session.perform(AddEntries(session.db, [entry], "Add CPR"))
    assert session.undo_stack.count() == 1
    window.close()
    assert session.undo_stack.count() == 0
    assert session.db.closed
