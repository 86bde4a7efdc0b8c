"""The group record laid out as the report's tables (:mod:`ropa.write.layout`).

:func:`report_tables` gives every table in reading order: the sources, the controllers, the
Art. 30(1) record, the Art. 30(2) record, the annexes (processors with their uses, purposes,
transfers, retention), the conflicts and, when asked for, the findings. The spreadsheets
(xlsx, csv, md) render them in the :data:`~ropa.write.layout.SPREADSHEET` style; the page
report (``ropa.write.document``) takes them in the :data:`~ropa.write.layout.PAGE` style.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from ropa.model.citations import cite
from ropa.model.control import stamp
from ropa.model.findings import Finding
from ropa.model.messages import render
from ropa.model.schema import FieldSpec, record_schema
from ropa.read.group import USES_KEY, Conflict, GroupRecord
from ropa.read.record import SOURCE_KEY
from ropa.write.cells import Cell, activity_rows, field_cell, plain
from ropa.write.labels import conflict_label, label
from ropa.write.layout import SPREADSHEET, Column, Style, Table, art30_columns, field_column

# --- the Art. 30(1) table ------------------------------------------------------------------


def activities_table(group: GroupRecord, rows: list[dict[str, Any]] | None = None) -> Table:
    """The Art. 30(1) record: one row per activity, columns in Art. 30(1)(a)-(g) order;
    ``rows`` are the group's :func:`~ropa.write.cells.activity_rows` when already made."""
    lang = group.lang
    columns = art30_columns(lang)
    return Table(
        key="record_30_1",
        anchor="table-activities",
        title=label("record_30_1", lang),
        columns=columns,
        rows=[
            [row[column.key] for column in columns]
            for row in (activity_rows(group) if rows is None else rows)
        ],
        empty=label("none", lang),
    )


# --- sheet tables (organisation, Art. 30(2) and the annexes) -------------------------------

Make = Callable[[dict[str, Any]], Cell]


def _field_maker(spec: FieldSpec, lang: str) -> Callable[[Any], Cell]:
    """:func:`~ropa.write.cells.field_cell` for ``spec``; a field of codes (a vocabulary,
    countries, yes/no) remembers the text of each value, which a large record repeats."""
    if not (spec.vocabulary or spec.kind in ("yesno", "country")):
        return lambda value: field_cell(spec, value, lang)
    known: dict[tuple[type, Any], Cell] = {}

    def one(value: Any) -> Any:
        if value.__class__ not in (str, bool, int):
            return field_cell(spec, value, lang)  # dates, numbers as text: not remembered
        key = (value.__class__, value)
        cell = known.get(key)
        if cell is None:
            cell = known[key] = field_cell(spec, value, lang)
        return cell

    def make(value: Any) -> Cell:
        if value.__class__ is list and value and spec.multi:
            return [one(item) for item in value if item not in (None, "")]  # as field_cell
        return one(value)

    return make


def sheet_table(
    group: GroupRecord,
    sheet_key: str,
    key: str,
    title: str,
    *,
    caption: str = "",
    extra: Sequence[tuple[Column, Make]] = (),
    custom: dict[str, Make] | None = None,
) -> Table:
    """Every field of a record sheet, titled from the schema, plus ``extra`` columns;
    ``custom`` makes the cells of some fields another way."""
    lang = group.lang
    sheet = record_schema().sheet(sheet_key)
    custom = custom or {}
    columns = [field_column(spec, lang) for spec in sheet.fields]
    makers: list[tuple[str, Callable[[Any], Cell]]] = [
        (spec.key, custom.get(spec.key) or _field_maker(spec, lang)) for spec in sheet.fields
    ]
    rows = []
    for row in group.record[sheet_key]:
        cells = [make(row) if name in custom else make(row.get(name)) for name, make in makers]
        rows.append(cells + [make(row) for _, make in extra])
    return Table(
        key=key,
        anchor=f"table-{sheet_key}",
        title=title,
        columns=columns + [column for column, _ in extra],
        rows=rows,
        caption=caption or f"{sheet.title(lang)} ({cite(sheet.article, lang)})",
        empty=label("none", lang),
    )


def _uses(group: GroupRecord, style: Style) -> Make:
    """The activities that name a processor as a recipient."""
    several = len(group.sources) > 1
    names = {source.path: source.name for source in group.sources}

    def joined(row: dict[str, Any]) -> Cell:
        ids = dict.fromkeys(str(use.get("activity_id", "")) for use in row.get(USES_KEY, []))
        return ", ".join(ident for ident in ids if ident)

    def listed(row: dict[str, Any]) -> Cell:
        return [
            f"{use['activity_id']} ({names.get(use['file'], use['file'])})"
            if several
            else use["activity_id"]
            for use in row.get(USES_KEY, [])
        ]

    return joined if style.joined_uses else listed


