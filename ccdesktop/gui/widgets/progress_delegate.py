"""Draws a (done, total) pair as a progress bar with the cell's text on it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QWidget,
)

AnyIndex = QModelIndex | QPersistentModelIndex

#: the bar's scale: hundredths are ints, but a year can ask for 10,000 h (1,000,000)
_SCALE = 1000


class ProgressBarDelegate(QStyledItemDelegate):
    def __init__(self, role: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._role = role

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        pair = index.data(self._role)
        if not pair:
            super().paint(painter, option, index)
            return
        done, total = pair
        # the selection highlight first, so a selected row still reads as selected
        style = option.widget.style() if option.widget else QApplication.style()
        background = QStyleOptionViewItem(option)
        self.initStyleOption(background, index)
        background.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, option.widget)
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(3, 3, -3, -3)
        # Qt 6 reads a bar's orientation from State_Horizontal
        bar.state = (
            option.state | QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
        )
        bar.direction = option.direction
        bar.fontMetrics = option.fontMetrics
        bar.palette = option.palette
        bar.minimum = 0
        bar.maximum = _SCALE
        bar.progress = 0 if total <= 0 else min(_SCALE, done * _SCALE // total)
        bar.text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        bar.textVisible = True
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, option.widget)

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: N802
        hint = super().sizeHint(option, index)
        return QSize(max(hint.width() + 24, 160), hint.height() + 6)
