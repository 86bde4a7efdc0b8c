"""Which layout a source is kept in, on which sheet, with its header on which row.

Every sheet is scored against every sheet of every layout: the first
:data:`HEADER_SEARCH_ROWS` rows are each tried as the header, and a row scores one point per
heading the layout lists (a quarter point for a heading only ropa's own titles know), plus
:data:`NAME_BONUS` when the sheet's name is one the layout is found under. The layout whose
sheets score most wins; ties go to the specific layout before the generic one. The reasons
are kept, so the summary can say why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ropa.read.cells import as_text, clean_value
from ropa.read.headers import HEADER_SEARCH_ROWS
from ropa.read.importer.layouts import Layout, SheetLayout, heading_key, layouts
from ropa.read.importer.source import Source, SourceSheet

NAME_BONUS = 3.0
_OTHER_WEIGHT = 0.25
#: A sheet must score at least this to be read as a sheet of the layout.
MIN_SCORE = 2.0


@dataclass(frozen=True)
class SheetMatch:
    """A source sheet read as a sheet of a layout."""

    sheet: SourceSheet
    part: SheetLayout
    header_row: int  # 0-based
    score: float
    hits: int
    named: bool


@dataclass(frozen=True)
class Detection:
    """The layout chosen for a source, the sheets it reads, and why."""

    layout: Layout
    matches: tuple[SheetMatch, ...]
    score: float
    runner_up: tuple[str, float] | None

    def reason(self) -> str:
        parts = []
        for match in self.matches:
            named = ", sheet name known" if match.named else ""
            parts.append(
                f"sheet '{match.sheet.name}': {match.hits} headings of the layout in row "
                f"{match.header_row + 1}{named}"
            )
        text = "; ".join(parts) or "no sheet matched"
        if self.runner_up:
            text += f" (next best: {self.runner_up[0]}, score {self.runner_up[1]:g})"
        return text


def cell_text(value: Any) -> str:
    return as_text(clean_value(value)) if value not in ("", None) else ""


def row_score(part: SheetLayout, cells: list[Any]) -> tuple[float, int]:
    score, hits, seen = 0.0, 0, set()
    for cell in cells:
        key = heading_key(cell_text(cell))
        if not key or key in seen:
            continue
        seen.add(key)
        if key in part.specific:
            score, hits = score + 1, hits + 1
        elif key in part.headings:
            score, hits = score + _OTHER_WEIGHT, hits + 1
    return score, hits


def match_sheet(part: SheetLayout, sheet: SourceSheet, header_row: int | None = None) -> SheetMatch:
    """The best header row of ``sheet`` read as ``part`` (or the row given)."""
    rows = (
        [header_row] if header_row is not None else range(min(HEADER_SEARCH_ROWS, len(sheet.grid)))
    )
    best = (0.0, 0, 0)
    for number in rows:
        if number >= len(sheet.grid):
            continue
        score, hits = row_score(part, sheet.grid[number])
        if score > best[0]:
            best = (score, hits, number)
    named = heading_key(sheet.name) in part.name_keys()
    score = best[0] + (NAME_BONUS if named and best[0] else 0.0)
    return SheetMatch(sheet, part, best[2], score, best[1], named)


def _fit(layout: Layout, source: Source) -> tuple[float, list[SheetMatch]]:
    taken: set[str] = set()
    matches: list[SheetMatch] = []
    for part in layout.sheets:
        options = [match_sheet(part, s) for s in source.sheets if s.name not in taken]
        several = len(layout.sheets) > 1
        if layout.schema_sheets:  # ropa's own layout: its sheets go by their names
            options = [m for m in options if m.named]
        options = [
            m
            for m in options
            if (m.hits >= 2 and m.score >= MIN_SCORE) or (several and m.named and m.hits)
        ]
        if not options:
            continue
        best = max(options, key=lambda m: m.score)
        taken.add(best.sheet.name)
        matches.append(best)
    weight = 0.9 if layout.name in ("generic",) else 1.0
    return sum(m.score for m in matches) * weight, matches


def detect(source: Source, forced: Layout | None = None) -> Detection | None:
    """The layout of ``source`` (``forced`` if given), or None when nothing fits."""
    candidates = [forced] if forced else list(layouts())
    scored = []
    for item in candidates:
        score, matches = _fit(item, source)
        if matches:
            scored.append((score, item, matches))
    if not scored:
        return None
    scored.sort(key=lambda entry: -entry[0])  # stable: ties keep the layouts' order
    score, chosen, matches = scored[0]
    runner = (scored[1][1].name, round(scored[1][0], 2)) if len(scored) > 1 else None
    return Detection(chosen, tuple(matches), round(score, 2), runner)


def sheet_headings(sheet: SourceSheet, rows: int = 10) -> list[tuple[int, str]]:
    """The texts of the first rows, for a "did you mean" when no header is found."""
    found = []
    for number, cells in enumerate(sheet.grid[:rows]):
        for cell in cells:
            text = cell_text(cell)
            if text:
                found.append((number + 1, text))
    return found
