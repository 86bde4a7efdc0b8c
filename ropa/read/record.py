"""The record as canonical data: vocabulary codes, ISO dates and countries, lists.

This is the form exports, diffs and the policy cross-check work on, and what
``ropa export --format json`` writes. It is valid against ``schemas/record.schema.json``
(the same schema the workbook is read through). Values ropa cannot canonicalise are kept
as the text the DPO wrote, so nothing is lost; extra columns are kept under ``extra``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ropa.model.dates import parse_date
from ropa.model.legal import country_code
from ropa.model.schema import FieldSpec, SheetSpec, record_schema
from ropa.model.vocab import is_none, vocabulary
from ropa.read.cells import as_text, split_multi
from ropa.read.workbook import Row, Workbook

#: Key of a row's provenance: where in which workbook it was read.
SOURCE_KEY = "_source"


def _yes_no(value: Any) -> bool | str:
    if isinstance(value, bool):
        return value
    found = vocabulary("yes_no").match(as_text(value))
    return found.code == "yes" if found is not None else as_text(value)


def _vocab(spec: FieldSpec, text: str) -> str:
    found = vocabulary(spec.vocabulary or "").match(text)
    return found.code if found is not None else text


def _date(value: Any) -> str:
    parsed = parse_date(value).value
    return parsed.isoformat() if isinstance(parsed, dt.date) else as_text(value)


def _one(spec: FieldSpec, value: Any, text: str) -> Any:
    if spec.kind == "yesno":
        return _yes_no(value)
    if spec.kind == "date":
        return _date(value)
    if spec.kind == "country":
        return country_code(text) or text
    if spec.vocabulary:
        return _vocab(spec, text)
    return text


def canonical_value(spec: FieldSpec, value: Any) -> Any:
    """One cell's value in canonical form (a list for multi-valued fields)."""
    if spec.multi:
        items = split_multi(as_text(value))
        return [_one(spec, item, item) for item in items if not is_none(item)]
    if spec.kind in _PLAIN_KINDS and not spec.vocabulary:
        return as_text(value)
    return _one(spec, value, as_text(value))


#: Kinds whose canonical value is the cell's text as written.
_PLAIN_KINDS = frozenset({"text", "id", "ref", "email"})


def canonical_row(sheet: SheetSpec, row: Row, file: str, sheet_name: str) -> dict[str, Any]:
    """A row as a canonical dict, with its extra columns and its source."""
    data: dict[str, Any] = {}
    values = row.values
    for spec in sheet.fields:
        value = values.get(spec.key)
        if value is not None:
            data[spec.key] = canonical_value(spec, value)
    if row.extra:
        data["extra"] = {k: as_text(v) for k, v in row.extra.items() if v is not None}
    data[SOURCE_KEY] = {"file": file, "sheet": sheet_name, "row": row.number}
    return data


def record_from_workbook(workbook: Workbook) -> dict[str, list[dict[str, Any]]]:
    """Every sheet of the workbook in canonical form, keyed by sheet key."""
    record: dict[str, list[dict[str, Any]]] = {}
    for spec in record_schema().sheets:
        sheet = workbook.sheet(spec.key)
        rows = sheet.rows if sheet else []
        name = sheet.name if sheet else spec.title("en")
        record[spec.key] = [canonical_row(spec, row, workbook.display, name) for row in rows]
    return record
