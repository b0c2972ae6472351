"""The record factories and small helpers of every test suite (pure domain: no store,
no Qt).

``make_staff`` / ``make_entry`` build one saved record (with an id) with sensible
defaults, so a test states only the fields it is about; dates and times may be given
as text (``completed_on="2025-03-04"``, ``start_time="9:00"``). ``new_staff`` /
``new_entry`` build unsaved ones (no id), as a form or an import gives the store.
``credited_entry`` is an entry that breaks no rule and repeats no other. ``audit`` and
``verdicts_of`` run the engine on a few records. ``synthetic_center`` builds a whole
center whose entries hit every denial reason and warning, reproducibly from a seed.
"""

from __future__ import annotations

import hashlib
import itertools
import random
from collections.abc import Iterable, Sequence
from datetime import date, time
from pathlib import Path

from ccdesktop.domain.audit import Audit, audit_year
from ccdesktop.domain.hours import Hundredths
from ccdesktop.domain.records import (
    Center,
    CenterData,
    Format,
    HireYearPolicy,
    Setting,
    Staff,
    TrainingEntry,
)
from ccdesktop.domain.rules import Verdict, evaluate_entries

#: Names that must print: accents, Vietnamese diacritics, apostrophes, hyphens.
FIRST_NAMES = (
    "Ana", "José", "Nguyễn Thị", "Zoë", "Siobhán", "Mary-Kate", "Đặng", "Brandon",
    "Keisha", "Łucja", "Renée", "Tran", "Olumide", "Søren", "Chloé", "DeShawn",
)  # fmt: skip
LAST_NAMES = (
    "Lopez", "Peña", "Ánh", "O'Brien", "Müller", "Nguyen", "Smith", "Washington",
    "Gómez", "Trần", "Kowalski", "Johnson", "Dvořák", "Øster", "Lê", "Brown",
)  # fmt: skip
ROLES = ("Lead teacher", "Assistant teacher", "Aide", "Director", "Cook", "Floater")
COURSES = (
    ("Safe Sleep Practices for Infants", "SS-101", "DESE"),
    ("CPR and First Aid for Child Care Providers", "CPR-200", "American Red Cross"),
    ("Recognizing and Reporting Child Abuse and Neglect", "CAN-310", "DESE"),
    ("Positive Guidance in the Preschool Classroom", None, "Local CCHC"),
    ("Medication Administration", "MED-12", "Local CCHC"),
    ("Emergency Preparedness", "EP-7", "DESE"),
    ("Early Literacy Through Play", None, "Parents as Teachers"),
    ("Infant and Toddler Development", "ITD-44", "Missouri State University"),
    ("Nutrition and Food Safety", "NFS-3", "Local public health agency"),
    ("Inclusion of Children with Special Needs", "INC-9", "First Steps"),
)


def D(text: str) -> date:
    """``"2025-03-04"`` -> date."""
    return date.fromisoformat(text)


def T(text: str) -> time:
    """``"9:00"`` -> time."""
    hour, minute = text.split(":")
    return time(int(hour), int(minute))


def _day(value: date | str | None) -> date | None:
    return D(value) if isinstance(value, str) else value


def _moment(value: time | str | None) -> time | None:
    return T(value) if isinstance(value, str) else value


def make_center(**changes: object) -> Center:
    center = Center(
        name="Sunny Days Learning Center",
        license_number="LC-123456",
        director="María Gómez",
    )
    return center.replace(**changes) if changes else center


def make_staff(
    staff_id: int = 1,
    first_name: str = "Ana",
    last_name: str = "Lopez",
    *,
    hire_date: date | str | None = None,
    end_date: date | str | None = None,
    **changes: object,
) -> Staff:
    """Staff member ``staff_id`` with MOPD ID 100000 + ``staff_id``."""
    staff = Staff(
        first_name=first_name,
        last_name=last_name,
        mopd_id=f"{100000 + staff_id}",
        role="Lead teacher",
        hire_date=_day(hire_date),
        end_date=_day(end_date),
        id=staff_id,
    )
    return staff.replace(**changes) if changes else staff


def make_entry(
    entry_id: int = 1,
    staff_id: int = 1,
    title: str = "Safe Sleep",
    completed_on: date | str = date(2025, 3, 4),
    clock_hours: Hundredths = 100,
    *,
    start_time: time | str | None = None,
    end_time: time | str | None = None,
    enrolled_on: date | str | None = None,
    **changes: object,
) -> TrainingEntry:
    """Training entry ``entry_id`` of ``staff_id``: one hour, no times, unless told."""
    day = _day(completed_on)
    assert day is not None
    entry = TrainingEntry(
        staff_id=staff_id,
        title=title,
        completed_on=day,
        clock_hours=clock_hours,
        start_time=_moment(start_time),
        end_time=_moment(end_time),
        enrolled_on=_day(enrolled_on),
        id=entry_id,
    )
    return entry.replace(**changes) if changes else entry


_credited_ids = itertools.count(1_000_000)


def credited_entry(completed_on: str, clock_hours: Hundredths, staff_id: int = 1) -> TrainingEntry:
    """A clean entry: its own course title, so it never repeats another."""
    entry_id = next(_credited_ids)
    return make_entry(entry_id, staff_id, f"Course {entry_id}", completed_on, clock_hours)


def new_staff(first: str = "Ana", last: str = "Lopez", **changes: object) -> Staff:
    """An unsaved staff member (no id, no MOPD ID), as a form or an import gives one."""
    record = Staff(first_name=first, last_name=last)
    return record.replace(**changes) if changes else record


