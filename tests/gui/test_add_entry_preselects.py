"""Issue 12: Ctrl+T (Edit > Add training entry…) opens the training form with the
person already chosen that the page shown has chosen: the Staff page's selected
person, the Training page's selected entry's person or its filter's; with nobody
chosen, nobody."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QTest

from ccdesktop.domain.records import Staff, TrainingEntry
from ccdesktop.gui.dialogs.entry_dialog import EntryDialog
from ccdesktop.gui.pages.dashboard import DashboardPage
from ccdesktop.gui.pages.entries import ALL_YEARS, EntriesPage
from ccdesktop.gui.pages.staff import StaffPage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[list[int]]:
    """The people checked in each training form opened (which is then cancelled)."""
    found: list[list[int]] = []

    def fake_exec(dialog: EntryDialog) -> int:
        found.append(dialog.staff_ids())
        return 0

    monkeypatch.setattr(EntryDialog, "exec", fake_exec)
    return found


@pytest.fixture
def people(window) -> dict[str, Staff]:  # type: ignore[no-untyped-def]
    db = window.session.db
    staff = {
        name: db.add_staff(Staff(first_name=name, last_name="Lopez", mopd_id=mopd))
        for name, mopd in (("Ana", "100001"), ("Ben", "100002"), ("Cy", "100003"))
    }
    db.add_entries(
        [
            TrainingEntry(
                staff_id=person.id,  # type: ignore[arg-type]
                title=f"Course of {name}",
                completed_on=date(2025, 3, 4),
                clock_hours=100,
            )
            for name, person in staff.items()
        ]
    )
    window.session.set_year(2025)
    window.session.notify_changed()
    window.page(EntriesPage)  # built soon after the start; Ctrl+T is its action
    return staff


def ctrl_t(window) -> None:  # type: ignore[no-untyped-def]
    QTest.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)


def test_from_the_staff_page_the_selected_person(window, people, opened) -> None:
    page = window.show_page(StaffPage)
    assert page.select_staff(people["Ben"].id)
    ctrl_t(window)
    assert opened == [[people["Ben"].id]]
    page.table.clearSelection()  # nobody selected: nobody, as before
    ctrl_t(window)
    assert opened[-1] == []


def test_from_the_training_page_the_selected_entrys_person(window, people, opened) -> None:
    page = window.show_page(EntriesPage)
    cy_entry = next(e for e in window.session.db.list_entries() if e.staff_id == people["Cy"].id)
    assert page.select_entry(cy_entry.id)  # type: ignore[arg-type]
    ctrl_t(window)
    assert opened == [[people["Cy"].id]]

    # entries of two people selected: the form cannot guess, the filter decides
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    page.table.selectionModel().select(page.model.index(0, 0), flags)
    page.table.selectionModel().select(page.model.index(1, 0), flags)
    ctrl_t(window)
    assert opened[-1] == []


def test_from_the_training_page_the_person_of_the_filter(window, people, opened) -> None:
    page = window.show_page(EntriesPage)
    page.year_combo.setCurrentIndex(page.year_combo.findData(ALL_YEARS))
    page.person_combo.setCurrentIndex(page.person_combo.findData(people["Ana"].id))
    page.table.clearSelection()
    ctrl_t(window)
    assert opened == [[people["Ana"].id]]
    # the Add entry… button does the same
    page.add_button.click()
    assert opened[-1] == [people["Ana"].id]


def test_from_a_page_that_chooses_no_one_nobody(window, people, opened) -> None:
    window.show_page(DashboardPage)
    ctrl_t(window)
    assert opened == [[]]
