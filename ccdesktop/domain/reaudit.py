"""Re-audit only who changed (issue 15): an earlier audit brought up to date after a
write that touched some staff members, judging again only them.

The rules and the ledger are per person (``judge_person``, each standing), so the
touched people are judged again and everyone else's judgement, verdicts and standing
are kept. What is not of one person alone is brought up to date as well:

- LIKELY_GROUP_USE links the online sittings of different people on one day (the
  rule groups sittings by day and course): the days of the touched people's online
  sittings, as they were and as they are, are swept again, with every sitting of those
  days whoever's it is; an untouched person whose verdict that changes is *regrouped*:
  their standing is made again (its count of entries with warnings), not their
  judgement;
- NOT_ON_MOPD_REPORT depends on the entry and the center's report date alone;
- the records start year (the center's setting, else the year of the earliest entry
  of the whole file): when it moves, every standing is made again;
- the center's settings: when they differ, the audit is assembled again from every
  person's judgement (still none judged again).

``reaudit(previous, center, changed)`` is exactly ``audit_year`` of the center as it
is now (``tests/domain/test_reaudit.py`` checks that on random sequences of edits).
A write's change is given as ``PeopleRecords``: the touched staff ids with their
records read again (the store's ``Database.load_people``). ``rejudge`` does the part
that is the same for every year audited, ``reassemble`` the part of one year, so a
window holding audits of several years judges the touched people once.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from .audit import (
    Audit,
    EntryResult,
    PersonJudgement,
    StaffStanding,
    _standing,
    assemble_audit,
    judge_people,
    sittings_by_day,
    staff_sort_key,
)
from .audit import _merged as _with_center_verdicts
from .ledger import effective_records_start
from .records import Center, CenterData, EntryKind, Format, Staff, TrainingEntry
from .rules import (
    Verdict,
    completion_order_key,
    find_likely_group_use,
    is_not_on_mopd_report,
    with_center_warnings,
)

if TYPE_CHECKING:
    from .requirements import RequirementStatus

_T = TypeVar("_T")

#: above this many items to take out or put in, a sorted list is rebuilt and sorted
#: once instead of changed item by item (each change moves the list's tail)
_ONE_BY_ONE = 200


@dataclass(frozen=True, slots=True)
class PeopleRecords:
    """Some staff members' records as they are now: what a write touched, read again.

    A staff id of ``staff_ids`` without a record in ``staff`` was deleted (or never
    saved). ``entries`` are every entry of those staff, in completion order."""

    staff_ids: frozenset[int]
    staff: tuple[Staff, ...]
    entries: tuple[TrainingEntry, ...]

    def __post_init__(self) -> None:
        strangers = {s.id for s in self.staff} | {e.staff_id for e in self.entries}
        strangers -= self.staff_ids
        if strangers:
            raise ValueError(f"records of staff {sorted(strangers, key=str)} were not asked for")


@dataclass(frozen=True)
class Rejudged:
    """What a change does to the center's verdicts, whatever year is audited."""

    center: Center
    #: the staff the change touched, and their records now (by id; a deleted one absent)
    touched: frozenset[int]
    staff: Mapping[int, Staff]
    #: the touched people's staff records and judgements as they were (by id)
    staff_before: Mapping[int, Staff]
    before: Mapping[int, PersonJudgement]
    #: every person's judgement, verdict and entry now (as ``Audit`` holds them)
    people: Mapping[int, PersonJudgement]
    verdicts: Mapping[int, Verdict]
    entries_by_id: Mapping[int, TrainingEntry]
    #: the year of the earliest entry on record (the records start without a setting)
    earliest_year: int | None
    #: the online sittings by day (``Audit.online_by_day``); None after a center change
    online_by_day: Mapping[date, tuple[TrainingEntry, ...]] | None
    #: entries of untouched people whose verdict the rules across people changed, by id
    regrouped: Mapping[int, Verdict]
    #: the center's settings differ from the earlier audit's: every standing anew
    center_changed: bool = False

    @property
    def staff_ids(self) -> frozenset[int]:
        """The people whose standing may differ: the touched and the regrouped."""
        entries = self.entries_by_id
        return self.touched | {entries[entry_id].staff_id for entry_id in self.regrouped}

    @property
    def entry_ids(self) -> frozenset[int]:
        """The entries whose row may differ: the touched people's as they were and as
        they are (added, changed or deleted), and the regrouped."""
        ids = {e.id for people in (self.before, self.people) for e in _entries_of(people, self)}
        ids.update(self.regrouped)
        return frozenset(ids)  # type: ignore[arg-type]  # saved entries have ids

    @property
    def staff_changed(self) -> bool:
        """Whether a staff record was added, edited or deleted (not only entries)."""
        return dict(self.staff) != dict(self.staff_before)


