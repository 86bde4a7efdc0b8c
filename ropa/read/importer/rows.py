"""Rows of a register that are not records: the template's guidance under the header and
notes about the sheet (``ropa/data/lexicon/import_rows.json``).

The ICO and Nordic templates put a row of guidance under the header ("e.g. Finance, HR",
"Why do you process the data?", "Choose from the list"); people write a note under their
data ("Notes: reviewed by the DPO in March") or merge a row across the sheet for one. Read
as data, the first would become an activity and the second another purpose of the last one.
Both are kept in the organisation's "Imported notes" instead, and the summary names them.
"""

from __future__ import annotations

import re
from functools import cache

from ropa.model.resources import load_data

#: Guidance is looked for in this many rows under the header, before the first data row.
GUIDANCE_ROWS = 3
#: A row merged across at least this many columns is a note, not an activity.
MERGED_NOTE_WIDTH = 3

Merged = tuple[tuple[int, int], tuple[int, int]]


def _starts(words: list[str]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"^(?:{alternation})(?:[\s:.,]|$)", re.IGNORECASE)


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load_data("lexicon/import_rows.json")
    return _starts(data["instruction_starts"]), _starts(data["note_starts"])


def is_guidance(texts: list[str]) -> bool:
    """Whether a row's cells are a template's guidance: at least half of them (one at least)
    start with "e.g.", "Choose", "t.ex." and the like, or ask a question."""
    if not texts:
        return False
    starts = _patterns()[0]
    guided = sum(
        1 for t in texts if starts.match(t.strip()) or (len(t) > 2 and t.rstrip().endswith("?"))
    )
    return guided * 2 >= len(texts)


def is_note(texts: list[str], row: int, merged: list[Merged]) -> bool:
    """Whether a row (0-based ``row``) holds one note about the sheet: its only text starts
    with "Note", "Anmärkning", "Huom" and the like, or is merged across the row."""
    if len(set(texts)) != 1:
        return False
    if _patterns()[1].match(texts[0].strip()):
        return True
    return any(
        top <= row <= bottom and right - left + 1 >= MERGED_NOTE_WIDTH
        for (top, left), (bottom, right) in merged
    )
