"""REPEAT_WITHIN_12_MONTHS (RULES.md section 3, fact 6)."""

from __future__ import annotations

import pytest

from tests.factories import make_entry, reason_names, verdicts_of

REPEAT = "REPEAT_WITHIN_12_MONTHS"


@pytest.mark.parametrize(
    ("earlier", "later", "repeat"),
    [
        ("2024-03-15", "2025-03-15", False),  # exactly earlier + 12 months: not a repeat
        ("2024-03-15", "2025-03-14", True),  # the day before: a repeat
        ("2024-03-15", "2024-03-15", True),  # same day
        ("2024-02-29", "2025-02-27", True),  # leap day + 12 months = 2025-02-28
        ("2024-02-29", "2025-02-28", False),
        ("2024-02-29", "2025-03-01", False),
        ("2024-12-31", "2025-12-30", True),
        ("2024-12-31", "2025-12-31", False),
    ],
)
def test_twelve_month_boundary(earlier: str, later: str, repeat: bool) -> None:
    # Different start times so that same-day completions have a clear order.
    v = verdicts_of(
        make_entry(1, completed_on=earlier, start_time="8:00", end_time="9:00"),
        make_entry(2, completed_on=later, start_time="10:00", end_time="11:00"),
    )
    assert reason_names(v[1]) == []
    assert reason_names(v[2]) == ([REPEAT] if repeat else [])
    assert v[2].repeat_of == (1 if repeat else None)


def test_same_day_earlier_start_time_is_the_earlier_completion() -> None:
    # The higher id started earlier, so the lower id is the repeat.
    v = verdicts_of(
        make_entry(1, start_time="14:00", end_time="15:00"),
        make_entry(2, start_time="9:00", end_time="10:00"),
    )
    assert reason_names(v[2]) == []
    assert reason_names(v[1]) == [REPEAT] and v[1].repeat_of == 2


def test_same_day_entry_without_start_time_comes_after_those_with_one() -> None:
    v = verdicts_of(
        make_entry(1),  # no times at all
        make_entry(2, start_time="16:00", end_time="17:00"),
    )
    assert reason_names(v[2]) == []
    assert reason_names(v[1]) == [REPEAT] and v[1].repeat_of == 2


def test_same_day_end_only_counts_as_no_start_time() -> None:
    v = verdicts_of(
        make_entry(1, end_time="8:00"),
        make_entry(2, start_time="16:00", end_time="17:00"),
    )
    assert reason_names(v[2]) == []
    assert v[1].repeat_of == 2


def test_same_day_without_start_times_lower_id_is_earlier() -> None:
    v = verdicts_of(make_entry(9), make_entry(4))
    assert reason_names(v[4]) == []
    assert reason_names(v[9]) == [REPEAT] and v[9].repeat_of == 4


def test_same_day_same_start_time_lower_id_is_earlier() -> None:
    # Entry 8 has no end time, so the two do not overlap; starts tie -> id decides.
    v = verdicts_of(
        make_entry(8, start_time="9:00"), make_entry(6, start_time="9:00", end_time="10:00")
    )
    assert reason_names(v[6]) == []
    assert reason_names(v[8]) == [REPEAT] and v[8].repeat_of == 6


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        (("Safe-Sleep  basics.", None), ("safe sleep Basics", None), True),
        (("  SAFE SLEEP\tBASICS ", None), ("safe_sleep basics!", None), True),
        (("Safe Sleep Basics", None), ("Safe Sleep Basics 2", None), False),
        (("Safe Sleep Basics", None), ("SafeSleep Basics", None), False),
        (("Safe Sleep", "C-100"), ("Sudden Infant Death", "C-100"), True),  # equal ids
        (("Safe Sleep", "C-100"), ("Safe Sleep", "C-200"), False),  # ids differ
        (("Safe Sleep", "C-100"), ("safe-sleep", None), True),  # one id: by title
        (("Safe Sleep", None), ("SAFE SLEEP.", "C-200"), True),  # one id: by title
        (("Safe Sleep", "C-100"), ("CPR", None), False),
    ],
)
def test_same_course_matching(
    first: tuple[str, str | None], second: tuple[str, str | None], same: bool
) -> None:
    v = verdicts_of(
        make_entry(1, title=first[0], course_id=first[1], completed_on="2025-01-10"),
        make_entry(2, title=second[0], course_id=second[1], completed_on="2025-04-10"),
    )
    assert reason_names(v[2]) == ([REPEAT] if same else [])


def test_same_course_is_not_transitive_through_titles() -> None:
    # X and Y are different courses sharing a title; an entry without an id matches
    # both by title.
    v = verdicts_of(
        make_entry(1, title="Safe Sleep", course_id="X", completed_on="2025-01-10"),
        make_entry(2, title="Safe Sleep", course_id="Y", completed_on="2025-02-10"),
        make_entry(3, title="safe sleep", course_id=None, completed_on="2025-03-10"),
        make_entry(4, title="Renamed", course_id="X", completed_on="2025-04-10"),
        make_entry(5, title="Safe Sleep", course_id="X", completed_on="2025-05-10"),
    )
    assert reason_names(v[1]) == []
    assert reason_names(v[2]) == []  # different course id, same title: not the same
    assert v[3].repeat_of == 2  # latest earlier match by title
    assert v[4].repeat_of == 1  # same id, different title
    assert v[5].repeat_of == 4  # latest of: id X (1, 4) and untitled-id 3 by title


@pytest.mark.parametrize(
    "earlier_changes",
    [{"in_ratio": True}, {"approved": False}],
    ids=["earlier_in_ratio", "earlier_not_approved"],
)
def test_denied_earlier_completion_still_counts(earlier_changes: dict[str, object]) -> None:
    v = verdicts_of(
        make_entry(1, completed_on="2025-01-10", **earlier_changes),
        make_entry(2, completed_on="2025-06-10"),
    )
    assert not v[1].credited
    assert reason_names(v[2]) == [REPEAT] and v[2].repeat_of == 1


def test_chain_of_repeats_is_measured_from_the_latest_completion() -> None:
    v = verdicts_of(
        make_entry(1, completed_on="2023-01-10"),
        make_entry(2, completed_on="2023-08-10"),  # repeat of 1
        make_entry(3, completed_on="2024-02-10"),  # 13 months after 1, within 12 of 2
        make_entry(4, completed_on="2025-02-10"),  # exactly 12 months after 3: not a repeat
    )
    assert reason_names(v[1]) == []
    assert v[2].repeat_of == 1
    assert v[3].repeat_of == 2 and reason_names(v[3]) == [REPEAT]
    assert reason_names(v[4]) == [] and v[4].repeat_of is None


def test_different_staff_never_repeat_each_other() -> None:
    v = verdicts_of(
        make_entry(1, staff_id=1, completed_on="2025-01-10", course_id="C-1"),
        make_entry(2, staff_id=2, completed_on="2025-01-11", course_id="C-1"),
    )
    assert v[1].credited and v[2].credited


def test_input_order_does_not_decide_which_is_earlier() -> None:
    later = make_entry(1, completed_on="2025-06-01")
    earlier = make_entry(2, completed_on="2025-01-01")
    for order in ((later, earlier), (earlier, later)):
        v = verdicts_of(*order)
        assert v[1].repeat_of == 2 and v[2].repeat_of is None
