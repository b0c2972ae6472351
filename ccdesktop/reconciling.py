"""Comparing the records with the MOPD training report, and applying the comparison:
plain functions over the store, io and domain, which the command line
(``ccdesktop reconcile``) and the window (File > Compare with MOPD report...) both call.

Applying a comparison is one transaction (``apply_plan``), undone by ``revert_plan``:

- every entry found on the report gets ``mopd_report_on`` = the report's date, and
  every compared entry not found gets None (a mark from an earlier report that this
  one no longer shows is taken off: the newest report is what the inspector reads);
- the center remembers the report's date (``Center.mopd_report_on``: from then on a
  training completed by that date and not found on it is warned NOT_ON_MOPD_REPORT,
  which never changes credit) and its column map (``Center.mopd_columns``);
- with ``import_missing``, the rows only the report has are imported, all or nothing,
  through the same planning as ``import-training`` (an unknown person, a bad row:
  nothing at all is written), marked as found on the report; a row that nearly
  matches an entry (``Reconciliation.importable``) is left for the director to correct.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from .domain.dates import format_date_us
from .domain.reconcile import Reconciliation, reconcile
from .domain.records import Center, CenterData, TrainingEntry
from .io.csv_read import CsvImportError
from .io.importing import plan_training_import
from .io.mopd_report import MopdReport, default_report_date, read_mopd_report
from .io.sources import labelled
from .io.training_csv import TrainingRow
from .store.database import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ApplyPlan:
    """What applying a comparison writes, and what it replaces (for undo)."""

    report_on: date
    center_before: Center
    center_after: Center
    #: the entries whose mark changes, before and after, in the same order
    marked_before: tuple[TrainingEntry, ...]
    marked_after: tuple[TrainingEntry, ...]
    #: the rows only the report has, as new entries (empty unless imported)
    to_import: tuple[TrainingEntry, ...] = ()
    #: rows the import found already on record (same entry, other hours, say)
    already_present: int = 0
    #: the entries written by ``apply_plan``, with their ids (for undo and redo)
    imported: tuple[TrainingEntry, ...] = field(default=(), compare=False)

    @property
    def found(self) -> int:
        return sum(1 for e in self.marked_after if e.mopd_report_on is not None)


def read_and_compare(
    db: Database | CenterData,
    path: str | os.PathLike[str],
    *,
    report_on: date | None = None,
    chosen: Mapping[str, str] | None = None,
    sheet: str | None = None,
) -> tuple[MopdReport, Reconciliation]:
    """Read the report (its columns as the center remembers them, ``chosen`` first)
    and compare it with the records; ``report_on`` defaults to the day the file was
    saved. Raises what ``read_mopd_report`` raises; writes nothing."""
    data = db.load() if isinstance(db, Database) else db
    remembered = dict(data.center.mopd_columns)
    report = read_mopd_report(path, remembered=remembered, chosen=chosen, sheet=sheet)
    when = report_on or default_report_date(path)
    return report, reconcile(data.staff, data.entries, report.rows, when)


def plan_apply(
    data: CenterData,
    report: MopdReport,
    result: Reconciliation,
    *,
    import_missing: bool = False,
) -> ApplyPlan:
    """What applying ``result`` to ``data`` writes. With ``import_missing`` the rows only
    the report has are planned as an import; ``CsvImportError`` (labelled as the
    report names places) when any of them cannot be imported, so nothing is."""
    by_id = {entry.id: entry for entry in data.entries}
    before: list[TrainingEntry] = []
    after: list[TrainingEntry] = []
    for entry_id, mark in result.marks.items():
        entry = by_id[entry_id]
        if entry.mopd_report_on != mark:
            before.append(entry)
            after.append(entry.replace(mopd_report_on=mark))
    center_after = data.center.replace(
        mopd_report_on=result.report_on, mopd_columns=report.remembered_columns
    )
    to_import: tuple[TrainingEntry, ...] = ()
    present = 0
    if import_missing and result.importable:
        rows = [_import_row(row, result) for row in result.importable]
        try:
            plan = plan_training_import(data.staff, data.entries, rows, note=report.note)
        except CsvImportError as error:
            raise labelled(error, report.labels) from None
        to_import, present = tuple(plan.to_add), plan.already_present
    return ApplyPlan(
        result.report_on,
        data.center,
        center_after,
        tuple(before),
        tuple(after),
        to_import,
        present,
    )


def _import_row(row: object, result: Reconciliation) -> TrainingRow:
    """A row of the report as a row of a training file, marked as found on it. A row
    matched to its person by name (their MOPD ID is not on record) names them so."""
    from .domain.reconcile import ReportRow

    assert isinstance(row, ReportRow)
    entry = row.entry.replace(mopd_report_on=result.report_on)
    if not entry.notes:
        entry = entry.replace(
            notes=f"imported from the MOPD training report of {format_date_us(result.report_on)}"
        )
    person = result.staff_of_row.get(row.row)
    mopd_id = row.mopd_id
    if person is not None and mopd_id and (person.mopd_id or "").strip() != mopd_id.strip():
        mopd_id = None  # found by name: the ID is not theirs on record
        return TrainingRow(row.row, mopd_id, person.first_name, person.last_name, entry)
    return TrainingRow(row.row, mopd_id, row.first_name, row.last_name, entry)


def apply_plan(db: Database, plan: ApplyPlan) -> ApplyPlan:
    """Write ``plan`` in one transaction; returns it with the imported entries' ids
    (``ApplyPlan.imported``). A refused write leaves nothing written."""
    with db.transaction():
        db.set_report_marks({e.id: e.mopd_report_on for e in plan.marked_after})  # type: ignore[misc]
        imported: tuple[TrainingEntry, ...] = ()
        if plan.imported:  # redo: the same records with the same ids
            imported = tuple(db.add_entries(list(plan.imported)))
        elif plan.to_import:
            imported = tuple(db.add_entries(list(plan.to_import), checked=True))
        db.set_center(plan.center_after)
    log.info(
        "MOPD report applied: %d marks changed, %d entries imported",
        len(plan.marked_after),
        len(imported),
    )
    return ApplyPlan(
        plan.report_on,
        plan.center_before,
        plan.center_after,
        plan.marked_before,
        plan.marked_after,
        plan.to_import,
        plan.already_present,
        imported,
    )


def revert_plan(db: Database, plan: ApplyPlan) -> None:
    """Undo ``apply_plan`` (given what it returned), in one transaction."""
    with db.transaction():
        for entry in plan.imported:
            assert entry.id is not None
            db.delete_entry(entry.id)
        db.set_report_marks({e.id: e.mopd_report_on for e in plan.marked_before})  # type: ignore[misc]
        db.set_center(plan.center_before)


def compare_and_apply(
    db: Database,
    path: str | os.PathLike[str],
    *,
    report_on: date | None = None,
    chosen: Mapping[str, str] | None = None,
    sheet: str | None = None,
    import_missing: bool = False,
) -> tuple[MopdReport, Reconciliation, ApplyPlan]:
    """Read, compare and apply in one go (``ccdesktop reconcile --apply``)."""
    report, result = read_and_compare(db, path, report_on=report_on, chosen=chosen, sheet=sheet)
    plan = plan_apply(db.load(), report, result, import_missing=import_missing)
    return report, result, apply_plan(db, plan)
