"""What the engine needs of its input: saved entries (ids), in any order."""

from __future__ import annotations

from datetime import date

import pytest

from ccdesktop.domain.records import TrainingEntry
from ccdesktop.domain.rules import CLEAN, evaluate_entries, in_completion_order
from tests.factories import make_entry


@pytest.mark.parametrize("other_id", [None, 5])
def test_an_entry_without_id_is_refused_plainly(other_id: int | None) -> None:
    unsaved = TrainingEntry(1, "Safe Sleep", date(2025, 1, 1), 100)
    other = TrainingEntry(1, "CPR", date(2025, 1, 1), 100, id=other_id)
    with pytest.raises(ValueError, match="saved entries"):
        evaluate_entries([unsaved, other])


def test_completion_order_from_any_order() -> None:
    late = make_entry(1, completed_on="2025-03-01")
    untimed = make_entry(2, completed_on="2025-02-01")
    timed = make_entry(3, completed_on="2025-02-01", start_time="09:00", end_time="10:00")
    ordered = [timed, untimed, late]  # on one day the timed sitting comes first
    assert in_completion_order([late, untimed, timed]) == ordered
    assert in_completion_order(ordered) == ordered


def test_entries_that_break_no_rule_share_one_verdict() -> None:
    verdicts = evaluate_entries(
        [
            make_entry(
                n,
                title=f"Course {n}",
                completed_on=f"2025-01-0{n}",
                start_time="09:00",
                end_time="10:00",
            )
            for n in (1, 2)
        ]
    )
    assert verdicts[1] is verdicts[2] is CLEAN
