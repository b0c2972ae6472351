"""Import planning: matching rows to staff on record, idempotence, duplicates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time

import pytest

from ccdesktop.domain.records import Staff, TrainingEntry
from ccdesktop.io.csv_read import CsvImportError, RowProblem
from ccdesktop.io.importing import plan_staff_import, plan_training_import
from ccdesktop.io.staff_csv import StaffRow
from ccdesktop.io.training_csv import TrainingRow


def staff_row(row: int, first: str, last: str, **fields: object) -> StaffRow:
    """A parsed staff row; the given fields are the names plus those passed."""
    return StaffRow(
        row, Staff(first, last).replace(**fields), frozenset({"first_name", "last_name", *fields})
    )


def saved(staff: Sequence[Staff], start: int = 1) -> list[Staff]:
    return [s.replace(id=start + i) for i, s in enumerate(staff)]


def problems_of(call: object, *args: object) -> list[str]:
    with pytest.raises(CsvImportError) as caught:
        call(*args)  # type: ignore[operator]
    return [str(p) for p in caught.value.problems]


ANA = Staff("Ana", "Lopez", "100001", "Aide", hire_date=date(2020, 1, 6), id=1)
BEA = Staff("Bea", "Smith", None, "Cook", requires_clock_hours=False, id=2)


# --- staff --------------------------------------------------------------------------


def test_new_staff_are_added() -> None:
    plan = plan_staff_import(
        [], [staff_row(2, "Ana", "Lopez", mopd_id="1"), staff_row(3, "Bea", "Smith")]
    )
    assert [s.full_name for s in plan.to_add] == ["Ana Lopez", "Bea Smith"]
    assert plan.to_update == [] and plan.unchanged == 0
    assert all(s.id is None for s in plan.to_add)


def test_update_by_mopd_id_changes_only_given_fields() -> None:
    row = staff_row(2, "Ana", "Lopez-Reyes", mopd_id="100001", role="Lead teacher")
    plan = plan_staff_import([ANA, BEA], [row])
    assert plan.to_update == [ANA.replace(last_name="Lopez-Reyes", role="Lead teacher")]
    assert plan.to_update[0].hire_date == date(2020, 1, 6)  # not in the row: kept
    assert plan.to_add == [] and plan.unchanged == 0


def test_update_by_name_is_case_insensitive() -> None:
    row = staff_row(2, "bea", "SMITH", role="Head cook")
    plan = plan_staff_import([ANA, BEA], [row])
    # the names of a row matched by name are written as the row gives them
    assert plan.to_update == [BEA.replace(first_name="bea", last_name="SMITH", role="Head cook")]
    assert plan.to_update[0].requires_clock_hours is False


def test_same_values_count_as_unchanged_and_a_second_import_changes_nothing() -> None:
    rows = [
        staff_row(2, "Ana", "Lopez", mopd_id="100001", role="Aide"),
        staff_row(3, "Bea", "Smith", requires_clock_hours=False),
        staff_row(4, "Cy", "Ross", mopd_id="100003"),
    ]
    first = plan_staff_import([ANA, BEA], rows)
    assert (len(first.to_add), len(first.to_update), first.unchanged) == (1, 0, 2)
    on_record = [ANA, BEA, *saved(first.to_add, start=3)]
    second = plan_staff_import(on_record, rows)
    assert (second.to_add, second.to_update, second.unchanged) == ([], [], 3)


def test_new_mopd_id_is_given_to_the_one_person_of_that_name_without_one() -> None:
    plan = plan_staff_import([ANA, BEA], [staff_row(2, "Bea", "Smith", mopd_id="200002")])
    assert plan.to_update == [BEA.replace(mopd_id="200002")]
    assert plan.to_add == []


def test_unknown_mopd_id_of_a_name_whose_holder_has_another_id_is_a_new_person() -> None:
    plan = plan_staff_import([ANA, BEA], [staff_row(2, "Ana", "Lopez", mopd_id="999999")])
    assert [s.mopd_id for s in plan.to_add] == ["999999"]
    assert plan.to_update == []


def test_unknown_mopd_id_with_two_namesakes_without_ids_is_added() -> None:
    twins = [BEA, BEA.replace(id=3, role="Aide")]
    plan = plan_staff_import(twins, [staff_row(2, "Bea", "Smith", mopd_id="5")])
    assert len(plan.to_add) == 1 and plan.to_update == []


def test_ambiguous_name_without_mopd_id() -> None:
    existing = [ANA, ANA.replace(id=3, mopd_id="100003")]
    assert problems_of(plan_staff_import, existing, [staff_row(4, "Ana", "Lopez", role="x")]) == [
        "row 4: 2 staff are named Ana Lopez; give this row a mopd_id to tell them apart"
    ]


def test_duplicates_within_the_file_are_all_reported() -> None:
    rows = [
        staff_row(2, "Ana", "Lopez", mopd_id="1"),
        staff_row(3, "Bea", "Smith"),
        staff_row(4, "Ann", "Lopez", mopd_id="1"),
        staff_row(5, "bea", "smith"),
    ]
    assert problems_of(plan_staff_import, [], rows) == [
        "row 4, column mopd_id: MOPD ID 1 is also on row 2",
        "row 5: bea smith is also on row 3; give these rows a mopd_id to tell them apart",
    ]


def test_two_rows_updating_one_person() -> None:
    # both new IDs would go to Bea, who has none on record
    rows = [
        staff_row(2, "Bea", "Smith", mopd_id="200002"),
        staff_row(3, "Bea", "Smith", mopd_id="200003"),
    ]
    assert problems_of(plan_staff_import, [BEA], rows) == [
        "row 3: updates the same staff member (Bea Smith) as row 2"
    ]


def test_a_row_without_mopd_id_is_not_the_person_another_row_names_by_id() -> None:
    # The file says there are two Ana Lopezes: the one with MOPD ID 100001, and another.
    rows = [staff_row(2, "Ana", "Lopez", mopd_id="100001"), staff_row(3, "Ana", "Lopez")]
    plan = plan_staff_import([ANA], rows)
    assert plan.to_add == [Staff("Ana", "Lopez")]
    assert plan.to_update == [] and plan.unchanged == 1


def test_namesakes_one_without_mopd_id_import_twice_without_change() -> None:
    rows = [staff_row(2, "Jo", "Smith", mopd_id="555"), staff_row(3, "Jo", "Smith")]
    first = plan_staff_import([], rows)
    assert len(first.to_add) == 2
    # the id-less row is matched by name, but not to the Jo Smith row 2 names by ID
    second = plan_staff_import(saved(first.to_add), rows)
    assert second.to_add == [] and second.to_update == [] and second.unchanged == 2
    # the same file with the rows the other way round
    again = plan_staff_import(saved(first.to_add), rows[::-1])
    assert again.to_add == [] and again.to_update == [] and again.unchanged == 2


def test_namesakes_not_named_by_id_in_the_file_are_still_ambiguous() -> None:
    existing = saved([Staff("Jo", "Smith", "555"), Staff("Jo", "Smith"), Staff("Jo", "Smith", "7")])
    rows = [staff_row(2, "Jo", "Smith", mopd_id="555"), staff_row(3, "Jo", "Smith", role="x")]
    assert problems_of(plan_staff_import, existing, rows) == [
        "row 3: 2 staff are named Jo Smith; give this row a mopd_id to tell them apart"
    ]


def test_staff_plan_reports_the_parsers_problems_with_its_own() -> None:
    earlier = [RowProblem(3, "hire_date", "'x' is not a date")]
    rows = [
        staff_row(2, "Ana", "Lopez", mopd_id="100001", end_date=date(2019, 5, 1)),
        staff_row(4, "Cy", "Ray"),
    ]
    with pytest.raises(CsvImportError) as caught:
        plan_staff_import([ANA], rows, earlier=earlier, note="read as cp1252")
    assert [str(p) for p in caught.value.problems] == [
        "row 2, column end_date: 2019-05-01 is before the hire date 2020-01-06 "
        "(with the details on record)",
        "row 3, column hire_date: 'x' is not a date",
    ]
    assert caught.value.note == "read as cp1252"


def test_staff_plan_reports_the_parsers_problems_with_duplicates_in_the_file() -> None:
    earlier = [RowProblem(2, "hire_date", "'x' is not a date")]
    rows = [staff_row(3, "Cy", "Ray", mopd_id="3"), staff_row(4, "Di", "Lee", mopd_id="3")]
    with pytest.raises(CsvImportError) as caught:
        plan_staff_import([], rows, earlier=earlier)
    assert [str(p) for p in caught.value.problems] == [
        "row 2, column hire_date: 'x' is not a date",
        "row 4, column mopd_id: MOPD ID 3 is also on row 3",
    ]


def test_staff_plan_with_only_the_parsers_problems_still_refuses() -> None:
    earlier = [RowProblem(3, "hire_date", "'x' is not a date")]
    with pytest.raises(CsvImportError) as caught:
        plan_staff_import([], [staff_row(2, "Cy", "Ray")], earlier=earlier)
    assert [str(p) for p in caught.value.problems] == ["row 3, column hire_date: 'x' is not a date"]


def test_update_that_breaks_the_record_is_refused() -> None:
    row = staff_row(2, "Ana", "Lopez", mopd_id="100001", end_date=date(2019, 5, 1))
    assert problems_of(plan_staff_import, [ANA], [row]) == [
        "row 2, column end_date: 2019-05-01 is before the hire date 2020-01-06 "
        "(with the details on record)"
    ]


def test_mopd_id_clash_safety_net() -> None:
    # two people on record already share an ID (say, typed in by hand); an update that
    # keeps the clash is refused rather than written
    existing = [ANA, BEA.replace(mopd_id="100001")]
    assert problems_of(
        plan_staff_import, existing, [staff_row(2, "Bea", "Smith", mopd_id="100001", role="x")]
    ) == ["row 2, column mopd_id: MOPD ID 100001 would belong to both Ana Lopez and Bea Smith"]


# --- training -----------------------------------------------------------------------


def training_row(
    row: int,
    mopd_id: str | None = "100001",
    first: str = "",
    last: str = "",
    title: str = "Safe Sleep",
    on: date = date(2025, 3, 4),
    start: time | None = time(9, 0),
    end: time | None = time(11, 0),
    **fields: object,
) -> TrainingRow:
    entry = TrainingEntry(0, title, on, 200, start_time=start, end_time=end).replace(**fields)
    return TrainingRow(row, mopd_id, first, last, entry)


def test_rows_resolve_by_mopd_id_or_by_name() -> None:
    rows = [training_row(2), training_row(3, None, " bea ", "SMITH ", title="Food Safety")]
    plan = plan_training_import([ANA, BEA], [], rows)
    assert [(e.staff_id, e.title) for e in plan.to_add] == [(1, "Safe Sleep"), (2, "Food Safety")]
    assert plan.already_present == 0


def test_unknown_and_ambiguous_staff_are_named() -> None:
    staff = [ANA, BEA, BEA.replace(id=3, mopd_id="100003")]
    rows = [
        training_row(2, "999999"),
        training_row(3, None, "Ana", "Lopes"),
        training_row(4, None, "Bea", "Smith"),
        training_row(5),
    ]
    assert problems_of(plan_training_import, staff, [], rows) == [
        "row 2, column mopd_id: no staff member has MOPD ID '999999' (import the staff file first)",
        "row 3, column last_name: no staff member is named 'Ana Lopes'",
        "row 4: 2 staff are named Bea Smith; give this row a mopd_id to tell them apart",
    ]


def test_training_plan_reports_the_parsers_problems_with_its_own() -> None:
    # rows 2 and 4 name unknown staff; the parser left out row 3 (a bad date)
    earlier = [RowProblem(3, "completed_on", "'2/30/2025' is not a date")]
    rows = [training_row(2, "999999"), training_row(4, "888888"), training_row(5)]
    with pytest.raises(CsvImportError) as caught:
        plan_training_import([ANA], [], rows, earlier=earlier, note="read as cp1252")
    assert [str(p) for p in caught.value.problems] == [
        "row 2, column mopd_id: no staff member has MOPD ID '999999' (import the staff file first)",
        "row 3, column completed_on: '2/30/2025' is not a date",
        "row 4, column mopd_id: no staff member has MOPD ID '888888' (import the staff file first)",
    ]
    assert caught.value.note == "read as cp1252"


def test_training_plan_with_only_the_parsers_problems_still_refuses() -> None:
    earlier = [RowProblem(3, "completed_on", "'2/30/2025' is not a date")]
    with pytest.raises(CsvImportError) as caught:
        plan_training_import([ANA], [], [training_row(2)], earlier=earlier)
    assert [str(p) for p in caught.value.problems] == [
        "row 3, column completed_on: '2/30/2025' is not a date"
    ]


def test_importing_the_same_rows_twice_adds_nothing() -> None:
    rows = [training_row(2), training_row(3, title="CPR", start=None, end=None, course_id="77")]
    first = plan_training_import([ANA], [], rows)
    assert len(first.to_add) == 2
    on_record = [e.replace(id=i + 1) for i, e in enumerate(first.to_add)]
    second = plan_training_import([ANA], on_record, rows)
    assert (second.to_add, second.already_present) == ([], 2)


def test_a_plan_to_save_numbers_its_new_entries_from_the_next_id() -> None:
    """Given the store's next id, the plan makes each new entry once, with its staff
    member and its id, in row order (the row already on record takes none)."""
    on_record = [training_row(2).entry.replace(staff_id=1, id=7)]
    rows = [training_row(2), training_row(3, title="CPR"), training_row(4, None, "Bea", "Smith")]
    plan = plan_training_import([ANA, BEA], on_record, rows, first_id=8)
    assert [(e.id, e.staff_id, e.title) for e in plan.to_add] == [
        (8, 1, "CPR"),
        (9, 2, "Safe Sleep"),
    ]
    assert plan.already_present == 1
    # a preview numbers nothing
    assert [e.id for e in plan_training_import([ANA, BEA], on_record, rows).to_add] == [None, None]


def test_a_difference_in_any_key_field_is_a_new_entry() -> None:
    on_record = [training_row(2).entry.replace(staff_id=1, id=1)]
    rows = [
        training_row(2, title="Safe Sleep II"),
        training_row(3, course_id="X1"),
        training_row(4, on=date(2025, 3, 5)),
        training_row(5, start=time(9, 30)),
        training_row(6, end=time(11, 30)),
        training_row(7, notes="different notes, same entry", clock_hours=300),
    ]
    plan = plan_training_import([ANA], on_record, rows)
    assert len(plan.to_add) == 5
    assert plan.already_present == 1


def test_the_same_entry_twice_in_a_file_is_an_error_even_when_on_record() -> None:
    rows = [training_row(3), training_row(5, title="CPR"), training_row(7)]
    on_record = [training_row(3).entry.replace(staff_id=1, id=1)]
    for existing in ([], on_record):
        assert problems_of(plan_training_import, [ANA], existing, rows) == [
            "row 7: same entry as row 3"
        ]


@pytest.mark.slow
def test_planning_100000_rows() -> None:
    """How long it takes is the import benchmark's (tests/benchmarks)."""
    staff = [Staff("First", f"Last{i}", str(100000 + i), id=i + 1) for i in range(1000)]
    rows = [
        training_row(
            n + 2,
            str(100000 + n % 1000),
            title=f"Course {n // 1000}",
            on=date(2025, 1, 1 + n % 28),
        )
        for n in range(100_000)
    ]
    existing = [r.entry.replace(staff_id=1 + (r.row - 2) % 1000, id=r.row) for r in rows[:50_000]]
    plan = plan_training_import(staff, existing, rows)
    assert (len(plan.to_add), plan.already_present) == (50_000, 50_000)

    staff_rows = [
        staff_row(i + 2, "First", f"Last{i}", mopd_id=str(100000 + i)) for i in range(100_000)
    ]
    staff_plan = plan_staff_import(staff, staff_rows)
    assert (len(staff_plan.to_add), staff_plan.unchanged) == (99_000, 1000)
