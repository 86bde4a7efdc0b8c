"""The record's activities and controllers in the PDF: one block each, label and value.

A block is a title bar (the activity's id and name) over its fields in two columns, each
field a paragraph that starts with its label in bold (and its article), the value run on
after it, as in a printed form; the fields run down the left column and on down the right
one, split where the two come out about even. A page break may fall
between two fields; the title bar is then drawn again, marked as continued, so no page ends
with a blank quarter waiting for a whole activity.
"""

from __future__ import annotations

from dataclasses import dataclass

from ropa.write.hyphens import NBSP
from ropa.write.layout import Block, Entry
from ropa.write.pdf_page import BRAND, INK, LINE, MARGIN, MUTED, Colour, Page
from ropa.write.pdf_pen import texts
from ropa.write.pdf_table import CELL_PAD_X, LINE_HEIGHT, TABLE_FONT, Grid, Lines

#: Space between the two columns, and between two fields, in mm.
GUTTER = 7.0
FIELD_GAP = 0.9
TITLE_HEIGHT = 6.2
TITLE: Colour = (236, 241, 247)
#: Less room than this at the foot of a page (mm) starts the block on the next one.
MIN_ROOM = 28.0


@dataclass
class Field:
    """A field laid out: its run-in label (title, article note) and its value's lines."""

    title: str
    note: str
    lines: Lines

    @property
    def height(self) -> float:
        return len(self.lines) * LINE_HEIGHT


