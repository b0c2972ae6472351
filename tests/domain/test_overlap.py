"""OVERLAP (RULES.md section 3, fact 8): sittings of one staff member on one day
whose half-open intervals share more than zero minutes are all denied."""

from __future__ import annotations

import pytest

from ccdesktop.domain.records import Format, Setting
from tests.factories import make_entry, reason_names, verdicts_of, warning_names


def test_touching_intervals_do_not_overlap() -> None:
    v = verdicts_of(
        make_entry(1, title="A", start_time="9:00", end_time="10:00"),
        make_entry(2, title="B", start_time="10:00", end_time="11:00"),
    )
    assert reason_names(v[1]) == [] and reason_names(v[2]) == []
    assert v[1].overlaps_with == () and v[2].overlaps_with == ()


def test_one_minute_overlap_denies_both() -> None:
    v = verdicts_of(
        make_entry(1, title="A", start_time="9:00", end_time="10:01"),
        make_entry(2, title="B", start_time="10:00", end_time="11:00"),
    )
    assert reason_names(v[1]) == ["OVERLAP"]
    assert reason_names(v[2]) == ["OVERLAP"]
    assert v[1].overlaps_with == (2,)
    assert v[2].overlaps_with == (1,)


def test_identical_intervals_overlap() -> None:
    v = verdicts_of(
        make_entry(1, title="A", start_time="13:00", end_time="14:00"),
        make_entry(2, title="B", start_time="13:00", end_time="14:00"),
    )
    assert v[1].overlaps_with == (2,) and v[2].overlaps_with == (1,)
    assert not v[1].credited and not v[2].credited


def test_nested_interval_overlaps_its_container() -> None:
    v = verdicts_of(
        make_entry(1, title="Long", start_time="9:00", end_time="12:00"),
        make_entry(2, title="Inner", start_time="10:00", end_time="11:00"),
    )
    assert reason_names(v[1]) == ["OVERLAP"] and v[1].overlaps_with == (2,)
    assert reason_names(v[2]) == ["OVERLAP"] and v[2].overlaps_with == (1,)


def test_long_sitting_overlaps_two_that_do_not_overlap_each_other() -> None:
    # The long one stays "open" past the first short one: it overlaps both shorts,
    # the shorts (10-11, 12-13) do not overlap each other.
    v = verdicts_of(
        make_entry(1, title="Long", start_time="9:00", end_time="17:00"),
        make_entry(2, title="Short 1", start_time="10:00", end_time="11:00"),
        make_entry(3, title="Short 2", start_time="12:00", end_time="13:00"),
    )
    assert v[1].overlaps_with == (2, 3)
    assert v[2].overlaps_with == (1,)
    assert v[3].overlaps_with == (1,)
    assert all(reason_names(v[i]) == ["OVERLAP"] for i in (1, 2, 3))


def test_three_way_cluster_all_mutually_overlapping() -> None:
    v = verdicts_of(
        make_entry(7, title="A", start_time="9:00", end_time="12:00"),
        make_entry(3, title="B", start_time="10:00", end_time="13:00"),
        make_entry(5, title="C", start_time="11:00", end_time="14:00"),
    )
    assert v[7].overlaps_with == (3, 5)
    assert v[3].overlaps_with == (5, 7)
    assert v[5].overlaps_with == (3, 7)
    assert all(reason_names(v[i]) == ["OVERLAP"] for i in (3, 5, 7))


def test_three_way_chain_each_lists_only_its_own_overlaps() -> None:
    # A 9-11 and C 11:30-13 do not overlap; B 10-12 overlaps both.
    v = verdicts_of(
        make_entry(1, title="A", start_time="9:00", end_time="11:00"),
        make_entry(2, title="B", start_time="10:00", end_time="12:00"),
        make_entry(3, title="C", start_time="11:30", end_time="13:00"),
    )
    assert v[1].overlaps_with == (2,)
    assert v[2].overlaps_with == (1, 3)
    assert v[3].overlaps_with == (2,)
    assert all(not v[i].credited for i in (1, 2, 3))


def test_other_staff_at_the_same_time_does_not_count() -> None:
    v = verdicts_of(
        make_entry(1, staff_id=1, title="A", start_time="9:00", end_time="10:00"),
        make_entry(2, staff_id=2, title="A", start_time="9:00", end_time="10:00"),
    )
    assert v[1].credited and v[2].credited
    assert v[1].overlaps_with == () and v[2].overlaps_with == ()


def test_same_times_on_different_dates_do_not_overlap() -> None:
    v = verdicts_of(
        make_entry(1, title="A", completed_on="2025-03-04", start_time="9:00", end_time="10:00"),
        make_entry(2, title="B", completed_on="2025-03-05", start_time="9:00", end_time="10:00"),
    )
    assert v[1].credited and v[2].credited


@pytest.mark.parametrize(
    ("start", "end"),
    [("9:00", None), (None, "10:00"), (None, None)],
    ids=["start_only", "end_only", "neither"],
)
def test_entry_missing_times_is_never_overlap(start: str | None, end: str | None) -> None:
    v = verdicts_of(
        make_entry(1, title="Partial", start_time=start, end_time=end),
        make_entry(2, title="All morning", start_time="8:00", end_time="12:00"),
    )
    assert "OVERLAP" not in reason_names(v[1])
    assert "OVERLAP" not in reason_names(v[2])
    assert v[1].overlaps_with == () and v[2].overlaps_with == ()
    assert warning_names(v[1]) == ["MISSING_TIMES"]
    assert warning_names(v[2]) == []


@pytest.mark.parametrize(
    ("changes", "own_reasons"),
    [
        ({"in_ratio": True}, ["OVERLAP", "IN_RATIO"]),
        ({"approved": False}, ["OVERLAP", "NOT_APPROVED"]),
        (
            {"format": Format.ONLINE_MODULE, "setting": Setting.GROUP},
            ["OVERLAP", "ONLINE_GROUP"],
        ),
    ],
    ids=["in_ratio", "not_approved", "online_group"],
)
def test_denied_entry_in_overlap_still_denies_the_other(
    changes: dict[str, object], own_reasons: list[str]
) -> None:
    v = verdicts_of(
        make_entry(1, title="Denied anyway", start_time="9:00", end_time="11:00", **changes),
        make_entry(2, title="Clean", start_time="10:30", end_time="11:30"),
    )
    # The entry denied for another reason also carries OVERLAP ...
    assert reason_names(v[1]) == own_reasons
    # ... and it still denies the otherwise clean entry it overlaps.
    assert reason_names(v[2]) == ["OVERLAP"]
    assert v[2].overlaps_with == (1,)


def test_overlapping_repeat_still_denies_and_is_denied() -> None:
    # Entry 2 repeats entry 1 (same course, same day, later start) and overlaps entry 3.
    v = verdicts_of(
        make_entry(1, title="CPR", start_time="8:00", end_time="9:00"),
        make_entry(2, title="CPR", start_time="10:00", end_time="11:00"),
        make_entry(3, title="First Aid", start_time="10:30", end_time="12:00"),
    )
    assert reason_names(v[2]) == ["OVERLAP", "REPEAT_WITHIN_12_MONTHS"]
    assert reason_names(v[3]) == ["OVERLAP"]
    assert reason_names(v[1]) == []
