"""The rules issue 14 adds from the older guidance and the MOPD report:
TRAINER_OWN_SESSION (denial), LIKELY_GROUP_USE and NOT_ON_MOPD_REPORT (warnings), and
credentials, which no rule of sections 3 and 4 judges. Each at its edge."""

from __future__ import annotations

import pytest

from ccdesktop.domain.codes import Reason, WarningCode
from ccdesktop.domain.explain import describe_verdict, describe_warnings
from ccdesktop.domain.records import Center, EntryKind, Format, Setting
from ccdesktop.domain.rules import (
    Verdict,
    find_likely_group_use,
    is_full_year_credential,
    is_not_on_mopd_report,
    with_center_warnings,
)
from tests.factories import (
    D,
    T,
    audit,
    make_entry,
    make_staff,
    reason_names,
    verdicts_of,
    warning_names,
)

# --- TRAINER_OWN_SESSION ------------------------------------------------------------


def test_a_session_the_person_conducted_is_denied() -> None:
    v = verdicts_of(
        make_entry(1, as_trainer=True, start_time="9:00", end_time="10:00"),
        make_entry(
            2, title="Other", completed_on="2025-04-01", start_time="9:00", end_time="10:00"
        ),
    )
    assert reason_names(v[1]) == ["TRAINER_OWN_SESSION"]
    assert v[2].credited


def test_trainer_own_session_comes_last_in_table_order() -> None:
    v = verdicts_of(make_entry(1, as_trainer=True, in_ratio=True, approved=False))
    assert reason_names(v[1]) == ["IN_RATIO", "NOT_APPROVED", "TRAINER_OWN_SESSION"]


def test_trainer_own_session_earns_nothing_in_the_ledger() -> None:
    staff = [make_staff(1, hire_date="2024-01-01")]
    result = audit(
        staff,
        [
            make_entry(1, as_trainer=True, clock_hours=1200, start_time="9:00", end_time="21:00"),
            make_entry(
                2,
                title="Other",
                completed_on="2025-04-01",
                clock_hours=300,
                start_time="9:00",
                end_time="12:00",
            ),
        ],
        2025,
    )
    assert result.standing(1).earned == 300
    assert describe_verdict(result.entries[0].entry, result.entries[0].verdict, {}) == [
        "conducted by this person as its trainer: no credit"
    ]


# --- credentials ----------------------------------------------------------------------


def credential(entry_id: int, title: str = "CPR card", **changes: object) -> object:
    return make_entry(entry_id, title=title, clock_hours=0, kind=EntryKind.CREDENTIAL, **changes)


def _fields(changes: dict[str, object]) -> dict[str, object]:
    """The short names these tests use, as the record's field names."""
    names = {"on": "completed_on", "hours": "clock_hours"}
    return {names.get(key, key): value for key, value in changes.items()}


def test_a_credential_is_judged_by_no_rule_of_sections_3_and_4() -> None:
    # no times (would be MISSING_TIMES), the same title twice within 12 months (would be
    # a repeat), not approved, in ratio: a credential is not a sitting
    v = verdicts_of(
        credential(1, completed_on="2025-01-10"),  # type: ignore[arg-type]
        credential(2, completed_on="2025-06-10", approved=False, in_ratio=True),  # type: ignore[arg-type]
        make_entry(
            3, title="CPR card", completed_on="2025-07-01", start_time="9:00", end_time="10:00"
        ),
    )
    assert v[1] == Verdict() and v[2] == Verdict()
    # and a training of the same title is no repeat of the credential
    assert v[3].credited


@pytest.mark.parametrize(
    ("title", "kind", "full_year"),
    [
        ("CDA", EntryKind.CREDENTIAL, True),
        ("CDA renewal", EntryKind.CREDENTIAL, True),
        ("Child Development Associate (CDA) Credential", EntryKind.CREDENTIAL, True),
        ("child development associate", EntryKind.CREDENTIAL, True),
        ("YDC", EntryKind.CREDENTIAL, True),
        ("Youth Development Credential", EntryKind.CREDENTIAL, True),
        ("CDA-renewed", EntryKind.CREDENTIAL, True),  # punctuation is a space
        ("CDAX", EntryKind.CREDENTIAL, False),  # not the word
        ("Child Development", EntryKind.CREDENTIAL, False),
        ("CPR and First Aid", EntryKind.CREDENTIAL, False),
        ("CDA preparation course", EntryKind.TRAINING, False),  # a training, not one
    ],
)
def test_which_credentials_are_a_cda_or_ydc(title: str, kind: EntryKind, full_year: bool) -> None:
    entry = make_entry(
        1, title=title, kind=kind, clock_hours=0 if kind is EntryKind.CREDENTIAL else 100
    )
    assert is_full_year_credential(entry) is full_year


