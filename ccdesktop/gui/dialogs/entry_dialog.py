"""Add or edit a training entry, seeing before saving what the engine will say.

The form checks every field as it is typed (``domain.validation``, the same checks the
CSV importer and the store make) and, while the entry is valid, runs the engine over
the person's saved entries plus the draft, so the director reads "overlaps Safe Sleep
9:00-10:00 AM on 3/4/2025" before saving rather than after. One training attended by
several staff is entered once: the dialog saves one entry per person in one undo step.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...domain.codes import Reason
from ...domain.dates import format_date_us, format_time_12h
from ...domain.explain import (
    FORMAT_LABELS,
    SETTING_LABELS,
    describe_credential,
    describe_credential_year,
    describe_planned,
    describe_verdict,
    describe_warnings,
    explain,
)
from ...domain.hours import format_hours
from ...domain.records import EntryKind, Format, Setting, TrainingEntry
from ...domain.rules import (
    Verdict,
    evaluate_entries,
    find_likely_group_use,
    is_full_year_credential,
    is_not_on_mopd_report,
    with_center_warnings,
)
from ..commands import AddEntries, EditEntry, StoreCommand
from ..forms.entry_draft import EntryFields, drafts_for, read_entry, refused_as_group
from ..models.attendees_model import AttendeesModel, staff_label
from ..session import Session
from ..widgets.date_field import DateField
from ..widgets.discard import confirm_discard, form_state
from ..widgets.form_errors import ERROR_STYLE, WARNING_STYLE, error_label, with_error

AnyIndex = QModelIndex | QPersistentModelIndex

#: the wording of the refusal of an online module entered for a group (fact 5)
ONLINE_GROUP_RULE = explain(Reason.ONLINE_GROUP).rule


class EntryDialog(QDialog):
    """Add one entry (or the same training for several staff), or edit one entry."""

    def __init__(
        self,
        session: Session,
        entry: TrainingEntry | None = None,
        parent: QWidget | None = None,
        *,
        staff_ids: Sequence[int] = (),
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.original = entry
        #: the day a new entry is prefilled with, and after which a date is "future"
        self.today = today or session.today()
        data = session.data()
        self._staff = sorted(
            data.staff, key=lambda s: (s.last_name.casefold(), s.first_name.casefold(), s.id or 0)
        )
        self._staff_by_id = {s.id: s for s in self._staff}
        self._entries_by_staff: dict[int, list[TrainingEntry]] = defaultdict(list)
        for saved in data.entries:
            self._entries_by_staff[saved.staff_id].append(saved)
        # provisional ids, larger than every saved id, as the engine wants for drafts
        self._first_new_id = session.db.next_entry_id() if entry is None else 0
        self._saved_verdicts = session.audit().verdicts
        self._setting_touched = False
        #: whether the form shows a credential's fields (None: not yet shown)
        self._showing_credential: bool | None = None
        # the online sittings of each day, for the group-use preview (across people)
        self._online_by_day: dict[date, list[TrainingEntry]] = defaultdict(list)
        for saved in data.entries:
            if saved.format is Format.ONLINE_MODULE and saved.has_times:
                self._online_by_day[saved.completed_on].append(saved)
        self._all_by_id = {e.id: e for e in data.entries if e.id is not None}
        self._staff_names = {s.id: s.full_name for s in data.staff if s.id is not None}
        self._report_on = data.center.mopd_report_on
        self._problems: dict[str, str] = {}
        self._warnings: dict[str, str] = {}
        self._preview: list[str] = []
        self.setWindowTitle(
            self.tr("Edit training entry") if entry else self.tr("Add training entry")
        )
        self.setObjectName("entryDialog")
        self._build(data.entries)
        self._load(entry, staff_ids)
        self._connect()
        self.update_state()
        self._initial_state = self._state()
        # the first field a director fills: who, unless someone is chosen already
        if self.original is None and not self.staff_ids():
            self.staff_list.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- building ------------------------------------------------------------------

    def _build(self, entries: Sequence[TrainingEntry]) -> None:
        outer = QVBoxLayout(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # Not a stop of its own: Tab goes field to field (the area still scrolls to the
        # field that gets focus), and the dialog opens on a field, not on the area.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body = QWidget(scroll)
        columns = QHBoxLayout(body)
        columns.setContentsMargins(0, 0, 0, 0)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        # left: who, and what the engine will say
        left = QVBoxLayout()
        columns.addLayout(left, 2)
        self.staff_error = error_label(body, "staff", room=1)
        if self.original is None:
            staff_label_widget = QLabel(
                self.tr("S&taff (check several people for one group training):"), body
            )
            staff_label_widget.setWordWrap(True)
            self.staff_model = AttendeesModel(self._staff, self)
            self.staff_list = QListView(body)
            self.staff_list.setObjectName("staffList")
            self.staff_list.setModel(self.staff_model)
            self.staff_list.setAccessibleName(self.tr("Staff who attended"))
            self.staff_list.setMinimumHeight(100)
            staff_label_widget.setBuddy(self.staff_list)
            self.staff_combo: QComboBox | None = None
            left.addWidget(staff_label_widget)
            left.addWidget(self.staff_list, 1)
        else:
            staff_label_widget = QLabel(self.tr("S&taff member:"), body)
            self.staff_combo = QComboBox(body)
            self.staff_combo.setObjectName("staffCombo")
            self.staff_combo.setAccessibleName(self.tr("Staff member"))
            for staff in self._staff:
                self.staff_combo.addItem(staff_label(staff), staff.id)
            staff_label_widget.setBuddy(self.staff_combo)
            left.addWidget(staff_label_widget)
            left.addWidget(self.staff_combo)
        left.addWidget(self.staff_error)

        preview_box = QGroupBox(self.tr("What the engine will say"), body)
        preview_layout = QVBoxLayout(preview_box)
        self.preview_label = QLabel(preview_box)
        self.preview_label.setObjectName("verdictPreview")
        self.preview_label.setAccessibleName(self.tr("Verdict preview"))
        self.preview_label.setWordWrap(True)
        self.preview_label.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.preview_label.setSizePolicy(
            QSizePolicy.Policy.Preferred, QSizePolicy.Policy.MinimumExpanding
        )
        preview_layout.addWidget(self.preview_label)
        left.addWidget(preview_box, 1 if self.original is None else 2)

        # right: the training itself
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addStretch(1)  # rows keep their natural height at the top
        columns.addLayout(right, 3)

        def row(text: str, field: QWidget, name: str, accessible: str, *, room: int = 1) -> QLabel:
            """A field with its label and ``room`` lines for its messages under it
            (none for a field that cannot be wrong)."""
            field.setObjectName(f"{name}Field")
            field.setAccessibleName(self.tr(accessible))
            label = QLabel(self.tr(text), body)
            label.setBuddy(field)
            if room:
                error = error_label(body, name, room=room)
                self._error_labels[name] = error
                wrapped = with_error(field, error)
                form.addRow(label, wrapped)
                self._form_rows[name] = wrapped
            else:
                form.addRow(label, field)
                self._form_rows[name] = field
            return label

        self._form = form
        #: the form's field widgets by name (a row is shown or hidden by its field)
        self._form_rows: dict[str, QWidget] = {}
        self._error_labels: dict[str, QLabel] = {"staff": self.staff_error}
        # What the entry records: a training sitting, or a credential earned or renewed
        # (a CDA, a CPR card), which has a date and maybe an expiry date but no sitting
        # and no clock hours of its own.
        self.title_edit = QLineEdit(body)
        self.title_edit.setPlaceholderText(self.tr("as on the MOPD training report"))
        row("T&itle:", self.title_edit, "title", "Course title")
        self.kind_combo = QComboBox(body)
        self.kind_combo.addItem(self.tr("Training (clock hours)"), EntryKind.TRAINING.value)
        self.kind_combo.addItem(
            self.tr("Credential (CDA, YDC, CPR or First Aid card)"), EntryKind.CREDENTIAL.value
        )
        row("&Kind:", self.kind_combo, "kind", "Kind of entry", room=0)
        self.course_edit = QLineEdit(body)
        self.course_edit.setPlaceholderText(self.tr("MOPD course or event ID (optional)"))
        row("C&ourse ID:", self.course_edit, "course_id", "Course ID", room=0)
        self.provider_combo = QComboBox(body)
        self.provider_combo.setEditable(True)
        self.provider_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        providers = sorted({e.provider for e in entries if e.provider}, key=str.casefold)
        self.provider_combo.addItems(providers)
        self.provider_combo.setCurrentText("")
        row("&Provider:", self.provider_combo, "provider", "Provider", room=0)
        self.format_combo = QComboBox(body)
        for fmt in Format:
            self.format_combo.addItem(self.tr(FORMAT_LABELS[fmt]), fmt.value)
        row("&Format:", self.format_combo, "format", "Training format", room=0)
        self.setting_combo = QComboBox(body)
        for setting in Setting:
            self.setting_combo.addItem(self.tr(SETTING_LABELS[setting]), setting.value)
        row("S&etting:", self.setting_combo, "setting", "Setting")
        # A text field, as the staff form's dates: QDateEdit moves on by itself after a
        # complete month or day, so the "/" typed next skipped a section and "3/21/2026"
        # was saved as the 3rd month's current day.
        self.date_edit = DateField(body)
        # two lines: a date's messages are the form's longest (and the future's note)
        self._date_label = row(
            "&Completed on:", self.date_edit, "completed_on", "Completed on", room=2
        )
        self.expires_edit = DateField(body)
        row("E&xpires on:", self.expires_edit, "expires_on", "Credential expires on")

        times = QWidget(body)
        times_layout = QHBoxLayout(times)
        times_layout.setContentsMargins(0, 0, 0, 0)
        self.start_edit = QLineEdit(times)
        self.start_edit.setObjectName("start_timeField")
        self.start_edit.setAccessibleName(self.tr("Start time"))
        self.start_edit.setPlaceholderText(self.tr("e.g. 9:00 AM"))
        end_label = QLabel(self.tr("to"), times)
        self.end_edit = QLineEdit(times)
        self.end_edit.setObjectName("end_timeField")
        self.end_edit.setAccessibleName(self.tr("End time"))
        self.end_edit.setPlaceholderText(self.tr("e.g. 10:30 AM"))
        end_label.setBuddy(self.end_edit)
        times_layout.addWidget(self.start_edit, 1)
        times_layout.addWidget(end_label)
        times_layout.addWidget(self.end_edit, 1)
        times_error = error_label(body, "times", room=1)
        self._error_labels["start_time"] = times_error
        self._error_labels["end_time"] = times_error
        times_label = QLabel(self.tr("Ti&me (optional):"), body)
        times_label.setBuddy(self.start_edit)
        times_row = with_error(times, times_error)
        form.addRow(times_label, times_row)
        self._form_rows["times"] = times_row

        self.hours_edit = QLineEdit(body)
        self.hours_edit.setPlaceholderText(self.tr("e.g. 1.5"))
        row("Clock &hours:", self.hours_edit, "clock_hours", "Clock hours")
        self.enrolled_edit = QLineEdit(body)
        self.enrolled_edit.setPlaceholderText(self.tr("M/D/YYYY, online modules only"))
        self._enrolled_label = row(
            "&Began on:", self.enrolled_edit, "enrolled_on", "Online module began on"
        )
        self.in_ratio_check = QCheckBox(
            self.tr("In &ratio with children during the training"), body
        )
        self.in_ratio_check.setObjectName("in_ratioField")
        self.in_ratio_check.setAccessibleName(self.tr("In ratio with children"))
        form.addRow("", self.in_ratio_check)
        self._form_rows["in_ratio"] = self.in_ratio_check
        self.trainer_check = QCheckBox(self.tr("I con&ducted this session (trainer)"), body)
        self.trainer_check.setObjectName("as_trainerField")
        self.trainer_check.setAccessibleName(self.tr("Conducted this session as its trainer"))
        self.trainer_check.setToolTip(
            self.tr("A trainer earns no clock hours for a session they conducted.")
        )
        form.addRow("", self.trainer_check)
        self._form_rows["as_trainer"] = self.trainer_check
        self.approved_check = QCheckBox(
            self.tr("DESE-&approved, on the MOPD training report"), body
        )
        self.approved_check.setObjectName("approvedField")
        self.approved_check.setAccessibleName(self.tr("DESE-approved"))
        form.addRow("", self.approved_check)
        self._form_rows["approved"] = self.approved_check
        self.notes_edit = QPlainTextEdit(body)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        row("&Notes:", self.notes_edit, "notes", "Notes", room=0)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Save"))
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        # without a mnemonic (Esc cancels): some platforms' "&Cancel" would take the
        # Alt+C of "Completed on"
        self.cancel_button.setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

        first = self.staff_list if self.original is None else self.staff_combo
        assert first is not None
        order: list[QWidget] = [
            first,
            self.title_edit,
            self.kind_combo,
            self.course_edit,
            self.provider_combo,
            self.format_combo,
            self.setting_combo,
            self.date_edit,
            self.expires_edit,
            self.start_edit,
            self.end_edit,
            self.hours_edit,
            self.enrolled_edit,
            self.in_ratio_check,
            self.trainer_check,
            self.approved_check,
            self.notes_edit,
            # the buttons, not their box: setTabOrder ignores a NoFocus widget, and
            # the chain broke there (Tab never reached Save)
            self.ok_button,
            self.cancel_button,
            first,  # round again: Tab from Cancel goes back to the staff
        ]
        for before, after in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(before, after)
        self._fit_to_screen(880, 560)

    def _fit_to_screen(self, width: int, height: int) -> None:
        """The preferred size, but never larger than the screen (at 150% scaling a
        1366x768 screen is only 910x512): the form scrolls instead of being cut off."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, int(available.width() * 0.95))
            height = min(height, int(available.height() * 0.9))
        self.resize(width, height)

    def _load(self, entry: TrainingEntry | None, staff_ids: Sequence[int]) -> None:
        if entry is None:
            self.date_edit.set_value(self.today)
            self.approved_check.setChecked(True)
            self.staff_model.set_checked([i for i in staff_ids if i in self._staff_by_id])
            return
        assert self.staff_combo is not None
        self.staff_combo.setCurrentIndex(max(0, self.staff_combo.findData(entry.staff_id)))
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(entry.kind.value))
        self.expires_edit.set_value(entry.expires_on)
        self.trainer_check.setChecked(entry.as_trainer)
        self.title_edit.setText(entry.title)
        self.course_edit.setText(entry.course_id or "")
        self.provider_combo.setCurrentText(entry.provider)
        self.format_combo.setCurrentIndex(self.format_combo.findData(entry.format.value))
        self.setting_combo.setCurrentIndex(self.setting_combo.findData(entry.setting.value))
        self._setting_touched = True
        self.date_edit.set_value(entry.completed_on)
        self.start_edit.setText(format_time_12h(entry.start_time))
        self.end_edit.setText(format_time_12h(entry.end_time))
        if entry.kind is EntryKind.TRAINING:
            self.hours_edit.setText(format_hours(entry.clock_hours))
        self.enrolled_edit.setText(format_date_us(entry.enrolled_on))
        self.in_ratio_check.setChecked(entry.in_ratio)
        self.approved_check.setChecked(entry.approved)
        self.notes_edit.setPlainText(entry.notes)

    def _connect(self) -> None:
        for edit in (
            self.title_edit,
            self.course_edit,
            self.start_edit,
            self.end_edit,
            self.hours_edit,
            self.enrolled_edit,
        ):
            edit.textChanged.connect(self.update_state)
        self.provider_combo.currentTextChanged.connect(self.update_state)
        self.format_combo.currentIndexChanged.connect(self.update_state)
        self.setting_combo.activated.connect(self._setting_chosen)
        self.setting_combo.currentIndexChanged.connect(self.update_state)
        self.date_edit.edited.connect(self.update_state)
        self.in_ratio_check.toggled.connect(self.update_state)
        self.trainer_check.toggled.connect(self.update_state)
        self.approved_check.toggled.connect(self.update_state)
        self.kind_combo.currentIndexChanged.connect(self.update_state)
        self.expires_edit.edited.connect(self.update_state)
        self.notes_edit.textChanged.connect(self.update_state)
        if self.staff_combo is not None:
            self.staff_combo.currentIndexChanged.connect(self.update_state)
        else:
            self.staff_model.checkedChanged.connect(self._people_changed)

    def _setting_chosen(self, _index: int) -> None:
        self._setting_touched = True

    def _people_changed(self) -> None:
        # Several people at one training is a group training unless the director
        # has said otherwise.
        if len(self.staff_ids()) > 1 and not self._setting_touched:
            self.setting_combo.setCurrentIndex(self.setting_combo.findData(Setting.GROUP.value))
        self.update_state()

    # --- reading the form --------------------------------------------------------------

    def staff_ids(self) -> list[int]:
        if self.staff_combo is not None:
            staff_id = self.staff_combo.currentData()
            return [] if staff_id is None else [int(staff_id)]
        return self.staff_model.checked_ids()

    def current_kind(self) -> EntryKind:
        return EntryKind(self.kind_combo.currentData())

    def current_format(self) -> Format:
        return Format(self.format_combo.currentData())

    def current_setting(self) -> Setting:
        return Setting(self.setting_combo.currentData())

    def problems(self) -> dict[str, str]:
        """Field name -> what is wrong with it, as shown next to the field."""
        return dict(self._problems)

    def warnings(self) -> dict[str, str]:
        """Field name -> a note that does not stop saving (a date in the future)."""
        return dict(self._warnings)

    def _future_date_note(self) -> str | None:
        """A completion date after today is a planned training (issue 13), or a typing
        slip: say what saving it means, refuse nothing."""
        day = self.date_edit.value()
        if day is None or day <= self.today:
            return None
        return self.tr(
            "{0} is in the future: saved as a planned training, counted once it has passed."
        ).format(format_date_us(day))

    def is_planned(self) -> bool:
        """The form describes a planned training (a completion date after today)."""
        day = self.date_edit.value()
        return day is not None and day > self.today

    def preview_lines(self) -> list[str]:
        return list(self._preview)

    def fields(self) -> EntryFields:
        """What the fields hold now."""
        return EntryFields(
            title=self.title_edit.text(),
            kind=self.current_kind(),
            course_id=self.course_edit.text(),
            provider=self.provider_combo.currentText(),
            format=self.current_format(),
            setting=self.current_setting(),
            completed_on=self.date_edit.text(),
            expires_on=self.expires_edit.text(),
            start_time=self.start_edit.text(),
            end_time=self.end_edit.text(),
            clock_hours=self.hours_edit.text(),
            enrolled_on=self.enrolled_edit.text(),
            in_ratio=self.in_ratio_check.isChecked(),
            as_trainer=self.trainer_check.isChecked(),
            approved=self.approved_check.isChecked(),
            notes=self.notes_edit.toPlainText(),
        )

    def drafts(self) -> list[TrainingEntry]:
        """One draft per chosen person with provisional ids (the edited entry keeps its
        id), or [] while the form is not valid."""
        fields = self.fields()
        entry, problems = read_entry(fields, self.original, tr=self.tr)
        if problems or refused_as_group(fields, len(self.staff_ids())):
            return []
        return drafts_for(
            entry, self.staff_ids(), original=self.original, first_new_id=self._first_new_id
        )

    def _refusal(self) -> str | None:
        """Why the form is refused as a whole (online module for a group), or None."""
        if refused_as_group(self.fields(), len(self.staff_ids())):
            return self.tr(
                "An online module cannot be entered as group training. {rule} "
                "Enter it for each person on their own, as individual."
            ).format(rule=ONLINE_GROUP_RULE)
        return None

    # --- live checking ---------------------------------------------------------------

    def _show_kind(self) -> None:
        """A credential shows its title, course ID, provider, date and expiry date;
        the fields of a sitting (format, setting, times, hours, e-learning start, in
        ratio, as trainer, approved) are a training's only."""
        credential = self.current_kind() is EntryKind.CREDENTIAL
        if credential == self._showing_credential:
            return
        self._showing_credential = credential
        for name in ("format", "setting", "times", "clock_hours", "enrolled_on", "in_ratio",
                     "as_trainer", "approved"):  # fmt: skip
            self._form.setRowVisible(self._form_rows[name], not credential)
        self._form.setRowVisible(self._form_rows["expires_on"], credential)
        self._date_label.setText(
            self.tr("Earned or &renewed on:") if credential else self.tr("&Completed on:")
        )

    def update_state(self) -> None:
        self._show_kind()
        online = self.current_format() is Format.ONLINE_MODULE
        self.enrolled_edit.setEnabled(online)
        self._enrolled_label.setEnabled(online)
        _entry, problems = read_entry(self.fields(), self.original, tr=self.tr)
        if not self.staff_ids():
            problems["staff"] = self.tr("Choose at least one person.")
        refusal = self._refusal()
        if refusal:
            # shown beside the setting, and beside the staff list when it is the number
            # of people that makes it a group
            problems["setting"] = refusal
        self._problems = problems
        shown: dict[QLabel, list[str]] = defaultdict(list)
        for name, message in problems.items():
            label = self._error_labels.get(name)
            if label is not None:
                shown[label].append(message)
        # the future's note takes the date's line when the date itself is fine
        note = None if "completed_on" in problems else self._future_date_note()
        self._warnings = {"completed_on": note} if note else {}
        date_label = self._error_labels["completed_on"]
        for label in set(self._error_labels.values()):
            messages = shown.get(label, [])
            text = "\n".join(f"⚠ {m}" for m in messages)
            if label is date_label:
                text = note or text
                style = WARNING_STYLE if note else ERROR_STYLE
                if label.styleSheet() != style:
                    label.setStyleSheet(style)
            label.setText(text)
            label.setVisible(bool(text))
        self.ok_button.setEnabled(not problems)
        self._update_preview(problems)

    def _update_preview(self, problems: dict[str, str]) -> None:
        refusal = self._refusal()
        if refusal:
            self._preview = [
                self.tr(
                    "✗ Refused: an online module cannot be entered as group training (see Setting)."
                )
            ]
            self.preview_label.setText("\n".join(self._preview))
            return
        if problems:
            self._preview = [self.tr("Fix the marked fields to see the verdict.")]
            self.preview_label.setText("\n".join(self._preview))
            return
        drafts = self.drafts()
        lines: list[str] = []
        group_use = self._group_use(drafts)
        for draft in drafts:
            who = self._staff_by_id[draft.staff_id].full_name
            if draft.kind is EntryKind.CREDENTIAL:
                lines.append(
                    self.tr("✓ {who}: {credential}, no clock hours of its own").format(
                        who=who, credential=describe_credential(draft)
                    )
                )
                if is_full_year_credential(draft):
                    lines.append(f"    • {describe_credential_year(draft)}")
                continue
            saved = [
                e
                for e in self._entries_by_staff.get(draft.staff_id, [])
                if self.original is None or e.id != self.original.id
            ]
            together = [*saved, draft]
            verdicts = evaluate_entries(together)
            by_id = {**self._all_by_id, **{e.id: e for e in together if e.id is not None}}
            verdict = with_center_warnings(
                verdicts[draft.id],  # type: ignore[index]
                group_use.get(draft.id, ()),  # type: ignore[arg-type]
                is_not_on_mopd_report(draft, self._report_on),
            )
            if draft.completed_on > self.today:
                # planned: checked by the same rules as if done, never counted yet
                lines.append(
                    self.tr("{mark} {who}, planned for {when}: {verdict}").format(
                        mark="◷" if verdict.credited else "✗",
                        who=who,
                        when=format_date_us(draft.completed_on),
                        verdict=describe_planned(draft, verdict, by_id),
                    )
                )
                if verdict.credited:
                    lines.append(
                        self.tr(
                            "    • {hours} clock hours, counted once the date has passed"
                        ).format(hours=format_hours(draft.clock_hours))
                    )
                said = describe_warnings(
                    draft, verdict, by_id, self._staff_names, report_on=self._report_on
                )
            else:
                if verdict.credited:
                    lines.append(
                        self.tr("✓ {who}: earns {hours} clock hours").format(
                            who=who, hours=format_hours(draft.clock_hours)
                        )
                    )
                else:
                    lines.append(self.tr("✗ {who}: no credit").format(who=who))
                said = describe_verdict(
                    draft, verdict, by_id, self._staff_names, report_on=self._report_on
                )
            for sentence in said:
                lines.append(f"    • {sentence}")
            lines.extend(self._side_effects(saved, verdicts))
        self._preview = lines
        self.preview_label.setText("\n".join(lines))

    def _group_use(self, drafts: Sequence[TrainingEntry]) -> dict[int, set[int]]:
        """LIKELY_GROUP_USE of the drafts against the center's other online sittings of
        the same day (the rule links people, so everyone's are asked)."""
        online = [d for d in drafts if d.format is Format.ONLINE_MODULE and d.has_times]
        if not online:
            return {}
        day = online[0].completed_on
        replaced = {d.id for d in drafts}
        others = [e for e in self._online_by_day.get(day, []) if e.id not in replaced]
        found = find_likely_group_use([*others, *online])
        return {d.id: found[d.id] for d in online if d.id in found}

    def _side_effects(
        self, saved: Sequence[TrainingEntry], after: Mapping[int, Verdict]
    ) -> list[str]:
        """Saved entries whose credit the draft would change."""
        before = self._saved_verdicts
        lines = []
        for entry in saved:
            old, new = before.get(entry.id), after.get(entry.id)  # type: ignore[arg-type]
            if old is None or new is None or old.credited == new.credited:
                continue
            when = format_date_us(entry.completed_on)
            if old.credited:
                lines.append(
                    self.tr("    • {title} on {when} would lose its credit too").format(
                        title=entry.title, when=when
                    )
                )
            else:
                lines.append(
                    self.tr("    • {title} on {when} would earn credit again").format(
                        title=entry.title, when=when
                    )
                )
        return lines

    # --- saving ------------------------------------------------------------------------

    def _state(self) -> tuple[object, ...]:
        return (*form_state(self), *sorted(self.staff_ids()))

    def reject(self) -> None:
        """Escape, Cancel or the close button: ask first when something was typed."""
        if self._state() != self._initial_state and not confirm_discard(self):
            return
        super().reject()

    def accept(self) -> None:
        drafts = self.drafts()
        if not drafts:
            self.update_state()
            return
        if self.original is not None and drafts[0] == self.original:
            super().accept()  # nothing changed: no empty step on the undo stack
            return
        db = self.session.db
        command: StoreCommand
        if self.original is not None:
            command = EditEntry(db, self.original, drafts[0])
        else:
            new = [d.replace(id=None) for d in drafts]
            title = drafts[0].title
            text = (
                self.tr("Add {title}").format(title=title)
                if len(new) == 1
                else self.tr("Add {title} for {count} staff").format(title=title, count=len(new))
            )
            command = AddEntries(db, new, text)
        if self.session.perform(command):
            super().accept()
