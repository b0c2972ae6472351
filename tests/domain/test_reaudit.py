"""Re-audit only who changed (issue 15): after any sequence of edits, the audits
brought up to date person by person (``reaudit``) are exactly the full audits of the
center as it is then, for several years, and what they say changed covers every
verdict and standing that did.

The centers are small and crowded: a few days, courses and clock times, so that online
sittings of different people overlap (LIKELY_GROUP_USE), repeats and overlaps happen,
and an edit often moves the earliest entry of the file (the records start year).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccdesktop.domain.audit import Audit, audit_year
from ccdesktop.domain.reaudit import (
    PeopleRecords,
    reassemble,
    reaudit,
    rejudge,
    replace_people,
    restatus,
)
from ccdesktop.domain.records import (
    Center,
    CenterData,
    EntryKind,
    Format,
    HireYearPolicy,
    Setting,
    Staff,
    TrainingEntry,
)
from ccdesktop.domain.requirements import records_start_of, requirement_statuses
from ccdesktop.domain.rules import completion_order_key
from tests.factories import make_entry, make_staff

YEARS = (2023, 2024, 2025, 2026)
TODAY = date(2025, 6, 1)  # entries after it are planned
DAYS = [date(2023, 11, 5), date(2024, 3, 1), date(2025, 3, 1), date(2025, 6, 2), date(2026, 2, 3)]
TITLES = ["Safe Sleep", "safe-sleep", "CPR", "CDA renewal"]
COURSE_IDS = [None, None, "C1", "C2"]
STARTS = [None, 9 * 60, 9 * 60 + 30, 10 * 60]
LENGTHS = [None, 30, 60, 90]


def staff_key(staff: Staff) -> tuple[str, str, int]:
    return (staff.last_name, staff.first_name, staff.id or 0)


@dataclass
class Records:
    """The center's records as a store would keep them."""

    center: Center
    staff: dict[int, Staff] = field(default_factory=dict)
    entries: dict[int, TrainingEntry] = field(default_factory=dict)

    def data(self) -> CenterData:
        return CenterData(
            self.center,
            tuple(sorted(self.staff.values(), key=staff_key)),
            tuple(sorted(self.entries.values(), key=completion_order_key)),
        )

    def people(self, staff_ids: Iterable[int]) -> PeopleRecords:
        """What ``Database.load_people`` gives for these staff."""
        ids = frozenset(staff_ids)
        return PeopleRecords(
            ids,
            tuple(sorted((s for i, s in self.staff.items() if i in ids), key=staff_key)),
            tuple(
                sorted(
                    (e for e in self.entries.values() if e.staff_id in ids),
                    key=completion_order_key,
                )
            ),
        )


@st.composite
def entries(draw: st.DrawFn, staff_id: int, entry_id: int) -> TrainingEntry:
    start = draw(st.sampled_from(STARTS))
    length = draw(st.sampled_from(LENGTHS))
    credential = draw(st.integers(0, 9)) == 0
    end = None
    if length is not None:
        end = time(*divmod((start or 11 * 60) + length, 60))
    return TrainingEntry(
        staff_id=staff_id,
        title=draw(st.sampled_from(TITLES)),
        completed_on=draw(st.sampled_from(DAYS)),
        clock_hours=0 if credential else draw(st.sampled_from([50, 100, 600, 1200])),
        course_id=draw(st.sampled_from(COURSE_IDS)),
        # online modules most of all: the rule across people needs them
        format=draw(st.sampled_from([Format.ONLINE_MODULE] * 3 + list(Format))),
        setting=draw(st.sampled_from(list(Setting))),
        start_time=None if start is None else time(*divmod(start, 60)),
        end_time=end,
        in_ratio=draw(st.integers(0, 9)) == 0,
        id=entry_id,
        kind=EntryKind.CREDENTIAL if credential else EntryKind.TRAINING,
        mopd_report_on=draw(st.sampled_from([None, date(2025, 3, 1)])),
    )


