"""XlsxWriter parts shared by the xlsx report and the xlsx diff: formats, safe cells, pages.

The workbooks are written with XlsxWriter, which streams half a million styled cells several
times faster than openpyxl. The house style (colours, fonts, borders) is defined once, as
openpyxl objects in :mod:`ropa.write.style`, and translated here into XlsxWriter format
properties (:func:`looks`). XlsxWriter and openpyxl are imported on first use, so importing
this module costs nothing.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from ropa.write.cells import Cell
from ropa.write.safety import looks_like_formula
from ropa.write.style import DARK_TEAL, DATE_FORMAT, FONT, MAX_SHEET_NAME, TEAL, WHITE, house

if TYPE_CHECKING:
    from openpyxl.styles import Alignment, Border, Font, PatternFill
    from xlsxwriter import Workbook
    from xlsxwriter.format import Format
    from xlsxwriter.worksheet import Worksheet

#: The characters Excel forbids in sheet names.
_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})
#: Excel's paper sizes (the ``paperSize`` codes of the file format).
PAPER_A4, PAPER_A3 = 9, 8
#: Options for every report workbook: text is only ever written as text.
WORKBOOK_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "remove_timezone": True,
}

Props = Mapping[str, Any]


# --- the house style as XlsxWriter formats -------------------------------------------------


def _colour(value: Any) -> str:
    """An openpyxl colour (``"00RRGGBB"``) as XlsxWriter's ``"#RRGGBB"``."""
    return "#" + str(value.rgb)[-6:]


_BORDER_STYLES = {"thin": 1, "medium": 2, "dashed": 3, "dotted": 4, "thick": 5, "double": 6}
_VERTICAL = {"top": "top", "center": "vcenter", "bottom": "bottom"}


def style(
    font: Font | None = None,
    fill: PatternFill | None = None,
    alignment: Alignment | None = None,
    border: Border | None = None,
) -> dict[str, Any]:
    """XlsxWriter format properties for openpyxl style objects (the template's house style)."""
    props: dict[str, Any] = {}
    if font is not None:
        if font.name:
            props["font_name"] = font.name
        if font.sz:
            props["font_size"] = float(font.sz)
        if font.b:
            props["bold"] = True
        if font.i:
            props["italic"] = True
        if font.u:
            props["underline"] = 2 if font.u == "double" else 1
        if font.color is not None and font.color.rgb:
            props["font_color"] = _colour(font.color)
    if fill is not None and fill.fill_type == "solid":
        props["pattern"] = 1
        props["bg_color"] = _colour(fill.fgColor)
    if alignment is not None:
        if alignment.wrap_text:
            props["text_wrap"] = True
        if alignment.vertical:
            props["valign"] = _VERTICAL[alignment.vertical]
        if alignment.horizontal:
            props["align"] = alignment.horizontal
    if border is not None and border.left is not None and border.left.style:
        props["border"] = _BORDER_STYLES.get(border.left.style, 1)
        if border.left.color is not None:
            props["border_color"] = _colour(border.left.color)
    return props


@dataclass(frozen=True)
class Looks:
    """The format properties of every kind of cell the xlsx writers write."""

    header: Props  # a column header
    data: Props  # a bordered data cell
    empty: Props  # "None" where a table has no rows
    band: Props  # an article band over the headers
    title: Props
    heading: Props
    key: Props  # a bold key of a key-value line
    top: Props
    left: Props
    link: Props
    table_header: Props  # the 9-point tables of the report
    table_data: Props
    table_striped: Props


@cache
def looks() -> Looks:
    """The house style as XlsxWriter format properties."""
    from openpyxl.styles import Alignment, Font, PatternFill

    h = house()
    table_font = Font(name=FONT, size=9)
    return Looks(
        header=style(h.header_font, h.header_fill, h.header_align, h.border),
        data=style(alignment=h.data_align, border=h.border),
        empty=style(Font(italic=True)),
        band=style(
            Font(name=FONT, bold=True, color=WHITE, size=10),
            h.required_fill,
            Alignment(wrap_text=True, vertical="center", horizontal="center"),
            h.border,
        ),
        title=style(Font(name=FONT, bold=True, size=18, color=DARK_TEAL)),
        heading=style(Font(name=FONT, bold=True, size=12, color=DARK_TEAL)),
        key=style(Font(name=FONT, bold=True)),
        top={"valign": "top"},
        left={"align": "left"},
        link=style(Font(color=TEAL, underline="single")),
        table_header=style(
            Font(name=FONT, size=9, bold=True, color=WHITE), h.header_fill, h.header_align, h.border
        ),
        table_data=style(table_font, None, h.data_align, h.border),
        table_striped=style(
            table_font, PatternFill("solid", fgColor="EEF4F3"), h.data_align, h.border
        ),
    )


