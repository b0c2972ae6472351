"""Every accepted form of a cell value, and every refusal with its message."""

from __future__ import annotations

from datetime import date, time

import pytest

from ccdesktop.domain.records import Format, Setting
from ccdesktop.io.values import (
    parse_bool,
    parse_date,
    parse_format,
    parse_hours,
    parse_setting,
    parse_time,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-04", date(2025, 3, 4)),
        ("3/4/2025", date(2025, 3, 4)),
        ("03/04/2025", date(2025, 3, 4)),
        ("12/31/2025", date(2025, 12, 31)),
        ("2/29/2024", date(2024, 2, 29)),
        (" 2025-3-4 ", date(2025, 3, 4)),
    ],
)
def test_parse_date_accepts(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2/30/2025", "'2/30/2025' is not a date: February 2025 has 28 days"),
        ("2/29/2025", "'2/29/2025' is not a date: February 2025 has 28 days"),
        ("4/31/2025", "'4/31/2025' is not a date: April 2025 has 30 days"),
        ("3/4/25", "'3/4/25' has a 2-digit year; write the year in full (e.g. 3/4/2025)"),
        ("13/1/2025", "'13/1/2025' is not a date: there is no month 13"),
        ("2025-13-01", "'2025-13-01' is not a date: there is no month 13"),
        ("March 4, 2025", "'March 4, 2025' is not a date (use YYYY-MM-DD or M/D/YYYY)"),
        ("2025/03/04", "'2025/03/04' is not a date (use YYYY-MM-DD or M/D/YYYY)"),
        ("3/4/202", "'3/4/202' is not a date (use YYYY-MM-DD or M/D/YYYY)"),
        ("1/1/1025", "'1/1/1025' has the year 1025, which cannot be right"),
    ],
)
def test_parse_date_refuses(text: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_date(text)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:30", time(14, 30)),
        ("09:05", time(9, 5)),
        ("9:05", time(9, 5)),
        ("0:00", time(0, 0)),
        ("23:59", time(23, 59)),
        ("09:05:00", time(9, 5)),
        ("2:30 PM", time(14, 30)),
        ("2:30pm", time(14, 30)),
        ("2:30 p.m.", time(14, 30)),
        ("2:30 P.M.", time(14, 30)),
        ("9:00 am", time(9, 0)),
        ("9:00AM", time(9, 0)),
        ("9:00 a.m.", time(9, 0)),
        ("12:00 AM", time(0, 0)),
        ("12:15 PM", time(12, 15)),
        ("12:00 pm", time(12, 0)),
        ("9:00:00 AM", time(9, 0)),
    ],
)
def test_parse_time_accepts(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("25:00", "'25:00' is not a time: 24-hour times run 0:00 to 23:59"),
        ("24:00", "'24:00' is not a time"),
        ("13:00 PM", "'13:00 PM' is not a time: with AM/PM the hour runs 1 to 12"),
        ("0:30 AM", "'0:30 AM' is not a time: with AM/PM the hour runs 1 to 12"),
        ("9:60", "'9:60' is not a time: minutes run 00 to 59"),
        ("09:05:30", "'09:05:30' has seconds"),
        ("9.30", "'9.30' is not a time (use 24-hour HH:MM or h:MM AM/PM)"),
        ("9 AM", "'9 AM' is not a time"),
        ("noon", "'noon' is not a time"),
    ],
)
def test_parse_time_refuses(text: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_time(text)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize("text", ["yes", "YES", "Yes", "y", "Y", "true", "TRUE", "1"])
def test_parse_bool_true(text: str) -> None:
    assert parse_bool(text) is True


@pytest.mark.parametrize("text", ["no", "NO", "n", "N", "false", "False", "0"])
def test_parse_bool_false(text: str) -> None:
    assert parse_bool(text) is False


@pytest.mark.parametrize("text", ["maybe", "2", "x", "nope"])
def test_parse_bool_refuses(text: str) -> None:
    with pytest.raises(ValueError, match=f"^'{text}' is not yes or no"):
        parse_bool(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", Format.IN_PERSON),
        ("in_person", Format.IN_PERSON),
        ("In-Person", Format.IN_PERSON),
        ("in person", Format.IN_PERSON),
        ("CLASSROOM", Format.IN_PERSON),
        ("live_virtual", Format.LIVE_VIRTUAL),
        ("Webinar", Format.LIVE_VIRTUAL),
        ("virtual", Format.LIVE_VIRTUAL),
        ("online_module", Format.ONLINE_MODULE),
        ("Online Module", Format.ONLINE_MODULE),
        ("e-learning", Format.ONLINE_MODULE),
        ("E-Learning", Format.ONLINE_MODULE),
        ("elearning", Format.ONLINE_MODULE),
    ],
)
def test_parse_format(text: str, expected: Format) -> None:
    assert parse_format(text) is expected


def test_parse_format_refuses() -> None:
    with pytest.raises(ValueError, match="^'podcast' is not a training format"):
        parse_format("podcast")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", Setting.INDIVIDUAL), ("individual", Setting.INDIVIDUAL), ("Group", Setting.GROUP)],
)
def test_parse_setting(text: str, expected: Setting) -> None:
    assert parse_setting(text) is expected


def test_parse_setting_refuses() -> None:
    with pytest.raises(ValueError, match="^'team' is not a setting"):
        parse_setting("team")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1.5", 150), ("0.25", 25), ("12", 1200), ("24", 2400), (".5", 50), ("0.1", 10)],
)
def test_parse_hours_accepts(text: str, expected: int) -> None:
    assert parse_hours(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0", "'0' must be more than 0"),
        ("0.00", "'0.00' must be more than 0"),
        ("24.5", "'24.5' is more than 24 hours"),
        ("1.234", "'1.234' has more than 2 decimals"),
        ("1,5", "'1,5' is not a number of hours (use a decimal point: 1.5)"),
        ("two", "'two' is not a number of hours"),
        ("-1", "'-1' is not a number of hours"),
        ("1e2", "'1e2' is not a number of hours"),
    ],
)
def test_parse_hours_refuses(text: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_hours(text)
    assert str(caught.value).startswith(message)
