"""Canonical values as localised report text: the one place every writer gets its cell text.

The record holds vocabulary codes, ISO country codes and booleans; a report shows the label
in the report language, ``United States (US)`` and ``Ja``. Text that is not a known code
stays as the DPO wrote it, so nothing is lost. A cell is text, or a list of text for a
multi-valued field; each writer only decides how to join a list.

:func:`activity_rows` gives the Art. 30(1) record as ready-made rows: the controllers with
their DPO, the purposes with their lawful basis, the recipients by name, the transfers and
the retention periods of each activity.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ropa.model.legal import country_name
from ropa.model.schema import FieldSpec, record_schema
from ropa.model.text import value_key
from ropa.model.vocab import vocabulary
from ropa.read.group import GroupRecord, written
from ropa.read.record import SOURCE_KEY

#: A table cell: text, or one text per item of a multi-valued field.
Cell = str | list[str]


def vocab_label(name: str | None, code: Any, lang: str) -> str:
    """A vocabulary code as its label in ``lang``; text that is not a code stays as written."""
    if code is None:
        return ""
    if name and isinstance(code, str):
        try:
            return vocabulary(name).label(code, lang)
        except KeyError:
            return code
    return written(code)


def yes_no(value: Any, lang: str) -> str:
    """A canonical yes/no as "Yes"/"Ja"/...; text that did not parse stays as written."""
    if isinstance(value, bool):
        return vocabulary("yes_no").label("yes" if value else "no", lang)
    return written(value)


def country_label(code: Any, lang: str) -> str:
    """``US`` -> ``United States (US)`` in ``lang``; unknown text stays as written."""
    text = written(code)
    try:
        return f"{country_name(text, lang)} ({text})"
    except KeyError:
        return text


def plain(value: Any) -> str:
    """A value as text: ``""`` for None, a list joined with ``"; "``."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(plain(v) for v in value)
    return str(value)


def _one(spec: FieldSpec, value: Any, lang: str) -> str:
    if spec.kind == "yesno":
        return yes_no(value, lang)
    if spec.kind == "country":
        return country_label(value, lang)
    if spec.vocabulary:
        return vocab_label(spec.vocabulary, value, lang)
    return plain(value)


def field_cell(spec: FieldSpec, value: Any, lang: str) -> Cell:
    """A canonical value of the field ``spec`` as report text: labels for codes, country
    names, yes/no words; one text per item for a multi-valued field, ``""`` when empty."""
    if value is None or value == "" or value == []:
        return ""
    if spec.multi and isinstance(value, list):
        return [_one(spec, item, lang) for item in value if item not in (None, "")]
    return _one(spec, value, lang)


def value_text(sheet: str, field: str | None, value: object, lang: str = "en") -> str:
    """A canonical value of ``sheet.field`` as one text (a list one item per line).

    A whole row (a dict, as a diff shows an added or removed one) reads as its name, purpose
    or period; a field the schema does not know reads as written.
    """
    if value is None:
        return ""
    if field is None or isinstance(value, dict):
        return _row_text(sheet, value, lang) if isinstance(value, dict) else str(value)
    try:
        spec = record_schema().sheet(sheet).field(field)
    except KeyError:
        return str(value)
    cell = field_cell(spec, value, lang)
    return "\n".join(cell) if isinstance(cell, list) else cell


def _row_text(sheet: str, row: dict[str, object], lang: str) -> str:
    """An added or removed row, shortly: its name or purpose or period."""
    for key in ("name", "legal_name", "purpose", "period", "mechanism", "client_controller"):
        if row.get(key):
            return value_text(sheet, key, row[key], lang)
    return ""


def field_title(sheet: str, field: str | None, lang: str = "en") -> str:
    """The column title of ``sheet.field`` in ``lang``; a field the schema does not know as
    its key."""
    if field is None:
        return ""
    try:
        return record_schema().sheet(sheet).field(field).title(lang)
    except KeyError:
        return field


# --- the Art. 30(1) rows -------------------------------------------------------------------


class _Keys(dict[str, str]):
    """:func:`value_key` of each text, worked out once (an activity id is looked up in
    the activity, purposes, transfers and retention sheets)."""

    def __missing__(self, text: str) -> str:
        key = self[text] = value_key(text)
        return key

    def of(self, value: object) -> str:
        """:func:`value_key` of ``value``."""
        return self[value] if isinstance(value, str) else value_key(value)


