"""Flat rows into the record: one activity per row, its purposes, recipients, transfers and
retention on their own sheets, each interpreted value with its original wording beside it.

A row whose activity-name (or id) cell is empty, merged down from the row above, or repeats
the previous row's name is another purpose of the same activity; rows are never grouped by
business function or department alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ropa.model.messages import Text, msg
from ropa.model.schema import record_schema
from ropa.model.text import fold
from ropa.read.cells import column_letter
from ropa.read.importer.block import organisation_fields
from ropa.read.importer.builder import AS_WRITTEN, NOTES, ORIGIN, Record, Unread, append_text
from ropa.read.importer.detect import cell_text
from ropa.read.importer.layouts import FLAT_SHEETS
from ropa.read.importer.mapping import SheetPlan
from ropa.read.importer.parts import (
    activity_fields,
    direct_row,
    processors,
    purposes,
    retention,
    transfers,
)
from ropa.read.importer.rows import GUIDANCE_ROWS, is_guidance, is_note

Cells = dict[str, list[tuple[str, str, str]]]  # target -> [(text, cell, heading)]


class _Sheet:
    """Reads the rows of one planned sheet into the record."""

    def __init__(self, plan: SheetPlan, record: Record, entity: str | None) -> None:
        self.plan, self.record, self.entity = plan, record, entity
        self.aliases = plan.layout.value_aliases
        self.file, self.name = plan.source.display, plan.match.sheet.name
        self.current: dict[str, Any] | None = None
        self.filled: set[int] = set()  # the extra columns that hold a value somewhere
        self.skipped: list[Text] = []  # rows that are no record, and what they are
        # A sheet in ropa's layout is read row for row, unless it is one flat register headed
        # with ropa's titles (an Activities sheet with purposes or retention on every row).
        others = {c.target.split(".")[0] for c in plan.columns if c.target} - {"activities"}
        flat = plan.part.rows == "activities" and bool(others & set(FLAT_SHEETS))
        self.direct = plan.layout.schema_sheets and not flat
        self.started = False

    # --- helpers -------------------------------------------------------------------------

    def origin(self, number: int) -> str:
        form = self.plan.match.sheet.form_cells
        if form is not None:  # a fiche: the cells its values came from
            cells = sorted(
                (cell for (row, _), cell in form.items() if row == number - 1),
                key=lambda cell: int("".join(ch for ch in cell if ch.isdigit()) or 0),
            )
            span = f"{cells[0]}–{cells[-1]}" if len(cells) > 1 else "".join(cells)
            return f"{self.file} › {self.name} › form, {span}"
        return f"{self.file} › {self.name} › row {number}"

    def cell_origin(self, cell: str) -> str:
        """Where a value in ``cell`` came from ("row 7", or the form's cell)."""
        if self.plan.match.sheet.form_cells is not None:
            return f"{self.file} › {self.name} › form, {cell}"
        return self.origin(int(cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")))

    def unread(self, cell: str, heading: str, text: str, why: Text) -> None:
        self.record.unread.append(Unread(self.file, self.name, cell, heading, text, why))

    def keep(self, row: dict[str, Any], sheet: str, key: str, original: str) -> None:
        title = record_schema().sheet(sheet).field(key).title("en")
        append_text(row, title + AS_WRITTEN, original)

    def cells(self, grid_row: list[Any], number: int) -> tuple[Cells, dict[str, str]]:
        found: Cells = {}
        extras: dict[str, str] = {}
        for column in self.plan.columns:
            raw = grid_row[column.index] if column.index < len(grid_row) else ""
            text = cell_text(raw)
            if not text:
                continue
            cell = f"{column_letter(column.index)}{number}"
            if self.plan.match.sheet.form_cells is not None:
                cell = self.plan.match.sheet.form_cells.get((number - 1, column.index), cell)
            if column.target is None:
                self.filled.add(column.index)
                heading = extra_heading(self.plan, column.heading)
                extras[heading] = f"{extras[heading]}\n{text}" if heading in extras else text
            else:
                found.setdefault(column.target, []).append((text, cell, column.heading))
        return found, extras

    @staticmethod
    def text(cells: Cells, target: str) -> str:
        return "\n".join(dict.fromkeys(t for t, _, _ in cells.get(target, [])))

    # --- rows ----------------------------------------------------------------------------

    def set_aside(self, number: int, texts: list[str], what: str, kind: str) -> bool:
        """Keep a row that is no record (guidance, a note) in the organisation's notes."""
        entity = self.entity or self.record.entity(None)
        row = next(r for r in self.record.rows["organisation"] if r["entity_id"] == entity)
        append_text(row, NOTES, f"{self.name} › row {number} ({what}): {' | '.join(texts)}")
        self.skipped.append(msg(f"import.set_aside.{kind}", number=number))
        return True

    def not_a_record(self, cells: Cells, extras: dict[str, str], offset: int) -> bool:
        if self.direct:
            return False
        texts = list(dict.fromkeys([t for found in cells.values() for t, _, _ in found]))
        texts += [t for t in extras.values() if t not in texts]
        number = self.plan.header_row + offset + 2
        if not self.started and offset < GUIDANCE_ROWS and is_guidance(texts):
            return self.set_aside(
                number, texts, "the template's guidance under the header", "guidance"
            )
        if is_note(texts, number - 1, self.plan.match.sheet.merged):
            return self.set_aside(number, texts, "a note about the sheet", "note")
        return False

    def run(self) -> int:
        grid = self.plan.match.sheet.grid
        read = 0
        for offset, grid_row in enumerate(grid[self.plan.header_row + 1 :]):
            number = self.plan.header_row + offset + 2
            cells, extras = self.cells(grid_row, number)
            if not cells and not extras:
                continue
            if self.not_a_record(cells, extras, offset):
                continue
            self.started = True
            read += 1
            rows = self.plan.part.rows
            if self.direct:
                self.direct_row(rows, cells, extras, number)
            elif rows == "activities":
                self.activity_row(cells, extras, number)
            elif rows == "attach":
                self.attach_row(cells, extras, number)
            else:
                self.direct_row(rows, cells, extras, number)
        return read

    def activity_row(self, cells: Cells, extras: dict[str, str], number: int) -> None:
        wanted_id = self.text(cells, "activities.activity_id")
        name = self.text(cells, "activities.name")
        if not name and self.plan.layout.activity_name_from:
            name = self.text(cells, self.plan.layout.activity_name_from).split("\n")[0]
        current = self.current
        same = current is not None and (
            (wanted_id and fold(wanted_id) == fold(current.get("_source_id", "")))
            or (not wanted_id and (not name or fold(name) == fold(current.get("name") or "")))
        )
        if not same:
            entity = self.organisation(cells) or self.entity or self.record.entity(None)
            activity_id = self.record.new_id("activities", "A", wanted_id or None)
            current = {
                "activity_id": activity_id,
                "entity_ids": entity,
                "name": name or None,
                "_source_id": wanted_id,
                ORIGIN: self.origin(number),
            }
            self.record.rows["activities"].append(current)
            self.current = current
        else:
            assert current is not None  # ``same`` holds only for an activity already read
            self.organisation(cells)
            append_text(current, ORIGIN, f"row {number}")
        self.attach(current, cells, extras, number)

    def attach_row(self, cells: Cells, extras: dict[str, str], number: int) -> None:
        activities = self.record.rows["activities"]
        if not activities:
            self.activity_row(cells, extras, number)
            return
        self.attach(activities[-1] if self.current is None else self.current, cells, extras, number)

    def organisation(self, cells: Cells) -> str | None:
        fields = {
            t.split(".", 1)[1]: self.text(cells, t) for t in cells if t.startswith("organisation.")
        }
        if not fields:
            return None
        fields = organisation_fields(fields)  # "X Ltd, address, e-mail" in one cell, split
        return self.record.entity(fields.pop("legal_name", None) or None, fields)

    # --- one activity's parts ------------------------------------------------------------

    def attach(
        self, activity: dict[str, Any], cells: Cells, extras: dict[str, str], number: int
    ) -> None:
        activity_fields(self, activity, cells)
        purposes(self, activity, cells)
        retention(self, activity, cells)
        processors(self, activity, cells, number)
        transfers(self, activity, cells, number)
        for heading, text in extras.items():
            append_text(activity, heading, text)
        notes = [f"{h}: {t}" for t, _, h in cells.get("notes", [])]
        if notes:
            append_text(activity, NOTES, "\n".join(notes))

    def direct_row(self, sheet: str, cells: Cells, extras: dict[str, str], number: int) -> None:
        direct_row(self, sheet, cells, extras, number)


def extra_heading(plan: SheetPlan, heading: str) -> str:
    """The heading of an extra column in the record ("Sheet: heading" on CISO Assistant's
    sub-sheets, which all fill the one activity)."""
    return f"{plan.match.sheet.name}: {heading}" if plan.part.rows == "attach" else heading


def extras_sheet(plan: SheetPlan) -> str:
    """The record sheet a source sheet's extra columns go to."""
    if plan.layout.schema_sheets or plan.part.rows not in ("activities", "attach"):
        return plan.part.rows
    return "activities"


@dataclass
class SheetRead:
    """What reading one sheet did: rows read, the extra columns no row fills (kept as empty
    columns, not dropped), and the rows set aside as guidance or notes."""

    rows: int
    empty_extras: list[str]
    set_aside: list[Text]


def read_plan(plan: SheetPlan, record: Record, entity: str | None) -> SheetRead:
    """Read one planned sheet into ``record``."""
    sheet = _Sheet(plan, record, entity)
    read = sheet.run()
    empty = [c.heading for c in plan.columns if c.target is None and c.index not in sheet.filled]
    return SheetRead(read, empty, sheet.skipped)
