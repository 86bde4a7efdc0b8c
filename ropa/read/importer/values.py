"""Reading what people write in a record into ropa's vocabularies, keeping what they wrote.

Each function returns what it understood and leaves anything else as written: an unknown
lawful basis stays as text (so ``ropa check`` reports it), "Privacy Shield" stays Privacy
Shield, an empty safeguard stays empty. Nothing is invented.
"""

from __future__ import annotations

import re
from functools import cache

from ropa.model.legal import country_code as _country_code
from ropa.model.periods import PeriodKind, parse_period
from ropa.model.recipients import recipient_kind
from ropa.model.resources import load_data
from ropa.model.text import vocab_key
from ropa.model.vocab import is_none, vocabulary
from ropa.read.importer.layouts import heading_key

#: How one cell lists several values: lines, semicolons, bullets (and commas, for lists of names).
_ITEMS = re.compile(r"\s*(?:\r\n|\n|\r|;|•|\u2022|\s\|\s)\s*")
_COMMA = re.compile(r"\s*,\s*(?![^()]*\))")
_PIECES = re.compile(r"\s*(?:[,/()\[\]:]|\s[-–—]\s|\s(?:and|och|og|ja|und|et|en)\s)\s*", re.I)
_SUGGESTED = re.compile(r"^\s*(?:suggested|proposed|förslag|forslag|ehdotus)\s*:\s*", re.I)
_PAREN = re.compile(r"\s*\([^)]*\)\s*")
_ARTICLE_LETTER = re.compile(
    r"(?<![\w.])6\s*(?:\.|\(|\s)\s*1\s*\)?\s*(?:\.|\(|\s)?\s*([a-f])\b", re.I
)
_ART9_LETTER = re.compile(r"(?<![\w.])9\s*(?:\.|\(|\s)\s*2\s*\)?\s*(?:\.|\(|\s)?\s*([a-j])\b", re.I)


def items(text: str, commas: bool = False) -> list[str]:
    """The values of a cell that lists several (lines, ';', bullets; with ``commas``, ',')."""
    parts = [p for p in _ITEMS.split(text) if p and p.strip(" -–—*")]
    if commas:
        parts = [q for p in parts for q in _COMMA.split(p) if q.strip()]
    return [p.strip(" -–—*\t") for p in parts]


def alias(text: str, aliases: dict[str, str]) -> str:
    return aliases.get(heading_key(text), text) if aliases else text


@cache
def _country_forms() -> dict[str, str]:
    forms = load_data("lexicon/country_forms.json")["forms"]
    return {vocab_key(name): code for name, code in forms.items()}


def country(text: str) -> str | None:
    """The ISO code for a country's code or name (five languages, common forms), or None."""
    found = _country_code(text)
    if found is None and isinstance(text, str):
        found = _country_forms().get(vocab_key(text))
    return found


def countries_in(text: str) -> tuple[list[str], list[str]]:
    """Countries a text names (``"Frankfurt/Germany"``, ``"USA – X, DPF"``) and the pieces
    that named none."""
    found: list[str] = []
    rest: list[str] = []
    for piece in _PIECES.split(text):
        piece = piece.strip(" .")
        if not piece:
            continue
        code = country(piece)
        if code is None:
            words = piece.split()
            for size in (3, 2, 1):
                for start in range(len(words) - size + 1):
                    phrase = " ".join(words[start : start + size])
                    if len(phrase) >= 4:  # a name; a bare code ("IT") only as the whole piece
                        code = country(phrase)
                        if code:
                            break
                if code:
                    break
        if code:
            if code not in found:
                found.append(code)
        else:
            rest.append(piece)
    return found, rest


def lawful_bases(text: str, aliases: dict[str, str]) -> list[str]:
    """The Art. 6(1) letters a cell names ("Avtal", "6.1 c rättslig förpliktelse",
    "Suggested: Contract (confidence: HIGH)"); empty if it names none."""
    vocab = vocabulary("lawful_basis")
    codes: list[str] = []
    for item in items(text):
        item = alias(_SUGGESTED.sub("", item), aliases)
        term = vocab.match(item) or vocab.match(_PAREN.sub(" ", item).strip())
        if term is None:
            letter = _ARTICLE_LETTER.search(item)
            term = vocab.match(letter.group(1)) if letter else None
        if term is None:
            for piece in _PIECES.split(item):
                term = vocab.match(piece) if piece else None
                if term:
                    break
        if term is not None and term.code not in codes:
            codes.append(term.code)
    return codes


def art9_condition(text: str, aliases: dict[str, str]) -> str | None:
    vocab = vocabulary("art9_condition")
    text = alias(text, aliases)
    term = vocab.match(text) or vocab.match(_PAREN.sub(" ", text).strip())
    if term is None:
        letter = _ART9_LETTER.search(text)
        term = vocab.match(letter.group(1)) if letter else None
    return term.code if term else None


def mechanism(text: str, aliases: dict[str, str]) -> str | None:
    """The transfer mechanism a text names (SCC, DPF, BCR, Privacy Shield, ...), or None."""
    vocab = vocabulary("transfer_mechanism")
    text = alias(text, aliases)
    term = vocab.match(text)
    if term is None:
        for piece in _PIECES.split(text):
            term = vocab.match(alias(piece, aliases)) if piece else None
            if term:
                break
    return term.code if term else None


def yes_no(text: str) -> str | None:
    if isinstance(text, bool):
        return "yes" if text else "no"
    if is_none(text):
        return "no"
    term = vocabulary("yes_no").match(text)
    if term is None and vocab_key(text) in ("true", "false", "1", "0"):
        return "yes" if vocab_key(text) in ("true", "1") else "no"
    return term.code if term else None


def vocab_code(name: str, text: str, aliases: dict[str, str]) -> str | None:
    term = vocabulary(name).match(alias(text, aliases))
    return term.code if term else None


def special_categories(text: str, aliases: dict[str, str]) -> tuple[list[str], list[str]]:
    codes, rest = [], []
    for item in items(text, commas=True):
        code = vocab_code("special_category", item, aliases)
        if code:
            codes.append(code) if code not in codes else None
        elif not is_none(item) and yes_no(item) is None:
            rest.append(item)
    return codes, rest


def dpia_status(required: str, progress: str, aliases: dict[str, str]) -> str | None:
    """The DPIA status from "DPIA required?" and "DPIA progress" columns, or None."""
    if progress:
        code = vocab_code("dpia_status", progress, aliases)
        if code:
            return code
    if required and yes_no(alias(required, aliases)) == "no":
        return "not_required"
    return None


def retention_understood(text: str) -> bool:
    """Whether ropa reads a period, an event or a vague phrase in the text."""
    return parse_period(text).kind is not PeriodKind.UNPARSEABLE


def recipients(text: str) -> list[tuple[str, str | None]]:
    """Each recipient a cell names, with its kind: internal, category, or None (a name)."""
    return [(item, recipient_kind(item)) for item in items(text, commas=True) if not is_none(item)]
