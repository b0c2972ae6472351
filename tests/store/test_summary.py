"""What a backup and the current file hold, read read-only before a restore (issue 12,
point 2): center, license, date-time and reason, staff and entries, latest entry;
the "another center" rule; and the plan a restore is asked about."""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

import pytest

from ccdesktop.domain.records import Center
from ccdesktop.store.database import Database
from ccdesktop.store.errors import StoreError
from ccdesktop.store.migrations import SCHEMA_VERSION
from ccdesktop.store.restore import plan_restore
from ccdesktop.store.summary import DatabaseSummary, is_other_center, summarise_database
from ccdesktop.store.versions import SchemaVersion
from tests.factories import new_entry, new_staff, sha256

FIXTURES = Path(__file__).parents[1] / "fixtures"


def _center(path: Path, name: str, license_number: str, people: int, entries: int) -> Path:
    with Database.open(path) as db:
        db.set_center(Center(name=name, license_number=license_number))
        for n in range(people):
            person = db.add_staff(new_staff("Ana", f"Lopez{n}"))
            assert person.id is not None
            if n == 0:
                db.add_entries(
                    [
                        new_entry(person.id, f"Course {k}", completed_on=date(2026, 1 + k % 11, 2))
                        for k in range(entries)
                    ]
                )
    return path


def _unchanged(path: Path):  # type: ignore[no-untyped-def]
    """A check that ``path`` has its bytes and modification time, and no journal."""
    digest, mtime = sha256(path), path.stat().st_mtime_ns

    def check() -> None:
        assert sha256(path) == digest and path.stat().st_mtime_ns == mtime
        assert not path.with_name(path.name + "-journal").exists()

    return check


def test_a_backup_is_summarised_from_its_records_and_its_name(tmp_path: Path) -> None:
    db = _center(tmp_path / "acorns.sqlite3", "Little Acorns", "L-9", 3, 10)
    with Database.open(db) as opened:
        made = opened.backup("daily")
    unchanged = _unchanged(made)
    summary = summarise_database(made)
    unchanged()
    assert summary == DatabaseSummary(
        path=made,
        center_name="Little Acorns",
        license_number="L-9",
        staff_count=3,
        entry_count=10,
        last_entry=date(2026, 10, 2),
        schema_version=SCHEMA_VERSION,
        taken_at=summary.taken_at,
        reason="daily",
    )
    # the time is the one in the name, to the microsecond
    stamp = made.name.removeprefix("acorns-").removesuffix("-daily.backup")
    assert summary.taken_at == datetime.strptime(stamp, "%Y%m%d-%H%M%S-%f")


def test_a_file_not_named_as_a_backup_gives_its_own_time_and_no_reason(tmp_path: Path) -> None:
    db = _center(tmp_path / "c.sqlite3", "Sunny Days", "", 1, 0)
    os.utime(db, (datetime(2026, 11, 28, 14, 0).timestamp(),) * 2)
    summary = summarise_database(db)
    assert summary.taken_at == datetime(2026, 11, 28, 14, 0)
    assert summary.reason is None and summary.last_entry is None
    assert (summary.staff_count, summary.entry_count) == (1, 0)


def test_an_older_schema_backup_is_summarised_as_it_is(tmp_path: Path) -> None:
    old = tmp_path / "old-20250102-030405-000006-before-upgrade-v1.backup"
    shutil.copy(FIXTURES / "schema-v1.sqlite3", old)
    unchanged = _unchanged(old)
    summary = summarise_database(old)
    unchanged()
    assert summary.schema_version == SchemaVersion(1)
    assert summary.center_name == "Little Acorns Learning Center"
    assert summary.license_number == "L-1234"
    assert (summary.staff_count, summary.entry_count) == (4, 5)
    assert summary.taken_at == datetime(2025, 1, 2, 3, 4, 5, 6)
    assert summary.reason == "before-upgrade-v1"


def test_summarising_a_file_open_in_another_connection_changes_nothing(tmp_path: Path) -> None:
    db = _center(tmp_path / "c.sqlite3", "Sunny Days", "L-1", 2, 3)
    with Database.open(db) as opened:
        unchanged = _unchanged(db)
        assert summarise_database(db).staff_count == 2
        unchanged()
        assert len(opened.list_staff()) == 2


