"""Text for table cells: normalised, and wrapped to the column width.

Cells are plain strings with line breaks rather than Paragraphs: reportlab lays out
a plain string many times faster, which keeps a 500-person report quick. Wrapping is
cached because the same course titles and providers recur on every page.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfmetrics import stringWidth

from .fonts import REGULAR
from .styles import CELL_PAD_X, TABLE_SIZE


def clean(text: str) -> str:
    """NFC-normalise (a name typed with combining accents prints as composed
    letters, which the font draws correctly) and make control characters spaces."""
    composed = unicodedata.normalize("NFC", text)
    return "".join(
        " " if unicodedata.category(ch) == "Cc" and ch != "\n" else ch for ch in composed
    )


def markup(text: str) -> str:
    """User text made safe inside Paragraph markup."""
    return escape(clean(text))


def cell_width(column_width: float) -> float:
    """The room for text inside a column of ``column_width`` points."""
    # a hair less than exact so rounding never pushes a line past the grid
    return column_width - 2 * CELL_PAD_X - 0.5


@lru_cache(maxsize=8192)
def wrap(text: str, width: float, font: str = REGULAR, size: float = TABLE_SIZE) -> str:
    """``text`` broken into lines no wider than ``width`` points, at spaces where
    possible and inside a word only when the word alone is too wide."""
    space = stringWidth(" ", font, size)
    lines: list[str] = []
    for paragraph in clean(text).split("\n"):
        current = ""
        current_width = 0.0
        for word in paragraph.split():
            word_width = stringWidth(word, font, size)
            if current and current_width + space + word_width <= width:
                current += " " + word
                current_width += space + word_width
                continue
            if current:
                lines.append(current)
            # a word wider than the column is cut where it must be
            while word_width > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and stringWidth(word[:cut], font, size) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
                word_width = stringWidth(word, font, size)
            current, current_width = word, word_width
        lines.append(current)
    return "\n".join(lines)
