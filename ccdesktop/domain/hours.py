"""Exact clock hours.

Hours are kept as integer hundredths of an hour everywhere (``Hundredths``), so that
0.1 + 0.2 is exactly 0.3 and no binary float ever decides a verdict.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

Hundredths = int

MAX_ENTRY_HOURS: Hundredths = 2400


#: a plain decimal number in ASCII digits. Decimal() alone would also read "1e1",
#: "1_0" or non-ASCII digits, none of which is how anyone writes clock hours.
_PLAIN_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


class HoursError(ValueError):
    """A text that is not a valid number of clock hours; the message says why."""


def parse_hours(text: str) -> Hundredths:
    """Parse ``"1.5"``, ``"0.25"`` or ``"12"`` into hundredths (150, 25, 1200).

    Refuses anything that is not a plain decimal number with at most two decimals.
    Range checks (> 0, <= 24) belong to validation, not here.
    """
    cleaned = text.strip()
    if not _PLAIN_DECIMAL.fullmatch(cleaned):
        raise HoursError(f"{text!r} is not a number of hours")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise HoursError(f"{text!r} is not a number of hours") from None
    if not value.is_finite():
        raise HoursError(f"{text!r} is not a number of hours")
    scaled = value * 100
    if scaled != scaled.to_integral_value():
        raise HoursError(f"{text!r} has more than 2 decimals")
    return int(scaled)


def hours_decimal(hundredths: Hundredths) -> Decimal:
    """Hundredths as an exact Decimal with no trailing zeros beyond what is needed."""
    return (Decimal(hundredths) / 100).normalize() if hundredths else Decimal(0)


def format_hours(hundredths: Hundredths) -> str:
    """Hundredths as people write hours: 1200 -> "12", 150 -> "1.5", 25 -> "0.25"."""
    text = f"{hours_decimal(hundredths):f}"
    return text


def hours_json(hundredths: Hundredths) -> int | float:
    """Hundredths as a JSON number with at most 2 decimals (12, 1.5, 0.25)."""
    if hundredths % 100 == 0:
        return hundredths // 100
    # A two-decimal value round-trips exactly through float's shortest repr.
    return float(hours_decimal(hundredths).quantize(Decimal("0.01"), ROUND_HALF_UP))