def new_entry(staff_id: int, title: str = "Safe Sleep", **changes: object) -> TrainingEntry:
    """An unsaved training entry (no id) of ``staff_id``: 1.5 hours, 9:00 to 10:30."""
    record = TrainingEntry(
        staff_id=staff_id,
        title=title,
        completed_on=date(2025, 3, 4),
        clock_hours=150,
        start_time=time(9, 0),
        end_time=time(10, 30),
    )
    return record.replace(**changes) if changes else record


def sha256(path: Path) -> str:
    """The file's bytes, hashed: to show a file was left as it was."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verdicts_of(*entries: TrainingEntry) -> dict[int, Verdict]:
    return evaluate_entries(list(entries))


def reason_names(verdict: Verdict) -> list[str]:
    return [str(reason) for reason in verdict.reasons]


def warning_names(verdict: Verdict) -> list[str]:
    return [str(code) for code in verdict.warnings]


def audit(
    staff: Iterable[Staff],
    entries: Iterable[TrainingEntry],
    year: int,
    center: Center | None = None,
) -> Audit:
    """The audit of ``year`` of these records (in the default center's settings)."""
    data = CenterData(center or Center(), tuple(staff), tuple(entries))
    return audit_year(data, year)


def center_data(
    staff: Iterable[Staff],
    entries: Iterable[TrainingEntry],
    center: Center | None = None,
) -> CenterData:
    return CenterData(center or make_center(), tuple(staff), tuple(entries))


def synthetic_center(
    n_staff: int,
    years: Sequence[int] | int = (2023, 2024, 2025),
    entries_per_year: int = 6,
    seed: int = 0,
    *,
    center: Center | None = None,
) -> CenterData:
    """A center of ``n_staff`` people with ``entries_per_year`` entries each in each of
    ``years`` (an int n means the n years ending 2025). About one entry in eight is
    given a reason to be denied or a warning, and some staff are hired mid-way, have
    left, need no clock hours or lack a MOPD ID."""
    rng = random.Random(seed)
    year_list = list(range(2026 - years, 2026)) if isinstance(years, int) else list(years)
    staff: list[Staff] = []
    entries: list[TrainingEntry] = []
    next_entry_id = 1
    for staff_id in range(1, n_staff + 1):
        person = Staff(
            first_name=FIRST_NAMES[rng.randrange(len(FIRST_NAMES))],
            last_name=LAST_NAMES[rng.randrange(len(LAST_NAMES))],
            mopd_id=None if rng.random() < 0.05 else f"{200000 + staff_id}",
            role=ROLES[rng.randrange(len(ROLES))],
            requires_clock_hours=rng.random() > 0.05,
            hire_date=(
                date(
                    rng.choice(year_list[:1] * 3 + year_list),
                    rng.randint(1, 12),
                    rng.randint(1, 28),
                )
                if rng.random() < 0.9
                else None
            ),
            end_date=date(year_list[-1], 6, 30) if rng.random() < 0.04 else None,
            id=staff_id,
        )
        staff.append(person)
        course_cursor = rng.randrange(len(COURSES)) * 3
        for year in year_list:
            if person.hire_date is not None and year < person.hire_date.year:
                continue  # no training before the person was hired
            for index in range(entries_per_year):
                # each person works through the course list in turn, so the same
                # course comes round again after more than a year; now and then a
                # course is repeated too soon on purpose
                course_number = course_cursor - (1 if rng.random() < 0.04 else 0)
                title, course_id, provider = COURSES[course_number % len(COURSES)]
                course_cursor = course_number + 1
                # spread the year's entries over the months, in order
                month = 1 + index * 12 // entries_per_year
                day = date(year, month, rng.randint(1, 28))
                start_hour = rng.choice((8, 9, 10, 13, 14, 18))
                length = rng.choice((1, 2, 2, 3, 3))
                entry = TrainingEntry(
                    staff_id=staff_id,
                    title=title,
                    completed_on=day,
                    clock_hours=length * 100 - rng.choice((0, 0, 0, 50)),
                    course_id=course_id,
                    provider=provider,
                    format=rng.choice(list(Format)),
                    setting=Setting.INDIVIDUAL,
                    start_time=time(start_hour, 0),
                    end_time=time(start_hour + length, 0),
                    id=next_entry_id,
                )
                roll = rng.random()
                if roll < 0.03:
                    entry = entry.replace(in_ratio=True)
                elif roll < 0.05:
                    entry = entry.replace(approved=False)
                elif roll < 0.07 and entry.format is Format.ONLINE_MODULE:
                    entry = entry.replace(setting=Setting.GROUP)
                elif roll < 0.09:
                    entry = entry.replace(start_time=None, end_time=None)
                elif roll < 0.10:
                    entry = entry.replace(clock_hours=entry.clock_hours + 100)
                elif roll < 0.12 and entry.format is Format.ONLINE_MODULE:
                    entry = entry.replace(enrolled_on=date(year - 2, 1, 15))
                entries.append(entry)
                next_entry_id += 1
                if rng.random() < 0.04 and entry.start_time is not None:
                    # a second sitting the same morning: both are denied for overlap
                    entries.append(
                        entry.replace(
                            title=COURSES[
                                (COURSES.index((title, course_id, provider)) + 1) % len(COURSES)
                            ][0],
                            course_id=None,
                            start_time=time(start_hour, 30),
                            end_time=time(start_hour + 1, 30),
                            clock_hours=100,
                            id=next_entry_id,
                        )
                    )
                    next_entry_id += 1
    return CenterData(
        center or make_center(hire_year_policy=HireYearPolicy.MONTHLY),
        tuple(staff),
        tuple(entries),
    )
