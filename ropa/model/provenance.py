"""Where each data file's facts come from, when they were written down and when checked.

Every legal and vocabulary file states ``source``, ``compiled`` (the date it was written) and
``verified`` (``on``: the date it was last checked, ``against``: the official page it was
checked against). Older lexicon files state only a ``date``, which counts as compiled and
not verified; a ``verified`` that is only a text says how, not when. A file that could not be
checked against the official text says so with ``on`` and ``against`` null and
``compared_with``: what it was compared with instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from ropa.model.resources import data_dir, load_data

#: The folders whose files hold the law ropa applies, and so must say when they were checked.
LEGAL_FOLDERS = ("legal", "vocab")


@dataclass(frozen=True)
class Provenance:
    """A data file's source and dates."""

    file: str  # relative to ropa/data, e.g. legal/adequacy.json
    source: str
    compiled: str
    verified_on: str | None
    verified_against: str | None
    compared_with: str | None = None  # what an unverified file was compared with instead

    @property
    def verified_date(self) -> dt.date | None:
        return dt.date.fromisoformat(self.verified_on) if self.verified_on else None


def provenance(relative: str) -> Provenance:
    """The provenance of ``ropa/data/<relative>``; KeyError if the file states no source."""
    data = load_data(relative)
    if not isinstance(data, dict) or "source" not in data:
        raise KeyError(f"{relative} states no source")
    verified = data.get("verified") or {}
    if isinstance(verified, str):  # a note of how it was reviewed, without a date
        verified = {"against": verified}
    return Provenance(
        file=relative,
        source=data["source"],
        compiled=data.get("compiled") or data.get("date", ""),
        verified_on=verified.get("on"),
        verified_against=verified.get("against"),
        compared_with=verified.get("compared_with"),
    )


@cache
def legal_provenance() -> tuple[Provenance, ...]:
    """Every file of the legal and vocabulary folders, by name."""
    found = []
    for folder in LEGAL_FOLDERS:
        for path in sorted((data_dir() / folder).glob("*.json")):
            found.append(provenance(f"{folder}/{path.name}"))
    return tuple(found)


def oldest_verification() -> Provenance:
    """The legal or vocabulary file checked longest ago (one never checked counts first).

    A file that states it could not be checked against the official text (``compared_with``)
    does not count: its age is not the install's, and the rules that apply it say so.
    """
    checked = [item for item in legal_provenance() if item.compared_with is None]
    return min(checked, key=lambda item: (item.verified_on or "", item.file))
