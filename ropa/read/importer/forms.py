"""Records kept as forms: one activity per sheet, its fields as label and value in two columns.

CNIL's registre model is a fiche per activity ("Nom de l'activité" | "Paie", "Objectifs
poursuivis" | …), and records written as documents (a "field | value" table per activity)
come to a spreadsheet the same way. Such a sheet is read as a table turned on its side: the
labels in its label column are the headings, the cells to their right the values of one row.
A label that comes again starts the next activity, so several fiches one under the other are
several activities. Each value keeps the cell it came from, for the summary and the audit.
"""

from __future__ import annotations

from typing import Any

from ropa.read.cells import as_text, clean_value, column_letter
from ropa.read.importer.layouts import heading_key
from ropa.read.importer.source import SourceSheet

#: The label column is looked for among the first columns.
LABEL_COLUMNS = 3
#: Detection looks at this many rows for labels (a fiche is a page or two); a form is read whole.
FORM_ROWS = 400
#: A sheet is read as a form only if its labels hit at least this many of the layout's headings.
MIN_FORM_HITS = 3


def cell_text(value: Any) -> str:
    return as_text(clean_value(value)) if value not in ("", None) else ""


#: The heading under which a form's options that are not ticked are kept (an extra column).
NOT_TICKED = " (not ticked)"
#: What a ticked check box holds in a form ("X" beside "État-civil").
TICKS = frozenset({"x", "✓", "✔", "☑", "☒", "■", "oui", "yes", "ja", "kyllä"})


def _ticked(lines: list[list[str]]) -> tuple[str, str]:
    """A label's value from its lines, and the options it lists but does not tick: where
    any line is an option with a tick ("État-civil" | "X"), only the ticked options are the
    value and the others are kept apart, so no unticked option is read as the record's."""
    marks = [
        len(line) > 1 and (line[-1].casefold() in TICKS or line[0].casefold() in TICKS)
        for line in lines
    ]
    if len(lines) < 2 or not any(marks):  # one line ("Oui" | "santé") is kept as written
        return "\n".join(t for line in lines for t in line), ""
    ticked: list[str] = []
    unticked: list[str] = []
    for line, mark in zip(lines, marks, strict=True):
        options = [t for t in line if t.casefold() not in TICKS]
        (ticked if mark else unticked).append(" ".join(options))
    return "\n".join(t for t in ticked if t), "\n".join(t for t in unticked if t)


def _labels(sheet: SourceSheet, column: int) -> list[tuple[int, str, str, bool]]:
    """(row, label, value, is a label) down ``column``: the value is the text of the cells
    to its right, and of the rows under it whose label cell is empty (a list under its
    label; ticked options only, see :func:`_ticked`). Text left of the label column is kept
    under "Column A" and the like."""
    found: list[tuple[int, str, str, bool]] = []
    lines: dict[int, list[list[str]]] = {}  # index in found -> the label's lines of values
    for number, cells in enumerate(sheet.grid):
        label = cell_text(cells[column]) if column < len(cells) else ""
        values = dict.fromkeys(t for t in (cell_text(c) for c in cells[column + 1 :]) if t)
        values.pop(label, None)  # a label merged across its value cells
        last = next((i for i in range(len(found) - 1, -1, -1) if found[i][3]), None)
        if label:
            lines[len(found)] = [list(values)] if values else []
            found.append((number, label, "", True))
        elif values and last is not None:  # a continuation line of the label above
            lines[last].append(list(values))
        elif values:
            found.append((number, f"Column {column_letter(column + 1)}", "\n".join(values), False))
        for left in range(min(column, len(cells))):
            if text := cell_text(cells[left]):
                found.append((number, f"Column {column_letter(left)}", text, False))
    out: list[tuple[int, str, str, bool]] = []
    for index, (number, label, value, real) in enumerate(found):
        if not real:
            out.append((number, label, value, real))
            continue
        value, unticked = _ticked(lines[index])
        out.append((number, label, value, True))
        if unticked:
            out.append((number, label + NOT_TICKED, unticked, False))
    return out


def as_form(sheet: SourceSheet, column: int) -> SourceSheet:
    """``sheet`` turned on its side: row 0 the labels, then one row per fiche."""
    headings: list[str] = []
    index: dict[str, int] = {}
    records: list[dict[int, tuple[str, int]]] = []
    for number, label, value, real in _labels(sheet, column):
        key = heading_key(label)
        if key not in index:
            index[key] = len(headings)
            headings.append(label)
        position = index[key]
        if not records or (real and position in records[-1] and value):
            records.append({})
        if value and position in records[-1]:  # text beside the labels, joined
            old, first = records[-1][position]
            records[-1][position] = (f"{old}\n{value}", first)
        elif value:
            records[-1][position] = (value, number)
    grid: list[list[Any]] = [list(headings)]
    cells: dict[tuple[int, int], str] = {}
    for row, record in enumerate(records, start=1):
        values: list[Any] = [""] * len(headings)
        for position, (value, number) in record.items():
            values[position] = value
            cells[(row, position)] = f"{column_letter(column + 1)}{number + 1}"
        grid.append(values)
    return SourceSheet(sheet.name, grid, [], form_cells=cells)


def label_columns(sheet: SourceSheet) -> list[tuple[int, list[str]]]:
    """Each of the first columns with the heading keys of the texts down it (each once), for
    detection to score; worked out once per sheet (every layout asks)."""
    if sheet.label_columns is None:
        rows = sheet.grid[:FORM_ROWS]
        sheet.label_columns = []
        for column in range(LABEL_COLUMNS):
            texts = (cell_text(r[column]) for r in rows if column < len(r))
            keys = dict.fromkeys(key for key in map(heading_key, texts) if key)
            sheet.label_columns.append((column, list(keys)))
    return sheet.label_columns
