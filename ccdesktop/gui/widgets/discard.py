"""Asking before a form's typing is thrown away (Escape, Cancel, the close button)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)


def form_state(form: QWidget) -> tuple[object, ...]:
    """What can be typed or chosen in ``form``'s fields, in a comparable form: equal
    states mean the director changed nothing."""
    state: list[object] = []
    for child in form.findChildren(QWidget):
        if isinstance(child, QLineEdit):
            state.append(child.text())
        elif isinstance(child, QPlainTextEdit):
            state.append(child.toPlainText())
        elif isinstance(child, QComboBox):
            state.append(child.currentText())
        elif isinstance(child, QAbstractButton) and child.isCheckable():
            state.append(child.isChecked())
    return tuple(state)


def confirm_discard(form: QWidget) -> bool:
    """Whether the director agrees to lose what they typed in ``form`` (the default
    answer keeps the form open)."""
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(
        form,
        form.tr("Discard changes?"),
        form.tr("Close this form and lose what you typed?"),
        buttons.Discard | buttons.Cancel,
        buttons.Cancel,
    )
    return answer == buttons.Discard
