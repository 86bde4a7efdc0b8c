"""The oddity scan's fast path: a sheet with nothing to report, bounded in C.

Most sheets have no hidden row, no formula and nothing unusual in their XML, and calling
Python for each of their million elements would cost more than calamine's whole read.
:class:`_Quick` is fed the sheet's XML as it is inflated, beside an expat parser without
callbacks (well-formedness and the refusal of DTDs as in the full scan), and looks with
byte patterns, which run in C, for anything the full scan of :mod:`ropa.read.xlsx_scan`
could report: a ``hidden`` attribute, a formula, a comment, DTD or processing
instruction, a prefixed element, a cell or row whose reference is not a plain ``r="A1"``.
A sheet with none of these gets the bounds of its used range from the cells' references;
any other is scanned in full.
"""

from __future__ import annotations

import functools
import re
from typing import Any

#: What an ordinary sheet never holds: a comment, DTD or processing instruction, a formula,
#: a prefixed cell, row or value, a cell or row whose first attribute is not a plain ``r``.
_ODD = re.compile(
    rb"<(?:[!?]|f[\s/>]|c(?! r=\"[A-Z]{1,3}[0-9]{1,7}\")[\s/>]|row(?! r=\"[0-9]{1,7}\")[\s/>]"
    rb"|[A-Za-z_][\w.-]*:(?:c|row|v|is|f)[\s/>])"
)
_HIDDEN = re.compile(rb"hidden\s*=")
_CELLS = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')
_ROWS = re.compile(rb'<row r="([0-9]{1,7})"')
#: The XML declaration, and the encodings whose tags are the ASCII bytes matched here.
_DECLARATION = re.compile(rb"<\?xml[^<>?]*\?>")
_ENCODING = re.compile(rb"encoding\s*=\s*[\"']([^\"']*)[\"']")
_ASCII_TAGS = (b"utf-8", b"utf8")


class _Quick:
    """The fast path: bounds of the used range of a sheet without anything to report.

    Chunks are cut at their last ``<``, so every pattern (none spans a ``<`` but at its
    start) sees whole tags. The bounds are the largest row and column of any cell or row
    element, valued or not, so at least the used range the full scan finds; ``ordinary``
    turns false as soon as the sheet holds anything the full scan could report.
    """

    def __init__(self, parser: Any) -> None:
        self.parser = parser
        self.ordinary = True
        self.start = True
        self.carry = b""
        self.rows = 0
        self.columns = ""  # the letters of the farthest column so far

    def feed(self, chunk: bytes, final: bool = False) -> None:
        self.parser.Parse(chunk, final)
        if not self.ordinary:
            return
        buffer = self.carry + chunk
        cut = len(buffer) if final else buffer.rfind(b"<")
        if cut <= 0:
            self.carry = buffer
            return
        segment: bytes | None = buffer[:cut]
        self.carry = buffer[cut:]
        if self.start:
            self.start = False
            segment = self._after_declaration(buffer[:cut])
        if (
            segment is None
            or _ODD.search(segment)
            or (b"hidden" in segment and _HIDDEN.search(segment))
        ):
            self.ordinary = False
            return
        numbers = _ROWS.findall(segment)
        if numbers:
            self.rows = max(self.rows, max(map(int, numbers)))
        if _beyond(self.columns, self.rows).search(segment):  # else no cell is farther
            cells = _CELLS.findall(segment)
            letters = max({item[0] for item in cells}, key=lambda item: (len(item), item))
            if (len(letters), letters) > (len(self.columns), self.columns.encode()):
                self.columns = letters.decode()
            self.rows = max(self.rows, max(int(item[1]) for item in cells))

    @staticmethod
    def _after_declaration(segment: bytes) -> bytes | None:
        """The document after its XML declaration; None unless its tags are ASCII bytes."""
        segment = segment.removeprefix(b"\xef\xbb\xbf")
        declaration = _DECLARATION.match(segment)
        if declaration is not None:
            encoding = _ENCODING.search(declaration.group())
            if encoding is not None and encoding.group(1).lower() not in _ASCII_TAGS:
                return None
            segment = segment[declaration.end() :]
        elif not segment.startswith(b"<") or segment.startswith(b"<?"):
            return None
        return None if b"\x00" in segment[:4] else segment  # expat would read UTF-16


def _above(text: str, first: str, last: str) -> str:
    """A pattern for what sorts after ``text`` among strings of 1 to 3 (letters) or 7
    (digits) characters from ``first`` to ``last``, the longer ones after the shorter."""
    most = 3 if last == "Z" else 7
    alternatives = [f"[{first}-{last}]{{{len(text) + 1},{most}}}"] if len(text) < most else []
    for index, char in enumerate(text):
        if char != last:
            rest = len(text) - index - 1
            following = f"[{chr(ord(char) + 1)}-{last}][{first}-{last}]{{{rest}}}"
            alternatives.append(text[:index] + following)
    return "|".join(alternatives) or "(?!)"


@functools.lru_cache(maxsize=64)
def _beyond(columns: str, rows: int) -> re.Pattern[bytes]:
    """A cell farther right than ``columns`` or lower than ``rows``. (Row numbers with
    leading zeros may match though not farther: the cells are then counted exactly.)"""
    letters, digits = _above(columns, "A", "Z"), _above(str(rows) if rows else "", "0", "9")
    return re.compile(f'<c r="(?:(?:{letters})[0-9]|[A-Z]{{1,3}}(?:{digits})")'.encode())
