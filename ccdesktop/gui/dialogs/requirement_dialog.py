"""Add or edit one required training of the center (issue 13): its name, who needs
it, what meets it, how long it lasts and when a new hire must have it.

The dialog only builds a ``RequirementKind``; the Settings page puts it in the form's
list, and "Save settings" saves the list with the center (one undoable edit). Each
field is checked with ``domain.validation.validate_requirement`` as it is typed.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.records import AppliesTo, MetBy, RequirementKind
from ...domain.validation import MAX_LASTS_MONTHS, MAX_NEW_HIRE_DAYS, validate_requirement
from ..widgets.discard import confirm_discard, form_state
from ..widgets.form_errors import error_label, show_problem, with_error

APPLIES_TO_LABELS = {
    AppliesTo.CAREGIVERS: "All caregivers",
    AppliesTo.ROLES: "Caregivers in these roles",
    AppliesTo.INFANT_ROOM: "Caregivers who work in the infant room",
}
MET_BY_LABELS = {
    MetBy.TRAINING: "A training entry (course ID or title)",
    MetBy.CREDENTIAL: "A credential, such as a CPR card (its title)",
}

#: the choices for new hires: no deadline, before starting, within a number of days
NO_DEADLINE, BEFORE_STARTING, WITHIN_DAYS = range(3)


def lines_of(text: str) -> tuple[str, ...]:
    """The non-blank lines of ``text``, trimmed."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


