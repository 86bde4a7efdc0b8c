"""Load and compile the per-language lexicons that find Art. 13/14 disclosures in a notice.

The words live in ``ropa/data/lexicon/policy/<lang>.json`` (plus ``common.json`` for what is
the same in every language: e-mail addresses, phone numbers, "GDPR", vendor names). A lexicon
has *groups* (named sets of patterns other rules can refer to, such as ``contact`` or
``rights_context``), *elements* (a list of rules per disclosure element) and *statements*
(negative statements such as "we do not transfer data outside the EU/EEA").

A pattern is a regular expression matched case-insensitively against one normalised line
(:func:`ropa.model.text.notice_line`), always as whole words, with two shorthands so the
files stay readable for a DPO (compiled by :mod:`ropa.model.patterns`):

* ``~`` stands for "any word ending" (``rättighet~`` matches rättighet, rättigheter, ...);
* a space stands for any run of whitespace.

A rule is ``{"name": ..., "re": ...}`` (or ``"group": ...`` instead of ``"re"`` to reuse a
group) with optional conditions:

* ``"with"``: another pattern that must match the same line;
* ``"unless"``: a pattern that cancels the rule when it matches close to the hit (within
  ``UNLESS_REACH`` characters either side, so "restrict consent" is not "restrict processing"
  but a separate sentence on the same line about consent does not cancel it);
* ``"near": [group, n]``: a line of the group within ``n`` non-blank lines either side
  (those lines join the evidence);
* the group ``data_category`` holds every term of ``lexicon/data_categories.json``
  (:mod:`ropa.model.categories`);
* ``"group": "vendor"`` matches any vendor of the catalogue ``ropa/data/vendors.json``
  (:mod:`ropa.model.vendors`);
* ``"after": [group, n]``: a line of the group on the same line or up to ``n`` non-blank
  lines before (a heading or a lead-in such as "You have the right to:");
* ``"lemmas": [[lemma, ...], ...]`` instead of ``"re"``: one form of every listed set in the
  same clause, in any order (:mod:`ropa.read.notice.clauses`; the forms come from the
  lemma table);
* ``"anywhere": [group, excluded]``: a line of the group anywhere in the notice, except
  lines of the excluded group and the few lines after one (the controller's contact details
  are anywhere, but not the supervisory authority's);
* ``"first": n``: the hit is among the first ``n`` non-blank lines;
* ``"fallback": true``: the rule is tried only when the element's other rules found nothing
  (a broader way to find it, which then adds no lines to what a precise rule found).

Languages can inherit: nynorsk (``nn``) lists what differs from bokmål and names ``nb``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ropa.model.categories import data_category_terms
from ropa.model.languages import NOTICE_LANGUAGES
from ropa.model.patterns import compile_patterns, compile_split
from ropa.model.resources import load_data
from ropa.read.notice.clauses import lemma_sources

LEXICON_DIR = "lexicon/policy"


@dataclass(frozen=True)
class Rule:
    """One way an element can be disclosed, with the conditions that make it count."""

    name: str
    patterns: tuple[re.Pattern[str], ...]
    with_: re.Pattern[str] | None = None
    unless: re.Pattern[str] | None = None
    near: tuple[str, int] | None = None
    after: tuple[str, int] | None = None
    vendors: bool = False  # matches the vendor catalogue instead of ``pattern``
    also: tuple[re.Pattern[str], ...] = ()  # lemma sets that must share the hit's clause
    anywhere: tuple[str, str] | None = None
    first: int | None = None
    fallback: bool = False


@dataclass(frozen=True)
class Lexicon:
    """Everything the detector needs for one language, compiled."""

    language: str
    groups: dict[str, tuple[re.Pattern[str], ...]]
    elements: dict[str, tuple[Rule, ...]]
    statements: dict[str, tuple[Rule, ...]]
    bases: dict[str, re.Pattern[str]]


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


@cache
def _raw(language: str) -> dict[str, Any]:
    data: dict[str, Any] = load_data(f"{LEXICON_DIR}/{language}.json")
    return data


def _chain(language: str) -> list[dict[str, Any]]:
    """The lexicon files that make up a language: common, ancestors, then the language."""
    if language not in NOTICE_LANGUAGES:
        files: list[dict[str, Any]] = [_raw(code) for code in NOTICE_LANGUAGES]
        return [load_data(f"{LEXICON_DIR}/common.json"), *files]
    chain: list[dict[str, Any]] = []
    seen: set[str] = set()

    def add(code: str) -> None:
        if code in seen:
            return
        seen.add(code)
        data = _raw(code)
        for parent in _as_list(data.get("inherits")):
            add(parent)
        chain.append(data)

    add(language)
    return [load_data(f"{LEXICON_DIR}/common.json"), *chain]


def _lemma_set(language: str, lemmas: list[str]) -> re.Pattern[str]:
    return compile_patterns([s for lemma in lemmas for s in lemma_sources(language, lemma)])


def _rule(
    raw: dict[str, Any], groups: dict[str, tuple[re.Pattern[str], ...]], language: str = "any"
) -> Rule:
    patterns: tuple[re.Pattern[str], ...]
    also: tuple[re.Pattern[str], ...] = ()
    if raw.get("group") == "vendor":
        patterns = ()
    elif "lemmas" in raw:
        sets = [_lemma_set(language, _as_list(lemmas)) for lemmas in raw["lemmas"]]
        patterns, also = (sets[0],), tuple(sets[1:])
    elif "group" in raw:
        patterns = groups[raw["group"]]
    else:
        patterns = compile_split(_as_list(raw["re"]))
    near = raw.get("near")
    after = raw.get("after")
    anywhere = raw.get("anywhere")
    for spec in (near, after, anywhere):
        if spec is not None and spec[0] not in groups:
            raise KeyError(f"lexicon rule {raw.get('name')!r} refers to unknown group {spec[0]!r}")
    return Rule(
        name=str(raw.get("name") or raw.get("re")),
        patterns=patterns,
        with_=compile_patterns(_as_list(raw["with"])) if raw.get("with") else None,
        unless=compile_patterns(_as_list(raw["unless"])) if raw.get("unless") else None,
        near=(near[0], int(near[1])) if near else None,
        after=(after[0], int(after[1])) if after else None,
        vendors=raw.get("group") == "vendor",
        also=also,
        anywhere=(anywhere[0], anywhere[1]) if anywhere else None,
        first=int(raw["first"]) if raw.get("first") else None,
        fallback=bool(raw.get("fallback")),
    )


@cache
def lexicon(language: str) -> Lexicon:
    """The compiled lexicon of a language (sv, nb, nn, da, fi, en); any other code: all of them."""
    chain = _chain(language)
    group_patterns: dict[str, list[str]] = {}
    for data in chain:
        for name, patterns in data.get("groups", {}).items():
            group_patterns.setdefault(name, []).extend(_as_list(patterns))
    groups = {name: compile_split(patterns) for name, patterns in group_patterns.items()}
    groups["data_category"] = compile_split(data_category_terms())

    def rules(section: str) -> dict[str, tuple[Rule, ...]]:
        collected: dict[str, list[Rule]] = {}
        for data in chain:
            for key, raws in data.get(section, {}).items():
                code = str(data.get("language", "any"))
                collected.setdefault(key, []).extend(_rule(raw, groups, code) for raw in raws)
        return {key: tuple(value) for key, value in collected.items()}

    basis_patterns: dict[str, list[str]] = {}
    for data in chain:
        for code, patterns in data.get("lawful_basis_terms", {}).items():
            basis_patterns.setdefault(code, []).extend(_as_list(patterns))
    return Lexicon(
        language=language,
        groups=groups,
        elements=rules("elements"),
        statements=rules("statements"),
        bases={code: compile_patterns(p) for code, p in basis_patterns.items()},
    )
