"""Countries, the EEA and its territories, and international organisations as recipients.

The EEA's members and territories are in ``ropa/data/legal/eea.json``, the international
organisations in ``ropa/data/legal/international_organisations.json``. Country names come from
pycountry (with its Swedish, Norwegian, Danish and Finnish translations); it is imported on
first use so that ``import ropa.model.legal`` stays cheap.
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
class InternationalOrganisation:
    """An international organisation (Art. 4(26)) that can receive personal data."""

    key: str
    name: str
    seat: str
    names: tuple[str, ...]


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


@cache
def _eea_members() -> frozenset[str]:
    data = _eea()
    return frozenset(data["eu"]) | frozenset(data["efta_eea"])


@cache
def eea_territories() -> dict[str, str]:
    """Territory code -> its Member State, for parts of the EU with an ISO code of their own."""
    return {item["code"]: item["member_state"] for item in _eea()["territories"]}


def is_eea(code: str) -> bool:
    """True for the EU-27 and Iceland, Liechtenstein and Norway, and for EU territories with a
    code of their own (Åland, the French outermost regions)."""
    resolved = country_code(code)
    return resolved is not None and (resolved in _eea_members() or resolved in eea_territories())


def member_state(code: str) -> str | None:
    """The EEA state a code stands for: itself, or a territory's Member State (AX -> FI)."""
    resolved = country_code(code)
    if resolved is None:
        return None
    if resolved in _eea_members():
        return resolved
    return eea_territories().get(resolved)


def country_choices(lang: str = "en") -> list[str]:
    """Drop-down entries "SE \u2013 Sweden": EEA countries first, then all others, each by code."""
    names = _names()
    eea = _eea_members()
    ordered = sorted(eea) + sorted(code for code in names if code not in eea)
    return [f"{code} \u2013 {names[code].get(lang) or names[code]['en']}" for code in ordered]


# --- international organisations ---------------------------------------------------------


@cache
def international_organisations() -> tuple[InternationalOrganisation, ...]:
    """The organisations of ``legal/international_organisations.json``, in file order."""
    data = load_data("legal/international_organisations.json")
    return tuple(
        InternationalOrganisation(raw["key"], raw["name"], raw["seat"], tuple(raw["names"]))
        for raw in data["organisations"]
    )


@cache
def _organisation_index() -> dict[str, InternationalOrganisation]:
    index: dict[str, InternationalOrganisation] = {}
    for organisation in international_organisations():
        for name in (organisation.key, organisation.name, *organisation.names):
            index.setdefault(vocab_key(name), organisation)
    return index


def international_organisation(text: str) -> InternationalOrganisation | None:
    """The international organisation a name, short name or key stands for, or None."""
    if not isinstance(text, str):
        return None
    return _organisation_index().get(vocab_key(text))


def destination(text: str) -> str | None:
    """Where a transfer goes: a country's alpha-2 code, or an international organisation's
    key (``EPOrg``). A country wins a shared spelling; None for anything unknown."""
    code = country_code(text)
    if code is not None:
        return code
    organisation = international_organisation(text)
    return organisation.key if organisation is not None else None
