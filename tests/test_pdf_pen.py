"""The short paths of ``ropa.write.pdf_pen`` write exactly what fpdf2 itself writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from fpdf import FPDF

from ropa.write.pdf_page import FONT_FILES, font_folder
from ropa.write.pdf_pen import fpdf_class

WHEN = dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.timezone.utc)
#: Text that exercises the subset mapping and the escapes: Nordic letters, typography,
#: parentheses and a backslash, a character DejaVu Sans has no glyph for, repeats.
TEXTS = [
    "Personaladministration (lön) \\ Sverige",
    "Säilytys \u2013 \u201ckaksi\u201d vuotta, 10 \u20ac",
    "æ ø å Æ Ø Å ä ö Ä Ö",
    "\U0001f600 emoji",
    "",
    "Personaladministration (lön) \\ Sverige",
]


def _draw(pdf: FPDF, family: str, texts: list[str]) -> bytes:
    pdf.set_creation_date(WHEN)
    pdf.add_page()
    y = 20.0
    for number, text in enumerate(texts):
        style = "B" if number % 2 else ""
        pdf.set_font(family, style, 8.5 + number % 3)
        pdf.set_font(family, style, 8.5 + number % 3)  # the same again: nothing changes
        pdf.set_text_color(31 * number % 256, 59, 87)
        if number == 3:
            pdf.set_fill_color(236, 241, 247)
        pdf.text(12.0 + number, y, text)
        y += 5.3
    pdf.set_font(family, "U", 9)  # underlined: fpdf2's own path
    pdf.text(12.0, y, "underlined")
    pdf.set_font(family, "", 9)
    pdf.set_text_color((10, 20, 30))
    pdf.text(12.0, y + 5, "a colour as one tuple")
    pdf.add_page()  # the font is set again on a new page
    pdf.text(12.0, 20.0, "second page")
    return bytes(pdf.output())


def _unicode(pdf: FPDF) -> str:
    folder = font_folder()
    assert folder is not None
    for style, name in FONT_FILES.items():
        pdf.add_font("DejaVu", style, str(folder / name))
    return "DejaVu"


def _core(pdf: FPDF) -> str:
    return "helvetica"


def latin1(text: str) -> str:
    return text.encode("latin-1", "replace").decode("latin-1")


@pytest.mark.parametrize("fonts", [_unicode, _core], ids=["dejavu", "helvetica"])
def test_short_paths_write_what_fpdf2_writes(fonts: Callable[[FPDF], str]) -> None:
    made: list[bytes] = []
    for cls in (FPDF, fpdf_class()):
        pdf: Any = cls(orientation="L", unit="mm", format="A4")
        family = fonts(pdf)
        texts = TEXTS if family == "DejaVu" else [latin1(text) for text in TEXTS]
        made.append(_draw(pdf, family, texts))
    assert len(made[0]) > 1000
    assert made[0] == made[1]
