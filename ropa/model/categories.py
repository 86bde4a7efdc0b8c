"""The shared data-category vocabulary (``ropa/data/lexicon/data_categories.json``).

Notices and records name categories of personal data in their own words and languages;
both map onto these keys, so a Swedish notice and an English record can be compared
category by category. The terms are lexicon patterns (see :mod:`ropa.model.patterns`).

:func:`data_categories` is the file, read once; :func:`category_patterns` its one compiled
form (a pattern per key), behind :func:`map_data_category`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from ropa.model.languages import RECORD_LANGUAGES
from ropa.model.patterns import compile_patterns, pattern_source, whole_word
from ropa.model.resources import load_data

CATEGORIES_FILE = "lexicon/data_categories.json"


@dataclass(frozen=True, eq=False)
class DataCategory:
    """One key of the vocabulary with its terms in each language."""

    key: str
    label: str
    terms: dict[str, tuple[str, ...]]  # language -> lexicon patterns, in file order
    #: Words records use for the kind of data: the cross-check's mapping only, not the
    #: notice detector's group (language -> lexicon patterns).
    record_terms: dict[str, tuple[str, ...]] = field(default_factory=dict)


@cache
def data_categories() -> tuple[DataCategory, ...]:
    """Every data category, in file order."""
    return tuple(
        DataCategory(
            key,
            entry["label"],
            {lang: tuple(t) for lang, t in entry["terms"].items()},
            {lang: tuple(t) for lang, t in entry.get("record_terms", {}).items()},
        )
        for key, entry in load_data(CATEGORIES_FILE)["categories"].items()
    )


@cache
def data_category_terms() -> list[str]:
    """Every term of the vocabulary, in every language (the notice lexicons' group
    ``data_category``)."""
    return [
        term
        for category in data_categories()
        for terms in category.terms.values()
        for term in terms
    ]


@cache
def category_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(key, one pattern of its terms in the record languages) for every category."""
    return tuple(
        (
            category.key,
            compile_patterns(
                [t for lang in RECORD_LANGUAGES for t in category.terms.get(lang, ())]
            ),
        )
        for category in data_categories()
    )


@cache
def _record_patterns() -> dict[str, re.Pattern[str]]:
    """Key -> one pattern of the words records use for it (``record_terms``), where it has
    any; :func:`map_data_category` tries it after the terms."""
    # A plain alternation: compiled in a fifth of the time of compile_patterns' rewritten
    # one, and searched only on the record's values and the lines of a few notices.
    return {
        category.key: re.compile(
            whole_word(
                "|".join(
                    pattern_source(t)
                    for lang in RECORD_LANGUAGES
                    for t in category.record_terms.get(lang, ())
                )
            ),
            re.IGNORECASE,
        )
        for category in data_categories()
        if category.record_terms
    }


@cache
def _not_compared() -> re.Pattern[str]:
    terms = load_data(CATEGORIES_FILE).get("not_compared", {}).get("terms", {})
    return compile_patterns([t for lang in RECORD_LANGUAGES for t in terms.get(lang, ())])


def not_a_category(text: str) -> bool:
    """Whether a record value names access to data rather than a kind of data ("data held in
    the group's systems", "all data"), which no notice can list as a category."""
    return isinstance(text, str) and bool(text.strip()) and bool(_not_compared().search(text))


def map_data_category(text: str) -> list[str]:
    """The shared data-category keys a phrase mentions, in any of the five languages.

    ``map_data_category("Namn och e-postadress")`` -> ``["identity", "contact_details"]``.
    """
    if not isinstance(text, str) or not text.strip():
        return []
    return list(_category_keys(text))


@lru_cache(maxsize=16384)
def _category_keys(text: str) -> tuple[str, ...]:
    # Cached: the record's kinds of data are mapped once per notice, and again per rule.
    record = _record_patterns()
    return tuple(
        key
        for key, pattern in category_patterns()
        if pattern.search(text) or (key in record and record[key].search(text))
    )
