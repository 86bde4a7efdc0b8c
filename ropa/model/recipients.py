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

from ropa.model.patterns import (
    compile_patterns,
    longest_first,
    pattern_source,
    phrase_source,
    whole_word,
)
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


# --- kinds of recipients -------------------------------------------------------------------

CATEGORIES_FILE = "lexicon/recipient_categories.json"


@cache
def _categories() -> dict[str, tuple[str, frozenset[str], re.Pattern[str], re.Pattern[str]]]:
    """Category key -> (label, the narrower keys it covers, record pattern, notice pattern)."""
    data = load_data(CATEGORIES_FILE)["categories"]
    return {
        key: (
            entry["label"],
            frozenset(entry.get("covers", ())),
            _plain(list(entry["record"])),
            _plain([term for terms in entry["notice"].values() for term in terms]),
        )
        for key, entry in data.items()
    }


def _plain(terms: list[str]) -> re.Pattern[str]:
    """Lexicon patterns as one plain whole-word alternation: the patterns here nest
    alternatives, which :func:`~ropa.model.patterns.compile_patterns` would expand at a
    compile cost (five times as long) that a cross-check of a few notices never earns back."""
    return re.compile(whole_word("|".join(pattern_source(t) for t in terms)), re.IGNORECASE)


@lru_cache(maxsize=4096)
def recipient_categories(text: str) -> frozenset[str]:
    """The kinds of recipient a record's name or service describes ("Newsletter delivery":
    email), from ``ropa/data/lexicon/recipient_categories.json``."""
    if not text or not text.strip():
        return frozenset()
    return frozenset(key for key, (_, _, record, _) in _categories().items() if record.search(text))


def disclosing_categories(key: str) -> frozenset[str]:
    """The categories whose mention in a notice discloses a recipient of kind ``key``: the
    kind itself and the broader ones that cover it ("IT service providers" covers hosting)."""
    return frozenset(
        other for other, (_, covers, _, _) in _categories().items() if other == key or key in covers
    )


@cache
def _lead_ins() -> re.Pattern[str]:
    data = load_data(CATEGORIES_FILE)["lead_ins"]
    return compile_patterns([term for terms in data.values() for term in terms])


@lru_cache(maxsize=16384)
def notice_categories(text: str) -> frozenset[str]:
    """The categories of recipients a notice line names: as a kind of provider
    ("betalningsleverantörer": payments), or, on a line about providers or processors, as the
    record would write the kind ("leverantörer av IT-tjänster, telefoni": it, telephony)."""
    if not text or not text.strip():
        return frozenset()
    lead_in = _lead_ins().search(text) is not None
    return frozenset(
        key
        for key, (_, _, record, notice) in _categories().items()
        if notice.search(text) or (lead_in and record.search(text))
    )


_NAME_PUNCTUATION = re.compile(r"[^\w&+ ]+")


def name_core(text: str) -> str:
    """A recipient's name without its legal form and punctuation, for finding it in a text:
    "MailTool Inc." -> "MailTool", "Lönetjänst AB" -> "Lönetjänst"."""
    clean = _lexicon()["legal_forms"].sub(" ", collapse(compose(text)).replace(",", " "))
    return " ".join(_NAME_PUNCTUATION.sub(" ", clean).split())


#: Legal forms as a notice writes them after a company's name, case as written (so that the
#: English "as" is not the Norwegian "AS").
_LEGAL_FORM_AFTER = re.compile(
    r"(?<![\w-])((?:[A-ZÅÄÖÆØÜ0-9][\w&'.-]*\s+){0,4}?[A-ZÅÄÖÆØÜ][\w&'.-]*)\s+"
    r"(AB(?:\s+\(publ\))?|ASA|AS|A/S|ApS|I/S|P/S|K/S|Oyj|Oy|Ab|Ltd\.?|Limited|LLC|Inc\.?|"
    r"GmbH|plc|PLC|B\.V\.|BV|N\.V\.|SE|SA|AG)(?![\w/])"
)


def company_names(text: str) -> list[str]:
    """The names with a legal form a text gives ("Ljusvik Energi AB", "Havsvik Norge AS"),
    in order."""
    return [f"{m.group(1)} {m.group(2)}" for m in _LEGAL_FORM_AFTER.finditer(text)]
