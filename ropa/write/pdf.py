"""``ropa export --format pdf``: the report as an A4 PDF, with pip-installable parts only.

The PDF is drawn with fpdf2 (pure Python) from the same :class:`~ropa.write.visual.Report`
as the HTML report: a title page, a table of contents, the summary with its charts drawn as
bars, and every section as a table whose header row repeats on each page, with "Page n of
N" in the footer. Pages are A4 landscape, since the Art. 30(1) table is wide.

Nordic text (å ä ö æ ø), Finnish, en dashes, curly quotes and € need a Unicode font: the
core PDF fonts only cover Latin-1. ropa embeds DejaVu Sans (free licence), which the
matplotlib package ships; without it the report falls back to Helvetica and replaces the
characters Helvetica cannot show.
"""

from __future__ import annotations

import importlib.util
import re
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.outline import OutlineSection

from ropa.write.charts import PALETTE, Chart
from ropa.write.model import GroupRecord
from ropa.write.safety import atomic_write_bytes
from ropa.write.visual import Cell, Column, Report, Section, Table, build_report

#: The Unicode font: (style, file name) inside matplotlib's mpl-data/fonts/ttf.
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
FONT = "DejaVu"
FALLBACK_FONT = "helvetica"

#: Stand-in for the page count; workbook text that contains it is defused in _clean.
PAGES_ALIAS = "{ropa:pages}"

BRAND = (31, 59, 87)
ACCENT = (47, 93, 138)
INK = (27, 31, 36)
MUTED = (79, 90, 102)
LINE = (196, 204, 213)
HEAD = (232, 237, 243)
ZEBRA = (247, 249, 251)
TONES = {"error": (179, 38, 30), "warning": (138, 90, 0), "info": ACCENT}

