"""The entry form's reading of its fields into a draft, without Qt (issue 15): the
module imports no PySide6 and is tested here without a widget."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date, time

from ccdesktop.domain.records import EntryKind, Format, Setting
from ccdesktop.gui.forms.entry_draft import (
    DATE_REQUIRED,
    HOURS_REQUIRED,
    EntryFields,
    drafts_for,
    read_entry,
    refused_as_group,
)
from tests.factories import make_entry

TYPED = EntryFields(
    title="  Safe Sleep  ",
    course_id="SS-101",
    provider="DESE",
    completed_on="3/4/2025",
    start_time="9:00 AM",
    end_time="10:30 AM",
    clock_hours="1.5",
    notes=" room 2 ",
)


def test_the_module_needs_no_qt() -> None:
    code = (
        "import sys, ccdesktop.gui.forms.entry_draft; "
        "sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_what_is_typed_becomes_the_entry() -> None:
    entry, problems = read_entry(TYPED)
    assert problems == {}
    assert (entry.title, entry.course_id, entry.provider, entry.notes) == (
        "Safe Sleep",
        "SS-101",
        "DESE",
        "room 2",
    )
    assert (entry.completed_on, entry.start_time, entry.end_time) == (
        date(2025, 3, 4),
        time(9, 0),
        time(10, 30),
    )
    assert entry.clock_hours == 150 and entry.staff_id == 0 and entry.id is None


def test_empty_and_wrong_fields_are_named_with_what_is_wrong() -> None:
    _entry, problems = read_entry(EntryFields(title="CPR"), tr=str.upper)
    assert problems["completed_on"] == DATE_REQUIRED.upper()  # the dialog's tr
    assert problems["clock_hours"] == HOURS_REQUIRED.upper()
    _entry, problems = read_entry(
        EntryFields(title="CPR", completed_on="2/30/2025", clock_hours="1,5", start_time="9")
    )
    assert set(problems) == {"completed_on", "clock_hours", "start_time"}
    assert "decimal point" in problems["clock_hours"]
    _entry, problems = read_entry(EntryFields(completed_on="3/4/2025", clock_hours="1"))
    assert "title" in problems  # domain.validation's check, as the importer makes it


def test_the_start_of_an_online_module_is_read_only_for_one() -> None:
    typed = EntryFields(
        title="Online", completed_on="3/4/2025", clock_hours="1", enrolled_on="1/2/2025"
    )
    assert read_entry(typed)[0].enrolled_on is None
    online = read_entry(replace(typed, format=Format.ONLINE_MODULE))[0]
    assert online.enrolled_on == date(2025, 1, 2)


def test_an_edited_credential_keeps_what_the_form_does_not_show() -> None:
    original = make_entry(
        kind=EntryKind.CREDENTIAL,
        title="CPR card",
        clock_hours=0,
        start_time="9:00",
        end_time="10:00",
        mopd_report_on=date(2025, 6, 30),
    )
    typed = EntryFields(
        title="CPR card", kind=EntryKind.CREDENTIAL, completed_on="3/4/2025", expires_on="3/4/2027"
    )
    entry, problems = read_entry(typed, original)
    assert problems == {}
    assert (entry.start_time, entry.end_time) == (time(9, 0), time(10, 0))
    assert entry.expires_on == date(2027, 3, 4) and entry.clock_hours == 0
    assert entry.mopd_report_on == original.mopd_report_on


def test_an_online_module_for_a_group_is_refused() -> None:
    online = EntryFields(format=Format.ONLINE_MODULE)
    assert not refused_as_group(online, 1)
    assert refused_as_group(online, 2)  # several people are a group
    assert refused_as_group(EntryFields(format=Format.ONLINE_MODULE, setting=Setting.GROUP), 1)
    assert not refused_as_group(EntryFields(format=Format.IN_PERSON), 3)
    assert not refused_as_group(
        EntryFields(kind=EntryKind.CREDENTIAL, format=Format.ONLINE_MODULE), 3
    )


def test_one_draft_per_person_with_provisional_ids() -> None:
    entry, _ = read_entry(TYPED)
    drafts = drafts_for(entry, [7, 9], first_new_id=100)
    assert [(d.staff_id, d.id) for d in drafts] == [(7, 100), (9, 101)]
    edited = make_entry(42, staff_id=7)
    [draft] = drafts_for(entry, [9], original=edited)
    assert (draft.staff_id, draft.id) == (9, 42)
