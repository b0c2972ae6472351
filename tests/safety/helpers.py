"""Builders shared by the promise tests: CSV files, a center with staff, raw reads."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from ccdesktop import workflows
from ccdesktop.store.database import Database

STAFF_CSV = "first_name,last_name,mopd_id\nAna,Lopez,100200\nSeán,O'Brien,012345\n"


def write_staff(folder: Path) -> Path:
    path = folder / "staff.csv"
    path.write_text(STAFF_CSV, encoding="utf-8")
    return path


def training_csv(path: Path, rows: int) -> Path:
    """``rows`` distinct entries (each a different title) for the two staff members."""
    lines = ["mopd_id,title,completed_on,clock_hours,start_time,end_time"]
    for n in range(rows):
        mopd = "100200" if n % 2 else "012345"
        day = f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}"
        lines.append(f"{mopd},Course {n},{day},1.5,09:00,10:30")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def center_with_staff(path: Path) -> Path:
    with Database.open(path) as db:
        workflows.import_staff_file(db, write_staff(path.parent))
    return path


def count(path: Path, table: str) -> int:
    with closing(sqlite3.connect(path)) as conn:
        value: int = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return value


def integrity(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return [row[0] for row in conn.execute("PRAGMA integrity_check")]


def damage_a_table_page(path: Path) -> None:
    """Scribble over the last page (entry rows), leaving the header and schema intact."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    last = len(data) - page
    data[last + 8 : last + page - 8] = bytes(range(256)) * ((page - 16) // 256) + bytes(
        (page - 16) % 256
    )
    path.write_bytes(bytes(data))
