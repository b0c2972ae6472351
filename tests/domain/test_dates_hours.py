"""Calendar arithmetic (``dates``) and exact hours (``hours``)."""

from __future__ import annotations

import json
from datetime import date, time
from decimal import Decimal

import pytest

from ccdesktop.domain.dates import add_months, format_date_us, format_time_12h, minutes
from ccdesktop.domain.hours import HoursError, format_hours, hours_json, parse_hours
from tests.factories import D


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2024-02-29", 12, "2025-02-28"),  # RULES.md's example
        ("2024-02-29", 48, "2028-02-29"),
        ("2024-01-31", 1, "2024-02-29"),
        ("2023-01-31", 1, "2023-02-28"),
        ("2024-03-31", 1, "2024-04-30"),
        ("2024-03-31", -1, "2024-02-29"),
        ("2024-12-15", 1, "2025-01-15"),
        ("2025-01-15", -1, "2024-12-15"),
        ("2024-10-31", 14, "2025-12-31"),
        ("2025-05-10", 0, "2025-05-10"),
        ("2025-05-10", 12, "2026-05-10"),
        ("2025-12-31", 12, "2026-12-31"),
    ],
)
def test_add_months(start: str, months: int, expected: str) -> None:
    assert add_months(D(start), months) == D(expected)


def test_minutes_and_formats() -> None:
    assert minutes(time(0, 0)) == 0
    assert minutes(time(9, 5)) == 545
    assert minutes(time(23, 59)) == 1439
    assert format_date_us(date(2025, 3, 4)) == "3/4/2025"
    assert format_date_us(None) == ""
    assert format_time_12h(time(0, 5)) == "12:05 AM"
    assert format_time_12h(time(12, 0)) == "12:00 PM"
    assert format_time_12h(time(13, 30)) == "1:30 PM"


@pytest.mark.parametrize(
    ("text", "hundredths"),
    [
        ("1.5", 150),
        ("0.25", 25),
        ("12", 1200),
        (" 2 ", 200),
        ("0.1", 10),
        ("1.50", 150),
        ("1.500", 150),
        (".5", 50),
        ("24", 2400),
        ("0.01", 1),
        ("0", 0),  # range is validation's business, not the parser's
        ("-1", -100),
    ],
)
def test_parse_hours_accepts(text: str, hundredths: int) -> None:
    assert parse_hours(text) == hundredths


@pytest.mark.parametrize(
    "text",
    [
        "1.555",
        "0.001",
        "NaN",
        "nan",
        "sNaN",
        "Infinity",
        "-inf",
        "",
        "   ",
        "abc",
        "1,5",
        "1.5h",
        "1 .5",
        "1e1",  # exponent notation is not how anyone writes hours
        "1E-2",
        "1_0",  # Decimal would read this as 10
        "\u0661\u0662",  # Arabic-Indic digits: Decimal would read 12
    ],
)
def test_parse_hours_refuses(text: str) -> None:
    with pytest.raises(HoursError):
        parse_hours(text)


def test_parse_hours_error_names_the_value() -> None:
    with pytest.raises(HoursError, match="1.555"):
        parse_hours("1.555")


def test_tenths_sum_exactly() -> None:
    assert parse_hours("0.1") + parse_hours("0.2") == parse_hours("0.3") == 30
    assert parse_hours("11.7") + parse_hours("0.1") + parse_hours("0.2") == 1200


@pytest.mark.parametrize(
    ("hundredths", "text"),
    [
        (1200, "12"),
        (1000, "10"),
        (150, "1.5"),
        (25, "0.25"),
        (105, "1.05"),
        (10, "0.1"),
        (1, "0.01"),
        (0, "0"),
        (2400, "24"),
        (-150, "-1.5"),
    ],
)
def test_format_hours(hundredths: int, text: str) -> None:
    assert format_hours(hundredths) == text


@pytest.mark.parametrize(
    ("hundredths", "as_json"),
    [
        (1200, "12"),
        (0, "0"),
        (150, "1.5"),
        (25, "0.25"),
        (30, "0.3"),
        (1, "0.01"),
        (1170 + 10 + 20, "12"),
        (2399, "23.99"),
    ],
)
def test_hours_json(hundredths: int, as_json: str) -> None:
    value = hours_json(hundredths)
    assert json.dumps(value) == as_json
    if hundredths % 100 == 0:
        assert type(value) is int


def test_every_valid_amount_round_trips() -> None:
    for hundredths in range(1, 2401):
        assert parse_hours(format_hours(hundredths)) == hundredths
        # the JSON number read back as a decimal is exactly the amount
        assert Decimal(json.dumps(hours_json(hundredths))) * 100 == hundredths
