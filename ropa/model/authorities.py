"""National data protection supervisory authorities (GDPR Art. 51), their names old and new.

The authorities live in ``ropa/data/legal/supervisory_authorities.json``. A few names are
shared: Datatilsynet is both Denmark's and Norway's authority, and Datainspektionen is both
Åland's current authority and the former name of Sweden's IMY.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ropa.model.countries import country_code
from ropa.model.resources import load_data
from ropa.model.text import vocab_key


@dataclass(frozen=True)
class Authority:
    """A national (or, for Åland, regional) data protection supervisory authority."""

    country: str
    name: str
    name_en: str
    short: str
    website: str
    former_names: tuple[tuple[str, str], ...]  # (name, last day it was valid, ISO date)
    other_names: tuple[str, ...] = ()  # current names in another official language
    region_of: str | None = None  # the Member State of a regional authority (AX -> FI)


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
            other_names=tuple(raw.get("other_names", ())),
            region_of=raw.get("region_of"),
        )
        for raw in data["authorities"]
    )


def authorities(country: str) -> tuple[Authority, ...]:
    """The supervisory authorities of a country or territory (empty if unknown).

    Åland (AX) has its own authority for its government and municipalities; everyone else
    on Åland answers to Finland's, so both are returned for AX.
    """
    resolved = country_code(country)
    found = tuple(a for a in supervisory_authorities() if a.country == resolved)
    regional = {a.region_of for a in found if a.region_of}
    return found + tuple(a for a in supervisory_authorities() if a.country in regional)


@cache
def _authority_index() -> dict[str, list[tuple[Authority, str | None]]]:
    """Normalised name -> (authority, valid-until for a former name, else None)."""
    index: dict[str, list[tuple[Authority, str | None]]] = {}
    for authority in supervisory_authorities():
        spellings: list[tuple[str, str | None]] = [
            (authority.name, None),
            (authority.name_en, None),
            (authority.short, None),
            *((other, None) for other in authority.other_names),
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
    authority; Datainspektionen is Åland's authority and Sweden's former one): pass
    ``country`` to choose; without it the first in the data file wins (Åland's comes last).
    """
    if not isinstance(text, str):
        return None
    candidates = _authority_index().get(vocab_key(text), [])
    if country is not None:
        wanted = country_code(country)
        candidates = [entry for entry in candidates if entry[0].country == wanted]
    return candidates[0] if candidates else None
