"""``audit_year``: the one engine entry point (counts, entry list, staff order)."""

from __future__ import annotations

from ccdesktop.domain.codes import Status

from .factories import audit, make_entry, make_staff


def test_denied_and_warning_counts_cover_only_the_audited_year() -> None:
    staff = [make_staff(1, hire="2024-01-01"), make_staff(2, first="Bo", hire="2024-01-01")]
    entries = [
        # 2024 (not audited): one denied, one warned
        make_entry(1, staff_id=1, title="Old", on="2024-03-01", in_ratio=True),
        make_entry(2, staff_id=1, title="Old 2", on="2024-03-02"),
        # 2025: denied + warned, denied only, warned only, clean
        make_entry(3, staff_id=1, title="A", on="2025-03-01", approved=False),
        make_entry(
            4, staff_id=1, title="B", on="2025-03-02", start="9:00", end="10:00", in_ratio=True
        ),
        make_entry(5, staff_id=1, title="C", on="2025-03-03"),
        make_entry(6, staff_id=1, title="D", on="2025-03-04", start="9:00", end="10:00"),
        # another staff member's denied entry does not count for staff 1
        make_entry(7, staff_id=2, title="A", on="2025-03-01", approved=False),
    ]
    result = audit(staff, entries, 2025)
    one, two = result.standing(1), result.standing(2)
    assert one.denied_count == 2  # 3, 4
    assert one.warning_count == 2  # 3, 5 (MISSING_TIMES)
    assert two.denied_count == 1 and two.warning_count == 1
    assert [r.entry.id for r in result.denied] == [3, 7, 4]


def test_entries_are_those_of_the_audited_year_in_completion_order() -> None:
    staff = [make_staff(1), make_staff(2, first="Bo")]
    entries = [
        make_entry(10, staff_id=1, title="Late Dec", on="2025-12-31"),
        make_entry(11, staff_id=2, title="Last year", on="2024-12-31"),
        make_entry(12, staff_id=2, title="Next year", on="2026-01-01"),
        make_entry(13, staff_id=2, title="No start", on="2025-06-01"),
        make_entry(14, staff_id=1, title="Afternoon", on="2025-06-01", start="14:00", end="15:00"),
        make_entry(15, staff_id=2, title="Morning", on="2025-06-01", start="8:00", end="9:00"),
        make_entry(9, staff_id=1, title="No start, lower id", on="2025-06-01"),
        make_entry(16, staff_id=1, title="New year", on="2025-01-01"),
    ]
    result = audit(staff, entries, 2025)
    assert [r.entry.id for r in result.entries] == [16, 15, 14, 9, 13, 10]
    assert [r.entry.id for r in result.entries_of(2)] == [15, 13]
    # every entry of every year still has a verdict
    assert set(result.verdicts) == {9, 10, 11, 12, 13, 14, 15, 16}


def test_staff_are_ordered_by_last_then_first_name_ignoring_case() -> None:
    staff = [
        make_staff(1, first="Zoe", last="baker"),
        make_staff(2, first="ann", last="Adams"),
        make_staff(3, first="Bea", last="adams"),
        make_staff(4, first="Ann", last="Adams"),
        make_staff(5, first="Carl", last="Zimmer"),
    ]
    result = audit(staff, [], 2025)
    assert [s.staff.id for s in result.staff] == [2, 4, 3, 1, 5]


def test_met_and_short_counts() -> None:
    staff = [
        make_staff(1, hire="2025-01-01"),
        make_staff(2, first="Bo", hire="2025-01-01"),
        make_staff(3, first="Cy", hire="2025-01-01", requires=False),
    ]
    entries = [make_entry(1, staff_id=1, hours=1200), make_entry(2, staff_id=2, hours=1199)]
    result = audit(staff, entries, 2025)
    assert [s.status for s in result.staff] == [Status.MET, Status.SHORT, Status.EXEMPT]
    assert result.met_count == 1 and result.short_count == 1


def test_staff_without_hire_date_or_entries_is_short_in_the_audited_year() -> None:
    # Engine decision (audit.py): with neither a hire date nor an entry the audited
    # year is taken as the first required year, so the caregiver shows as short.
    s = audit([make_staff(1, hire=None)], [], 2025).standing(1)
    assert s.status is Status.SHORT
    assert s.required == 1200 and s.hours_needed == 1200
