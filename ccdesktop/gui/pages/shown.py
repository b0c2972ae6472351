"""What a page last showed, so that after a write it can update only what changed."""

from __future__ import annotations

from datetime import date

from ..session import DataChange, Session


class Shown:
    """The session, generation, year and day a page was last filled from (and any
    choice of its own that changes what it shows, such as the years it lists)."""

    def __init__(self) -> None:
        self._mark: tuple[Session, int, int, date | None, tuple[object, ...]] | None = None

    def note(self, session: Session, *choices: object) -> None:
        """The page has just been filled from ``session`` as it is now."""
        self._mark = (session, session.generation, session.year, session.audit().today, choices)

    def change(self, session: Session, *choices: object) -> DataChange | None:
        """What changed since the page was filled, when it can update only that: the
        same session, year, day and choices, and every change since known. None:
        the page fills itself anew."""
        if self._mark is None:
            return None
        shown_session, generation, year, today, shown_choices = self._mark
        if shown_session is not session or year != session.year or choices != shown_choices:
            return None
        change = session.changes_since(generation)
        if change is None or session.audit().today != today:
            return None
        return change
