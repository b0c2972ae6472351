"""Add or edit a staff member, and mark one as having left.

The form checks every field as it is typed with ``domain.validation.validate_staff``
(the same check the CSV importer and the store make) plus MOPD ID uniqueness, shows
each problem under its field, and keeps OK disabled until the record is valid.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import format_date_us
from ...domain.records import Staff
from ...domain.validation import normalise_mopd_id, validate_staff
from ..commands import AddStaff, EditStaff
from ..session import Session
from ..widgets.date_field import DateField
from ..widgets.discard import confirm_discard, form_state
from ..widgets.form_errors import (
    error_label,
    grow_to_fit,
    show_problem,
    wide_enough_for_date_messages,
    with_error,
)

#: the form's fields, in the order problems are listed
FIELDS = ("first_name", "last_name", "mopd_id", "role", "hire_date", "end_date")


_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def us_dates(message: str) -> str:
    """The validation's ISO dates as the M/D/YYYY the form shows."""
    return _ISO_DATE.sub(lambda m: f"{int(m[2])}/{int(m[3])}/{m[1]}", message)


def mopd_id_owner(staff: Staff, everyone: tuple[Staff, ...] | list[Staff]) -> Staff | None:
    """Another staff member who already has ``staff``'s MOPD ID, if any."""
    if staff.mopd_id is None:
        return None
    for other in everyone:
        if other.id != staff.id and other.mopd_id == staff.mopd_id:
            return other
    return None