class BlockDrawer:
    """Draws :class:`~ropa.write.layout.Block` objects on a page through a :class:`Grid`."""

    def __init__(self, page: Page, grid: Grid) -> None:
        self.page = page
        self.grid = grid
        self.column = (page.pdf.epw - GUTTER) / 2
        #: (title, note) -> the width of the run-in label; every activity has the same few.
        self._labels: dict[tuple[str, str], float] = {}

    def _label_width(self, title: str, note: str) -> float:
        """The width of a field's run-in label (bold title, note, two spaces); leaves the
        regular table font current."""
        pdf, family = self.page.pdf, self.page.family
        width = self._labels.get((title, note))
        if width is not None:
            pdf.set_font(family, "", TABLE_FONT)
            return width
        pdf.set_font(family, "B", TABLE_FONT)
        width = self.grid.measure(title + ":")
        pdf.set_font(family, "", TABLE_FONT)
        if note:
            width += self.grid.measure(f" {note}")
        width += self.grid.measure("  ")
        self._labels[(title, note)] = width
        return width

    def _field(self, entry: Entry) -> Field:
        grid = self.grid
        title = grid.page.clean(entry.title)
        note = entry.note
        room = self.column - 2 * CELL_PAD_X
        label = self._label_width(title, note)
        value = entry.value
        if isinstance(value, list) and entry.inline:
            value = "; ".join(item for item in value if item)
        text = grid.cell_text(value)
        if isinstance(value, list) and len([v for v in value if v]) > 1:
            text = "\n" + text  # items one per line, under their label
        if note and label > room:
            # A long title and its article do not fit on one line ("Personuppgiftsansvariga
            # och gemensamt personuppgiftsansvariga: artikel 30.1 a"): the article starts the
            # value instead, and wraps with it.
            label = self._label_width(title, "")
            note = note.replace(" ", NBSP)  # the article wraps as one
            text = f"{note}{text}" if text.startswith("\n") else f"{note}  {text}"
            note = ""
        lines = grid.wrap(text, room, first=label)
        return Field(title, note, lines)

    def _title(self, block: Block, continued: bool) -> None:
        """The title bar: the block's heading, or (drawn again on the next page, marked as
        continued) page furniture a screen reader skips."""
        pdf, page = self.page.pdf, self.page
        title = block.title + (f" ({page.word('continued')})" if continued else "")
        if continued:
            page.tags.artifact()
        else:
            page.tags.begin("H2")
        top = pdf.y
        pdf.set_fill_color(*TITLE)
        pdf.rect(MARGIN, top, pdf.epw, TITLE_HEIGHT, style="F")
        pdf.set_draw_color(*BRAND)
        pdf.set_line_width(0.3)
        pdf.line(MARGIN, top + TITLE_HEIGHT, MARGIN + pdf.epw, top + TITLE_HEIGHT)
        x = MARGIN + CELL_PAD_X
        baseline = top + TITLE_HEIGHT * 0.68
        if block.ident:
            page.style(TABLE_FONT + 1, bold=True, colour=BRAND)
            ident = page.clean(block.ident)
            pdf.text(x, baseline, ident)
            x += self.grid.measure(ident) + 4
        page.style(TABLE_FONT + 1, bold=True, colour=INK)
        text = page.clean(title)
        room = MARGIN + pdf.epw - x - CELL_PAD_X
        lines = self.grid.wrap(text, room)
        shown = lines[0][1] + ("\u2026" if len(lines) > 1 else "")
        pdf.text(x, baseline, shown)
        if continued:
            page.tags.end_artifact()
        else:
            page.tags.end()
        pdf.set_y(top + TITLE_HEIGHT + FIELD_GAP)

    def _split(self, fields: list[Field]) -> int:
        """Where the right column starts: the split with the two heights most even."""
        total = sum(f.height + FIELD_GAP for f in fields)
        best, best_height, used = len(fields), total, 0.0
        for index, field in enumerate(fields):
            taller = max(used, total - used)
            if taller < best_height:
                best, best_height = index, taller
            used += field.height + FIELD_GAP
        return best

    def _draw_field(self, field: Field, x: float, y: float) -> None:
        pdf, page = self.page.pdf, self.page
        x += CELL_PAD_X
        baseline = y + LINE_HEIGHT * 0.78
        page.tags.begin("P")  # label and value, read as one run-in paragraph
        page.style(TABLE_FONT, bold=True, colour=BRAND)
        pdf.text(x, baseline, f"{field.title}:")
        if field.note:
            offset = self.grid.measure(f"{field.title}:")
            page.style(TABLE_FONT, colour=MUTED)
            pdf.text(x + offset, baseline, f" {field.note}")
        label = self._label_width(field.title, field.note)
        page.style(TABLE_FONT, colour=INK)
        places = [
            (x + indent + (label if number == 0 else 0.0), baseline + number * LINE_HEIGHT, line)
            for number, (indent, line) in enumerate(field.lines)
            if line
        ]
        texts(pdf, places)
        page.tags.end()

    def draw(self, block: Block) -> None:
        """One block: its title bar, then its fields in two columns, over pages if need be;
        tagged as a section (``Sect``) with its title as heading and a paragraph a field."""
        pdf, tags = self.page.pdf, self.page.tags
        tags.group("Sect")
        fields = [self._field(entry) for entry in block.entries]
        split = self._split(fields)
        columns = [fields[:split], fields[split:]]
        continued = False
        while True:
            if pdf.page_break_trigger - pdf.y < MIN_ROOM:
                pdf.add_page()
            self._title(block, continued)
            top, room = pdf.y, pdf.page_break_trigger - pdf.y
            bottom = top
            for number, column in enumerate(columns):
                x = MARGIN + number * (self.column + GUTTER)
                y = top
                while column and (y - top + column[0].height <= room or y == top):
                    field = column.pop(0)
                    self._draw_field(field, x, y)
                    y += field.height + FIELD_GAP
                bottom = max(bottom, y)
            tags.artifact()  # the rule between the columns
            pdf.set_draw_color(*LINE)
            pdf.set_line_width(0.15)
            middle = MARGIN + self.column + GUTTER / 2
            pdf.line(middle, top, middle, bottom - FIELD_GAP)
            tags.end_artifact()
            pdf.set_y(bottom + 2)
            if not any(columns):
                tags.close_group()
                return
            pdf.add_page()
            continued = True

    def draw_all(self, blocks: list[Block]) -> None:
        for block in blocks:
            self.draw(block)
            self.page.tick()


__all__ = ["BlockDrawer"]
