"""Issue 12: Edit > History of changes shows every date and time as M/D/YYYY and
h:MM AM/PM (the values changed too), the changed fields in the forms' words, and
names the person each change concerns, also once that person is deleted."""

from __future__ import annotations

import re
from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ccdesktop.domain.records import Staff, TrainingEntry
from ccdesktop.gui.dialogs.history_dialog import HistoryDialog
from ccdesktop.gui.session import Session

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

WHEN, PERSON, RECORD, WHAT, CHANGES = range(5)
US_WHEN = re.compile(r"^\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2} (AM|PM)$")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def rows(dialog: HistoryDialog) -> list[list[str]]:
    model = dialog.model
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


@pytest.fixture
def changed(session: Session) -> dict[str, object]:
    """Ana hired, her hire date corrected; an entry of hers edited; Ben added with an
    entry, then deleted (with it); the center named."""
    db = session.db
    ana = db.add_staff(Staff(first_name="Ana", last_name="Lopez", hire_date=date(2024, 3, 18)))
    db.update_staff(ana.replace(hire_date=date(2024, 1, 5), requires_clock_hours=False))
    entry = db.add_entry(
        TrainingEntry(
            staff_id=ana.id,  # type: ignore[arg-type]
            title="Safe Sleep",
            completed_on=date(2025, 3, 4),
            clock_hours=200,
            start_time=time(9),
            end_time=time(11),
        )
    )
    db.update_entry(
        entry.replace(clock_hours=150, start_time=time(13, 30), end_time=time(15), in_ratio=True)
    )
    ben = db.add_staff(Staff(first_name="Ben", last_name="Ortiz"))
    db.add_entry(
        TrainingEntry(
            staff_id=ben.id,  # type: ignore[arg-type]
            title="CPR",
            completed_on=date(2025, 6, 1),
            clock_hours=100,
        )
    )
    db.delete_staff(ben.id)  # type: ignore[arg-type]
    db.set_center(db.get_center().replace(name="Little Acorns"))
    session.notify_changed()
    return {"ana": ana, "ben": ben, "entry": entry}


@pytest.fixture
def dialog(qtbot, session: Session, changed) -> HistoryDialog:  # type: ignore[no-untyped-def]
    dialog = HistoryDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_every_date_and_time_is_us_style(dialog: HistoryDialog) -> None:
    shown = rows(dialog)
    assert shown and all(US_WHEN.match(row[WHEN]) for row in shown), [r[WHEN] for r in shown]
    assert not any(ISO_DATE.search(" ".join(row)) for row in shown)


def test_changes_are_in_the_forms_words(dialog: HistoryDialog) -> None:
    by_change = {(row[PERSON], row[RECORD], row[WHAT]): row[CHANGES] for row in rows(dialog)}
    assert by_change[("Ana Lopez", "Staff member", "changed")] == (
        "Needs yearly clock hours: yes → no; Hire date: 3/18/2024 → 1/5/2024"
    )
    assert by_change[("Ana Lopez", "Training: Safe Sleep on 3/4/2025", "changed")] == (
        "Clock hours: 2 → 1.5; Start time: 9:00 AM → 1:30 PM; End time: 11:00 AM → 3:00 PM; "
        "In ratio with children: no → yes"
    )
    assert by_change[("", "The center's details", "changed")] == (
        "Center name: (blank) → Little Acorns"
    )


def test_each_row_names_its_person_also_once_deleted(dialog: HistoryDialog) -> None:
    named = [(row[PERSON], row[RECORD], row[WHAT]) for row in rows(dialog)]
    assert ("Ben Ortiz", "Staff member", "deleted") in named
    assert ("Ben Ortiz", "Training: CPR on 6/1/2025", "deleted") in named
    assert ("Ben Ortiz", "Training: CPR on 6/1/2025", "added") in named
    assert ("Ana Lopez", "Staff member", "added") in named
    # no row names a record by its number alone; the number is in the tooltip
    assert not any(re.search(r"\b(member|entry) \d+", row[RECORD]) for row in rows(dialog))
    tooltip = dialog.model.index(0, RECORD).data(Qt.ItemDataRole.ToolTipRole)
    assert re.search(r"(Staff member|Training entry|Center) \d+$", tooltip)


def test_one_persons_history_is_titled_with_their_name(qtbot, session, changed) -> None:
    ben = changed["ben"]
    dialog = HistoryDialog(session, table="staff", record_id=ben.id)  # type: ignore[attr-defined]
    qtbot.addWidget(dialog)
    titles = [label.text() for label in dialog.findChildren(QLabel)]
    assert "Changes to Ben Ortiz, newest first." in titles
    assert [row[WHAT] for row in rows(dialog)] == ["deleted", "added"]
