"""Text notices' bytes as text, and text as numbered lines.

Text files may be UTF-8 (with or without BOM), UTF-16 or UTF-32 with a BOM, or a Western
single-byte encoding (Windows-1252, Latin-1, Latin-9), which charset-normalizer chooses
between; Nordic letters survive all of them.
"""

from __future__ import annotations

import codecs
import re

from ropa.read.notice.files import PolicyReadError

#: Single-byte encodings charset-normalizer may choose between for text that is not UTF-8.
WESTERN_ENCODINGS = ["cp1252", "latin_1", "iso8859_15"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


def decode_text(data: bytes, shown: str = "<text>", html: bool = False) -> tuple[str, str]:
    """``(text, encoding)`` of a text file's bytes.

    A byte-order mark wins; then UTF-8; then (HTML only) a ``<meta charset>`` declaration;
    then UTF-16 without a BOM if the bytes are full of NULs; then charset-normalizer's choice
    among the Western single-byte encodings; then Windows-1252 with replacement characters.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise PolicyReadError(f"{shown}: starts with a {encoding} BOM but is not") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if html:
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            name = declared.group(1).decode("ascii", "replace")
            try:
                return data.decode(name), codecs.lookup(name).name
            except (LookupError, UnicodeDecodeError):
                pass
    head = data[:4096]
    if head.count(0) > len(head) // 4:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        encoding = "utf-16-le" if odd > even else "utf-16-be"
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            raise PolicyReadError(f"{shown}: looks like a binary file, not text") from None
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=WESTERN_ENCODINGS).best()
    if best is not None:
        return str(best), codecs.lookup(best.encoding).name
    return data.decode("cp1252", errors="replace"), "cp1252"


_NEWLINES = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """The lines as an editor numbers them (LF, CRLF or CR), without a final empty line."""
    lines = _NEWLINES.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines
