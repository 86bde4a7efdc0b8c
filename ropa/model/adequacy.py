"""Adequacy decisions (GDPR Art. 45): for whom, in what scope, from when, until when.

The decisions live in ``ropa/data/legal/adequacy.json``. A decision is keyed by the country's
ISO code or, for an international organisation, by its key (``EPOrg``); see
:func:`ropa.model.countries.destination`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from ropa.model.countries import destination
from ropa.model.resources import load_data

_EUR_LEX = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{}"


@dataclass(frozen=True)
class AdequacyDecision:
    """A European Commission adequacy decision for a country or an international organisation.

    ``scope`` is ``full`` or ``sectoral`` (only some recipients are covered: ``scope_note``
    says which). ``valid_until`` is set only where the decision has an end date;
    ``review_due`` is when the Commission's next periodic review is due.
    """

    key: str
    kind: str
    name: str
    decision: str
    adopted: str
    valid_from: str
    valid_until: str | None
    review_due: str | None
    scope: str
    scope_note: str
    dpf_only: bool
    celex: str | None
    oj: str | None
    link: str
    note: str
    source: str
    #: ``scope_note`` in other languages (sv, nb, da, fi), for the findings.
    scope_notes: tuple[tuple[str, str], ...] = ()

    def scope_in(self, lang: str) -> str:
        """``scope_note`` in ``lang`` (English where the data has none)."""
        return dict(self.scope_notes).get(lang, self.scope_note)

    @property
    def country(self) -> str:
        """The key, under its former name (a country code for every country)."""
        return self.key

    @property
    def sectoral(self) -> bool:
        return self.scope == "sectoral"

    @property
    def reference(self) -> str:
        """How a finding cites the decision: its title, with CELEX or OJ where known."""
        where = f"CELEX {self.celex}" if self.celex else self.oj
        return f"{self.decision} ({where})" if where else self.decision

    def expired(self, today: dt.date) -> bool:
        return self.valid_until is not None and dt.date.fromisoformat(self.valid_until) < today

    def in_force(self, today: dt.date) -> bool:
        started = dt.date.fromisoformat(self.valid_from) <= today
        return started and not self.expired(today)

    def review_overdue(self, today: dt.date) -> bool:
        return self.review_due is not None and dt.date.fromisoformat(self.review_due) <= today


@cache
def adequacy_decisions() -> dict[str, AdequacyDecision]:
    """Every decision of ``legal/adequacy.json`` by key, read once."""
    data = load_data("legal/adequacy.json")
    decisions = {}
    for raw in data["decisions"]:
        celex = raw.get("celex")
        link = _EUR_LEX.format(celex) if celex else raw.get("url") or ""
        decisions[raw["key"]] = AdequacyDecision(
            key=raw["key"],
            kind=raw["kind"],
            name=raw["name"],
            decision=raw["decision"],
            adopted=raw["adopted"],
            valid_from=raw["valid_from"],
            valid_until=raw.get("valid_until"),
            review_due=raw.get("review_due"),
            scope=raw["scope"],
            scope_note=raw["scope_note"],
            dpf_only=bool(raw.get("dpf_only", False)),
            celex=celex,
            oj=raw.get("oj"),
            link=link,
            note=raw.get("note", ""),
            source=data["source"],
            scope_notes=tuple(raw.get("scope_notes", {}).items()),
        )
    return decisions


def adequacy(where: str) -> AdequacyDecision | None:
    """The adequacy decision for a country (code or name) or an international organisation.

    Returns the decision whatever its dates; ask :meth:`AdequacyDecision.in_force` or
    :meth:`AdequacyDecision.expired` for a given day.
    """
    resolved = destination(where)
    return adequacy_decisions().get(resolved) if resolved else None
