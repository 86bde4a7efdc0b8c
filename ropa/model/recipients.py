"""What a recipient named in a record is: a part of the controller, a category, or a name.

Records list recipients as people write them: "HR-avdelningen", "Lønn", "our payroll team"
(the controller's own staff, who are not processors and need no Art. 28 agreement),
"authorities on request", "banks" (categories of recipients, which Art. 30(1)(d) allows), or
"Acme Payroll AB" (a named recipient, which may well be a processor). The word lists are
``ropa/data/lexicon/recipients.json``; a name carrying a legal form (AB, AS, Oy, Ltd, GmbH,
B.V., ...) is always a named recipient.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ropa.model.patterns import longest_first, phrase_source, whole_word
from ropa.model.resources import load_data
from ropa.model.text import collapse, compose

INTERNAL = "internal"
CATEGORY = "category"


@cache
def _lexicon() -> dict[str, re.Pattern[str]]:
    data = load_data("lexicon/recipients.json")

    def words(key: str) -> re.Pattern[str]:
        source = "|".join(phrase_source(word) for word in longest_first(data[key]))
        return re.compile(whole_word(source), re.IGNORECASE)

    found = {key: words(key) for key in ("internal", "category", "legal_forms")}
    alone = "|".join(phrase_source(word) for word in longest_first(data["internal_whole"]))
    found["internal_whole"] = re.compile(
        rf"(?:{alone})(?:[- ](?:team|avdelningen|avdelingen|afdelingen|osasto))?", re.IGNORECASE
    )
    return found


def _legal_form(text: str) -> bool:
    # "B.V." and "A/S" end in punctuation, so whole-word matching is done on the raw text.
    return bool(_lexicon()["legal_forms"].search(text.replace(",", " ")))


@lru_cache(maxsize=16384)
def recipient_kind(text: str) -> str | None:
    """``"internal"``, ``"category"``, or None for a named recipient (or an empty text)."""
    if not isinstance(text, str):
        return None
    clean = collapse(compose(text)).strip(" .;,")
    if not clean or _legal_form(clean):
        return None
    lexicon = _lexicon()
    if lexicon["internal"].search(clean) or lexicon["internal_whole"].fullmatch(clean):
        return INTERNAL
    if lexicon["category"].search(clean):
        return CATEGORY
    # A lower-case plural phrase without a capital ("payroll bureaus", "leverantörer av IT")
    # is a description of recipients, not a name; a single capitalised word is a name.
    return None
