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

from ropa.model.languages import NOTICE_LANGUAGES
from ropa.model.resources import load_data

LEXICON_DIR = "lexicon/policy"
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


_SPECIAL = frozenset("\\.^$*+?{}[]()|")
_QUANTIFIERS = frozenset("*+?{")
# Expanding leading groups into alternatives stops at this many alternatives per pattern.
_MAX_ALTERNATIVES = 64


def _top_level(source: str) -> tuple[list[int], dict[int, int]] | None:
    """Offsets of the top-level ``|`` of a regex source and the closing offset of each
    top-level ``(``; None when the parentheses do not balance."""
    bars: list[int] = []
    closing: dict[int, int] = {}
    opened: list[int] = []
    in_class = False
    index = 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
        elif char == "[":
            in_class = True
            if source[index + 1 : index + 2] == "^":
                index += 1
            if source[index + 1 : index + 2] == "]":  # a leading ] is literal
                index += 1
        elif char == "(":
            opened.append(index)
        elif char == ")":
            if not opened:
                return None
            begin = opened.pop()
            if not opened:
                closing[begin] = index
        elif char == "|" and not opened:
            bars.append(index)
        index += 1
    return (bars, closing) if not opened and not in_class else None


def _alternatives(source: str, budget: int = _MAX_ALTERNATIVES) -> list[str] | None:
    """The source as an ordered list of alternatives that each begin with a literal
    character, matching exactly what the source matches in the same order of preference:
    ``a|b`` -> ``a``, ``b``; ``(a|b)c`` -> ``ac``, ``bc``; ``(a)?c`` -> ``ac``, ``c``.
    None when that is not possible (the source begins with a class, a repeated group...).
    """
    found = _top_level(source)
    if found is None:
        return None
    bars, closing = found
    if bars:
        out: list[str] = []
        for begin, end in zip([-1, *bars], [*bars, len(source)], strict=True):
            part = _alternatives(source[begin + 1 : end], budget - len(out))
            if part is None:
                return None
            out += part
        return out if len(out) <= budget else None
    if _leading_literal(source) is not None:
        return [source]
    if 0 not in closing:
        return None
    end = closing[0]
    if source.startswith("(?:"):
        inner = source[3:end]
    elif source.startswith("(?-i:"):  # case-sensitive: each alternative keeps that
        inner = source[5:end]
    elif source.startswith("(?"):  # a lookaround, other flags or a named group
        return None
    else:
        inner = source[1:end]
    rest = source[end + 1 :]
    optional = rest[:1] == "?"
    if optional:
        rest = rest[1:]
        if rest[:1] in ("?", "+"):  # lazy or possessive
            return None
    if rest[:1] in _QUANTIFIERS:
        return None
    inner_found = _top_level(inner)
    if inner_found is None:
        return None
    inner_bars = inner_found[0]
    choices = [
        inner[begin + 1 : stop]
        for begin, stop in zip([-1, *inner_bars], [*inner_bars, len(inner)], strict=True)
    ]
    if source.startswith("(?-i:"):
        if len(choices) == 1:  # nothing to split, and no literal start (checked above)
            return None
        choices = [f"(?-i:{choice})" for choice in choices]
    if optional:
        choices.append("")
    out = []
    for choice in choices:
        part = _alternatives(choice + rest, budget - len(out))
        if part is None:
            return None
        out += part
    return out if len(out) <= budget else None


_PLAIN_CLASS = re.compile(r"\[[^\\\[\]^][^\\\[\]]*\]")


def _leading_literal(source: str) -> tuple[str, str] | None:
    """(the first character as written, the rest) when every match of the source starts
    with one character that is a literal (``n``, ``\\+``), a plain class (``[A-Z]``, no
    escapes or negation) or either of them in ``(?-i:...)``; it may not be optional. The
    caller makes sure there is no top-level ``|``."""
    if source.startswith("(?-i:"):
        found = _top_level(source)
        if found is None or 0 not in found[1]:
            return None
        end = found[1][0]
        inner, after = source[5:end], source[end + 1 :]
        inner_found = _top_level(inner)
        if after[:1] in _QUANTIFIERS or inner_found is None or inner_found[0]:
            return None
        leading = _leading_literal(inner)
        if leading is None:
            return None
        return f"(?-i:{leading[0]})", f"(?-i:{leading[1]}){after}"
    plain_class = _PLAIN_CLASS.match(source)
    if plain_class and all(ord(c) < 0x10000 for c in plain_class.group(0)):
        head, rest = plain_class.group(0), source[plain_class.end() :]
    elif source[:1] == "\\" and len(source) > 2 and not source[1].isalnum():
        head, rest = source[:2], source[2:]
    elif source[:1] and source[0] not in _SPECIAL:
        head, rest = source[:1], source[1:]
    else:
        return None
    if rest[:1] in _QUANTIFIERS:
        return None
    return head, rest


@cache
def _basic_plane() -> str:
    return "".join(map(chr, range(0x10000)))


@cache
def _caseless_chars(char: str) -> tuple[str, ...] | None:
    """Every character that ``char`` matches under IGNORECASE (``k``: k, K and the Kelvin
    sign), found by asking the regex engine; None beyond the Basic Multilingual Plane.

    Every case pair of Unicode lies within one plane (a test checks this for the lexicons'
    first characters), so scanning the first plane finds all of them."""
    if ord(char) >= 0x10000:
        return None
    return tuple(re.compile(re.escape(char), re.IGNORECASE).findall(_basic_plane()))