# --- NOT_ON_MOPD_REPORT ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("completed", "found_on", "report", "warned"),
    [
        ("2025-05-31", None, "2025-05-31", True),  # on the report's date: it should be on it
        ("2025-06-01", None, "2025-05-31", False),  # after it: the report could not list it
        ("2025-05-30", "2025-05-31", "2025-05-31", False),  # found on it
        ("2025-05-30", "2025-01-15", "2025-05-31", False),  # found on an earlier report
        ("2025-05-30", None, None, False),  # no report compared yet
    ],
)
def test_not_on_mopd_report_edges(
    completed: str, found_on: str | None, report: str | None, warned: bool
) -> None:
    entry = make_entry(
        1, completed_on=completed, mopd_report_on=None if found_on is None else D(found_on)
    )
    assert is_not_on_mopd_report(entry, None if report is None else D(report)) is warned


def test_not_on_mopd_report_is_a_warning_only_and_spares_credentials() -> None:
    center = Center(mopd_report_on=D("2025-06-30"))
    staff = [make_staff(1, hire_date="2024-01-01")]
    entries = [
        make_entry(
            1, completed_on="2025-03-04", clock_hours=1200, start_time="9:00", end_time="21:00"
        ),
        make_entry(
            2, title="CPR", completed_on="2025-03-05", clock_hours=0, kind=EntryKind.CREDENTIAL
        ),
    ]
    result = audit(staff, entries, 2025, center)
    by_id = {r.entry.id: r.verdict for r in result.entries}
    assert warning_names(by_id[1]) == ["NOT_ON_MOPD_REPORT"]
    assert by_id[1].credited and result.standing(1).earned == 1200
    assert warning_names(by_id[2]) == []
    assert result.standing(1).warning_count == 1
    assert describe_warnings(
        result.entries[0].entry, by_id[1], report_on=center.mopd_report_on
    ) == ["not on the MOPD report of 6/30/2025: the inspector will not count it"]


# --- LIKELY_GROUP_USE -----------------------------------------------------------------


def online(entry_id: int, staff_id: int, start: str, end: str, **changes: object) -> object:
    fields: dict[str, object] = {"title": "Safe Sleep Online", "format": Format.ONLINE_MODULE}
    fields.update(_fields(changes))
    return make_entry(entry_id, staff_id=staff_id, start_time=start, end_time=end, **fields)


def group_use(*entries: object) -> dict[int, set[int]]:
    return find_likely_group_use(entries)  # type: ignore[arg-type]


def test_two_staff_in_the_same_module_at_overlapping_times() -> None:
    assert group_use(online(1, 1, "9:00", "10:00"), online(2, 2, "9:30", "10:30")) == {
        1: {2},
        2: {1},
    }


@pytest.mark.parametrize(
    ("second", "linked"),
    [
        ({"start": "10:00", "end": "11:00"}, False),  # touching: half-open, no overlap
        ({"start": "9:59", "end": "11:00"}, True),  # one minute
        ({"start": "9:00", "end": "10:00", "on": "2025-03-05"}, False),  # another day
        ({"start": "9:00", "end": "10:00", "staff_id": 1}, False),  # the same person
        ({"start": "9:00", "end": "10:00", "format": Format.IN_PERSON}, False),
        ({"start": "9:00", "end": "10:00", "title": "Other module"}, False),
        ({"start": "9:00", "end": "10:00", "title": "safe-sleep  ONLINE."}, True),
        ({"start": None, "end": None}, False),  # no times: cannot be compared
        ({"start": "9:00", "end": "10:00", "kind": EntryKind.CREDENTIAL, "hours": 0}, False),
    ],
)
def test_group_use_edges(second: dict[str, object], linked: bool) -> None:
    fields = dict(second)
    staff_id = int(fields.pop("staff_id", 2))  # type: ignore[call-overload]
    start, end = fields.pop("start"), fields.pop("end")
    other = online(2, staff_id, start, end, **fields)  # type: ignore[arg-type]
    found = group_use(online(1, 1, "9:00", "10:00"), other)
    assert (found == {1: {2}, 2: {1}}) is linked
    if not linked:
        assert found == {}


@pytest.mark.parametrize(
    ("first_id", "second_id", "second_title", "linked"),
    [
        ("SS-1", "SS-1", "Another title", True),  # equal course IDs: same course
        ("SS-1", "SS-2", "Safe Sleep Online", False),  # two different IDs: not
        ("SS-1", None, "Safe Sleep Online", True),  # one without an ID: by title
        (None, None, "Safe Sleep Online", True),
    ],
)
def test_group_use_same_course_as_repeats(
    first_id: str | None, second_id: str | None, second_title: str, linked: bool
) -> None:
    found = group_use(
        online(1, 1, "9:00", "10:00", course_id=first_id),
        online(2, 2, "9:00", "10:00", course_id=second_id, title=second_title),
    )
    assert bool(found) is linked


