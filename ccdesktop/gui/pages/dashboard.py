"""The dashboard: where the center stands for the chosen year, those at risk first."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..models.dashboard_model import (
    PROGRESS_COLUMN,
    PROGRESS_ROLE,
    DashboardModel,
)
from ..models.staff_roles import STAFF_ID_ROLE
from ..session import Session
from ..widgets.heading import page_heading
from ..widgets.record_table import record_table
from .base import Page

if TYPE_CHECKING:
    from ...domain.audit import Audit


def days_left_text(year: int, today: date) -> str:
    """How much of ``year`` is left to earn hours in, in words."""
    if year < today.year:
        return (
            f"{year} is closed. Hours it still lacks are made up from later years' "
            "hours, oldest year first."
        )
    if year > today.year:
        return f"{year} has not started yet."
    days = (date(year, 12, 31) - today).days
    if days == 0:
        return f"Today, December 31, is the last day to earn hours for {year}."
    if days == 1:
        return f"1 day left until December 31, {year}."
    return f"{days} days left until December 31, {year}."


class _Tile(QFrame):
    """A number with a caption: "3 / short"."""

    def __init__(self, name: str, caption: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(0)
        self.number = QLabel(self)
        self.number.setObjectName(f"{name}Number")
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.number.setFont(font)
        self.caption = QLabel(caption, self)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)

    def set_number(self, value: int, colour: str = "") -> None:
        self.number.setText(str(value))
        self.number.setStyleSheet(f"color: {colour};" if colour else "")
        self.setAccessibleName(f"{value} {self.caption.text()}")


class DashboardPage(Page):
    title = "Dashboard"
    # The window opens on this page: its frame and heading are painted first, the
    # figures (the audit) right after. See the start-up benchmark.
    fill_after_first_paint = True

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setObjectName("dashboardPage")
        self.model = DashboardModel(self)
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.heading = page_heading("", self)
        layout.addWidget(self.heading)
        layout.addWidget(self._build_banner())

        tiles = QHBoxLayout()
        self.short_tile = _Tile("shortTile", self.tr("short of their hours"), self)
        self.met_tile = _Tile("metTile", self.tr("have met their hours"), self)
        self.needing_tile = _Tile("needingTile", self.tr("staff need clock hours"), self)
        for tile in (self.short_tile, self.met_tile, self.needing_tile):
            tiles.addWidget(tile)
        self.days_label = QLabel(self)
        self.days_label.setObjectName("daysLeft")
        self.days_label.setWordWrap(True)
        font = self.days_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.days_label.setFont(font)
        tiles.addWidget(self.days_label, 1)
        layout.addLayout(tiles)
        self._show_year()

        self.table = record_table(
            self,
            "dashboardTable",
            self.tr("Staff who need clock hours, those at risk first"),
            row_padding=14,
        )
        self.table.setModel(self.model)
        self._bar_delegate_set = False  # with the first rows: see _set_bar_delegate
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        # the figures take what they need; the progress bar gets the rest
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PROGRESS_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._activated)

        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("dashboardEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)
        layout.addWidget(self.stack, 1)

        self.hint = QLabel(
            self.tr(
                "Those short of their hours come first, most hours needed first. "
                "Press Enter or double-click a person to open them on the Staff page."
            ),
            self,
        )
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)

    def _build_banner(self) -> QFrame:
        """The reminders the director reads on opening (issue 13): one calm banner
        over the figures, never a dialog to click away at every start."""
        self.banner = QFrame(self)
        self.banner.setObjectName("remindersBanner")
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setStyleSheet(
            "#remindersBanner { background: #fff6dc; border: 1px solid #d9b45a; "
            "border-radius: 4px; }"
        )
        layout = QHBoxLayout(self.banner)
        layout.setContentsMargins(10, 6, 6, 6)
        self.banner_label = QLabel(self.banner)
        self.banner_label.setObjectName("remindersText")
        self.banner_label.setWordWrap(True)
        self.banner_label.setTextFormat(Qt.TextFormat.PlainText)
        self.banner_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.banner_label, 1)
        buttons = QVBoxLayout()
        self.plan_button = QPushButton(self.tr("Open the &plan"), self.banner)
        self.plan_button.setObjectName("openPlanButton")
        self.plan_button.clicked.connect(self.open_plan)
        self.hide_banner_button = QPushButton(self.tr("Hi&de"), self.banner)
        self.hide_banner_button.setObjectName("hideRemindersButton")
        self.hide_banner_button.setToolTip(
            self.tr("Hide the reminders until ccdesktop is next opened")
        )
        self.hide_banner_button.clicked.connect(self.hide_reminders)
        buttons.addWidget(self.plan_button)
        buttons.addWidget(self.hide_banner_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._banner_hidden = False
        self.banner.hide()
        return self.banner

    def refresh(self) -> None:
        audit = self.session.audit()
        if not self._bar_delegate_set:
            self._set_bar_delegate()
        self.model.set_standings(audit.staff, self.session.requirement_statuses())
        self._show_totals(audit)
        self._show_reminders()

    def reminder_lines(self) -> tuple[str, ...]:
        """The reminders of today (the engine's, from this year's plan)."""
        # the engine's modules come after the window's first paint (the start-up
        # benchmark), and this page is that first frame
        from ...domain.plan import reminders

        return reminders(self.session.plan(self.session.today().year))

    def _show_reminders(self) -> None:
        lines = () if self._banner_hidden else self.reminder_lines()
        self.banner_label.setText("\n".join(f"• {line}." for line in lines))
        self.banner.setAccessibleName(self.tr("Reminders"))
        self.banner.setVisible(bool(lines))

    @Slot()
    def hide_reminders(self) -> None:
        """Hide the banner until ccdesktop is next opened (not at every change)."""
        self._banner_hidden = True
        self.banner.hide()
        self.table.setFocus()

    @Slot()
    def open_plan(self) -> None:
        """The plan of this year (the reminders are this year's)."""
        self.session.set_year(self.session.today().year)
        self.showPlanRequested.emit()

    def _set_bar_delegate(self) -> None:
        # Not in _build: the delegate brings in QStyle, whose Python enums take
        # milliseconds to make, and an empty table at the first paint draws no bars.
        from ..widgets.progress_delegate import ProgressBarDelegate

        self.table.setItemDelegateForColumn(
            PROGRESS_COLUMN, ProgressBarDelegate(PROGRESS_ROLE, self.table)
        )
        self._bar_delegate_set = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        if not self.up_to_date:
            self._show_year()  # right from the first paint, before the figures
        super().showEvent(event)

    def _show_year(self) -> None:
        """The heading and the days left: the center's name and the year, no audit."""
        year = self.session.year
        name = self.session.center().name
        self.heading.setText(
            self.tr("{0}: clock hours in {1}").format(name, year)
            if name
            else self.tr("Clock hours in {0}").format(year)
        )
        self.days_label.setText(self.tr(days_left_text(year, self.session.today())))

    def _show_totals(self, audit: Audit) -> None:
        year = audit.year
        self._show_year()
        needing = self.model.rowCount()
        self.short_tile.set_number(audit.short_count, "#a01414" if audit.short_count else "")
        self.met_tile.set_number(audit.met_count, "#146e28" if audit.met_count else "")
        self.needing_tile.set_number(needing)
        if needing:
            self.stack.setCurrentWidget(self.table)
        else:
            self.empty_label.setText(
                self.tr(
                    "Nobody needs clock hours in {0}. Add staff on the Staff page, or "
                    "import a staff list (Excel or CSV) with File > Import staff or training "
                    "(Ctrl+I)."
                ).format(year)
            )
            self.stack.setCurrentWidget(self.empty_label)

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        staff_id = index.data(STAFF_ID_ROLE)
        if staff_id is not None:
            self.open_person(int(staff_id))

    def open_person(self, staff_id: int) -> None:
        """Show the person on the Staff page."""
        self.showStaffRequested.emit(staff_id, False)
