"""``ropa export --format pdf``: the report as an A4 PDF, with pip-installable parts only.

The PDF is drawn with fpdf2 (pure Python) from the same :class:`~ropa.write.document.Document`
as the HTML report: a title page, a table of contents, the summary with its charts drawn as
bars, and every section as a table whose header row repeats on each page, with "Page n of
N" in the footer. Pages are A4 landscape, since the Art. 30(1) table is wide. The page and
its typography are in :mod:`ropa.write.pdf_page`, the tables in :mod:`ropa.write.pdf_table`;
this module draws the title page, the contents, the summary and the sections.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ropa.read.group import GroupRecord
from ropa.write.charts import PALETTE, Chart
from ropa.write.document import Document, Progress, build_document
from ropa.write.hyphens import keep_numbers_together
from ropa.write.layout import Section
from ropa.write.pdf_blocks import BlockDrawer
from ropa.write.pdf_page import ACCENT, BRAND, INK, LINE, MARGIN, MUTED, TONES, Page
from ropa.write.pdf_table import Grid
from ropa.write.safety import atomic_write_bytes

if TYPE_CHECKING:
    from fpdf import FPDF
    from fpdf.outline import OutlineSection


def _hex(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return (int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16))


# --- the title page ------------------------------------------------------------------------


def _title_page(page: Page) -> None:
    from fpdf.enums import XPos, YPos

    pdf, document, word, tags = page.pdf, page.document, page.word, page.tags
    pdf.add_page()
    tags.artifact()  # the cover's band
    pdf.set_fill_color(*BRAND)
    pdf.rect(0, 0, pdf.w, 62, style="F")
    tags.end_artifact()
    pdf.set_xy(MARGIN + 6, 16)
    page.style(9, colour=(214, 226, 238))
    tags.begin("P")
    pdf.multi_cell(pdf.epw - 12, 5, page.clean(document.subtitle.upper()))
    tags.end()
    pdf.set_x(MARGIN + 6)
    page.style(26, bold=True, colour=(255, 255, 255))
    tags.begin("H1")
    pdf.multi_cell(pdf.epw - 12, 12, page.clean(document.title))
    tags.end()
    # The rest of the cover (controllers, marking, the record's facts, the DPO, the sources)
    # is read as one paragraph after the title.
    tags.begin("P")
    names = " \u00b7 ".join(lines[0] for lines in document.controllers)
    if names:
        pdf.set_x(MARGIN + 6)
        page.style(11, colour=(238, 243, 248))
        pdf.multi_cell(pdf.epw - 12, 6, page.clean(keep_numbers_together(names)), align="L")
    if document.classification or document.status:
        # The marking a controlled document carries at its top: classification and status.
        marking = " \u00b7 ".join(t for t in (document.classification, document.status) if t)
        pdf.set_xy(MARGIN + 6, 8)
        page.style(8, bold=True, colour=(255, 255, 255))
        pdf.cell(pdf.epw - 12, 5, page.clean(marking.upper()), align="R")
    # The record as a controlled document (version, status, as of, classification, case
    # number, owner, approval), then when the report was made and what it covers.
    facts = [*document.control, (word("generated"), document.generated)]
    if document.version:
        facts.append((word("generator"), f"ropa {document.version}"))
    if document.entity:
        facts.append((word("entity_filter"), document.entity))
    activities = next((card.value for card in document.cards if card.key == "activities"), 0)
    facts.append((word("activities"), str(activities)))
    top = _facts(page, facts, 70) + 6
    column = (pdf.epw - 12) * 0.68
    pdf.set_xy(MARGIN + 6, top)
    _small_caps(page, word("controllers"))
    y = pdf.get_y() + 1
    bottom = y
    half = (column - 8) / 2
    for index, lines in enumerate(document.controllers):
        x = MARGIN + 6 + (index % 2) * (half + 8)
        if index % 2 == 0 and index:
            y = bottom + 3
        pdf.set_xy(x + 2.5, y)
        for number, line in enumerate(lines):
            page.style(8.5 if number == 0 else 8, bold=number == 0)
            text = page.clean(keep_numbers_together(line))
            pdf.multi_cell(half - 3, 4.2, text, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_draw_color(*ACCENT)
        pdf.set_line_width(0.7)
        pdf.line(x, y, x, pdf.get_y())
        bottom = max(bottom, pdf.get_y())
    if not document.controllers:
        pdf.set_x(MARGIN + 6)
        page.note(word("none"))
        bottom = pdf.get_y()

    x = MARGIN + 6 + column + 10
    pdf.set_xy(x, top)
    _small_caps(page, word("dpo"), width=pdf.epw - column - 16)
    pdf.set_x(x)
    page.style(8.5)
    for dpo in document.dpos or [word("none")]:
        pdf.set_x(x)
        pdf.multi_cell(
            pdf.epw - column - 16,
            4.2,
            page.clean(keep_numbers_together(dpo)),
            align="L",
            new_x=XPos.LEFT,
            new_y=YPos.NEXT,
        )
        pdf.ln(1)

    pdf.set_xy(MARGIN + 6, max(bottom, pdf.get_y()) + 8)
    if document.sources is not None:
        _sources(page)
    tags.end()


def _facts(page: Page, facts: Sequence[tuple[str, str]], y: float) -> float:
    """Label-over-value facts in rows across the page, each as wide as it needs; returns
    the bottom of the last row."""
    pdf = page.pdf
    left, right = MARGIN + 6, pdf.w - MARGIN - 6
    x = left
    for label, value in facts:
        page.style(7)
        width = pdf.get_string_width(page.clean(label.upper()))
        page.style(10.5, bold=True)
        width = max(width, pdf.get_string_width(page.clean(value)))
        width = min(right - left, max(30.0, width + 8))
        if x > left and x + width > right:
            x, y = left, y + 12
        pdf.set_xy(x, y)
        page.style(7, colour=MUTED)
        pdf.cell(width, 4, page.clean(label.upper()))
        pdf.set_xy(x, y + 4.5)
        page.style(10.5, bold=True)
        pdf.cell(width, 5, page.clean(value))
        x += width
    return y + 10


def _small_caps(page: Page, text: str, width: float = 0) -> None:
    from fpdf.enums import XPos, YPos

    page.style(7.5, bold=True, colour=MUTED)
    page.pdf.cell(width or 100, 5, page.clean(text.upper()), new_x=XPos.LEFT, new_y=YPos.NEXT)


def _sources(page: Page) -> None:
    pdf = page.pdf
    table = page.document.sources
    assert table is not None
    left = MARGIN + 6
    _small_caps(page, table.caption)
    widths = (70.0, 35.0, pdf.epw - 12 - 105)
    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.2)
    pdf.set_x(left)
    page.style(7.5, bold=True, colour=BRAND)
    for column, width in zip(table.columns, widths, strict=True):
        pdf.cell(width, 5, page.clean(column.title), border="B")
    pdf.ln(5)
    for row in table.rows:
        pdf.set_x(left)
        for position, (value, width) in enumerate(zip(row, widths, strict=True)):
            page.style(7.5, bold=position == 0)
            text = page.clean(value if isinstance(value, str) else "; ".join(value))
            if pdf.get_string_width(text) > width - 2:
                while text and pdf.get_string_width(text + "\u2026") > width - 2:
                    text = text[:-1]
                text += "\u2026"
            pdf.cell(width, 5, text, border="B")
        pdf.ln(5)


# --- the contents and the summary ----------------------------------------------------------


def _render_toc(pdf: FPDF, outline: list[OutlineSection]) -> None:
    from fpdf.enums import XPos, YPos

    page = pdf.owner  # type: ignore[attr-defined]
    assert isinstance(page, Page)
    tags = page.tags
    # Drawn when the PDF is written: its entries go in the element kept for them in order.
    outer, tags.parent = tags.parent, page.contents
    page.running_title = page.word("contents")
    pdf.set_y(pdf.t_margin + 4)
    page.style(15, bold=True, colour=BRAND)
    tags.begin("H1")
    pdf.cell(0, 8, page.clean(page.word("contents")), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    tags.end()
    pdf.ln(4)
    for section in outline:
        if section.level:
            continue
        link = pdf.add_link(page=section.page_number)
        page.style(10.5)
        name = page.clean(section.name)
        number = str(section.page_number)
        name_width = pdf.get_string_width(name)
        number_width = pdf.get_string_width(number)
        tags.group("TOCI")
        tags.begin("P")
        dots_room = pdf.epw * 0.7 - name_width - number_width - 4
        dots = " " + "." * max(2, int(dots_room / max(pdf.get_string_width("."), 0.1))) + " "
        pdf.cell(name_width, 7.5, name, link=link)
        pdf.set_text_color(*LINE)
        pdf.cell(pdf.epw * 0.7 - name_width - number_width, 7.5, dots, align="C", link=link)
        pdf.set_text_color(*INK)
        pdf.cell(
            number_width, 7.5, number, align="R", link=link, new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        tags.end()
        tags.close_group()
    tags.parent = outer


def _summary(page: Page, grid: Grid, section: Section) -> None:
    pdf = page.pdf
    document = page.document
    page.heading(section)
    # The key figures and the charts are read as one paragraph (their numbers and labels).
    page.tags.begin("P")
    cards = document.cards
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
        page.style(17, bold=True, colour=BRAND)
        pdf.cell(width - 6, 8, str(card.value))
        pdf.set_xy(x + 3, y + 12)
        page.style(7, colour=MUTED)
        lines = grid.wrap(page.clean(card.title), width - 6)
        if len(lines) > 2:  # two lines at most; the HTML report has the whole word
            lines = [lines[0], (0.0, lines[1][1] + "\u2026")]
        for number, (_, line) in enumerate(lines):
            pdf.text(x + 3, y + 14.5 + number * 3.1, line)
    y += 26
    columns = 3
    chart_width = (pdf.epw - gap * 2 * (columns - 1)) / columns
    row_height = 0.0
    for index, chart in enumerate(document.charts):
        if index and index % columns == 0:
            y += row_height + gap * 2
            row_height = 0
        x = MARGIN + (index % columns) * (chart_width + gap * 2)
        height = _chart(page, chart, x, y, chart_width)
        row_height = max(row_height, height)
    page.tags.end()


def _chart(page: Page, chart: Chart, x: float, y: float, width: float) -> float:
    """Draw a bar chart at (x, y); returns its height."""
    pdf = page.pdf
    bar, gap = 4.2, 2.0
    rows = max(1, len(chart.bars))
    head = 13.5 if chart.unit else 10  # the title, and under it what the bars count
    height = head + rows * (bar + gap) + 3
    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.2)
    pdf.rect(x, y, width, height)
    pdf.set_xy(x + 3, y + 2.5)
    page.style(8.5, bold=True)
    pdf.cell(width - 6, 5, page.clean(chart.title))
    if chart.unit:
        pdf.set_xy(x + 3, y + 6.5)
        page.style(7, colour=MUTED)
        pdf.cell(width - 6, 3.5, page.clean(chart.unit))
    bottom = y + height - 2.5
    y += head - 10  # the bars start below the unit
    label_width = width * 0.52
    plot = width - label_width - 14
    top = chart.maximum or 1
    if not chart.bars:
        pdf.set_xy(x + 3, y + 10)
        page.style(7.5, colour=MUTED)
        pdf.cell(width - 6, bar, page.clean(page.word("none")))
    pdf.set_draw_color(*LINE)
    axis = x + label_width + 3
    pdf.line(axis, y + 9, axis, bottom)
    for index, item in enumerate(chart.bars):
        by = y + 10 + index * (bar + gap)
        label, size = page.clean(item.label), 7.0
        page.style(size)
        while size > 5.5 and pdf.get_string_width(label) > label_width - 2:
            size -= 0.25  # a long label ("6 art. 1 c Lakisääteinen velvoite"): smaller first
            page.style(size)
        while label and pdf.get_string_width(label) > label_width - 2:
            label = label[:-2] + "\u2026" if len(label) > 2 else ""
        pdf.set_xy(x + 1, by)
        pdf.cell(label_width, bar, label, align="R")
        length = plot * item.value / top
        if item.value:
            pdf.set_fill_color(*_hex(PALETTE.get(item.tone, PALETTE["bar"])))
            pdf.rect(axis, by + 0.3, max(length, 0.6), bar - 0.6, style="F")
        pdf.set_xy(axis + length + 1, by)
        page.style(7, bold=True)
        pdf.cell(12, bar, str(item.value))
    return height


# --- the report ----------------------------------------------------------------------------


def _units(document: Document) -> int:
    """How many blocks and rows the report draws: the steps of its progress."""
    return sum(
        len(section.blocks) + sum(len(table.rows) for table in section.tables)
        for section in document.sections
    )


def render_document(document: Document, progress: Progress | None = None) -> bytes:
    """The PDF of a laid-out report; ``progress(done, total)`` hears how far it is."""
    page = Page(document, progress, _units(document))
    grid = Grid(page)
    blocks = BlockDrawer(page, grid)
    pdf = page.pdf
    _title_page(page)
    page.running_title = page.word("contents")
    pdf.add_page()
    # The placeholder breaks to the page of the first section: its header says so.
    page.running_title = document.sections[0].title if document.sections else ""
    pdf.insert_toc_placeholder(_render_toc, pages=1)
    page.contents = page.tags.group("TOC")
    page.tags.close_group()
    for section in document.sections:
        page.tags.group("Sect")
        if section.key == "summary":
            _summary(page, grid, section)
        else:
            page.heading(section)
            if section.intro:
                page.note(section.intro)
            blocks.draw_all(section.blocks)
            for table in section.tables:
                grid.draw(table)
        page.tags.close_group()
    page.finish()
    return bytes(pdf.output())


def render(group: GroupRecord, audience: str = "authority") -> bytes:
    """The PDF report of ``group`` for ``audience`` ("authority" or "internal")."""
    return render_document(build_document(group, audience))


def write(
    group: GroupRecord,
    output: Path,
    *,
    audience: str = "authority",
    progress: Progress | None = None,
) -> list[Path]:
    """Write the PDF report of ``group`` to ``output`` (atomically); for the authority
    unless ``audience`` says "internal"."""
    output = Path(output)
    atomic_write_bytes(output, render_document(build_document(group, audience), progress))
    return [output]


__all__: Sequence[str] = ["render", "render_document", "write"]
