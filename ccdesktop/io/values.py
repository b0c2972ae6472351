"""Cell values as directors type them: US and ISO dates, 12- and 24-hour times,
yes/no, format and setting synonyms, decimal hours.

Each parser takes a trimmed, non-empty cell (``parse_format`` and ``parse_setting``
give the default for a blank one) and raises ``ValueError`` with a message that
quotes the value, ready to follow ``row N, column C:``.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, time
from functools import lru_cache

from ..domain.hours import HoursError, Hundredths, format_hours
from ..domain.hours import parse_hours as parse_hours_text
from ..domain.records import EntryKind, Format, Setting
from ..domain.validation import validate_clock_hours

#: dates outside these years are typing mistakes (0202, 20255), not history
MIN_YEAR = 1900
MAX_YEAR = 2100

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d+)")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?", re.IGNORECASE)
_HOURS = re.compile(r"\d+(\.\d*)?|\.\d+")

DATE_FORMS = "use YYYY-MM-DD or M/D/YYYY"
TIME_FORMS = "use 24-hour HH:MM or h:MM AM/PM"

_TRUE = frozenset({"yes", "y", "true", "1"})
_FALSE = frozenset({"no", "n", "false", "0"})

_FORMATS = {
    "in person": Format.IN_PERSON,
    "classroom": Format.IN_PERSON,
    "live virtual": Format.LIVE_VIRTUAL,
    "webinar": Format.LIVE_VIRTUAL,
    "virtual": Format.LIVE_VIRTUAL,
    "online module": Format.ONLINE_MODULE,
    "e learning": Format.ONLINE_MODULE,
    "elearning": Format.ONLINE_MODULE,
}
_SETTINGS = {"individual": Setting.INDIVIDUAL, "group": Setting.GROUP}
_KINDS = {
    "training": EntryKind.TRAINING,
    "credential": EntryKind.CREDENTIAL,
    "certificate": EntryKind.CREDENTIAL,
    "certification": EntryKind.CREDENTIAL,
}

# A training file repeats the same few hundred dates, times, hours and formats over
# thousands of rows; remembering each parsed cell makes a 100,000-row import several
# seconds faster. Only successes are cached (a ValueError is raised again each time),
# and every result is immutable.
_cached = lru_cache(maxsize=4096)


@_cached
def parse_date(text: str) -> date:
    """``2025-03-04``, ``3/4/2025`` or ``03/04/2025`` (US: month first)."""
    value = text.strip()
    iso = _ISO_DATE.fullmatch(value)
    us = None if iso else _US_DATE.fullmatch(value)
    if iso:
        year, month, day = map(int, iso.groups())
    elif us:
        month, day = int(us.group(1)), int(us.group(2))
        year_text = us.group(3)
        if len(year_text) <= 2:
            raise ValueError(
                f"{text!r} has a 2-digit year; write the year in full "
                f"(e.g. {month}/{day}/20{int(year_text):02d})"
            )
        if len(year_text) != 4:
            raise ValueError(f"{text!r} is not a date ({DATE_FORMS})")
        year = int(year_text)
    else:
        raise ValueError(f"{text!r} is not a date ({DATE_FORMS})")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"{text!r} has the year {year}, which cannot be right")
    if not 1 <= month <= 12:
        hint = " (month comes first: M/D/YYYY)" if us and 1 <= day <= 12 else ""
        raise ValueError(f"{text!r} is not a date: there is no month {month}{hint}")
    try:
        return date(year, month, day)
    except ValueError:  # no such day in the month (a file has thousands of good dates)
        last = calendar.monthrange(year, month)[1]
        raise ValueError(
            f"{text!r} is not a date: {calendar.month_name[month]} {year} has {last} days"
        ) from None


@_cached
def parse_time(text: str) -> time:
    """``14:30``, ``9:05``, ``09:05:00``, ``2:30 PM``, ``2:30pm``, ``2:30 p.m.``."""
    value = text.strip()
    match = _TIME.fullmatch(value)
    if not match:
        raise ValueError(f"{text!r} is not a time ({TIME_FORMS})")
    hour, minute = int(match.group(1)), int(match.group(2))
    seconds, meridiem = match.group(3), match.group(4)
    if minute > 59:
        raise ValueError(f"{text!r} is not a time: minutes run 00 to 59")
    if seconds is not None and int(seconds) != 0:
        raise ValueError(f"{text!r} has seconds; give hours and minutes only ({TIME_FORMS})")
    if meridiem is None:
        if hour > 23:
            raise ValueError(f"{text!r} is not a time: 24-hour times run 0:00 to 23:59")
        return time(hour, minute)
    if not 1 <= hour <= 12:
        raise ValueError(
            f"{text!r} is not a time: with AM/PM the hour runs 1 to 12 "
            f"(write {hour}:{minute:02d} without AM/PM for a 24-hour time)"
            if 13 <= hour <= 23
            else f"{text!r} is not a time: with AM/PM the hour runs 1 to 12"
        )
    pm = meridiem.lower().startswith("p")
    return time(hour % 12 + (12 if pm else 0), minute)


@_cached
def parse_bool(text: str) -> bool:
    """yes/no, y/n, true/false, 1/0, any case."""
    value = text.strip().casefold()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"{text!r} is not yes or no (use yes/no, y/n, true/false or 1/0)")


def _synonym_key(text: str) -> str:
    return " ".join(re.sub(r"[-_]", " ", text.casefold()).split())


@_cached
def parse_format(text: str) -> Format:
    """``in_person`` (the default for a blank cell), ``live_virtual``, ``online_module``,
    or a common synonym such as ``classroom``, ``webinar`` or ``e-learning``."""
    if not text.strip():
        return Format.IN_PERSON
    found = _FORMATS.get(_synonym_key(text))
    if found is None:
        raise ValueError(
            f"{text!r} is not a training format (use in_person, live_virtual or online_module)"
        )
    return found


@_cached
def parse_setting(text: str) -> Setting:
    """``individual`` (the default for a blank cell) or ``group``."""
    if not text.strip():
        return Setting.INDIVIDUAL
    found = _SETTINGS.get(_synonym_key(text))
    if found is None:
        raise ValueError(f"{text!r} is not a setting (use individual or group)")
    return found


@_cached
def parse_kind(text: str) -> EntryKind:
    """``training`` (the default for a blank cell) or ``credential`` (also accepted:
    ``certificate``, ``certification``), any case."""
    if not text.strip():
        return EntryKind.TRAINING
    found = _KINDS.get(_synonym_key(text))
    if found is None:
        raise ValueError(f"{text!r} is not a kind of entry (use training or credential)")
    return found


@_cached
def parse_hours(text: str) -> Hundredths:
    """Clock hours of one entry: a plain decimal with at most 2 decimals, > 0, <= 24."""
    value = text.strip()
    if re.fullmatch(r"\d+,\d{1,2}", value):
        raise ValueError(
            f"{text!r} is not a number of hours (use a decimal point: {value.replace(',', '.')})"
        )
    if not _HOURS.fullmatch(value):
        raise ValueError(f"{text!r} is not a number of hours (write e.g. 1.5 or 0.25)")
    try:
        hundredths = parse_hours_text(value)
    except HoursError as error:
        raise ValueError(str(error)) from None
    problem = validate_clock_hours(hundredths)
    if problem:
        # The domain message starts with the hours as it formats them ("0 must be more
        # than 0"); quote the cell as typed instead.
        shown = format_hours(hundredths)
        rest = problem[len(shown) :].strip() if problem.startswith(shown) else problem
        raise ValueError(f"{text!r} {rest}")
    return hundredths
