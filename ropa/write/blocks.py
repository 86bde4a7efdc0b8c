"""The record as blocks for the page reports (pdf, html, docx): one per activity, one per
controller, each field as label and value.

A ten-column table breaks every word of a Swedish record and fits two activities a page; the
authorities' own templates (IMY, Datatilsynet, the ICO) read as a form per activity. An
activity's block carries its Art. 30(1) fields in article order, then what the record adds
(description, data source, systems, automated decisions, the national-id justification,
DPIA, owner, review date). Fields the GDPR asks for are always shown ("none" when empty);
the others only when filled in. For the authority (``internal=False``) a controller's privacy
notice is shown only as a web address, never as a path on the DPO's disk.
"""

from __future__ import annotations

import re
from typing import Any

from ropa.model.citations import cite
from ropa.model.schema import record_schema
from ropa.read.group import GroupRecord
from ropa.write.cells import Cell, activity_rows, field_cell, plain, yes_no
from ropa.write.labels import label
from ropa.write.layout import Block, Entry

#: activity_rows() keys and activity fields, in the order of the block, with the article
#: letter (or "") and whether the GDPR asks for the field (shown even when empty).
ACTIVITY_FIELDS: tuple[tuple[str, str, bool], ...] = (
    ("controllers", "a", True),
    ("description", "", False),
    ("purposes", "b", True),
    ("data_subjects", "c", True),
    ("data_categories", "c", True),
    ("special_categories", "c", False),
    ("national_id_justification", "", False),
    ("data_source", "", False),
    ("recipients", "d", True),
    ("transfers", "e", True),
    ("retention", "f", True),
    ("security_measures", "g", True),
    ("systems", "", False),
    ("automated_decisions", "", False),
    ("dpia", "", False),
    ("owner", "", False),
    ("last_reviewed", "", False),
)
#: Row keys whose items are each a line of their own.
LINE_FIELDS = frozenset({"purposes", "transfers", "retention"})
#: activity_rows() keys titled by a report label rather than the schema.
LABELLED = {
    "controllers": "col_controllers",
    "purposes": "col_purposes",
    "recipients": "col_recipients",
    "transfers": "col_transfers",
    "retention": "col_retention",
    "dpia": "col_dpia",
}
#: Organisation fields shown as the block's title rather than as an entry.
TITLE_FIELDS = frozenset({"legal_name", "entity_id"})


def _title(key: str, lang: str) -> str:
    if key in LABELLED:
        return label(LABELLED[key], lang)
    return record_schema().sheet("activities").field(key).title(lang)


def _extra(activity: dict[str, Any], lang: str) -> dict[str, Cell]:
    """The activity's own fields that the Art. 30(1) table leaves out."""
    sheet = record_schema().sheet("activities")

    def cell(key: str) -> Cell:
        try:
            spec = sheet.field(key)
        except KeyError:
            return ""
        return field_cell(spec, activity.get(key), lang)

    automated = activity.get("automated_decisions")
    decisions = yes_no(automated, lang) if automated not in (None, "") else ""
    basis = plain(activity.get("art22_basis"))
    justification = plain(activity.get("national_id_justification"))
    if activity.get("national_id") is True and not justification:
        justification = yes_no(True, lang)
    return {
        "description": cell("description"),
        "data_source": cell("data_source"),
        "systems": cell("systems"),
        "automated_decisions": f"{decisions} \u2013 {basis}" if decisions and basis else decisions,
        "national_id_justification": justification,
    }


def _anchor(prefix: str, ident: str) -> str:
    return f"{prefix}-{re.sub(r'[^A-Za-z0-9_-]+', '-', ident).strip('-').lower()}"


def _empty(value: Cell) -> bool:
    return not value or (isinstance(value, list) and not any(value))


def activity_blocks(group: GroupRecord, rows: list[dict[str, Any]] | None = None) -> list[Block]:
    """One block per activity of the group record, in the record's order; ``rows`` are its
    :func:`~ropa.write.cells.activity_rows` when already made."""
    lang = group.lang
    none = label("none", lang)
    titles = {key: _title(key, lang) for key, _, _ in ACTIVITY_FIELDS}
    blocks = []
    rows = activity_rows(group) if rows is None else rows
    for activity, row in zip(group.record["activities"], rows, strict=True):
        values = {**row, **_extra(activity, lang)}
        entries = []
        for key, letter, required in ACTIVITY_FIELDS:
            value = values.get(key, "")
            if _empty(value):
                if not required:
                    continue
                value = none
            note = cite(f"Art. 30(1)({letter})", lang) if letter else ""
            entries.append(Entry(key, titles[key], value, note, key not in LINE_FIELDS))
        ident = row["activity_id"]
        blocks.append(Block(_anchor("activity", ident), ident, row["name"], entries))
    return blocks


def _is_address(text: str) -> bool:
    return text.lower().startswith(("http://", "https://", "www."))


def controller_blocks(group: GroupRecord, *, internal: bool) -> list[Block]:
    """One block per controller (the Organisation sheet), every field filled in."""
    lang = group.lang
    sheet = record_schema().sheet("organisation")
    blocks = []
    for row in group.record["organisation"]:
        entries = []
        for spec in sheet.fields:
            if spec.key in TITLE_FIELDS:
                continue
            value = field_cell(spec, row.get(spec.key), lang)
            if _empty(value):
                continue
            if spec.key == "privacy_policy" and not internal and not _is_address(plain(value)):
                continue
            entries.append(Entry(spec.key, spec.title(lang), value))
        ident = plain(row.get("entity_id"))
        name = plain(row.get("legal_name")) or ident
        blocks.append(Block(_anchor("entity", ident), ident, name, entries))
    return blocks


__all__ = ["ACTIVITY_FIELDS", "activity_blocks", "controller_blocks"]
