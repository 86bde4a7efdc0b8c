"""Finding a sheet's schema sheet, its header row and the language of its headers.

Sheet names and headers are matched by :func:`ropa.model.text.header_key` (composed,
case- and whitespace-insensitive, a trailing ``*`` or ``:`` ignored), in any of the five
languages and by every alias the schema lists. The header row may sit below title rows:
the first :data:`HEADER_SEARCH_ROWS` rows are searched for the one that names most columns.
"""

from __future__ import annotations

from typing import Any

from ropa.model.languages import RECORD_LANGUAGES
from ropa.model.schema import SheetSpec, record_schema
from ropa.model.text import clean_cell, header_key
from ropa.read.cells import as_text, clean_value

#: How far down a sheet the header row is looked for (title rows above it are common).
HEADER_SEARCH_ROWS = 30


def sheet_index() -> dict[str, SheetSpec]:
    """Header key of every sheet name (any language, any alias) -> its schema sheet."""
    index: dict[str, SheetSpec] = {}
    for spec in record_schema().sheets:
        for name in spec.name_keys():
            index.setdefault(name, spec)
    return index


def _header_hits(spec: SheetSpec, cells: list[Any]) -> int:
    index = spec.header_index()
    return sum(1 for cell in cells if isinstance(cell, str) and header_key(cell) in index)


def find_header_row(spec: SheetSpec, grid: list[list[Any]]) -> int | None:
    """0-based index of the row that best matches the sheet's headers, or None."""
    best, best_hits = None, 0
    for number, cells in enumerate(grid[:HEADER_SEARCH_ROWS]):
        hits = _header_hits(spec, cells)
        if hits > best_hits:
            best, best_hits = number, hits
    needed = 1 if len(spec.fields) <= 2 else 2
    return best if best_hits >= needed else None


def title_language(spec: SheetSpec, headers: list[str]) -> str:
    """The language most of the headers are written in (English if none is recognised)."""
    votes = dict.fromkeys(RECORD_LANGUAGES, 0)
    for text in headers:
        folded = header_key(text)
        for item in spec.fields:
            for lang, title in item.titles.items():
                if header_key(title) == folded:
                    votes[lang] += 1
    return max(votes, key=lambda lang: votes[lang]) if any(votes.values()) else "en"


def match_sheets(names: list[str], index: dict[str, SheetSpec]) -> dict[str, SheetSpec]:
    """Sheet name -> its schema sheet, for the first sheet matching each schema sheet."""
    matched: dict[str, SheetSpec] = {}
    taken: set[str] = set()
    for name in names:
        spec = index.get(header_key(name))
        if spec is not None and spec.key not in taken:
            matched[name] = spec
            taken.add(spec.key)
    return matched


#: How many rows and texts of a sheet without a header row are kept to say what it holds.
_SEEN_ROWS, _SEEN_TEXTS = 5, 15


def first_texts(grid: list[list[Any]]) -> tuple[str, ...]:
    """The distinct texts of a sheet's first rows, for a sheet whose header row is not found."""
    found: dict[str, None] = {}
    for cells in grid[:_SEEN_ROWS]:
        for cell in cells:
            text = clean_cell(as_text(clean_value(cell)))
            if text:
                found.setdefault(text, None)
    return tuple(found)[:_SEEN_TEXTS]
