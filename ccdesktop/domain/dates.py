"""Calendar arithmetic the rules need."""

from __future__ import annotations

import calendar
from datetime import date, time
from functools import lru_cache


# A pure function of a date, asked once for each repeat and e-learning start of a
# center's entries (17,000 times in a 19,500-entry audit), over a few thousand
# distinct dates: remembering them is several times cheaper than calendar.monthrange.
@lru_cache(maxsize=16384)
def add_months(day: date, months: int) -> date:
    """The same day of the month ``months`` later; a day that does not exist becomes
    the last day of that month (RULES.md: 2024-02-29 + 12 months = 2025-02-28)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def minutes(t: time) -> int:
    """Minutes since midnight."""
    return t.hour * 60 + t.minute


def format_date_us(day: date | None) -> str:
    """M/D/YYYY, as a Missouri director writes dates; '' for None."""
    return "" if day is None else f"{day.month}/{day.day}/{day.year}"


def format_time_12h(t: time | None) -> str:
    """h:MM AM/PM; '' for None."""
    if t is None:
        return ""
    hour = t.hour % 12 or 12
    return f"{hour}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"


def format_time_24h(t: time | None) -> str | None:
    """HH:MM or None (the audit JSON form)."""
    return None if t is None else f"{t.hour:02d}:{t.minute:02d}"
