"""Import: read the sources, detect their layouts, map their columns, build one record."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ropa.model.messages import SOURCE_LANGUAGE, Text, render
from ropa.model.schema import record_schema
from ropa.read.container import Limits
from ropa.read.importer.block import Block, read_block
from ropa.read.importer.builder import NOTES, Record, Unread
from ropa.read.importer.detect import Detection, detect
from ropa.read.importer.layouts import Layout, layout
from ropa.read.importer.mapping import MappingFile, SheetPlan, plan_sheet, rematch
from ropa.read.importer.source import Source, SourceSheet, read_source
from ropa.read.importer.split import SheetRead, extra_heading, extras_sheet, read_plan
from ropa.read.workbook import WorkbookError


@dataclass
class SheetReport:
    file: str
    sheet: str
    layout: str
    rows: str
    header_row: int
    rows_read: int
    mapped: list[tuple[str, str, str]]  # heading, target, how
    extras: list[str]
    empty_extras: list[str] = field(default_factory=list)  # extras no row fills
    set_aside: list[Text] = field(default_factory=list)  # rows that are guidance or notes
    form: bool = False  # a form (label | value), read as one row per fiche

    def to_dict(self, lang: str = SOURCE_LANGUAGE) -> dict[str, Any]:
        return {
            "file": self.file,
            "sheet": self.sheet,
            "layout": self.layout,
            "rows": self.rows,
            "header_row": self.header_row,
            "rows_read": self.rows_read,
            "mapped": [{"heading": h, "field": t, "how": how} for h, t, how in self.mapped],
            "extras": self.extras,
            "extras_empty_in_source": self.empty_extras,
            "rows_set_aside": [str(render(what, lang)) for what in self.set_aside],
            "form": self.form,
        }


@dataclass
class SourceReport:
    file: str
    kind: str
    layout: str
    layout_title: str
    reason: Text  # why this layout (RP118.reason.*), in the summary's language
    sheets: list[SheetReport]
    skipped_sheets: list[str]
    encoding: str | None = None
    delimiter: str | None = None
    organisation_sheets: list[str] = field(default_factory=list)  # read as the block
    organisation_block: list[str] = field(default_factory=list)  # fields read above the header
    organisation_cells: str = ""  # where that block is ("A1–G6")


@dataclass
class ImportResult:
    """What import read and built; ``rows`` go to the template writer, ``kept_sheets`` beside."""

    rows: dict[str, list[dict[str, Any]]]
    sources: list[SourceReport]
    unread: list[Unread]
    language: str
    kept_sheets: list[tuple[str, SourceSheet]] = field(default_factory=list)
    plans: list[SheetPlan] = field(default_factory=list)
    #: Extra columns no row fills, by record sheet: written as empty headed columns.
    empty_columns: dict[str, list[str]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {sheet.key: len(self.rows.get(sheet.key, [])) for sheet in record_schema().sheets}


def _edits(mapping: MappingFile | None, source: Source, sheet: str) -> dict[str, Any]:
    if mapping is None:
        return {}
    entry = mapping.sources.get(source.display) or mapping.sources.get(str(source.path)) or {}
    found = dict(entry.get("sheets", {}).get(sheet, {}))
    found["columns"] = {**mapping.columns, **found.get("columns", {})}
    return found


def _plans(source: Source, detection: Detection, mapping: MappingFile | None) -> list[SheetPlan]:
    plans = []
    for match in detection.matches:
        edits = _edits(mapping, source, match.sheet.name)
        if "header_row" in edits:
            match = rematch(source, match.part, match.sheet.name, int(edits["header_row"]))
        plans.append(plan_sheet(source, match, detection.layout, edits.get("columns", {})))
    return plans


def plan_source(
    source: Source, forced: Layout | None, mapping: MappingFile | None
) -> tuple[Detection, list[SheetPlan]]:
    detection = detect(source, forced)
    if detection is None:
        names = ", ".join(f"'{s.name}'" for s in source.sheets)
        raise WorkbookError(
            f"{source.path}: no sheet looks like a record in a known layout (sheets: {names}); "
            "see 'ropa import --list-layouts', or give --layout and --mapping"
        )
    return detection, _plans(source, detection, mapping)


def import_sources(
    paths: Sequence[str | Path],
    layout_name: str = "auto",
    mapping: MappingFile | None = None,
    limits: Limits | None = None,
) -> ImportResult:
    """Read every source into one record; WorkbookError (one line) for what cannot be read."""
    name = mapping.layout if mapping and mapping.layout and layout_name == "auto" else layout_name
    try:
        forced = None if name in (None, "auto") else layout(name)
    except KeyError as exc:
        raise WorkbookError(str(exc.args[0])) from exc
    record = Record()
    reports: list[SourceReport] = []
    kept: list[tuple[str, SourceSheet]] = []
    all_plans: list[SheetPlan] = []
    empty_columns: dict[str, list[str]] = {}
    languages: list[str] = []
    for path in paths:
        source = read_source(path, limits)
        detection, plans = plan_source(source, forced, mapping)
        languages.append(detection.layout.language)
        used = {plan.match.sheet.name for plan in plans}
        skipped = [s for s in source.sheets if s.name not in used and s.has_content()]
        organisation_sheets = []
        for sheet in list(skipped):
            if _organisation_sheet(record, sheet) is not None:
                skipped.remove(sheet)
                organisation_sheets.append(sheet.name)
        entity, block = _organisation(record, plans)
        entity = entity or (record.entity(None) if organisation_sheets else None)
        sheets = []
        for plan in plans:
            read = read_plan(plan, record, entity)
            sheets.append(_sheet_report(plan, read))
            keep = empty_columns.setdefault(extras_sheet(plan), [])
            keep += [
                h for h in (extra_heading(plan, e) for e in read.empty_extras) if h not in keep
            ]
        kept += [(source.display, s) for s in skipped]
        reports.append(
            SourceReport(
                source.display,
                source.kind,
                detection.layout.name,
                detection.layout.title,
                detection.reason_message(),
                sheets,
                [s.name for s in skipped],
                source.encoding,
                source.delimiter,
                organisation_sheets,
                block.fields_read(),
                block.span(),
            )
        )
        all_plans += plans
    _finish(record)
    language = max(set(languages), key=languages.count) if languages else "en"
    filled = {s: {k for row in record.rows[s] for k in row} for s in empty_columns}
    empty_columns = {
        s: [h for h in headings if h not in filled[s]] for s, headings in empty_columns.items()
    }
    return ImportResult(
        record.rows, reports, record.unread, language, kept, all_plans, empty_columns
    )


def _organisation_sheet(record: Record, sheet: SourceSheet) -> str | None:
    """A sheet of its own holding the organisation block ("Controller": name, address, DPO),
    read into Organisation: it names the controller or the DPO, gives two fields or more,
    and holds no more loose text than fields (a table of contacts is no such block)."""
    block = read_block(sheet.grid, len(sheet.grid))
    named = "legal_name" in block.fields or "dpo_name" in block.fields
    if not named or len(block.fields) < 2 or len(block.notes) > len(block.fields):
        return None
    fields = dict(block.fields)
    if block.notes:
        fields[NOTES] = "\n".join(f"{sheet.name}: {note}" for note in block.notes)
    return record.entity(fields.pop("legal_name", None), fields)


def _organisation(record: Record, plans: list[SheetPlan]) -> tuple[str | None, Block]:
    for plan in plans:
        if plan.part.rows in ("activities", "processor_activities") and plan.header_row > 0:
            block = read_block(plan.match.sheet.grid, plan.header_row)
            fields = dict(block.fields)
            if block.notes:
                fields[NOTES] = "\n".join(block.notes)
            if fields:
                return record.entity(fields.pop("legal_name", None), fields), block
    return None, Block()


def _sheet_report(plan: SheetPlan, read: SheetRead) -> SheetReport:
    mapped = [(c.heading, c.target, c.how) for c in plan.columns if c.target]
    extras = [c.heading for c in plan.columns if not c.target]
    return SheetReport(
        plan.source.display,
        plan.match.sheet.name,
        plan.layout.name,
        plan.part.rows,
        plan.header_row + 1,
        read.rows,
        mapped,
        extras,
        read.empty_extras,
        read.set_aside,
        plan.match.form,
    )


def _finish(record: Record) -> None:
    """Drop the importer's bookkeeping; an unused default entity with nothing in it stays out."""
    for row in record.rows["activities"]:
        row.pop("_source_id", None)
    if not record.rows["activities"] and not record.rows["processor_activities"]:
        record.rows["organisation"] = [
            r
            for r in record.rows["organisation"]
            if any(v for k, v in r.items() if k != "entity_id")
        ]
