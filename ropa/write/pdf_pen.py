"""fpdf2 with the three calls a large report makes hundreds of thousands of times made cheap.

A report of 10,000 activities draws about 850,000 lines of text, each with ``text()``, and
switches font and colour between label and value about 2.5 million times. fpdf2 pays for
generality in each of those calls: ``text()`` maps its string to the font subset one
character at a time in Python, ``set_font()`` normalises its arguments before it finds
that nothing changes, ``set_text_color()`` parses its colour again. :func:`fpdf_class`
gives fpdf2's document class with those three calls taking a short path for what the
report does (filled text without underline or strike-through, one of the fonts already
added, RGB colours), and fpdf2's own code for anything else; ``texts()`` draws the lines of
a field or a cell in one call. The short path writes exactly the bytes fpdf2 writes: the
same operators, the same subset character ids, assigned in the same order
(``tests/test_pdf_pen.py`` compares the two). fpdf2 is imported when the class is
first made.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fpdf import FPDF


#: Encoded texts remembered per font (labels and common values are drawn over and over).
SHOWN_REMEMBERED = 100_000
#: Font styles selected without fpdf2's normalisation (no underline, no strike-through).
PLAIN_STYLES = frozenset({"", "B", "I", "BI"})


class _Glyphs(dict[int, str | None]):
    """A ``str.translate`` table from code points to a font's subset characters, filled as
    characters are first met, through the subset's own ``pick`` (so in the same order)."""

    def __init__(self, subset: Any) -> None:
        super().__init__()
        self.subset = subset

    def __missing__(self, code: int) -> str | None:
        picked = self.subset.pick(code)
        value = None if picked is None else chr(picked)
        self[code] = value
        return value


@cache
def fpdf_class() -> type[FPDF]:
    """fpdf2's ``FPDF`` with short paths for ``text``, ``set_font`` and ``set_text_color``."""
    from fpdf import FPDF
    from fpdf.drawing_primitives import convert_to_device_color
    from fpdf.enums import TextMode
    from fpdf.fonts import TTFFont
    from fpdf.util import FloatTolerance

    fill = TextMode.FILL
    TOLERANCE = FloatTolerance.TOLERANCE

    class FastFPDF(FPDF):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._glyphs: dict[int, _Glyphs | None] = {}
            self._colours: dict[tuple[Any, ...], Any] = {}
            self._fill_ops: dict[Any, str] = {}
            #: (family, style) as the caller spells them -> the font already added.
            self._selectable: dict[tuple[str, str], Any] = {}
            #: font number -> text -> its operand: labels and common values repeat.
            self._shown: dict[int, dict[str, str]] = {}

        def _encode(self, font: Any, text: str) -> str:
            """``font.encode_text(text)``, with the subset mapping done by ``translate``."""
            if font.i in self._glyphs:
                glyphs = self._glyphs[font.i]
            else:
                plain = isinstance(font, TTFFont) and not font.is_symbol
                glyphs = self._glyphs[font.i] = _Glyphs(font.subset) if plain else None
            if glyphs is None:
                return str(font.encode_text(text))
            return f"({font.escape_text(text.translate(glyphs))}) Tj"

        def text(self, x: float, y: float, text: str = "") -> None:
            self.texts([(x, y, text)])

        def texts(self, places: Sequence[tuple[float, float, str]]) -> None:
            """``text(x, y, text)`` for each of ``places`` in turn, in the same font and
            colour: the same bytes, with the state looked at once."""
            font = self.current_font
            if (
                not self.page
                or font is None
                or self.text_mode != fill
                or self.underline
                or self.strikethrough
                or self._record_text_quad_points
            ):
                for x, y, text in places:
                    super().text(x, y, text)
                return
            if not places:
                return
            if not self.current_font_is_set_on_page:
                self._out(self._set_font_for_page(font, self.font_size_pt))
            k, height = self.k, self.h
            start, end = "BT", "ET"
            colour = self.text_color
            if colour is not None and self.fill_color != colour:
                serialised = self._fill_ops.get(colour)
                if serialised is None:
                    serialised = self._fill_ops[colour] = colour.serialize().lower()
                start, end = f"q {serialised} BT", "ET Q"
            shown = self._shown.get(font.i)
            if shown is None:
                shown = self._shown[font.i] = {}
            ops = []
            for x, y, text in places:
                encoded = shown.get(text)
                if encoded is None:
                    encoded = self._encode(font, self.normalize_text(text))
                    if len(shown) < SHOWN_REMEMBERED:
                        shown[text] = encoded
                ops.append(f"{start} {x * k:.2f} {(height - y) * k:.2f} Td {encoded} {end}")
            self._out("\n".join(ops))

        def set_font(self, family: str | None = None, style: Any = "", size: float = 0) -> None:
            font = None
            if size and family and style.__class__ is str:
                font = self._selectable.get((family, style))
                if font is None and style in PLAIN_STYLES:
                    font = self.fonts.get(family.lower() + style)
                    if font is not None:
                        self._selectable[(family, style)] = font
            if font is None or family is None:  # U or S, a core font not yet used, defaults
                super().set_font(family, style, size)
                return
            # What fpdf2 does for a font already added, without normalising the arguments.
            if self.underline:
                self.underline = False
            if self.strikethrough:
                self.strikethrough = False
            if self.current_font is font and abs(self.font_size_pt - size) <= TOLERANCE:
                return  # the same font (so the same family and style) and size
            self.font_family = family.lower()
            self.font_style = style
            self.font_size_pt = size
            self.current_font = font
            self.current_font_is_set_on_page = False

        def set_text_color(self, r: Any, g: Any = -1, b: Any = -1) -> None:
            key = (r, g, b)
            try:
                colour = self._colours.get(key)
            except TypeError:  # an unhashable colour: fpdf2 converts it
                super().set_text_color(r, g, b)
                return
            if colour is None:
                colour = self._colours[key] = convert_to_device_color(r, g, b)
            self.text_color = colour

    return FastFPDF


def texts(pdf: FPDF, places: Sequence[tuple[float, float, str]]) -> None:
    """Draw each (x, y, text) of ``places`` on ``pdf`` in its current font and colour."""
    draw = getattr(pdf, "texts", None)
    if draw is not None:
        draw(places)
        return
    for x, y, text in places:
        pdf.text(x, y, text)


__all__ = ["fpdf_class", "texts"]
