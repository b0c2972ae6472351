"""explain.py: one plain-words wording of every code and verdict, with its rule."""

from __future__ import annotations

from datetime import date, time

import pytest

from ccdesktop.domain.codes import Reason, WarningCode
from ccdesktop.domain.explain import (
    DESE_FACTS,
    REASONS,
    WARNINGS,
    describe_reasons,
    describe_verdict,
    describe_warnings,
    explain,
    format_duration,
    format_time_range,
)
from ccdesktop.domain.records import Format, Setting, TrainingEntry
from ccdesktop.domain.rules import Verdict, evaluate_entries
from tests.factories import make_entry


def entry(entry_id: int, title: str = "Safe Sleep", **fields: object) -> TrainingEntry:
    """Entry ``entry_id`` of staff 1: one hour, 9:00 to 10:00 on 3/4/2025, unless told."""
    fields.setdefault("start_time", time(9))
    fields.setdefault("end_time", time(10))
    return make_entry(entry_id, title=title, **fields)


def verdict_sentences(*entries: TrainingEntry) -> dict[int, list[str]]:
    verdicts = evaluate_entries(list(entries))
    by_id = {e.id: e for e in entries}
    return {e.id: describe_verdict(e, verdicts[e.id], by_id) for e in entries}  # type: ignore[index,misc]


@pytest.mark.parametrize("code", [*Reason, *WarningCode])
def test_every_code_is_explained(code: Reason | WarningCode) -> None:
    why = explain(code)
    assert why.code is code
    assert why.label and why.reason.endswith(".") and why.remedy.endswith(".")
    for fact in why.facts:
        assert DESE_FACTS[fact] in why.rule
    if why.older_rule:
        # the earlier guidance is cited as what it is, never as DESE's
        assert not why.facts and why.rule_source == "Missouri clock-hour guidance"
        assert why.rule.startswith("Missouri clock-hour guidance for licensed care")
    elif not why.facts:
        assert "not a DESE rule" in why.rule  # never pass the app's own check off as DESE's


def test_tables_cover_every_code_exactly() -> None:
    assert set(REASONS) == set(Reason) and set(WARNINGS) == set(WarningCode)


def test_rules_cite_the_facts_of_rules_md() -> None:
    assert explain(Reason.OVERLAP).rule_source == "DESE guidance"
    assert explain(Reason.OVERLAP).rule.startswith(
        'DESE guidance: "Trainings must be completed one at a time.'
    )
    assert explain(Reason.IN_RATIO).facts == (4,)
    assert explain(Reason.ONLINE_GROUP).facts == (5,)
    assert explain(Reason.REPEAT_WITHIN_12_MONTHS).facts == (6,)
    assert explain(Reason.ELEARNING_WINDOW).facts == (6,)
    assert explain(Reason.NOT_APPROVED).facts == (3, 7, 9)
    assert explain(WarningCode.MISSING_MOPD_ID).facts == (2,)
    assert explain(WarningCode.LIKELY_GROUP_USE).facts == (5,)
    assert explain(WarningCode.NOT_ON_MOPD_REPORT).facts == (9, 7)
    assert explain(Reason.TRAINER_OWN_SESSION).facts == ()
    assert explain(Reason.TRAINER_OWN_SESSION).rule_source == "Missouri clock-hour guidance"


def test_overlap_names_the_other_sitting() -> None:
    said = verdict_sentences(
        entry(1, "Safe Sleep"),
        entry(2, "CPR", start_time=time(9, 30), end_time=time(10, 30)),
    )
    assert said[1] == ["overlaps CPR 9:30-10:30 AM on 3/4/2025"]
    assert said[2] == ["overlaps Safe Sleep 9:00-10:00 AM on 3/4/2025"]


def test_overlap_with_several_names_each() -> None:
    said = verdict_sentences(
        entry(1, "Long", start_time=time(9), end_time=time(12)),
        entry(2, "A", start_time=time(9), end_time=time(10)),
        entry(3, "B", start_time=time(11), end_time=time(13)),
    )
    assert said[1] == [
        "overlaps A 9:00-10:00 AM on 3/4/2025",
        "overlaps B 11:00 AM-1:00 PM on 3/4/2025",
    ]


def test_repeat_names_the_earlier_completion() -> None:
    said = verdict_sentences(
        entry(1, "CPR", completed_on=date(2024, 5, 10), course_id="C1"),
        entry(2, "CPR", completed_on=date(2025, 3, 1), course_id="C1"),
    )
    assert said[1] == []
    assert said[2] == ["repeats CPR within 12 months of 5/10/2024"]


def test_repeat_whose_earlier_entry_is_not_given_still_says_what_it_is() -> None:
    repeat = entry(2, "CPR")
    verdict = Verdict(reasons=(Reason.REPEAT_WITHIN_12_MONTHS,), repeat_of=1)
    assert describe_reasons(repeat, verdict, {}) == [
        "repeats CPR within 12 months of an earlier completion"
    ]


def test_single_entry_reasons_in_table_order() -> None:
    late_group = entry(
        1,
        in_ratio=True,
        format=Format.ONLINE_MODULE,
        setting=Setting.GROUP,
        enrolled_on=date(2024, 1, 15),
        approved=False,
    )
    assert verdict_sentences(late_group)[1] == [
        "in ratio with children: no credit",
        "online module taken as group training: no credit",
        "online course begun 1/15/2024 had to be finished by 1/15/2025, finished 3/4/2025",
        "not DESE-approved / not on the MOPD training report: no credit",
    ]


def test_warnings_follow_reasons() -> None:
    no_times = entry(1, "CPR", in_ratio=True, start_time=None, end_time=None)
    too_many = entry(2, clock_hours=300, start_time=time(13), end_time=time(14, 30))
    said = verdict_sentences(no_times, too_many)
    assert said[1] == [
        "in ratio with children: no credit",
        "no start or end time: overlaps could not be checked",
    ]
    assert said[2] == ["3 hours recorded for a sitting of 1 h 30 min (1:00-2:30 PM)"]
    verdict = Verdict(warnings=(WarningCode.HOURS_EXCEED_SITTING,))
    assert describe_warnings(too_many, verdict) == said[2]


def test_credited_entry_says_nothing() -> None:
    assert verdict_sentences(entry(1))[1] == []


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (time(9), time(10), "9:00-10:00 AM"),
        (time(11, 30), time(12, 30), "11:30 AM-12:30 PM"),
        (time(0, 5), time(1), "12:05-1:00 AM"),
        (time(13), time(17, 45), "1:00-5:45 PM"),
    ],
)
def test_time_range(start: time, end: time, text: str) -> None:
    assert format_time_range(start, end) == text


@pytest.mark.parametrize(
    ("minutes", "text"), [(90, "1 h 30 min"), (120, "2 h"), (45, "45 min"), (0, "0 min")]
)
def test_duration(minutes: int, text: str) -> None:
    assert format_duration(minutes) == text
