"""The typography of the PDF report: an A4 landscape page, its fonts and its furniture.

A :class:`Page` draws on an fpdf2 document (``Page.pdf``): the running header, the
"Page n of N" footer, section headings, captions and notes; ``ropa.write.pdf_table`` draws
the record's tables on it. fpdf2 is imported when the first page is made.

Nordic text (å ä ö æ ø), Finnish, en dashes, curly quotes and € need a Unicode font: the
core PDF fonts only cover Latin-1. ropa embeds DejaVu Sans, which it ships in
``ropa/data/fonts`` with the fonts' licence (free to redistribute); should the files be missing
from a broken install, the report falls back to Helvetica and replaces the characters Helvetica
cannot show.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ropa.model.resources import data_dir
from ropa.write.document import Document, Progress
from ropa.write.layout import Section
from ropa.write.pdf_pen import fpdf_class
from ropa.write.pdf_tags import Element, Tags

if TYPE_CHECKING:
    from fpdf import FPDF

#: The Unicode font: (style, file name) in ropa/data/fonts.
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
FONT = "DejaVu"
FALLBACK_FONT = "helvetica"

#: Stand-in for the page count; workbook text that contains it is defused in clean().
PAGES_ALIAS = "{ropa:pages}"

Colour = tuple[int, int, int]
#: Progress is told every this many steps (and at the end).
PROGRESS_EVERY = 200
BRAND: Colour = (31, 59, 87)
ACCENT: Colour = (47, 93, 138)
INK: Colour = (27, 31, 36)
MUTED: Colour = (79, 90, 102)
LINE: Colour = (196, 204, 213)
TONES = {"error": (179, 38, 30), "warning": (138, 90, 0), "info": ACCENT}

MARGIN = 12.0
#: Height of a line of the running footer, in mm.
FOOTER_LINE = 3.4

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def font_folder() -> Path | None:
    """The folder of the DejaVu fonts the package ships, if they are all there."""
    folder = data_dir() / "fonts"
    return folder if all((folder / name).is_file() for name in FONT_FILES.values()) else None


def latin1(text: str) -> str:
    """Text Helvetica can show: dashes, quotes, bullets and € spelled in Latin-1."""
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


@cache
def _fpdf_class() -> Callable[[Page], FPDF]:
    """fpdf2's document class (with the short paths of :mod:`ropa.write.pdf_pen`), with the
    page furniture and text filter of a :class:`Page`."""

    class Hooked(fpdf_class()):  # type: ignore[misc]
        def __init__(self, page: Page) -> None:
            super().__init__(orientation="L", unit="mm", format="A4")
            self.owner = page

        def header(self) -> None:
            tags = self.owner.tags
            tags.artifact()
            self.owner.header()
            tags.end_artifact()
            tags.page_starts()

        def footer(self) -> None:
            tags = self.owner.tags
            tags.page_ends()
            tags.artifact()
            self.owner.footer()
            tags.end_artifact()

        def normalize_text(self, text: str) -> str:
            """Without the Unicode font, what Helvetica cannot show is replaced, not refused."""
            return super().normalize_text(text if self.owner.unicode else latin1(text))

    return Hooked


class Page:
    """An A4 landscape document with a running header and a "Page n of N" footer."""

    def __init__(
        self, document: Document, progress: Progress | None = None, total: int = 0
    ) -> None:
        self.document = document
        self.progress = progress
        self.total = total
        self.done = 0
        self.word = document.word
        self.running_title = ""
        folder = font_folder()
        self.unicode = folder is not None
        self.pdf = pdf = _fpdf_class()(self)
        #: The structure tree: headings, paragraphs, blocks and tables in reading order.
        self.tags = Tags(pdf)
        #: The element the table of contents (drawn when the PDF is written) goes in.
        self.contents: Element = self.tags.doc_struct_elem
        pdf.set_margins(MARGIN, MARGIN + 4, MARGIN)
        pdf.set_auto_page_break(auto=True, margin=MARGIN + 4)
        pdf.alias_nb_pages(PAGES_ALIAS)
        if folder is not None:
            for style, name in FONT_FILES.items():
                pdf.add_font(FONT, style, str(folder / name))
            self.family = FONT
        else:
            warnings.warn(
                "DejaVu Sans is missing from ropa/data/fonts (reinstall ropa); the PDF uses "
                "Helvetica and replaces characters outside Latin-1",
                stacklevel=2,
            )
            self.family = FALLBACK_FONT
        pdf.set_title(
            f"{document.title} \u2013 {document.header}" if document.header else document.title
        )
        pdf.set_subject(document.subtitle)
        pdf.set_author(document.header)
        pdf.set_creator(f"ropa {document.version}" if document.version else "ropa")
        pdf.set_lang(document.lang)
        pdf.set_display_mode("fullwidth")
        pdf.set_font(self.family, size=9)

    # --- text -------------------------------------------------------------------------

    def clean(self, text: str) -> str:
        """Workbook text made safe to draw: no control characters, no page-count alias."""
        text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
        return text.replace(PAGES_ALIAS, "{ropa:\u200bpages}")

    def style(self, size: float, bold: bool = False, colour: Colour = INK) -> None:
        self.pdf.set_font(self.family, "B" if bold else "", size)
        self.pdf.set_text_color(*colour)

    def tick(self) -> None:
        """One more block or row drawn: tell the progress now and then."""
        self.done += 1
        if self.progress is not None and self.done % PROGRESS_EVERY == 0:
            self.progress(self.done, self.total)

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total)

    # --- page furniture ---------------------------------------------------------------

    def header(self) -> None:
        pdf = self.pdf
        if pdf.page_no() == 1:
            return
        self.style(7.5, colour=MUTED)
        pdf.set_xy(MARGIN, 7)
        left = self.clean(self.document.title)
        if self.document.header:
            left += " \u2013 " + self.clean(self.document.header)
        pdf.cell(pdf.epw / 2, 4, left, align="L")
        pdf.cell(pdf.epw / 2, 4, self.clean(self.running_title), align="R")
        pdf.set_draw_color(*LINE)
        pdf.set_line_width(0.2)
        pdf.line(MARGIN, 12, pdf.w - MARGIN, 12)
        pdf.set_xy(MARGIN, pdf.t_margin)

    def footer(self) -> None:
        """The record's version, status, classification and case number, who answers for
        it and when it was made (``Document.footer``), and "Page n of N", on every page."""
        pdf = self.pdf
        lines = list(self.document.footer)
        if self.document.version:
            lines[-1] += f" \u00b7 ropa {self.document.version}"
        pdf.set_y(-MARGIN + 1 - FOOTER_LINE * (len(lines) - 1))
        width = pdf.epw * 0.84
        for index, line in enumerate(lines):
            text, size = self.clean(line), 7.0
            self.style(size, colour=MUTED)
            while pdf.get_string_width(text) > width and size > 5.5:
                size -= 0.25  # a long owner or approver: smaller, never cut off
                self.style(size, colour=MUTED)
            pdf.set_x(MARGIN)
            pdf.cell(width, FOOTER_LINE, text, align="L")
            if index == len(lines) - 1:
                self.style(7.5, colour=MUTED)
                page = self.word("page_of").format(page=pdf.page_no(), pages=PAGES_ALIAS)
                pdf.cell(pdf.epw - width, FOOTER_LINE, page, align="R")
            pdf.ln(FOOTER_LINE)

    # --- building blocks --------------------------------------------------------------

    def heading(self, section: Section) -> None:
        """A section on a new page: outline entry (for the contents) and a title."""
        from fpdf.enums import XPos, YPos

        pdf = self.pdf
        self.running_title = section.title
        if pdf.page_no() == 0 or pdf.y > pdf.t_margin + 1:
            pdf.add_page()
        number = f"{self.word('annex')} {section.annex}" if section.annex else str(section.number)
        pdf.start_section(f"{number}  {section.title}", level=0)
        self.tags.begin("H1")
        self.style(8, bold=True, colour=(255, 255, 255))
        pdf.set_fill_color(*ACCENT)
        width = pdf.get_string_width(number) + 4
        pdf.cell(width, 6, number, fill=True, align="C")
        pdf.cell(3, 6, "")
        self.style(15, bold=True, colour=BRAND)
        pdf.multi_cell(0, 6, self.clean(section.title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.tags.end()
        pdf.ln(3)

    def caption(self, text: str) -> None:
        from fpdf.enums import XPos, YPos

        self.style(9, bold=True)
        self.tags.begin("H2")
        self.pdf.multi_cell(0, 5, self.clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.tags.end()
        self.pdf.ln(1)

    def note(self, text: str) -> None:
        from fpdf.enums import XPos, YPos

        self.style(8.5, colour=MUTED)
        self.tags.begin("P")
        self.pdf.multi_cell(0, 5, self.clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.tags.end()
