"""The national lists of processing that needs a DPIA (GDPR Art. 35(4)), one file per country.

``ropa/data/legal/dpia_list_<cc>.json`` holds the list of a supervisory authority: its source,
when ropa compiled it and against what it was verified, and its entries. An entry says which
signals of the record show the listed kind of processing (see the files' ``note``) and how
many WP248 criteria the activity must meet in total for the entry to apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ropa.model.countries import member_state
from ropa.model.provenance import provenance
from ropa.model.resources import data_dir, load_data

#: Signals an entry may require; the rules decide which of them an activity shows.
SIGNALS = frozenset(
    {
        "biometric",
        "genetic",
        "health",
        "location",
        "employees",
        "children",
        "large_scale",
        "systematic_monitoring",
        "innovative_technology",
        "automated_decisions",
        "profiling",
    }
)


@dataclass(frozen=True)
class ListEntry:
    """One kind of processing on a national Art. 35(4) list."""

    id: str
    label: str
    signals: frozenset[str]
    terms: tuple[str, ...]  # any one must occur in the activity's words; empty: no words needed
    min_criteria: int  # WP248 criteria the activity must meet in total
    labels: tuple[tuple[str, str], ...] = ()  # the label in other languages (sv, nb, da, fi)

    def label_in(self, lang: str) -> str:
        """The entry's description in ``lang`` (English where the list has none)."""
        return dict(self.labels).get(lang, self.label)


@dataclass(frozen=True)
class DpiaList:
    """A supervisory authority's Art. 35(4) list."""

    country: str
    authority: str
    adopted: str
    source: str
    file: str
    entries: tuple[ListEntry, ...]
    verified: bool = True  # False: not checked against the authority's own text

    @property
    def reference(self) -> str:
        return f"Art. 35(4); {self.authority}'s list ({self.adopted})"


def _entry(raw: dict[str, object]) -> ListEntry:
    signals = frozenset(str(s) for s in raw.get("signals", []))  # type: ignore[attr-defined]
    unknown = signals - SIGNALS
    if unknown:
        raise ValueError(f"unknown DPIA-list signals {sorted(unknown)} in {raw['id']}")
    return ListEntry(
        id=str(raw["id"]),
        label=str(raw["label"]),
        signals=signals,
        terms=tuple(str(t) for t in raw.get("terms", [])),  # type: ignore[attr-defined]
        min_criteria=int(raw["min_criteria"]),  # type: ignore[call-overload]
        labels=tuple((str(k), str(v)) for k, v in raw.get("labels", {}).items()),  # type: ignore[attr-defined]
    )


@cache
def _lists() -> dict[str, DpiaList]:
    found = {}
    for path in sorted((data_dir() / "legal").glob("dpia_list_*.json")):
        relative = f"legal/{path.name}"
        data = load_data(relative)
        found[data["country"]] = DpiaList(
            country=data["country"],
            authority=data["authority"],
            adopted=data["adopted"],
            source=data["source"],
            file=relative,
            entries=tuple(_entry(raw) for raw in data["entries"]),
            verified=provenance(relative).verified_on is not None,
        )
    return found


def dpia_list(country: str) -> DpiaList | None:
    """The Art. 35(4) list of a country's authority, where ropa has it (Åland counts as FI)."""
    resolved = member_state(country)
    return _lists().get(resolved) if resolved else None


def dpia_list_countries() -> tuple[str, ...]:
    return tuple(sorted(_lists()))
