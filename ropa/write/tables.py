"""The group record as localised tables, shared by the xlsx, csv and markdown exports.

Each :class:`Table` has a stable ``key`` (the CSV file name), a title and headers in the
report language, and rows of cells that are text or lists of text. Renderers only decide
how to join a list (a line break in Excel, ``"; "`` in CSV, ``<br>`` in markdown).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ropa.model.findings import Finding
from ropa.model.schema import FieldSpec, record_schema
from ropa.write.labels import conflict_label, label
from ropa.write.model import (
    USES_KEY,
    Conflict,
    GroupRecord,
    activity_rows,
    country_label,
    vocab_label,
    yes_no,
)

Cell = str | list[str]

#: Width of a column that is not a schema field, in characters.
DEFAULT_WIDTH = 24


@dataclass
class Table:
    """One table of the report."""

    key: str
    title: str
    headers: list[str]
    rows: list[list[Cell]]
    widths: list[int]
    #: Header bands above the headers: (text, number of columns), e.g. the Art. 30(1) letters.
    groups: list[tuple[str, int]] = field(default_factory=list)
    #: Shown instead of an empty table.
    empty: str = ""


# --- the Art. 30(1) table ------------------------------------------------------------------

#: activity_rows() key -> (schema field "sheet.field" or report label key, width).
_ACTIVITY_COLUMNS: dict[str, tuple[str, int]] = {
    "activity_id": ("activities.activity_id", 10),
    "name": ("activities.name", 18),
    "controllers": ("col_controllers", 20),
    "dpo": ("dpo", 18),
    "purposes": ("col_purposes", 40),
    "data_subjects": ("activities.data_subjects", 20),
    "data_categories": ("activities.data_categories", 26),
    "special_categories": ("activities.special_categories", 16),
    "recipients": ("col_recipients", 24),
    "transfers": ("col_transfers", 24),
    "retention": ("col_retention", 32),
    "security_measures": ("activities.security_measures", 32),
    "owner": ("activities.owner", 14),
    "dpia": ("col_dpia", 28),
    "last_reviewed": ("activities.last_reviewed", 11),
}

#: The article bands over the Art. 30(1) columns, in order, with how many columns each spans.
_ACTIVITY_GROUPS: tuple[tuple[str, int], ...] = (
    ("activity", 2),
    ("art30_1_a", 2),
    ("art30_1_b", 1),
    ("art30_1_c", 3),
    ("art30_1_d", 1),
    ("art30_1_e", 1),
    ("art30_1_f", 1),
    ("art30_1_g", 1),
    ("accountability", 3),
)


def column_title(source: str, lang: str) -> str:
    """A header: the schema title of ``sheet.field``, or the report label ``source``."""
    if "." in source:
        return record_schema().field(source).title(lang)
    return label(source, lang)


def activities_table(group: GroupRecord) -> Table:
    """The Art. 30(1) record: one row per activity, columns in Art. 30(1)(a)-(g) order."""
    lang = group.lang
    keys = list(_ACTIVITY_COLUMNS)
    return Table(
        key="record_30_1",
        title=label("record_30_1", lang),
        headers=[column_title(_ACTIVITY_COLUMNS[k][0], lang) for k in keys],
        rows=[[row[k] for k in keys] for row in activity_rows(group)],
        widths=[_ACTIVITY_COLUMNS[k][1] for k in keys],
        groups=[(label(key, lang), span) for key, span in _ACTIVITY_GROUPS],
        empty=label("none", lang),
    )


# --- sheet tables (organisation, Art. 30(2) and the annexes) -------------------------------


def field_cell(spec: FieldSpec, value: Any, lang: str) -> Cell:
    """A canonical value as report text: vocabulary labels, country names, yes/no words."""
    values = value if isinstance(value, list) else [value]
    if spec.kind == "country":
        texts = [country_label(v, lang) for v in values]
    elif spec.kind == "yesno":
        texts = [yes_no(v, lang) for v in values]
    elif spec.vocabulary:
        texts = [vocab_label(spec.vocabulary, v, lang) for v in values]
    else:
        texts = ["" if v is None else str(v) for v in values]
    return texts if spec.multi else (texts[0] if texts else "")


def sheet_table(
    group: GroupRecord,
    sheet_key: str,
    key: str,
    title: str,
    extra: list[tuple[str, int, Callable[[dict[str, Any]], Cell]]] | None = None,
) -> Table:
    """Every field of a record sheet, titled from the schema, plus ``extra`` columns."""
    lang = group.lang
    sheet = record_schema().sheet(sheet_key)
    extra = extra or []
    rows = []
    for row in group.record[sheet_key]:
        cells = [field_cell(spec, row.get(spec.key), lang) for spec in sheet.fields]
        rows.append(cells + [make(row) for _, _, make in extra])
    return Table(
        key=key,
        title=title,
        headers=[spec.title(lang) for spec in sheet.fields] + [name for name, _, _ in extra],
        rows=rows,
        widths=[spec.width for spec in sheet.fields] + [width for _, width, _ in extra],
        empty=label("none", lang),
    )


def _uses(group: GroupRecord) -> Callable[[dict[str, Any]], Cell]:
    several = len(group.sources) > 1
    names = {source.path: source.name for source in group.sources}

    def uses(row: dict[str, Any]) -> Cell:
        return [
            f"{use['activity_id']} ({names.get(use['file'], use['file'])})"
            if several
            else use["activity_id"]
            for use in row.get(USES_KEY, [])
        ]

    return uses


def sources_table(group: GroupRecord) -> Table:
    """The input files with their SHA-256, so the report can be tied to the exact workbooks."""
    lang = group.lang
    return Table(
        key="sources",
        title=label("sources", lang),
        headers=[label("file", lang), label("modified", lang), label("sha256", lang)],
        rows=[[s.path, s.modified, s.sha256] for s in group.sources],
        widths=[36, 26, 66],
    )


def _place(place: tuple[str, str, int, str]) -> str:
    file, sheet, row, value = place
    return f"{file}: {sheet} {row}: {value}" if value else f"{file}: {sheet} {row}"


def conflicts_table(group: GroupRecord) -> Table:
    """Where the workbooks disagree (empty when they do not)."""
    lang = group.lang
    return Table(
        key="conflicts",
        title=label("conflicts", lang),
        headers=[label(k, lang) for k in ("kind", "key", "message", "places")],
        rows=[_conflict_row(c, lang) for c in group.conflicts],
        widths=[22, 16, 60, 60],
        empty=label("no_conflicts", lang),
    )


def _conflict_row(conflict: Conflict, lang: str) -> list[Cell]:
    kind = conflict_label(conflict.kind, lang)
    return [kind, conflict.key, conflict.message, [_place(p) for p in conflict.places]]


def findings_table(group: GroupRecord) -> Table:
    """The findings of ``ropa check`` on every input."""
    lang = group.lang
    return Table(
        key="findings",
        title=label("findings", lang),
        headers=[label(k, lang) for k in ("severity", "rule", "message", "reference")]
        + [label(k, lang) for k in ("location", "hint")],
        rows=[_finding_row(f, lang) for f in group.findings],
        widths=[12, 9, 60, 20, 36, 40],
        empty=label("no_findings", lang),
    )


def _finding_row(finding: Finding, lang: str) -> list[Cell]:
    return [
        label(finding.severity.value, lang),
        finding.code,
        finding.message,
        finding.reference,
        finding.location.describe(),
        finding.hint or "",
    ]


def report_tables(group: GroupRecord) -> list[Table]:
    """Every table of the report, in reading order (findings only when they were asked for)."""
    lang = group.lang
    tables = [
        sources_table(group),
        sheet_table(group, "organisation", "controllers", label("controllers", lang)),
        activities_table(group),
        sheet_table(group, "processor_activities", "record_30_2", label("record_30_2", lang)),
        sheet_table(
            group,
            "processors",
            "processors",
            label("processors", lang),
            [(label("uses", lang), 24, _uses(group))],
        ),
        sheet_table(group, "purposes", "purposes", label("col_purposes", lang)),
        sheet_table(group, "transfers", "transfers", label("transfers", lang)),
        sheet_table(group, "retention", "retention", label("retention", lang)),
        conflicts_table(group),
    ]
    if group.findings or group.with_findings:
        tables.append(findings_table(group))
    return tables
