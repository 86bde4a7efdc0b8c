"""A change of ``ropa diff`` as the texts every diff format shows: field, old and new value."""

from __future__ import annotations

from ropa.check.diff import Change
from ropa.write.cells import field_title, value_text


def change_texts(change: Change, lang: str = "en") -> tuple[str, str, str]:
    """(field title, old text, new text) of a change, ready to show."""
    old = value_text(change.sheet, change.field, change.old, lang)
    new = value_text(change.sheet, change.field, change.new, lang)
    if change.note:
        new = f"{new} ({change.note})"
    return field_title(change.sheet, change.field, lang), old, new