def _entries_of(people: Mapping[int, PersonJudgement], change: Rejudged) -> Iterable[TrainingEntry]:
    for staff_id in change.touched:
        person = people.get(staff_id)
        if person is not None:
            yield from person.entries


def reaudit(previous: Audit, center: Center, changed: PeopleRecords) -> Audit:
    """``audit_year`` of the center now, from ``previous`` (an audit of the center as
    it was before the change, of any year) and ``changed`` (the records of the staff
    the change touched, as they are now); ``center``: the center's settings now."""
    return reassemble(previous, rejudge(previous, center, changed))


def rejudge(previous: Audit, center: Center, changed: PeopleRecords) -> Rejudged:
    """Judge the touched people again and bring the rules across people up to date
    (see the module's docstring); the rest of ``previous`` is kept."""
    touched = changed.staff_ids
    before = {i: previous.people[i] for i in touched if i in previous.people}
    after = judge_people(changed.entries)
    # Deleting from a dict leaves a hole that makes its next copy insert key by key
    # (several times slower than the copy of a dict without one): what is put back
    # (an edited person, an edited entry) is overwritten in place, only what is gone
    # is deleted.
    people = dict(previous.people)
    for staff_id in before.keys() - after.keys():
        del people[staff_id]
    people.update(after)
    entries_by_id = dict(previous.entries_by_id)
    verdicts = dict(previous.verdicts)
    new_ids = {e.id for person in after.values() for e in person.entries}
    for person in before.values():
        for entry in person.entries:
            if entry.id not in new_ids:
                del entries_by_id[entry.id]  # type: ignore[arg-type]
                del verdicts[entry.id]  # type: ignore[arg-type]
    old_ids = {e.id for person in before.values() for e in person.entries}
    for person in after.values():
        for entry, verdict in zip(person.entries, person.verdicts, strict=True):
            if entry.id in entries_by_id and entry.id not in old_ids:
                raise ValueError(
                    f"entry {entry.id} is on record for a staff member the change did not name"
                )
            entries_by_id[entry.id] = entry  # type: ignore[index]
            verdicts[entry.id] = verdict  # type: ignore[index]
    staff_before = {s.staff.id: s.staff for s in previous.staff if s.staff.id in touched}
    # the center's settings changed: everyone's verdicts may differ (the report date);
    # ``reassemble`` assembles the audit again from the judgements (which do not
    # depend on the center)
    center_changed = center != previous.center
    online: dict[date, tuple[TrainingEntry, ...]] | None = None
    regrouped: dict[int, Verdict] = {}
    if not center_changed:
        online, regrouped = _rules_across_people(
            previous, center, touched, before, after, people, verdicts
        )
    return Rejudged(
        center,
        touched,
        {s.id: s for s in changed.staff},  # type: ignore[misc]  # saved staff have ids
        staff_before,
        before,
        people,
        verdicts,
        entries_by_id,
        _earliest_year(previous, before, after, people),
        online,
        regrouped,
        center_changed,
    )


def _earliest_year(
    previous: Audit,
    before: Mapping[int, PersonJudgement],
    after: Mapping[int, PersonJudgement],
    people: Mapping[int, PersonJudgement],
) -> int | None:
    """The year of the earliest entry of ``people`` (everyone now), looking at every
    person only when the touched held the earliest and no longer do."""
    if previous.center.records_start_year is None and previous.people:
        earliest = previous.records_start_year  # then the earliest entry's year
        was = min((p.entries[0].completed_on.year for p in before.values()), default=None)
        now = min((p.entries[0].completed_on.year for p in after.values()), default=None)
        if was is None or was > earliest:  # someone else's, still there
            return earliest if now is None else min(earliest, now)
        if now is not None and now <= earliest:
            return now
    return min((p.entries[0].completed_on.year for p in people.values()), default=None)


def is_online_sitting(entry: TrainingEntry) -> bool:
    """An entry the rule across people looks at (as the audit's center-wide pass
    collects them; ``find_likely_group_use`` asks more of each)."""
    return entry.format is Format.ONLINE_MODULE and entry.start_time is not None


def online_by_day(people: Iterable[PersonJudgement]) -> dict[date, tuple[TrainingEntry, ...]]:
    """The online sittings of ``people`` by day (``Audit.online_by_day``)."""
    return sittings_by_day(e for p in people for e in p.entries if is_online_sitting(e))


