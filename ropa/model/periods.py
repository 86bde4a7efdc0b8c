"""Retention periods as data protection officers write them, in English and the Nordic languages.

A cell in the retention column may hold "5 år", "36 mnd", "24 kuukautta viimeisestä ostosta",
"until consent is withdrawn" or "as long as necessary". :func:`parse_period` turns any of those
into a :class:`RetentionPeriod` without ever raising, so the linter can tell a concrete period
from an event-bound one, a vague one and one it could not read.

Every word that depends on a language (units, number words, trigger and event markers, vague
phrases) lives in ``ropa/data/lexicon/retention.json``, compiled once by
:mod:`ropa.model.retention_lexicon`; this module reads a cell with it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Any

from ropa.model.retention_lexicon import RetentionLexicon, retention_lexicon
from ropa.model.text import period_text

# Approximate days per unit. These are conventions for comparing periods, not calendar maths.
_DAYS_PER_UNIT = {"year": 365, "month": 30, "week": 7, "day": 1}
#: Units the calendar counts in another: (factor, unit).
_CALENDAR = {"year": (12, "month"), "week": (7, "day")}
_HOURS_PER_DAY = 24


class PeriodKind(str, Enum):
    """What kind of retention statement a cell holds."""

    PERIOD = "period"
    EVENT = "event"
    VAGUE = "vague"
    EMPTY = "empty"
    UNPARSEABLE = "unparseable"


@dataclass(frozen=True)
class RetentionPeriod:
    """A parsed retention statement; ``raw`` always keeps the cell's text as given."""

    kind: PeriodKind
    raw: str
    amount: float | None = None
    unit: str | None = None
    min_amount: float | None = None
    trigger: str | None = None
    language: str | None = None

    @property
    def days(self) -> int | None:
        """Approximate length in days (upper bound of a range); None unless a PERIOD."""
        if self.kind is not PeriodKind.PERIOD or self.amount is None or self.unit is None:
            return None
        return _to_days(self.amount, self.unit)

    @property
    def calendar(self) -> tuple[float | None, float, str] | None:
        """The length as the calendar counts it, for comparing: ``(min, amount, unit)`` with
        years and months both in months (so "2 years" and "24 månader" are one period, and
        "12 months" is a year, not 360 days), weeks and days in days; None unless a PERIOD."""
        if self.kind is not PeriodKind.PERIOD or self.amount is None or self.unit is None:
            return None
        factor, unit = _CALENDAR.get(self.unit, (1, self.unit))
        low = None if self.min_amount is None else round(self.min_amount * factor, 6)
        return (low, round(self.amount * factor, 6), unit)

    @property
    def years(self) -> float | None:
        """The length in years, counting months as twelfths of a year and days as 365ths."""
        calendar = self.calendar
        if calendar is None:
            return None
        _, amount, unit = calendar
        if unit == "month":
            return amount / 12
        days = self.days
        return None if days is None else days / 365

    def describe(self) -> str:
        """Normalised English, e.g. ``7 years after the end of the financial year``."""
        relation = _analyse(period_text(self.raw)).relation
        if self.kind is PeriodKind.PERIOD:
            return _describe_period(self, relation)
        if self.kind is PeriodKind.EVENT:
            phrase = _EVENT_PHRASES.get(relation or "until", "until")
            return f"{phrase} {self.trigger or '(unstated event)'}"
        if self.kind is PeriodKind.VAGUE:
            return f"vague: {period_text(self.raw)}"
        if self.kind is PeriodKind.EMPTY:
            return "no retention period stated"
        return f"unparseable: {period_text(self.raw)}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly structured value for exports."""
        return {
            "kind": self.kind.value,
            "amount": self.amount,
            "unit": self.unit,
            "min_amount": self.min_amount,
            "days": self.days,
            "trigger": self.trigger,
            "raw": self.raw,
        }


# How an EVENT relation reads in English; "after" covers "deleted after the contract ends".
_EVENT_PHRASES = {
    "until": "until",
    "after": "until",
    "during": "for the duration of",
    "while": "as long as",
}


def _to_days(amount: float, unit: str) -> int | None:
    if unit == "hour":
        # Any number of hours still occupies at least one day of storage.
        return max(1, math.ceil(round(amount / _HOURS_PER_DAY, 6)))
    factor = _DAYS_PER_UNIT.get(unit)
    if factor is None:
        return None
    # Rounding first keeps float noise (0.1 * 30 = 3.0000000000000004) from adding a day.
    return math.ceil(round(amount * factor, 6))


