"""The read-only record tables of the pages: whole rows selected, no editing in place
(records change through their dialogs, so every change is checked and can be undone),
alternating rows, one line per row, no row numbers."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

_SelectionMode = QAbstractItemView.SelectionMode


def record_table(
    parent: QWidget,
    name: str,
    accessible: str,
    *,
    selection: _SelectionMode = _SelectionMode.SingleSelection,
    row_padding: int = 8,
) -> QTableView:
    """A ``QTableView`` set up as every page's record table; rows are the font's
    height plus ``row_padding`` pixels."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(selection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    vertical = table.verticalHeader()
    vertical.setVisible(False)
    vertical.setDefaultSectionSize(table.fontMetrics().height() + row_padding)
    return table
