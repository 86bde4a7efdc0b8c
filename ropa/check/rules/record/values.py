"""RP110 to RP113: cell values that are not what their column expects (vocabulary terms,
dates, countries, e-mail addresses).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.record.common import suggest_label
from ropa.check.views.record import RecordView
from ropa.model.dates import parse_date
from ropa.model.findings import Problem, Severity
from ropa.model.legal import country_code, destination
from ropa.model.messages import joined, msg
from ropa.model.schema import FieldSpec
from ropa.model.vocab import is_none, vocabulary

_NON_BASIS_VOCABULARIES = {"lawful_basis"}  # RP201 reports these with its own wording


@rule("RP110", "invalid-value", Severity.ERROR, "Art. 30(1)")
def invalid_value(ctx: RecordView) -> Iterator[Problem]:
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


def _invalid_in_column(
    ctx: RecordView, sheet: str, spec: FieldSpec, name: str
) -> Iterator[Problem]:
    vocab = vocabulary(name)
    for row in ctx.rows(sheet):
        value = row.values.get(spec.key)
        if value is None or isinstance(value, bool):
            continue
        items = row.items(spec.key) if spec.multi else [row.text(spec.key)]
        for item in items:
            if vocab.match(item) is None and not is_none(item):
                guess = suggest_label(name, item, ctx.lang)
                choices = joined(vocab.choices(ctx.lang)[:8], "list.semicolon")
                yield Problem(
                    ctx.at(sheet, row, spec.key),
                    msg("RP110.not_recognised", value=item, column=spec.title(ctx.lang)),
                    hint=msg("hint.did_you_mean", guess=guess)
                    if guess
                    else msg("RP110.use_one_of", choices=choices),
                    reference=spec.article,
                )


@rule("RP111", "invalid-date", Severity.ERROR, "Art. 5(2)")
def invalid_date(ctx: RecordView) -> Iterator[Problem]:
    """A date cell holds something that is not a date.

    Dates are read from real Excel dates, ISO text (2024-01-31), Nordic forms (31.01.2024,
    31/1/2024) and Excel serial numbers.

    Fix: enter the date as YYYY-MM-DD, or format the cell as a date.
    """
    for sheet in ctx.workbook.sheets.values():
        for spec in sheet.spec.fields:
            if spec.kind != "date" or spec.key not in sheet.columns:
                continue
            for row in sheet.rows:
                value = row.values.get(spec.key)
                if value is not None and parse_date(value).value is None:
                    yield Problem(
                        ctx.at(sheet.spec.key, row, spec.key),
                        msg(
                            "RP111.not_a_date",
                            value=row.text(spec.key),
                            column=spec.title(ctx.lang),
                        ),
                        hint=msg("RP111.hint"),
                        reference=spec.article,
                    )


@rule("RP113", "invalid-email", Severity.WARNING, "Art. 30(1)(a)")
def invalid_email(ctx: RecordView) -> Iterator[Problem]:
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
                        msg("RP113.not_an_address", value=text, column=spec.title(ctx.lang)),
                        hint=msg("RP113.hint"),
                        reference=spec.article,
                    )


# One address: something@domain.tld, no spaces; deliberately loose (RFC 5322 allows more).
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]{2,}")


#: Sheets whose country cells say where data goes, so may name an international organisation.
_DESTINATIONS = {"processors", "transfers"}


@rule("RP112", "invalid-country", Severity.ERROR, "Art. 30(1)(e), Art. 44")
def invalid_country(ctx: RecordView) -> Iterator[Problem]:
    """A country cell holds something that is not an ISO 3166-1 country.

    Country cells take the two-letter ISO code (SE, NO, DK, FI, US), the drop-down entry
    ("SE - Sweden" with an en dash), or a country name in one of the five languages. Without a known
    country ropa cannot tell whether data leaves the EEA. Where data goes (the Processors and
    Transfers sheets) an international organisation is a destination too (Art. 30(1)(e)): its
    name or short name, e.g. "European Patent Organisation" or EPOrg.

    Fix: use the two-letter ISO 3166-1 alpha-2 code.
    """
    for sheet in ctx.workbook.sheets.values():
        for spec in sheet.spec.fields:
            if spec.kind != "country" or spec.key not in sheet.columns:
                continue
            known = destination if sheet.spec.key in _DESTINATIONS else country_code
            for row in sheet.rows:
                for item in row.items(spec.key) if spec.multi else [row.text(spec.key)]:
                    if item and known(item) is None:
                        yield Problem(
                            ctx.at(sheet.spec.key, row, spec.key),
                            msg("RP112.not_a_country", value=item),
                            hint=msg("RP112.hint"),
                            reference=spec.article,
                        )
