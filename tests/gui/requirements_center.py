"""The sample center made to show issue 13: licensed for infants, an inspection ahead,
CPR/First Aid cards, and planned trainings; judged as of a fixed day."""

from __future__ import annotations

from datetime import date, time

from ccdesktop.domain.records import EntryKind, TrainingEntry
from ccdesktop.store.database import Database

#: the day the tests' window judges "as of"
TODAY = date(2026, 12, 2)


def add_issue13_records(db: Database) -> None:
    center = db.get_center().replace(
        licensed_for_infants=True, next_inspection_on=date(2027, 1, 20)
    )
    db.set_center(center)
    staff = {s.last_name: s for s in db.list_staff()}

    def card(who: str, title: str, on: date, expires: date) -> TrainingEntry:
        return TrainingEntry(
            staff_id=staff[who].id or 0,
            title=title,
            completed_on=on,
            clock_hours=0,
            kind=EntryKind.CREDENTIAL,
            expires_on=expires,
        )

    def training(who: str, title: str, on: date, hours: int) -> TrainingEntry:
        return TrainingEntry(
            staff_id=staff[who].id or 0,
            title=title,
            completed_on=on,
            clock_hours=hours,
            start_time=time(9),
            end_time=time(9 + hours // 100),
        )

    entries = [
        card(who, "Pediatric First Aid/CPR/AED", date(2025, 2, 1), expiry)
        for who, expiry in (
            ("González", date(2027, 6, 30)),
            ("Nguyễn", date(2027, 6, 30)),
            ("Peña", date(2027, 1, 31)),
            ("O'Brien", date(2027, 6, 30)),
            ("Washington", date(2027, 6, 30)),
            ("Schneider", date(2027, 6, 30)),
            ("Brooks", date(2027, 6, 30)),
            ("Miller", date(2027, 1, 31)),
            ("Johnson", date(2027, 6, 30)),
        )
    ]
    entries.append(card("Whitfield", "Adult CPR", date(2024, 12, 1), date(2026, 11, 30)))
    for who in ("González", "Nguyễn", "Peña", "O'Brien", "Schneider"):
        entries.append(training(who, "New Staff Orientation", date(2024, 1, 5), 200))
    # planned: one that would be credited, one a repeat within 12 months
    entries.append(training("Nguyễn", "Positive Guidance Refresher", date(2026, 12, 12), 300))
    entries.append(
        training("Washington", "Safe Sleep for Infants and Toddlers", date(2026, 12, 16), 200)
    )
    db.add_entries(entries)
