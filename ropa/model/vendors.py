"""The vendor catalogue (``ropa/data/vendors.json``): service providers notices often name.

:func:`vendors` is the catalogue by name, read once; :func:`vendor_index` is the one compiled
form of it (every alias as a pattern, indexed by its first word), which :func:`find_vendors`
uses to find the vendors a text names.

An alias in ``aliases`` matches as whole words in any case, its spaces standing for a space,
a hyphen or nothing ("Google Analytics", "google-analytics", "GoogleAnalytics"); an alias in
``exact_aliases`` (short or ambiguous names such as Bring or GLS) only as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ropa.model.patterns import whole_word
from ropa.model.resources import load_data

VENDORS_FILE = "vendors.json"


@dataclass(frozen=True)
class Vendor:
    """One vendor of the catalogue."""

    name: str
    country: str  # ISO 3166-1 alpha-2 of the group's home country
    category: str
    aliases: tuple[str, ...]
    exact_aliases: tuple[str, ...]


@cache
def vendors() -> dict[str, Vendor]:
    """Every vendor of the catalogue by name (names are unique), in file order."""
    return {
        raw["name"]: Vendor(
            name=raw["name"],
            country=raw["country"],
            category=raw["category"],
            aliases=tuple(raw["aliases"]),
            exact_aliases=tuple(raw.get("exact_aliases", ())),
        )
        for raw in load_data(VENDORS_FILE)["vendors"]
    }


def _alias_regex(alias: str, exact: bool) -> str:
    body = re.escape(alias).replace(r"\ ", r"[ -]*" if not exact else " +")
    return whole_word(body if exact else f"(?i:{body})")


_FIRST_WORD = re.compile(r"\w+")


@cache
def vendor_index() -> dict[str, tuple[tuple[str, re.Pattern[str]], ...]]:
    """First word of an alias (lower-cased) -> (vendor name, alias pattern) to try there.

    Looking up each word of a notice in this index and trying only the aliases that start
    with it is much faster than one alternation of every alias.
    """
    index: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for vendor in vendors().values():
        aliases = [(a, False) for a in vendor.aliases]
        aliases += [(a, True) for a in vendor.exact_aliases]
        for alias, exact in aliases:
            first = _FIRST_WORD.search(alias)
            if first is None:
                continue
            pattern = re.compile(_alias_regex(alias, exact))
            index.setdefault(first.group(0).lower(), []).append((vendor.name, pattern))
    return {word: tuple(entries) for word, entries in index.items()}


def find_vendors(text: str) -> list[tuple[int, int, str]]:
    """(start, end, vendor name) of every vendor alias in a text; shorter matches inside a
    longer one ("Google" inside "Google Analytics") are dropped."""
    index = vendor_index()
    if index.keys().isdisjoint(map(str.lower, _FIRST_WORD.findall(text))):
        return []  # most lines name no vendor: one pass over their words says so
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
def record_name_patterns() -> dict[str, re.Pattern[str]]:
    """Vendor name -> a pattern that finds it in a record's processor cells.

    Looser than :func:`vendor_index` on purpose: a long name may start a compound, as people
    write processor names ("Instagramsidor", "Mailchimp-konto").
    """
    patterns: dict[str, re.Pattern[str]] = {}
    for vendor in vendors().values():
        names = [vendor.name, *vendor.aliases, *vendor.exact_aliases]
        body = "|".join(
            re.escape(name) + (r"\w*" if len(name) >= 5 else "") for name in names if name.strip()
        )
        patterns[vendor.name] = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)
    return patterns