def _rules_across_people(
    previous: Audit,
    center: Center,
    touched: frozenset[int],
    before: Mapping[int, PersonJudgement],
    after: Mapping[int, PersonJudgement],
    people: Mapping[int, PersonJudgement],
    verdicts: dict[int, Verdict],
) -> tuple[dict[date, tuple[TrainingEntry, ...]], dict[int, Verdict]]:
    """Merge the center-wide warnings into ``verdicts`` (which hold the touched
    people's own verdicts and everyone else's merged ones, as ``previous`` had them):
    the new online sittings by day, and the untouched entries whose verdict changed."""
    index = dict(
        previous.online_by_day
        if previous.online_by_day is not None
        else online_by_day(previous.people.values())
    )
    new_by_day: defaultdict[date, list[TrainingEntry]] = defaultdict(list)
    for person in after.values():
        for entry in person.entries:
            if is_online_sitting(entry):
                new_by_day[entry.completed_on].append(entry)
    days = set(new_by_day)
    for person in before.values():
        days.update(e.completed_on for e in person.entries if is_online_sitting(e))
    for day in days:
        sittings = [e for e in index.get(day, ()) if e.staff_id not in touched]
        sittings += new_by_day.get(day, ())
        if sittings:
            index[day] = tuple(sittings)
        else:
            index.pop(day, None)

    report_on = center.mopd_report_on
    group_use: dict[int, set[int]] = {}
    regrouped: dict[int, Verdict] = {}
    for day in days:
        day_sittings = index.get(day, ())
        found = find_likely_group_use(day_sittings) if len(day_sittings) > 1 else {}
        group_use.update(found)  # the days' sittings are apart: no id twice
        for entry in day_sittings:
            if entry.staff_id in touched:
                continue  # below, with the rest of their entries
            assert entry.id is not None
            own = _own_verdict(people[entry.staff_id], entry.id)
            merged = with_center_warnings(
                own, found.get(entry.id, ()), is_not_on_mopd_report(entry, report_on)
            )
            if merged != verdicts[entry.id]:
                verdicts[entry.id] = regrouped[entry.id] = merged
    for person in after.values():
        for entry, own in zip(person.entries, person.verdicts, strict=True):
            assert entry.id is not None
            verdicts[entry.id] = with_center_warnings(
                own, group_use.get(entry.id, ()), is_not_on_mopd_report(entry, report_on)
            )
    return index, regrouped


def _own_verdict(person: PersonJudgement, entry_id: int) -> Verdict:
    for entry, verdict in zip(person.entries, person.verdicts, strict=True):
        if entry.id == entry_id:
            return verdict
    raise KeyError(entry_id)


def reassemble(previous: Audit, change: Rejudged) -> Audit:
    """The audit of ``previous``'s year (and day) after ``change``: the standings of
    the people it may alter made again, the year's entries of the touched and the
    regrouped put in anew, the rest kept."""
    year, today, center = previous.year, previous.today, change.center

    def everyone() -> list[Staff]:
        kept = [s.staff for s in previous.staff if s.staff.id not in change.touched]
        return kept + list(change.staff.values())

    if change.center_changed:
        entries = tuple(sorted(change.entries_by_id.values(), key=completion_order_key))
        data = CenterData(center, tuple(everyone()), entries)
        return assemble_audit(data, change.people, year, today)
    records_start = effective_records_start(center, change.earliest_year)
    if records_start is None:
        records_start = year

    def standing(staff: Staff) -> StaffStanding:
        assert staff.id is not None, "the engine needs saved staff records"
        person = change.people.get(staff.id)
        credentials = person is not None and any(
            e.kind is not EntryKind.TRAINING for e in person.entries
        )
        # their entries of the year, with the center-wide warnings as now merged in
        results = (
            ()
            if person is None
            else _with_center_verdicts(person.results_in(year, today), change.verdicts)
        )
        return _standing(staff, center, year, person, records_start, results, credentials, today)

    if records_start != previous.records_start_year:
        standings = [standing(s) for s in sorted(everyone(), key=staff_sort_key)]
    else:
        standings = _restand(previous.staff, change, standing)
    return Audit(
        year,
        center,
        tuple(standings),
        _year_entries(previous, change),
        change.verdicts,
        change.entries_by_id,
        records_start,
        change.people,
        today,
        change.online_by_day,
    )


def _restand(
    previous: Sequence[StaffStanding],
    change: Rejudged,
    standing: Callable[[Staff], StaffStanding],
) -> list[StaffStanding]:
    """``previous`` with the standings of the touched and the regrouped made again."""
    affected = change.staff_ids
    position = {s.staff.id: i for i, s in enumerate(previous) if s.staff.id in affected}
    made = []
    for staff_id in affected:
        if staff_id in change.touched:
            staff = change.staff.get(staff_id)
        else:
            staff = previous[position[staff_id]].staff
        if staff is not None:
            made.append(standing(staff))
    return _replace_sorted(previous, position.values(), made, _standing_key)


