"""RP101 to RP107, RP117: the record's sheets, columns, ids and references (Art. 30(1))."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ropa.check.rule import rule
from ropa.check.rules.record.common import cited, did_you_mean, in_languages, row_label
from ropa.check.views.record import RecordView, fold
from ropa.model.findings import Location, Problem, Severity
from ropa.model.messages import Joined, Message, joined, msg
from ropa.model.schema import FieldSpec, record_schema
from ropa.model.vocab import is_none
from ropa.read.workbook import Sheet

_OTHER_TITLES = "{sv} (sv), {nb} (nb), {da} (da), {fi} (fi)"


@rule("RP101", "missing-sheet", Severity.ERROR, "Art. 30(1)")
def missing_sheet(ctx: RecordView) -> Iterator[Problem]:
    """A required sheet is missing from the workbook.

    The record needs an Organisation, Activities, Purposes, Processors and Retention sheet
    (Transfers and ProcessorActivities are needed only when they apply). Sheet names are
    matched in English, Swedish, Norwegian, Danish and Finnish, ignoring case and spaces.

    Fix: add the sheet, or run `ropa init` to get a template with every sheet.
    """
    if ctx.foreign is not None:
        return  # not a ropa workbook at all: RP118 says so, and what to run instead
    for spec in record_schema().sheets:
        if spec.required and ctx.sheet(spec.key) is None:
            others = _OTHER_TITLES.format(**spec.titles)
            yield Problem(
                Location(ctx.workbook.display, spec.title(ctx.lang)),
                msg("RP101.missing", sheet=spec.title(ctx.lang), article=cited(spec.article)),
                hint=msg("RP101.hint", sheet=spec.title(ctx.lang), others=others),
                reference=spec.article,
            )


@rule("RP102", "missing-column", Severity.ERROR, "Art. 30(1)")
def missing_column(ctx: RecordView) -> Iterator[Problem]:
    """A sheet lacks a required column, or has no recognisable header row at all.

    Headers are matched case- and whitespace-insensitively in any of the five languages,
    and the header row may sit below title rows. Each missing required column is one
    finding that names the header ropa expects.

    Fix: add a column with the expected header (any of the five languages works).
    """
    if ctx.foreign is not None:
        return  # a record in another layout: RP118 says which, and to import it
    for sheet in ctx.workbook.sheets.values():
        where = Location(ctx.workbook.display, sheet.name, sheet.header_row or None)
        if not sheet.columns:
            yield Problem(
                where,
                msg("RP102.no_header_seen", sheet=sheet.name, texts=_quoted(sheet.seen))
                if sheet.seen
                else msg("RP102.no_header", sheet=sheet.name),
                hint=_header_hint(sheet, ctx.lang),
                reference=sheet.spec.article,
            )
            continue
        for spec in sheet.missing:
            if spec.required:
                yield Problem(
                    where,
                    msg(
                        "RP102.no_column",
                        sheet=sheet.name,
                        column=spec.title(sheet.language),
                        article=cited(spec.article),
                    ),
                    hint=msg("RP102.no_column.hint", column=spec.title(sheet.language)),
                    reference=spec.article,
                )


def _quoted(texts: Iterable[str]) -> Joined:
    return joined(msg("phrase.quoted", text=text) for text in texts)


def _header_hint(sheet: Sheet, lang: str) -> Message:
    """What to put in the header row; for what the sheet already holds, the column it may be."""
    required = [spec for spec in sheet.spec.fields if spec.required] or list(sheet.spec.fields)
    guesses = []
    unused = list(sheet.seen)
    for spec in required:
        near = next(
            filter(None, (did_you_mean(title, unused) for title in spec.titles.values())), None
        )
        if near is not None:
            unused.remove(near)  # one heading is one column
            guesses.append(msg("RP102.guess", near=near, column=spec.title(lang)))
    example = _quoted(spec.title(lang) for spec in required[:3])
    if guesses:
        return msg("RP102.header_hint_guesses", example=example, guesses=joined(guesses))
    return msg("RP102.header_hint", example=example)


@rule("RP103", "duplicate-id", Severity.ERROR, "Art. 30(1)")
def duplicate_id(ctx: RecordView) -> Iterator[Problem]:
    """The same id appears on two rows of a sheet.

    Other sheets refer to entities, activities and processors by id, so an id must be
    unique within its sheet, or references become ambiguous.

    Fix: give one of the rows a new id, or merge the two rows if they describe the same thing.
    """
    for spec in record_schema().sheets:
        if spec.id_field is None:
            continue
        seen: dict[str, int] = {}
        for row in ctx.rows(spec.key):
            key = fold(row.text(spec.id_field))
            if not key:
                continue
            if key in seen:
                yield Problem(
                    ctx.at(spec.key, row, spec.id_field),
                    msg("RP103.duplicate", id=row.text(spec.id_field), row=seen[key]),
                    hint=msg("RP103.hint"),
                )
            else:
                seen[key] = row.number


@rule("RP104", "required-cell-empty", Severity.ERROR, "Art. 30(1)(a)-(g)")
def required_cell_empty(ctx: RecordView) -> Iterator[Problem]:
    """A cell that Art. 30 requires is empty.

    Which cells are required comes from the schema (schemas/record.schema.json): for
    example the name of each activity, its categories of data subjects and of personal
    data (Art. 30(1)(c)), and its recipients (Art. 30(1)(d): write None if there are none).

    Fix: fill in the cell; the column's input message in the template explains it.
    """
    for sheet in ctx.workbook.sheets.values():
        required = [
            spec for spec in sheet.spec.fields if spec.required and spec.key in sheet.columns
        ]
        id_field = sheet.spec.id_field or "activity_id"
        for row in sheet.rows:
            for spec in required:
                if not row.has(spec.key):
                    yield _empty(ctx, sheet.spec.key, row, spec, row_label(row, id_field, "row"))


def _empty(
    ctx: RecordView, sheet: str, row: object, spec: FieldSpec, who: str | Message
) -> Problem:
    return Problem(
        ctx.at(sheet, row, spec.key),  # type: ignore[arg-type]
        msg("RP104.empty", column=spec.title(ctx.lang), who=who, article=cited(spec.article)),
        hint=msg("phrase.text", text=in_languages(spec.help_text)),
        reference=spec.article,
    )


_REFERENCES = (
    ("activities", "entity_ids", "entities", "Organisation"),
    ("processor_activities", "entity_ids", "entities", "Organisation"),
    ("purposes", "activity_id", "activities", "Activities"),
    ("retention", "activity_id", "activities", "Activities"),
    ("transfers", "activity_id", "activities", "Activities"),
    ("activities", "recipients", "processors", "Processors"),
    ("transfers", "recipient", "processors", "Processors"),
)


@rule("RP105", "unknown-reference", Severity.ERROR, "Art. 30(1)")
def unknown_reference(ctx: RecordView) -> Iterator[Problem]:
    """A cell refers to an entity, activity or processor that is not in the record.

    Activities refer to entities on the Organisation sheet and to recipients on the
    Processors sheet (by id or by name); purposes, retention and transfers refer to
    activities by id.

    Fix: correct the typo, or add the missing row to the sheet it points at.
    """
    for sheet_key, field, target, _ in _REFERENCES:
        known: dict[str, object] = getattr(ctx, target)
        if ctx.sheet(target if target != "entities" else "organisation") is None:
            continue
        candidates = _display_ids(ctx, target)
        for row in ctx.rows(sheet_key):
            for item in row.items(field):
                if fold(item) in known or is_none(item):
                    continue
                guess = did_you_mean(item, candidates)
                yield Problem(
                    ctx.at(sheet_key, row, field),
                    msg("RP105.unknown", value=item, sheet=ctx.sheet_name(_target_sheet(target))),
                    hint=msg("hint.did_you_mean", guess=guess) if guess else msg("RP105.hint"),
                )


def _target_sheet(target: str) -> str:
    return {"entities": "organisation"}.get(target, target)


def _display_ids(ctx: RecordView, target: str) -> list[str]:
    sheet = _target_sheet(target)
    id_field = record_schema().sheet(sheet).id_field or ""
    return [row.text(id_field) for row in ctx.rows(sheet) if row.text(id_field)]


@rule("RP106", "unused-processor", Severity.INFO, "Art. 30(1)(d)")
def unused_processor(ctx: RecordView) -> Iterator[Problem]:
    """A processor or recipient is listed, but no activity uses it.

    Either an activity forgot to list it as a recipient, or the contract has ended and
    the row can go (keep the DPA archived).

    Fix: add it to the recipients of the activities that use it, or remove the row.
    """
    used = {fold(item) for row in ctx.rows("activities") for item in row.items("recipients")}
    used |= {fold(row.text("recipient")) for row in ctx.rows("transfers")}
    for row in ctx.rows("processors"):
        if fold(row.text("processor_id")) not in used and fold(row.text("name")) not in used:
            yield Problem(
                ctx.at("processors", row, "processor_id"),
                msg("RP106.unused", processor=row_label(row, "processor_id")),
                hint=msg("RP106.hint"),
            )


@rule("RP107", "activity-without-purpose", Severity.ERROR, "Art. 30(1)(b)")
def activity_without_purpose(ctx: RecordView) -> Iterator[Problem]:
    """An activity has no row on the Purposes sheet.

    Art. 30(1)(b) requires the purposes of every processing activity, and each purpose
    needs a lawful basis under Art. 6(1).

    Fix: add a row to the Purposes sheet with the activity id, the purpose and its basis.
    """
    if ctx.sheet("purposes") is None:
        return
    for key, row in ctx.activities.items():
        if key not in ctx.purposes_by_activity:
            yield Problem(
                ctx.at("activities", row, "activity_id"),
                msg(
                    "RP107.no_purpose",
                    activity=row.text("activity_id"),
                    sheet=ctx.sheet_name("purposes"),
                ),
                hint=msg("RP107.hint"),
            )


@rule("RP117", "empty-record", Severity.ERROR, "Art. 30(1)")
def empty_record(ctx: RecordView) -> Iterator[Problem]:
    """The Organisation or Activities sheet has no rows: there is no record yet.

    A record of processing activities names at least one controller and the activities
    it carries out (Art. 30(1)). A new template checks with this finding until it is
    filled in.

    Fix: add a row per legal entity on the Organisation sheet and a row per processing
    activity on the Activities sheet (see the Instructions sheet, or run
    `ropa init example.xlsx --example` for a filled-in example).
    """
    for key, what in (("organisation", "RP117.no_entities"), ("activities", "RP117.no_activities")):
        sheet = ctx.sheet(key)
        if sheet is not None and sheet.columns and not sheet.rows:
            yield Problem(
                Location(ctx.workbook.display, sheet.name, sheet.header_row + 1),
                msg(what, sheet=sheet.name),
                hint=msg(f"{what}.hint"),
            )
