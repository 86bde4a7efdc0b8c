"""Find the supervisory authorities a notice names, by current or former name.

The names come from ``ropa/data/legal/supervisory_authorities.json`` and every match is
resolved with :func:`ropa.model.legal.find_authority`. Long one-word names match with their
inflections ("Datainspektionens", "tietosuojavaltuutetulle"): the last two letters of the
name may vary. Short names (IMY) only count for the Nordic authorities, in capitals, as a
word: elsewhere they clash with ordinary abbreviations (DSB is also the Danish railway).
"Datainspektionen" on a line that also says Åland (or di.ax) is Åland's own authority, not
the former name of Sweden's IMY.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from ropa.model.legal import Authority, find_authority, supervisory_authorities
from ropa.model.patterns import phrase_source, whole_word, word_start

_NORDIC = ("SE", "NO", "DK", "FI", "IS", "AX")
# A line that places the authority on Åland: "Datainspektionen på Åland", "Ålands ...", di.ax.
_ALAND = re.compile(r"\båland|\bdi\.ax\b", re.I)


@dataclass(frozen=True)
class AuthorityMention:
    """A line of the notice that names an authority."""

    line: int
    text: str  # the name as written
    authority: Authority
    valid_until: str | None  # for a former name: the last day it was valid


def _name_pattern(name: str) -> re.Pattern[str]:
    words = name.split()
    if len(words) == 1 and len(name) >= 10:
        return re.compile(word_start(re.escape(name[:-2]) + r"\w*"), re.I)
    ending = r"\w*" if len(words[-1]) >= 6 else ""  # "toimisto" -> "toimistolle"
    return re.compile(whole_word(phrase_source(name) + ending), re.I)


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    """(pattern, spelling as in the data, country) for every name worth looking for."""
    found: dict[tuple[str, str], re.Pattern[str]] = {}
    for authority in supervisory_authorities():
        country = authority.country
        names = [authority.name, authority.name_en, *authority.name.split(" / ")]
        names += list(authority.other_names)
        names += [old for old, _ in authority.former_names]
        names += [part for old, _ in authority.former_names for part in old.split(" / ")]
        for name in names:
            name = name.strip()
            if len(name) >= 6 and (name, country) not in found:
                found[(name, country)] = _name_pattern(name)
        if country in _NORDIC:
            for short in authority.short.split("/"):
                short = short.strip()
                if (short, country) in found:
                    continue
                if short.isupper() and len(short) >= 3:
                    found[(short, country)] = re.compile(whole_word(re.escape(short)))
                elif len(short) >= 10:
                    found[(short, country)] = _name_pattern(short)
    return tuple((pattern, name, country) for (name, country), pattern in found.items())


@cache
def _needles() -> tuple[tuple[str, bool, re.Pattern[str], str, str], ...]:
    """(literal that must occur, whether in the lowercased line, pattern, spelling, country).

    Plain substring tests are much cheaper than the patterns: most lines name no authority.
    """
    out = []
    for pattern, spelling, country in _patterns():
        if pattern.flags & re.I:
            word = spelling.split()[0].lower()
            out.append((word[:-2] if len(word) >= 10 else word, True, pattern, spelling, country))
        else:
            out.append((spelling, False, pattern, spelling, country))
    return tuple(out)


def find_mentions(lines: Sequence[str], preferred: Sequence[str] = ()) -> list[AuthorityMention]:
    """Every authority named in the lines, in line order (per line: once by name, once by
    a former name).

    A name two authorities share (Datatilsynet: Denmark and Norway) is given to the one of a
    ``preferred`` country if there is one, else to the first in the data file.
    """
    return list(_find_mentions(tuple(lines), tuple(preferred)))


@lru_cache(maxsize=16)
def _find_mentions(
    lines: tuple[str, ...], preferred: tuple[str, ...]
) -> tuple[AuthorityMention, ...]:
    mentions: list[AuthorityMention] = []
    # A name that is nowhere in the notice is in none of its lines: looking in the whole
    # text once leaves the few names worth looking for line by line.
    whole = "\n".join(lines)
    folded_whole = whole.lower()
    needles = [n for n in _needles() if n[0] in (folded_whole if n[1] else whole)]
    for number, line in enumerate(lines, start=1):
        lower = line.lower()
        local = ("AX", *preferred) if _ALAND.search(line) else preferred
        spans: dict[tuple[int, int], list[tuple[str, str]]] = {}
        for needle, folded, pattern, spelling, country in needles:
            if needle not in (lower if folded else line):
                continue
            for match in pattern.finditer(line):
                spans.setdefault(match.span(), []).append((spelling, country))
        seen: set[tuple[str, str | None]] = set()
        covered = -1
        for (start, end), candidates in sorted(spans.items(), key=lambda s: (s[0][0], -s[0][1])):
            if start < covered:  # inside a longer name already taken
                continue
            chosen = next((c for c in candidates if c[1] in local), candidates[0])
            resolved = find_authority(chosen[0], country=chosen[1])
            if resolved is None or (resolved[0].country, resolved[1]) in seen:
                continue
            covered = end
            seen.add((resolved[0].country, resolved[1]))
            mentions.append(AuthorityMention(number, line[start:end], *resolved))
    return tuple(mentions)
