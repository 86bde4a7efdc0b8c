"""The content of the visual reports (HTML and PDF), laid out once for both.

:func:`build_report` turns a :class:`~ropa.write.model.GroupRecord` into a :class:`Report`:
the cover facts, the summary cards and charts, and the record's sections as tables whose
cells are plain text (or lists of text). The HTML template and the PDF writer only draw it,
so the two formats always carry the same content. Nothing here is escaped: the HTML
template autoescapes every cell, and the PDF has no markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ropa.model.schema import FieldSpec, record_schema
from ropa.read.record import SOURCE_KEY
from ropa.write.charts import Chart, summary_charts
from ropa.write.labels import conflict_label, label
from ropa.write.model import (
    USES_KEY,
    GroupRecord,
    activity_rows,
    country_label,
    summary,
    vocab_label,
    yes_no,
)

Cell = str | list[str]

#: The Art. 30(1) table: activity_rows() key -> (schema field or None, label key, letter).
ACTIVITY_COLUMNS: tuple[tuple[str, str | None, str | None, str], ...] = (
    ("activity_id", "activities.activity_id", None, ""),
    ("name", "activities.name", None, ""),
    ("controllers", None, "col_controllers", "a"),
    ("dpo", None, "dpo", "a"),
    ("purposes", None, "col_purposes", "b"),
    ("data_subjects", "activities.data_subjects", None, "c"),
    ("data_categories", "activities.data_categories", None, "c"),
    ("special_categories", "activities.special_categories", None, "c"),
    ("recipients", None, "col_recipients", "d"),
    ("transfers", None, "col_transfers", "e"),
    ("retention", None, "col_retention", "f"),
    ("security_measures", "activities.security_measures", None, "g"),
    ("owner", "activities.owner", None, ""),
    ("dpia", None, "col_dpia", ""),
    ("last_reviewed", "activities.last_reviewed", None, ""),
)

#: Relative column widths for the PDF (the HTML sizes columns itself).
ACTIVITY_WIDTHS = (5, 9, 9, 8, 14, 8, 12, 7, 9, 8, 12, 11, 6, 7, 6)


@dataclass(frozen=True)
class Column:
    """One column of a table: its key, header text, an article note and a relative width."""

    key: str
    title: str
    note: str = ""
    width: float = 1.0
    kind: str = "text"  # "text" | "id" | "date" | "number" (sorting, alignment)


@dataclass
class Table:
    """A table of one section: ``key`` is its HTML id; cells are text or lists of text."""

    key: str
    caption: str
    columns: list[Column]
    rows: list[list[Cell]]
    empty: str = ""
    tones: list[str] = field(default_factory=list)  # a class per row (findings: severity)


@dataclass
class Section:
    """A numbered section of the report (one entry of the table of contents)."""

    key: str
    title: str
    intro: str = ""
    tables: list[Table] = field(default_factory=list)
    annex: str = ""  # the annex letter, or "" for a numbered section
    number: int = 0


@dataclass(frozen=True)
class Card:
    """A summary figure on the first page."""

    key: str
    title: str
    value: int
    tone: str = ""


@dataclass
class Report:
    """Everything the HTML and PDF reports show, in the report language."""

    lang: str
    title: str
    subtitle: str
    entity: str | None
    generated: str
    generated_iso: str
    version: str
    controllers: list[list[str]]  # one list of lines per controller
    dpos: list[str]
    sources: Table
    cards: list[Card]
    charts: list[Chart]
    sections: list[Section]
    word: Callable[[str], str]


def words(lang: str) -> Callable[[str], str]:
    """The report's words in ``lang`` (``word("page")``); an unknown key reads as itself."""

    def word(key: str) -> str:
        try:
            return label(key, lang)
        except KeyError:
            return key

    return word


def field_spec(dotted: str) -> FieldSpec:
    return record_schema().field(dotted)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value)
    return str(value)


def _one(spec: FieldSpec, value: Any, lang: str) -> str:
    if spec.kind == "yesno":
        return yes_no(value, lang)
    if spec.kind == "country":
        return country_label(value, lang)
    if spec.vocabulary:
        return vocab_label(spec.vocabulary, value, lang)
    return _text(value)


def display(spec: FieldSpec, value: Any, lang: str) -> Cell:
    """A canonical value as report text: labels for codes, country names, yes/no words."""
    if value is None or value == "" or value == []:
        return ""
    if spec.multi and isinstance(value, list):
        return [_one(spec, item, lang) for item in value if item not in (None, "")]
    return _one(spec, value, lang)


