"""The first training import asks the year the center's records start (issue 12,
point 1), offers the earliest entry's year, and its undo puts the setting back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWizard

from ccdesktop.domain.records import Staff

from .test_import_wizard import finish, open_wizard, write

TRAINING = (
    "mopd_id,title,completed_on,start_time,end_time,clock_hours\n"
    "100001,Safe Sleep,3/4/2025,9:00 AM,10:00 AM,1\n"
    "100001,CPR,6/5/2026,9:00 AM,10:00 AM,2\n"
)


def with_staff(session) -> None:  # type: ignore[no-untyped-def]
    session.db.add_staff(Staff(first_name="Ana", last_name="Lopez", mopd_id="100001"))
    session.notify_changed()


def test_the_first_training_import_asks_when_records_start(qtbot, session, tmp_path: Path):
    with_staff(session)
    wizard = open_wizard(qtbot, session, write(tmp_path, "t.csv", TRAINING), staff=False)
    page = wizard.preview_page
    assert page.records_start_box.isVisible()
    assert page.records_start_edit.text() == "2025"  # the earliest training in the file
    assert "first training import" in page.records_start_note.text()
    finish_button = wizard.button(QWizard.WizardButton.FinishButton)
    page.records_start_edit.clear()
    assert not finish_button.isEnabled()  # it must be answered
    qtbot.keyClicks(page.records_start_edit, "20x")
    assert not finish_button.isEnabled()
    assert "not a year" in page.records_start_note.text()
    page.records_start_edit.clear()
    qtbot.keyClicks(page.records_start_edit, "2023")
    assert finish_button.isEnabled()
    summary = finish(qtbot, wizard)
    assert summary.added == 2
    assert session.db.get_center().records_start_year == 2023

    # one undo step takes the entries and the setting back
    session.undo_stack.undo()
    assert session.db.list_entries() == []
    assert session.db.get_center().records_start_year is None
    session.undo_stack.redo()
    assert session.db.get_center().records_start_year == 2023
    assert len(session.db.list_entries()) == 2


def test_a_later_import_does_not_ask_again(qtbot, session, tmp_path: Path) -> None:
    with_staff(session)
    session.db.set_center(session.db.get_center().replace(records_start_year=2024))
    session.notify_changed()
    wizard = open_wizard(qtbot, session, write(tmp_path, "t.csv", TRAINING), staff=False)
    assert not wizard.preview_page.records_start_box.isVisible()
    finish(qtbot, wizard)
    assert session.db.get_center().records_start_year == 2024


def test_a_staff_import_does_not_ask(qtbot, session, tmp_path: Path) -> None:
    staff = write(tmp_path, "s.csv", "first_name,last_name\nAna,Lopez\n")
    wizard = open_wizard(qtbot, session, staff, staff=True)
    assert not wizard.preview_page.records_start_box.isVisible()