class Formats:
    """XlsxWriter formats of one workbook, each made once per set of properties.

    ``get(props, quoted=True)`` is the same format with Excel's quote prefix: the hidden
    apostrophe that keeps text which looks like a formula (``=``, ``+``, ``-``, ``@``...)
    showing, and staying, as text.
    """

    def __init__(self, book: Workbook) -> None:
        self.book = book
        self._made: dict[tuple[tuple[tuple[str, Any], ...], bool], Format] = {}

    def get(self, props: Props | None = None, *, quoted: bool = False) -> Format | None:
        if not props and not quoted:
            return None
        key = (tuple(sorted((props or {}).items())), quoted)
        made = self._made.get(key)
        if made is None:
            properties = dict(props or {})
            if quoted:
                properties["quote_prefix"] = True
            made = self.book.add_format(properties)
            self._made[key] = made
        return made


def new_workbook(target: io.BytesIO) -> tuple[Workbook, Formats]:
    """An XlsxWriter workbook that writes into ``target`` when closed, with its formats."""
    from xlsxwriter import Workbook

    book = Workbook(target, WORKBOOK_OPTIONS)
    return book, Formats(book)


# --- cells ---------------------------------------------------------------------------------


def write_value(
    ws: Worksheet, formats: Formats, row: int, column: int, value: Any, props: Props | None = None
) -> None:
    """Write ``value`` (zero-based ``row``/``column``) so that it can never run as a formula.

    Text is always stored as text, with the quote prefix when it looks like a formula;
    numbers stay numbers and dates stay dates (with a date format). An empty value with
    ``props`` is a formatted blank cell, so borders and stripes stay unbroken.
    """
    if value is None or value == "":
        if props:
            ws.write_blank(row, column, None, formats.get(props))
    elif isinstance(value, str):
        ws.write_string(row, column, value, formats.get(props, quoted=looks_like_formula(value)))
    elif isinstance(value, bool):
        ws.write_boolean(row, column, value, formats.get(props))
    elif isinstance(value, int | float):
        ws.write_number(row, column, value, formats.get(props))
    elif isinstance(value, dt.datetime):
        ws.write_datetime(
            row, column, value, formats.get({**(props or {}), "num_format": "yyyy-mm-dd hh:mm"})
        )
    elif isinstance(value, dt.date):
        ws.write_datetime(
            row, column, value, formats.get({**(props or {}), "num_format": DATE_FORMAT})
        )
    else:
        write_value(ws, formats, row, column, str(value), props)


def cell_value(cell: Cell) -> Any:
    """A cell as Excel text: a list as one line per item (bulleted when several)."""
    if isinstance(cell, list):
        text = cell[0] if len(cell) == 1 else "\n".join(f"• {item}" for item in cell)
    else:
        text = cell
    return text or None


def set_width(ws: Worksheet, column: int, width: float) -> None:
    """Column ``column`` (zero-based) exactly ``width`` characters wide, as openpyxl wrote it.

    ``set_column`` adds Excel's cell padding to the width; going through pixels (7 per
    character of the default font) keeps the widths, and so the printed scale, unchanged.
    """
    ws.set_column_pixels(column, column, round(width * 7))


def sheet_title(text: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name for ``text``."""
    base = " ".join(text.translate(_FORBIDDEN).split())[:MAX_SHEET_NAME].strip(" '") or "Sheet"
    name, number = base, 2
    while name.casefold() in taken:
        suffix = f" ({number})"
        name, number = base[: MAX_SHEET_NAME - len(suffix)] + suffix, number + 1
    taken.add(name.casefold())
    return name


# --- pages ---------------------------------------------------------------------------------


def print_setup(
    ws: Worksheet,
    *,
    paper: int = PAPER_A4,
    margins: tuple[float, float, float, float] = (0.75, 0.75, 1.0, 1.0),
    header: str = "",
    footer: str = "",
    title_rows: tuple[int, int] | None = None,
    title_columns: tuple[int, int] | None = None,
    pages_wide: int = 1,
) -> None:
    """Landscape, ``pages_wide`` pages wide and as many pages down as needed; titles and page
    numbers.

    ``margins`` are left, right, top, bottom in inches; ``title_rows`` and ``title_columns``
    (first, last) are zero-based.
    """
    ws.set_landscape()
    ws.set_paper(paper)
    ws.fit_to_pages(max(pages_wide, 1), 0)
    left, right, top, bottom = margins
    ws.set_margins(left=left, right=right, top=top, bottom=bottom)
    if header:
        ws.set_header(header, {"margin": 0.5})
    if footer:
        ws.set_footer(footer, {"margin": 0.5})
    if title_rows is not None:
        ws.repeat_rows(*title_rows)
    if title_columns is not None:  # the id (and name) on every page printed across
        ws.repeat_columns(*title_columns)
