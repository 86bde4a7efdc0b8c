"""Shared vocabularies of the cross-check: data subjects and purposes, in five languages.

Both the record and the notice are free text. :func:`purpose_keys` maps a phrase onto the keys
of ``ropa/data/lexicon/purposes.json``; :func:`subject_kind` tells whether a data-subject entry
is the organisation's own people (``internal``) or people outside it (``external``), using
``ropa/data/lexicon/data_subjects.json``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

from ropa.model.languages import RECORD_LANGUAGES
from ropa.model.patterns import compile_patterns
from ropa.model.resources import load_data

PURPOSES_FILE = "lexicon/purposes.json"
SUBJECTS_FILE = "lexicon/data_subjects.json"


def _all_terms(by_language: dict[str, list[str]]) -> list[str]:
    return [term for lang in RECORD_LANGUAGES for term in by_language.get(lang, [])]


@cache
def _purpose_patterns() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    data = load_data(PURPOSES_FILE)["purposes"]
    return tuple(
        (key, entry["label"], compile_patterns(_all_terms(entry["terms"])))
        for key, entry in data.items()
    )


def purpose_vocabulary() -> dict[str, str]:
    """Every purpose key with its English label, in file order."""
    return {key: label for key, label, _ in _purpose_patterns()}


def purpose_label(key: str) -> str:
    return purpose_vocabulary().get(key, key)


def purpose_keys(text: str) -> set[str]:
    """The purpose keys a phrase mentions, in any of the five languages."""
    return set(_purpose_keys(text)) if text and text.strip() else set()


@lru_cache(maxsize=16384)
def _purpose_keys(text: str) -> frozenset[str]:
    # Cached: the record's purposes are mapped once per notice, the same lines of a notice
    # by several rules.
    return frozenset(key for key, _, pattern in _purpose_patterns() if pattern.search(text))


def purpose_keys_of(texts: Iterable[str]) -> set[str]:
    keys: set[str] = set()
    for text in texts:
        keys |= purpose_keys(text)
    return keys


@cache
def _subject_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load_data(SUBJECTS_FILE)
    return compile_patterns(_all_terms(data["internal"])), compile_patterns(
        _all_terms(data["external"])
    )


@lru_cache(maxsize=16384)
def subject_kind(text: str) -> str | None:
    """``internal`` (employees, staff, consultants, board), ``external`` (customers, visitors,
    applicants, ...) or None when the entry is not recognised. Internal wins.

    Cached: a record names the same few kinds of data subjects on every activity."""
    internal, external = _subject_patterns()
    if internal.search(text):
        return "internal"
    if external.search(text):
        return "external"
    return None
