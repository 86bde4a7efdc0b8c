"""Text normalisation: the one module that says how text is cleaned and folded for matching.

The building blocks are small and composable; each purpose below is a documented
composition of them. The purposes differ on purpose (a header ignores a trailing ``*``, a
vocabulary cell its quotes and brackets, a date is NFKC-folded so full-width digits read):
pick the function for what the text is, never compose a new variant ad hoc.

Tables
    :data:`NO_BREAK_SPACES`, :data:`INVISIBLE`, :data:`DASHES`, :data:`QUOTES`,
    :data:`EDGE_PUNCTUATION`.

Building blocks
    :func:`unbreak` (no-break spaces as spaces), :func:`compose` (NFC, no-break spaces as
    spaces), :func:`collapse` (any run of whitespace as one space, trimmed),
    :func:`drop_invisible`, :func:`plain_dashes`, :func:`plain_quotes`, and :func:`fold`
    (collapse and casefold, cached).

By purpose
    * workbook cell values as read: :func:`clean_cell`;
    * ids and names compared across sheets (``HR-01`` = ``hr-01 ``): :func:`fold`;
    * sheet names and column headers: :func:`header_key`;
    * vocabulary cells (lawful bases, roles, countries, "none"): :func:`vocab_key`, and
      :func:`value_key` for any canonical value of the record (diffs, exports);
    * lines of a privacy notice, as the lexicon rules see them: :func:`notice_line`;
    * typed dates: :func:`date_text`;
    * retention periods: :func:`period_text`;
    * words of a lexicon matched in free text (DPIA criteria): :func:`casefold_nfc`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: No-break space and narrow no-break space (Excel and Word put them in typed text).
NO_BREAK_SPACES = "\u00a0\u202f"

#: Characters that take no room: soft hyphen, zero-width space, non-joiner and joiner, word
#: joiner, byte-order mark (zero-width no-break space).
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"

#: Hyphens, figure dash, en and em dashes, horizontal bar, minus sign, and the small em dash,
#: small and full-width hyphen-minus: DPOs (and Word's autocorrect) use them all where a
#: plain ``-`` is meant.
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"

#: Curly single and double quotes -> straight ones.
QUOTES = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}

#: Noise at either end of a vocabulary cell: quotes, brackets, bullets, list dashes.
EDGE_PUNCTUATION = (
    " .,;:!?*\"'`\u201c\u201d\u2018\u2019\u00ab\u00bb()[]{}-\u2013\u2014\u2022\u00b7/\\"
)

_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_DASHES = re.compile(f"[{DASHES}]")
_QUOTES = str.maketrans(QUOTES)


# --- building blocks -----------------------------------------------------------------------


def unbreak(text: str) -> str:
    """No-break spaces (:data:`NO_BREAK_SPACES`) as plain spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def compose(text: str) -> str:
    """NFC (``a`` + combining ring typed on a Mac becomes ``å``), no-break spaces as spaces."""
    return unbreak(unicodedata.normalize("NFC", text))


def collapse(text: str) -> str:
    """Any run of whitespace (Unicode's, no-break spaces included) as one space, trimmed."""
    # The same as re.sub(r"\s+", " ", text).strip(): both use str.isspace's definition.
    return " ".join(text.split())


def drop_invisible(text: str) -> str:
    """The text without the zero-width characters of :data:`INVISIBLE`."""
    return _INVISIBLE.sub("", text)


def plain_dashes(text: str) -> str:
    """Every dash of :data:`DASHES` as ``-``."""
    return _DASHES.sub("-", text)


def plain_quotes(text: str) -> str:
    """Curly quotes (:data:`QUOTES`) as straight ones."""
    return text.translate(_QUOTES)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Key for ids and names: whitespace collapsed, casefolded (no NFC: cells already are).

    Cached: the rules fold the same few thousand ids over and over.
    """
    return collapse(text).casefold()


# --- by purpose ----------------------------------------------------------------------------


def clean_cell(value: str) -> str:
    """A workbook cell's text: trimmed, no-break spaces as spaces, composed (NFC).

    The common case (no no-break space, ASCII only) skips the replacing and the NFC: this
    runs for every text cell of a workbook.
    """
    if "\u00a0" in value or "\u202f" in value:
        value = unbreak(value)
    value = value.strip()
    if not value.isascii():
        value = unicodedata.normalize("NFC", value)
    return value


def header_key(text: str) -> str:
    """Key for a sheet name or column header: composed, collapsed, casefolded, and without
    a trailing ``*`` (often used to mark required columns) or ``:``.

    ``"Lawful basis *"`` and ``"lawful  basis:"`` both give ``"lawful basis"``.
    """
    return collapse(compose(text)).casefold().rstrip(" *:").strip()


def vocab_key(text: str) -> str:
    """Key for a vocabulary cell: composed, collapsed, casefolded, and without the
    :data:`EDGE_PUNCTUATION` at either end.

    A cell that is nothing but punctuation (a hyphen or an en dash) keeps it, since those
    are meaningful on their own (they usually mean "none").
    """
    text = collapse(compose(text)).casefold()
    return text.strip(EDGE_PUNCTUATION) or text


def value_key(value: object) -> str:
    """:func:`vocab_key` of any canonical value (its ``str``); ``""`` for None."""
    return vocab_key(str(value)) if value is not None else ""


def notice_line(line: str) -> str:
    """The form of a notice line the lexicon rules match: composed, no invisible
    characters, plain dashes and quotes, collapsed."""
    text = drop_invisible(compose(line))
    return collapse(plain_quotes(plain_dashes(text)))


def date_text(text: str) -> str:
    """A typed date: NFKC (full-width digits become ASCII), collapsed, no final dot."""
    text = collapse(unicodedata.normalize("NFKC", text))
    return text.rstrip(".").strip()


def period_text(text: str) -> str:
    """A retention cell: composed, no invisible characters, plain dashes, collapsed, no
    final dots."""
    text = drop_invisible(compose(text))
    return collapse(plain_dashes(text)).rstrip(". ").strip()


def casefold_nfc(text: str) -> str:
    """Casefolded, then composed (casefolding can decompose a letter: U+01F0 ``ǰ`` folds to
    ``j`` and a combining caron, which NFC puts back together)."""
    return unicodedata.normalize("NFC", text.casefold())
