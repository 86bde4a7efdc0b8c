"""National rules under the GDPR's opening clauses: identity numbers (Art. 87), criminal-offence
data (Art. 10) and the age of a child's own consent online (Art. 8(1)).

The rules live in ``ropa/data/legal/national_id.json``, ``criminal_data.json`` and
``children_consent.json``, one entry per country that ropa knows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ropa.model.countries import member_state
from ropa.model.resources import load_data


@dataclass(frozen=True)
class NationalIdRule:
    """A national condition for processing an identity number (GDPR Art. 87)."""

    country: str
    provision: str
    id_name: str
    summary: str


@dataclass(frozen=True)
class CriminalDataRule:
    """A national law that authorises processing criminal-offence data (GDPR Art. 10)."""

    country: str
    provision: str
    short: str
    summary: str
    cites: tuple[str, ...]  # words that show a text names this law

    def cited_in(self, text: str) -> bool:
        folded = text.casefold()
        return any(word.casefold() in folded for word in self.cites)


@dataclass(frozen=True)
class ChildConsentAge:
    """The age from which a child may consent alone to an online service (GDPR Art. 8(1))."""

    country: str | None  # None for the GDPR's default
    age: int
    provision: str


@cache
def _national_ids() -> dict[str, NationalIdRule]:
    data = load_data("legal/national_id.json")
    return {
        raw["country"]: NationalIdRule(
            raw["country"], raw["provision"], raw["id_name"], raw["summary"]
        )
        for raw in data["rules"]
    }


def national_id_rule(country: str) -> NationalIdRule | None:
    """The national rule for processing identity numbers (Art. 87), where ropa records one."""
    resolved = member_state(country)
    return _national_ids().get(resolved) if resolved else None


@cache
def _criminal() -> dict[str, CriminalDataRule]:
    data = load_data("legal/criminal_data.json")
    return {
        raw["country"]: CriminalDataRule(
            raw["country"], raw["provision"], raw["short"], raw["summary"], tuple(raw["cites"])
        )
        for raw in data["rules"]
    }


def criminal_data_rule(country: str) -> CriminalDataRule | None:
    """The national Art. 10 authorisation of a country (Åland counts as Finland)."""
    resolved = member_state(country)
    return _criminal().get(resolved) if resolved else None


@cache
def _children() -> tuple[ChildConsentAge, dict[str, ChildConsentAge]]:
    data = load_data("legal/children_consent.json")
    default = ChildConsentAge(None, data["default"]["age"], data["default"]["provision"])
    rules = {
        raw["country"]: ChildConsentAge(raw["country"], raw["age"], raw["provision"])
        for raw in data["rules"]
    }
    return default, rules


def child_consent_age(country: str) -> ChildConsentAge:
    """The Art. 8(1) age for a country: its own where ropa knows it, else the GDPR's 16."""
    default, rules = _children()
    resolved = member_state(country)
    return rules.get(resolved, default) if resolved else default
