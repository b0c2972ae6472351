"""Undoable edits. Each command changes the store in one transaction, and its
``undo`` puts back exactly what was there (records keep their ids)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from ..domain.records import Center, Staff, TrainingEntry
from ..store.database import Database
from ..store.errors import StoreError

if TYPE_CHECKING:  # reconciling (~17 ms) is imported when a comparison is applied, not
    # when the window starts (this module is part of its start)
    from ..reconciling import ApplyPlan

log = logging.getLogger(__name__)


class StoreCommand(QUndoCommand):
    """A command that knows its database. ``apply`` does the first change;
    ``redo``/``undo`` (called by QUndoStack) repeat and revert it."""

    def __init__(self, db: Database, text: str) -> None:
        super().__init__(text)
        self._db = db
        self._skip_next_redo = False

    def mark_applied(self) -> None:
        self._skip_next_redo = True

    def redo(self) -> None:
        if self._skip_next_redo:
            self._skip_next_redo = False
            return
        self._guarded(self.apply)

    def undo(self) -> None:
        self._guarded(self.revert)

    def _guarded(self, action: object) -> None:
        # Qt calls redo/undo from C++, where a Python exception would only be printed:
        # log it and mark the command obsolete so the stack does not lie.
        try:
            action(self._db)  # type: ignore[operator]
        except StoreError:
            # the command's text holds names; the log must not
            log.exception("undo/redo of a %s command failed", type(self).__name__)
            self.setObsolete(True)

    def apply(self, db: Database) -> None:
        raise NotImplementedError

    def revert(self, db: Database) -> None:
        raise NotImplementedError

    def touched(self) -> frozenset[int] | None:
        """The staff ids whose records (their staff record, their entries) the command
        changes, done or undone: the window reads them again, and no one else
        (``Session.notify_changed``). None: it changes more (the center's settings),
        and everything is read again."""
        return None


def _staff_ids(staff: tuple[Staff, ...]) -> frozenset[int] | None:
    """The ids of saved staff records; None if one has none (who it is is not known)."""
    ids = frozenset(s.id for s in staff if s.id is not None)
    return None if any(s.id is None for s in staff) else ids


class AddStaff(StoreCommand):
    def __init__(self, db: Database, staff: Staff) -> None:
        super().__init__(db, f"Add {staff.full_name}")
        self.staff = staff

    def apply(self, db: Database) -> None:
        self.staff = db.add_staff(self.staff)

    def revert(self, db: Database) -> None:
        assert self.staff.id is not None
        db.delete_staff(self.staff.id)

    def touched(self) -> frozenset[int] | None:
        return None if self.staff.id is None else frozenset({self.staff.id})


class EditStaff(StoreCommand):
    def __init__(self, db: Database, before: Staff, after: Staff) -> None:
        super().__init__(db, f"Edit {after.full_name}")
        self.before, self.after = before, after

    def apply(self, db: Database) -> None:
        db.update_staff(self.after)

    def revert(self, db: Database) -> None:
        db.update_staff(self.before)

    def touched(self) -> frozenset[int] | None:
        return _staff_ids((self.before, self.after))


class DeleteStaff(StoreCommand):
    """Deletes a person with their entries; undo restores both with their ids."""

    def __init__(self, db: Database, staff: Staff) -> None:
        super().__init__(db, f"Delete {staff.full_name}")
        self.staff = staff
        self.entries: list[TrainingEntry] = []

    def apply(self, db: Database) -> None:
        assert self.staff.id is not None
        self.entries = db.delete_staff(self.staff.id)

    def revert(self, db: Database) -> None:
        with db.transaction():
            db.add_staff(self.staff)
            db.add_entries(self.entries)

    def touched(self) -> frozenset[int] | None:
        return _staff_ids((self.staff,))


class AddEntries(StoreCommand):
    """One entry, or one training attended by several staff (group entry)."""

    def __init__(self, db: Database, entries: list[TrainingEntry], text: str) -> None:
        super().__init__(db, text)
        self.entries = entries

    def apply(self, db: Database) -> None:
        self.entries = db.add_entries(self.entries)

    def revert(self, db: Database) -> None:
        with db.transaction():
            for entry in self.entries:
                assert entry.id is not None
                db.delete_entry(entry.id)

    def touched(self) -> frozenset[int] | None:
        return frozenset(entry.staff_id for entry in self.entries)


class EditEntry(StoreCommand):
    def __init__(self, db: Database, before: TrainingEntry, after: TrainingEntry) -> None:
        super().__init__(db, f"Edit {after.title}")
        self.before, self.after = before, after

    def apply(self, db: Database) -> None:
        db.update_entry(self.after)

    def revert(self, db: Database) -> None:
        db.update_entry(self.before)

    def touched(self) -> frozenset[int] | None:
        # the form may give the entry to another person: both are touched
        return frozenset({self.before.staff_id, self.after.staff_id})


class DeleteEntries(StoreCommand):
    def __init__(self, db: Database, entries: list[TrainingEntry]) -> None:
        text = (
            f"Delete {entries[0].title}" if len(entries) == 1 else f"Delete {len(entries)} entries"
        )
        super().__init__(db, text)
        self.entries = entries

    def apply(self, db: Database) -> None:
        with db.transaction():
            for entry in self.entries:
                assert entry.id is not None
                db.delete_entry(entry.id)

    def revert(self, db: Database) -> None:
        db.add_entries(self.entries)

    def touched(self) -> frozenset[int] | None:
        return frozenset(entry.staff_id for entry in self.entries)


class EditCenter(StoreCommand):
    def __init__(self, db: Database, before: Center, after: Center) -> None:
        super().__init__(db, "Edit center details")
        self.before, self.after = before, after

    def apply(self, db: Database) -> None:
        db.set_center(self.after)

    def revert(self, db: Database) -> None:
        db.set_center(self.before)


class ImportedRecords(StoreCommand):
    """A CSV import that already ran (in the background, in one transaction).

    Undo deletes what the import added and puts back the staff it updated; redo
    writes the same records again with the same ids.
    """

    def __init__(
        self,
        db: Database,
        text: str,
        *,
        added_staff: tuple[Staff, ...] = (),
        updated_before: tuple[Staff, ...] = (),
        updated_after: tuple[Staff, ...] = (),
        added_entries: tuple[TrainingEntry, ...] = (),
        center_before: Center | None = None,
        center_after: Center | None = None,
    ) -> None:
        super().__init__(db, text)
        self.added_staff = added_staff
        self.updated_before = updated_before
        self.updated_after = updated_after
        self.added_entries = added_entries
        #: the center's settings the import changed (its records start year), if any
        self.center_before = center_before
        self.center_after = center_after

    def apply(self, db: Database) -> None:
        with db.transaction():
            for staff in self.added_staff:
                db.add_staff(staff)
            for staff in self.updated_after:
                db.update_staff(staff)
            if self.added_entries:
                db.add_entries(list(self.added_entries))
            if self.center_after is not None:
                db.set_center(self.center_after)

    def revert(self, db: Database) -> None:
        with db.transaction():
            if self.center_before is not None:
                db.set_center(self.center_before)
            for entry in self.added_entries:
                assert entry.id is not None
                db.delete_entry(entry.id)
            for staff in self.added_staff:
                assert staff.id is not None
                db.delete_staff(staff.id)
            for staff in self.updated_before:
                db.update_staff(staff)

    def touched(self) -> frozenset[int] | None:
        if self.center_before is not None or self.center_after is not None:
            return None  # the first import sets the records start: everyone's ledger
        staff = _staff_ids((*self.added_staff, *self.updated_before, *self.updated_after))
        if staff is None:
            return None
        return staff | {entry.staff_id for entry in self.added_entries}


class ApplyMopdReport(StoreCommand):
    """Applying a comparison with the MOPD report (``reconciling.apply_plan``: the
    marks, the report's date and columns, the rows imported), in one transaction;
    undo puts every mark and the center back and takes the imported entries out."""

    def __init__(self, db: Database, plan: ApplyPlan, text: str) -> None:
        super().__init__(db, text)
        self.plan = plan

    def apply(self, db: Database) -> None:
        from ..reconciling import apply_plan

        self.plan = apply_plan(db, self.plan)

    def revert(self, db: Database) -> None:
        from ..reconciling import revert_plan

        revert_plan(db, self.plan)