def _by_activity(
    rows: Iterable[dict[str, Any]], keys: _Keys | None = None
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    keys = _Keys() if keys is None else keys
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in rows:
        key = (row[SOURCE_KEY]["file"], keys.of(row.get("activity_id")))
        grouped.setdefault(key, []).append(row)
    return grouped


def _entities(group: GroupRecord) -> dict[str, dict[str, Any]]:
    entities: dict[str, dict[str, Any]] = {}
    for row in group.record["organisation"]:
        entities.setdefault(value_key(row.get("entity_id")), row)
    return entities


def _purpose_text(row: dict[str, Any], lang: str) -> str:
    parts = [str(row.get("purpose", ""))]
    if row.get("lawful_basis"):
        parts.append(vocab_label("lawful_basis", row["lawful_basis"], lang))
    if row.get("art9_condition"):
        parts.append(vocab_label("art9_condition", row["art9_condition"], lang))
    return " — ".join(p for p in parts if p)


def _retention_text(row: dict[str, Any]) -> str:
    text = str(row.get("period", ""))
    if row.get("trigger"):
        text += f" ({row['trigger']})"
    category = str(row.get("data_category", ""))
    return f"{category}: {text}" if category else text


def _transfer_text(row: dict[str, Any], lang: str) -> str:
    parts = [country_label(row.get("country"), lang) if row.get("country") else ""]
    if row.get("mechanism"):
        parts.append(vocab_label("transfer_mechanism", row["mechanism"], lang))
    return " — ".join(p for p in parts if p)


def dpo_text(entity: dict[str, Any]) -> str:
    """An entity's DPO: name and contact, comma-separated."""
    return ", ".join(plain(entity[k]) for k in ("dpo_name", "dpo_contact") if entity.get(k))


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def activity_rows(group: GroupRecord) -> list[dict[str, Any]]:
    """One dict per activity for the Art. 30(1) table, keys in Art. 30(1)(a)-(g) order.

    Values are strings or lists of strings in ``group.lang`` (the DPO's own text as written).
    Retention entries read ``category: period (trigger)`` because one activity usually keeps
    different data for different times.
    """
    lang = group.lang
    entities = _entities(group)
    keys = _Keys()
    purposes = _by_activity(group.record["purposes"], keys)
    transfers = _by_activity(group.record["transfers"], keys)
    retention = _by_activity(group.record["retention"], keys)
    criminal = record_schema().sheet("activities").field("criminal_data").title(lang)
    # Every activity names one of a few entities: their DPO text is worked out once each.
    dpos = {id(row): dpo_text(row) for row in entities.values()}
    rows: list[dict[str, Any]] = []
    for activity in group.record["activities"]:
        file = activity[SOURCE_KEY]["file"]
        key = (file, keys.of(activity.get("activity_id")))
        owners = [entities.get(keys.of(e)) for e in activity.get("entity_ids", [])]
        names = [
            str(o.get("legal_name") or o.get("entity_id")) if o else str(e)
            for o, e in zip(owners, activity.get("entity_ids", []), strict=True)
        ]
        specials = [
            vocab_label("special_category", c, lang) for c in activity.get("special_categories", [])
        ]
        if activity.get("criminal_data") is True:
            specials.append(criminal)
        recipients = []
        for reference in activity.get("recipients", []):
            processor = group.processor_for(file, reference)
            recipients.append(str(processor.get("name") or reference) if processor else reference)
        rows.append(
            {
                "activity_id": written(activity.get("activity_id")),
                "name": written(activity.get("name")),
                "controllers": _unique([*names, *activity.get("joint_controllers", [])]),
                "dpo": _unique(dpos[id(o)] for o in owners if o),
                "purposes": [_purpose_text(p, lang) for p in purposes.get(key, [])],
                "data_subjects": list(activity.get("data_subjects", [])),
                "data_categories": list(activity.get("data_categories", [])),
                "special_categories": specials,
                "recipients": _unique(recipients),
                "transfers": [_transfer_text(t, lang) for t in transfers.get(key, [])],
                "retention": [_retention_text(r) for r in retention.get(key, [])],
                "security_measures": written(activity.get("security_measures")),
                "owner": written(activity.get("owner")),
                "dpia": " — ".join(
                    p
                    for p in (
                        vocab_label("dpia_status", activity.get("dpia_status"), lang),
                        written(activity.get("dpia_reference")),
                    )
                    if p
                ),
                "last_reviewed": written(activity.get("last_reviewed")),
            }
        )
    return rows