def _format_amount(amount: float) -> str:
    return str(int(amount)) if float(amount).is_integer() else f"{amount:g}"


def _describe_period(period: RetentionPeriod, relation: str | None) -> str:
    assert period.amount is not None and period.unit is not None
    plural = period.amount != 1 or period.min_amount is not None
    unit = period.unit + ("s" if plural else "")
    amount = _format_amount(period.amount)
    if period.min_amount is not None:
        amount = f"{_format_amount(period.min_amount)} to {amount}"
    text = f"{amount} {unit}"
    if period.trigger:
        text += f" {'from' if relation == 'from' else 'after'} {period.trigger}"
    return text


# --------------------------------------------------------------------------- analysis


@dataclass(frozen=True)
class _Analysis:
    """Everything parsing found, including the relation that ``describe`` needs."""

    kind: PeriodKind
    amount: float | None = None
    unit: str | None = None
    min_amount: float | None = None
    trigger: str | None = None
    language: str | None = None
    relation: str | None = None


# A trigger runs until a bracket, comma, semicolon or full stop: what follows is usually a
# citation ("(Bokföringslagen 7:2)") or a second step ("därefter gallras").
_TRIGGER_END = re.compile(r"\s*[(\[;,]|\.\s")
_EDGE_PUNCT = " ,:;-"


def _clean_trigger(text: str) -> str | None:
    """Cut a trigger at the first citation or sentence break; None if nothing wordy is left."""
    cut = _TRIGGER_END.search(text)
    if cut:
        text = text[: cut.start()]
    text = text.strip(_EDGE_PUNCT + ".")
    return text if re.search(r"[^\W\d_]", text) else None


def _find_duration(lex: RetentionLexicon, low: str) -> re.Match[str] | None:
    """The first duration whose amounts are positive (0 days is not a retention period)."""
    for match in lex.duration.finditer(low):
        high = match.group("high")
        if lex.number(match.group("low")) > 0 and (high is None or lex.number(high) > 0):
            return match
    return None


def _period_trigger(
    lex: RetentionLexicon, clean: str, low: str, match: re.Match[str], fi_unit: bool
) -> tuple[str | None, str | None, tuple[str, ...]]:
    """Find what starts the clock: after the duration, or (Finnish, "X +") before it."""
    start = match.end()
    rest_low = low[start:].lstrip(_EDGE_PUNCT + ".")
    offset = len(low) - len(rest_low)
    while filler := lex.fillers.match(rest_low):
        rest_low = rest_low[filler.end() :]
        offset += filler.end()
    rest = clean[offset:]
    if found := lex.trigger_prefix.match(rest_low):
        relation, langs = lex.triggers.info(found.group("marker"))
        return _clean_trigger(rest[found.start("trigger") :]), relation, langs
    if found := lex.trigger_suffix.match(rest_low):
        relation, langs = lex.suffix_triggers.info(found.group("marker"))
        return _clean_trigger(rest[: found.end("trigger")]), relation, langs
    if fi_unit and rest_low and lex.elative.search(_first_clause(rest_low)):
        # Finnish marks the starting point with the elative case alone: "viimeisestä ostosta".
        return _clean_trigger(rest), "from", lex.elative_languages
    return _trigger_before(lex, clean[: match.start()], fi_unit)


def _first_clause(text: str) -> str:
    cut = _TRIGGER_END.search(text)
    return (text[: cut.start()] if cut else text).rstrip(_EDGE_PUNCT + ".")


def _trigger_before(
    lex: RetentionLexicon, before: str, fi_unit: bool
) -> tuple[str | None, str | None, tuple[str, ...]]:
    """Triggers written ahead of the duration: "contract end + 5 years", Finnish word order."""
    before = before.rstrip()
    if before.endswith("+"):
        return _clean_trigger(before[:-1]), "after", ()
    if not fi_unit or not before:
        return None, None, ()
    if (found := lex.trigger_suffix.match(before.lower())) and found.end() == len(before):
        relation, langs = lex.suffix_triggers.info(found.group("marker"))
        return _clean_trigger(before[: found.end("trigger")]), relation, langs
    if lex.elative.search(before.lower()):
        return _clean_trigger(before), "from", lex.elative_languages
    return None, None, ()