def _kind(spec: FieldSpec) -> str:
    if spec.kind in ("id", "ref") and not spec.multi:
        return "id"
    if spec.kind == "date":
        return "date"
    return "text"


def _sheet_table(
    group: GroupRecord,
    sheet_key: str,
    word: Callable[[str], str],
    *,
    skip: Sequence[str] = (),
    extra: Sequence[tuple[Column, Callable[[dict[str, Any]], Cell]]] = (),
    custom: dict[str, Callable[[dict[str, Any]], Cell]] | None = None,
    caption: str | None = None,
) -> Table:
    lang = group.lang
    sheet = record_schema().sheet(sheet_key)
    specs = [spec for spec in sheet.fields if spec.key not in skip]
    columns = [
        Column(spec.key, spec.title(lang), width=max(4.0, spec.width / 2), kind=_kind(spec))
        for spec in specs
    ]
    columns += [column for column, _ in extra]
    rows: list[list[Cell]] = []
    for row in group.record.get(sheet_key, []):
        cells: list[Cell] = [
            custom[spec.key](row)
            if custom and spec.key in custom
            else display(spec, row.get(spec.key), lang)
            for spec in specs
        ]
        cells += [make(row) for _, make in extra]
        rows.append(cells)
    title = caption or f"{sheet.title(lang)} ({sheet.article})"
    return Table(f"table-{sheet_key}", title, columns, rows, empty=word("none"))


def _activity_table(group: GroupRecord, word: Callable[[str], str]) -> Table:
    lang = group.lang
    columns = []
    for (key, dotted, label_key, letter), width in zip(
        ACTIVITY_COLUMNS, ACTIVITY_WIDTHS, strict=True
    ):
        if dotted:
            spec = field_spec(dotted)
            title, kind = spec.title(lang), _kind(spec)
        else:
            title, kind = word(label_key or key), "text"
        note = f"Art. 30(1)({letter})" if letter else ""
        columns.append(Column(key, title, note, width, kind))
    rows = [[row.get(column.key, "") for column in columns] for row in activity_rows(group)]
    return Table("table-activities", word("record_30_1"), columns, rows, empty=word("none"))


def _processor_uses(row: dict[str, Any]) -> Cell:
    ids = dict.fromkeys(str(use.get("activity_id", "")) for use in row.get(USES_KEY, []))
    return ", ".join(ident for ident in ids if ident)


def _recipient(group: GroupRecord) -> Callable[[dict[str, Any]], Cell]:
    def name(row: dict[str, Any]) -> Cell:
        reference = _text(row.get("recipient"))
        processor = group.processor_for(row[SOURCE_KEY]["file"], reference) if reference else None
        if processor and processor.get("name") and processor.get("name") != reference:
            return f"{processor['name']} ({reference})"
        return reference

    return name


def _timestamp(text: str) -> str:
    try:
        return dt.datetime.fromisoformat(text).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return text


def _sources_table(group: GroupRecord, word: Callable[[str], str]) -> Table:
    columns = [
        Column("file", word("file"), width=3),
        Column("modified", word("modified"), width=2, kind="date"),
        Column("sha256", "SHA-256", width=6),
    ]
    rows: list[list[Cell]] = [[s.name, _timestamp(s.modified), s.sha256] for s in group.sources]
    return Table("table-sources", word("sources"), columns, rows, empty=word("none"))


def _conflicts_table(group: GroupRecord, word: Callable[[str], str]) -> Table:
    columns = [
        Column("kind", word("kind"), width=3),
        Column("key", word("key"), width=2, kind="id"),
        Column("message", word("message"), width=7),
        Column("places", word("places"), width=7),
    ]
    rows: list[list[Cell]] = []
    for conflict in group.conflicts:
        places = [
            f"{file}: {sheet} {word('row')} {row}"
            + (f" \u2013 \u201c{value}\u201d" if value else "")
            for file, sheet, row, value in conflict.places
        ]
        rows.append(
            [conflict_label(conflict.kind, group.lang), conflict.key, conflict.message, places]
        )
    return Table("table-conflicts", word("conflicts"), columns, rows, empty=word("none"))


SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def _findings_table(group: GroupRecord, word: Callable[[str], str]) -> Table:
    columns = [
        Column("severity", word("severity"), width=3),
        Column("rule", word("rule"), width=2, kind="id"),
        Column("message", word("message"), width=8),
        Column("reference", word("reference"), width=3),
        Column("location", word("location"), width=4),
        Column("hint", word("hint"), width=6),
    ]
    ordered = sorted(
        group.findings,
        key=lambda f: (SEVERITY_ORDER.get(f.severity.value, 3), f.sort_key()),
    )
    rows: list[list[Cell]] = [
        [
            word(f.severity.value),
            f.code,
            f.message,
            f.reference,
            f.location.describe(),
            f.hint or "",
        ]
        for f in ordered
    ]
    tones = [f.severity.value for f in ordered]
    return Table("table-findings", word("findings"), columns, rows, word("none"), tones)


