"""``audit_year``: the one engine entry point (counts, entry list, staff order)."""

from __future__ import annotations

from ccdesktop.domain.codes import Status
from tests.factories import audit, make_entry, make_staff


def test_denied_and_warning_counts_cover_only_the_audited_year() -> None:
    staff = [
        make_staff(1, hire_date="2024-01-01"),
        make_staff(2, first_name="Bo", hire_date="2024-01-01"),
    ]
    entries = [
        # 2024 (not audited): one denied, one warned
        make_entry(1, staff_id=1, title="Old", completed_on="2024-03-01", in_ratio=True),
        make_entry(2, staff_id=1, title="Old 2", completed_on="2024-03-02"),
        # 2025: denied + warned, denied only, warned only, clean
        make_entry(3, staff_id=1, title="A", completed_on="2025-03-01", approved=False),
        make_entry(
            4,
            staff_id=1,
            title="B",
            completed_on="2025-03-02",
            start_time="9:00",
            end_time="10:00",
            in_ratio=True,
        ),
        make_entry(5, staff_id=1, title="C", completed_on="2025-03-03"),
        make_entry(
            6, staff_id=1, title="D", completed_on="2025-03-04", start_time="9:00", end_time="10:00"
        ),
        # another staff member's denied entry does not count for staff 1
        make_entry(7, staff_id=2, title="A", completed_on="2025-03-01", approved=False),
    ]
    result = audit(staff, entries, 2025)
    one, two = result.standing(1), result.standing(2)
    assert one.denied_count == 2  # 3, 4
    assert one.warning_count == 2  # 3, 5 (MISSING_TIMES)
    assert two.denied_count == 1 and two.warning_count == 1
    assert [r.entry.id for r in result.denied] == [3, 7, 4]


def test_entries_are_those_of_the_audited_year_in_completion_order() -> None:
    staff = [make_staff(1), make_staff(2, first_name="Bo")]
    entries = [
        make_entry(10, staff_id=1, title="Late Dec", completed_on="2025-12-31"),
        make_entry(11, staff_id=2, title="Last year", completed_on="2024-12-31"),
        make_entry(12, staff_id=2, title="Next year", completed_on="2026-01-01"),
        make_entry(13, staff_id=2, title="No start", completed_on="2025-06-01"),
        make_entry(
            14,
            staff_id=1,
            title="Afternoon",
            completed_on="2025-06-01",
            start_time="14:00",
            end_time="15:00",
        ),
        make_entry(
            15,
            staff_id=2,
            title="Morning",
            completed_on="2025-06-01",
            start_time="8:00",
            end_time="9:00",
        ),
        make_entry(9, staff_id=1, title="No start, lower id", completed_on="2025-06-01"),
        make_entry(16, staff_id=1, title="New year", completed_on="2025-01-01"),
    ]
    result = audit(staff, entries, 2025)
    assert [r.entry.id for r in result.entries] == [16, 15, 14, 9, 13, 10]
    assert [r.entry.id for r in result.entries_of(2)] == [15, 13]
    # every entry of every year still has a verdict
    assert set(result.verdicts) == {9, 10, 11, 12, 13, 14, 15, 16}


def test_staff_are_ordered_by_last_then_first_name_ignoring_case() -> None:
    staff = [
        make_staff(1, first_name="Zoe", last_name="baker"),
        make_staff(2, first_name="ann", last_name="Adams"),
        make_staff(3, first_name="Bea", last_name="adams"),
        make_staff(4, first_name="Ann", last_name="Adams"),
        make_staff(5, first_name="Carl", last_name="Zimmer"),
    ]
    result = audit(staff, [], 2025)
    assert [s.staff.id for s in result.staff] == [2, 4, 3, 1, 5]


def test_met_and_short_counts() -> None:
    staff = [
        make_staff(1, hire_date="2025-01-01"),
        make_staff(2, first_name="Bo", hire_date="2025-01-01"),
        make_staff(3, first_name="Cy", hire_date="2025-01-01", requires_clock_hours=False),
    ]
    entries = [
        make_entry(1, staff_id=1, clock_hours=1200),
        make_entry(2, staff_id=2, clock_hours=1199),
    ]
    result = audit(staff, entries, 2025)
    assert [s.status for s in result.staff] == [Status.MET, Status.SHORT, Status.EXEMPT]
    assert result.met_count == 1 and result.short_count == 1


def test_staff_without_hire_date_or_entries_is_short_in_the_audited_year() -> None:
    # Engine decision (audit.py): with neither a hire date nor an entry the audited
    # year is taken as the first required year, so the caregiver shows as short.
    s = audit([make_staff(1, hire_date=None)], [], 2025).standing(1)
    assert s.status is Status.SHORT
    assert s.required == 1200 and s.hours_needed == 1200
