"""Small helpers the rules share: reading controlled values and describing rows."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from functools import cache

from ropa.model.citations import cite
from ropa.model.countries import country_name
from ropa.model.languages import RECORD_LANGUAGES
from ropa.model.messages import Joined, Message, Named, joined, msg, named
from ropa.model.vocab import Term, is_none, vocabulary
from ropa.read.cells import as_text
from ropa.read.workbook import Row


def term(row: Row, field: str, vocab: str) -> Term | None:
    """The recognised vocabulary term in a single-valued cell, or None."""
    value = row.values.get(field)
    if value is None:
        return None
    text = value if type(value) is str else as_text(value)  # Row.text, without the call
    return vocabulary(vocab).match(text) if text else None


def terms(row: Row, field: str, vocab: str) -> list[Term]:
    """The recognised terms of a multi-valued cell ('none' and unknown values left out)."""
    found = []
    for item in row.items(field):
        match = vocabulary(vocab).match(item)
        if match is not None:
            found.append(match)
    return found


def is_yes(row: Row, field: str) -> bool:
    """Whether a yes/no cell says yes (in any of the five languages)."""
    value = row.values.get(field)
    if isinstance(value, bool):
        return value
    found = term(row, field, "yes_no")
    return found is not None and found.code == "yes"


def has_content(row: Row, field: str) -> bool:
    """A cell with something other than a 'none' word in it."""
    text = row.text(field)
    return bool(text) and not is_none(text)


def label(row: Row, id_field: str, fallback: str = "this row") -> str:
    """How an English message names a row: its id when it has one (see :func:`row_label`)."""
    return str(row_label(row, id_field, fallback))


def row_label(row: Row, id_field: str, fallback: str = "this row") -> str | Message:
    """How a message names a row: its id when it has one, else "this row 5" ("row 5" with
    ``fallback="row"``) in the message's language."""
    text = row.text(id_field)
    if text:
        return text
    return msg("phrase.row" if fallback == "row" else "phrase.this_row", number=row.number)


def in_languages(text: Callable[[str], str]) -> Named:
    """A message parameter that ropa's data has in every language (a vocabulary label, a
    column's guidance): ``text(lang)`` for each, the one in the run's language shown."""
    return named({lang: text(lang) for lang in RECORD_LANGUAGES})


def term_labels(found: Iterable[Term], *, lower: bool = False) -> Named:
    """Vocabulary terms as a message parameter: their labels, in the run's language."""
    items = list(found)

    def labels(lang: str) -> str:
        texts = (item.label(lang) for item in items)
        return ", ".join(text.lower() if lower else text for text in texts)

    return in_languages(labels)


@cache
def country(code: str) -> Named:
    """A country code as a message parameter: the code in English, as the record writes it
    ("US"), the country's name in the other languages ("USA", "Yhdysvallat")."""
    names = {"en": code}
    for lang in RECORD_LANGUAGES[1:]:
        try:
            names[lang] = country_name(code, lang)
        except KeyError:  # not a country ropa names (an international organisation)
            names[lang] = code
    return named(names)


def countries(codes: Iterable[str]) -> Joined:
    """Country codes as one list parameter (see :func:`country`)."""
    return joined(country(code) for code in codes)


@cache
def cited(reference: str) -> Named:
    """A legal reference ("Art. 30(1)(a)") as a message parameter, in each language's style."""
    return in_languages(lambda lang: cite(reference, lang))


def suggest_label(vocab: str, text: str, lang: str) -> str | None:
    """The closest vocabulary value to a mistyped one, as the drop-down shows it in ``lang``."""
    vocabulary_ = vocabulary(vocab)
    guess = vocabulary_.suggest(text)
    found = vocabulary_.match(guess) if guess else None
    return found.label(lang) if found is not None else guess


def did_you_mean(text: str, candidates: list[str]) -> str | None:
    """The closest candidate to a mistyped id or name, if one is close."""
    lowered = {c.casefold(): c for c in candidates}
    found = difflib.get_close_matches(text.casefold(), list(lowered), n=1, cutoff=0.6)
    return lowered[found[0]] if found else None
