"""A CDA or YDC credential earned or renewed counts as the year's full requirement
(issue 14; the Decisions are in domain/ledger.py): in the year of its date only, and
it makes up no earlier year."""

from __future__ import annotations

from ccdesktop.domain.codes import Status
from ccdesktop.domain.explain import describe_credential, describe_credential_year
from ccdesktop.domain.records import Center, EntryKind, TrainingEntry
from tests.factories import D, audit, make_entry, make_staff


def cda(entry_id: int, on: str, title: str = "CDA renewal", **changes: object) -> TrainingEntry:
    return make_entry(
        entry_id, title=title, completed_on=on, clock_hours=0, kind=EntryKind.CREDENTIAL, **changes
    )


def training(entry_id: int, on: str, hours: int) -> TrainingEntry:
    return make_entry(
        entry_id,
        title=f"Course {entry_id}",
        completed_on=on,
        clock_hours=hours,
        start_time="9:00",
        end_time="21:00",
    )


STAFF = [make_staff(1, hire_date="2023-01-01")]


def test_the_credential_meets_its_year_with_no_hours() -> None:
    result = audit(STAFF, [cda(1, "2025-05-01")], 2025, Center(records_start_year=2023))
    standing = result.standing(1)
    # 2023 and 2024 ask 12 each and were missed: the credential makes up neither
    assert standing.status is Status.SHORT
    assert standing.prior_deficit_remaining == 2400
    assert standing.hours_needed == 2400
    assert standing.ledger[-1].deficit_added == 0
    assert standing.met_by_credential == 1
    assert standing.counted == 0 and standing.earned == 0


def test_the_years_hours_still_make_up_earlier_years_first() -> None:
    entries = [
        training(1, "2024-03-01", 1200),  # 2024 met
        training(2, "2025-02-01", 300),  # 2025: 3 hours
        cda(3, "2025-05-01"),
        training(4, "2023-02-01", 800),  # 2023: 8 of 12, 4 missed
    ]
    standing = audit(STAFF, entries, 2025).standing(1)
    # 2024's 12 hours: 4 to 2023, 8 count for 2024, which misses 4
    # 2025's 3 hours: 3 to 2024 (1 still missing from it); 2025 itself is met by the CDA
    assert standing.applied_to_prior == ((2024, 300),)
    assert standing.counted == 0
    assert standing.prior_deficit_remaining == 100
    assert standing.hours_needed == 100  # the earlier year only
    assert standing.status is Status.SHORT
    assert standing.met_by_credential == 3


def test_met_when_nothing_is_owed_from_earlier_years() -> None:
    staff = [make_staff(1, hire_date="2025-01-15")]
    standing = audit(staff, [cda(1, "2025-12-31", title="YDC")], 2025).standing(1)
    assert standing.status is Status.MET and standing.hours_needed == 0


def test_only_in_the_year_of_its_date_not_until_it_expires() -> None:
    staff = [make_staff(1, hire_date="2025-01-01")]
    entries = [cda(1, "2025-05-01", expires_on=D("2028-05-01"))]
    assert audit(staff, entries, 2025).standing(1).status is Status.MET
    standing_2026 = audit(staff, entries, 2026).standing(1)
    assert standing_2026.status is Status.SHORT
    assert standing_2026.met_by_credential is None
    assert standing_2026.hours_needed == 1200


def test_a_cpr_card_or_a_cda_training_is_not_the_requirement() -> None:
    staff = [make_staff(1, hire_date="2025-01-01")]
    cpr = cda(1, "2025-05-01", title="CPR and First Aid card")
    course = make_entry(2, title="CDA preparation", completed_on="2025-06-01", clock_hours=300)
    standing = audit(staff, [cpr, course], 2025).standing(1)
    assert standing.status is Status.SHORT and standing.met_by_credential is None
    assert standing.hours_needed == 900


def test_a_year_that_asks_nothing_is_unchanged() -> None:
    staff = [make_staff(1, hire_date="2025-01-01", end_date="2025-06-30")]
    standing = audit(staff, [cda(1, "2026-02-01")], 2026).standing(1)
    assert standing.status is Status.EXEMPT and standing.met_by_credential is None


def test_the_words() -> None:
    credential = cda(1, "2025-05-01", title="CDA", expires_on=D("2028-05-31"))
    assert describe_credential(credential) == "credential, expires 5/31/2028"
    assert describe_credential(cda(2, "2025-05-01")) == "credential, no expiry date"
    assert describe_credential_year(credential) == (
        "CDA (5/1/2025) counts as the full requirement of 2025; it makes up no hours "
        "missed in earlier years"
    )


# --- what a credential may not have (domain/validation.py) ---------------------------


def test_a_credential_refuses_hours() -> None:
    from ccdesktop.domain.validation import validate_entry

    fine = cda(1, "2025-05-01", expires_on=D("2027-05-31"))
    assert validate_entry(fine) == []
    # times it may keep: no rule looks at them
    timed = make_entry(2, start_time="9:00", end_time="10:00")
    assert validate_entry(fine.replace(start_time=timed.start_time, end_time=timed.end_time)) == []
    assert {p.field: p.message for p in validate_entry(fine.replace(clock_hours=150))} == {
        "clock_hours": "1.5: a credential carries no clock hours (record the training "
        "that earned it as a training entry of its own)",
    }
    expired_first = fine.replace(expires_on=D("2025-04-30"))
    assert [p.field for p in validate_entry(expired_first)] == ["expires_on"]


def test_a_training_has_no_expiry_date_and_needs_hours() -> None:
    from ccdesktop.domain.validation import validate_entry

    course = make_entry(1, expires_on=D("2027-01-01"))
    assert [p.field for p in validate_entry(course)] == ["expires_on"]
    assert [p.field for p in validate_entry(make_entry(1, clock_hours=0))] == ["clock_hours"]
