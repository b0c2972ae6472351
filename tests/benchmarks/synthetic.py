"""Synthetic centers of any size (staff x years x entries), for the benchmarks.

The data looks like a real center's: a few dozen DESE courses with course IDs, most
entries with times (a few overlapping), some in ratio, some online modules taken as a
group, repeats within twelve months, missing MOPD IDs, hires and departures. So the
engine, the importer and the report do the same work per row as on a director's file.
Everything is drawn from one seeded ``random.Random``: a size always gives the same center.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import date, time, timedelta
from pathlib import Path

from ccdesktop.domain.records import (
    Center,
    CenterData,
    Format,
    Setting,
    Staff,
    TrainingEntry,
)
from ccdesktop.store.database import Database
from ccdesktop.store.paths import make_private_dirs

FIRST_NAMES = (
    "María",
    "Thị Ánh",
    "José",
    "Shannon",
    "Keisha",
    "Emily",
    "Tyler",
    "Hannah",
    "Darlene",
    "Brandon",
    "Aaliyah",
    "Sarah",
    "Jessica",
    "Ashley",
    "Amanda",
    "Brittany",
    "Megan",
    "Ngọc",
    "Zoë",
    "Renée",
    "Chloé",
    "Destiny",
    "Kayla",
    "Latoya",
    "Rosa",
    "Guadalupe",
)
LAST_NAMES = (
    "González",
    "Nguyễn",
    "Peña",
    "O'Brien",
    "Washington",
    "Schneider",
    "Brooks",
    "Miller",
    "Fischer",
    "Kessler",
    "Johnson",
    "Whitfield",
    "Smith",
    "Williams",
    "Brown",
    "Davis",
    "García",
    "Martínez",
    "Hernández",
    "Lopez",
    "Jackson",
    "Thompson",
    "White",
    "Harris",
)
ROLES = ("Director", "Lead Teacher", "Assistant Teacher", "Infant Teacher", "Floater", "Cook")
PROVIDERS = (
    "Ozarks Technical Community College",
    "Springfield-Greene County Health Department (CCHC)",
    "DESE Office of Childhood",
    "Child Care Aware of Missouri",
    "University of Missouri Extension",
    "Missouri Workforce Registry",
)
TOPICS = (
    "Safe Sleep for Infants and Toddlers",
    "Child Development: Birth to Five",
    "Leadership in Early Childhood Programs",
    "Positive Guidance",
    "Health and Safety Basics",
    "Recognizing and Reporting Child Abuse",
    "Emergency Preparedness",
    "Medication Administration",
    "Early Literacy",
    "Inclusive Classrooms",
    "Nutrition and Food Safety",
    "Family Engagement",
    "Shaken Baby Syndrome Prevention",
    "CPR and First Aid",
    "Supporting Dual Language Learners",
    "Social-Emotional Development",
    "Math in Play",
    "Observation and Assessment",
    "Managing Challenging Behaviors",
    "Outdoor Learning",
    "STEM for Preschoolers",
    "Trauma-Informed Care",
    "Infant Brain Development",
    "Transportation Safety",
    "Curriculum Planning",
    "Professionalism and Ethics",
    "Music and Movement",
    "Developmental Screening",
    "Potty Training Practices",
    "Allergy Awareness",
)
# (start, end) sittings of a day; the hours an entry claims are the sitting's length
SITTINGS = (
    (9, 0, 11, 0),
    (9, 0, 12, 0),
    (13, 0, 15, 0),
    (13, 30, 16, 30),
    (18, 0, 20, 0),
    (8, 30, 9, 30),
    (10, 0, 11, 30),
    (14, 0, 15, 30),
)


@dataclass(frozen=True)
class Size:
    """A center of ``staff`` people, each with ``entries_per_year`` entries in each of
    ``years`` years ending with ``last_year`` (the audited year)."""

    staff: int
    years: int
    entries_per_year: int
    last_year: int = 2025

    @property
    def entries(self) -> int:
        return self.staff * self.years * self.entries_per_year

    def __str__(self) -> str:
        return f"{self.entries:,} entries / {self.staff:,} staff / {self.years} years"


#: the size the benchmarks' targets are judged at: a large real center (150 staff,
#: 10 years on record, about 13 entries per person per year; 19,500 entries)
REAL_CENTER = Size(staff=150, years=10, entries_per_year=13)
#: the size of the runs shown for information: 50-100x a real center
HUNDRED_THOUSAND = Size(staff=5000, years=2, entries_per_year=10)


def synthetic_center(size: Size, seed: int = 2025) -> CenterData:
    """A center of ``size`` with saved ids (staff 1.., entries 1.. in completion order)."""
    rng = random.Random(seed)
    first_year = size.last_year - size.years + 1
    staff: list[Staff] = []
    for number in range(1, size.staff + 1):
        hired = None
        if rng.random() < 0.3:  # hired during the years on record
            hired = date(rng.randint(first_year, size.last_year), rng.randint(1, 12), 1)
        ended = None
        if rng.random() < 0.05:
            ended = date(size.last_year, rng.randint(6, 12), 15)
            if hired is not None and ended < hired:
                ended = None
        # 2% have no MOPD ID yet (a warning) and are named in the training file by
        # name, which must then be unique; the rest have unique 7-digit IDs.
        mopd_id = None if rng.random() < 0.02 else str(1_000_000 + number)
        last_name = rng.choice(LAST_NAMES)
        if mopd_id is None:
            last_name = f"{last_name}-{_letters(number)}"
        staff.append(
            Staff(
                first_name=rng.choice(FIRST_NAMES),
                last_name=last_name,
                mopd_id=mopd_id,
                role=rng.choice(ROLES),
                requires_clock_hours=rng.random() >= 0.03,
                hire_date=hired,
                end_date=ended,
                id=number,
            )
        )

    courses = [(topic, f"{300000 + index * 17}") for index, topic in enumerate(TOPICS)]
    entries: list[TrainingEntry] = []
    for person in staff:
        assert person.id is not None
        seen: set[tuple[object, ...]] = set()
        for year in range(first_year, size.last_year + 1):
            for _ in range(size.entries_per_year):
                # the importer drops an exact duplicate (INTERFACES.md); draw again
                while True:
                    entry = _entry(rng, person.id, year, courses)
                    key = (
                        entry.title,
                        entry.course_id,
                        entry.completed_on,
                        entry.start_time,
                        entry.end_time,
                    )
                    if key not in seen:
                        break
                seen.add(key)
                entries.append(entry)
    entries.sort(key=lambda e: (e.completed_on, e.start_time or time.max, e.staff_id))
    entries = [entry.replace(id=number) for number, entry in enumerate(entries, start=1)]
    center = Center(
        name="Synthetic Learning Center", license_number="L-0000", director="Bench Mark"
    )
    return CenterData(center, tuple(staff), tuple(entries))


def _letters(number: int) -> str:
    """1 -> 'A', 27 -> 'AA': a unique, name-like suffix."""
    text = ""
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(ord("A") + rest) + text
    return text


def _entry(
    rng: random.Random, staff_id: int, year: int, courses: list[tuple[str, str]]
) -> TrainingEntry:
    title, course_id = rng.choice(courses)
    completed = date(year, 1, 1) + timedelta(days=rng.randrange(365))
    fmt = rng.choices(list(Format), weights=(6, 2, 2))[0]
    setting = Setting.GROUP if rng.random() < 0.15 else Setting.INDIVIDUAL
    start = end = None
    hours = rng.choice((100, 150, 200, 300))
    if rng.random() < 0.9:  # most entries have both times
        sh, sm, eh, em = rng.choice(SITTINGS)
        start, end = time(sh, sm), time(eh, em)
        hours = ((eh * 60 + em) - (sh * 60 + sm)) * 100 // 60
        if rng.random() < 0.02:
            hours += 50  # claims more than the sitting (a warning)
    enrolled = None
    if fmt is Format.ONLINE_MODULE and rng.random() < 0.5:
        enrolled = completed - timedelta(days=rng.randrange(420))  # some too late
    return TrainingEntry(
        staff_id=staff_id,
        title=title,
        completed_on=completed,
        clock_hours=min(hours, 2400),
        course_id=course_id if rng.random() < 0.8 else None,
        provider=rng.choice(PROVIDERS),
        format=fmt,
        setting=setting,
        start_time=start,
        end_time=end,
        in_ratio=rng.random() < 0.03,
        approved=rng.random() >= 0.02,
        enrolled_on=enrolled,
        notes="" if rng.random() < 0.9 else "Certificate on file",
    )


# --- files a director would import -------------------------------------------------


def write_staff_csv(path: Path, data: CenterData) -> Path:
    """``staff.csv`` of INTERFACES.md for the center's staff (Excel-style UTF-8 BOM)."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "first_name",
                "last_name",
                "mopd_id",
                "role",
                "hire_date",
                "end_date",
                "requires_clock_hours",
            ]
        )
        for person in data.staff:
            writer.writerow(
                [
                    person.first_name,
                    person.last_name,
                    person.mopd_id or "",
                    person.role,
                    _us_date(person.hire_date),
                    _us_date(person.end_date),
                    "yes" if person.requires_clock_hours else "no",
                ]
            )
    return path


