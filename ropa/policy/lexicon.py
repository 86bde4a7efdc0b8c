"""Load and compile the per-language lexicons that find Art. 13/14 disclosures in a notice.

The words live in ``ropa/data/lexicon/policy/<lang>.json`` (plus ``common.json`` for what is
the same in every language: e-mail addresses, phone numbers, "GDPR", vendor names). A lexicon
has *groups* (named sets of patterns other rules can refer to, such as ``contact`` or
``rights_context``), *elements* (a list of rules per disclosure element) and *statements*
(negative statements such as "we do not transfer data outside the EU/EEA").

A pattern is a regular expression matched case-insensitively against one normalised line,
always as whole words, with two shorthands so the files stay readable for a DPO:

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
* the group ``data_category`` holds every term of ``lexicon/data_categories.json``;
* ``"group": "vendor"`` matches any vendor of the catalogue ``ropa/data/vendors.json``;
* ``"after": [group, n]``: a line of the group on the same line or up to ``n`` non-blank
  lines before (a heading or a lead-in such as "You have the right to:").

Languages can inherit: nynorsk (``nn``) lists what differs from bokmål and names ``nb``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ropa.resources import load_data

LEXICON_DIR = "lexicon/policy"
LANGUAGES = ("en", "sv", "nb", "nn", "da", "fi")
VENDORS_FILE = "vendors.json"
CATEGORIES_FILE = "lexicon/data_categories.json"


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


@dataclass(frozen=True)
class Lexicon:
    """Everything the detector needs for one language, compiled."""

    language: str
    groups: dict[str, tuple[re.Pattern[str], ...]]
    elements: dict[str, tuple[Rule, ...]]
    statements: dict[str, tuple[Rule, ...]]
    bases: dict[str, re.Pattern[str]]


_BARE_SPACE = re.compile(r" (?![+*?{])")


def pattern_source(pattern: str) -> str:
    """Expand the lexicon shorthands (``~`` = word ending, space = whitespace) into a regex."""
    # Lines are matched after normalisation (single spaces, no other whitespace) and joined
    # with newlines, so whitespace is always one space and a pattern never crosses a line.
    source = pattern.strip().replace("~", r"\w*").replace(r"\s", " ")
    return _BARE_SPACE.sub(" +", source)


_ESCAPE_OR_TEXT = re.compile(r"\\.|[^\\]+")


def _lower_source(source: str) -> str:
    """A regex source in lower case, escapes (``\\W``, ``\\S``) untouched."""
    return _ESCAPE_OR_TEXT.sub(
        lambda m: m.group(0) if m.group(0).startswith("\\") else m.group(0).lower(), source
    )


def compile_patterns(patterns: list[str], lowered: bool = False) -> re.Pattern[str]:
    """One case-insensitive whole-word alternation of lexicon patterns.

    With ``lowered`` the result is meant for lower-cased text: it is compiled without
    IGNORECASE (about a third faster) unless a pattern needs case, written ``(?-i:...)``.
    Callers tell the two kinds apart by the pattern's IGNORECASE flag.
    """
    if not patterns:
        return re.compile(r"(?!x)x")
    body = "|".join(f"(?:{pattern_source(p)})" for p in patterns)
    source = rf"(?<!\w)(?:{body})(?!\w)"
    if lowered and "(?-i" not in source:
        return re.compile(_lower_source(source), re.MULTILINE)
    return re.compile(source, re.IGNORECASE | re.MULTILINE)


def compile_split(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    """Patterns for lower-cased text, with those that need case compiled apart, so that one
    ``(?-i:...)`` pattern does not make the whole alternation case-insensitive (slower)."""
    plain = [p for p in patterns if "(?-i" not in p]
    cased = [p for p in patterns if "(?-i" in p]
    out = []
    if plain or not cased:
        out.append(compile_patterns(plain, lowered=True))
    if cased:
        out.append(compile_patterns(cased, lowered=True))
    return tuple(out)


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
    if language not in LANGUAGES:
        files: list[dict[str, Any]] = [_raw(code) for code in LANGUAGES]
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


@cache
def vendor_aliases() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(vendor name, compiled alias pattern) for every vendor of the catalogue."""
    out: list[tuple[str, re.Pattern[str]]] = []
    for vendor in load_data(VENDORS_FILE)["vendors"]:
        parts = [_alias_regex(a, exact=False) for a in vendor["aliases"]]
        parts += [_alias_regex(a, exact=True) for a in vendor.get("exact_aliases", [])]
        out.append((vendor["name"], re.compile("|".join(parts))))
    return tuple(out)


def _alias_regex(alias: str, exact: bool) -> str:
    body = re.escape(alias).replace(r"\ ", r"[ -]*" if not exact else " +")
    body = body if exact else f"(?i:{body})"
    return rf"(?<!\w){body}(?!\w)"


_FIRST_WORD = re.compile(r"\w+")


@cache
def vendor_index() -> dict[str, tuple[tuple[str, re.Pattern[str]], ...]]:
    """First word of an alias (lower-cased) -> (vendor name, alias pattern) to try there.

    Looking up each word of a notice in this index and trying only the aliases that start
    with it is much faster than one alternation of every alias.
    """
    index: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for vendor in load_data(VENDORS_FILE)["vendors"]:
        aliases = [(a, False) for a in vendor["aliases"]]
        aliases += [(a, True) for a in vendor.get("exact_aliases", [])]
        for alias, exact in aliases:
            first = _FIRST_WORD.search(alias)
            if first is None:
                continue
            pattern = re.compile(_alias_regex(alias, exact))
            index.setdefault(first.group(0).lower(), []).append((vendor["name"], pattern))
    return {word: tuple(entries) for word, entries in index.items()}


def find_vendors(text: str) -> list[tuple[int, int, str]]:
    """(start, end, vendor name) of every vendor alias in a text; shorter matches inside a
    longer one ("Google" inside "Google Analytics") are dropped."""
    index = vendor_index()
    spans: list[tuple[int, int, str]] = []
    for word in _FIRST_WORD.finditer(text):
        entries = index.get(word.group(0).lower())
        if not entries:
            continue
        for name, pattern in entries:
            match = pattern.match(text, word.start())
            if match:
                spans.append((match.start(), match.end(), name))
    return [
        (start, end, name)
        for start, end, name in spans
        if not any(s <= start and end <= e and (e - s) > (end - start) for s, e, _ in spans)
    ]


@cache
def data_category_terms() -> list[str]:
    """Every term of the shared data-category vocabulary, in every language."""
    data = load_data(CATEGORIES_FILE)
    return [
        term
        for entry in data["categories"].values()
        for terms in entry["terms"].values()
        for term in terms
    ]


def _rule(raw: dict[str, Any], groups: dict[str, tuple[re.Pattern[str], ...]]) -> Rule:
    patterns: tuple[re.Pattern[str], ...]
    if raw.get("group") == "vendor":
        patterns = ()
    elif "group" in raw:
        patterns = groups[raw["group"]]
    else:
        patterns = compile_split(_as_list(raw["re"]))
    near = raw.get("near")
    after = raw.get("after")
    for spec in (near, after):
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
                collected.setdefault(key, []).extend(_rule(raw, groups) for raw in raws)
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


def lexicon_sources() -> dict[str, tuple[str, str]]:
    """``{file: (source, date)}`` of every policy lexicon file, for documentation."""
    out = {}
    for name in ("common", *LANGUAGES):
        data = load_data(f"{LEXICON_DIR}/{name}.json")
        out[name] = (data["source"], data["date"])
    return out
