"""audit_to_json: the ``audit --json`` document of INTERFACES.md, on the worked example
of RULES.md section 5."""

from __future__ import annotations

import json
from datetime import date, time

from ccdesktop.domain.audit import audit_year
from ccdesktop.domain.records import Center, CenterData, Format, Setting, Staff, TrainingEntry
from ccdesktop.io.audit_json import audit_to_json
from tests.factories import make_entry

CENTER = Center(name="Little Acorns", license_number="LC-0042", director="María González")
ANA = Staff("Ana", "Lopez", "123456", "Lead teacher", hire_date=date(2023, 6, 1), id=1)
BEA = Staff("Bea", "Smith", None, "Aide", hire_date=date(2025, 1, 6), id=2)
COOK = Staff("Dee", "Fischer", None, "Cook", requires_clock_hours=False, id=3)


def entry(entry_id: int, staff_id: int, on: str, hours: int, **fields: object) -> TrainingEntry:
    """Entry ``entry_id``, titled "Course <id>" unless told."""
    fields.setdefault("title", f"Course {entry_id}")
    return make_entry(entry_id, staff_id, completed_on=on, clock_hours=hours, **fields)


def worked_example() -> CenterData:
    """Hired 2023-06-01 (2023 asks 7); credited 2023: 3, 2024: 15, 2025: 10."""
    entries = [
        entry(1, 1, "2023-09-09", 300),
        entry(2, 1, "2024-02-10", 800),
        entry(3, 1, "2024-10-12", 700),
        # 2025: two trainings at once (both denied), then 6 + 4 credited hours
        entry(
            17,
            1,
            "2025-03-04",
            200,
            title="Safe Sleep",
            start_time=time(9),
            end_time=time(11),
            in_ratio=True,
        ),
        entry(
            18,
            1,
            "2025-03-04",
            200,
            title="CPR",
            course_id="C-1",
            provider="Red Cross",
            start_time=time(10),
            end_time=time(12),
        ),
        entry(19, 1, "2025-05-10", 600, title="Child Development", format=Format.ONLINE_MODULE),
        entry(
            20,
            1,
            "2025-09-01",
            400,
            title="Guidance",
            format=Format.LIVE_VIRTUAL,
            setting=Setting.GROUP,
            start_time=time(13),
            end_time=time(17),
        ),
        # Bea: 11.7 + 0.1 + 0.2 hours are exactly 12
        entry(30, 2, "2025-02-01", 1170, start_time=time(8), end_time=time(20)),
        entry(31, 2, "2025-02-02", 10, start_time=time(8), end_time=time(8, 6)),
        entry(32, 2, "2025-02-03", 20, start_time=time(8), end_time=time(8, 12)),
    ]
    return CenterData(CENTER, (ANA, BEA, COOK), tuple(entries))


