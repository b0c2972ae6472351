"""Settings: the center's details, the yearly requirement, the hire-year policy, the
year the records start, the required trainings with renewal (issue 13) and the next
inspection, and where the data file lives. Saved as one undoable edit."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Slot
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import format_date_us
from ...domain.hours import HoursError, format_hours, parse_hours
from ...domain.records import Center, HireYearPolicy, RequirementKind
from ...domain.requirements import DEFAULT_REQUIREMENTS
from ...domain.validation import MAX_DUE_SOON_DAYS, validate_center
from ..commands import EditCenter
from ..dialogs.requirement_dialog import RequirementDialog
from ..models.requirement_kinds_model import RequirementKindsModel
from ..session import Session
from ..widgets.date_field import DateField
from ..widgets.form_errors import error_label, show_problem, with_error
from ..widgets.heading import page_heading
from ..widgets.record_table import record_table
from ..widgets.year_field import YearField
from .base import Page

POLICY_EXPLANATIONS = {
    HireYearPolicy.MONTHLY: (
        "One clock hour for each month from the month of hire through December, "
        "counting the month of hire (hired in March: 10 hours; in January: the full "
        "requirement). This follows Missouri's guidance that new employees earn one "
        "clock hour per month employed in their first year."
    ),
    HireYearPolicy.FULL: (
        "The full yearly requirement, whatever the month of hire. Stricter than the "
        "state's guidance; choose it only if your center's policy asks for it."
    ),
}


class SettingsPage(Page):
    title = "Settings"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setObjectName("settingsPage")
        #: the saved center the fields last showed (an edit is a field that differs)
        self._shown: Center | None = None
        #: the required trainings as the form has them (None: the defaults)
        self._kinds: tuple[RequirementKind, ...] | None = None
        self.kinds_model = RequirementKindsModel(self)
        #: the required training dialog open now (for tests)
        self.requirement_dialog: QDialog | None = None
        self._build()

    # --- building ----------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.addWidget(page_heading(self.tr("Settings"), self))
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget(scroll)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 12, 0)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        center_box = QGroupBox(self.tr("Center (printed on reports)"), body)
        form = QFormLayout(center_box)
        self._errors = {
            name: error_label(center_box, name)
            for name in (
                "name",
                "license_number",
                "director",
                "required_hours",
                "records_start_year",
                "due_soon_days",
                "next_inspection_on",
                "requirements",
            )
        }

        def row(text: str, field: QLineEdit, name: str, accessible: str) -> None:
            field.setObjectName(f"{name}Field")
            field.setAccessibleName(self.tr(accessible))
            label = QLabel(self.tr(text), center_box)
            label.setBuddy(field)
            form.addRow(label, with_error(field, self._errors[name]))
            field.textEdited.connect(self._check)

        self.name_edit = QLineEdit(center_box)
        row("Center &name:", self.name_edit, "name", "Center name")
        self.license_edit = QLineEdit(center_box)
        row("&License number:", self.license_edit, "license_number", "License number")
        self.director_edit = QLineEdit(center_box)
        row("&Director:", self.director_edit, "director", "Director")
        layout.addWidget(center_box)

        hours_box = QGroupBox(self.tr("Clock hours"), body)
        hours_form = QFormLayout(hours_box)
        self.hours_edit = QLineEdit(hours_box)
        self.hours_edit.setObjectName("required_hoursField")
        self.hours_edit.setAccessibleName(self.tr("Clock hours required each year"))
        self.hours_edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("0000.00") + 40)
        self.hours_edit.textEdited.connect(self._check)
        hours_label = QLabel(self.tr("&Required each year:"), hours_box)
        hours_label.setBuddy(self.hours_edit)
        hours_note = QLabel(self.tr("hours (Missouri asks for 12; up to 2 decimals)"), hours_box)
        hours_row = QHBoxLayout()
        hours_row.addWidget(self.hours_edit)
        hours_row.addWidget(hours_note, 1)
        hours_cell = QWidget(hours_box)
        hours_cell.setLayout(hours_row)
        hours_row.setContentsMargins(0, 0, 0, 0)
        hours_form.addRow(hours_label, with_error(hours_cell, self._errors["required_hours"]))
        hours_cell.setFocusProxy(self.hours_edit)

        self.policy_group = QButtonGroup(self)
        policy_widget = QWidget(hours_box)
        policy_layout = QVBoxLayout(policy_widget)
        policy_layout.setContentsMargins(0, 0, 0, 0)
        self.policy_buttons: dict[HireYearPolicy, QRadioButton] = {}
        texts = {
            HireYearPolicy.MONTHLY: self.tr("&Monthly: one hour per month employed"),
            HireYearPolicy.FULL: self.tr("F&ull: the whole yearly requirement"),
        }
        for policy in HireYearPolicy:
            button = QRadioButton(texts[policy], policy_widget)
            button.setObjectName(f"{policy.value}Policy")
            button.setAccessibleName(texts[policy].replace("&", ""))
            explanation = QLabel(self.tr(POLICY_EXPLANATIONS[policy]), policy_widget)
            explanation.setWordWrap(True)
            explanation.setIndent(24)
            explanation.setObjectName(f"{policy.value}PolicyExplanation")
            button.setAccessibleDescription(explanation.text())
            self.policy_group.addButton(button)
            self.policy_buttons[policy] = button
            policy_layout.addWidget(button)
            policy_layout.addWidget(explanation)
            button.toggled.connect(self._check)
        policy_label = QLabel(self.tr("In the hire year, ask for:"), hours_box)
        policy_label.setWordWrap(True)
        hours_form.addRow(policy_label, policy_widget)

        self.records_start_edit = YearField(hours_box)
        self.records_start_edit.setObjectName("records_start_yearField")
        self.records_start_edit.setAccessibleName(self.tr("Records kept from (year)"))
        self.records_start_edit.textEdited.connect(self._check)
        start_label = QLabel(self.tr("Records kept &from:"), hours_box)
        start_label.setBuddy(self.records_start_edit)
        self.records_start_note = QLabel(hours_box)
        self.records_start_note.setObjectName("recordsStartNote")
        self.records_start_note.setWordWrap(True)
        start_row = QHBoxLayout()
        start_row.setContentsMargins(0, 0, 0, 0)
        start_row.addWidget(self.records_start_edit)
        start_row.addWidget(self.records_start_note, 1)
        start_cell = QWidget(hours_box)
        start_cell.setLayout(start_row)
        start_cell.setFocusProxy(self.records_start_edit)
        hours_form.addRow(start_label, with_error(start_cell, self._errors["records_start_year"]))
        layout.addWidget(hours_box)
        layout.addWidget(self._build_requirements(body))

        save_row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("&Save settings"), body)
        self.save_button.setObjectName("saveSettingsButton")
        self.save_button.setDefault(True)
        self.revert_button = QPushButton(self.tr("Rever&t"), body)
        self.revert_button.setObjectName("revertSettingsButton")
        self.saved_label = QLabel(body)
        self.saved_label.setObjectName("settingsState")
        save_row.addWidget(self.save_button)
        save_row.addWidget(self.revert_button)
        save_row.addWidget(self.saved_label, 1)
        layout.addLayout(save_row)

        file_box = QGroupBox(self.tr("Data file"), body)
        file_layout = QVBoxLayout(file_box)
        file_intro = QLabel(
            self.tr(
                "All of this center's records are in this one file. To back it up or "
                "take it to another computer, use Save a copy (File > Save a copy)."
            ),
            file_box,
        )
        file_intro.setWordWrap(True)
        self.path_edit = QLineEdit(file_box)
        self.path_edit.setObjectName("dataFilePath")
        self.path_edit.setAccessibleName(self.tr("Data file location"))
        self.path_edit.setReadOnly(True)
        path_label = QLabel(self.tr("Locat&ion:"), file_box)
        path_label.setBuddy(self.path_edit)
        path_row = QHBoxLayout()
        path_row.addWidget(path_label)
        path_row.addWidget(self.path_edit, 1)
        file_buttons = QHBoxLayout()
        self.show_folder_button = QPushButton(self.tr("Sho&w in folder"), file_box)
        self.show_folder_button.setObjectName("showFolderButton")
        self.open_other_button = QPushButton(self.tr("&Open another file…"), file_box)
        self.open_other_button.setObjectName("openOtherFileButton")
        self.copy_button = QPushButton(self.tr("Save a &copy…"), file_box)
        self.copy_button.setObjectName("saveCopyButton")
        for file_button in (self.show_folder_button, self.open_other_button, self.copy_button):
            file_buttons.addWidget(file_button)
        file_buttons.addStretch(1)
        file_layout.addWidget(file_intro)
        file_layout.addLayout(path_row)
        file_layout.addLayout(file_buttons)
        layout.addWidget(file_box)
        layout.addStretch(1)

        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.show_folder_button.clicked.connect(self.show_folder)
        self.open_other_button.clicked.connect(self.openFileRequested)
        self.copy_button.clicked.connect(self.saveCopyRequested)
        self.save_action = QAction(self.tr("Save settings"), self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(self.save)
        self.addAction(self.save_action)
        order = (self.name_edit, self.license_edit, self.director_edit, self.hours_edit,
                 self.policy_buttons[HireYearPolicy.MONTHLY],
                 self.policy_buttons[HireYearPolicy.FULL], self.records_start_edit,
                 self.infants_check, self.due_soon_spin, self.inspection_edit.line_edit,
                 self.kinds_table, self.add_kind_button, self.edit_kind_button,
                 self.remove_kind_button, self.defaults_button,
                 self.save_button,
                 self.revert_button, self.path_edit, self.show_folder_button,
                 self.open_other_button, self.copy_button)  # fmt: skip
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _build_requirements(self, body: QWidget) -> QGroupBox:
        """Required trainings with renewal (issue 13): the infant license, when one is
        "due", the next inspection, and the list of required trainings."""
        box = QGroupBox(self.tr("Required trainings"), body)
        form = QFormLayout(box)
        self.infants_check = QCheckBox(
            self.tr("&Program is licensed to care for infants (under one year)"), box
        )
        self.infants_check.setObjectName("licensed_for_infantsField")
        self.infants_check.setAccessibleName(self.tr("Licensed to care for infants"))
        self.infants_check.setToolTip(
            self.tr("Safe Sleep training (RSMo 210.223) is then required of every caregiver.")
        )
        self.infants_check.toggled.connect(self._infants_toggled)
        form.addRow("", self.infants_check)

        self.due_soon_spin = QSpinBox(box)
        self.due_soon_spin.setObjectName("due_soon_daysField")
        self.due_soon_spin.setAccessibleName(self.tr("Due soon, days ahead"))
        self.due_soon_spin.setRange(0, MAX_DUE_SOON_DAYS)
        self.due_soon_spin.setSuffix(self.tr(" days"))
        self.due_soon_spin.valueChanged.connect(self._check)
        due_label = QLabel(self.tr("Due soon (d&ays):"), box)
        due_label.setBuddy(self.due_soon_spin)
        due_note = QLabel(
            self.tr("before a required training lapses or a new hire's deadline (default 60)"),
            box,
        )
        due_note.setWordWrap(True)
        due_row = QHBoxLayout()
        due_row.setContentsMargins(0, 0, 0, 0)
        due_row.addWidget(self.due_soon_spin)
        due_row.addWidget(due_note, 1)
        due_cell = QWidget(box)
        due_cell.setLayout(due_row)
        due_cell.setFocusProxy(self.due_soon_spin)
        form.addRow(due_label, with_error(due_cell, self._errors["due_soon_days"]))

        self.inspection_edit = DateField(box, accessible_name=self.tr("Next inspection"))
        self.inspection_edit.setObjectName("next_inspection_onField")
        self.inspection_edit.edited.connect(self._check)
        inspection_label = QLabel(self.tr("Ne&xt inspection:"), box)
        inspection_label.setBuddy(self.inspection_edit)
        inspection_note = QLabel(
            self.tr("when known (M/D/YYYY): the year-end plan looks ahead to it"), box
        )
        inspection_note.setWordWrap(True)
        inspection_row = QHBoxLayout()
        inspection_row.setContentsMargins(0, 0, 0, 0)
        inspection_row.addWidget(self.inspection_edit)
        inspection_row.addWidget(inspection_note, 1)
        inspection_cell = QWidget(box)
        inspection_cell.setLayout(inspection_row)
        inspection_cell.setFocusProxy(self.inspection_edit)
        form.addRow(
            inspection_label, with_error(inspection_cell, self._errors["next_inspection_on"])
        )

        self.kinds_table = record_table(box, "requirementsTable", self.tr("Required trainings"))
        self.kinds_table.setModel(self.kinds_model)
        header = self.kinds_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        rows_shown = len(DEFAULT_REQUIREMENTS) + 2
        self.kinds_table.setMinimumHeight(
            header.sizeHint().height()
            + rows_shown * self.kinds_table.verticalHeader().defaultSectionSize()
            + 4
        )
        self.kinds_table.activated.connect(lambda _index: self.edit_kind())
        self.kinds_table.selectionModel().selectionChanged.connect(self._update_kind_buttons)
        form.addRow(with_error(self.kinds_table, self._errors["requirements"]))
        kind_buttons = QHBoxLayout()
        self.add_kind_button = QPushButton(self.tr("Add a required trainin&g…"), box)
        self.add_kind_button.setObjectName("addRequirementButton")
        self.edit_kind_button = QPushButton(self.tr("&Edit…"), box)
        self.edit_kind_button.setObjectName("editRequirementButton")
        self.remove_kind_button = QPushButton(self.tr("Remo&ve"), box)
        self.remove_kind_button.setObjectName("removeRequirementButton")
        self.defaults_button = QPushButton(self.tr("Restore t&he defaults"), box)
        self.defaults_button.setObjectName("defaultRequirementsButton")
        for button in (self.add_kind_button, self.edit_kind_button, self.remove_kind_button,
                       self.defaults_button):  # fmt: skip
            kind_buttons.addWidget(button)
        kind_buttons.addStretch(1)
        form.addRow(kind_buttons)
        self.kinds_note = QLabel(box)
        self.kinds_note.setObjectName("requirementsNote")
        self.kinds_note.setWordWrap(True)
        form.addRow(self.kinds_note)
        self.add_kind_button.clicked.connect(self.add_kind)
        self.edit_kind_button.clicked.connect(self.edit_kind)
        self.remove_kind_button.clicked.connect(self.remove_kind)
        self.defaults_button.clicked.connect(self.restore_default_kinds)
        return box

    def menu_actions(self) -> list[QAction]:
        """The actions the window lists in its Edit menu."""
        return [self.save_action]

    # --- showing -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Show what is saved, keeping what the director typed and has not saved yet:
        any edit, undo or change of year refreshes every page, and must not wipe a
        half-filled form (Revert and ``revert`` do that on purpose)."""
        self._show(self.session.data().center, keep_edits=True)

    @Slot()
    def revert(self) -> None:
        """Drop unsaved changes: show what is saved."""
        self._show(self.session.data().center, keep_edits=False)

    def _show(self, center: Center, *, keep_edits: bool) -> None:
        shown = self._shown

        def year_text(year: int | None) -> str:
            return "" if year is None else str(year)

        fields: tuple[tuple[QLineEdit, str, str | None], ...] = (
            (self.name_edit, center.name, None if shown is None else shown.name),
            (
                self.license_edit,
                center.license_number,
                None if shown is None else shown.license_number,
            ),
            (self.director_edit, center.director, None if shown is None else shown.director),
            (
                self.hours_edit,
                format_hours(center.required_hours),
                None if shown is None else format_hours(shown.required_hours),
            ),
            (
                self.records_start_edit,
                year_text(center.records_start_year),
                None if shown is None else year_text(shown.records_start_year),
            ),
        )
        for field, saved, shown_before in fields:
            if not keep_edits or shown is None or field.text() == shown_before:
                field.setText(saved)
        policy_kept = (
            keep_edits
            and shown is not None
            and not self.policy_buttons[shown.hire_year_policy].isChecked()
        )
        if not policy_kept:
            self.policy_buttons[center.hire_year_policy].setChecked(True)
        if (
            not keep_edits
            or shown is None
            or self.infants_check.isChecked() == (shown.licensed_for_infants)
        ):
            self.infants_check.setChecked(center.licensed_for_infants)
        if not keep_edits or shown is None or self.due_soon_spin.value() == shown.due_soon_days:
            self.due_soon_spin.setValue(center.due_soon_days)
        if (
            not keep_edits
            or shown is None
            or self.inspection_edit.text() == format_date_us(shown.next_inspection_on)
        ):
            self.inspection_edit.set_value(center.next_inspection_on)
        if not keep_edits or shown is None or self._kinds == shown.requirements:
            self._kinds = center.requirements
        self._shown = center
        self._show_kinds()
        self._show_records_start_note()
        self.path_edit.setText(str(self.session.path))
        self.path_edit.setCursorPosition(0)
        self._check()

    def has_unsaved_changes(self) -> bool:
        """Whether the director typed something not saved: the form differs from the
        saved details it last showed (a page never shown holds no typing, and one
        behind on an undo made elsewhere is not the director's edit)."""
        return self._shown is not None and self.draft() != self._shown

    def draft(self) -> Center | None:
        """The center the form describes, or None while the hours are not a number."""
        try:
            hours = parse_hours(self.hours_edit.text())
        except HoursError:
            return None
        policy = next(
            (p for p, button in self.policy_buttons.items() if button.isChecked()),
            HireYearPolicy.MONTHLY,
        )
        if self.records_start_edit.problem() or self.inspection_edit.problem():
            return None
        return self.session.data().center.replace(
            name=self.name_edit.text().strip(),
            license_number=self.license_edit.text().strip(),
            director=self.director_edit.text().strip(),
            required_hours=hours,
            hire_year_policy=policy,
            records_start_year=self.records_start_edit.year(),
            licensed_for_infants=self.infants_check.isChecked(),
            due_soon_days=self.due_soon_spin.value(),
            next_inspection_on=self.inspection_edit.value(),
            requirements=self._kinds,
        )

    def problems(self) -> dict[str, str]:
        typed: dict[str, str] = {}
        try:
            parse_hours(self.hours_edit.text())
        except HoursError as error:
            typed["required_hours"] = str(error)
        start_problem = self.records_start_edit.problem()
        if start_problem:
            typed["records_start_year"] = start_problem
        inspection_problem = self.inspection_edit.problem()
        if inspection_problem:
            typed["next_inspection_on"] = inspection_problem
        if typed:
            return typed
        draft = self.draft()
        assert draft is not None
        return {p.field: p.message for p in validate_center(draft)}

    def _show_records_start_note(self) -> None:
        earliest = min((e.completed_on.year for e in self.session.data().entries), default=None)
        automatic = (
            self.tr("empty: the year of the earliest training on record, {0}").format(earliest)
            if earliest is not None
            else self.tr("empty: the year of the earliest training on record")
        )
        self.records_start_note.setText(
            self.tr(
                "The first year you have training records for. Earlier years ask for no "
                "hours and are not counted as missed ({0})."
            ).format(automatic)
        )

    # --- required trainings -----------------------------------------------------------

    def kinds(self) -> tuple[RequirementKind, ...]:
        """The required trainings the form lists (the defaults until edited)."""
        return DEFAULT_REQUIREMENTS if self._kinds is None else self._kinds

    def _show_kinds(self) -> None:
        selected = self._selected_kind_row()
        self.kinds_model.set_kinds(self.kinds(), self.infants_check.isChecked())
        if selected is not None and selected < self.kinds_model.rowCount():
            self.kinds_table.selectRow(selected)
        if self._kinds is None:
            note = self.tr(
                "These are the defaults: Safe Sleep every 36 months for programs licensed "
                "for infants (RSMo 210.223), a current CPR and First Aid card, and "
                "orientation before starting. Changing them keeps this center's own list."
            )
        elif not self._kinds:
            note = self.tr("No required trainings: nothing is checked.")
        else:
            note = self.tr("This center's own list.")
        self.kinds_note.setText(note)
        self._update_kind_buttons()

    def _selected_kind_row(self) -> int | None:
        rows = self.kinds_table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    @Slot()
    def _update_kind_buttons(self, *_args: object) -> None:
        chosen = self._selected_kind_row() is not None
        self.edit_kind_button.setEnabled(chosen)
        self.remove_kind_button.setEnabled(chosen)
        self.defaults_button.setEnabled(self._kinds is not None)

    def _set_kinds(self, kinds: tuple[RequirementKind, ...] | None, select: int | None) -> None:
        self._kinds = kinds
        self._show_kinds()
        if select is not None and 0 <= select < self.kinds_model.rowCount():
            self.kinds_table.selectRow(select)
        self._check()

    def _open_kind_dialog(self, row: int | None) -> None:
        kinds = self.kinds()
        original = None if row is None else kinds[row]
        others = [k.name for i, k in enumerate(kinds) if i != row]
        dialog = RequirementDialog(original, others, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.requirement_dialog = dialog

        def finished(result: int) -> None:
            self.requirement_dialog = None
            if result != QDialog.DialogCode.Accepted or dialog.kind is None:
                return
            listed = list(self.kinds())
            if row is None:
                listed.append(dialog.kind)
                self._set_kinds(tuple(listed), len(listed) - 1)
            elif dialog.kind != listed[row]:
                listed[row] = dialog.kind
                self._set_kinds(tuple(listed), row)
            self.kinds_table.setFocus()

        dialog.finished.connect(finished)
        dialog.open()

    @Slot()
    def add_kind(self) -> None:
        self._open_kind_dialog(None)

    @Slot()
    def edit_kind(self) -> None:
        row = self._selected_kind_row()
        if row is not None:
            self._open_kind_dialog(row)

    @Slot()
    def remove_kind(self) -> None:
        row = self._selected_kind_row()
        if row is None:
            return
        listed = list(self.kinds())
        del listed[row]
        self._set_kinds(tuple(listed), min(row, len(listed) - 1))

    @Slot()
    def restore_default_kinds(self) -> None:
        self._set_kinds(None, None)

    @Slot()
    def _infants_toggled(self) -> None:
        if self._shown is not None:  # the infant license changes the list's words
            self._show_kinds()
        self._check()

    @Slot()
    def _check(self) -> bool:
        problems = self.problems()
        for name, label in self._errors.items():
            show_problem(label, problems.get(name))
        draft = self.draft()
        changed = draft is not None and draft != self.session.data().center
        dirty = changed or bool(problems)
        self.save_button.setEnabled(changed and not problems)
        self.revert_button.setEnabled(dirty)
        if problems:
            self.saved_label.setText(self.tr("Correct the fields marked in red to save."))
        elif changed:
            self.saved_label.setText(self.tr("Unsaved changes."))
        else:
            self.saved_label.setText(self.tr("Saved."))
        return not problems

    # --- actions -----------------------------------------------------------------------

    @Slot()
    def save(self) -> bool:
        """Save the form as one undoable edit; False when it is invalid or unchanged."""
        if not self._check():
            return False
        draft = self.draft()
        before = self.session.data().center
        if draft is None or draft == before:
            return False
        return self.session.perform(EditCenter(self.session.db, before, draft))

    @Slot()
    def show_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.session.path.parent)))
