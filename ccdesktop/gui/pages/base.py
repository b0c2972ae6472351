"""What every page of the main window has in common."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QAction, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QStackedWidget, QWidget

from ..session import Session


class Page(QWidget):
    """A page shows the session's data and refreshes when it changes.

    Pages refresh lazily: a hidden page is only marked stale and refreshes when it is
    shown, so one edit does not rebuild every table of the window.

    A page knows nothing of the window: what is beyond it (another page, a file
    command of the window's) it asks for with the signals below, which the window
    connects.
    """

    #: emitted once, at the page's first paint that shows the session's data: the
    #: window then builds the pages it left out of its start
    settled = Signal()

    # --- what a page may ask of the window --------------------------------------------
    #: show this page (its command was chosen from another page, e.g. Ctrl+Shift+N)
    showRequested = Signal()
    #: show the person of this staff id on the Staff page (True: on their Required
    #: trainings tab)
    showStaffRequested = Signal(int, bool)
    #: show the training entry of this id on the Training page
    showEntryRequested = Signal(int)
    #: show the year-end plan (of the year shown)
    showPlanRequested = Signal()
    #: File > Import staff or training…
    importRequested = Signal()
    #: File > Open… (the director chooses the file)
    openFileRequested = Signal()
    #: open this center file (a ``Path``) in the window
    openPathRequested = Signal(object)
    #: File > Save a copy…
    saveCopyRequested = Signal()
    #: File > Export the year's training…
    exportRequested = Signal()

    #: the navigation label (translated by the window)
    title = ""
    #: whether the page's first refresh waits until the page has been painted once:
    #: the page the window opens on paints its frame first and fills in its figures
    #: right after, so the director sees the window without waiting for the audit
    fill_after_first_paint = False

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._stale = True
        self._painted = False
        self._settled = False
        session.changed.connect(self._on_data_changed)
        session.yearChanged.connect(self._on_data_changed)

    @property
    def up_to_date(self) -> bool:
        """Whether the page shows the session's current data (not waiting to refresh)."""
        return not self._stale

    def refresh(self) -> None:
        """Rebuild what the page shows from ``self.session``."""

    def page_shown(self) -> Page | None:
        """The page shown now in the stack of pages this one is in (itself, or the one
        a command of this page's was chosen from: Ctrl+T on the Staff page)."""
        stack = self.parentWidget()
        shown = stack.currentWidget() if isinstance(stack, QStackedWidget) else None
        return shown if isinstance(shown, Page) else None

    def menu_actions(self) -> list[QAction]:
        """The actions the window lists in its Edit menu for this page (none by
        default; such a page is marked ``edit_actions`` in the window's ``PAGES``)."""
        return []

    def focus_main_view(self) -> None:
        """Put the keyboard focus on what the page is about (its table), as after the
        director was sent here from another page."""
        self.setFocus()

    def chosen_staff_ids(self) -> list[int]:
        """The staff the director has chosen on this page (selected, or picked in a
        filter): a new training entry (Ctrl+T) is for them. None by default."""
        return []

    def _on_data_changed(self, *_args: object) -> None:
        if self.isVisible():
            self.refresh()
            self._stale = False
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        if self._stale and (self._painted or not self.fill_after_first_paint):
            self.refresh()
            self._stale = False
        super().showEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        self._note_painted()

    def _note_painted(self) -> None:
        """The page was painted: settle, or refresh right after this frame. A page
        whose children cover it whole (a scroll area) is never painted itself, and
        calls this when its content is."""
        if self._settled:
            return
        if not self._stale:
            self._settled = True
            self.settled.emit()
        elif not self._painted:
            # queued, so the frame being painted is finished (and shown) first
            QTimer.singleShot(0, self, self._refresh_if_stale)
        self._painted = True

    @Slot()
    def _refresh_if_stale(self) -> None:
        if self._stale and self.isVisible():
            self.refresh()
            self._stale = False
