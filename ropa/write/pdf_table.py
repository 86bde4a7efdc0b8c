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
from ropa.write.hyphens import Hyphenator, Measure, keep_numbers_together
from ropa.write.layout import Table
from ropa.write.pdf_page import BRAND, INK, LINE, MARGIN, TONES, Colour, Page
from ropa.write.pdf_pen import texts
from ropa.write.pdf_tags import Element

TABLE_FONT = 8.5
CELL_PAD_X = 1.2
CELL_PAD_Y = 0.8
#: Height of a line of a table, in mm.
LINE_HEIGHT = TABLE_FONT * 0.3528 * 1.2
#: A row taller than a third of a page may start on a page with this many lines free.
MIN_SPLIT_LINES = 8
#: Rows measured to choose a table's column widths.
SAMPLE_ROWS = 200
#: The narrowest column, and the most a long word may ask for, in mm.
MIN_COLUMN = 10.0
MAX_FLOOR = 30.0
#: Texts whose width a measure remembers, per font and size (words and labels repeat).
TEXTS_REMEMBERED = 200_000
HEAD: Colour = (232, 237, 243)
ZEBRA: Colour = (247, 249, 251)

#: A cell's text broken into lines: (indent in mm, line).
Lines = list[tuple[float, str]]
#: The font style and colour of each cell of a row.
Fonts = list[tuple[str, Colour]]


def _measure(width_of: Measure) -> Measure:
    """A measure that adds up the widths of the characters (each asked of ``width_of``
    once) and remembers the widths of up to :data:`TEXTS_REMEMBERED` texts."""
    chars: dict[str, float] = {}
    texts: dict[str, float] = {}

    def measure(text: str) -> float:
        total = texts.get(text)
        if total is not None:
            return total
        total = 0.0
        for char in text:
            width = chars.get(char)
            if width is None:
                width = chars[char] = width_of(char)
            total += width
        if len(texts) < TEXTS_REMEMBERED:
            texts[text] = total
        return total

    return measure


