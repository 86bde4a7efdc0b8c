"""The one compiler of word lists into whole-word regular expressions.

Lexicon patterns (:func:`compile_patterns`, :func:`compile_split`) are regular expressions
matched case-insensitively as whole words, with two shorthands so the word lists stay
readable for a DPO (see :mod:`ropa.read.notice.lexicon` for the files that use them):

* ``~`` stands for "any word ending" (``rättighet~`` matches rättighet, rättigheter, ...);
* a space stands for any run of whitespace.

:func:`compile_patterns` rewrites the alternation so the regex engine skips most positions of
a text at once (see :func:`_whole_word_alternation`); ``tests/test_policy_detection_stable.py``
checks that it matches exactly what the plain alternation does.

Smaller pieces for patterns built from literal words and phrases (the retention lexicon,
the DPIA criteria, authority and vendor names):

* :data:`NEVER`: a pattern that matches nothing (for an empty word list);
* :func:`phrase_source`: a literal phrase, any run of whitespace between its words;
* :func:`longest_first`: words without repeats, longest first, so ``till dess att`` wins
  over ``till`` in an alternation;
* :func:`word_start` and :func:`whole_word`: a source that must start a word, or be one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

#: A pattern that never matches.
NEVER = r"(?!x)x"


def phrase_source(phrase: str) -> str:
    """A phrase as a regex source: its words literally, any run of whitespace between them."""
    return r"\s+".join(re.escape(word) for word in phrase.split())


def longest_first(words: Iterable[str]) -> list[str]:
    """The words without repeats, longest first (then alphabetically, so the order is stable).

    The regex engine takes the first alternative that fits, so a longer phrase must come
    before any phrase it starts with.
    """
    return sorted(set(words), key=lambda word: (-len(word), word))


def word_start(source: str) -> str:
    """The source where it starts a word (it may end inside one): ``(?<!\\w)(?:...)``."""
    return rf"(?<!\w)(?:{source})"


def whole_word(source: str) -> str:
    """The source as whole words only: ``(?<!\\w)(?:...)(?!\\w)``."""
    return rf"(?<!\w)(?:{source})(?!\w)"


# --- lexicon patterns ----------------------------------------------------------------------

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
        return re.compile(NEVER)
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
