"""Page geometry, type sizes and the shared paragraph and table styles of the report.

Built once and reused: making styles per cell is what makes big reports slow.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch

from .fonts import BOLD, REGULAR

PAGE_SIZE = LETTER
PAGE_WIDTH, PAGE_HEIGHT = PAGE_SIZE
# Most printers cannot print the outer 1/4 inch; 0.6 inch keeps clear of that and of
# a hole punch or staple, and the bottom margin leaves room for the footer.
LEFT_MARGIN = RIGHT_MARGIN = 0.6 * inch
TOP_MARGIN = 0.6 * inch
BOTTOM_MARGIN = 0.8 * inch
FOOTER_Y = 0.45 * inch
CONTENT_WIDTH = PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN

BODY_SIZE = 9.5
TABLE_SIZE = 7.5
TABLE_LEADING = 9.3
CELL_PAD_X = 3.0
CELL_PAD_Y = 2.0

# Grey only as an extra cue: every mark that matters is also a word or a symbol, so
# the report reads the same on a black-and-white printer.
HEADER_FILL = colors.Color(0.85, 0.85, 0.85)
DENIED_FILL = colors.Color(0.93, 0.93, 0.93)
RULE_GREY = colors.Color(0.45, 0.45, 0.45)

#: marks a denial (text, not colour)
DENIED_MARK = "\u2717"  # ✗
#: marks credit
CREDITED_MARK = "\u2713"  # ✓
#: marks a warning
WARNING_MARK = "\u26a0"  # ⚠

TITLE = ParagraphStyle(
    "ReportTitle", fontName=BOLD, fontSize=16, leading=20, spaceAfter=4, alignment=TA_LEFT
)
HEADING = ParagraphStyle(
    "ReportHeading", fontName=BOLD, fontSize=12.5, leading=16, spaceBefore=12, spaceAfter=5
)
SUBHEADING = ParagraphStyle(
    "ReportSubheading", fontName=BOLD, fontSize=10.5, leading=13, spaceBefore=8, spaceAfter=3
)
BODY = ParagraphStyle("ReportBody", fontName=REGULAR, fontSize=BODY_SIZE, leading=12.5)
NOTE = ParagraphStyle(
    "ReportNote", fontName=REGULAR, fontSize=8, leading=10.2, spaceBefore=3, spaceAfter=3
)
CELL = ParagraphStyle("ReportCell", fontName=REGULAR, fontSize=TABLE_SIZE, leading=TABLE_LEADING)


def base_table_style(header_rows: int = 1) -> list[tuple[object, ...]]:
    """Commands every report table starts from: the embedded font everywhere (a cell
    left on reportlab's default would use a non-embedded standard font), grid, the
    header row shaded and bold."""
    return [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), TABLE_SIZE),
        ("LEADING", (0, 0), (-1, -1), TABLE_LEADING),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PAD_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PAD_Y + 1),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE_GREY),
        ("FONTNAME", (0, header_rows - 1), (-1, header_rows - 1), BOLD),
        ("BACKGROUND", (0, header_rows - 1), (-1, header_rows - 1), HEADER_FILL),
    ]
