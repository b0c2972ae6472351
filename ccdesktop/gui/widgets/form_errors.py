"""Inline messages under a form field: the problem is shown where it is."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

ERROR_STYLE = "color: #a01414;"
#: a warning that does not stop saving: the amber of the Training table's warnings
WARNING_STYLE = "color: #8c5a00;"


def error_label(parent: QWidget, name: str, *, room: int = 0) -> QLabel:
    """A hidden, word-wrapped red label named ``<name>Error`` (tests find it by name).

    With ``room`` it keeps that many lines' room under its field, hidden or shown, so
    that a message appearing or going (at every keystroke while a date or a time is
    typed) moves no field of the form; a longer message still gets the lines it
    needs. Give room only to fields that can be wrong: it is empty space.
    """
    label = QLabel(parent)
    label.setObjectName(f"{name}Error")
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if room:
        metrics = label.fontMetrics()
        label.setMinimumHeight(metrics.height() + (room - 1) * metrics.lineSpacing())
        policy = label.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        label.setSizePolicy(policy)
    label.hide()
    return label


def with_error(field: QWidget, error: QLabel) -> QWidget:
    """``field`` with ``error`` under it, as one form cell."""
    box = QWidget(field.parentWidget())
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    layout.addWidget(error)
    box.setFocusProxy(field)
    return box


#: about the longest message a date field gives ("no such day")
LONG_DATE_MESSAGE = "⚠ '09/31/2025' is not a date: September 2025 has 30 days"


def wide_enough_for_date_messages(cell: QWidget) -> None:
    """Make a date field's cell (``with_error``) wide enough for its messages to fit
    on the one line kept under it, so that they do not wrap onto the next field."""
    cell.setMinimumWidth(cell.fontMetrics().horizontalAdvance(LONG_DATE_MESSAGE) + 4)


def show_problem(label: QLabel, message: str | None) -> None:
    label.setText(message or "")
    label.setVisible(bool(message))


def grow_to_fit(window: QWidget) -> None:
    """Make ``window`` tall enough for what its layout now shows.

    A word-wrapped message's height depends on the width, which a layout's minimum
    size does not include, so a message appearing under a field would squeeze the
    fields instead of growing the window. Checked after the event loop has laid the
    new message out.
    """
    QTimer.singleShot(0, window, lambda: _grow(window))


def _grow(window: QWidget) -> None:
    layout = window.layout()
    if layout is None or not window.isVisible():
        return
    layout.activate()
    width = window.width()
    needed = (
        layout.totalHeightForWidth(width)
        if layout.hasHeightForWidth()
        else layout.totalSizeHint().height()
    )
    if window.height() < needed:
        window.resize(width, needed)
