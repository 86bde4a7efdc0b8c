"""The house style of every workbook ropa writes: the template and the xlsx reports.

One place for the colours, fonts, borders and the row-height estimate, so that the
template a DPO fills in and the report handed to the authority look like one product.
"""

from __future__ import annotations

import math

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

TEAL = "1F6F6B"
DARK_TEAL = "0B3D3A"
HEADER_FONT = Font(name="Calibri", bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor=TEAL)
REQUIRED_FILL = PatternFill("solid", fgColor=DARK_TEAL)
THIN = Side(style="thin", color="9FB8B6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="left")
DATA_ALIGN = Alignment(wrap_text=True, vertical="top")
#: Points per line of wrapped text, for row heights (not every program grows rows itself).
LINE_HEIGHT = 15.0


def line_count(text: str, width: float, per_unit: float = 1.0) -> int:
    """Roughly how many lines ``text`` wraps to in a column ``width`` characters wide."""
    usable = max((width - 2) * per_unit, 4)
    return sum(max(1, math.ceil(len(part) / usable)) for part in text.split("\n"))
