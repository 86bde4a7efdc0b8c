"""RP8xx: keeping the record current (Art. 5(2), Art. 24(1)) and complete (Art. 30(1)(g)), and
ropa's own legal data current."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.record.common import has_content, row_label
from ropa.check.views.record import RecordView
from ropa.model.dates import parse_date
from ropa.model.findings import Problem, Severity
from ropa.model.legal import oldest_verification
from ropa.model.messages import msg


def _months_between(start: dt.date, end: dt.date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months


@rule("RP801", "review-overdue", Severity.WARNING, "Art. 5(2), Art. 24(1)")
def review_overdue(ctx: RecordView) -> Iterator[Problem]:
    """An activity was last reviewed too long ago, or has no review date.

    Measures "shall be reviewed and updated where necessary" (Art. 24(1)); a record
    nobody has looked at for a year rarely matches reality. The interval is 12 months
    by default; set `review-interval-months` in [tool.ropa] or ropa.toml.

    Fix: review the activity with its owner and enter today's date.
    """
    limit = ctx.config.review_interval_months
    has_column = ctx.has_column("activities", "last_reviewed")
    for row in ctx.rows("activities"):
        reviewed = parse_date(row.values.get("last_reviewed")).value
        who = row_label(row, "activity_id")
        if reviewed is None:
            if has_column and not row.has("last_reviewed"):
                yield Problem(
                    ctx.at("activities", row, "last_reviewed"),
                    msg("RP801.no_review", activity=who),
                    hint=msg("RP801.no_review.hint"),
                )
            continue
        age = _months_between(reviewed, ctx.today)
        if age > limit:
            yield Problem(
                ctx.at("activities", row, "last_reviewed"),
                msg(
                    "RP801.overdue",
                    activity=who,
                    date=reviewed.isoformat(),
                    age=age,
                    limit=limit,
                ),
                hint=msg("RP801.overdue.hint"),
            )


@rule("RP802", "date-in-future", Severity.WARNING, "Art. 5(1)(d)")
def date_in_future(ctx: RecordView) -> Iterator[Problem]:
    """A date in the record lies in the future.

    A review date or other record date after today is almost always a typo, and makes
    the record inaccurate. (Future DPA dates are reported by RP502.)

    Fix: correct the date.
    """
    for sheet in ctx.workbook.sheets.values():
        for spec in sheet.spec.fields:
            if spec.kind != "date" or spec.key == "dpa_signed" or spec.key not in sheet.columns:
                continue
            for row in sheet.rows:
                value = parse_date(row.values.get(spec.key)).value
                if value is not None and value > ctx.today:
                    yield Problem(
                        ctx.at(sheet.spec.key, row, spec.key),
                        msg("RP802.future", column=spec.title(ctx.lang), date=value.isoformat()),
                        hint=msg("RP802.hint"),
                    )


@rule("RP803", "security-measures-missing", Severity.WARNING, "Art. 30(1)(g), Art. 32(1)")
def security_measures_missing(ctx: RecordView) -> Iterator[Problem]:
    """An activity does not describe its security measures.

    Art. 30(1)(g) asks, where possible, for a general description of the technical and
    organisational security measures of Art. 32(1). A reference to the organisation's
    security policy is enough when it covers the activity.

    Fix: describe the measures (access control, encryption, logging, backups), or reference
    the security document that covers them.
    """
    for row in ctx.rows("activities"):
        if not has_content(row, "security_measures"):
            yield Problem(
                ctx.at("activities", row, "security_measures"),
                msg("RP803.no_measures", activity=row_label(row, "activity_id")),
                hint=msg("RP803.hint"),
            )


#: How old ropa's legal data may get before a check says so.
LEGAL_DATA_MONTHS = 12


@rule("RP810", "legal-data-not-verified-recently", Severity.INFO, "Art. 5(2)")
def legal_data_not_verified_recently(ctx: RecordView) -> Iterator[Problem]:
    """ropa's legal data was last checked against the official sources over a year ago.

    ropa's adequacy decisions, EEA territories, authorities and national rules
    (ropa/data/legal) and vocabularies (ropa/data/vocab) each say when they were verified
    and against which official page (docs/data-sources.md). Decisions are renewed, expire
    and are adopted; an install whose data is older than 12 months may report a transfer
    wrongly.

    Fix: update ropa (pip install -U ropa); if you are on the latest release, check the
    Commission's adequacy page yourself before relying on the transfer findings.
    """
    oldest = oldest_verification()
    verified = oldest.verified_date
    if verified is not None and _months_between(verified, ctx.today) < LEGAL_DATA_MONTHS:
        return
    when = (
        msg("RP810.verified_on", date=str(oldest.verified_on))
        if verified is not None
        else msg("RP810.never")
    )
    yield Problem(
        ctx.at("organisation"),  # about the record as a whole: its first sheet
        msg(
            "RP810.old",
            when=when,
            file=oldest.file,
            months=LEGAL_DATA_MONTHS,
            today=ctx.today.isoformat(),
        ),
        hint=msg("RP810.hint"),
    )