def _period(lex: RetentionLexicon, clean: str, low: str, match: re.Match[str]) -> _Analysis:
    unit_token = match.group("unit")
    unit, unit_langs = lex.units.info(unit_token)
    low_amount = lex.number(match.group("low"))
    high_token = match.group("high")
    amount, min_amount = low_amount, None
    if high_token is not None:
        high = lex.number(high_token)
        amount, min_amount = max(low_amount, high), min(low_amount, high)
        if amount == min_amount:
            min_amount = None
    fi_unit = any(lang in lex.elative_languages for lang in unit_langs)
    trigger, relation, trigger_langs = _period_trigger(lex, clean, low, match, fi_unit)
    number_langs = lex.number_languages.get(match.group("low").lower(), ())
    language = lex.pick_language(clean, unit_langs, number_langs, trigger_langs)
    return _Analysis(
        PeriodKind.PERIOD,
        amount=amount,
        unit=unit,
        min_amount=min_amount,
        trigger=trigger,
        language=language,
        relation=relation if trigger else None,
    )


def _event(lex: RetentionLexicon, clean: str, low: str) -> _Analysis | None:
    """An event-bound statement: "until consent is withdrawn", "työsuhteen ajan"."""
    # Until-markers first: in "kept under lock until the contract ends" the event is the end.
    for sense in ("until", "while", "during"):
        pattern = lex.event_prefix.get(sense)
        if pattern and (found := pattern.search(low)):
            trigger = _clean_trigger(clean[found.start("trigger") :])
            if trigger:
                _, langs = lex.events.info(found.group("marker"))
                return _event_result(lex, clean, trigger, sense, langs)
    # "Deleted after the contract has ended" keeps the data until that event.
    if found := lex.event_after.search(low):
        trigger = _clean_trigger(clean[found.start("trigger") :])
        if trigger:
            _, langs = lex.triggers.info(found.group("marker"))
            return _event_result(lex, clean, trigger, "after", langs)
    if found := lex.event_suffix.match(low):
        trigger = _clean_trigger(clean[: found.end("trigger")])
        if trigger:
            sense, langs = lex.suffix_events.info(found.group("marker"))
            return _event_result(lex, clean, trigger, sense, langs)
    return None


def _event_result(
    lex: RetentionLexicon, clean: str, trigger: str, sense: str, langs: tuple[str, ...]
) -> _Analysis:
    language = lex.pick_language(clean, langs)
    return _Analysis(PeriodKind.EVENT, trigger=trigger, language=language, relation=sense)


@lru_cache(maxsize=4096)
def _analyse(clean: str) -> _Analysis:
    """Classify one normalised cell text; cached because workbooks repeat the same wording."""
    if not clean:
        return _Analysis(PeriodKind.EMPTY)
    lex = retention_lexicon()
    low = clean.lower()
    if len(low) != len(clean):
        # A few characters change length when lower-cased; slice the lowered text instead.
        clean = low
    if match := _find_duration(lex, low):
        return _period(lex, clean, low, match)
    if set(clean) <= {"?", " "}:
        return _Analysis(PeriodKind.VAGUE)
    if found := lex.vague.search(low):
        _, langs = lex.vague_phrases.info(found.group())
        return _Analysis(PeriodKind.VAGUE, language=lex.pick_language(clean, langs))
    return _event(lex, clean, low) or _Analysis(PeriodKind.UNPARSEABLE)


def _as_text(text: object) -> str | None:
    """The cell value as text, or None for an empty cell (None, NaN)."""
    if text is None:
        return None
    if isinstance(text, float) and math.isnan(text):
        return None
    if isinstance(text, str):
        return text
    try:
        return str(text)
    except Exception:  # a cell object whose __str__ fails is still only an unreadable cell
        return ""


def parse_period(text: object) -> RetentionPeriod:
    """Parse one retention cell. Never raises; see :class:`PeriodKind` for the outcomes.

    Numbers without a unit (``5``, ``5.0`` from Excel) are UNPARSEABLE: guessing years
    would hide exactly the gap a DPO needs to see.
    """
    value = _as_text(text)
    if value is None:
        return RetentionPeriod(PeriodKind.EMPTY, "")
    if isinstance(text, (bool, int, float)):
        return RetentionPeriod(PeriodKind.UNPARSEABLE, value)
    try:
        found = _analyse(period_text(value))
    except Exception:  # the promise is "never raise"; a lexicon bug must not stop a lint run
        return RetentionPeriod(PeriodKind.UNPARSEABLE, value)
    return RetentionPeriod(
        kind=found.kind,
        raw=value,
        amount=found.amount,
        unit=found.unit,
        min_amount=found.min_amount,
        trigger=found.trigger,
        language=found.language,
    )


__all__ = ["PeriodKind", "RetentionPeriod", "parse_period"]
