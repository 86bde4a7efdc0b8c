"""Legal facts the checks rely on: countries, the EEA, adequacy decisions, authorities, ID numbers.

The facts live in ``ropa/data/legal/*.json``, each file naming its source and the date it was
checked. Country names come from pycountry (with its Swedish, Norwegian, Danish and Finnish
translations); it is imported on first use so that ``import ropa.model.legal`` stays cheap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from ropa.model.resources import load_data
from ropa.model.text import vocab_key

# pycountry's gettext locale for each template language ("nb" ships as "nb_NO").
_LOCALES = {"sv": ("sv",), "nb": ("nb_NO", "nb"), "da": ("da",), "fi": ("fi",)}
# "SE \u2013 Sweden" (en dash), "SE - Sweden", "SE: Sweden": the drop-down style, code first.
_CODE_FIRST = re.compile(r"^([a-z]{2})\s*[-\u2013\u2014:|]\s*\S")
# Names people use that ISO and the translations do not carry.
_EXTRA_NAMES = {
    "GB": (
        "uk",
        "u.k.",
        "great britain",
        "britain",
        "england",
        "scotland",
        "wales",
        "northern ireland",
    ),
    "US": (
        "usa",
        "u.s.",
        "u.s.a.",
        "america",
        "united states of america",
        "us",
        "förenta staterna",
    ),
    "KR": ("korea", "south korea", "sydkorea", "sør-korea", "etelä-korea"),
    "NL": ("holland", "the netherlands"),
    "CZ": ("czech republic",),
    "CH": ("schweiz", "sveits", "sveitsi"),
    "FO": ("färöarna", "færøyene", "færøerne", "färsaaret"),
}


@dataclass(frozen=True)
class AdequacyDecision:
    """A European Commission adequacy decision (GDPR Art. 45) in force for a country."""

    country: str
    name: str
    decision: str
    adopted: str
    scope: str
    dpf_only: bool
    source: str


@dataclass(frozen=True)
class Authority:
    """A national data protection supervisory authority (GDPR Art. 51)."""

    country: str
    name: str
    name_en: str
    short: str
    website: str
    former_names: tuple[tuple[str, str], ...]  # (name, last day it was valid, ISO date)


@dataclass(frozen=True)
class NationalIdRule:
    """A national condition for processing an identity number (GDPR Art. 87)."""

    country: str
    provision: str
    id_name: str
    summary: str


# --- countries ---------------------------------------------------------------------------


@cache
def _eea() -> dict[str, Any]:
    data: dict[str, Any] = load_data("legal/eea.json")
    return data


@cache
def _translations() -> dict[str, Any]:
    """gettext catalogues for the Nordic languages; a missing one falls back to English."""
    import gettext

    import pycountry

    catalogues: dict[str, Any] = {}
    for lang, candidates in _LOCALES.items():
        catalogues[lang] = gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=list(candidates), fallback=True
        )
    return catalogues


@cache
def _names() -> dict[str, dict[str, str]]:
    """code -> {lang: country name}, for every ISO 3166-1 country."""
    import pycountry

    catalogues = _translations()
    names: dict[str, dict[str, str]] = {}
    for country in pycountry.countries:
        english = getattr(country, "common_name", None) or country.name
        by_lang = {"en": english}
        for lang, catalogue in catalogues.items():
            by_lang[lang] = catalogue.gettext(country.name)
        names[country.alpha_2] = by_lang
    return names


@cache
def _country_index() -> dict[str, str]:
    """Normalised code, alpha-3, name (any language) or alias -> alpha-2. Built once."""
    import pycountry

    catalogues = _translations()
    index: dict[str, str] = {}

    def add(text: str, code: str) -> None:
        index.setdefault(vocab_key(text), code)

    countries = list(pycountry.countries)
    # Codes first, then English names, then translations: on a clash the stronger claim wins.
    for country in countries:
        add(country.alpha_2, country.alpha_2)
        add(country.alpha_3, country.alpha_2)
    english = [
        (getattr(country, attr, None), country.alpha_2)
        for country in countries
        for attr in ("name", "official_name", "common_name")
    ]
    for name, code in english:
        if name:
            add(name, code)
    for catalogue in catalogues.values():
        for name, code in english:
            if name:
                add(catalogue.gettext(name), code)
    for code, extra in _EXTRA_NAMES.items():
        for name in extra:
            add(name, code)
    for alias, code in _eea()["aliases"].items():
        index[vocab_key(alias)] = code  # EL and UK override anything else
    return index


@lru_cache(maxsize=65536)
def country_code(text: str) -> str | None:
    """The ISO 3166-1 alpha-2 code for a code, alpha-3 code or name in any of the five languages.

    Accepts the drop-down entries of :func:`country_choices` (code, dash, name) as well.
    Returns None for anything it does not know.
    """
    if not isinstance(text, str):
        return None
    key = vocab_key(text)
    if not key:
        return None
    index = _country_index()
    found = index.get(key)
    if found is not None:
        return found
    dashed = _CODE_FIRST.match(key)
    if dashed:
        return index.get(dashed.group(1))
    return None


def country_name(code: str, lang: str = "en") -> str:
    """The country's name in ``lang`` (English for other languages); KeyError for unknown codes."""
    resolved = country_code(code) or code
    by_lang = _names()[resolved.upper()]
    return by_lang.get(lang) or by_lang["en"]


