"""What ropa says to its user, in the user's language: messages as keys into a catalogue.

A rule does not write its message as a string. It names a message by a stable key and gives
the values to put in it::

    yield Problem(
        ctx.at("purposes", row, "lawful_basis"),
        msg("RP201.not_a_basis", value=text, who=who(row)),
        hint=msg("RP201.did_you_mean", guess=guess),
    )

The texts are in ``ropa/data/messages/<lang>/*.json``, one folder per language of
:data:`~ropa.model.languages.RECORD_LANGUAGES` and in it one file per family of rules
(``record.json``, ``notice.json``, ...), each with its ``source``, ``compiled`` and
``verified`` block and a ``messages`` table of key to text. A text takes named
``{placeholders}`` (Python's ``str.format`` syntax); a text that depends on a number is a
table of ``one`` and ``other`` forms, chosen by the ``count`` parameter. A parameter may itself
be a :class:`Message` (a phrase such as "activity HR-01 ('Payroll')", which has a key of its
own), a :class:`Joined` list of them or a :class:`Named` name with a form per language (a
country): it is rendered in the same language. Values taken from
the workbook are passed as they are written and never translated.

A language's catalogue is read the first time a message is rendered in it, and once: nothing
is read when ropa starts. The engine renders each :class:`~ropa.model.findings.Problem` in the
run's language (``ropa check --lang``, by default the language of the workbook's headings).
A key missing from a language falls back to English; ``tests/test_messages.py`` fails when a
key is missing in any language or its placeholders differ between languages.
"""

from __future__ import annotations

import json
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Union

from ropa.model.languages import RECORD_LANGUAGES
from ropa.model.resources import data_dir

#: The language every key must have, and the one a missing key falls back to.
SOURCE_LANGUAGE = "en"

Param = Union[str, int, float, "Message", "Joined", "Named"]


@dataclass(frozen=True, slots=True)
class Message:
    """A message by key with its parameters, to be rendered in a language."""

    key: str
    params: tuple[tuple[str, Param], ...] = ()

    def render(self, lang: str = SOURCE_LANGUAGE) -> str:
        """The message in ``lang`` (English where the language does not have the key)."""
        values = {name: _value(value, lang) for name, value in self.params}
        return _template(self.key, lang, self._count()).format_map(values)

    def _count(self) -> int | None:
        for name, value in self.params:
            if name == "count" and isinstance(value, int):
                return value
        return None

    def __str__(self) -> str:
        return self.render(SOURCE_LANGUAGE)


@dataclass(frozen=True, slots=True)
class Joined:
    """Values shown as one list, each rendered in the message's language.

    ``separator`` is a key of the catalogue ("list.comma", "list.semicolon", "list.and") or,
    for a separator no language changes, the text itself (" / ").
    """

    items: tuple[Param, ...]
    separator: str = "list.comma"

    def render(self, lang: str = SOURCE_LANGUAGE) -> str:
        texts = [_value(item, lang) for item in self.items]
        if self.separator == "list.and" and len(texts) > 1:
            return _template("list.and", lang, None).format(
                items=_template("list.comma", lang, None).join(texts[:-1]), last=texts[-1]
            )
        if self.separator == "list.and":
            return "".join(texts)
        separator = self.separator
        if separator in catalogue(SOURCE_LANGUAGE):
            separator = _template(separator, lang, None)
        return separator.join(texts)

    def __str__(self) -> str:
        return self.render(SOURCE_LANGUAGE)


@dataclass(frozen=True, slots=True)
class Named:
    """A name that has its own form in each language, from data rather than the catalogue
    (a country's name: "Denmark", "Danmark", "Tanska"); English where a language lacks it."""

    names: tuple[tuple[str, str], ...]

    def render(self, lang: str = SOURCE_LANGUAGE) -> str:
        forms = dict(self.names)
        return forms.get(lang) or forms[SOURCE_LANGUAGE]

    def __str__(self) -> str:
        return self.render(SOURCE_LANGUAGE)


def named(names: Mapping[str, str]) -> Named:
    """A :class:`Named` parameter from a mapping of language to name (``"en"`` required)."""
    if SOURCE_LANGUAGE not in names:
        raise ValueError(f"a name needs its {SOURCE_LANGUAGE} form: {dict(names)}")
    return Named(tuple(names.items()))


def msg(key: str, /, **params: Param) -> Message:
    """The message ``key`` with these parameters; rendered later, in the run's language."""
    return Message(key, tuple(params.items()))


def joined(items: Iterable[Param], separator: str = "list.comma") -> Joined:
    """``items`` as one list parameter (see :class:`Joined`)."""
    return Joined(tuple(items), separator)


Text = str | Message


def render(text: Text | None, lang: str = SOURCE_LANGUAGE) -> str | None:
    """A message (or a plain string, unchanged) in ``lang``; None stays None."""
    if text is None or isinstance(text, str):
        return text
    return text.render(lang)


def _value(value: Param, lang: str) -> str:
    if isinstance(value, (Message, Joined, Named)):
        return value.render(lang)
    return str(value)


def _template(key: str, lang: str, count: int | None) -> str:
    entry = catalogue(lang).get(key)
    if entry is None:
        entry = catalogue(SOURCE_LANGUAGE).get(key)
    if entry is None:
        raise KeyError(f"no message '{key}' in ropa/data/messages/{SOURCE_LANGUAGE}")
    if isinstance(entry, str):
        return entry
    form = "one" if count == 1 else "other"
    return str(entry.get(form) or entry["other"])


Entry = str | Mapping[str, str]


@cache
def catalogue(lang: str) -> Mapping[str, Entry]:
    """Every message of one language, from all files of its folder (read once)."""
    if lang not in RECORD_LANGUAGES:
        lang = SOURCE_LANGUAGE
    merged: dict[str, Entry] = {}
    for path in sorted((data_dir() / "messages" / lang).glob("*.json")):
        with path.open(encoding="utf-8") as handle:
            data = json.load(handle)
        for key, entry in data["messages"].items():
            if key in merged:
                raise ValueError(f"message '{key}' is defined twice in messages/{lang}")
            merged[key] = entry
    return merged


def placeholders(entry: Entry) -> frozenset[str]:
    """The named placeholders of a catalogue entry (of all its forms)."""
    forms = [entry] if isinstance(entry, str) else list(entry.values())
    return frozenset(
        name.split(".")[0].split("[")[0]
        for form in forms
        for _, name, _, _ in string.Formatter().parse(form)
        if name
    )
