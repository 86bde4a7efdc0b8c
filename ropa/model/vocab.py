"""Controlled vocabularies: lawful bases, Art. 9 conditions, roles, transfer mechanisms, ...

Each vocabulary lives in ``ropa/data/vocab/<name>.json`` with labels in the five template
languages and the synonyms people actually type. :meth:`Vocabulary.match` is called for every
cell of large workbooks, so each vocabulary builds its lookup tables once and a match is a
dictionary look-up; the vocabulary's ``code_pattern`` regex is only tried when that fails.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from ropa.model.resources import load_data
from ropa.model.text import vocab_key

#: The key vocabulary cells are matched by; the old name of :func:`ropa.model.text.vocab_key`,
#: kept while ``ropa.write.model`` still imports it from here.
normalise = vocab_key

# For the second, coarser key: everything that is not a letter or a digit.
_NON_ALNUM = re.compile(r"[\W_]+")
# "art. 46(2)(c)", "article 46.2.c" and "artikel 46 2 c" all become "462c" in the coarse key.
_ARTICLE_WORD = re.compile(
    r"^(?:article|artikel|artikkel|artikla|art)(?=\d)|(?<=\d)(?:artikla|art)(?=\d)"
)
_SUGGEST_CUTOFF = 0.6


def _coarse(normalised: str) -> str:
    """A second, punctuation-blind key, so "art 6 1 b" meets "Art. 6(1)(b)"."""
    return _ARTICLE_WORD.sub("", _NON_ALNUM.sub("", normalised))


@dataclass(frozen=True, eq=False)
class Term:
    """One entry of a vocabulary."""

    code: str
    labels: dict[str, str]
    synonyms: tuple[str, ...]
    attrs: dict[str, Any] = field(default_factory=dict)

    def label(self, lang: str = "en") -> str:
        """The label in ``lang``, falling back to English."""
        return self.labels.get(lang) or self.labels["en"]

    def spellings(self) -> Iterable[str]:
        """Every text that names this term: code, labels, synonyms."""
        yield self.code
        yield self.code.replace("_", " ")
        yield from self.labels.values()
        yield from self.synonyms

    def __repr__(self) -> str:
        return f"Term({self.code!r})"


#: Distinct spellings remembered per vocabulary before the memo starts afresh.
_MEMO_LIMIT = 100_000


class Vocabulary:
    """A closed list of terms with forgiving, exact-after-normalisation matching."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.name: str = data["name"]
        self.source: str = data["source"]
        self.compiled: str = data["compiled"]
        self.verified: str = data["verified"]["on"]
        self.terms: tuple[Term, ...] = tuple(_term(raw) for raw in data["terms"])
        pattern = data.get("code_pattern")
        self._pattern = re.compile(pattern) if pattern else None
        self._by_code = {term.code: term for term in self.terms}
        self._exact: dict[str, Term] = {}
        self._coarse: dict[str, Term] = {}
        self._build_index()
        self._suggestions: list[str] | None = None
        # A workbook repeats the same few hundred spellings thousands of times.
        self._memo: dict[str, Term | None] = {}

    def _build_index(self) -> None:
        # The first term to claim a spelling keeps it; tests check there are no clashes.
        for term in self.terms:
            for spelling in term.spellings():
                key = vocab_key(spelling)
                self._exact.setdefault(key, term)
                coarse = _coarse(key)
                if coarse:
                    self._coarse.setdefault(coarse, term)

    def match(self, text: str) -> Term | None:
        """The term ``text`` names (code, any label, any synonym, or the code pattern), or None."""
        if not isinstance(text, str):
            return None
        try:
            return self._memo[text]
        except KeyError:
            pass
        if len(self._memo) > _MEMO_LIMIT:
            self._memo.clear()
        found = self._memo[text] = self._match(text)
        return found

    def _match(self, text: str) -> Term | None:
        key = vocab_key(text)
        if not key:
            return None
        term = self._exact.get(key)
        if term is not None:
            return term
        if self._pattern is not None:
            found = self._pattern.match(key)
            if found and found.group(1) in self._by_code:
                return self._by_code[found.group(1)]
        coarse = _coarse(key)
        return self._coarse.get(coarse) if coarse else None

    def suggest(self, text: str) -> str | None:
        """A "did you mean": the English label of the closest term, or None if nothing is close."""
        key = vocab_key(text) if isinstance(text, str) else ""
        if not key:
            return None
        close = difflib.get_close_matches(key, self._suggestion_keys(), n=1, cutoff=_SUGGEST_CUTOFF)
        return self._exact[close[0]].label("en") if close else None

    def _suggestion_keys(self) -> list[str]:
        # Built on first use: suggestions are only needed for cells that failed to match.
        if self._suggestions is None:
            self._suggestions = [key for key in self._exact if len(key) > 2]
        return self._suggestions

    def get(self, code: str) -> Term:
        """The term with this code; KeyError if there is none."""
        try:
            return self._by_code[code]
        except KeyError:
            raise KeyError(f"{self.name} has no term {code!r}") from None

    def label(self, code: str, lang: str = "en") -> str:
        """The label of ``code`` in ``lang``."""
        return self.get(code).label(lang)

    def choices(self, lang: str = "en") -> list[str]:
        """The labels in ``lang``, in term order, for a drop-down list."""
        return [term.label(lang) for term in self.terms]

    def __repr__(self) -> str:
        return f"Vocabulary({self.name!r}, {len(self.terms)} terms)"


def _term(raw: dict[str, Any]) -> Term:
    extra = {key: value for key, value in raw.items() if key not in {"code", "labels", "synonyms"}}
    return Term(
        code=raw["code"],
        labels=dict(raw["labels"]),
        synonyms=tuple(raw.get("synonyms", ())),
        attrs=extra,
    )


@cache
def vocabulary(name: str) -> Vocabulary:
    """The vocabulary in ``ropa/data/vocab/<name>.json``, loaded once."""
    return Vocabulary(load_data(f"vocab/{name}.json"))


@cache
def _none_words() -> frozenset[str]:
    data = load_data("vocab/none.json")
    return frozenset(vocab_key(word) for word in data["values"])


@lru_cache(maxsize=65536)
def _is_none_text(text: str) -> bool:
    key = vocab_key(text)
    return bool(key) and key in _none_words()


def is_none(text: str) -> bool:
    """True if the cell says "none" or "not applicable" in one of the five languages.

    A blank cell is not "none": callers decide what an empty cell means.
    """
    if not isinstance(text, str):
        return False
    return _is_none_text(text)