# How compiled alternations treat case (see _whole_word_alternation).
_LOWERED, _IGNORECASE, _SCOPED = "lowered", "ignorecase", "scoped"


def _heads(head: str, mode: str) -> list[tuple[str, tuple[str, ...]]] | None:
    """The first character of an alternative as (written, the characters of a text it
    matches) pairs: one pair, or under ``_SCOPED`` one per case of a letter; None when it
    cannot be grouped."""
    if head.startswith(("[", "(?-i:")):  # a class or a case-sensitive start
        if mode == _SCOPED:
            return None
        flags = re.IGNORECASE if mode == _IGNORECASE else 0
        return [(head, _class_chars(head, flags))]
    char = head[-1]
    if mode == _LOWERED:
        return [(head, (char,))]
    chars = _caseless_chars(char)
    if chars is None:
        return None
    if mode == _IGNORECASE:
        if chars == (char,):
            return [(head, chars)]
        written = "(?-i:[" + "".join(re.escape(c) for c in chars) + "])"
        return [(written, chars)]
    return [(re.escape(c) if len(head) == 1 else head, (c,)) for c in chars]


@cache
def _class_chars(head: str, flags: int) -> tuple[str, ...]:
    """The characters a first character written as a class matches (all in the first
    plane: the class has no escapes and only characters of that plane)."""
    return tuple(re.compile(head, flags).findall(_basic_plane()))


def _whole_word_alternation(sources: list[str], mode: str) -> str:
    """``(?<!\\w)(?:s1|s2|...)(?!\\w)`` rewritten to match exactly the same, faster.

    Python's regex engine tries every alternative at every position of the text. Here every
    source is split into alternatives that begin with one literal character (see
    :func:`_alternatives`), and those are grouped by it: ``n(?<!\\w.)(?:ame|ames)`` instead
    of ``(?<!\\w)(?:name|names)``, so the engine skips a position at once unless its
    character starts an alternative. ``(?<!\\w.)`` after the first character is the same
    check as ``(?<!\\w)`` before it.

    ``mode`` says how case is handled: ``_LOWERED``, case-sensitive (the text is lower-cased
    and so are the sources); ``_IGNORECASE``, compiled with IGNORECASE, the first character
    written as the case-sensitive class of what it matches (``(?-i:[Nn])``), which the
    engine checks just as quickly; ``_SCOPED``, compiled without IGNORECASE, one group per
    case of the first character (``N...|n...``) and the rest matched case-insensitively
    (``(?i:...)``): the fastest, as the engine then skips positions in a tight loop.

    Alternatives whose first characters can never match the same character of a text
    never match at the same position, so their relative order does not matter; the order
    within a group is kept, and a source that cannot be split (or whose first character
    overlaps another group's) closes the groups before it, so nothing moves past it.
    """
    caseless = "(?i:{})" if mode == _SCOPED else "{}"
    out: list[str | tuple[str, list[str]]] = []
    groups: dict[str, list[str]] = {}
    claimed: dict[str, str] = {}  # character of a text -> the group whose start matches it
    for source in sources:
        split: list[tuple[str, tuple[str, ...], str]] = []  # (head, its characters, rest)
        alternatives = _alternatives(source) or []
        for alternative in alternatives:
            leading = _leading_literal(alternative)
            heads = _heads(leading[0], mode) if leading else None
            if leading is None or heads is None:
                break
            split += [(head, chars, leading[1]) for head, chars in heads]
        else:
            if alternatives:
                for head, chars, rest in split:
                    if head not in groups:
                        if any(claimed.get(char, head) != head for char in chars):
                            groups, claimed = {}, {}  # overlaps an earlier group: start afresh
                        claimed.update(dict.fromkeys(chars, head))
                        groups[head] = []
                        out.append((head, groups[head]))
                    if caseless.format(rest) not in groups[head]:  # a repeat never matches
                        groups[head].append(caseless.format(rest))
                continue
        out.append(caseless.format(rf"(?<!\w)(?:{source})"))
        groups, claimed = {}, {}  # later alternatives may not move before this one
    parts = [
        item
        if isinstance(item, str)
        else item[0] + r"(?<!\w[\s\S])(?:" + "|".join(f"(?:{rest})" for rest in item[1]) + ")"
        for item in out
    ]
    return "(?:" + "|".join(parts) + r")(?!\w)"


def compile_patterns(patterns: list[str], lowered: bool = False) -> re.Pattern[str]:
    """One case-insensitive whole-word alternation of lexicon patterns.

    With ``lowered`` the result is meant for lower-cased text: it is compiled without
    IGNORECASE (about a third faster) unless a pattern needs case, written ``(?-i:...)``;
    callers tell the two kinds apart by the pattern's IGNORECASE flag. Without ``lowered``
    the result matches any text case-insensitively (its flags do not say so: the sources
    are made case-insensitive inline, which is faster; see :func:`_whole_word_alternation`).
    """
    if not patterns:
        return re.compile(r"(?!x)x")
    sources = [pattern_source(p) for p in patterns]
    if not lowered:
        return re.compile(_whole_word_alternation(sources, _SCOPED), re.MULTILINE)
    if not any("(?-i" in source for source in sources):
        sources = [_lower_source(source) for source in sources]
        return re.compile(_whole_word_alternation(sources, _LOWERED), re.MULTILINE)
    source = _whole_word_alternation(sources, _IGNORECASE)
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
    for name in ("common", *NOTICE_LANGUAGES):
        data = load_data(f"{LEXICON_DIR}/{name}.json")
        out[name] = (data["source"], data["date"])
    return out
