"""Headings of plain-text and Markdown notices.

Plain-text headings (``.txt`` and PDF text) are found by four rules, in this order:

1. the first non-empty line, if short and without final punctuation, is the title (level 1);
2. a numbered heading, ``3. Vilka uppgifter ...`` or ``3.1 Lagring`` (level by the depth of
   the number, below the title);
3. a line in capitals (``PERSONUPPGIFTER``) of at least three letters;
4. a short line (at most 80 characters, 12 words) without final punctuation, starting with a
   capital letter, after a blank line (or at the start), and followed by a longer line.

Markdown headings are ``#`` headings and underlined (``===``/``---``) ones, outside code
fences.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from ropa.read.notice.document import Section

_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(\S.*)$")
_FINAL_PUNCTUATION = tuple(".,;:!")
_LIST_MARK = re.compile(r"^\s*([-*+\u2022\u2013\u25cf\u25aa\u00b7]|\(?[a-z]\))\s")


def _heading_like(text: str, max_chars: int = 80, max_words: int = 12) -> bool:
    return (
        0 < len(text) <= max_chars
        and len(text.split()) <= max_words
        and not text.endswith(_FINAL_PUNCTUATION)
        and (text[0].isupper() or text[0].isdigit())
        and any(ch.isalpha() for ch in text)
    )


def _capitals(text: str) -> bool:
    if len(text) > 80:  # first: most lines of a notice are long, and this is cheap
        return False
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters)


def text_sections(lines: Sequence[str]) -> list[Section]:
    """Headings of a plain text by the four rules in this module's documentation."""
    sections: list[Section] = []
    stripped = [line.strip() for line in lines]
    nonblank = [index for index, text in enumerate(stripped) if text]
    if not nonblank:
        return sections
    following = {a: b for a, b in itertools.pairwise(nonblank)}
    first = nonblank[0]
    has_title = _heading_like(stripped[first], max_chars=100, max_words=14)
    if has_title:
        sections.append(Section(first + 1, stripped[first], 1))
    below = 1 if has_title else 0
    for index in nonblank:
        if index == first and has_title:
            continue
        text = stripped[index]
        if _LIST_MARK.match(lines[index]):
            continue
        numbered = _NUMBERED.match(text)
        if numbered and _heading_like(numbered.group(2), max_chars=100, max_words=14):
            depth = numbered.group(1).count(".") + 1
            sections.append(Section(index + 1, text, min(6, depth + below)))
            continue
        if numbered:
            continue
        if _capitals(text) and not text.endswith(_FINAL_PUNCTUATION):
            sections.append(Section(index + 1, text, min(6, 1 + below)))
            continue
        after_blank = index == 0 or not stripped[index - 1]
        nxt = following.get(index)
        if (
            after_blank
            and nxt is not None
            and _heading_like(text)
            and len(stripped[nxt]) > len(text)
            and (len(stripped[nxt]) >= 40 or stripped[nxt].endswith(tuple(".!?:")))
        ):
            sections.append(Section(index + 1, text, min(6, 1 + below)))
    return sections


# The title is taken greedily and its closing #s are cut in code (_atx_title): a lazy
# title followed by optional spaces made a heading with a long run of spaces quadratic.
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*))?$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")


def _atx_title(text: str) -> str:
    """A heading's text without its closing ``#`` sequence (CommonMark: after a space)."""
    text = text.rstrip(" \t")
    bare = text.rstrip("#")
    if bare != text and (not bare or bare[-1] in " \t"):
        text = bare.rstrip(" \t")
    return text.strip()


def markdown_sections(lines: Sequence[str]) -> list[Section]:
    """``#`` headings and underlined (``===``/``---``) headings, outside code fences."""
    sections: list[Section] = []
    fenced = False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        atx = _ATX.match(line)
        title = _atx_title(atx.group(2)) if atx and atx.group(2) else ""
        if atx and title:
            sections.append(Section(index + 1, title, len(atx.group(1))))
            continue
        setext = _SETEXT.match(line)
        if setext and index > 0 and lines[index - 1].strip():
            previous = lines[index - 1].strip()
            if not _ATX.match(lines[index - 1]) and not _LIST_MARK.match(lines[index - 1]):
                level = 1 if setext.group(1).startswith("=") else 2
                if not (sections and sections[-1].line == index):
                    sections.append(Section(index, previous, level))
    return sections