MARGIN = 12.0
TABLE_FONT = 6.8
CELL_PAD_X = 1.2
CELL_PAD_Y = 1.0
#: A row taller than a third of a page may start on a page with this many lines free.
MIN_SPLIT_LINES = 8

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def font_folder() -> Path | None:
    """The folder of matplotlib's DejaVu fonts, found without importing matplotlib."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        folder = Path(location) / "mpl-data" / "fonts" / "ttf"
        if all((folder / name).is_file() for name in FONT_FILES.values()):
            return folder
    return None


def _hex(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return (int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16))


class ReportPDF(FPDF):
    """An A4 landscape document with a running header and a "Page n of N" footer."""

    def __init__(self, report: Report) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.report = report
        self.word = report.word
        self.running_title = ""
        self.set_margins(MARGIN, MARGIN + 4, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN + 4)
        self.alias_nb_pages(PAGES_ALIAS)
        folder = font_folder()
        self.unicode = folder is not None
        if folder is not None:
            for style, name in FONT_FILES.items():
                self.add_font(FONT, style, str(folder / name))
            self.family = FONT
        else:  # matplotlib is a dependency of the PDF export, but not of ropa itself
            warnings.warn(
                "DejaVu Sans not found (install matplotlib); the PDF uses Helvetica and "
                "replaces characters outside Latin-1",
                stacklevel=2,
            )
            self.family = FALLBACK_FONT
        title = report.title
        self.set_title(title)
        self.set_subject(report.subtitle)
        self.set_creator(f"ropa {report.version}")
        self.set_lang(report.lang)
        self.set_font(self.family, size=9)
        self._widths: dict[tuple[int, float], dict[str, float]] = {}

    # --- text -------------------------------------------------------------------------

    def clean(self, text: str) -> str:
        """Workbook text made safe to draw: no control characters, no page-count alias."""
        text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
        return text.replace(PAGES_ALIAS, "{ropa:\u200bpages}")

    def normalize_text(self, text: str) -> str:
        """Without the Unicode font, what Helvetica cannot show is replaced, not refused."""
        if not self.unicode:
            text = _latin1(text)
        return super().normalize_text(text)

    def style(self, size: float, bold: bool = False, colour: tuple[int, int, int] = INK) -> None:
        self.set_font(self.family, "B" if bold else "", size)
        self.set_text_color(*colour)

    # --- page furniture ---------------------------------------------------------------

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.style(7.5, colour=MUTED)
        self.set_xy(MARGIN, 7)
        left = self.clean(self.report.title)
        if self.report.controllers:
            left += " \u2013 " + self.clean(self.report.controllers[0][0])
        self.cell(self.epw / 2, 4, left, align="L")
        self.cell(self.epw / 2, 4, self.clean(self.running_title), align="R")
        self.set_draw_color(*LINE)
        self.set_line_width(0.2)
        self.line(MARGIN, 12, self.w - MARGIN, 12)
        self.set_xy(MARGIN, self.t_margin)

    def footer(self) -> None:
        self.set_y(-MARGIN + 1)
        self.style(7.5, colour=MUTED)
        generated = (
            f"{self.word('generated')} {self.report.generated} \u00b7 ropa {self.report.version}"
        )
        self.cell(self.epw / 2, 4, self.clean(generated), align="L")
        page = self.word("page_of").format(page=self.page_no(), pages=PAGES_ALIAS)
        self.cell(self.epw / 2, 4, page, align="R")

    # --- building blocks --------------------------------------------------------------

    def heading(self, section: Section) -> None:
        """A section on a new page: outline entry (for the contents) and a title."""
        self.running_title = section.title
        if self.page_no() == 0 or self.y > self.t_margin + 1:
            self.add_page()
        number = f"{self.word('annex')} {section.annex}" if section.annex else str(section.number)
        self.start_section(f"{number}  {section.title}", level=0)
        self.style(8, bold=True, colour=(255, 255, 255))
        self.set_fill_color(*ACCENT)
        width = self.get_string_width(number) + 4
        self.cell(width, 6, number, fill=True, align="C")
        self.cell(3, 6, "")
        self.style(15, bold=True, colour=BRAND)
        self.multi_cell(0, 6, self.clean(section.title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(3)

    def caption(self, text: str) -> None:
        self.style(9, bold=True)
        self.multi_cell(0, 5, self.clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def note(self, text: str) -> None:
        self.style(8.5, colour=MUTED)
        self.multi_cell(0, 5, self.clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    # --- tables -----------------------------------------------------------------------
    #
    # fpdf2's table() lays every cell out twice with a general line breaker, which takes
    # about a minute for 1,000 activities. The record's tables only need top-aligned,
    # word-wrapped text, so they are measured with the font's width table and drawn line
    # by line here; the header row is drawn again at the top of every page.

    def measure(self, text: str) -> float:
        """The width of ``text`` in mm in the current font and size."""
        font = self.current_font
        assert font is not None
        key = (id(font), self.font_size_pt)
        widths = self._widths.get(key)
        if widths is None:
            widths = self._widths[key] = {}
        total = 0.0
        for char in text:
            width = widths.get(char)
            if width is None:
                width = widths[char] = self.get_string_width(char)
            total += width
        return total

    def wrap(self, text: str, width: float) -> list[tuple[float, str]]:
        """``text`` broken into lines of at most ``width`` mm, as (indent, line).

        Lines that start with a bullet hang: their continuation lines are indented.
        """
        lines: list[tuple[float, str]] = []
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
            items = [self.clean(item) for item in value if item]
            return items[0] if len(items) == 1 else "\n".join(f"\u2022 {item}" for item in items)
        return self.clean(value)

    def _grid_row(
        self,
        cells: list[list[tuple[float, str]]],
        widths: list[float],
        fonts: list[tuple[str, tuple[int, int, int]]],
        fill: tuple[int, int, int] | None,
        rule: float = 0.15,
    ) -> None:
        line_height = TABLE_FONT * 0.3528 * 1.32
        height = max(len(lines) for lines in cells) * line_height + 2 * CELL_PAD_Y
        top = self.y
        if fill is not None:
            self.set_fill_color(*fill)
            self.rect(MARGIN, top, sum(widths), height, style="F")
        x = MARGIN
        for lines, width, (style, colour) in zip(cells, widths, fonts, strict=True):
            self.set_font(self.family, style, TABLE_FONT)
            self.set_text_color(*colour)
            baseline = top + CELL_PAD_Y + line_height * 0.78
            for indent, line in lines:
                if line:
                    self.text(x + CELL_PAD_X + indent, baseline, line)
                baseline += line_height
            x += width
        self.set_draw_color(*LINE)
        self.set_line_width(rule)
        self.line(MARGIN, top + height, MARGIN + sum(widths), top + height)
        self.set_y(top + height)

    def _row_height(self, cells: list[list[tuple[float, str]]]) -> float:
        line_height = TABLE_FONT * 0.3528 * 1.32
        return max(len(lines) for lines in cells) * line_height + 2 * CELL_PAD_Y

    def _place_row(
        self,
        cells: list[list[tuple[float, str]]],
        widths: list[float],
        fonts: list[tuple[str, tuple[int, int, int]]],
        fill: tuple[int, int, int] | None,
        draw_header: Callable[[], None],
    ) -> None:
        """Draw a row; one taller than the room left goes on over the next pages."""
        line_height = TABLE_FONT * 0.3528 * 1.32
        fresh = False  # just after a page break: split whatever the room, to make progress
        while True:
            if self.y + self._row_height(cells) <= self.page_break_trigger:
                self._grid_row(cells, widths, fonts, fill)
                return
            room = int((self.page_break_trigger - self.y - 2 * CELL_PAD_Y) / line_height)
            tall = self._row_height(cells) > (self.page_break_trigger - self.t_margin) / 3
            if (tall and room >= MIN_SPLIT_LINES) or (fresh and room >= 1):
                self._grid_row([lines[:room] for lines in cells], widths, fonts, fill)
                cells = [lines[room:] for lines in cells]
                if not any(cells):
                    return
            self.add_page()
            draw_header()
            fresh = True

    def data_table(self, table: Table) -> None:
        if table.caption != self.running_title:
            self.caption(table.caption)
        if not table.rows:
            self.note(table.empty)
            return
        total = sum(column.width for column in table.columns)
        widths = [self.epw * column.width / total for column in table.columns]
        inner = [width - 2 * CELL_PAD_X for width in widths]
        self.set_font(self.family, "B", TABLE_FONT)
        header = [
            self.wrap(self.clean(c.title) + (f"\n{c.note}" if c.note else ""), w)
            for c, w in zip(table.columns, inner, strict=True)
        ]
        header_fonts = [("B", BRAND)] * len(widths)

        def draw_header() -> None:
            self._grid_row(header, widths, header_fonts, HEAD, rule=0.4)

        if self.y + self._row_height(header) + 12 > self.page_break_trigger:
            self.add_page()
        draw_header()
        for index, values in enumerate(table.rows):
            tone = table.tones[index] if table.tones else ""
            fonts: list[tuple[str, tuple[int, int, int]]] = [("", INK)] * len(widths)
            if tone in TONES:
                fonts[0] = ("B", TONES[tone])
            elif table.columns[0].kind == "id":
                fonts[0] = ("B", INK)
            cells = []
            for value, width, (style, _) in zip(values, inner, fonts, strict=True):
                self.set_font(self.family, style, TABLE_FONT)
                cells.append(self.wrap(self.cell_text(value), width))
            self._place_row(cells, widths, fonts, ZEBRA if index % 2 else None, draw_header)
        self.ln(4)


#: The Art. 30(1) table of the PDF: 15 columns do not fit a page, so related ones share a
#: column (the first key names it; the others follow as "Title: value"), with their widths.
ACTIVITY_GROUPS: tuple[tuple[tuple[str, ...], float], ...] = (
    (("activity_id", "name", "owner"), 9),
    (("controllers", "dpo"), 11),
    (("purposes",), 15),
    (("data_subjects",), 8),
    (("data_categories", "special_categories"), 13),
    (("recipients",), 10),
    (("transfers",), 8),
    (("retention",), 12),
    (("security_measures",), 12),
    (("dpia", "last_reviewed"), 11),
)


def compact_activities(table: Table, word: Callable[[str], str]) -> Table:
    """The Art. 30(1) table with related columns merged, for a page's width."""
    index = {column.key: position for position, column in enumerate(table.columns)}
    if not all(key in index for keys, _ in ACTIVITY_GROUPS for key in keys):
        return table
    columns = []
    for keys, width in ACTIVITY_GROUPS:
        first = table.columns[index[keys[0]]]
        title = word("activity") if keys[0] == "activity_id" else first.title
        columns.append(Column(keys[0], title, first.note, width, "text"))
    rows: list[list[Cell]] = []
    for values in table.rows:
        cells: list[Cell] = []
        for keys, _ in ACTIVITY_GROUPS:
            main = values[index[keys[0]]]
            lines = list(main) if isinstance(main, list) else [main] if main else []
            extra = []
            for key in keys[1:]:
                value = values[index[key]]
                text = "; ".join(value) if isinstance(value, list) else value
                if not text:
                    continue
                title = table.columns[index[key]].title
                extra.append(text if key == "name" else f"{title}: {text}")
            cells.append(_joined(lines, extra))
        rows.append(cells)
    return Table(table.key, table.caption, columns, rows, table.empty, table.tones)


def _joined(lines: list[str], extra: list[str]) -> Cell:
    if not extra:
        return lines
    bullets = lines[0] if len(lines) == 1 else "\n".join(f"\u2022 {line}" for line in lines)
    return "\n".join(part for part in (bullets, *extra) if part)


def _latin1(text: str) -> str:
    replacements = {
        "\u2013": "-",
        "\u2014": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2022": "-",
        "\u2026": "...",
        "\u20ac": "EUR",
        "\u200b": "",
    }
    for old, new in replacements.items():
        text = text.replace(old, new)
    return text.encode("latin-1", "replace").decode("latin-1")


# --- pages -------------------------------------------------------------------------------


def _title_page(pdf: ReportPDF) -> None:
    report = pdf.report
    word = pdf.word
    pdf.add_page()
    pdf.set_fill_color(*BRAND)
    pdf.rect(0, 0, pdf.w, 62, style="F")
    pdf.set_xy(MARGIN + 6, 16)
    pdf.style(9, colour=(214, 226, 238))
    pdf.multi_cell(pdf.epw - 12, 5, pdf.clean(report.subtitle.upper()))
    pdf.set_x(MARGIN + 6)
    pdf.style(26, bold=True, colour=(255, 255, 255))
    pdf.multi_cell(pdf.epw - 12, 12, pdf.clean(report.title))
    names = " \u00b7 ".join(lines[0] for lines in report.controllers)
    if names:
        pdf.set_x(MARGIN + 6)
        pdf.style(11, colour=(238, 243, 248))
        pdf.multi_cell(pdf.epw - 12, 6, pdf.clean(names), max_line_height=6)
    pdf.set_xy(MARGIN + 6, 70)
    facts = [
        (word("generated"), report.generated),
        (word("generator"), f"ropa {report.version}"),
    ]
    if report.entity:
        facts.append((word("entity_filter"), report.entity))
    activities = next((card.value for card in report.cards if card.key == "activities"), 0)
    facts.append((word("activities"), str(activities)))
    x = MARGIN + 6
    for label, value in facts:
        pdf.set_xy(x, 70)
        pdf.style(7, colour=MUTED)
        pdf.cell(60, 4, pdf.clean(label.upper()))
        pdf.set_xy(x, 74.5)
        pdf.style(10.5, bold=True)
        pdf.cell(60, 5, pdf.clean(value))
        x += 62

    top = 88
    column = (pdf.epw - 12) * 0.68
    pdf.set_xy(MARGIN + 6, top)
    _small_caps(pdf, word("controllers"))
    y = pdf.get_y() + 1
    bottom = y
    half = (column - 8) / 2
    for index, lines in enumerate(report.controllers):
        x = MARGIN + 6 + (index % 2) * (half + 8)
        if index % 2 == 0 and index:
            y = bottom + 3
        pdf.set_xy(x + 2.5, y)
        pdf.style(8.5, bold=True)
        pdf.multi_cell(half - 3, 4.2, pdf.clean(lines[0]), new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.style(8)
        for line in lines[1:]:
            pdf.multi_cell(half - 3, 4, pdf.clean(line), new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_draw_color(*ACCENT)
        pdf.set_line_width(0.7)
        pdf.line(x, y, x, pdf.get_y())
        bottom = max(bottom, pdf.get_y())
    if not report.controllers:
        pdf.set_x(MARGIN + 6)
        pdf.note(word("none"))
        bottom = pdf.get_y()

    x = MARGIN + 6 + column + 10
    pdf.set_xy(x, top)
    _small_caps(pdf, word("dpo"), width=pdf.epw - column - 16)
    pdf.set_x(x)
    pdf.style(8.5)
    for dpo in report.dpos or [word("none")]:
        pdf.set_x(x)
        pdf.multi_cell(pdf.epw - column - 16, 4.2, pdf.clean(dpo), new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.ln(1)

    pdf.set_xy(MARGIN + 6, max(bottom, pdf.get_y()) + 8)
    _sources(pdf)


def _small_caps(pdf: ReportPDF, text: str, width: float = 0) -> None:
    pdf.style(7.5, bold=True, colour=MUTED)
    pdf.cell(width or 100, 5, pdf.clean(text.upper()), new_x=XPos.LEFT, new_y=YPos.NEXT)


def _sources(pdf: ReportPDF) -> None:
    table = pdf.report.sources
    left = MARGIN + 6
    _small_caps(pdf, table.caption)
    widths = (70.0, 35.0, pdf.epw - 12 - 105)
    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.2)
    pdf.set_x(left)
    pdf.style(7.5, bold=True, colour=BRAND)
    for column, width in zip(table.columns, widths, strict=True):
        pdf.cell(width, 5, pdf.clean(column.title), border="B")
    pdf.ln(5)
    for row in table.rows:
        pdf.set_x(left)
        for position, (value, width) in enumerate(zip(row, widths, strict=True)):
            pdf.style(7.5, bold=position == 0)
            text = pdf.clean(value if isinstance(value, str) else "; ".join(value))
            if pdf.get_string_width(text) > width - 2:
                while text and pdf.get_string_width(text + "\u2026") > width - 2:
                    text = text[:-1]
                text += "\u2026"
            pdf.cell(width, 5, text, border="B")
        pdf.ln(5)


def _render_toc(pdf: FPDF, outline: list[OutlineSection]) -> None:
    assert isinstance(pdf, ReportPDF)
    pdf.running_title = pdf.word("contents")
    pdf.set_y(pdf.t_margin + 4)
    pdf.style(15, bold=True, colour=BRAND)
    pdf.cell(0, 8, pdf.clean(pdf.word("contents")), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    for section in outline:
        if section.level:
            continue
        link = pdf.add_link(page=section.page_number)
        pdf.style(10.5)
        name = pdf.clean(section.name)
        page = str(section.page_number)
        name_width = pdf.get_string_width(name)
        page_width = pdf.get_string_width(page)
        dots_room = pdf.epw * 0.7 - name_width - page_width - 4
        dots = " " + "." * max(2, int(dots_room / max(pdf.get_string_width("."), 0.1))) + " "
        pdf.cell(name_width, 7.5, name, link=link)
        pdf.set_text_color(*LINE)
        pdf.cell(pdf.epw * 0.7 - name_width - page_width, 7.5, dots, align="C", link=link)
        pdf.set_text_color(*INK)
        pdf.cell(page_width, 7.5, page, align="R", link=link, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _summary(pdf: ReportPDF, section: Section) -> None:
    report = pdf.report
    pdf.heading(section)
    cards = report.cards
    gap = 4
    width = (pdf.epw - gap * (len(cards) - 1)) / max(1, len(cards))
    y = pdf.get_y()
    for index, card in enumerate(cards):
        x = MARGIN + index * (width + gap)
        pdf.set_draw_color(*LINE)
        pdf.set_line_width(0.2)
        pdf.rect(x, y, width, 20)
        pdf.set_fill_color(*TONES.get(card.tone, ACCENT))
        pdf.rect(x, y, width, 1.4, style="F")
        pdf.set_xy(x + 3, y + 3.5)
        pdf.style(17, bold=True, colour=BRAND)
        pdf.cell(width - 6, 8, str(card.value))
        pdf.set_xy(x + 3, y + 12)
        pdf.style(7, colour=MUTED)
        lines = pdf.wrap(pdf.clean(card.title), width - 6)
        if len(lines) > 2:  # two lines at most; the HTML report has the whole word
            lines = [lines[0], (0.0, lines[1][1] + "\u2026")]
        for number, (_, line) in enumerate(lines):
            pdf.text(x + 3, y + 14.5 + number * 3.1, line)
    y += 26
    columns = 3
    chart_width = (pdf.epw - gap * 2 * (columns - 1)) / columns
    row_height = 0.0
    for index, chart in enumerate(report.charts):
        if index and index % columns == 0:
            y += row_height + gap * 2
            row_height = 0
        x = MARGIN + (index % columns) * (chart_width + gap * 2)
        height = _chart(pdf, chart, x, y, chart_width)
        row_height = max(row_height, height)


def _chart(pdf: ReportPDF, chart: Chart, x: float, y: float, width: float) -> float:
    """Draw a bar chart at (x, y); returns its height."""
    bar, gap = 4.2, 2.0
    rows = max(1, len(chart.bars))
    height = 10 + rows * (bar + gap) + 3
    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.2)
    pdf.rect(x, y, width, height)
    pdf.set_xy(x + 3, y + 2.5)
    pdf.style(8.5, bold=True)
    pdf.cell(width - 6, 5, pdf.clean(chart.title))
    label_width = width * 0.42
    plot = width - label_width - 14
    top = chart.maximum or 1
    if not chart.bars:
        pdf.set_xy(x + 3, y + 10)
        pdf.style(7.5, colour=MUTED)
        pdf.cell(width - 6, bar, pdf.clean(pdf.word("none")))
    pdf.set_draw_color(*LINE)
    axis = x + label_width + 3
    pdf.line(axis, y + 9, axis, y + height - 2.5)
    for index, item in enumerate(chart.bars):
        by = y + 10 + index * (bar + gap)
        pdf.style(7)
        label = pdf.clean(item.label)
        while label and pdf.get_string_width(label) > label_width - 2:
            label = label[:-2] + "\u2026" if len(label) > 2 else ""
        pdf.set_xy(x + 1, by)
        pdf.cell(label_width, bar, label, align="R")
        length = plot * item.value / top
        if item.value:
            pdf.set_fill_color(*_hex(PALETTE.get(item.tone, PALETTE["bar"])))
            pdf.rect(axis, by + 0.3, max(length, 0.6), bar - 0.6, style="F")
        pdf.set_xy(axis + length + 1, by)
        pdf.style(7, bold=True)
        pdf.cell(12, bar, str(item.value))
    return height


def render_pdf(report: Report) -> bytes:
    """The PDF of a laid-out report."""
    pdf = ReportPDF(report)
    _title_page(pdf)
    pdf.running_title = pdf.word("contents")
    pdf.add_page()
    # The placeholder breaks to the page of the first section: its header says so.
    pdf.running_title = report.sections[0].title if report.sections else ""
    pdf.insert_toc_placeholder(_render_toc, pages=1)
    for section in report.sections:
        if section.key == "summary":
            _summary(pdf, section)
            continue
        pdf.heading(section)
        if section.intro:
            pdf.note(section.intro)
        for table in section.tables:
            if table.key == "table-activities":
                table = compact_activities(table, pdf.word)
            if section.key == "conflicts" and not table.rows:
                pdf.note(pdf.word("no_conflicts"))
                continue
            pdf.data_table(table)
    return bytes(pdf.output())


def render(group: GroupRecord) -> bytes:
    """The PDF report of ``group``."""
    return render_pdf(build_report(group))


def write(group: GroupRecord, output: Path) -> list[Path]:
    """Write the PDF report of ``group`` to ``output`` (atomically)."""
    output = Path(output)
    atomic_write_bytes(output, render(group))
    return [output]


__all__: Sequence[str] = ["font_folder", "render", "render_pdf", "write"]
