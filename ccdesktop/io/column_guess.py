"""Guessing which of our columns a file's header means, without Qt: for the MOPD
report (whose export names its columns its own way), and for the import wizard's
column matching of any staff or training file whose headers are written for people
("Completion Date", "MOPD #", "Job title").

A header is compared simplified: case-folded, each run of marks and spaces one space
("MOPD #" -> "mopd", "Date-Completed" -> "date completed"). It is our column when,
with underscores for spaces, it is a column's name; else when it is a known synonym.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

from .csv_read import header_key

#: a header mapped to this is not read (io's column_map convention)
IGNORE = ""

#: headers other programs (and the MOPD registry's exports) use for our columns
SYNONYMS: Mapping[str, str] = {
    # who
    "first": "first_name", "first name": "first_name", "given name": "first_name",
    "firstname": "first_name",
    "last": "last_name", "last name": "last_name", "surname": "last_name",
    "family name": "last_name", "lastname": "last_name",
    "mopd": "mopd_id", "mopd number": "mopd_id", "mopd no": "mopd_id", "mopdid": "mopd_id",
    "mopd id number": "mopd_id", "mopd id": "mopd_id", "professional id": "mopd_id",
    "individual id": "mopd_id", "person id": "mopd_id", "registry id": "mopd_id",
    # the staff list
    "position": "role", "job title": "role", "job": "role",
    "hired": "hire_date", "date hired": "hire_date", "start date": "hire_date",
    "left": "end_date", "termination date": "end_date", "date left": "end_date",
    "caregiver": "requires_clock_hours", "requires hours": "requires_clock_hours",
    # the training
    "course": "title", "course title": "title", "course name": "title",
    "training": "title", "training title": "title", "training name": "title",
    "event": "title", "event title": "title", "event name": "title",
    "session title": "title", "session name": "title",
    "course id": "course_id", "course number": "course_id", "course no": "course_id",
    "event id": "course_id", "event number": "course_id", "training id": "course_id",
    "session id": "course_id", "training number": "course_id",
    "completed": "completed_on", "date completed": "completed_on",
    "completion date": "completed_on", "completed date": "completed_on",
    "training date": "completed_on", "event date": "completed_on",
    "session date": "completed_on", "date attended": "completed_on", "date": "completed_on",
    "hours": "clock_hours", "clock hours": "clock_hours", "credit hours": "clock_hours",
    "clock hrs": "clock_hours", "training hours": "clock_hours", "hours earned": "clock_hours",
    "approved hours": "clock_hours",
    "trainer": "provider", "trainer name": "provider", "organization": "provider",
    "sponsor": "provider", "training organization": "provider",
    "sponsoring organization": "provider",
    "start": "start_time", "begin": "start_time", "start time": "start_time",
    "end": "end_time", "end time": "end_time",
    "enrolled": "enrolled_on", "enrollment date": "enrolled_on",
    "comments": "notes", "note": "notes",
}  # fmt: skip


def simplify(text: str) -> str:
    """ "MOPD #", "mopd-id" -> "mopd", "mopd id": case-folded words without marks."""
    return " ".join(re.sub(r"[\W_]+", " ", header_key(text)).split())


def guess_column(header: str, fields: Collection[str]) -> str:
    """Our column (one of ``fields``) for a file header, or ``IGNORE``."""
    simple = simplify(header)
    underscored = simple.replace(" ", "_")
    if underscored in fields:
        return underscored
    guess = SYNONYMS.get(simple, IGNORE)
    return guess if guess in fields else IGNORE


def guess_columns(
    header: Sequence[str],
    fields: Collection[str],
    remembered: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """A column map (header as written -> our column, or ``IGNORE``) for every header
    cell: what ``remembered`` says of a header (compared as headers are), else the
    guess. A column is guessed for one header only, the first; a remembered choice
    wins over a guess."""
    known = {header_key(k): v for k, v in (remembered or {}).items()}
    chosen: dict[str, str] = {}
    taken: set[str] = set()
    for text in header:
        key = header_key(text)
        if key and key in known and known[key] in (*fields, IGNORE):
            chosen[text] = known[key]
            if known[key]:
                taken.add(known[key])
    for text in header:
        if text in chosen or not header_key(text):
            continue
        guess = guess_column(text, fields)
        if guess in taken:
            guess = IGNORE
        chosen[text] = guess
        if guess:
            taken.add(guess)
    return chosen