def _recipient(group: GroupRecord) -> Make:
    """A transfer's recipient with the name of the processor it refers to."""

    def name(row: dict[str, Any]) -> Cell:
        reference = plain(row.get("recipient"))
        processor = group.processor_for(row[SOURCE_KEY]["file"], reference) if reference else None
        if processor and processor.get("name") and processor.get("name") != reference:
            return f"{processor['name']} ({reference})"
        return reference

    return name


# --- sources, conflicts and findings -------------------------------------------------------


def _timestamp(text: str) -> str:
    """An input file's time as the page reports show times: local, with its zone."""
    try:
        return stamp(dt.datetime.fromisoformat(text))
    except ValueError:
        return text


def sources_table(group: GroupRecord, style: Style = SPREADSHEET) -> Table:
    """The input files with their SHA-256, so the report can be tied to the exact workbooks."""
    lang = group.lang
    if style.short_sources:
        rows: list[list[Cell]] = [[s.name, _timestamp(s.modified), s.sha256] for s in group.sources]
    else:
        rows = [[s.path, s.modified, s.sha256] for s in group.sources]
    return Table(
        key="sources",
        anchor="table-sources",
        title=label("sources", lang),
        columns=[
            Column("file", label("file", lang), 36, 3),
            Column("modified", label("modified", lang), 26, 2, kind="date"),
            Column("sha256", label("sha256", lang), 66, 6),
        ],
        rows=rows,
        empty=label("none", lang),
    )


def _place(place: tuple[str, str, int, str], style: Style, lang: str) -> str:
    file, sheet, row, value = place
    if style.worded_places:
        quoted = f" \u2013 \u201c{value}\u201d" if value else ""
        return f"{file}: {sheet} {label('row', lang)} {row}{quoted}"
    return f"{file}: {sheet} {row}: {value}" if value else f"{file}: {sheet} {row}"


def conflicts_table(group: GroupRecord, style: Style = SPREADSHEET) -> Table:
    """Where the workbooks disagree (empty when they do not)."""
    lang = group.lang

    def row(conflict: Conflict) -> list[Cell]:
        places = [_place(p, style, lang) for p in conflict.places]
        message = render(conflict.message, lang) or ""
        return [conflict_label(conflict.kind, lang), conflict.key, message, places]

    return Table(
        key="conflicts",
        anchor="table-conflicts",
        title=label("conflicts", lang),
        columns=[
            Column("kind", label("kind", lang), 22, 3),
            Column("key", label("key", lang), 16, 2, kind="id"),
            Column("message", label("message", lang), 60, 7),
            Column("places", label("places", lang), 60, 7),
        ],
        rows=[row(c) for c in group.conflicts],
        empty=label("no_conflicts", lang),
    )


#: Findings with the errors first (see :attr:`Style.severity_first`).
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def findings_table(group: GroupRecord, style: Style = SPREADSHEET) -> Table:
    """The findings of ``ropa check`` on every input."""
    lang = group.lang
    findings: list[Finding] = list(group.findings)
    if style.severity_first:
        findings.sort(key=lambda f: (SEVERITY_ORDER.get(f.severity.value, 3), f.sort_key()))
    return Table(
        key="findings",
        anchor="table-findings",
        title=label("findings", lang),
        columns=[
            Column("severity", label("severity", lang), 12, 3),
            Column("rule", label("rule", lang), 9, 2, kind="id"),
            Column("message", label("message", lang), 60, 8),
            Column("reference", label("reference", lang), 20, 3),
            Column("location", label("location", lang), 36, 4),
            Column("hint", label("hint", lang), 40, 6),
        ],
        rows=[
            [
                label(f.severity.value, lang),
                f.code,
                f.message,
                f.reference,
                f.location.describe(),
                f.hint or "",
            ]
            for f in findings
        ],
        empty=label("no_findings", lang),
        tones=[f.severity.value for f in findings],
    )


def report_tables(
    group: GroupRecord,
    style: Style = SPREADSHEET,
    *,
    rows: list[dict[str, Any]] | None = None,
) -> list[Table]:
    """Every table of the report, in reading order (findings only when they were asked for);
    ``rows`` are the group's :func:`~ropa.write.cells.activity_rows` when already made."""
    lang = group.lang
    uses = Column(USES_KEY, label("uses", lang), 24, 6)
    recipients = {"recipient": _recipient(group)} if style.named_recipients else None
    tables = [
        sources_table(group, style),
        sheet_table(group, "organisation", "controllers", label("controllers", lang)),
        activities_table(group, rows),
        sheet_table(
            group,
            "processor_activities",
            "record_30_2",
            label("record_30_2", lang),
            caption=label("record_30_2", lang),
        ),
        sheet_table(
            group,
            "processors",
            "processors",
            label("processors", lang),
            extra=[(uses, _uses(group, style))],
        ),
        sheet_table(group, "purposes", "purposes", label("col_purposes", lang)),
        sheet_table(group, "transfers", "transfers", label("transfers", lang), custom=recipients),
        sheet_table(group, "retention", "retention", label("retention", lang)),
        conflicts_table(group, style),
    ]
    if group.findings or group.with_findings:
        tables.append(findings_table(group, style))
    return tables
