"""What every page of the main window has in common."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ..session import Session


class Page(QWidget):
    """A page shows the session's data and refreshes when it changes.

    Pages refresh lazily: a hidden page is only marked stale and refreshes when it is
    shown, so one edit does not rebuild every table of the window.
    """

    #: the navigation label (translated by the window)
    title = ""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._stale = True
        session.changed.connect(self._on_data_changed)
        session.yearChanged.connect(self._on_data_changed)

    def refresh(self) -> None:
        """Rebuild what the page shows from ``self.session``."""

    def _on_data_changed(self, *_args: object) -> None:
        if self.isVisible():
            self.refresh()
            self._stale = False
        else:
            self._stale = True

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        if self._stale:
            self.refresh()
            self._stale = False
        super().showEvent(event)  # type: ignore[arg-type]
