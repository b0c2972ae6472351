"""A text field for an optional year, such as the year a center's records start."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from ...domain.validation import EARLIEST_RECORDS_START, LATEST_RECORDS_START


class YearField(QLineEdit):
    """Empty means "not set"; anything else must be a year (four digits, within the
    years a center's records can start in)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxLength(6)
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("000000") + 24)

    def set_year(self, year: int | None) -> None:
        self.setText("" if year is None else str(year))

    def year(self) -> int | None:
        """The year typed, or None when the field is empty or holds no valid year."""
        return None if self.problem() else self._typed()

    def _typed(self) -> int | None:
        text = self.text().strip()
        return int(text) if text.isdigit() else None

    def problem(self) -> str | None:
        """What is wrong with the text, in words, or None."""
        text = self.text().strip()
        if not text:
            return None
        if not text.isdigit():
            return self.tr("“{0}” is not a year").format(text)
        year = int(text)
        if not EARLIEST_RECORDS_START <= year <= LATEST_RECORDS_START:
            return self.tr("{0} is not a year from {1} to {2}").format(
                year, EARLIEST_RECORDS_START, LATEST_RECORDS_START
            )
        return None
