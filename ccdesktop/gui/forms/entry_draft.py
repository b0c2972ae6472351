"""The training entry form's reading of its fields, without Qt: the text typed becomes
a draft ``TrainingEntry`` and, by field name, what is wrong with it (the same checks as
the CSV importer and the store: ``io.values`` parses, ``domain.validation`` judges).

``EntryDialog`` keeps the widgets; it hands this module what they hold
(``EntryFields``) and shows what comes back. Tested without widgets
(``tests/gui/test_entry_draft.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from ...domain.records import EntryKind, Format, Setting, TrainingEntry
from ...domain.rules import is_online_group_setting
from ...domain.validation import validate_entry
from ...io.values import parse_date, parse_hours, parse_time

_Parsed = TypeVar("_Parsed")

#: what a field is told when it must not be empty (before translation)
DATE_REQUIRED = "is required (M/D/YYYY)"
HOURS_REQUIRED = "is required (e.g. 1.5)"


@dataclass(frozen=True, slots=True)
class EntryFields:
    """What the form's fields hold: text as typed, choices as chosen."""

    title: str = ""
    kind: EntryKind = EntryKind.TRAINING
    course_id: str = ""
    provider: str = ""
    format: Format = Format.IN_PERSON
    setting: Setting = Setting.INDIVIDUAL
    completed_on: str = ""
    expires_on: str = ""
    start_time: str = ""
    end_time: str = ""
    clock_hours: str = ""
    enrolled_on: str = ""
    in_ratio: bool = False
    as_trainer: bool = False
    approved: bool = True
    notes: str = ""


def read_entry(
    fields: EntryFields,
    original: TrainingEntry | None = None,
    *,
    tr: Callable[[str], str] = str,
) -> tuple[TrainingEntry, dict[str, str]]:
    """The entry ``fields`` describe (staff_id 0, no id) and the problems, by field
    name, as shown beside each field. ``original`` is the entry being edited, if one
    is: it keeps the mark of the MOPD report it was found on, and an edited
    credential keeps the sitting fields the form does not show. ``tr`` translates
    the form's own words (the dialog's ``self.tr``)."""
    problems: dict[str, str] = {}

    def parsed(name: str, text: str, parser: Callable[[str], _Parsed]) -> _Parsed | None:
        if not text.strip():
            return None
        try:
            return parser(text)
        except ValueError as error:
            problems[name] = str(error)
            return None

    completed_on = parsed("completed_on", fields.completed_on, parse_date)
    if not fields.completed_on.strip():
        problems["completed_on"] = tr(DATE_REQUIRED)
    # the next comparison with the MOPD report looks again
    report_on = None if original is None else original.mopd_report_on
    if fields.kind is EntryKind.CREDENTIAL:
        entry = TrainingEntry(
            staff_id=0,
            title=fields.title.strip(),
            completed_on=completed_on if completed_on is not None else date.min,
            clock_hours=0,
            course_id=fields.course_id.strip() or None,
            provider=fields.provider.strip(),
            notes=fields.notes.strip(),
            kind=EntryKind.CREDENTIAL,
            expires_on=parsed("expires_on", fields.expires_on, parse_date),
            mopd_report_on=report_on,
        )
        if original is not None and original.kind is EntryKind.CREDENTIAL:
            # the fields a credential does not show keep what it had (its times, say);
            # otherwise their defaults: no hours, no sitting, not as trainer
            entry = entry.replace(
                format=original.format,
                setting=original.setting,
                start_time=original.start_time,
                end_time=original.end_time,
                in_ratio=original.in_ratio,
                approved=original.approved,
                enrolled_on=original.enrolled_on,
            )
    else:
        start = parsed("start_time", fields.start_time, parse_time)
        end = parsed("end_time", fields.end_time, parse_time)
        hours = parsed("clock_hours", fields.clock_hours, parse_hours)
        if not fields.clock_hours.strip():
            problems["clock_hours"] = tr(HOURS_REQUIRED)
        online = fields.format is Format.ONLINE_MODULE
        enrolled = parsed("enrolled_on", fields.enrolled_on, parse_date) if online else None
        entry = TrainingEntry(
            staff_id=0,
            title=fields.title.strip(),
            # a stand-in while the date is missing or wrong (that is reported already):
            # date.max is never before an enrolled_on, so it adds no problem of its own
            completed_on=completed_on if completed_on is not None else date.max,
            clock_hours=hours if hours is not None else 100,
            course_id=fields.course_id.strip() or None,
            provider=fields.provider.strip(),
            format=fields.format,
            setting=fields.setting,
            start_time=start,
            end_time=end,
            in_ratio=fields.in_ratio,
            approved=fields.approved,
            enrolled_on=enrolled,
            notes=fields.notes.strip(),
            as_trainer=fields.as_trainer,
            mopd_report_on=report_on,
        )
    for problem in validate_entry(entry):
        problems.setdefault(problem.field, problem.message)
    return entry, problems


def refused_as_group(fields: EntryFields, people: int) -> bool:
    """Whether the form is refused as a whole: an online module entered as group
    training (fact 5). Several people at once are a group, whatever the setting says;
    a credential is no sitting, so no group training either."""
    if fields.kind is EntryKind.CREDENTIAL:
        return False
    setting = Setting.GROUP if people > 1 else fields.setting
    return is_online_group_setting(fields.format, setting)


def drafts_for(
    entry: TrainingEntry,
    staff_ids: Sequence[int],
    *,
    original: TrainingEntry | None = None,
    first_new_id: int = 0,
) -> list[TrainingEntry]:
    """The entry for each person chosen: the edited entry keeps its id; new ones get
    provisional ids from ``first_new_id`` (larger than every saved id, as the engine
    wants of drafts)."""
    if original is not None:
        assert original.id is not None
        return [entry.replace(staff_id=staff_ids[0], id=original.id)]
    return [
        entry.replace(staff_id=staff_id, id=first_new_id + offset)
        for offset, staff_id in enumerate(staff_ids)
    ]