def write_training_csv(path: Path, data: CenterData) -> Path:
    """``training.csv`` of INTERFACES.md: rows name staff by MOPD ID, or by name when
    the person has none; dates and times alternate between the forms directors type."""
    by_id = {person.id: person for person in data.staff}
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "mopd_id",
                "first_name",
                "last_name",
                "title",
                "course_id",
                "provider",
                "format",
                "setting",
                "completed_on",
                "start_time",
                "end_time",
                "clock_hours",
                "in_ratio",
                "approved",
                "enrolled_on",
                "notes",
            ]
        )
        for number, entry in enumerate(data.entries):
            person = by_id[entry.staff_id]
            us_style = number % 2 == 0
            writer.writerow(
                [
                    person.mopd_id or "",
                    "" if person.mopd_id else person.first_name,
                    "" if person.mopd_id else person.last_name,
                    entry.title,
                    entry.course_id or "",
                    entry.provider,
                    entry.format.value,
                    entry.setting.value,
                    _us_date(entry.completed_on) if us_style else entry.completed_on.isoformat(),
                    _time(entry.start_time, us_style),
                    _time(entry.end_time, us_style),
                    f"{entry.clock_hours // 100}.{entry.clock_hours % 100:02d}".rstrip("0").rstrip(
                        "."
                    ),
                    "yes" if entry.in_ratio else "no",
                    "yes" if entry.approved else "no",
                    _us_date(entry.enrolled_on),
                    entry.notes,
                ]
            )
    return path


def _us_date(day: date | None) -> str:
    return "" if day is None else f"{day.month}/{day.day}/{day.year}"


def _time(moment: time | None, twelve_hour: bool) -> str:
    if moment is None:
        return ""
    if not twelve_hour:
        return f"{moment.hour:02d}:{moment.minute:02d}"
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'PM' if moment.hour >= 12 else 'AM'}"


def staff_only(data: CenterData) -> CenterData:
    """The same center before any training was recorded."""
    return CenterData(data.center, data.staff, ())


def create_database(path: Path, data: CenterData) -> Path:
    """A ccdesktop database holding ``data``, written through the store's own API."""
    make_private_dirs(path.parent)
    with Database.open(path) as db:
        db.set_center(data.center)
        with db.transaction():
            for person in data.staff:
                db.add_staff(person)
            if data.entries:
                db.add_entries(data.entries)
    return path
