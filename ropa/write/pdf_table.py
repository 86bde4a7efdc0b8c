"""The record's tables in the PDF report: measured, wrapped and drawn line by line.

fpdf2's ``table()`` lays every cell out twice with a general line breaker, which takes about
a minute for 1,000 activities. The record's tables only need top-aligned, word-wrapped text,
so a :class:`Grid` measures it with the font's width table and draws it line by line; the
header row is drawn again at the top of every page, and a row taller than the room left goes
on over the next pages.
"""

from __future__ import annotations

from collections.abc import Callable

from ropa.write.cells import Cell
from ropa.write.layout import Table
from ropa.write.pdf_page import BRAND, INK, LINE, MARGIN, TONES, Colour, Page

TABLE_FONT = 6.8
CELL_PAD_X = 1.2
CELL_PAD_Y = 1.0
#: Height of a line of a table, in mm.
LINE_HEIGHT = TABLE_FONT * 0.3528 * 1.32
#: A row taller than a third of a page may start on a page with this many lines free.
MIN_SPLIT_LINES = 8
HEAD: Colour = (232, 237, 243)
ZEBRA: Colour = (247, 249, 251)

#: A cell's text broken into lines: (indent in mm, line).
Lines = list[tuple[float, str]]
#: The font style and colour of each cell of a row.
Fonts = list[tuple[str, Colour]]


class Grid:
    """Draws tables on a :class:`~ropa.write.pdf_page.Page`, with the text widths cached."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self._widths: dict[tuple[int, float], dict[str, float]] = {}

    def measure(self, text: str) -> float:
        """The width of ``text`` in mm in the current font and size."""
        font = self.page.pdf.current_font
        assert font is not None
        key = (id(font), self.page.pdf.font_size_pt)
        widths = self._widths.get(key)
        if widths is None:
            widths = self._widths[key] = {}
        total = 0.0
        for char in text:
            width = widths.get(char)
            if width is None:
                width = widths[char] = self.page.pdf.get_string_width(char)
            total += width
        return total

    def wrap(self, text: str, width: float) -> Lines:
        """``text`` broken into lines of at most ``width`` mm, as (indent, line).

        Lines that start with a bullet hang: their continuation lines are indented.
        """
        lines: Lines = []
        space = self.measure(" ")
        for paragraph in text.split("\n"):
            hang = self.measure("\u2022 ") if paragraph.startswith("\u2022 ") else 0.0
            indent = 0.0  # of the line being built: 0 for the first, hang after it
            current, used = "", 0.0
            for word in paragraph.split(" "):
                size = self.measure(word)
                if current and used + space + size <= width - indent:
                    current, used = f"{current} {word}", used + space + size
                    continue
                if current:
                    lines.append((indent, current))
                    indent = hang
                while size > width - indent and len(word) > 1:
                    cut = self._cut(word, width - indent)
                    lines.append((indent, word[:cut]))
                    indent = hang
                    word = word[cut:]
                    size = self.measure(word)
                current, used = word, size
            lines.append((indent, current))
        return lines

    def _cut(self, word: str, room: float) -> int:
        """How many characters of ``word`` fit in ``room`` mm (at least one)."""
        used = 0.0
        for position, char in enumerate(word):
            used += self.measure(char)
            if used > room:
                return max(1, position)
        return len(word)

    def cell_text(self, value: Cell) -> str:
        """A cell as text: a list becomes bullet lines."""
        if isinstance(value, list):
            items = [self.page.clean(item) for item in value if item]
            return items[0] if len(items) == 1 else "\n".join(f"\u2022 {item}" for item in items)
        return self.page.clean(value)

    def _grid_row(
        self,
        cells: list[Lines],
        widths: list[float],
        fonts: Fonts,
        fill: Colour | None,
        rule: float = 0.15,
    ) -> None:
        pdf = self.page.pdf
        height = self._row_height(cells)
        top = pdf.y
        if fill is not None:
            pdf.set_fill_color(*fill)
            pdf.rect(MARGIN, top, sum(widths), height, style="F")
        x = MARGIN
        for lines, width, (style, colour) in zip(cells, widths, fonts, strict=True):
            pdf.set_font(self.page.family, style, TABLE_FONT)
            pdf.set_text_color(*colour)
            baseline = top + CELL_PAD_Y + LINE_HEIGHT * 0.78
            for indent, line in lines:
                if line:
                    pdf.text(x + CELL_PAD_X + indent, baseline, line)
                baseline += LINE_HEIGHT
            x += width
        pdf.set_draw_color(*LINE)
        pdf.set_line_width(rule)
        pdf.line(MARGIN, top + height, MARGIN + sum(widths), top + height)
        pdf.set_y(top + height)

    def _row_height(self, cells: list[Lines]) -> float:
        return max(len(lines) for lines in cells) * LINE_HEIGHT + 2 * CELL_PAD_Y

    def _place_row(
        self,
        cells: list[Lines],
        widths: list[float],
        fonts: Fonts,
        fill: Colour | None,
        draw_header: Callable[[], None],
    ) -> None:
        """Draw a row; one taller than the room left goes on over the next pages."""
        pdf = self.page.pdf
        fresh = False  # just after a page break: split whatever the room, to make progress
        while True:
            if pdf.y + self._row_height(cells) <= pdf.page_break_trigger:
                self._grid_row(cells, widths, fonts, fill)
                return
            room = int((pdf.page_break_trigger - pdf.y - 2 * CELL_PAD_Y) / LINE_HEIGHT)
            tall = self._row_height(cells) > (pdf.page_break_trigger - pdf.t_margin) / 3
            if (tall and room >= MIN_SPLIT_LINES) or (fresh and room >= 1):
                self._grid_row([lines[:room] for lines in cells], widths, fonts, fill)
                cells = [lines[room:] for lines in cells]
                if not any(cells):
                    return
            pdf.add_page()
            draw_header()
            fresh = True

    def draw(self, table: Table) -> None:
        """A table of the record: caption, header row (repeated on each page), rows."""
        pdf = self.page.pdf
        if table.caption != self.page.running_title:
            self.page.caption(table.caption)
        if not table.rows:
            self.page.note(table.empty)
            return
        total = sum(column.share for column in table.columns)
        widths = [pdf.epw * column.share / total for column in table.columns]
        inner = [width - 2 * CELL_PAD_X for width in widths]
        pdf.set_font(self.page.family, "B", TABLE_FONT)
        header = [
            self.wrap(self.page.clean(c.title) + (f"\n{c.note}" if c.note else ""), w)
            for c, w in zip(table.columns, inner, strict=True)
        ]
        header_fonts: Fonts = [("B", BRAND)] * len(widths)

        def draw_header() -> None:
            self._grid_row(header, widths, header_fonts, HEAD, rule=0.4)

        if pdf.y + self._row_height(header) + 12 > pdf.page_break_trigger:
            pdf.add_page()
        draw_header()
        for index, values in enumerate(table.rows):
            tone = table.tones[index] if table.tones else ""
            fonts: Fonts = [("", INK)] * len(widths)
            if tone in TONES:
                fonts[0] = ("B", TONES[tone])
            elif table.columns[0].kind == "id":
                fonts[0] = ("B", INK)
            cells = []
            for value, width, (style, _) in zip(values, inner, fonts, strict=True):
                pdf.set_font(self.page.family, style, TABLE_FONT)
                cells.append(self.wrap(self.cell_text(value), width))
            self._place_row(cells, widths, fonts, ZEBRA if index % 2 else None, draw_header)
        pdf.ln(4)