class Grid:
    """Draws tables on a :class:`~ropa.write.pdf_page.Page`, with the text widths cached."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.hyphens = Hyphenator(page.document.lang)
        self._measures: dict[tuple[int, float], Measure] = {}
        self.font_size = TABLE_FONT

    def measure(self, text: str) -> float:
        """The width of ``text`` in mm in the current font and size."""
        return self.measurer()(text)

    def measurer(self) -> Measure:
        """:meth:`measure` for the current font and size, to call while they stay current:
        it remembers the width of each character and of each text (words repeat)."""
        pdf = self.page.pdf
        font = pdf.current_font
        assert font is not None
        key = (id(font), pdf.font_size_pt)
        measure = self._measures.get(key)
        if measure is None:
            measure = self._measures[key] = _measure(pdf.get_string_width)
        return measure

    def wrap(self, text: str, width: float, first: float = 0.0) -> Lines:
        """``text`` broken into lines of at most ``width`` mm, as (indent, line); the first
        line has ``first`` mm less room (a run-in label stands there).

        A word too long for the room left is hyphenated by the report language's rules
        (:mod:`ropa.write.hyphens`); numbers, ids and addresses are never broken. Lines that
        start with a bullet hang: their continuation lines are indented.
        """
        lines: Lines = []
        measure = self.measurer()
        space = measure(" ")
        for paragraph in text.split("\n"):
            bullet = paragraph.startswith("\u2022 ")
            hang = measure("\u2022 ") if bullet else 0.0
            room = width - hang
            words = paragraph[2:].split(" ") if bullet else paragraph.split(" ")
            built: list[str] = []
            current, used = "", (first if not lines else 0.0)
            for word in words:
                size = measure(word)
                gap = space if current else 0.0
                if used + gap + size <= room:
                    current, used = (f"{current} {word}" if current else word), used + gap + size
                    continue
                left = room - used - gap
                if left > room * 0.2 or not current:
                    part = self.hyphens.split(word, left, measure)
                    if part is not None:
                        current = f"{current} {part[0]}" if current else part[0]
                        word = part[1]
                        size = measure(word)
                if current or used:
                    built.append(current)
                while size > room:
                    part = self.hyphens.split(word, room, measure)
                    if part is None:
                        break  # a number, id or address stays whole
                    built.append(part[0])
                    word = part[1]
                    size = measure(word)
                current, used = word, size
            built.append(current)
            if bullet:
                lines.append((0.0, f"\u2022 {built[0]}"))
                lines.extend((hang, line) for line in built[1:])
            else:
                lines.extend((0.0, line) for line in built)
        return lines

    def cell_text(self, value: Cell) -> str:
        """A cell as text: a list becomes bullet lines."""
        if isinstance(value, list):
            items = [self.page.clean(item) for item in value if item]
            text = items[0] if len(items) == 1 else "\n".join(f"\u2022 {item}" for item in items)
        else:
            text = self.page.clean(value)
        return keep_numbers_together(text)

    def row(
        self,
        cells: list[Lines],
        widths: list[float],
        fonts: Fonts,
        fill: Colour | None,
        rule: float = 0.15,
        size: float = TABLE_FONT,
        kind: str = "",
        carry_on: list[Element] | None = None,
    ) -> list[Element]:
        """Draw one row of cells (already wrapped) at the current position; with ``kind``
        (``TH``, ``TD``) each cell is tagged as one, going on with ``carry_on``'s cells
        (the rest of a row split over a page). Returns the cells' elements."""
        pdf, tags = self.page.pdf, self.page.tags
        elements: list[Element] = []
        line_height = LINE_HEIGHT * size / TABLE_FONT
        height = self.row_height(cells, line_height)
        top = pdf.y
        if fill is not None:  # shading and rules are decoration: artifacts
            tags.artifact()
            pdf.set_fill_color(*fill)
            pdf.rect(MARGIN, top, sum(widths), height, style="F")
            tags.end_artifact()
        x = MARGIN
        first = top + CELL_PAD_Y + line_height * 0.78
        for index, (lines, width, (style, colour)) in enumerate(
            zip(cells, widths, fonts, strict=True)
        ):
            if kind:
                elements.append(tags.begin(kind, carry_on[index] if carry_on else None))
            pdf.set_font(self.page.family, style, size)
            pdf.set_text_color(*colour)
            left = x + CELL_PAD_X
            baseline = first
            places = []
            for indent, line in lines:
                if line:
                    places.append((left + indent, baseline, line))
                baseline += line_height
            texts(pdf, places)
            if kind:
                tags.end()
            x += width
        tags.artifact()
        pdf.set_draw_color(*LINE)
        pdf.set_line_width(rule)
        pdf.line(MARGIN, top + height, MARGIN + sum(widths), top + height)
        tags.end_artifact()
        pdf.set_y(top + height)
        return elements

    def row_height(self, cells: list[Lines], line_height: float = LINE_HEIGHT) -> float:
        """The height of a row of wrapped cells, in mm."""
        return max(len(lines) for lines in cells) * line_height + 2 * CELL_PAD_Y

    def place_row(
        self,
        cells: list[Lines],
        widths: list[float],
        fonts: Fonts,
        fill: Colour | None,
        draw_header: Callable[[], None],
    ) -> None:
        """Draw a row; one taller than the room left goes on over the next pages, where
        ``draw_header`` draws what repeats at the top (a table's header row). The row is
        tagged as one ``TR`` of ``TD`` cells, split or not."""
        pdf, tags = self.page.pdf, self.page.tags
        fresh = False  # just after a page break: split whatever the room, to make progress
        tags.group("TR")
        drawn: list[Element] | None = None
        while True:
            if pdf.y + self.row_height(cells) <= pdf.page_break_trigger:
                self.row(cells, widths, fonts, fill, kind="TD", carry_on=drawn)
                tags.close_group()
                return
            room = int((pdf.page_break_trigger - pdf.y - 2 * CELL_PAD_Y) / LINE_HEIGHT)
            tall = self.row_height(cells) > (pdf.page_break_trigger - pdf.t_margin) / 3
            if (tall and room >= MIN_SPLIT_LINES) or (fresh and room >= 1):
                part = [lines[:room] for lines in cells]
                drawn = self.row(part, widths, fonts, fill, kind="TD", carry_on=drawn)
                cells = [lines[room:] for lines in cells]
                if not any(cells):
                    tags.close_group()
                    return
            pdf.add_page()
            draw_header()
            fresh = True

    def widths(self, table: Table) -> list[float]:
        """Column widths from what the columns hold (a sample of rows): a column gets room
        by the length of its text, and at least its longest word, so that empty columns
        stay narrow and long text is not squeezed."""
        pdf = self.page.pdf
        pdf.set_font(self.page.family, "", TABLE_FONT)
        sample = table.rows[:SAMPLE_ROWS]
        weights, floors = [], []
        for index, column in enumerate(table.columns):
            texts = [self.cell_text(row[index]) for row in sample]
            lengths = [self.measure(text) for text in texts if text]
            mean = sum(lengths) / len(lengths) if lengths else 0.0
            longest = max(
                (self.measure(word) for text in texts for word in text.split()), default=0.0
            )
            pdf.set_font(self.page.family, "B", TABLE_FONT)
            head = max((self.measure(w) for w in column.title.split()), default=0.0)
            pdf.set_font(self.page.family, "", TABLE_FONT)
            floors.append(min(max(longest, head * 0.6, MIN_COLUMN), MAX_FLOOR) + 2 * CELL_PAD_X)
            weights.append(max(mean, MIN_COLUMN) ** 0.8)
        room = pdf.epw - sum(floors)
        if room <= 0:
            return [pdf.epw * floor / sum(floors) for floor in floors]
        total = sum(weights)
        return [
            floor + room * weight / total for floor, weight in zip(floors, weights, strict=True)
        ]

    def draw(self, table: Table) -> None:
        """A table of the record: header row (repeated on each page), rows; the section's
        heading names it. Tagged as a ``Table``: its header row once (``TH`` cells; where
        it repeats it is page furniture), then a ``TR`` a row."""
        pdf, tags = self.page.pdf, self.page.tags
        if not table.rows:
            self.page.note(table.empty)
            return
        widths = self.widths(table)
        inner = [width - 2 * CELL_PAD_X for width in widths]
        pdf.set_font(self.page.family, "B", TABLE_FONT)
        header = [
            self.wrap(self.page.clean(c.title) + (f"\n{c.note}" if c.note else ""), w)
            for c, w in zip(table.columns, inner, strict=True)
        ]
        header_fonts: Fonts = [("B", BRAND)] * len(widths)

        def draw_header() -> None:
            tags.artifact()
            self.row(header, widths, header_fonts, HEAD, rule=0.4)
            tags.end_artifact()

        if pdf.y + self.row_height(header) + 12 > pdf.page_break_trigger:
            pdf.add_page()
        tags.group("Table")
        tags.group("TR")
        self.row(header, widths, header_fonts, HEAD, rule=0.4, kind="TH")
        tags.close_group()
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
            self.place_row(cells, widths, fonts, ZEBRA if index % 2 else None, draw_header)
            self.page.tick()
        tags.close_group()
        pdf.ln(4)