def _standing_key(standing: StaffStanding) -> tuple[str, str, int]:
    return staff_sort_key(standing.staff)


def _result_key(result: EntryResult) -> tuple[object, ...]:
    return completion_order_key(result.entry)


def _year_entries(previous: Audit, change: Rejudged) -> tuple[EntryResult, ...]:
    """``previous.entries`` with the touched people's entries of the year put in anew
    and the regrouped ones given their new verdict (in completion order)."""
    year, today, verdicts = previous.year, previous.today, change.verdicts
    results = previous.entries
    removed = [
        _position(results, r.entry)
        for person in change.before.values()
        for r in person.results_in(year, today)
    ]
    added = [
        EntryResult(r.entry, verdicts[r.entry.id], r.planned)  # type: ignore[index]
        for staff_id in change.touched
        if (person := change.people.get(staff_id)) is not None
        for r in person.results_in(year, today)
    ]
    if change.regrouped:
        entries = change.entries_by_id
        for entry_id in change.regrouped:
            entry = entries[entry_id]
            if entry.completed_on.year == year:
                at = _position(results, entry)
                removed.append(at)
                added.append(EntryResult(entry, verdicts[entry_id], results[at].planned))
    return tuple(_replace_sorted(results, removed, added, _result_key))


def _position(results: Sequence[EntryResult], entry: TrainingEntry) -> int:
    """Where ``entry``'s result is in ``results`` (in completion order)."""
    at = bisect_left(results, completion_order_key(entry), key=_result_key)
    if at == len(results) or results[at].entry.id != entry.id:
        raise KeyError(entry.id)
    return at


def _replace_sorted(
    items: Sequence[_T], remove: Iterable[int], add: Sequence[_T], key: Callable[[_T], Any]
) -> list[_T]:
    """``items`` (sorted by ``key``, each key distinct) without the items at the
    positions ``remove`` and with ``add``, sorted by ``key``."""
    gone = sorted(set(remove), reverse=True)
    if len(gone) + len(add) > _ONE_BY_ONE:
        dropped = set(gone)
        kept = [item for at, item in enumerate(items) if at not in dropped]
        return list(heapq.merge(kept, sorted(add, key=key), key=key))
    result = list(items)
    for at in gone:
        del result[at]
    for item in add:
        insort(result, item, key=key)
    return result


def restatus(
    previous: Mapping[int, tuple[RequirementStatus, ...]],
    audit: Audit,
    as_of: date,
    change: Rejudged,
    previous_records_start: int | None,
) -> dict[int, tuple[RequirementStatus, ...]]:
    """``requirement_statuses(audit, as_of)``, from ``previous`` (the statuses as of the
    same day before ``change``, which ``audit`` is after, with the records start
    ``previous_records_start`` then, see ``requirements.records_start_of``): a person's
    statuses come from their own judgement alone, so only the touched are looked at
    again, unless the records start moved."""
    from .requirements import person_requirements, records_start_of, requirement_statuses

    records_start = records_start_of(audit)
    if change.center_changed or records_start != previous_records_start:
        # what is asked at hire depends on the records start: everyone's may differ
        return requirement_statuses(audit, as_of)
    statuses = {i: s for i, s in previous.items() if i not in change.touched}
    for staff_id, staff in change.staff.items():
        person = change.people.get(staff_id)
        statuses[staff_id] = person_requirements(
            change.center, staff, person, as_of, records_start=records_start
        )
    return statuses


def replace_people(
    data: CenterData, center: Center, changed: PeopleRecords, staff_key: Callable[[Staff], Any]
) -> CenterData:
    """``data`` with the center's details now and the touched staff's records as
    ``changed`` has them: staff in the order of ``staff_key`` (the store's), entries in
    completion order, as the store loads them."""
    ids = changed.staff_ids
    staff = [s for s in data.staff if s.id not in ids]
    entries = [e for e in data.entries if e.staff_id not in ids]
    return CenterData(
        center,
        tuple(_merged(staff, sorted(changed.staff, key=staff_key), staff_key)),
        tuple(_merged(entries, changed.entries, completion_order_key)),
    )


def _merged(items: list[_T], add: Sequence[_T], key: Callable[[_T], Any]) -> list[_T]:
    """Two lists sorted by ``key`` as one."""
    if len(add) > _ONE_BY_ONE:
        return list(heapq.merge(items, add, key=key))
    for item in add:
        insort(items, item, key=key)
    return items
