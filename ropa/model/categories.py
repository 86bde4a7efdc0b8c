"""The shared data-category vocabulary (``ropa/data/lexicon/data_categories.json``).

Notices and records name categories of personal data in their own words and languages;
both map onto these keys, so a Swedish notice and an English record can be compared
category by category. The terms are lexicon patterns (see :mod:`ropa.model.patterns`).

:func:`data_categories` is the file, read once; :func:`category_patterns` its one compiled
form (a pattern per key), behind :func:`map_data_category`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ropa.model.languages import RECORD_LANGUAGES
from ropa.model.patterns import compile_patterns
from ropa.model.resources import load_data

CATEGORIES_FILE = "lexicon/data_categories.json"


@dataclass(frozen=True, eq=False)
class DataCategory:
    """One key of the vocabulary with its terms in each language."""

    key: str
    label: str
    terms: dict[str, tuple[str, ...]]  # language -> lexicon patterns, in file order


@cache
def data_categories() -> tuple[DataCategory, ...]:
    """Every data category, in file order."""
    return tuple(
        DataCategory(key, entry["label"], {lang: tuple(t) for lang, t in entry["terms"].items()})
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


def map_data_category(text: str) -> list[str]:
    """The shared data-category keys a phrase mentions, in any of the five languages.

    ``map_data_category("Namn och e-postadress")`` -> ``["identity", "contact_details"]``.
    """
    if not isinstance(text, str) or not text.strip():
        return []
    return [key for key, pattern in category_patterns() if pattern.search(text)]
