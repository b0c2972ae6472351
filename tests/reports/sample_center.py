"""A small hand-made center whose records hit every denial reason and warning, with
names that need more than ASCII. Used by the report tests and make_page_images.py."""

from __future__ import annotations

from datetime import date, datetime, time

from ccdesktop.domain.records import CenterData, Format, Setting
from tests.factories import make_center, make_entry, make_staff

YEAR = 2025
PRODUCED_AT = datetime(2026, 1, 15, 14, 5)


def sample_center() -> CenterData:
    center = make_center(
        name="Little Sprouts Académie",
        license_number="LIC-2025-0042",
        director="Trần Văn Bình",
    )
    staff = (
        make_staff(1, "Nguyễn Thị", "Ánh", mopd_id="123456", role="Lead teacher"),
        make_staff(
            2,
            "José",
            "Peña",
            mopd_id="234567",
            role="Assistant teacher",
            hire_date=date(2024, 6, 1),
        ),  # fmt: skip
        make_staff(3, "Ana", "Lopez", mopd_id=None, role="Aide", hire_date=date(2023, 6, 1)),
        make_staff(
            4, "Bob", "Kettle", mopd_id="345678", role="Cook", requires_clock_hours=False
        ),  # fmt: skip
        make_staff(
            5,
            "Zoë",
            "O'Brien",
            mopd_id="456789",
            role="Floater",
            hire_date=date(2022, 1, 10),
            end_date=date(2025, 4, 30),
        ),  # fmt: skip
    )
    t = time
    entries = (
        # Nguyễn Thị Ánh: two sittings at once (both denied), a repeat, credited hours
        make_entry(
            1,
            1,
            "Safe Sleep",
            date(YEAR, 3, 4),
            100,
            course_id="SS-1",
            provider="DESE",
            start_time=t(9),
            end_time=t(10),
        ),  # fmt: skip
        make_entry(
            2,
            1,
            "CPR",
            date(YEAR, 3, 4),
            100,
            course_id="CPR-2",
            provider="Red Cross",
            start_time=t(9, 30),
            end_time=t(10, 30),
        ),  # fmt: skip
        make_entry(
            3,
            1,
            "CPR",
            date(2024, 5, 10),
            300,
            course_id="CPR-2",
            provider="Red Cross",
            start_time=t(13),
            end_time=t(16),
        ),  # fmt: skip
        make_entry(
            4,
            1,
            "CPR",
            date(YEAR, 2, 1),
            300,
            course_id="CPR-2",
            provider="Red Cross",
            start_time=t(13),
            end_time=t(16),
        ),  # fmt: skip
        make_entry(
            5,
            1,
            "Recognizing and Reporting Child Abuse and Neglect",
            date(YEAR, 6, 9),
            600,
            course_id="CAN-310",
            provider="DESE",
            start_time=t(8),
            end_time=t(14),
        ),  # fmt: skip
        make_entry(
            6,
            1,
            "Positive Guidance",
            date(YEAR, 9, 15),
            650,
            provider="Local CCHC",
            start_time=t(8),
            end_time=t(14, 30),
        ),  # fmt: skip
        # José Peña: in ratio, online module as a group, e-learning finished late
        make_entry(
            7,
            2,
            "Infant Care Basics",
            date(YEAR, 1, 20),
            200,
            provider="DESE",
            in_ratio=True,
            start_time=t(9),
            end_time=t(11),
        ),  # fmt: skip
        make_entry(
            8,
            2,
            "Food Safety",
            date(YEAR, 4, 2),
            150,
            format=Format.ONLINE_MODULE,
            setting=Setting.GROUP,
            start_time=t(18),
            end_time=t(19, 30),
        ),  # fmt: skip
        make_entry(
            9,
            2,
            "Emergency Preparedness",
            date(YEAR, 5, 5),
            300,
            format=Format.ONLINE_MODULE,
            enrolled_on=date(2024, 1, 15),
            start_time=t(18),
            end_time=t(21),
        ),  # fmt: skip
        make_entry(
            10,
            2,
            "Early Literacy Through Play",
            date(YEAR, 7, 7),
            400,
            format=Format.LIVE_VIRTUAL,
            start_time=t(13),
            end_time=t(17),
        ),  # fmt: skip
        # Ana Lopez (no MOPD ID): not approved, no times, more hours than the sitting
        make_entry(
            11,
            3,
            "Toddler Art Workshop",
            date(YEAR, 2, 14),
            200,
            approved=False,
            start_time=t(10),
            end_time=t(12),
        ),  # fmt: skip
        make_entry(12, 3, "Medication Administration", date(YEAR, 8, 1), 300),
        make_entry(
            13,
            3,
            "Inclusion of Children with Special Needs",
            date(YEAR, 10, 3),
            300,
            start_time=t(9),
            end_time=t(11),
        ),  # fmt: skip
        # Zoë O'Brien left in April: exempt this year, entries still listed
        make_entry(
            14,
            5,
            "Safe Sleep",
            date(YEAR, 2, 2),
            200,
            course_id="SS-1",
            start_time=t(9),
            end_time=t(11),
        ),  # fmt: skip
    )
    return CenterData(center, staff, entries)