class RequirementDialog(QDialog):
    """``kind`` None adds one; ``others`` are the list's other names (no two alike)."""

    def __init__(
        self,
        kind: RequirementKind | None,
        others: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.original = kind
        self._others = {" ".join(name.casefold().split()) for name in others}
        #: the required training the form describes, once OK was pressed
        self.kind: RequirementKind | None = None
        self.setObjectName("requirementDialog")
        self.setWindowTitle(
            self.tr("Add a required training")
            if kind is None
            else self.tr("Edit {0}").format(kind.name)
        )
        self._build()
        self._load(kind or RequirementKind(name="", new_hire_days=30))
        self._check()
        self._initial_state = form_state(self)
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._errors = {
            name: error_label(self, name, room=1)
            for name in ("name", "roles", "matches", "lasts_months", "new_hire_days")
        }

        def row(text: str, field: QWidget, name: str, accessible: str) -> None:
            field.setObjectName(f"{name}Field")
            field.setAccessibleName(self.tr(accessible))
            label = QLabel(self.tr(text), self)
            label.setBuddy(field)
            cell = with_error(field, self._errors[name]) if name in self._errors else field
            form.addRow(label, cell)

        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(self.tr("e.g. Safe Sleep"))
        row("&Name:", self.name_edit, "name", "Name of the required training")

        self.applies_combo = QComboBox(self)
        for applies, text in APPLIES_TO_LABELS.items():
            self.applies_combo.addItem(self.tr(text), applies.value)
        row("&Who needs it:", self.applies_combo, "applies_to", "Who needs it")
        self.roles_edit = QPlainTextEdit(self)
        self.roles_edit.setPlaceholderText(self.tr("one role per line, e.g. Infant Teacher"))
        self.roles_edit.setTabChangesFocus(True)
        self.roles_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        row("R&oles:", self.roles_edit, "roles", "Roles it applies to, one per line")
        self.infants_check = QCheckBox(
            self.tr("Only while the program is &licensed for infants"), self
        )
        self.infants_check.setObjectName("for_infant_programsField")
        self.infants_check.setAccessibleName(
            self.tr("Only while the program is licensed for infants")
        )
        form.addRow("", self.infants_check)

        self.met_by_combo = QComboBox(self)
        for met_by, text in MET_BY_LABELS.items():
            self.met_by_combo.addItem(self.tr(text), met_by.value)
        row("&Met by:", self.met_by_combo, "met_by", "What meets it")
        self.matches_edit = QPlainTextEdit(self)
        self.matches_edit.setPlaceholderText(
            self.tr("one per line: a course ID, or words of the title (e.g. Safe Sleep)")
        )
        self.matches_edit.setTabChangesFocus(True)
        self.matches_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        row(
            "&Course IDs or titles:",
            self.matches_edit,
            "matches",
            "Course IDs or title words that meet it, one per line",
        )

        self.lasts_spin = QSpinBox(self)
        self.lasts_spin.setRange(0, MAX_LASTS_MONTHS)
        self.lasts_spin.setSuffix(self.tr(" months"))
        row("Las&ts:", self.lasts_spin, "lasts_months", "How long it lasts, in months")

        hires = QWidget(self)
        hires_layout = QHBoxLayout(hires)
        hires_layout.setContentsMargins(0, 0, 0, 0)
        self.new_hire_combo = QComboBox(hires)
        self.new_hire_combo.setObjectName("newHireChoice")
        self.new_hire_combo.setAccessibleName(self.tr("When a new hire must have it"))
        for text in ("No deadline of its own", "Before starting", "Within"):
            self.new_hire_combo.addItem(self.tr(text))
        self.new_hire_spin = QSpinBox(hires)
        self.new_hire_spin.setObjectName("new_hire_daysField")
        self.new_hire_spin.setAccessibleName(self.tr("Days after the hire date"))
        self.new_hire_spin.setRange(1, MAX_NEW_HIRE_DAYS)
        self.new_hire_spin.setSuffix(self.tr(" days of the hire date"))
        hires_layout.addWidget(self.new_hire_combo)
        hires_layout.addWidget(self.new_hire_spin, 1)
        hires_label = QLabel(self.tr("New &hires:"), self)
        hires_label.setBuddy(self.new_hire_combo)
        form.addRow(hires_label, with_error(hires, self._errors["new_hire_days"]))
        layout.addLayout(form)

        self.hint = QLabel(
            self.tr(
                "A title matches when it contains the words given, whatever the case or "
                "punctuation (\u201cSafe Sleep\u201d matches \u201cSafe-Sleep Practices "
                "for Infants\u201d); a course ID must be the same. A training lasts from "
                "its completion date; a credential until the expiry date on its card, or "
                "for the months given when it has none."
            ),
            self,
        )
        self.hint.setObjectName("requirementHint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok is not None
        self.ok_button = ok
        self.ok_button.setObjectName("requirementOkButton")
        self.ok_button.setText(self.tr("&Add") if self.original is None else self.tr("&Done"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.name_edit.textEdited.connect(self._check)
        self.applies_combo.currentIndexChanged.connect(self._check)
        self.roles_edit.textChanged.connect(self._check)
        self.met_by_combo.currentIndexChanged.connect(self._check)
        self.matches_edit.textChanged.connect(self._check)
        self.lasts_spin.valueChanged.connect(self._check)
        self.new_hire_combo.currentIndexChanged.connect(self._check)
        self.new_hire_spin.valueChanged.connect(self._check)
        self.infants_check.toggled.connect(self._check)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 70)

    def _load(self, kind: RequirementKind) -> None:
        self.name_edit.setText(kind.name)
        self.applies_combo.setCurrentIndex(self.applies_combo.findData(kind.applies_to.value))
        self.roles_edit.setPlainText("\n".join(kind.roles))
        self.infants_check.setChecked(kind.for_infant_programs)
        self.met_by_combo.setCurrentIndex(self.met_by_combo.findData(kind.met_by.value))
        self.matches_edit.setPlainText("\n".join(kind.matches))
        self.lasts_spin.setValue(kind.lasts_months or 0)
        if kind.new_hire_days is None:
            self.new_hire_combo.setCurrentIndex(NO_DEADLINE)
        elif kind.new_hire_days == 0:
            self.new_hire_combo.setCurrentIndex(BEFORE_STARTING)
        else:
            self.new_hire_combo.setCurrentIndex(WITHIN_DAYS)
            self.new_hire_spin.setValue(kind.new_hire_days)

    # --- reading and checking -----------------------------------------------------------

    def draft(self) -> RequirementKind:
        applies = AppliesTo(self.applies_combo.currentData())
        choice = self.new_hire_combo.currentIndex()
        new_hire = {NO_DEADLINE: None, BEFORE_STARTING: 0}.get(choice, self.new_hire_spin.value())
        return RequirementKind(
            name=self.name_edit.text().strip(),
            applies_to=applies,
            roles=lines_of(self.roles_edit.toPlainText()) if applies is AppliesTo.ROLES else (),
            met_by=MetBy(self.met_by_combo.currentData()),
            matches=lines_of(self.matches_edit.toPlainText()),
            lasts_months=self.lasts_spin.value() or None,
            new_hire_days=new_hire,
            for_infant_programs=self.infants_check.isChecked(),
        )

    def problems(self) -> dict[str, str]:
        kind = self.draft()
        found = {p.field: p.message for p in validate_requirement(kind)}
        if kind.name and " ".join(kind.name.casefold().split()) in self._others:
            found.setdefault("name", self.tr("{0} is already in the list").format(kind.name))
        return found

    def _check(self) -> bool:
        credential = MetBy(self.met_by_combo.currentData()) is MetBy.CREDENTIAL
        self.lasts_spin.setSpecialValueText(
            self.tr("until the card's own expiry date") if credential else self.tr("does not lapse")
        )
        self.roles_edit.setEnabled(AppliesTo(self.applies_combo.currentData()) is AppliesTo.ROLES)
        self.new_hire_spin.setEnabled(self.new_hire_combo.currentIndex() == WITHIN_DAYS)
        problems = self.problems()
        typed = bool(self.name_edit.text().strip()) or self.original is not None
        for name, label in self._errors.items():
            message = problems.get(name)
            show_problem(label, message if typed or name != "name" else None)
        self.ok_button.setEnabled(not problems)
        return not problems

    # --- closing ----------------------------------------------------------------------

    def reject(self) -> None:
        if form_state(self) != self._initial_state and not confirm_discard(self):
            return
        super().reject()

    def accept(self) -> None:
        if not self._check():
            return
        self.kind = self.draft()
        super().accept()
