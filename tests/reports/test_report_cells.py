"""Cell text: normalised and wrapped to the column without losing a character."""

from __future__ import annotations

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from ccdesktop.reports.cells import clean, markup, wrap
from ccdesktop.reports.fonts import BOLD, REGULAR, register_fonts

register_fonts()


@pytest.mark.parametrize(
    "text",
    [
        "Recognizing and Reporting Child Abuse and Neglect",
        "Supercalifragilisticexpialidociousworkshopwithoutanyspacesatall x",
        "Nguyễn Thị Ánh\nsecond paragraph",
        "",
    ],
)
@pytest.mark.parametrize("font", [REGULAR, BOLD])
def test_wrap_fits_the_width_and_keeps_every_character(text: str, font: str) -> None:
    width = 60.0
    wrapped = wrap(text, width, font, 7.5)
    for line in wrapped.split("\n"):
        assert stringWidth(line, font, 7.5) <= width
    assert wrapped.replace("\n", "").replace(" ", "") == text.replace("\n", "").replace(" ", "")


def test_wrap_breaks_at_spaces_when_it_can() -> None:
    assert wrap("Safe Sleep Practices for Infants", 60.0).split("\n") == [
        "Safe Sleep",
        "Practices for",
        "Infants",
    ]


def test_clean_composes_accents_and_drops_control_characters() -> None:
    assert clean("Nguye\u0302\u0303n\tA\x00") == "Nguyễn A "
    assert markup("Tom & <Jerry>") == "Tom &amp; &lt;Jerry&gt;"
