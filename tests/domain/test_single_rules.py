"""The rules that look at one entry alone: IN_RATIO, ONLINE_GROUP, ELEARNING_WINDOW,
NOT_APPROVED (RULES.md section 3), and the order codes are listed in."""

from __future__ import annotations

import pytest

from ccdesktop.domain.records import Format, Setting
from tests.factories import D, make_entry, reason_names, verdicts_of


def test_in_ratio_denies() -> None:
    v = verdicts_of(make_entry(1, in_ratio=True), make_entry(2, title="Other", in_ratio=False))
    assert reason_names(v[1]) == ["IN_RATIO"]
    assert reason_names(v[2]) == []


@pytest.mark.parametrize(
    ("fmt", "setting", "denied"),
    [
        (Format.ONLINE_MODULE, Setting.GROUP, True),
        (Format.ONLINE_MODULE, Setting.INDIVIDUAL, False),
        (Format.IN_PERSON, Setting.GROUP, False),
        (Format.IN_PERSON, Setting.INDIVIDUAL, False),
        (Format.LIVE_VIRTUAL, Setting.GROUP, False),
        (Format.LIVE_VIRTUAL, Setting.INDIVIDUAL, False),
    ],
)
def test_online_group_only_for_online_module_in_a_group(
    fmt: Format, setting: Setting, denied: bool
) -> None:
    v = verdicts_of(make_entry(1, format=fmt, setting=setting))
    assert reason_names(v[1]) == (["ONLINE_GROUP"] if denied else [])


def test_not_approved_denies() -> None:
    v = verdicts_of(make_entry(1, approved=False), make_entry(2, title="Other", approved=True))
    assert reason_names(v[1]) == ["NOT_APPROVED"]
    assert reason_names(v[2]) == []


# --- ELEARNING_WINDOW ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("enrolled", "completed", "late"),
    [
        ("2024-05-10", "2025-05-10", False),  # exactly enrolled_on + 12 months: in time
        ("2024-05-10", "2025-05-11", True),  # one day later
        ("2024-05-10", "2025-05-09", False),
        ("2024-02-29", "2025-02-28", False),  # leap-day enrolment: + 12 months = Feb 28
        ("2024-02-29", "2025-03-01", True),
        ("2023-03-31", "2024-03-31", False),
        ("2023-03-31", "2024-04-01", True),
        ("2025-01-01", "2025-01-01", False),  # same day
    ],
)
def test_elearning_window_edges(enrolled: str, completed: str, late: bool) -> None:
    v = verdicts_of(
        make_entry(1, completed_on=completed, format=Format.ONLINE_MODULE, enrolled_on=D(enrolled))
    )
    assert reason_names(v[1]) == (["ELEARNING_WINDOW"] if late else [])


@pytest.mark.parametrize("fmt", [Format.IN_PERSON, Format.LIVE_VIRTUAL])
def test_elearning_window_only_for_online_modules(fmt: Format) -> None:
    v = verdicts_of(
        make_entry(1, completed_on="2025-06-01", format=fmt, enrolled_on=D("2020-01-01"))
    )
    assert reason_names(v[1]) == []


def test_elearning_window_never_when_enrolment_unknown() -> None:
    v = verdicts_of(
        make_entry(1, completed_on="2030-06-01", format=Format.ONLINE_MODULE, enrolled_on=None)
    )
    assert reason_names(v[1]) == []


# --- several codes ------------------------------------------------------------------


def test_all_six_codes_listed_in_table_order() -> None:
    everything_wrong = make_entry(
        3,
        title="Safe Sleep",
        completed_on="2025-03-04",
        start_time="9:00",
        end_time="10:00",
        in_ratio=True,
        format=Format.ONLINE_MODULE,
        setting=Setting.GROUP,
        enrolled_on=D("2023-01-01"),
        approved=False,
    )
    v = verdicts_of(
        everything_wrong,
        make_entry(1, title="Safe Sleep", completed_on="2025-01-15"),  # earlier completion: repeat
        make_entry(
            2, title="CPR", completed_on="2025-03-04", start_time="9:30", end_time="10:30"
        ),  # overlap
    )
    assert reason_names(v[3]) == [
        "OVERLAP",
        "IN_RATIO",
        "ONLINE_GROUP",
        "REPEAT_WITHIN_12_MONTHS",
        "ELEARNING_WINDOW",
        "NOT_APPROVED",
    ]
    assert v[3].repeat_of == 1
    assert v[3].overlaps_with == (2,)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"approved": False, "in_ratio": True}, ["IN_RATIO", "NOT_APPROVED"]),
        (
            {"approved": False, "format": Format.ONLINE_MODULE, "setting": Setting.GROUP},
            ["ONLINE_GROUP", "NOT_APPROVED"],
        ),
        (
            {"in_ratio": True, "format": Format.ONLINE_MODULE, "setting": Setting.GROUP},
            ["IN_RATIO", "ONLINE_GROUP"],
        ),
    ],
)
def test_pairs_of_codes_in_table_order(changes: dict[str, object], expected: list[str]) -> None:
    v = verdicts_of(make_entry(1, **changes))
    assert reason_names(v[1]) == expected
    assert not v[1].credited
