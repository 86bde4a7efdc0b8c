"""Sentences over line breaks, clauses, and the word forms of a lemma, for the notice rules.

* :func:`continues` tells whether a line is the hard-wrapped continuation of the one before
  (plain text and Markdown wrapped at a fixed width): the detector then matches across the
  break, as if the sentence were on one line.
* :func:`clause_span` is the clause around a match: the text between the sentence ends
  (``.``, ``;``, ``!``, ``?``) and paragraph breaks either side, not cut at abbreviations such
  as "f.eks.", "t.ex.", "e.g." or "art.".
* :func:`lemma_sources` turns a lemma of a lexicon rule into the whole-word patterns of its
  inflected forms, from ``ropa/data/lexicon/policy/lemmas.json``. That table is derived from
  the lemmatisation dictionaries simplemma ships (``python -m tools.gen_policy_lemmas``
  regenerates it); it holds only the lemmas the lexicons use, so reading a notice never loads
  a whole dictionary. It is read on first use.

A rule written with lemmas (``"lemmas": [["overføre"], ["anden"], ["dataansvarlig", ...]]``)
counts when one form of every listed set occurs in the same clause, in any order: that covers
inflection ("overføres", "overført"), derivation listed as its own lemma, verb-second word
order and split particle verbs without listing every surface form.
"""

from __future__ import annotations

import re
from functools import cache

from ropa.model.resources import load_data

LEMMA_FILE = "lexicon/policy/lemmas.json"

_SENTENCE_END = re.compile(r"[.;!?](?=\s|$)")
#: A line that is an item of a list ("- ", "* ", "1. ", "a) ").
LIST_ITEM = re.compile(r"^\s*(?:[-*•·–]|\d{1,2}[.)]|[a-z][.)])\s")
_HEADING = re.compile(r"^\s*#")
_FINAL = ".!?:;|"


def continues(previous: str, line: str) -> bool:
    """Whether ``line`` continues the sentence of ``previous`` (a hard-wrapped line).

    Both non-blank; the previous line does not end a sentence, is not a heading or a table
    row; the line starts with a lower-case letter and is not a list item.
    """
    before, after = previous.rstrip(), line.lstrip()
    if not before or not after or before[-1] in _FINAL:
        return False
    if _HEADING.match(before) or before.lstrip().startswith("|"):
        return False
    return not LIST_ITEM.match(line) and after[0].isalpha() and after[0].islower()


def _abbreviation(text: str, dot: int) -> bool:
    """Whether the dot at ``dot`` ends an abbreviation rather than a sentence."""
    start = dot
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "(\n":
        start -= 1
    word = text[start:dot]
    if not word:
        return False
    if "." in word:  # f.eks, t.ex, e.g, bl.a
        return True
    return len(word) <= 4 and word.isalpha() and word.islower()  # art, nr, ca, esim, mfl


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause of ``text`` around ``start``-``end``: from the sentence end or line break
    before it to the one after it."""
    low = text.rfind("\n", 0, start) + 1
    high = text.find("\n", end)
    high = len(text) if high < 0 else high
    for stop in _SENTENCE_END.finditer(text, low, high):
        if text[stop.start()] == "." and _abbreviation(text, stop.start()):
            continue
        if stop.end() <= start:
            low = stop.end()
        elif stop.start() >= end:
            high = stop.start()
            break
    return low, high


@cache
def _forms() -> dict[str, dict[str, tuple[str, ...]]]:
    data = load_data(LEMMA_FILE)
    return {
        language: {lemma: tuple(forms) for lemma, forms in table.items()}
        for language, table in data["languages"].items()
    }


def lemma_sources(language: str, lemma: str) -> list[str]:
    """Whole-word pattern sources for every form of ``lemma`` in ``language``.

    A lemma with a pattern shorthand in it (``~``, a space, a group) is used as written; a
    lemma the table does not know matches only as written."""
    if any(char in lemma for char in "~ ()[]|\\"):
        return [lemma]
    forms = _forms().get(language, {}).get(lemma.lower(), ())
    return [re.escape(form) for form in sorted({lemma.lower(), *forms})]
