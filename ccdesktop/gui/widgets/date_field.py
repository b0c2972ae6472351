"""A date field that shows M/D/YYYY, may be left empty, and has a calendar button.

QDateEdit cannot be empty, and an optional date (hire date, end date) must be
leavable blank, so this is a line edit that reads dates the way the CSV importer
does (``io.values.parse_date``: M/D/YYYY or YYYY-MM-DD) plus a calendar popup.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QWidget,
)

from ...domain.dates import format_date_us
from ...io.values import parse_date


class _DateLineEdit(QLineEdit):
    """Selects its date when it gets focus other than by a click, so that typing
    replaces a prefilled date, as in a spreadsheet cell: by Tab, by its label's
    Alt+letter, after a date is picked on the calendar, or when the form opens on it.
    A mouse click places the cursor where it was clicked."""

    _SELECTING = frozenset(
        {
            Qt.FocusReason.TabFocusReason,
            Qt.FocusReason.BacktabFocusReason,
            Qt.FocusReason.ShortcutFocusReason,
            Qt.FocusReason.OtherFocusReason,
        }
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._had_focus = False

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        super().focusInEvent(event)
        reason = event.reason()
        # The form's window becoming active gives its focus field the focus again:
        # only the first time (the form opening) is that a new start on the field;
        # coming back from another window keeps the cursor where it was.
        opening = reason == Qt.FocusReason.ActiveWindowFocusReason and not self._had_focus
        self._had_focus = True
        if reason in self._SELECTING or opening:
            self.selectAll()


class DateField(QWidget):
    """``value()`` is the date typed, or None when blank; ``problem()`` says what is
    wrong with a non-blank text that is not a date."""

    #: the text changed (the value may or may not be a valid date)
    edited = Signal()

    def __init__(self, parent: QWidget | None = None, *, accessible_name: str = "") -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.line_edit: QLineEdit = _DateLineEdit(self)
        self.line_edit.setPlaceholderText(self.tr("M/D/YYYY"))
        self.line_edit.setClearButtonEnabled(True)
        self.line_edit.setMaxLength(10)
        metrics = self.line_edit.fontMetrics()
        self.line_edit.setMinimumWidth(metrics.horizontalAdvance("12/31/2025") + 48)
        self.calendar_button = QToolButton(self)
        self.calendar_button.setText("…")
        self.calendar_button.setToolTip(self.tr("Pick the date on a calendar"))
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.line_edit, 1)
        layout.addWidget(self.calendar_button)
        self.setFocusProxy(self.line_edit)
        # Takes focus (handing it to the text field) so that a label's mnemonic with
        # this as its buddy works and QWidget.setTabOrder accepts it: both ignore a
        # NoFocus widget, whatever its focus proxy.
        self.setFocusPolicy(self.line_edit.focusPolicy())
        if accessible_name:
            self.setAccessibleName(accessible_name)
        self.line_edit.textChanged.connect(lambda _t: self.edited.emit())
        self.calendar_button.clicked.connect(self._show_calendar)
        self._calendar: QCalendarWidget | None = None

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 - Qt's name
        super().setAccessibleName(name)
        self.line_edit.setAccessibleName(name)
        self.calendar_button.setAccessibleName(self.tr("Calendar for {0}").format(name))

    def text(self) -> str:
        return self.line_edit.text()

    def value(self) -> date | None:
        """The date, or None when blank or not a date (see ``problem``)."""
        text = self.line_edit.text().strip()
        if not text:
            return None
        try:
            return parse_date(text)
        except ValueError:
            return None

    def problem(self) -> str | None:
        text = self.line_edit.text().strip()
        if not text:
            return None
        try:
            parse_date(text)
        except ValueError as error:
            return str(error)
        return None

    def set_value(self, value: date | None) -> None:
        self.line_edit.setText(format_date_us(value))

    @Slot()
    def _show_calendar(self) -> None:
        calendar = QCalendarWidget(self)
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        calendar.setAccessibleName(self.accessibleName())
        current = self.value() or date.today()
        calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        calendar.clicked.connect(self._picked)
        calendar.activated.connect(self._picked)
        calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        calendar.show()
        calendar.setFocus()
        self._calendar = calendar

    @Slot(QDate)
    def _picked(self, day: QDate) -> None:
        self.set_value(date(day.year(), day.month(), day.day()))
        if self._calendar is not None:
            self._calendar.close()
            self._calendar = None
        self.line_edit.setFocus()