def _controller_lines(row: dict[str, Any], lang: str) -> list[str]:
    name = _text(row.get("legal_name") or row.get("entity_id"))
    ident = _text(row.get("registration_number"))
    first = f"{name} ({ident})" if ident else name
    lines = [first]
    country = row.get("country")
    address = _text(row.get("address"))
    if address:
        lines.append(address)
    elif country:
        lines.append(country_label(country, lang))
    contact = ", ".join(
        _text(row.get(key)) for key in ("contact_email", "contact_phone") if row.get(key)
    )
    if contact:
        lines.append(contact)
    return lines


def _dpos(group: GroupRecord) -> list[str]:
    found: dict[str, None] = {}
    for row in group.record.get("organisation", []):
        text = ", ".join(_text(row.get(k)) for k in ("dpo_name", "dpo_contact") if row.get(k))
        if text:
            found.setdefault(text, None)
    return list(found)


def _cards(numbers: dict[str, Any], word: Callable[[str], str]) -> list[Card]:
    severity = numbers.get("findings_by_severity", {})
    cards = [
        Card("entities", word("entities"), int(numbers.get("entities", 0))),
        Card("activities", word("activities"), int(numbers.get("activities", 0))),
        Card("processors", word("processors"), int(numbers.get("processors", 0))),
        Card("transfers", word("transfers"), int(numbers.get("transfers", 0))),
        Card(
            "conflicts",
            word("conflicts"),
            int(numbers.get("conflicts", 0)),
            "warning" if numbers.get("conflicts") else "",
        ),
    ]
    total = sum(int(v) for v in severity.values())
    if total:
        tone = "error" if severity.get("error") else "warning" if severity.get("warning") else ""
        cards.append(Card("findings", word("findings"), total, tone))
    return cards


def build_report(group: GroupRecord) -> Report:
    """Lay out the report of ``group`` in ``group.lang``."""
    lang = group.lang
    word = words(lang)
    numbers = summary(group)
    schema = record_schema()
    organisation = schema.sheet("organisation")

    sections = [
        Section("summary", word("summary")),
        Section(
            "controllers",
            f"{word('controllers')} ({organisation.article})",
            tables=[_sheet_table(group, "organisation", word)],
        ),
        Section("record_30_1", word("record_30_1"), tables=[_activity_table(group, word)]),
        Section(
            "record_30_2",
            word("record_30_2"),
            tables=[
                _sheet_table(
                    group,
                    "processor_activities",
                    word,
                    caption=word("record_30_2"),
                )
            ],
        ),
        Section(
            "processors",
            word("processors"),
            tables=[
                _sheet_table(
                    group,
                    "processors",
                    word,
                    extra=[(Column(USES_KEY, word("uses"), width=6), _processor_uses)],
                )
            ],
            annex="?",
        ),
        Section(
            "transfers",
            word("transfers"),
            tables=[
                _sheet_table(group, "transfers", word, custom={"recipient": _recipient(group)})
            ],
            annex="?",
        ),
        Section(
            "retention",
            word("retention"),
            tables=[_sheet_table(group, "retention", word)],
            annex="?",
        ),
        Section("conflicts", word("conflicts"), tables=[_conflicts_table(group, word)], annex="?"),
    ]
    if group.findings:
        sections.append(
            Section("findings", word("findings"), tables=[_findings_table(group, word)], annex="?")
        )

    letters = iter("ABCDEFGH")
    number = 0
    for section in sections:
        if section.annex:
            section.annex = next(letters)
        else:
            number += 1
            section.number = number
    generated = group.generated.strftime("%Y-%m-%d %H:%M")
    entity = group.entity
    title = word("report_title")
    subtitle = word("report_subtitle")
    return Report(
        lang=lang,
        title=title,
        subtitle=subtitle,
        entity=entity,
        generated=generated,
        generated_iso=group.generated.isoformat(timespec="seconds"),
        version=group.version,
        controllers=[_controller_lines(row, lang) for row in group.record.get("organisation", [])],
        dpos=_dpos(group),
        sources=_sources_table(group, word),
        cards=_cards(numbers, word),
        charts=summary_charts(numbers, lang, word),
        sections=sections,
        word=word,
    )
