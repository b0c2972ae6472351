"""What the tables of people share: the role that carries a person's id, and the
colours of a standing's status.

Apart from ``staff_model`` so that the dashboard, the page the window opens on, can
use them without importing the staff table and the engine's explanations behind it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from ...domain.codes import Status

#: the staff id of a row (int)
STAFF_ID_ROLE = Qt.ItemDataRole.UserRole + 1

SHORT_BRUSH = QBrush(QColor(170, 20, 20))
MET_BRUSH = QBrush(QColor(20, 110, 40))
EXEMPT_BRUSH = QBrush(QColor(100, 100, 100))


def status_brush(status: Status) -> QBrush:
    return {Status.SHORT: SHORT_BRUSH, Status.MET: MET_BRUSH}.get(status, EXEMPT_BRUSH)
