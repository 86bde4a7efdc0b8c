"""The retention lexicon (``ropa/data/lexicon/retention.json``), compiled once.

Every word :mod:`ropa.model.periods` needs that depends on a language (units, number words,
range connectors, trigger and event markers, vague phrases, fillers and Finnish elative
endings) lives in the data file; :func:`retention_lexicon` compiles it into the regular
expressions and look-up tables of a :class:`RetentionLexicon`. Phrases match as literal
words (any run of whitespace between them), longest first, so "till dess att" wins over
"till".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ropa.model.patterns import NEVER, longest_first, phrase_source, whole_word
from ropa.model.resources import load_data
from ropa.model.text import collapse

LEXICON_FILE = "lexicon/retention.json"


@dataclass(frozen=True)
class Phrases:
    """One compiled alternation of phrases, with what each phrase means and where it is from."""

    alternation: str
    meaning: dict[str, str]
    languages: dict[str, tuple[str, ...]]

    def info(self, matched: str) -> tuple[str, tuple[str, ...]]:
        key = collapse(matched.lower())
        return self.meaning.get(key, ""), self.languages.get(key, ())


@dataclass(frozen=True)
class RetentionLexicon:
    """The compiled lexicon: the patterns the parser runs and what each matched word means."""

    order: tuple[str, ...]
    letters: dict[str, str]
    duration: re.Pattern[str]
    units: Phrases
    numbers: dict[str, float]
    number_languages: dict[str, tuple[str, ...]]
    trigger_prefix: re.Pattern[str]
    trigger_suffix: re.Pattern[str]
    triggers: Phrases
    suffix_triggers: Phrases
    fillers: re.Pattern[str]
    elative: re.Pattern[str]
    elative_languages: tuple[str, ...]
    vague: re.Pattern[str]
    vague_phrases: Phrases
    event_prefix: dict[str, re.Pattern[str]]
    event_after: re.Pattern[str]
    event_suffix: re.Pattern[str]
    events: Phrases
    suffix_events: Phrases

    def pick_language(self, text: str, *candidates: tuple[str, ...]) -> str | None:
        """Best-effort language: intersect the languages of every matched word, then of letters."""
        pool: list[str] = list(self.order)
        for group in candidates:
            if not group:
                continue
            narrowed = [lang for lang in pool if lang in group]
            if narrowed:
                pool = narrowed
        # Letters such as æ/ø or ä/ö separate Danish/Norwegian from Swedish/Finnish.
        lowered = text.lower()
        by_letters = [
            lang for lang in pool if any(ch in lowered for ch in self.letters.get(lang, "") if ch)
        ]
        if by_letters and len(by_letters) < len(pool):
            pool = by_letters
        return pool[0] if pool and any(candidates) else None

    def number(self, token: str) -> float:
        """The value of a number written in digits (``5``, ``1,5``) or as a word (``fem``)."""
        token = token.lower()
        if token in self.numbers:
            return self.numbers[token]
        return float(token.replace(",", "."))


def _phrase_regex(phrase: str) -> str:
    """A phrase as a regex: literal text in lower case, any run of spaces where it has one."""
    return phrase_source(phrase.lower())


def _collect(entries: list[tuple[str, str, str]]) -> Phrases:
    """Build an alternation from ``(phrase, meaning, language)`` rows, longest phrase first.

    Longest first matters: the regex engine takes the first alternative that fits, and
    "till dess att" must win over "till".
    """
    meaning: dict[str, str] = {}
    languages: dict[str, list[str]] = {}
    for phrase, sense, language in entries:
        key = collapse(phrase.lower())
        if not key:
            continue
        meaning.setdefault(key, sense)
        if language not in languages.setdefault(key, []):
            languages[key].append(language)
    alternation = "|".join(_phrase_regex(key) for key in longest_first(meaning)) or NEVER
    return Phrases(alternation, meaning, {k: tuple(v) for k, v in languages.items()})


def _rows(languages: dict[str, Any], key: str) -> list[tuple[str, str, str]]:
    """Flatten ``{lang: {key: {meaning: [phrases]}}}`` into rows for :func:`_collect`."""
    rows: list[tuple[str, str, str]] = []
    for language, entry in languages.items():
        for sense, phrases in entry.get(key, {}).items():
            rows.extend((phrase, sense, language) for phrase in phrases)
    return rows


def _flat_rows(languages: dict[str, Any], key: str) -> list[tuple[str, str, str]]:
    """Flatten ``{lang: {key: [phrases]}}`` into rows for :func:`_collect`."""
    return [
        (phrase, phrase, language)
        for language, entry in languages.items()
        for phrase in entry.get(key, [])
    ]


@cache
def retention_lexicon() -> RetentionLexicon:
    """Compile the lexicon file once per process."""
    data = load_data(LEXICON_FILE)
    languages: dict[str, Any] = data["languages"]
    order = tuple(data.get("language_order") or languages)

    units = _collect(_rows(languages, "units"))
    numbers: dict[str, float] = {}
    number_languages: dict[str, list[str]] = {}
    for language, entry in languages.items():
        for word, value in entry.get("number_words", {}).items():
            numbers.setdefault(word.lower(), float(value))
            number_languages.setdefault(word.lower(), []).append(language)
    words = longest_first(numbers)
    number = r"\d{1,6}(?:[.,]\d{1,3})?|" + "|".join(re.escape(word) for word in words)
    connectors = sorted(
        {c.lower() for entry in languages.values() for c in entry.get("range_connectors", [])}
        - {"-"}
    )
    connector = r"\s*-\s*"
    if connectors:
        connector += r"|\s+(?:" + "|".join(_phrase_regex(c) for c in connectors) + r")\s+"
    # A number (digits or a word), an optional range, then a unit. "5-year" and "5år" count,
    # but a word needs a gap before its unit, or "the end" would read as "en d" (one day).
    duration = re.compile(
        rf"(?<![\w.,])(?P<low>{number})(?:(?:{connector})(?P<high>{number}))?"
        rf"(?:\s*-\s*|\s+|(?<=\d))(?P<unit>{units.alternation})(?!\w)"
    )

    # "after"-markers too short to stand alone (Dutch "na") start a trigger only after a
    # duration ("7 jaar na einde contract"); alone they would read "NA - see policy" as an event.
    triggers = _collect(
        _rows(languages, "trigger_prefixes") + _rows(languages, "duration_triggers")
    )
    alone = _collect(_rows(languages, "trigger_prefixes"))
    suffix_triggers = _collect(_rows(languages, "trigger_suffixes"))
    events = _collect(_rows(languages, "event_markers"))
    suffix_events = _collect(_rows(languages, "event_suffixes"))
    vague = _collect(_flat_rows(languages, "vague"))
    fillers = _collect(_flat_rows(languages, "fillers"))
    endings = sorted({e for entry in languages.values() for e in entry.get("elative_endings", [])})
    elative = "|".join(re.escape(e) for e in endings) or NEVER

    event_prefix = {
        sense: re.compile(rf"(?<!\w)(?P<marker>{_only(events, sense)})\s+(?P<trigger>.+)$")
        for sense in dict.fromkeys(events.meaning.values())
    }
    return RetentionLexicon(
        order=order,
        letters={lang: entry.get("letters", "") for lang, entry in languages.items()},
        duration=duration,
        units=units,
        numbers=numbers,
        number_languages={k: tuple(v) for k, v in number_languages.items()},
        trigger_prefix=re.compile(rf"^(?P<marker>{triggers.alternation})\s+(?P<trigger>.+)$"),
        trigger_suffix=re.compile(
            rf"^(?P<trigger>.+?)\s+(?P<marker>{suffix_triggers.alternation})(?!\w)"
        ),
        triggers=triggers,
        suffix_triggers=suffix_triggers,
        fillers=re.compile(rf"^(?:{fillers.alternation})(?!\w)[\s,:]*"),
        elative=re.compile(rf"\w(?:{elative})$"),
        elative_languages=tuple(
            lang for lang, entry in languages.items() if entry.get("elative_endings")
        ),
        vague=re.compile(whole_word(vague.alternation)),
        vague_phrases=vague,
        event_prefix=event_prefix,
        event_suffix=re.compile(
            rf"^(?P<trigger>.+?)\s+(?P<marker>{suffix_events.alternation})(?!\w)"
        ),
        events=events,
        event_after=re.compile(rf"(?<!\w)(?P<marker>{_only(alone, 'after')})\s+(?P<trigger>.+)$"),
        suffix_events=suffix_events,
    )


def _only(phrases: Phrases, sense: str) -> str:
    """The alternation restricted to phrases with one meaning, still longest first."""
    keys = sorted((k for k, v in phrases.meaning.items() if v == sense), key=lambda k: -len(k))
    return "|".join(_phrase_regex(key) for key in keys) or NEVER