class StaffDialog(QDialog):
    """``original`` None adds a person; otherwise edits them (one undo step)."""

    def __init__(self, session: Session, original: Staff | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.original = original
        #: the record as saved (with its id) once OK succeeded
        self.saved: Staff | None = None
        self._touched: set[str] = set()
        self.setObjectName("staffDialog")
        self.setWindowTitle(
            self.tr("Add a staff member")
            if original is None
            else self.tr("Edit {0}").format(original.full_name)
        )
        self._build()
        if original is not None:
            self._load(original)
        self._check()
        self._initial_state = form_state(self)

    # --- building ----------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # room for a message under each field that can be wrong (the role cannot)
        self._errors = {
            name: error_label(self, name, room=0 if name == "role" else 1) for name in FIELDS
        }

        def row(text: str, field: QWidget, name: str, accessible: str) -> None:
            field.setObjectName(f"{name}Field")
            field.setAccessibleName(self.tr(accessible))
            label = QLabel(self.tr(text), self)
            label.setBuddy(field)
            cell = with_error(field, self._errors[name])
            if isinstance(field, DateField):
                wide_enough_for_date_messages(cell)
            form.addRow(label, cell)

        self.first_name_edit = QLineEdit(self)
        row("&First name:", self.first_name_edit, "first_name", "First name")
        self.last_name_edit = QLineEdit(self)
        row("&Last name:", self.last_name_edit, "last_name", "Last name")
        self.mopd_edit = QLineEdit(self)
        self.mopd_edit.setPlaceholderText(self.tr("from the MOPD system, e.g. 1023456"))
        row("&MOPD ID:", self.mopd_edit, "mopd_id", "MOPD ID")
        self.role_combo = QComboBox(self)
        self.role_combo.setEditable(True)
        self.role_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        roles = sorted({s.role for s in self.session.data().staff if s.role}, key=str.casefold)
        self.role_combo.addItems(roles)
        self.role_combo.setCurrentText("")
        line = self.role_combo.lineEdit()
        assert line is not None
        line.setPlaceholderText(self.tr("e.g. Lead Teacher"))
        row("&Role:", self.role_combo, "role", "Role")
        self.requires_check = QCheckBox(self.tr("Needs &yearly clock hours"), self)
        self.requires_check.setObjectName("requires_clock_hoursField")
        self.requires_check.setAccessibleName(self.tr("Needs yearly clock hours"))
        self.requires_check.setChecked(True)
        self.requires_check.setToolTip(
            self.tr("Clear this for someone who is never a caregiver, e.g. a cook.")
        )
        form.addRow("", self.requires_check)
        self.hire_edit = DateField(self)
        row("&Hire date:", self.hire_edit, "hire_date", "Hire date")
        self.end_edit = DateField(self)
        row("&End date:", self.end_edit, "end_date", "End date (last day)")
        self.infant_room_check = QCheckBox(self.tr("Works in the infant r&oom"), self)
        self.infant_room_check.setObjectName("infant_roomField")
        self.infant_room_check.setAccessibleName(self.tr("Works in the infant room"))
        self.infant_room_check.setToolTip(
            self.tr(
                "Required trainings set for infant-room staff (Settings > Required "
                "trainings) apply to this person."
            )
        )
        form.addRow("", self.infant_room_check)
        layout.addLayout(form)
        hint = QLabel(
            self.tr("Dates are M/D/YYYY. Leave the end date empty while the person works here."),
            self,
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("staffOkButton")
        self.ok_button.setText(self.tr("&Save") if self.original else self.tr("&Add"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        edits = (
            ("first_name", self.first_name_edit.textEdited),
            ("last_name", self.last_name_edit.textEdited),
            ("mopd_id", self.mopd_edit.textEdited),
            ("role", self.role_combo.editTextChanged),
            ("hire_date", self.hire_edit.edited),
            ("end_date", self.end_edit.edited),
        )
        for name, signal in edits:
            signal.connect(lambda *_a, n=name: self._edited(n))
        self.requires_check.toggled.connect(lambda _c: self._check())
        self.infant_room_check.toggled.connect(lambda _c: self._check())
        QWidget.setTabOrder(self.first_name_edit, self.last_name_edit)
        QWidget.setTabOrder(self.last_name_edit, self.mopd_edit)
        QWidget.setTabOrder(self.mopd_edit, self.role_combo)
        QWidget.setTabOrder(self.role_combo, self.requires_check)
        QWidget.setTabOrder(self.requires_check, self.hire_edit.line_edit)
        QWidget.setTabOrder(self.hire_edit.line_edit, self.end_edit.line_edit)
        QWidget.setTabOrder(self.end_edit.line_edit, self.infant_room_check)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 60)

    def _load(self, staff: Staff) -> None:
        self.first_name_edit.setText(staff.first_name)
        self.last_name_edit.setText(staff.last_name)
        self.mopd_edit.setText(staff.mopd_id or "")
        self.role_combo.setCurrentText(staff.role)
        self.requires_check.setChecked(staff.requires_clock_hours)
        self.infant_room_check.setChecked(staff.infant_room)
        self.hire_edit.set_value(staff.hire_date)
        self.end_edit.set_value(staff.end_date)
        self._touched = set(FIELDS)

    # --- checking ----------------------------------------------------------------------

    def draft(self) -> Staff:
        """The record the form describes now (dates that are not dates are None)."""
        base = self.original or Staff(first_name="", last_name="")
        return base.replace(
            first_name=self.first_name_edit.text().strip(),
            last_name=self.last_name_edit.text().strip(),
            mopd_id=normalise_mopd_id(self.mopd_edit.text()),
            role=self.role_combo.currentText().strip(),
            requires_clock_hours=self.requires_check.isChecked(),
            infant_room=self.infant_room_check.isChecked(),
            hire_date=self.hire_edit.value(),
            end_date=self.end_edit.value(),
        )

    def problems(self) -> dict[str, str]:
        """Every problem of the form, by field."""
        found: dict[str, str] = {}
        for name, field in (("hire_date", self.hire_edit), ("end_date", self.end_edit)):
            date_problem = field.problem()
            if date_problem:
                found[name] = date_problem
        staff = self.draft()
        for problem in validate_staff(staff):
            found.setdefault(problem.field, us_dates(problem.message))
        owner = mopd_id_owner(staff, self.session.data().staff)
        if owner is not None:
            found.setdefault(
                "mopd_id",
                self.tr("{0} is already the MOPD ID of {1}").format(staff.mopd_id, owner.full_name),
            )
        return found

    def _edited(self, name: str) -> None:
        self._touched.add(name)
        self._check()

    @Slot()
    def _check(self) -> bool:
        problems = self.problems()
        for name, label in self._errors.items():
            message = problems.get(name)
            # "is required" under a field nobody has typed in yet only nags
            show_problem(label, message if name in self._touched else None)
        grow_to_fit(self)
        self.ok_button.setEnabled(not problems)
        self.ok_button.setToolTip(
            "" if not problems else self.tr("Correct the fields marked in red first.")
        )
        return not problems

    # --- saving ------------------------------------------------------------------------

    def reject(self) -> None:
        """Escape, Cancel or the close button: ask first when something was typed."""
        if form_state(self) != self._initial_state and not confirm_discard(self):
            return
        super().reject()

    def accept(self) -> None:
        if not self._check():
            self._touched = set(FIELDS)
            self._check()
            return
        staff = self.draft()
        if self.original is None:
            command = AddStaff(self.session.db, staff)
            if not self.session.perform(command):
                return
            self.saved = command.staff
        else:
            if staff != self.original and not self.session.perform(
                EditStaff(self.session.db, self.original, staff)
            ):
                return
            self.saved = staff
        super().accept()


class EndDateDialog(QDialog):
    """Mark a person as having left: their last day (default today)."""

    def __init__(
        self,
        session: Session,
        staff: Staff,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.staff = staff
        self.setObjectName("endDateDialog")
        self.setWindowTitle(self.tr("Mark {0} as left").format(staff.full_name))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "{0} needs no clock hours from the year of their last day on. Their "
                "records stay, and you can undo this with Edit > Undo."
            ).format(staff.full_name),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.date_edit = DateField(self, accessible_name=self.tr("Last day"))
        self.date_edit.setObjectName("endDateField")
        self.date_edit.set_value(staff.end_date or today or date.today())
        self.error = error_label(self, "end_date", room=1)
        label = QLabel(self.tr("&Last day:"), self)
        label.setBuddy(self.date_edit)
        cell = with_error(self.date_edit, self.error)
        wide_enough_for_date_messages(cell)
        form.addRow(label, cell)
        layout.addLayout(form)
        if staff.hire_date is not None:
            hired = QLabel(self.tr("Hired {0}.").format(format_date_us(staff.hire_date)), self)
            layout.addWidget(hired)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert isinstance(ok, QPushButton)
        self.ok_button = ok
        self.ok_button.setText(self.tr("&Mark as left"))
        self.ok_button.setObjectName("endDateOkButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.date_edit.edited.connect(self._check)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 50)
        self._check()

    def problem(self) -> str | None:
        problem = self.date_edit.problem()
        if problem:
            return problem
        day = self.date_edit.value()
        if day is None:
            return self.tr("is required")
        problems = validate_staff(self.staff.replace(end_date=day))
        return next((us_dates(p.message) for p in problems if p.field == "end_date"), None)

    @Slot()
    def _check(self) -> bool:
        problem = self.problem()
        show_problem(self.error, problem)
        grow_to_fit(self)
        self.ok_button.setEnabled(problem is None)
        return problem is None

    def accept(self) -> None:
        if not self._check():
            return
        after = self.staff.replace(end_date=self.date_edit.value())
        if after != self.staff and not self.session.perform(
            EditStaff(self.session.db, self.staff, after)
        ):
            return
        super().accept()


__all__ = ["EndDateDialog", "StaffDialog", "mopd_id_owner"]
