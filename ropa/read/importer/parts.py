"""The parts of one source row: activity fields, purposes, recipients, transfers, retention.

Each function takes the sheet reader (``reader``: its ``text``, ``keep``, ``unread``,
``origin``, ``record`` and ``aliases``) and the row's cells by target. Interpreted values keep
their original wording in an "(as written)" column; what cannot be read is kept as written
and listed with its cell.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from ropa.model.categories import map_data_category
from ropa.model.messages import msg
from ropa.model.recipients import CATEGORY
from ropa.model.recipients import INTERNAL as INTERNAL_KIND
from ropa.model.schema import record_schema
from ropa.model.vocab import is_none, vocabulary
from ropa.read.importer import values as v
from ropa.read.importer.builder import CATEGORIES, INTERNAL, ORIGIN, append_text

_YES_NO = (
    "automated_decisions",
    "large_scale",
    "systematic_monitoring",
    "innovative_technology",
    "national_id",
    "criminal_data",
)


def _first(reader: Any, cells: dict, target: str) -> tuple[str, str, str]:
    found = cells.get(target) or [("", "", "")]
    return found[0]


def activity_fields(reader: Any, activity: dict[str, Any], cells: dict) -> None:
    sheet = record_schema().sheet("activities")
    for target in cells:
        sheet_key, _, key = target.partition(".")
        if sheet_key != "activities" or key in (
            "activity_id",
            "name",
            "recipients",
            "internal_recipients",
            "dpia_required",
            "dpia_status",
            "special_flag",
            "special_categories",
        ):
            continue
        text = reader.text(cells, target)
        if key in _YES_NO:
            code = v.yes_no(text)
            if code is None:
                _, cell, heading = _first(reader, cells, target)
                reader.unread(cell, heading, text, msg("import.why.yes_no"))
                append_text(activity, key, text)
            else:
                append_text(activity, key, code)
                if v.vocab_key(text) != code:
                    reader.keep(activity, "activities", key, text)
        elif key == "role":
            code = v.vocab_code("controller_role", text, reader.aliases)
            append_text(activity, key, code or text)
            if code is None:
                _, cell, heading = _first(reader, cells, target)
                reader.unread(cell, heading, text, msg("import.why.role"))
        elif key == "criminal_data_authority":
            if not is_none(text):
                activity["criminal_data"] = "yes"
                append_text(activity, key, text)
        elif sheet.field(key).kind != "date" or not isinstance(text, str):
            append_text(activity, key, text)
        else:
            append_text(activity, key, text)
    _special(reader, activity, cells)
    _dpia(reader, activity, cells)
    _recipients(reader, activity, cells)


@lru_cache(maxsize=4096)
def _category_keys(item: str) -> tuple[str, ...]:
    """The data-category keys of one listed category (registers repeat the same wording)."""
    return tuple(map_data_category(item))


@cache
def _special_codes() -> frozenset[str]:
    return frozenset(term.code for term in vocabulary("special_category").terms)


def _special(reader: Any, activity: dict[str, Any], cells: dict) -> None:
    codes: list[str] = []
    text = reader.text(cells, "activities.special_categories")
    if text and v.yes_no(v.alias(text, reader.aliases)) == "no":
        reader.keep(activity, "activities", "special_categories", text)  # "Nej", "Non"
    elif text:
        codes, rest = v.special_categories(text, reader.aliases)
        if rest or (not codes and v.yes_no(text) == "yes"):
            _, cell, heading = _first(reader, cells, "activities.special_categories")
            reader.unread(cell, heading, text, msg("import.why.special_unnamed"))
        reader.keep(activity, "activities", "special_categories", text)
    flag = reader.text(cells, "activities.special_flag")
    if flag and v.yes_no(flag) == "yes":
        reader.keep(activity, "activities", "special_categories", flag)
    for item in v.items(reader.text(cells, "activities.data_categories"), commas=True):
        code = v.vocab_code("special_category", item, reader.aliases)
        # "health data if given", "sick leave": the data-category lexicon's words for them
        keys = _category_keys(item)
        found = [code] if code else [k for k in keys if k in _special_codes()]
        codes += [c for c in found if c not in codes]
        if "criminal_offences" in keys and not activity.get("criminal_data"):
            activity["criminal_data"] = "yes"  # Art. 10 data named among the categories
    if codes:
        existing = activity.setdefault("special_categories", [])
        existing.extend(code for code in codes if code not in existing)


def _dpia(reader: Any, activity: dict[str, Any], cells: dict) -> None:
    required = reader.text(cells, "activities.dpia_required")
    progress = reader.text(cells, "activities.dpia_status")
    if not required and not progress:
        return
    code = v.dpia_status(required, progress, reader.aliases)
    if code:
        activity.setdefault("dpia_status", code)
    elif progress or v.yes_no(v.alias(required, reader.aliases)) is None:
        target = "activities.dpia_status" if progress else "activities.dpia_required"
        _, cell, heading = _first(reader, cells, target)
        reader.unread(cell, heading, progress or required, msg("import.why.dpia"))
    reader.keep(
        activity, "activities", "dpia_status", " / ".join(filter(None, [required, progress]))
    )


def _recipients(reader: Any, activity: dict[str, Any], cells: dict) -> None:
    refs = activity.setdefault("recipients", [])
    role_text = reader.text(cells, "processors.role")
    role = v.vocab_code("recipient_role", role_text, reader.aliases) if role_text else None
    for text, _cell, _ in cells.get("activities.internal_recipients", []):
        for item in v.items(text, commas=True):
            append_text(activity, INTERNAL, item)
    for text, cell, _ in cells.get("activities.recipients", []):
        if is_none(text):
            refs.append(text) if not refs else None
            continue
        for name, kind in v.recipients(text):
            if kind == INTERNAL_KIND:
                append_text(activity, INTERNAL, name)
            elif kind == CATEGORY:
                append_text(activity, CATEGORIES, name)
            else:
                row = reader.record.processor(name, reader.cell_origin(cell), role=role)
                if row["processor_id"] not in refs:
                    refs.append(row["processor_id"])
        if len(v.recipients(text)) > 1 or (v.recipients(text) and v.recipients(text)[0][1]):
            append_text(activity, "Recipients" + " (as written)", text)


def purposes(reader: Any, activity: dict[str, Any], cells: dict) -> None:
    if not any(t.startswith("purposes.") for t in cells):
        return
    row: dict[str, Any] = {"activity_id": activity["activity_id"]}
    for target in cells:
        if target.startswith("purposes.") and target not in (
            "purposes.lawful_basis",
            "purposes.art9_condition",
        ):
            row[target.split(".", 1)[1]] = reader.text(cells, target)
    basis = reader.text(cells, "purposes.lawful_basis")
    codes = v.lawful_bases(basis, reader.aliases) if basis else []
    if basis and not codes:
        _, cell, heading = _first(reader, cells, "purposes.lawful_basis")
        reader.unread(cell, heading, basis, msg("import.why.basis"))
        row["lawful_basis"] = basis
    condition = reader.text(cells, "purposes.art9_condition")
    if condition and not is_none(condition):
        code = v.art9_condition(condition, reader.aliases)
        row["art9_condition"] = code or condition
        if code is None:
            _, cell, heading = _first(reader, cells, "purposes.art9_condition")
            reader.unread(cell, heading, condition, msg("import.why.condition"))
        elif v.vocab_key(condition) != code:
            reader.keep(row, "purposes", "art9_condition", condition)
    for index, code in enumerate(codes or [None]):
        one = (
            dict(row)
            if index == 0
            else {"activity_id": row["activity_id"], "purpose": row.get("purpose")}
        )
        if code:
            one["lawful_basis"] = code
            if v.vocab_key(basis) != code:
                reader.keep(one, "purposes", "lawful_basis", basis)
        reader.record.rows["purposes"].append(one)


def retention(reader: Any, activity: dict[str, Any], cells: dict) -> None:
    if not any(t.startswith("retention.") for t in cells):
        return
    row = {"activity_id": activity["activity_id"]}
    for target in cells:
        if target.startswith("retention."):
            row[target.split(".", 1)[1]] = reader.text(cells, target)
    period = row.get("period")
    if period and not v.retention_understood(period):
        _, cell, heading = _first(reader, cells, "retention.period")
        reader.unread(cell, heading, period, msg("import.why.period"))
    reader.record.rows["retention"].append(row)


def processors(reader: Any, activity: dict[str, Any], cells: dict, number: int) -> None:
    name = reader.text(cells, "processors.name")
    if not name:
        return
    row = _processor_row(reader, cells, name, number)
    refs = activity.setdefault("recipients", [])
    if row["processor_id"] not in refs:
        refs.append(row["processor_id"])


def _processor_row(reader: Any, cells: dict, name: str, number: int) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for target in cells:
        if target.startswith("processors.") and target not in (
            "processors.name",
            "processors.processor_id",
        ):
            fields[target.split(".", 1)[1]] = reader.text(cells, target)
    row = reader.record.processor(
        name, reader.origin(number), reader.text(cells, "processors.processor_id")
    )
    for key, text in fields.items():
        if key == "countries":
            codes, rest = v.countries_in(text)
            row["countries"] = codes or [text]
            if rest or not codes:
                reader.keep(row, "processors", "countries", text)
            if not codes:
                _, cell, heading = _first(reader, cells, "processors.countries")
                reader.unread(cell, heading, text, msg("import.why.country"))
        elif key in ("role", "transfer_mechanism", "dpf_certified"):
            vocab = {"role": "recipient_role", "transfer_mechanism": "transfer_mechanism"}.get(key)
            code = v.vocab_code(vocab, text, reader.aliases) if vocab else v.yes_no(text)
            row[key] = code or text
            if code and v.vocab_key(text) != code:
                reader.keep(row, "processors", key, text)
        else:
            append_text(row, key, text)
    return row


def transfers(
    reader: Any, activity: dict[str, Any] | None, cells: dict, number: int
) -> list[dict[str, Any]]:
    """The Transfers rows of one source row (one per country named); for a row of a
    transfer register (no ``activity``) each records where it came from."""
    made: list[dict[str, Any]] = []
    country_text = reader.text(cells, "transfers.country")
    mechanism_text = reader.text(cells, "transfers.mechanism")
    recipient = reader.text(cells, "transfers.recipient")
    if not country_text and not recipient:
        if mechanism_text and activity is not None:
            append_text(activity, "Transfer safeguards (as written)", mechanism_text)
        return made
    if (country_text and is_none(country_text)) or v.yes_no(
        v.alias(country_text, reader.aliases)
    ) == "no":
        return made
    recipient_id = None
    if recipient:
        row = reader.record.find_processor(recipient) or reader.record.processor(
            recipient, reader.origin(number)
        )
        recipient_id = row["processor_id"]
        if activity is not None and recipient_id not in activity.setdefault("recipients", []):
            activity["recipients"].append(recipient_id)
        dpf = reader.text(cells, "processors.dpf_certified")
        if dpf:
            row["dpf_certified"] = v.yes_no(dpf) or dpf
    for item in v.items(country_text) or [""]:
        codes, rest = v.countries_in(item) if item else ([], [])
        mechanism = (
            v.mechanism(mechanism_text, reader.aliases)
            if mechanism_text
            else v.mechanism(item, reader.aliases)
            if item
            else None
        )
        named = [
            p
            for p in rest
            if v.mechanism(p, reader.aliases) is None
            and v.yes_no(v.alias(p, reader.aliases)) is None  # "Oui, États-Unis"
        ]
        targets: list[str | None] = list(codes) if codes else [item or None]
        for code in targets:
            row = {
                "activity_id": activity["activity_id"] if activity else None,
                "country": code,
                "mechanism": mechanism or (mechanism_text or None),
            }
            who = recipient_id or (
                reader.record.processor(named[0], reader.origin(number))["processor_id"]
                if named and codes
                else None
            )
            row["recipient"] = who
            if item and (rest or not codes or v.vocab_key(item) != v.vocab_key(code or "")):
                reader.keep(row, "transfers", "country", item)
            if mechanism_text and mechanism and v.vocab_key(mechanism_text) != mechanism:
                reader.keep(row, "transfers", "mechanism", mechanism_text)
            if not codes and item:
                _, cell, heading = _first(reader, cells, "transfers.country")
                reader.unread(cell, heading, item, msg("import.why.country"))
            tia = reader.text(cells, "transfers.tia_reference")
            if tia:
                row["tia_reference"] = tia
            if activity is None:
                row[ORIGIN] = reader.origin(number)
            reader.record.rows["transfers"].append(row)
            made.append(row)
            if who and activity is not None and who not in activity.setdefault("recipients", []):
                activity["recipients"].append(who)
    return made


def _country_field(reader: Any, row: dict[str, Any], sheet: str, key: str, cells: dict) -> None:
    text = row[key]
    codes, rest = v.countries_in(text)
    row[key] = (
        (codes if record_schema().sheet(sheet).field(key).multi else codes[0]) if codes else text
    )
    if (rest or not codes or codes != [text.strip().upper()]) and not (
        codes and v.vocab_key(text) in {v.vocab_key(c) for c in codes}
    ):
        reader.keep(row, sheet, key, text)
    if not codes:
        _, cell, heading = _first(reader, cells, f"{sheet}.{key}")
        reader.unread(cell, heading, text, msg("import.why.country"))


def _raw(cells: dict, target: str) -> str:
    return "\n".join(dict.fromkeys(text for text, _, _ in cells[target]))


def direct_row(reader: Any, sheet: str, cells: dict, extras: dict[str, str], number: int) -> None:
    """A row of a processor list, transfer register, Art. 30(2) sheet or ropa workbook."""
    if sheet == "processors" and not reader.plan.layout.schema_sheets:
        name = reader.text(cells, "processors.name") or reader.text(
            cells, "processors.processor_id"
        )
        if not name:
            name = next(iter(extras.values()), "")
        row = _processor_row(reader, cells, name, number)
    elif sheet == "transfers" and not reader.plan.layout.schema_sheets:
        made = transfers(reader, None, cells, number)
        recipient = reader.text(cells, "transfers.recipient")
        found = reader.record.find_processor(recipient) if recipient else None
        for row in made or ([found] if found else []):
            for heading, text in extras.items():
                append_text(row, heading, text)
        if made or found or not extras:
            return
        # A line with no country and no recipient: its other cells still make a row.
        row = {"activity_id": None, "country": None, ORIGIN: reader.origin(number)}
        reader.record.rows["transfers"].append(row)
    else:
        row = {t.split(".", 1)[1]: _raw(cells, t) for t in cells if t.startswith(sheet + ".")}
        for spec in record_schema().sheet(sheet).fields:
            if spec.kind == "country" and row.get(spec.key):
                _country_field(reader, row, sheet, spec.key, cells)
        id_field = record_schema().sheet(sheet).id_field
        if id_field:
            row[id_field] = reader.record.new_id(sheet, "R", row.get(id_field) or None)
        if sheet == "processors":
            reader.record.index_processor(row)
        row[ORIGIN] = reader.origin(number)
        reader.record.rows[sheet].append(row)
    for heading, text in extras.items():
        append_text(row, heading, text)