def _other_programs_db(path: Path) -> Path:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.commit()
    return path


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p.write_text("hello", encoding="utf-8") and p, "not an SQLite file"),
        (lambda p: p.write_bytes(b"") or p, "empty or missing"),
        (_other_programs_db, "another program's SQLite database"),
    ],
    ids=["text", "empty", "other-program"],
)
def test_a_file_that_is_not_a_ccdesktop_database_is_refused_clearly(
    tmp_path: Path, make, words: str
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.backup"
    make(path)
    unchanged = _unchanged(path)
    with pytest.raises(StoreError, match=words) as caught:
        summarise_database(path)
    assert str(path) in str(caught.value)
    unchanged()


def test_a_missing_file_is_refused_and_not_created(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="empty or missing"):
        summarise_database(tmp_path / "gone.backup")
    assert not (tmp_path / "gone.backup").exists()


def _summary(name: str, license_number: str) -> DatabaseSummary:
    return DatabaseSummary(
        Path("x"), name, license_number, 0, 0, None, 2, datetime(2026, 1, 1), None
    )


@pytest.mark.parametrize(
    ("backup", "current", "other"),
    [
        (("Little Acorns", "L-9"), ("Sunny Days", "L-1"), True),  # both differ
        (("Sunny Days", "L-9"), ("Sunny Days", "L-1"), True),  # the license decides
        (("Sunny Days Old", "L-1"), ("Sunny Days", "L-1"), False),  # renamed: same license
        (("sunny  DAYS", "l-1 "), ("Sunny Days", "L-1"), False),  # case and spacing
        (("Little Acorns", ""), ("Sunny Days", "L-1"), True),  # one license: the names
        (("Little Acorns", "L-9"), ("Sunny Days", ""), True),
        (("sunny days", ""), ("Sunny Days", "L-1"), False),
        (("", "L-9"), ("Sunny Days", ""), False),  # nothing to compare
        (("", ""), ("Sunny Days", "L-1"), False),  # a backup of a new file
        (("Little Acorns", "L-9"), ("", ""), False),  # restoring into a new file
    ],
)
def test_the_other_center_rule(
    backup: tuple[str, str], current: tuple[str, str], other: bool
) -> None:
    assert is_other_center(_summary(*backup), _summary(*current)) is other


def test_the_plan_summarises_both_files_and_says_another_center(tmp_path: Path) -> None:
    current = _center(tmp_path / "sunny.sqlite3", "Sunny Days", "L-1", 4, 6)
    with Database.open(_center(tmp_path / "acorns.sqlite3", "Little Acorns", "L-9", 3, 2)) as db:
        theirs = db.backup("manual")
    unchanged_backup, unchanged_current = _unchanged(theirs), _unchanged(current)
    plan = plan_restore(current, theirs)
    unchanged_backup()
    unchanged_current()
    assert plan.current is not None and plan.current.center_name == "Sunny Days"
    assert (plan.current.staff_count, plan.current.entry_count) == (4, 6)
    assert plan.backup.center_name == "Little Acorns" and plan.backup.reason == "manual"
    assert plan.other_center
    with Database.open(current) as db:
        ours = db.backup("manual")
    assert not plan_restore(current, ours).other_center


def test_the_plan_with_no_current_file_yet(tmp_path: Path) -> None:
    backup = _center(tmp_path / "acorns.sqlite3", "Little Acorns", "L-9", 1, 1)
    plan = plan_restore(tmp_path / "new.sqlite3", backup)
    assert plan.current is None and plan.current_problem is None and not plan.other_center
    assert not (tmp_path / "new.sqlite3").exists()


def test_the_plan_refuses_what_the_restore_would_refuse(tmp_path: Path) -> None:
    from tests.safety.helpers import damage_a_table_page

    current = _center(tmp_path / "sunny.sqlite3", "Sunny Days", "L-1", 1, 300)
    with pytest.raises(StoreError, match="is the database itself"):
        plan_restore(current, current)
    damaged = tmp_path / "damaged.backup"
    shutil.copy(current, damaged)
    damage_a_table_page(damaged)
    with pytest.raises(StoreError, match="damaged"):
        plan_restore(current, damaged)
