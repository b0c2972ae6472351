"""domain/reconcile.py: the records against the MOPD report's rows, three lists, each
Decision at its edge."""

from __future__ import annotations

from ccdesktop.domain.reconcile import ReportRow, name_key, reconcile
from ccdesktop.domain.records import EntryKind, TrainingEntry
from tests.factories import D, make_entry, make_staff

STAFF = [
    make_staff(1, first_name="Ana", last_name="Lopez", mopd_id="100"),
    make_staff(2, first_name="Bo", last_name="Chen", mopd_id=None),
    make_staff(3, first_name="Cy", last_name="Diaz", mopd_id="300"),
]


def row(
    number: int,
    title: str = "Safe Sleep",
    on: str = "2025-03-04",
    hours: int = 200,
    mopd_id: str | None = "100",
    first: str = "",
    last: str = "",
    course_id: str | None = None,
) -> ReportRow:
    entry = TrainingEntry(0, title, D(on), hours, course_id=course_id)
    return ReportRow(number, mopd_id, first, last, entry)


def entry(entry_id: int, staff_id: int = 1, **changes: object) -> TrainingEntry:
    names = {"on": "completed_on", "hours": "clock_hours"}  # the short names used below
    fields: dict[str, object] = {"title": "Safe Sleep", "completed_on": "2025-03-04"}
    fields["clock_hours"] = 200
    fields.update({names.get(key, key): value for key, value in changes.items()})
    return make_entry(entry_id, staff_id=staff_id, **fields)  # type: ignore[arg-type]


def compare(entries: list[TrainingEntry], rows: list[ReportRow], on: str = "2025-06-30"):  # type: ignore[no-untyped-def]
    return reconcile(STAFF, entries, rows, D(on))


def test_the_three_lists() -> None:
    result = compare(
        [entry(1), entry(2, title="CPR", hours=400), entry(3, on="2025-07-01")],
        [row(2), row(3, title="Medication", hours=100)],
    )
    assert [(m.row.row, m.entry.id) for m in result.on_both] == [(2, 1)]
    assert [e.id for e in result.only_here] == [2]  # entry 3 is after the report's date
    assert [r.row for r in result.only_on_report] == [3]
    assert result.later == 1
    assert result.marks == {1: D("2025-06-30"), 2: None}


def test_same_entry_needs_the_same_date_and_hours_exactly() -> None:
    result = compare([entry(1), entry(2, on="2025-03-05")], [row(2, hours=150), row(3)])
    assert [m.entry.id for m in result.on_both] == [1]
    assert [r.row for r in result.only_on_report] == [2]
    assert [e.id for e in result.only_here] == [2]


def test_same_course_by_course_id_when_both_have_one_else_by_title() -> None:
    entries = [
        entry(1, course_id="SS-1", title="Safe Sleep for Infants"),
        entry(2, staff_id=3, course_id="SS-1"),
        entry(3, staff_id=3, title="CPR", course_id="C-2", on="2025-04-01"),
    ]
    rows = [
        row(2, title="Safe Sleep (infants and toddlers)", course_id="SS-1"),  # ids equal
        row(3, mopd_id="300", title="safe-sleep", course_id=None),  # title, normalised
        row(4, mopd_id="300", title="CPR", course_id="C-3", on="2025-04-01"),  # ids differ
    ]
    result = compare(entries, rows)
    assert sorted((m.row.row, m.entry.id) for m in result.on_both) == [(2, 1), (3, 2)]
    assert [r.row for r in result.only_on_report] == [4]


def test_person_by_mopd_id_else_by_name() -> None:
    rows = [
        row(2, mopd_id="100", first="Someone", last="Else"),  # the ID decides
        row(3, mopd_id="200", first="bo ", last=" CHEN"),  # ID unknown: Bo has none
        row(4, mopd_id="999", first="Ana", last="Lopez"),  # Ana has another ID on record
        row(5, mopd_id=None, first="Cy", last="Diaz"),  # no ID: by name
        row(6, mopd_id=None, first="Nobody", last="Here"),
    ]
    result = compare([entry(1), entry(2, staff_id=2), entry(3, staff_id=3)], rows)
    people = {n: (p.id if p else None) for n, p in result.staff_of_row.items()}
    assert people == {2: 1, 3: 2, 4: None, 5: 3, 6: None}
    assert sorted(m.entry.id for m in result.on_both) == [1, 2, 3]
    assert [r.row for r in result.only_on_report] == [4, 6]


def test_one_row_one_entry() -> None:
    twice = [entry(1), entry(2)]
    result = compare(twice, [row(2)])
    assert [m.entry.id for m in result.on_both] == [1]
    assert [e.id for e in result.only_here] == [2]
    both = compare(twice, [row(2), row(3)])
    assert sorted(m.entry.id for m in both.on_both) == [1, 2] and not both.only_here


def test_credentials_are_not_compared() -> None:
    card = entry(1, title="CPR card", hours=0, kind=EntryKind.CREDENTIAL)
    result = compare([card], [])
    assert result.only_here == () and result.marks == {}


def test_the_report_date_edge() -> None:
    result = compare([entry(1, on="2025-06-30"), entry(2, on="2025-07-01")], [])
    assert [e.id for e in result.only_here] == [1]
    assert result.later == 1


def test_hints_for_a_typing_slip_on_one_side() -> None:
    result = compare(
        [entry(1), entry(2, title="CPR", on="2025-04-01"), entry(3, title="Far", on="2025-05-01")],
        [
            row(2, hours=150),  # same date, other hours
            row(3, title="CPR", on="2025-04-08"),  # a week later, same hours
            row(4, title="Far", on="2025-05-09"),  # eight days: too far to say
        ],
    )
    assert result.hints == {
        1: "the MOPD report has it with 1.5 hours (row 2)",
        2: "the MOPD report has it on 4/8/2025 (row 3)",
    }


def test_name_key_folds_case_and_spaces() -> None:
    assert name_key(" Thị  Ánh ", "NGUYỄN") == ("thị ánh", "nguyễn")


def test_a_row_a_hint_points_at_is_not_offered_for_import() -> None:
    result = compare([entry(1)], [row(2, hours=150), row(3, title="CPR")])
    assert result.near_rows == {2: 1}
    assert [r.row for r in result.only_on_report] == [2, 3]
    assert [r.row for r in result.importable] == [3]
