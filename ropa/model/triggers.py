"""What starts a retention period: "the contract ends", "your last purchase", "avslutad
prenumeration", "asiakassuhteen päättymisestä", as the groups of
``ropa/data/lexicon/retention_triggers.json``.

Two periods of the same length run from different events when their triggers fall in
different groups ("3 years after the contract ends" and "3 years after your last purchase").
A trigger that matches no group is unknown: it is not compared.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ropa.model.patterns import compile_patterns
from ropa.model.resources import load_data

TRIGGERS_FILE = "lexicon/retention_triggers.json"


@cache
def _triggers() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    data = load_data(TRIGGERS_FILE)["triggers"]
    return tuple(
        (key, entry["group"], compile_patterns(list(entry["terms"]))) for key, entry in data.items()
    )


@lru_cache(maxsize=4096)
def trigger_groups(text: str | None) -> frozenset[str]:
    """The groups of the events a trigger names (empty when none is recognised)."""
    if not text or not text.strip():
        return frozenset()
    return frozenset(group for _, group, pattern in _triggers() if pattern.search(text))


def trigger_keys(text: str | None) -> frozenset[str]:
    """The trigger keys a text names ("contract_end", "last_purchase", ...)."""
    if not text or not text.strip():
        return frozenset()
    return frozenset(key for key, _, pattern in _triggers() if pattern.search(text))


def same_clock(one: str | None, other: str | None) -> bool | None:
    """Whether two triggers start the same clock: True or False when both are recognised,
    None when either is not (nothing to compare)."""
    a, b = trigger_groups(one), trigger_groups(other)
    if not a or not b:
        return None
    return bool(a & b)
