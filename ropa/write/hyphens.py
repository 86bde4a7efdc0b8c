"""Where a word may break at the end of a line in a report, by the rules of its language.

The PDF lays its own lines out (``ropa.write.pdf_table``), so it has to decide where a word
too long for its column may break. :class:`Hyphenator` answers that: at a hyphenation point
of the report's language (the pyphen dictionaries for sv, nb, da and en; Finnish, which
pyphen does not ship, by its regular syllable rule: a break before a consonant that is
followed by a vowel), with a hyphen added; after a hyphen already in the word; never inside a
number, an id, a phone number, an e-mail or a web address, which stay whole (e-mail and web
addresses may break before ``@``, ``.`` or after ``/``, without a hyphen, only when they
are longer than the whole line). pyphen is imported when the first word is hyphenated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

#: Report language -> pyphen dictionary ("" = Finnish, by rule).
DICTIONARIES = {"en": "en_GB", "sv": "sv", "nb": "nb_NO", "da": "da_DK", "fi": ""}
#: Letters kept together at the start and at the end of a word.
LEFT, RIGHT = 3, 3
#: A hyphenated word keeps this many hyphenation results per dictionary.
CACHE_SIZE = 50_000

_ADDRESS = re.compile(r"@|://|^www\.", re.IGNORECASE)
_WORD = re.compile(r"^(\W*)([^\W\d_]+(?:-[^\W\d_]+)*)(\W*)$")
_FI_VOWELS = set("aeiouyäöå")
#: Spaces inside numbers (``+46 40 628 04 10``, ``556981 2349``) that must not break.
NUMBER_SPACE = re.compile(r"(?<=\d) (?=[\d(+])")
NBSP = "\u00a0"

#: The width of a text, in the unit of the room it must fit.
Measure = Callable[[str], float]


def keep_numbers_together(text: str) -> str:
    """``text`` with the spaces inside numbers made non-breaking."""
    return NUMBER_SPACE.sub(NBSP, text)


def _finnish_positions(word: str) -> list[int]:
    """Syllable boundaries of a Finnish word: before a consonant followed by a vowel."""
    lower = word.lower()
    return [
        index
        for index in range(1, len(lower) - 1)
        if lower[index] not in _FI_VOWELS
        and lower[index].isalpha()
        and lower[index + 1] in _FI_VOWELS
        and lower[index - 1].isalpha()
    ]


class Hyphenator:
    """Breaks the words of one report language (see the module's rules)."""

    def __init__(self, lang: str) -> None:
        self.dictionary_name = DICTIONARIES.get(lang, "en_GB")
        self._dictionary: Any = None
        self._positions: dict[str, list[int]] = {}

    def _word_positions(self, word: str) -> list[int]:
        cached = self._positions.get(word)
        if cached is not None:
            return cached
        if not self.dictionary_name:
            found = _finnish_positions(word)
        else:
            if self._dictionary is None:
                import pyphen

                self._dictionary = pyphen.Pyphen(lang=self.dictionary_name, left=LEFT, right=RIGHT)
            found = list(self._dictionary.positions(word))
        found = [p for p in found if LEFT <= p <= len(word) - RIGHT]
        if len(self._positions) < CACHE_SIZE:
            self._positions[word] = found
        return found

    def points(self, token: str) -> list[tuple[int, bool]]:
        """Where ``token`` may break: (position, whether a hyphen is added), in order."""
        if _ADDRESS.search(token):
            return [
                (index, False)
                for index, char in enumerate(token)
                if index and (char in "@." or token[index - 1] == "/")
            ]
        match = _WORD.match(token)
        if match is None:  # numbers, ids, anything with a digit: whole
            return []
        lead, core, _ = match.groups()
        start = len(lead)
        result: list[tuple[int, bool]] = []
        offset = start
        for part in core.split("-"):
            result.extend((offset + p, True) for p in self._word_positions(part))
            offset += len(part) + 1
            if offset - start <= len(core):
                result.append((offset, False))  # after a hyphen of the word itself
        return [(p, hyphen) for p, hyphen in result if start < p < start + len(core)]

    def split(self, token: str, room: float, measure: Measure) -> tuple[str, str] | None:
        """The longest head of ``token`` (with its hyphen) whose ``measure`` is at most
        ``room``, and the rest; None when no break point of the token fits."""
        best = None
        for position, hyphen in self.points(token):
            head = token[:position] + ("-" if hyphen else "")
            if measure(head) > room:
                break
            best = (head, token[position:])
        return best


#: The soft hyphen: a browser breaks a word there, and shows a hyphen, only when it must.
SOFT_HYPHEN = "\u00ad"
#: Words of at least this many letters get soft hyphens in the HTML report's tables.
SOFT_MINIMUM = 12
_LONG_WORD = re.compile(rf"[^\W\d_]{{{SOFT_MINIMUM},}}")
_SPACES = re.compile(r"(\s+)")


def soft_hyphens(text: str, hyphenator: Hyphenator) -> str:
    """``text`` with soft hyphens where its long words may break by the language's rules.

    For the HTML report, whose reader's browser may have no hyphenation dictionary for the
    language (``hyphens: auto`` then breaks nothing, and a table of long Nordic compounds
    grows wider than the page). Addresses, numbers and ids are left whole."""
    if len(text) < SOFT_MINIMUM:
        return text
    parts = _SPACES.split(text)
    for index, token in enumerate(parts):
        if len(token) >= SOFT_MINIMUM and not _ADDRESS.search(token):
            parts[index] = _LONG_WORD.sub(lambda m: _softened(m.group(0), hyphenator), token)
    return "".join(parts)


def _softened(word: str, hyphenator: Hyphenator) -> str:
    cut = [position for position, hyphen in hyphenator.points(word) if hyphen]
    pieces = [word[start:end] for start, end in zip([0, *cut], [*cut, len(word)], strict=True)]
    return SOFT_HYPHEN.join(pieces)


__all__ = ["NBSP", "SOFT_HYPHEN", "Hyphenator", "keep_numbers_together", "soft_hyphens"]
