"""The page reports (HTML and PDF) laid out once for both: :func:`build_document`.

A :class:`Document` holds the cover facts, the summary cards and charts, and the record's
sections with the tables of :mod:`ropa.write.layout` in the :data:`~ropa.write.layout.PAGE`
style. The HTML template and the PDF writer only draw it, so the two formats always carry
the same content. Nothing here is escaped: the HTML template autoescapes every cell, and the
PDF has no markup.

A report has an audience. For the supervisory ``authority`` it leaves out what is for the DPO
alone: the input files and their SHA-256, notice paths, the ropa version, and annexes with
nothing in them. The ``internal`` report keeps them all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ropa.model.citations import cite
from ropa.model.control import stamp
from ropa.model.schema import record_schema
from ropa.read.group import GroupRecord
from ropa.write.blocks import activity_blocks, controller_blocks
from ropa.write.cells import activity_rows, country_label, dpo_text, plain
from ropa.write.charts import Chart, summary_charts
from ropa.write.control_text import control_facts, control_value, footer_lines
from ropa.write.labels import label
from ropa.write.layout import PAGE, Section, Table
from ropa.write.summary import summary
from ropa.write.tables import report_tables

#: Told how far a page report is, as (steps done, steps in all); the CLI draws a bar.
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Card:
    """A summary figure on the first page."""

    key: str
    title: str
    value: int
    tone: str = ""


@dataclass
class Document:
    """Everything the HTML and PDF reports show, in the report language."""

    lang: str
    title: str
    subtitle: str
    #: Who the report is for: "authority" or "internal".
    audience: str
    #: The controllers the running header names: the entities, or the first and a count.
    header: str
    entity: str | None
    generated: str  # local time with its zone: "2026-12-02 09:15 CET"
    generated_iso: str
    #: The record as a controlled document: (label, value) for the cover, the running
    #: footer's lines, and the classification and status in words ("" when not given).
    control: list[tuple[str, str]]
    footer: list[str]
    classification: str
    status: str
    approved: bool
    version: str  # "" for the authority
    controllers: list[list[str]]  # one list of lines per controller
    dpos: list[str]
    sources: Table | None  # None for the authority
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


def _controller_lines(row: dict[str, Any], lang: str) -> list[str]:
    name = plain(row.get("legal_name") or row.get("entity_id"))
    ident = plain(row.get("registration_number"))
    lines = [f"{name} ({ident})" if ident else name]
    country = row.get("country")
    address = plain(row.get("address"))
    if address:
        lines.append(address)
    elif country:
        lines.append(country_label(country, lang))
    contact = ", ".join(
        plain(row.get(key)) for key in ("contact_email", "contact_phone") if row.get(key)
    )
    if contact:
        lines.append(contact)
    return lines


def _dpos(group: GroupRecord) -> list[str]:
    return list(
        dict.fromkeys(text for row in group.record["organisation"] if (text := dpo_text(row)))
    )


def _cards(numbers: dict[str, Any], word: Callable[[str], str], several: bool) -> list[Card]:
    severity = numbers.get("findings_by_severity", {})
    cards = [
        Card(key, word(key), int(numbers.get(key, 0)))
        for key in ("entities", "activities", "processors", "transfers")
    ]
    conflicts = int(numbers.get("conflicts", 0))
    if several or conflicts:  # one workbook cannot disagree with itself: no card of 0
        cards.append(
            Card("conflicts", word("conflicts"), conflicts, "warning" if conflicts else "")
        )
    total = sum(int(v) for v in severity.values())
    if total:
        tone = "error" if severity.get("error") else "warning" if severity.get("warning") else ""
        cards.append(Card("findings", word("findings"), total, tone))
    return cards


#: The annexes, in order: section key, title label.
ANNEXES = (
    ("purposes", "purposes_annex"),
    ("processors", "processors"),
    ("transfers", "transfers"),
    ("retention", "retention"),
    ("conflicts", "conflicts"),
)
#: A running header names every controller while the names fit in this many characters.
HEADER_ROOM = 90


def _header(names: list[str], word: Callable[[str], str]) -> str:
    joined = " \u00b7 ".join(names)
    if len(names) <= 1 or len(joined) <= HEADER_ROOM:
        return joined
    return word("and_others").format(name=names[0], count=len(names) - 1)


def _sections(
    group: GroupRecord,
    tables: dict[str, Table],
    word: Callable[[str], str],
    internal: bool,
    rows: list[dict[str, Any]],
) -> list[Section]:
    article = record_schema().sheet("organisation").article
    sections = [
        Section("summary", word("summary")),
        Section(
            "controllers",
            f"{word('controllers')} ({cite(article, group.lang)})",
            blocks=controller_blocks(group, internal=internal),
        ),
        Section("record_30_1", word("record_30_1"), blocks=activity_blocks(group, rows)),
        Section("record_30_2", word("record_30_2"), tables=[tables["record_30_2"]]),
    ]
    for key, title in ANNEXES:
        # The authority gets no annex with nothing in it (no conflicts with one workbook).
        if internal or tables[key].rows:
            sections.append(Section(key, word(title), tables=[tables[key]], annex="?"))
    # An empty findings annex says nothing the summary does not: only findings get one.
    if group.findings:
        sections.append(
            Section("findings", word("findings"), tables=[tables["findings"]], annex="?")
        )
    letters = iter("ABCDEFGH")
    number = 0
    for section in sections:
        if section.annex:
            section.annex = next(letters)
        else:
            number += 1
            section.number = number
    return sections


AUDIENCES = ("authority", "internal")


def build_document(group: GroupRecord, audience: str = "internal") -> Document:
    """Lay out the page report of ``group`` in ``group.lang`` for ``audience``."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}: use one of {', '.join(AUDIENCES)}")
    internal = audience == "internal"
    lang = group.lang
    word = words(lang)
    numbers = summary(group)
    rows = activity_rows(group)  # for the Art. 30(1) table and the blocks alike
    tables = {table.key: table for table in report_tables(group, PAGE, rows=rows)}
    controllers = [_controller_lines(row, lang) for row in group.record["organisation"]]
    generated = stamp(group.generated)
    return Document(
        lang=lang,
        title=word("report_title"),
        subtitle=word("report_subtitle"),
        audience=audience,
        header=_header(
            [
                plain(r.get("legal_name") or r.get("entity_id"))
                for r in group.record["organisation"]
            ],
            word,
        ),
        entity=group.entity,
        generated=generated,
        generated_iso=group.generated.isoformat(timespec="seconds"),
        control=control_facts(group.control, lang),
        footer=footer_lines(group.control, generated, lang, word),
        classification=control_value(group.control, "classification", lang),
        status=control_value(group.control, "status", lang),
        approved=group.control.approved,
        version=group.version if internal else "",
        controllers=controllers,
        dpos=_dpos(group),
        sources=tables["sources"] if internal else None,
        cards=_cards(numbers, word, several=len(group.sources) > 1),
        charts=summary_charts(numbers, lang, word),
        sections=_sections(group, tables, word, internal, rows),
        word=word,
    )
