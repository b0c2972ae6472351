"""What a director does, as plain functions over the store, io, domain and reports.

The command line is a thin shell over these, and the window's operations call the
same ones, so an import or an audit behaves the same from either.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib.resources import as_file, files
from pathlib import Path
from typing import Literal

from .domain.audit import Audit, audit_year
from .domain.records import Center, HireYearPolicy, Staff, TrainingEntry
from .io.importing import plan_staff_import, plan_training_import
from .io.staff_csv import parse_staff_csv_with_problems
from .io.training_csv import parse_training_csv_with_problems
from .store.database import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class StaffImportSummary:
    added: int
    updated: int
    unchanged: int
    note: str | None = None
    #: the records written, with their ids, so the window can undo the import
    added_staff: tuple[Staff, ...] = field(default=(), repr=False)
    updated_before: tuple[Staff, ...] = field(default=(), repr=False)
    updated_after: tuple[Staff, ...] = field(default=(), repr=False)

    def __str__(self) -> str:
        return f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged"


@dataclass(frozen=True, slots=True)
class TrainingImportSummary:
    added: int
    already_present: int
    note: str | None = None
    #: the entries written, with their ids, so the window can undo the import
    added_entries: tuple[TrainingEntry, ...] = field(default=(), repr=False)

    def __str__(self) -> str:
        return f"{self.added} added, {self.already_present} already present"


def import_staff_file(
    db: Database, path: str | os.PathLike[str], column_map: Mapping[str, str] | None = None
) -> StaffImportSummary:
    """Add or update staff from a staff CSV, all or nothing.

    Raises ``CsvImportError`` naming every bad row; nothing is written then.
    """
    # The rows with bad cells are left out of the plan but reported with its problems,
    # so the first attempt names every bad row, not just the badly typed ones.
    parsed, problems = parse_staff_csv_with_problems(path, column_map)
    with db.transaction():
        existing = db.list_staff()
        plan = plan_staff_import(existing, parsed.rows, earlier=problems, note=parsed.note)
        by_id = {staff.id: staff for staff in existing}
        for staff in plan.to_update:
            db.update_staff(staff)
        added = tuple(db.add_staff(staff) for staff in plan.to_add)
    log.info("staff import: %d added, %d updated", len(plan.to_add), len(plan.to_update))
    return StaffImportSummary(
        len(plan.to_add),
        len(plan.to_update),
        plan.unchanged,
        parsed.note,
        added_staff=added,
        updated_before=tuple(by_id[staff.id] for staff in plan.to_update),
        updated_after=tuple(plan.to_update),
    )


def import_training_file(
    db: Database,
    path: str | os.PathLike[str],
    column_map: Mapping[str, str] | None = None,
    *,
    records_start_year: int | None = None,
) -> TrainingImportSummary:
    """Add training entries from a training CSV, all or nothing, skipping entries
    already in the database (so importing a file twice adds nothing).

    The first import into a center without a records start year sets it, in the same
    transaction: to ``records_start_year`` (what the director answered), else to the
    year of the earliest entry on record after the import. The summary's note says so,
    and says when entries fall before the records start.

    Raises ``CsvImportError`` naming every bad row, the bad cells found by reading
    and the unknown staff or repeated entries found by planning; nothing is written
    then.
    """
    parsed, problems = parse_training_csv_with_problems(path, column_map)
    with db.transaction():
        existing = db.list_entries()
        plan = plan_training_import(
            db.list_staff(),
            existing,
            parsed.rows,
            earlier=problems,
            note=parsed.note,
        )
        # the parser left out every row validate_entry finds fault with, and the
        # plan raised if it left out any
        added = tuple(db.add_entries(plan.to_add, checked=True))
        start_note = _settle_records_start(db, existing, added, records_start_year)
    log.info("training import: %d added, %d present", len(plan.to_add), plan.already_present)
    note = "; ".join(n for n in (parsed.note, start_note) if n) or None
    return TrainingImportSummary(len(plan.to_add), plan.already_present, note, added_entries=added)


def _settle_records_start(
    db: Database,
    existing: Sequence[TrainingEntry],
    added: Sequence[TrainingEntry],
    answered: int | None,
) -> str | None:
    """Set the records start year at the first import; say what an import means for it."""
    if not added:
        return None
    center = db.get_center()
    earliest = min(e.completed_on.year for e in (*existing, *added))
    start = center.records_start_year
    if start is None:
        start = answered if answered is not None else earliest
        db.set_center(center.replace(records_start_year=start))
        if answered is None:
            return (
                f"records are kept from {start}, the year of the earliest training entry: "
                "years before it ask for no hours (change it with "
                "'ccdesktop center --records-start YEAR' or in Settings)"
            )
    before = sum(1 for e in added if e.completed_on.year < start)
    if before:
        return (
            f"{before} of the entries added are from before {start}, the year records "
            "are kept from: they make up no hours (change the records start year to "
            "count them)"
        )
    return None


def audit(db: Database, year: int) -> Audit:
    """The one audit of a year that every screen, report and command shows."""
    return audit_year(db.load(), year)


def update_center(
    db: Database,
    *,
    name: str | None = None,
    license_number: str | None = None,
    director: str | None = None,
    required_hours: int | None = None,
    hire_year_policy: str | None = None,
    records_start_year: int | Literal["auto"] | None = None,
) -> Center:
    """Change the given center details and settings; the others stay as they are.
    ``records_start_year="auto"`` clears the setting (the earliest entry's year)."""
    changes: dict[str, object] = {}
    if name is not None:
        changes["name"] = name.strip()
    if license_number is not None:
        changes["license_number"] = license_number.strip()
    if director is not None:
        changes["director"] = director.strip()
    if required_hours is not None:
        changes["required_hours"] = required_hours
    if hire_year_policy is not None:
        changes["hire_year_policy"] = HireYearPolicy(hire_year_policy)
    if records_start_year is not None:
        changes["records_start_year"] = None if records_start_year == "auto" else records_start_year
    if not changes:
        return db.get_center()
    with db.transaction():
        center = db.get_center().replace(**changes)
        db.set_center(center)
    return center


def staff_ids_for_mopd_ids(audit_result: Audit, mopd_ids: Sequence[str]) -> frozenset[int]:
    """Staff ids of the given MOPD IDs; ``LookupError`` names the unknown ones."""
    by_mopd = {s.staff.mopd_id: s.staff.id for s in audit_result.staff if s.staff.mopd_id}
    unknown = [m for m in mopd_ids if m not in by_mopd]
    if unknown:
        raise LookupError(f"no staff member has MOPD ID {', '.join(unknown)}")
    return frozenset(by_mopd[m] for m in mopd_ids if by_mopd[m] is not None)  # type: ignore[misc]


def default_sample_paths() -> tuple[Path, Path]:
    """The sample center's staff and training CSV files, wherever we are installed."""
    base = files("ccdesktop.resources").joinpath("sample")
    with (
        as_file(base.joinpath("staff.csv")) as staff,
        as_file(base.joinpath("training.csv")) as training,
    ):
        return Path(staff), Path(training)