def test_three_staff_each_name_the_other_two_and_credit_does_not_change() -> None:
    staff = [
        make_staff(1, first_name="Ana", last_name="Lopez", hire_date="2024-01-01"),
        make_staff(2, first_name="Bo", last_name="Chen", hire_date="2024-01-01"),
        make_staff(3, first_name="Cy", last_name="Diaz", hire_date="2024-01-01"),
        make_staff(4, first_name="Di", last_name="Evans", hire_date="2024-01-01"),
    ]
    entries = [
        online(1, 1, "9:00", "10:00"),
        online(2, 2, "9:30", "10:30"),
        online(3, 3, "9:15", "9:45", hours=50),
        online(4, 4, "11:00", "12:00"),  # later the same day: alone
    ]
    result = audit(staff, entries, 2025)  # type: ignore[arg-type]
    by_id = {r.entry.id: r for r in result.entries}
    assert [warning_names(by_id[i].verdict) for i in (1, 2, 3, 4)] == [
        ["LIKELY_GROUP_USE"],
        ["LIKELY_GROUP_USE"],
        ["LIKELY_GROUP_USE"],
        [],
    ]
    assert by_id[1].verdict.group_use_with == (2, 3)
    assert all(by_id[i].credited for i in (1, 2, 3))
    assert [result.standing(i).earned for i in (1, 2, 3)] == [100, 100, 50]
    assert result.standing(1).warning_count == 1
    # the sentence names the others, as the PDF, the window and the CLI print it
    said = describe_warnings(
        by_id[1].entry, by_id[1].verdict, result.entries_by_id, result.staff_names
    )
    assert said == [
        "same online module as Bo Chen (9:30-10:30 AM) and Cy Diaz (9:15-9:45 AM) "
        "on 3/4/2025: likely used as a group"
    ]
    # without the names: a count, never a silent gap
    assert describe_warnings(by_id[1].entry, by_id[1].verdict) == [
        "same online module as 2 other staff members on 3/4/2025: likely used as a group"
    ]
    # entries_of gives the merged verdicts too
    assert warning_names(result.entries_of(1)[0].verdict) == ["LIKELY_GROUP_USE"]


def test_group_use_warning_keeps_table_order_with_the_others() -> None:
    staff = [
        make_staff(1, hire_date="2024-01-01"),
        make_staff(2, first_name="Bo", hire_date="2024-01-01"),
    ]
    entries = [
        online(1, 1, "9:00", "10:00", hours=200, setting=Setting.GROUP),  # exceeds sitting
        online(2, 2, "9:00", "10:00"),
    ]
    result = audit(staff, entries, 2025, Center(mopd_report_on=D("2025-12-31")))  # type: ignore[arg-type]
    verdict = {r.entry.id: r.verdict for r in result.entries}[1]
    assert reason_names(verdict) == ["ONLINE_GROUP"]
    assert warning_names(verdict) == [
        "HOURS_EXCEED_SITTING",
        "LIKELY_GROUP_USE",
        "NOT_ON_MOPD_REPORT",
    ]


def test_people_judged_again_alone_still_get_the_group_warning_right() -> None:
    """The center-wide pass runs at every assembly: a re-audit that judges again only
    the person a write touched brings the warning of the others up to date."""
    from ccdesktop.domain.audit import assemble_audit, judge_people, judge_person
    from ccdesktop.domain.records import CenterData

    staff = (
        make_staff(1, hire_date="2024-01-01"),
        make_staff(2, first_name="Bo", hire_date="2024-01-01"),
    )
    first, second = online(1, 1, "9:00", "10:00"), online(2, 2, "9:30", "10:30")
    data = CenterData(Center(), staff, (first, second))  # type: ignore[arg-type]
    before = assemble_audit(data, judge_people(data.entries), 2025)
    assert WarningCode.LIKELY_GROUP_USE in before.verdicts[1].warnings
    # person 2 moves their sitting to the afternoon; only they are judged again
    moved = second.replace(start_time=T("13:00"), end_time=T("14:00"))  # type: ignore[attr-defined]
    people = dict(before.people)
    people[2] = judge_person([moved])
    after = assemble_audit(CenterData(Center(), staff, (first, moved)), people, 2025)  # type: ignore[arg-type]
    assert after.verdicts[1].warnings == () and after.verdicts[2].warnings == ()
    # the people's own judgements never carry the center-wide warnings
    assert before.people[1].verdicts[0].warnings == ()


def test_with_center_warnings_takes_stale_ones_out() -> None:
    stale = Verdict(
        warnings=(WarningCode.MISSING_TIMES, WarningCode.LIKELY_GROUP_USE), group_use_with=(4,)
    )
    assert with_center_warnings(stale, (), False) == Verdict(warnings=(WarningCode.MISSING_TIMES,))
    clean = Verdict()
    assert with_center_warnings(clean, (), False) is clean
    denied = Verdict(reasons=(Reason.IN_RATIO,))
    assert with_center_warnings(denied, (7,), True) == Verdict(
        reasons=(Reason.IN_RATIO,),
        warnings=(WarningCode.LIKELY_GROUP_USE, WarningCode.NOT_ON_MOPD_REPORT),
        group_use_with=(7,),
    )