def _eea_members() -> frozenset[str]:
    data = _eea()
    return frozenset(data["eu"]) | frozenset(data["efta_eea"])


def is_eea(code: str) -> bool:
    """True for the 27 EU Member States and Iceland, Liechtenstein and Norway."""
    resolved = country_code(code)
    return resolved is not None and resolved in _eea_members()


def country_choices(lang: str = "en") -> list[str]:
    """Drop-down entries "SE \u2013 Sweden": EEA countries first, then all others, each by code."""
    names = _names()
    eea = _eea_members()
    ordered = sorted(eea) + sorted(code for code in names if code not in eea)
    return [f"{code} \u2013 {names[code].get(lang) or names[code]['en']}" for code in ordered]


# --- adequacy ----------------------------------------------------------------------------


@cache
def _adequacy() -> dict[str, AdequacyDecision]:
    data = load_data("legal/adequacy.json")
    decisions = {}
    for raw in data["decisions"]:
        decisions[raw["country"]] = AdequacyDecision(
            country=raw["country"],
            name=raw["name"],
            decision=raw["decision"],
            adopted=raw["adopted"],
            scope=raw["scope"],
            dpf_only=bool(raw.get("dpf_only", False)),
            source=data["source"],
        )
    return decisions


def adequacy(code: str) -> AdequacyDecision | None:
    """The adequacy decision in force for the country, or None if there is none."""
    resolved = country_code(code)
    return _adequacy().get(resolved) if resolved else None


# --- supervisory authorities -------------------------------------------------------------


@cache
def supervisory_authorities() -> tuple[Authority, ...]:
    """Every authority of ``legal/supervisory_authorities.json``, in file order (read once)."""
    data = load_data("legal/supervisory_authorities.json")
    return tuple(
        Authority(
            country=raw["country"],
            name=raw["name"],
            name_en=raw["name_en"],
            short=raw["short"],
            website=raw["website"],
            former_names=tuple((old["name"], old["valid_until"]) for old in raw["former_names"]),
        )
        for raw in data["authorities"]
    )


def authorities(country: str) -> tuple[Authority, ...]:
    """The national supervisory authorities of a country (empty if unknown or outside the EEA)."""
    resolved = country_code(country)
    return tuple(a for a in supervisory_authorities() if a.country == resolved)


@cache
def _authority_index() -> dict[str, list[tuple[Authority, str | None]]]:
    """Normalised name -> (authority, valid-until for a former name, else None)."""
    index: dict[str, list[tuple[Authority, str | None]]] = {}
    for authority in supervisory_authorities():
        spellings: list[tuple[str, str | None]] = [
            (authority.name, None),
            (authority.name_en, None),
            (authority.short, None),
        ]
        # "A / B" bilingual names: each half on its own is a name too.
        spellings += [(part, None) for part in authority.name.split(" / ")]
        spellings += [(part, None) for part in authority.short.split("/")]
        for old, until in authority.former_names:
            spellings.append((old, until))
            spellings += [(part, until) for part in old.split(" / ")]
        for text, valid_until in spellings:
            key = vocab_key(text)
            if not key:
                continue
            entries = index.setdefault(key, [])
            if all(entry[0] is not authority for entry in entries):
                entries.append((authority, valid_until))
    return index


def find_authority(text: str, *, country: str | None = None) -> tuple[Authority, str | None] | None:
    """The authority a name, short name or former name refers to, any case.

    Returns ``(authority, None)`` for a current name and ``(authority, valid_until)`` for a
    former one. Some names are shared (Datatilsynet is both the Danish and the Norwegian
    authority): pass ``country`` to choose; without it the first in the data file wins.
    """
    if not isinstance(text, str):
        return None
    candidates = _authority_index().get(vocab_key(text), [])
    if country is not None:
        wanted = country_code(country)
        candidates = [entry for entry in candidates if entry[0].country == wanted]
    return candidates[0] if candidates else None


# --- national identity numbers -----------------------------------------------------------


@cache
def _national_ids() -> dict[str, NationalIdRule]:
    data = load_data("legal/national_id.json")
    return {
        raw["country"]: NationalIdRule(
            country=raw["country"],
            provision=raw["provision"],
            id_name=raw["id_name"],
            summary=raw["summary"],
        )
        for raw in data["rules"]
    }


def national_id_rule(country: str) -> NationalIdRule | None:
    """The national rule for processing identity numbers (Art. 87), where ropa records one."""
    resolved = country_code(country)
    return _national_ids().get(resolved) if resolved else None


def data_source(name: str) -> tuple[str, str]:
    """``(source, date)`` of ``ropa/data/legal/<name>.json``, for documentation."""
    data = load_data(f"legal/{name}.json")
    return data["source"], data["date"]
