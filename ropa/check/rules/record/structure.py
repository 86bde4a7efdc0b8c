"""RP1xx: the shape of the record: sheets, columns, ids, required cells and references."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ropa.check.registry import Problem, rule
from ropa.check.rules.record.common import did_you_mean, label, suggest_label
from ropa.check.views.record import Context, fold
from ropa.model.findings import Location, Severity
from ropa.model.legal import country_code
from ropa.model.schema import FieldSpec, record_schema
from ropa.model.vocab import is_none, vocabulary

_OTHER_TITLES = "{sv} (sv), {nb} (nb), {da} (da), {fi} (fi)"


@rule("RP101", "missing-sheet", Severity.ERROR, "Art. 30(1)")
def missing_sheet(ctx: Context) -> Iterator[Problem]:
    """A required sheet is missing from the workbook.

    The record needs an Organisation, Activities, Purposes, Processors and Retention sheet
    (Transfers and ProcessorActivities are needed only when they apply). Sheet names are
    matched in English, Swedish, Norwegian, Danish and Finnish, ignoring case and spaces.

    Fix: add the sheet, or run `ropa init` to get a template with every sheet.
    """
    for spec in record_schema().sheets:
        if spec.required and ctx.sheet(spec.key) is None:
            others = _OTHER_TITLES.format(**spec.titles)
            yield Problem(
                Location(ctx.workbook.display, spec.title(ctx.lang)),
                f"The workbook has no '{spec.title(ctx.lang)}' sheet, which the record needs "
                f"({spec.article}).",
                hint=f"Add a sheet named '{spec.title(ctx.lang)}' (also recognised: {others}).",
                reference=spec.article,
            )


@rule("RP102", "missing-column", Severity.ERROR, "Art. 30(1)")
def missing_column(ctx: Context) -> Iterator[Problem]:
    """A sheet lacks a required column, or has no recognisable header row at all.

    Headers are matched case- and whitespace-insensitively in any of the five languages,
    and the header row may sit below title rows. Each missing required column is one
    finding that names the header ropa expects.

    Fix: add a column with the expected header (any of the five languages works).
    """
    for sheet in ctx.workbook.sheets.values():
        where = Location(ctx.workbook.display, sheet.name, sheet.header_row or None)
        if not sheet.columns:
            yield Problem(
                where,
                f"No header row found in the first rows of sheet '{sheet.name}'.",
                hint="Put the column headers in one row, e.g. "
                + ", ".join(f"'{f.title(ctx.lang)}'" for f in sheet.spec.fields[:3])
                + ".",
                reference=sheet.spec.article,
            )
            continue
        for spec in sheet.missing:
            if spec.required:
                yield Problem(
                    where,
                    f"Sheet '{sheet.name}' has no '{spec.title(sheet.language)}' column "
                    f"({spec.article}).",
                    hint=f"Add a column headed '{spec.title(sheet.language)}'.",
                    reference=spec.article,
                )


@rule("RP103", "duplicate-id", Severity.ERROR, "Art. 30(1)")
def duplicate_id(ctx: Context) -> Iterator[Problem]:
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
                    f"The id '{row.text(spec.id_field)}' is already used on row {seen[key]}.",
                    hint="Ids must be unique within a sheet: renumber one of the rows.",
                )
            else:
                seen[key] = row.number


@rule("RP104", "required-cell-empty", Severity.ERROR, "Art. 30(1)(a)-(g)")
def required_cell_empty(ctx: Context) -> Iterator[Problem]:
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
                    yield _empty(ctx, sheet.spec.key, row, spec, label(row, id_field, "row"))


def _empty(ctx: Context, sheet: str, row: object, spec: FieldSpec, who: str) -> Problem:
    return Problem(
        ctx.at(sheet, row, spec.key),  # type: ignore[arg-type]
        f"'{spec.title(ctx.lang)}' is empty for {who}; {spec.article} requires it.",
        hint=spec.help_text(ctx.lang),
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
def unknown_reference(ctx: Context) -> Iterator[Problem]:
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
                    f"'{item}' is not an id on the {ctx.sheet_name(_target_sheet(target))} sheet.",
                    hint=f"Did you mean '{guess}'?"
                    if guess
                    else "Add it there, or fix the spelling.",
                )


def _target_sheet(target: str) -> str:
    return {"entities": "organisation"}.get(target, target)


def _display_ids(ctx: Context, target: str) -> list[str]:
    sheet = _target_sheet(target)
    id_field = record_schema().sheet(sheet).id_field or ""
    return [row.text(id_field) for row in ctx.rows(sheet) if row.text(id_field)]


@rule("RP106", "unused-processor", Severity.INFO, "Art. 30(1)(d)")
def unused_processor(ctx: Context) -> Iterator[Problem]:
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
                f"'{label(row, 'processor_id')}' is not a recipient of any activity.",
                hint="List it under the recipients of the activities that use it, or remove it.",
            )


@rule("RP107", "activity-without-purpose", Severity.ERROR, "Art. 30(1)(b)")
def activity_without_purpose(ctx: Context) -> Iterator[Problem]:
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
                f"Activity '{row.text('activity_id')}' has no purpose on the "
                f"{ctx.sheet_name('purposes')} sheet.",
                hint="Add a purpose row with its lawful basis for this activity.",
            )


@rule("RP108", "hidden-sheet", Severity.WARNING, "Art. 30(4)")
def hidden_sheet(ctx: Context) -> Iterator[Problem]:
    """A sheet of the record is hidden.

    ropa reads hidden sheets, but a supervisory authority or a colleague opening the
    workbook may not see them, so the record they read is not the one you checked.

    Fix: unhide the sheet (right-click a sheet tab, Unhide).
    """
    for notice in ctx.workbook.notices:
        if notice.kind == "hidden-sheet":
            yield Problem(
                Location(ctx.workbook.display, notice.sheet),
                f"Sheet '{notice.sheet}' is hidden; it was read all the same.",
                hint="Unhide it so that everyone who reads the record sees it.",
            )


@rule("RP109", "duplicate-header", Severity.WARNING, "Art. 30(1)")
def duplicate_header(ctx: Context) -> Iterator[Problem]:
    """Two columns of a sheet have the same header (in any language).

    Only the first is read; the second is ignored, which may hide data.

    Fix: merge the two columns, or rename the second one.
    """
    for notice in ctx.workbook.notices:
        if notice.kind == "duplicate-header":
            yield Problem(
                Location(ctx.workbook.display, notice.sheet, notice.row, notice.column),
                f"Duplicate column: {notice.detail}.",
                hint="Merge the columns or rename one of them.",
            )


def _notices(ctx: Context, kind: str) -> Iterator[Location]:
    for notice in ctx.workbook.notices:
        if notice.kind == kind:
            yield Location(ctx.workbook.display, notice.sheet, notice.row, notice.column)


@rule("RP114", "merged-cells", Severity.INFO, "Art. 30(4)")
def merged_cells(ctx: Context) -> Iterator[Problem]:
    """Cells in the data area of a record sheet are merged.

    ropa reads a merged range as if every cell in it held the value of its top-left
    cell, which is usually what was meant. But merged cells break sorting and filtering
    in Excel, and other tools read only the first cell.

    Fix: unmerge the cells (Home > Merge & Center > Unmerge) and fill in each row.
    """
    for notice in ctx.workbook.notices:
        if notice.kind == "merged-cells":
            yield Problem(
                Location(ctx.workbook.display, notice.sheet, notice.row, notice.column),
                f"The {notice.detail}; each was read with the top-left value.",
                hint="Unmerge them and fill in the value on every row.",
            )


@rule("RP115", "hidden-rows-or-columns", Severity.WARNING, "Art. 30(4)")
def hidden_rows_or_columns(ctx: Context) -> Iterator[Problem]:
    """Rows or columns of a record sheet are hidden.

    ropa reads hidden rows and columns, but whoever opens the workbook, the supervisory
    authority included, may not see them: the record they read is not the one checked.

    Fix: unhide them (select the surrounding rows or columns, right-click, Unhide).
    """
    for location in _notices(ctx, "hidden-row"):
        yield Problem(
            location,
            f"Row {location.row} of '{location.sheet}' is hidden; it was read all the same.",
            hint="Unhide the row so every reader of the record sees it.",
        )
    for location in _notices(ctx, "hidden-column"):
        yield Problem(
            location,
            f"Column {location.column} of '{location.sheet}' is hidden; it was read all the same.",
            hint="Unhide the column so every reader of the record sees it.",
        )


@rule("RP117", "empty-record", Severity.ERROR, "Art. 30(1)")
def empty_record(ctx: Context) -> Iterator[Problem]:
    """The Organisation or Activities sheet has no rows: there is no record yet.

    A record of processing activities names at least one controller and the activities
    it carries out (Art. 30(1)). A new template checks with this finding until it is
    filled in.

    Fix: add a row per legal entity on the Organisation sheet and a row per processing
    activity on the Activities sheet (see the Instructions sheet, or run
    `ropa init example.xlsx --example` for a filled-in example).
    """
    for key, what in (("organisation", "legal entity"), ("activities", "processing activity")):
        sheet = ctx.sheet(key)
        if sheet is not None and sheet.columns and not sheet.rows:
            yield Problem(
                Location(ctx.workbook.display, sheet.name, sheet.header_row + 1),
                f"Sheet '{sheet.name}' has no rows: the record lists no {what}.",
                hint=f"Add one row per {what} below the header.",
            )


@rule("RP116", "formula-without-value", Severity.WARNING, "Art. 30(1)")
def formula_without_value(ctx: Context) -> Iterator[Problem]:
    """A cell holds a formula whose result was never saved, so ropa reads it as empty.

    ropa reads the values Excel saved with the file and never evaluates formulas. Files
    written by scripts or some tools contain formulas without a saved result.

    Fix: open the workbook in Excel or LibreOffice and save it, or replace the formula
    with its value.
    """
    for location in _notices(ctx, "formula-without-value"):
        yield Problem(
            location,
            f"{location.cell} holds a formula with no saved result; ropa read it as empty.",
            hint="Open and save the workbook in Excel, or paste the value instead of the formula.",
        )


_NON_BASIS_VOCABULARIES = {"lawful_basis"}  # RP201 reports these with its own wording


@rule("RP110", "invalid-value", Severity.ERROR, "Art. 30(1)")
def invalid_value(ctx: Context) -> Iterator[Problem]:
    """A controlled cell holds a value ropa does not recognise.

    Controlled cells (roles, special categories, yes/no, DPIA status, transfer mechanism,
    Art. 9(2) condition) accept the drop-down values in any of the five languages and the
    usual ways of writing them ("6.1.b", "Art. 9(2)(b)", "ja", "kyllä").

    Fix: pick a value from the drop-down, or use the suggestion in the hint.
    """
    for sheet in ctx.workbook.sheets.values():
        for spec in sheet.spec.fields:
            if spec.key not in sheet.columns:
                continue
            name = spec.vocabulary or ("yes_no" if spec.kind == "yesno" else None)
            if name is None or name in _NON_BASIS_VOCABULARIES:
                continue
            yield from _invalid_in_column(ctx, sheet.spec.key, spec, name)


def _invalid_in_column(ctx: Context, sheet: str, spec: FieldSpec, name: str) -> Iterator[Problem]:
    vocab = vocabulary(name)
    for row in ctx.rows(sheet):
        value = row.values.get(spec.key)
        if value is None or isinstance(value, bool):
            continue
        items = row.items(spec.key) if spec.multi else [row.text(spec.key)]
        for item in items:
            if vocab.match(item) is None and not is_none(item):
                guess = suggest_label(name, item, ctx.lang)
                choices = "; ".join(vocab.choices(ctx.lang)[:8])
                yield Problem(
                    ctx.at(sheet, row, spec.key),
                    f"'{item}' is not a recognised value for '{spec.title(ctx.lang)}'.",
                    hint=f"Did you mean '{guess}'?" if guess else f"Use one of: {choices}.",
                    reference=spec.article,
                )


@rule("RP111", "invalid-date", Severity.ERROR, "Art. 5(2)")
def invalid_date(ctx: Context) -> Iterator[Problem]:
    """A date cell holds something that is not a date.

    Dates are read from real Excel dates, ISO text (2024-01-31), Nordic forms (31.01.2024,
    31/1/2024) and Excel serial numbers.

    Fix: enter the date as YYYY-MM-DD, or format the cell as a date.
    """
    from ropa.model.dates import parse_date

    for sheet in ctx.workbook.sheets.values():
        for spec in sheet.spec.fields:
            if spec.kind != "date" or spec.key not in sheet.columns:
                continue
            for row in sheet.rows:
                value = row.values.get(spec.key)
                if value is not None and parse_date(value).value is None:
                    yield Problem(
                        ctx.at(sheet.spec.key, row, spec.key),
                        f"'{row.text(spec.key)}' in '{spec.title(ctx.lang)}' is not a date.",
                        hint="Write the date as YYYY-MM-DD, e.g. 2026-03-31.",
                        reference=spec.article,
                    )


@rule("RP113", "invalid-email", Severity.WARNING, "Art. 30(1)(a)")
def invalid_email(ctx: Context) -> Iterator[Problem]:
    """An e-mail cell does not hold an e-mail address.

    The controller's contact details are part of the record (Art. 30(1)(a)); a
    mistyped address means the authority or a data subject cannot reach you.

    Fix: write one address such as privacy@example.com.
    """
    for sheet in ctx.workbook.sheets.values():
        for spec in sheet.spec.fields:
            if spec.kind != "email" or spec.key not in sheet.columns:
                continue
            for row in sheet.rows:
                text = row.text(spec.key)
                if text and not _EMAIL.fullmatch(text.removeprefix("mailto:")):
                    yield Problem(
                        ctx.at(sheet.spec.key, row, spec.key),
                        f"'{text}' in '{spec.title(ctx.lang)}' is not an e-mail address.",
                        hint="Write one address, e.g. privacy@example.com.",
                        reference=spec.article,
                    )


# One address: something@domain.tld, no spaces; deliberately loose (RFC 5322 allows more).
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]{2,}")


@rule("RP112", "invalid-country", Severity.ERROR, "Art. 30(1)(e), Art. 44")
def invalid_country(ctx: Context) -> Iterator[Problem]:
    """A country cell holds something that is not an ISO 3166-1 country.

    Country cells take the two-letter ISO code (SE, NO, DK, FI, US), the drop-down entry
    ("SE - Sweden" with an en dash), or a country name in one of the five languages. Without a known
    country ropa cannot tell whether data leaves the EEA.

    Fix: use the two-letter ISO 3166-1 alpha-2 code.
    """
    for sheet in ctx.workbook.sheets.values():
        for spec in sheet.spec.fields:
            if spec.kind != "country" or spec.key not in sheet.columns:
                continue
            for row in sheet.rows:
                for item in row.items(spec.key) if spec.multi else [row.text(spec.key)]:
                    if item and country_code(item) is None:
                        yield Problem(
                            ctx.at(sheet.spec.key, row, spec.key),
                            f"'{item}' is not an ISO 3166-1 country code.",
                            hint="Use the two-letter code, e.g. SE, NO, DK, FI, DE, US, GB.",
                            reference=spec.article,
                        )
