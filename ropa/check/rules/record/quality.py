"""RP804, RP805, RP406, RP503: what real records get wrong once they are in ropa's layout.

Found in a company's published Art. 30 record converted by hand: placeholders accepted as
data, activities copied and pasted without being changed, EEA countries listed as third
countries, and internal departments or categories of recipients listed as processors.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress, repeat
from operator import add, lt, mul, sub

from ropa.check.rule import rule
from ropa.check.rules.record.common import country, row_label, term
from ropa.check.views.record import RecordView
from ropa.model.findings import Problem, Severity
from ropa.model.legal import country_code, is_eea
from ropa.model.messages import msg
from ropa.model.placeholders import placeholder
from ropa.model.recipients import CATEGORY, recipient_kind
from ropa.model.text import fold
from ropa.read.cells import as_text
from ropa.read.workbook import Row

#: Fields that differ between copies by design, and are left out when comparing activities.
_COPY_IGNORED = {"activity_id", "last_reviewed", "entity_ids"}
#: Roles under which a recipient is said to process on the controller's behalf.
_PROCESSOR_ROLES = {"processor", "sub_processor"}
#: An activity needs this many filled fields before two of them count as copies.
_COPY_MIN_FIELDS = 4
#: An odd 64-bit number (the golden ratio's), for each field's factor in a row's hash.
_FACTOR = 0x9E3779B97F4A7C15


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
        fields = [spec for spec in sheet.spec.fields if spec.key in sheet.columns]
        if not fields or not sheet.rows:
            continue
        keys = [spec.key for spec in fields]
        columns = zip(*[tuple(map(row.values.get, keys)) for row in sheet.rows], strict=True)
        for spec, values in zip(fields, columns, strict=True):
            # A column holds few distinct values: judge each once, then find the rows.
            required = spec.required and spec.key != "recipients"
            judged = {
                value: placeholder(as_text(value), required=required) for value in set(values)
            }
            if not any(judged.values()):
                continue
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
    rows = sheet.rows
    if not keys or not rows:
        return
    # Column by column: each distinct value's text folded once, the rows' tuples by zip.
    columns = []
    for raw in zip(*[tuple(map(row.values.get, keys)) for row in rows], strict=True):
        if set(map(type, raw)) <= {str, type(None)}:  # else 1, 1.0 and True share a key
            folded = {value: fold(as_text(value)) for value in set(raw)}
            columns.append(list(map(folded.__getitem__, raw)))
        else:
            texts = list(map(as_text, raw))
            folded = {text: fold(text) for text in set(texts)}
            columns.append(list(map(folded.__getitem__, texts)))
    table = [
        (row, values)
        for row, values in zip(rows, zip(*columns, strict=True), strict=True)
        if len(values) - values.count("") >= _COPY_MIN_FIELDS
    ]
    if not table:  # no activity has enough fields filled in to be a copy
        return
    starred = any("*" in column for column in columns)
    for row, original in _copies_by_variants(table) if starred else _copies(table, len(keys)):
        yield Problem(
            ctx.at("activities", row, "name"),
            msg(
                "RP805.copy",
                activity=row_label(row, "activity_id"),
                original=row_label(original, "activity_id"),
            ),
            hint=msg("RP805.hint"),
        )


def _copies_by_variants(table: list[tuple[Row, tuple[str, ...]]]) -> Iterator[tuple[Row, Row]]:
    """Each row that copies an earlier one, and the earliest such row: the row itself, then
    the row with each field in turn as ``*``, looked up among the earlier rows' keys."""
    seen: dict[tuple[str, ...], Row] = {}
    for row, values in table:
        variants = [values] + [(*values[:i], "*", *values[i + 1 :]) for i in range(len(values))]
        original = next((seen[v] for v in variants if v in seen), None)
        if original is not None:
            yield row, original
        for variant in variants:
            seen.setdefault(variant, row)


def _copies(table: list[tuple[Row, tuple[str, ...]]], width: int) -> Iterator[tuple[Row, Row]]:
    """The same as :func:`_copies_by_variants` where no value is ``*`` (so a key with a
    ``*`` can only meet the same field's ``*``), one field at a time instead of one row.

    A row's key leaving out field i is a sum of its fields' hashes, each times a factor of
    its own, minus field i's term: whole columns at a time in C, no tuple per key. Rows
    whose sums meet are compared field by field; should two differ (a collision), the
    table is looked at the plain way.
    """
    count = len(table)
    if not count:
        return
    tuples = [values for _, values in table]
    columns = list(zip(*tuples, strict=True))
    factors = [_FACTOR * (2 * field + 1) + field for field in range(width)]

    def terms(way: int) -> Iterator[int]:  # made again when needed: 100,000 rows' worth each
        return map(mul, map(hash, columns[way]), repeat(factors[way], count))

    sums = [0] * count
    for field in range(width):
        sums = list(map(add, sums, terms(field)))
    found: dict[int, int] = {}  # row -> the earliest row it copies, by the first way found
    for way in range(-1, width):  # all fields, then all but field 0, 1, ...
        keys = sums if way < 0 else list(map(sub, sums, terms(way)))
        first = dict(zip(reversed(keys), range(count - 1, -1, -1), strict=True))
        earliest = list(map(first.__getitem__, keys))
        for index in compress(range(count), map(lt, earliest, range(count))):
            if index not in found:
                if not _same_but(tuples[index], tuples[earliest[index]], way):
                    yield from _copies_by_variants(table)
                    return
                found[index] = earliest[index]
    for index in sorted(found):
        yield table[index][0], table[found[index]][0]


def _same_but(one: tuple[str, ...], other: tuple[str, ...], way: int) -> bool:
    """Whether the two rows hold the same values, field ``way`` left out (-1: none)."""
    return all(a == b for i, (a, b) in enumerate(zip(one, other, strict=True)) if i != way)


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
                msg("RP406.eea", activity=row_label(row, "activity_id"), country=country(code)),
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