@st.composite
def staff_members(draw: st.DrawFn, staff_id: int) -> Staff:
    hire = draw(st.sampled_from([None, date(2023, 4, 1), date(2024, 9, 1), date(2025, 1, 1)]))
    end = draw(st.sampled_from([None, None, date(2025, 8, 31)]))
    return Staff(
        first_name=draw(st.sampled_from(["Ana", "Bo"])),
        last_name=draw(st.sampled_from(["Cruz", "adams", "Baker"])),
        mopd_id=draw(st.sampled_from([None, f"M{staff_id}"])),
        requires_clock_hours=draw(st.integers(0, 5)) != 0,
        hire_date=hire,
        end_date=end if hire is None or end is None or end >= hire else None,
        id=staff_id,
    )


def centers() -> st.SearchStrategy[Center]:
    return st.builds(
        Center,
        required_hours=st.sampled_from([600, 1200]),
        hire_year_policy=st.sampled_from(list(HireYearPolicy)),
        records_start_year=st.sampled_from([None, None, 2024]),
        mopd_report_on=st.sampled_from([None, date(2025, 3, 1)]),
    )


def edit(draw: st.DrawFn, records: Records) -> frozenset[int] | None:
    """One random write to ``records``; the staff ids it touched (None: the center)."""
    next_entry = max(records.entries, default=0) + 1
    next_staff = max(records.staff, default=0) + 1
    kinds = ["add entry", "add staff", "center"]
    if records.entries:
        kinds += ["edit entry"] * 3 + ["delete entry", "move entry"]
    if records.staff:
        kinds += ["edit staff", "delete staff", "add entry"]
    kind = draw(st.sampled_from(kinds))
    if kind == "center":
        records.center = draw(centers())
        return None
    if kind == "add staff":
        records.staff[next_staff] = draw(staff_members(next_staff))
        return frozenset({next_staff})
    if kind == "add entry":
        if not records.staff:
            records.staff[next_staff] = draw(staff_members(next_staff))
        staff_id = draw(st.sampled_from(sorted(records.staff)))
        added = [draw(entries(staff_id, next_entry + n)) for n in range(draw(st.integers(1, 3)))]
        records.entries.update((e.id, e) for e in added)  # type: ignore[misc]
        return frozenset({staff_id})
    if kind == "edit staff":
        staff_id = draw(st.sampled_from(sorted(records.staff)))
        records.staff[staff_id] = draw(staff_members(staff_id))
        return frozenset({staff_id})
    if kind == "delete staff":
        staff_id = draw(st.sampled_from(sorted(records.staff)))
        del records.staff[staff_id]
        for entry_id in [i for i, e in records.entries.items() if e.staff_id == staff_id]:
            del records.entries[entry_id]
        return frozenset({staff_id})
    entry_id = draw(st.sampled_from(sorted(records.entries)))
    before = records.entries[entry_id]
    if kind == "delete entry":
        del records.entries[entry_id]
        return frozenset({before.staff_id})
    staff_id = before.staff_id
    if kind == "move entry":
        staff_id = draw(st.sampled_from(sorted(records.staff)))
    records.entries[entry_id] = draw(entries(staff_id, entry_id))
    return frozenset({before.staff_id, staff_id})


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_audits_brought_up_to_date_are_the_full_audits(data: st.DataObject) -> None:
    records = Records(data.draw(centers()))
    for staff_id in range(1, data.draw(st.integers(0, 4)) + 1):
        records.staff[staff_id] = data.draw(staff_members(staff_id))
    for _ in range(data.draw(st.integers(0, 12))):
        if records.staff:
            staff_id = data.draw(st.sampled_from(sorted(records.staff)))
            entry_id = max(records.entries, default=0) + 1
            records.entries[entry_id] = data.draw(entries(staff_id, entry_id))
    today = data.draw(st.sampled_from([TODAY, None]))
    audits = {year: audit_year(records.data(), year, today) for year in YEARS}
    if data.draw(st.booleans()):  # an audit without its index of online sittings
        audits = {year: replace(audit, online_by_day=None) for year, audit in audits.items()}
    statuses = requirement_statuses(audits[YEARS[0]], TODAY)
    center_data = records.data()
    for _step in range(data.draw(st.integers(1, 8))):
        touched = edit(data.draw, records)
        if touched is None:  # a center edit: nobody, or everybody, read again
            everybody = frozenset(records.staff) | {s.id for s in center_data.staff}
            touched = data.draw(st.sampled_from([frozenset(), everybody]))  # type: ignore[arg-type]
        changed = records.people(touched)
        now = records.data()
        assert replace_people(center_data, records.center, changed, staff_key) == now
        center_data = now
        change = rejudge(audits[YEARS[0]], records.center, changed)
        updated = {year: reassemble(audits[year], change) for year in YEARS}
        for year in YEARS:
            full = audit_year(now, year, today)
            assert updated[year] == full, year
            # and what the change says it changed covers every difference
            if not change.center_changed:
                _assert_covered(audits[year], full, change.entry_ids, change.staff_ids)
        was = records_start_of(audits[YEARS[-1]])
        statuses = restatus(statuses, updated[YEARS[-1]], TODAY, change, was)
        assert statuses == requirement_statuses(updated[YEARS[-1]], TODAY)
        audits = updated


