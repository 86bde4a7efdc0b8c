"""Cell values as the reader hands them on: cleaned, as text, split into their values.

A cell holds text, a number, a boolean, a date or time, or nothing (:data:`Value`).
:func:`clean_value` is what every cell goes through (text trimmed and composed, see
:func:`ropa.model.text.clean_cell`; whole floats as ints); :func:`as_text` is the text a
person reads in a cell; :func:`split_multi` splits a multi-valued cell.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ropa.model.text import clean_cell

#: Separators of a multi-valued cell: one value per line (Alt+Enter) or ';'.
_MULTI_SEPARATORS = ("\r\n", "\n", "\r", ";")

Value = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None


def column_letter(index: int) -> str:
    """0-based column index -> Excel letters (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def clean_value(value: Any) -> Value:
    """A cell value as read: text cleaned (None if blank), whole floats as ints."""
    if isinstance(value, str):
        return clean_cell(value) or None
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def as_text(value: Value) -> str:
    """A cell value as the text a person would read in it."""
    if type(value) is str:  # the common case, first
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def split_multi(text: str) -> list[str]:
    """Split a multi-valued cell into its values (lines or ';'), dropping empties."""
    if ";" in text or "\r" in text:
        for separator in _MULTI_SEPARATORS[1:]:
            text = text.replace(separator, "\n")
    elif "\n" not in text:
        stripped = text.strip()
        return [stripped] if stripped else []
    return [part for part in map(str.strip, text.split("\n")) if part]
