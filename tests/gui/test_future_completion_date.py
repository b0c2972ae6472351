"""Issue 12: a completion date after today gets a plain note under the date in the
training form; it is not an error, and the entry still saves."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ccdesktop.domain.records import Staff
from ccdesktop.gui.dialogs.entry_dialog import EntryDialog
from ccdesktop.gui.widgets.form_errors import ERROR_STYLE, WARNING_STYLE

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TODAY = date(2026, 12, 2)


@pytest.fixture
def dialog(qtbot, session) -> EntryDialog:  # type: ignore[no-untyped-def]
    ana = session.db.add_staff(Staff(first_name="Ana", last_name="Lopez", mopd_id="100001"))
    session.notify_changed()
    form = EntryDialog(session, staff_ids=[ana.id], today=TODAY)  # type: ignore[list-item]
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.title_edit, "Safe Sleep")
    qtbot.keyClicks(form.hours_edit, "2")
    return form


def date_note(dialog: EntryDialog) -> QLabel:
    label = dialog.findChild(QLabel, "completed_onError")
    assert label is not None
    return label


def type_date(qtbot, dialog: EntryDialog, text: str) -> None:  # type: ignore[no-untyped-def]
    dialog.date_edit.line_edit.clear()
    qtbot.keyClicks(dialog.date_edit.line_edit, text)


def test_a_future_date_gets_a_note_and_still_saves(qtbot, session, dialog) -> None:
    assert dialog.date_edit.value() == TODAY and dialog.warnings() == {}  # today: no note
    type_date(qtbot, dialog, "12/20/2026")
    note = date_note(dialog)
    assert note.isVisible()
    assert note.text() == (
        "12/20/2026 is in the future: saved as a planned training, counted once it has passed."
    )
    assert note.styleSheet() == WARNING_STYLE  # amber, not the errors' red
    assert dialog.warnings() == {"completed_on": note.text()}
    assert dialog.problems() == {}  # not an error: nothing refused
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    [saved] = session.db.list_entries()
    assert saved.completed_on == date(2026, 12, 20)


def test_the_note_goes_when_the_date_is_corrected(qtbot, dialog) -> None:
    type_date(qtbot, dialog, "12/20/2026")
    assert date_note(dialog).isVisible()
    type_date(qtbot, dialog, "11/20/2026")
    assert not date_note(dialog).isVisible() and dialog.warnings() == {}


def test_a_wrong_date_shows_its_error_not_the_note(qtbot, dialog) -> None:
    type_date(qtbot, dialog, "12/40/2026")
    note = date_note(dialog)
    assert note.isVisible() and "is not a date" in note.text()
    assert note.styleSheet() == ERROR_STYLE
    assert dialog.warnings() == {} and not dialog.ok_button.isEnabled()
    type_date(qtbot, dialog, "1/5/2027")
    assert note.styleSheet() == WARNING_STYLE and "1/5/2027 is in the future" in note.text()