def _assert_covered(
    before: Audit, after: Audit, entry_ids: frozenset[int], staff_ids: frozenset[int]
) -> None:
    for entry_id in before.verdicts.keys() | after.verdicts.keys():
        if before.verdicts.get(entry_id) != after.verdicts.get(entry_id) or (
            before.entries_by_id.get(entry_id) != after.entries_by_id.get(entry_id)
        ):
            assert entry_id in entry_ids
    standings_before = {s.staff.id: s for s in before.staff}
    if before.records_start_year == after.records_start_year:
        for standing in after.staff:
            if standings_before.pop(standing.staff.id, None) != standing:
                assert standing.staff.id in staff_ids
        assert set(standings_before) <= staff_ids  # the deleted


def online(entry_id: int, staff_id: int, start: str, end: str, **changes: object) -> TrainingEntry:
    return make_entry(
        entry_id,
        staff_id,
        "Safe Sleep Online",
        "2025-03-04",
        100,
        start_time=start,
        end_time=end,
        format=Format.ONLINE_MODULE,
        **changes,
    )


def test_moving_ones_own_sitting_takes_the_group_warning_off_the_other_person() -> None:
    staff = (make_staff(1), make_staff(2, "Bo", "Baker"))
    ana, bo = online(1, 1, "9:00", "10:00"), online(2, 2, "9:30", "10:30")
    records = Records(Center(), {s.id: s for s in staff}, {1: ana, 2: bo})  # type: ignore[misc]
    previous = audit_year(records.data(), 2025)
    assert previous.verdicts[2].group_use_with == (1,)

    records.entries[1] = ana.replace(start_time=time(11, 0), end_time=time(12, 0))
    change = rejudge(previous, records.center, records.people({1}))
    updated = reassemble(previous, change)

    assert updated == audit_year(records.data(), 2025)
    assert updated.verdicts[2].group_use_with == ()
    assert dict(change.regrouped) == {2: updated.verdicts[2]}
    assert change.staff_ids == {1, 2} and change.entry_ids == {1, 2}
    assert not change.staff_changed


def test_an_edit_that_moves_the_earliest_entry_moves_the_records_start() -> None:
    staff = (make_staff(1), make_staff(2, "Bo", "Baker"))
    first = make_entry(1, 1, completed_on="2023-05-01")
    records = Records(
        Center(),
        {s.id: s for s in staff},  # type: ignore[misc]
        {1: first, 2: make_entry(2, 2, "CPR", "2025-02-01")},
    )
    previous = audit_year(records.data(), 2025)
    assert previous.records_start_year == 2023

    records.entries[1] = first.replace(completed_on=date(2025, 5, 1))
    updated = reaudit(previous, records.center, records.people({1}))

    assert updated.records_start_year == 2025
    assert updated == audit_year(records.data(), 2025)


def test_a_change_naming_the_wrong_person_is_refused() -> None:
    records = Records(Center(), {1: make_staff(1), 2: make_staff(2)}, {1: make_entry(1, 1)})
    previous = audit_year(records.data(), 2025)
    records.entries[1] = records.entries[1].replace(staff_id=2)
    with pytest.raises(ValueError, match="entry 1"):
        reaudit(previous, records.center, records.people({2}))  # the move touched 1 too


def test_records_of_people_not_asked_for_are_refused() -> None:
    with pytest.raises(ValueError, match="not asked for"):
        PeopleRecords(frozenset({1}), (make_staff(2),), ())
