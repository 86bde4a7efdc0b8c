"""RP804, RP805, RP406, RP503: what real records get wrong once they are in ropa's layout.

Found in a company's published Art. 30 record converted by hand: placeholders accepted as
data, activities copied and pasted without being changed, EEA countries listed as third
countries, and internal departments or categories of recipients listed as processors.
"""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.record.common import row_label, term
from ropa.check.views.record import RecordView
from ropa.model.findings import Problem, Severity
from ropa.model.legal import country_code, is_eea
from ropa.model.messages import Message, msg
from ropa.model.placeholders import placeholder
from ropa.model.recipients import CATEGORY, recipient_kind
from ropa.model.text import fold
from ropa.read.cells import as_text

#: Fields that differ between copies by design, and are left out when comparing activities.
_COPY_IGNORED = {"activity_id", "last_reviewed", "entity_ids"}
#: Roles under which a recipient is said to process on the controller's behalf.
_PROCESSOR_ROLES = {"processor", "sub_processor"}
#: An activity needs this many filled fields before two of them count as copies.
_COPY_MIN_FIELDS = 4


@rule("RP804", "placeholder-value", Severity.WARNING, "Art. 30(1), Art. 5(1)(d)")
def placeholder_value(ctx: RecordView) -> Iterator[Problem]:
    """A cell holds a placeholder instead of data: "TODO", "TBD", "?", "xxx", "DUMMY", "test".

    A record that was started and never finished is full of them ("ej klart", "ikke utfylt",
    "mangler", "puuttuu" in the Nordic languages), and each one hides a gap the other rules
    cannot see: a cell that says "TODO" is not empty. Where a value is required, "N/A" is a
    placeholder too (a required field cannot be "not applicable"; write "None" where the
    record means there is none).

    Fix: replace the placeholder with the real value, or find out who knows it.
    """
    for sheet in ctx.workbook.sheets.values():
        id_field = sheet.spec.id_field or "activity_id"
        for spec in sheet.spec.fields:
            if spec.key not in sheet.columns:
                continue
            # A column holds few distinct values: judge each once, then find the rows.
            values = [row.values.get(spec.key) for row in sheet.rows]
            required = spec.required and spec.key != "recipients"
            judged = {
                value: placeholder(as_text(value), required=required) for value in set(values)
            }
            for row, value in zip(sheet.rows, values, strict=True):
                found = judged[value]
                if found:
                    yield Problem(
                        ctx.at(sheet.spec.key, row, spec.key),
                        msg(
                            "RP804.placeholder",
                            column=spec.title(ctx.lang),
                            row=row_label(row, id_field, "row"),
                            value=found,
                        ),
                        hint=msg("RP804.hint"),
                    )


@rule("RP805", "copied-activity", Severity.WARNING, "Art. 30(1), Art. 5(1)(d)")
def copied_activity(ctx: RecordView) -> Iterator[Problem]:
    """Two activities are the same, or differ in one field only, apart from their ids.

    Copying an activity and forgetting to change it is the commonest slip in a record kept by
    hand: the copy then claims the purposes, data and recipients of another processing.
    Activities are compared field by field (the id, the entities and the review date left
    out); a copy that differs in at most one field is reported on the later row.

    Fix: edit the copy so that it describes its own processing, or delete it.
    """
    sheet = ctx.sheet("activities")
    if sheet is None:
        return
    keys = [
        s.key for s in sheet.spec.fields if s.key in sheet.columns and s.key not in _COPY_IGNORED
    ]
    seen: dict[tuple[str, ...], str | Message] = {}
    for row in sheet.rows:
        values = tuple(fold(row.text(key)) for key in keys)
        if sum(1 for value in values if value) < _COPY_MIN_FIELDS:
            continue
        who = row_label(row, "activity_id")
        variants = [values] + [(*values[:i], "*", *values[i + 1 :]) for i in range(len(values))]
        original = next((seen[v] for v in variants if v in seen), None)
        if original is not None:
            yield Problem(
                ctx.at("activities", row, "name"),
                msg("RP805.copy", activity=who, original=original),
                hint=msg("RP805.hint"),
            )
        for variant in variants:
            seen.setdefault(variant, who)


@rule("RP406", "eea-transfer-as-third-country", Severity.WARNING, "Art. 44, Art. 1(3)")
def eea_transfer_as_third_country(ctx: RecordView) -> Iterator[Problem]:
    """A transfer to an EEA country is recorded as a transfer to a third country.

    Data moving within the EU, Iceland, Liechtenstein and Norway is not a transfer under
    Chapter V (Art. 1(3), Art. 44): a German processor listed on the Transfers sheet makes
    the record, and the reports made from it, name an EEA country among the third countries.

    Fix: delete the row from the Transfers sheet; the processor's country stays on the
    Processors sheet.
    """
    for row in ctx.rows("transfers"):
        code = country_code(row.text("country"))
        if code is not None and is_eea(code):
            yield Problem(
                ctx.at("transfers", row, "country"),
                msg("RP406.eea", activity=row_label(row, "activity_id"), country=code),
                hint=msg("RP406.hint"),
            )


@rule(
    "RP503",
    "internal-recipient-as-processor",
    Severity.WARNING,
    "Art. 28(3), Art. 29, Art. 30(1)(d)",
)
def internal_recipient_as_processor(ctx: RecordView) -> Iterator[Problem]:
    """A Processors row names an internal department or a category of recipients.

    The controller's own departments ("HR-avdelningen", "Lønn", "our payroll team") are not
    processors and need no Art. 28 agreement; a category ("authorities", "banks") is a kind of
    recipient, not one recipient, and has no agreement to date. Listed as processors, they make
    the record look as if agreements were missing (RP501 does not report them).

    Fix: for an internal department, name it in the activity's description and remove the
    Processors row; for a category, keep it as the activity's recipient category and name the
    actual recipients that process data on your behalf as processors.
    """
    for row in ctx.rows("processors"):
        role = term(row, "role", "recipient_role")
        if role is not None and role.code not in _PROCESSOR_ROLES:
            continue  # an authority or independent controller is rightly listed as a recipient
        kind = recipient_kind(row.text("name"))
        if kind is not None:
            what = msg("RP503.category" if kind == CATEGORY else "RP503.internal")
            yield Problem(
                ctx.at("processors", row, "name"),
                msg("RP503.not_processor", name=row.text("name"), what=what),
                hint=msg("RP503.hint"),
            )


def is_internal_or_category(name: str) -> bool:
    """For RP501: rows RP503 reports need no DPA date."""
    return recipient_kind(name) is not None
