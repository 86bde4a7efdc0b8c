"""Which layout a source is kept in, on which sheet, with its header on which row.

Every sheet is scored against every sheet of every layout: the first
:data:`HEADER_SEARCH_ROWS` rows are each tried as the header, and a row scores one point per
heading the layout lists (a quarter point for a heading only ropa's own titles know), plus
:data:`NAME_BONUS` when the sheet's name is one the layout is found under. The layout whose
sheets score most wins; ties go to the specific layout before the generic one. The reasons
are kept, so the summary can say why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ropa.model.messages import Message, joined, msg
from ropa.read.headers import HEADER_SEARCH_ROWS
from ropa.read.importer.forms import MIN_FORM_HITS, as_form, cell_text, label_columns
from ropa.read.importer.layouts import Layout, SheetLayout, heading_key, layouts
from ropa.read.importer.rows import is_guidance
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
    form: bool = False  # a form (label | value) read as a one-row table


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
            where = "as the labels of a form" if match.form else f"in row {match.header_row + 1}"
            parts.append(
                f"sheet '{match.sheet.name}': {match.hits} headings of the layout {where}{named}"
            )
        text = "; ".join(parts) or "no sheet matched"
        if self.runner_up:
            text += f" (next best: {self.runner_up[0]}, score {self.runner_up[1]:g})"
        return text

    def reason_message(self) -> Message:
        """:meth:`reason` as a message, for a finding in the user's language."""
        parts = [
            msg(
                "RP118.reason.form" if match.form else "RP118.reason.row",
                sheet=match.sheet.name,
                hits=match.hits,
                row=match.header_row + 1,
                named=msg("RP118.reason.named") if match.named else "",
            )
            for match in self.matches
        ]
        said = joined(parts, "list.semicolon") if parts else msg("RP118.reason.none")
        if not self.runner_up:
            return msg("phrase.text", text=said)
        name, score = self.runner_up
        return msg("RP118.reason.next", reason=said, layout=name, score=f"{score:g}")


def row_score(part: SheetLayout, cells: list[Any]) -> tuple[float, int]:
    return key_score(part, dict.fromkeys(heading_key(cell_text(cell)) for cell in cells))


def key_score(part: SheetLayout, keys: Iterable[str]) -> tuple[float, int]:
    """A point per distinct heading key the layout lists, a quarter per one only ropa's own
    titles know; and how many hit."""
    score, hits = 0.0, 0
    for key in keys:
        if not key:
            continue
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
    if header_row is None and part.rows == "activities":
        form = _form(part, sheet, best[0])
        if form is not None:
            return form
    score = best[0] + (NAME_BONUS if named and best[0] else 0.0)
    return SheetMatch(sheet, part, best[2], score, best[1], named)


def _form(part: SheetLayout, sheet: SourceSheet, beats: float) -> SheetMatch | None:
    """``sheet`` read as a form (label | value), if its labels score more than its best
    header row and hit at least :data:`MIN_FORM_HITS` of the layout's headings."""
    best: tuple[float, int, int] | None = None
    for column, keys in label_columns(sheet):
        score, hits = key_score(part, keys)
        if hits >= MIN_FORM_HITS and score > beats and (best is None or score > best[0]):
            best = (score, hits, column)
    if best is None:
        return None
    form = as_form(sheet, best[2])
    values = [v for row in form.grid[1:] for v in row if v]
    if is_guidance(values):  # a guidance sheet: each column's heading and how to fill it in
        return None
    named = heading_key(sheet.name) in part.name_keys()
    score = best[0] + (NAME_BONUS if named else 0.0)
    return SheetMatch(form, part, 0, score, best[1], named, form=True)


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
        # One fiche per sheet: every sheet that reads as a form of this part is read.
        chosen = [m for m in options if m.form] if best.form else [best]
        taken.update(m.sheet.name for m in chosen)
        matches += chosen
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
