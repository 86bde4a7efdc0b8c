"""Placeholder text accepted as data: "TODO", "TBD", "?", "xxx", "DUMMY", "ej klart", ...

A record that was started and never finished is full of them, and each one hides a gap
that the other rules cannot see (a cell that says "TODO" is not empty). The word lists, in
the five languages, are ``ropa/data/lexicon/placeholders.json``: ``whole`` words are a
placeholder when they are the whole cell, ``markers`` anywhere in a cell as a whole word,
and ``not_applicable`` words ("N/A") only where a value is required.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ropa.model.patterns import longest_first, phrase_source
from ropa.model.resources import load_data
from ropa.model.text import vocab_key


@cache
def _lexicon() -> tuple[frozenset[str], re.Pattern[str], frozenset[str]]:
    data = load_data("lexicon/placeholders.json")
    whole = frozenset(vocab_key(word) for word in data["whole"])
    markers = "|".join(phrase_source(word) for word in longest_first(data["markers"]))
    # A marker such as "???" is not a word, so its edges are checked as "no letter or digit".
    marker = re.compile(rf"(?<![^\W_])(?:{markers})(?![^\W_])", re.IGNORECASE)
    not_applicable = frozenset(vocab_key(word) for word in data["not_applicable"])
    return whole, marker, not_applicable


@lru_cache(maxsize=65536)
def placeholder(text: str, *, required: bool = False) -> str | None:
    """The placeholder the text is or contains (as written), or None.

    With ``required``, "N/A" and its kin count too: a required value cannot be "not
    applicable" (write "None" where the record means there is none).
    """
    if not isinstance(text, str) or not text.strip():
        return None
    whole, marker, not_applicable = _lexicon()
    key = vocab_key(text)
    if key in whole or (required and key in not_applicable):
        return text.strip()
    found = marker.search(text)
    return found.group(0) if found else None
