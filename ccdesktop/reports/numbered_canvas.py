"""A canvas that prints "Page X of Y" and the footer on every page.

The total is known only when the last page is done, so each finished page's drawing
is kept and the footers are drawn at save time (the well-known reportlab
"NumberedCanvas" recipe).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .fonts import REGULAR
from .styles import FOOTER_Y, LEFT_MARGIN, PAGE_WIDTH, RIGHT_MARGIN, RULE_GREY

FOOTER_SIZE = 7.5


@dataclass
class Footer:
    """What every page's footer says, and where the page count is reported back."""

    left: str
    middle: str
    page_count: int = field(default=0)


def fit(text: str, width: float) -> str:
    """``text`` shortened with an ellipsis to fit ``width`` points of footer."""
    if stringWidth(text, REGULAR, FOOTER_SIZE) <= width:
        return text
    while text and stringWidth(text + "\u2026", REGULAR, FOOTER_SIZE) > width:
        text = text[:-1]
    return text.rstrip() + "\u2026"


def numbered_canvas(footer: Footer) -> type[Canvas]:
    """A Canvas class for ``doc.build(canvasmaker=...)`` that draws ``footer``."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Without this the page preamble names Helvetica, a font that is not
            # embedded; every font in the file must be the embedded one.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or REGULAR
            super().__init__(*args, **kwargs)
            self._page_states: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._page_states.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._page_states)
            footer.page_count = total
            for state in self._page_states:
                self.__dict__.update(state)
                self._draw_footer(total)
                super().showPage()
            super().save()

        def _draw_footer(self, total: int) -> None:
            self.saveState()
            self.setStrokeColor(RULE_GREY)
            self.setLineWidth(0.5)
            top = FOOTER_Y + FOOTER_SIZE + 3
            self.line(LEFT_MARGIN, top, PAGE_WIDTH - RIGHT_MARGIN, top)
            self.setFont(REGULAR, FOOTER_SIZE)
            room = (
                PAGE_WIDTH / 2 - LEFT_MARGIN - stringWidth(footer.middle, REGULAR, FOOTER_SIZE) / 2
            )
            self.drawString(LEFT_MARGIN, FOOTER_Y, fit(footer.left, room - 12))
            self.drawCentredString(PAGE_WIDTH / 2, FOOTER_Y, footer.middle)
            self.drawRightString(
                PAGE_WIDTH - RIGHT_MARGIN, FOOTER_Y, f"Page {self._pageNumber} of {total}"
            )
            self.restoreState()

    return NumberedCanvas
