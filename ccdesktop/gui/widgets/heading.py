"""The bold heading at the top of each page."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


def page_heading(text: str, parent: QWidget) -> QLabel:
    heading = QLabel(text, parent)
    heading.setObjectName("pageHeading")
    font = heading.font()
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    heading.setFont(font)
    return heading
