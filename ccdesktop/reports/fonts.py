"""The report's font: DejaVu Sans, shipped in resources/fonts with its licence.

A TrueType font embedded in the PDF (as a subset) prints every name the same on any
printer, including accented and Vietnamese names, which the PDF standard fonts
cannot show.
"""

from __future__ import annotations

import io
import threading
from importlib.resources import files

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"

_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
_lock = threading.Lock()


def font_bytes(file_name: str) -> bytes:
    """The bytes of a font file shipped in ccdesktop.resources/fonts."""
    return (files("ccdesktop.resources") / "fonts" / file_name).read_bytes()


def register_fonts() -> None:
    """Register the report fonts with reportlab once per process.

    Read through importlib.resources so it works from a checkout, a wheel or a
    frozen bundle alike.
    """
    with _lock:
        registered = set(pdfmetrics.getRegisteredFontNames())
        for name, file_name in _FILES.items():
            if name not in registered:
                pdfmetrics.registerFont(TTFont(name, io.BytesIO(font_bytes(file_name))))
        # <b> in a Paragraph picks the bold face of the family.
        for bold, italic, face in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, REGULAR), (1, 1, BOLD)):
            addMapping(REGULAR, bold, italic, face)