def test_worked_example_as_json() -> None:
    document = audit_to_json(audit_year(worked_example(), 2025))
    dee, ana, bea = document["staff"]  # audit order: by last name
    assert ana == {
        "id": 1,
        "mopd_id": "123456",
        "first_name": "Ana",
        "last_name": "Lopez",
        "role": "Lead teacher",
        "status": "short",
        "required": 12,
        "earned": 10,
        "applied_to_prior": [{"year": 2024, "hours": 1}],
        "counted": 9,
        "prior_deficit_remaining": 0,
        "hours_needed": 3,
        "warnings": [],
        "met_by_credential": None,
    }
    assert bea == {
        "id": 2,
        "mopd_id": None,
        "first_name": "Bea",
        "last_name": "Smith",
        "role": "Aide",
        "status": "met",
        "required": 12,
        "earned": 12,
        "applied_to_prior": [],
        "counted": 12,
        "prior_deficit_remaining": 0,
        "hours_needed": 0,
        "warnings": ["MISSING_MOPD_ID"],
        "met_by_credential": None,
    }
    assert (dee["status"], dee["required"], dee["mopd_id"], dee["warnings"]) == (
        "exempt",
        0,
        None,
        [],
    )

    assert {k: document[k] for k in ("year", "required_hours", "center")} == {
        "year": 2025,
        "required_hours": 12,
        "center": {
            "name": "Little Acorns",
            "license_number": "LC-0042",
            "director": "María González",
        },
    }
    entries = {item["id"]: item for item in document["entries"]}
    assert [item["id"] for item in document["entries"]] == [30, 31, 32, 17, 18, 19, 20]
    assert entries[17] == {
        "id": 17,
        "staff_id": 1,
        "mopd_id": "123456",
        "title": "Safe Sleep",
        "course_id": None,
        "provider": "",
        "format": "in_person",
        "setting": "individual",
        "completed_on": "2025-03-04",
        "start_time": "09:00",
        "end_time": "11:00",
        "clock_hours": 2,
        "credited": False,
        "reasons": ["OVERLAP", "IN_RATIO"],
        "warnings": [],
        "kind": "training",
        "expires_on": None,
        "as_trainer": False,
        "mopd_report_on": None,
    }
    assert (entries[18]["reasons"], entries[18]["course_id"], entries[18]["provider"]) == (
        ["OVERLAP"],
        "C-1",
        "Red Cross",
    )
    assert entries[19] == entries[19] | {
        "credited": True, "reasons": [], "warnings": ["MISSING_TIMES"],
        "start_time": None, "end_time": None, "format": "online_module", "clock_hours": 6,
    }  # fmt: skip
    assert (entries[20]["setting"], entries[20]["format"]) == ("group", "live_virtual")
    assert entries[30]["mopd_id"] is None
    assert [entries[i]["clock_hours"] for i in (30, 31, 32)] == [11.7, 0.1, 0.2]


def test_json_text_has_exact_two_decimal_numbers() -> None:
    text = json.dumps(audit_to_json(audit_year(worked_example(), 2025)), ensure_ascii=False)
    assert '"clock_hours": 11.7,' in text and '"clock_hours": 0.1,' in text
    assert '"earned": 12,' in text  # Bea: exactly 12, not 11.999999999999998
    assert "María González" in text


def test_earlier_years_of_the_worked_example() -> None:
    data = worked_example()
    figures = {
        year: {
            k: audit_to_json(audit_year(data, year))["staff"][1][k]
            for k in ("required", "earned", "applied_to_prior", "counted", "hours_needed")
        }
        for year in (2023, 2024)
    }
    assert figures == {
        2023: {"required": 7, "earned": 3, "applied_to_prior": [], "counted": 3, "hours_needed": 4},
        2024: {
            "required": 12,
            "earned": 15,
            "applied_to_prior": [{"year": 2023, "hours": 4}],
            "counted": 11,
            "hours_needed": 1,
        },
    }


def test_an_audit_with_a_day_adds_the_keys_of_issue_13_and_keeps_the_others() -> None:
    data = worked_example()
    plain = audit_to_json(audit_year(data, 2025))
    dated = audit_to_json(audit_year(data, 2025, today=date(2025, 12, 31)))
    assert "as_of" not in plain and dated["as_of"] == "2025-12-31"
    for before, after in zip(plain["staff"], dated["staff"], strict=True):
        assert {k: v for k, v in after.items() if k not in ("planned", "requirements")} == before
        assert after["planned"] == 0
        assert [r["name"] for r in after["requirements"]] == [
            "Safe Sleep",
            "CPR",
            "First Aid",
            "Orientation",
        ]
    for before, after in zip(plain["entries"], dated["entries"], strict=True):
        assert {k: v for k, v in after.items() if k != "planned"} == before
        assert after["planned"] is False
    ana = next(s for s in dated["staff"] if s["first_name"] == "Ana")
    orientation = ana["requirements"][3]
    assert orientation == {
        "name": "Orientation",
        "status": "overdue",
        "until": None,
        "due_on": "2023-06-01",
        "met_by": None,
        "planned_on": None,
        "text": "overdue since 6/2/2023",
    }
