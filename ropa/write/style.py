"""The house style of every workbook ropa writes: the template and the xlsx reports.

One place for the colours, fonts, borders, the date format and the row-height estimate, so
that the template a DPO fills in and the report handed to the authority look like one
product. The styles are openpyxl objects (the template is written with openpyxl; the xlsx
writers translate them into XlsxWriter formats), made on first use by :func:`house` so that
importing ``ropa.write`` does not load openpyxl.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl.styles import Alignment, Border, Font, PatternFill

TEAL = "1F6F6B"
DARK_TEAL = "0B3D3A"
WHITE = "FFFFFF"
RULE = "9FB8B6"
FONT = "Calibri"
#: Points per line of wrapped text, for row heights (not every program grows rows itself).
LINE_HEIGHT = 15.0
#: Excel's number format for dates.
DATE_FORMAT = "yyyy-mm-dd"
#: Excel's limit on the length of a sheet name.
MAX_SHEET_NAME = 31


@dataclass(frozen=True)
class House:
    """The house style as openpyxl objects."""

    header_font: Font
    header_fill: PatternFill
    required_fill: PatternFill
    border: Border
    header_align: Alignment
    data_align: Alignment


@cache
def house() -> House:
    """The house style (openpyxl is imported here, on first use)."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color=RULE)
    return House(
        header_font=Font(name=FONT, bold=True, color=WHITE),
        header_fill=PatternFill("solid", fgColor=TEAL),
        required_fill=PatternFill("solid", fgColor=DARK_TEAL),
        border=Border(left=thin, right=thin, top=thin, bottom=thin),
        header_align=Alignment(wrap_text=True, vertical="center", horizontal="left"),
        data_align=Alignment(wrap_text=True, vertical="top"),
    )


def line_count(text: str, width: float, per_unit: float = 1.0) -> int:
    """Roughly how many lines ``text`` wraps to in a column ``width`` characters wide."""
    usable = max((width - 2) * per_unit, 4)
    return sum(max(1, math.ceil(len(part) / usable)) for part in text.split("\n"))
