"""RP6xx: how long data is kept (Art. 5(1)(e), Art. 30(1)(f))."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.record.common import has_content
from ropa.check.views.record import RecordView
from ropa.model.findings import Problem, Severity
from ropa.model.messages import msg
from ropa.model.periods import PeriodKind


@rule("RP601", "retention-missing", Severity.WARNING, "Art. 30(1)(f)")
def retention_missing(ctx: RecordView) -> Iterator[Problem]:
    """An activity has no retention period.

    Art. 30(1)(f) asks for "the envisaged time limits for erasure" of each category of
    data "where possible", and storage limitation (Art. 5(1)(e)) needs them in practice.

    Fix: add a row on the Retention sheet with the activity id and the period.
    """
    if ctx.sheet("retention") is None:
        return
    for key, row in ctx.activities.items():
        if key not in ctx.retention_by_activity:
            yield Problem(
                ctx.at("activities", row, "activity_id"),
                msg(
                    "RP601.no_retention",
                    activity=row.text("activity_id"),
                    sheet=ctx.sheet_name("retention"),
                ),
                hint=msg("RP601.hint"),
            )


@rule("RP602", "retention-vague", Severity.WARNING, "Art. 5(1)(e)")
def retention_vague(ctx: RecordView) -> Iterator[Problem]:
    """A retention period is vague ("as long as necessary", "tills vidare", "indefinitely")
    and gives no trigger or criterion.

    A vague period is acceptable only with the criteria that decide it (Art. 13(2)(a)
    speaks of "the criteria used to determine that period"); on its own it tells the
    reader nothing.

    Fix: give a period ("24 months") and what starts it ("after the last purchase"), or
    the criterion in the Trigger column.
    """
    for row, period in ctx.retention_periods:
        if (
            period.kind is PeriodKind.VAGUE
            and not has_content(row, "trigger")
            and not has_content(row, "legal_rule")
        ):
            yield Problem(
                ctx.at("retention", row, "period"),
                msg("RP602.vague", period=row.text("period"), activity=row.text("activity_id")),
                hint=msg("RP602.hint", trigger=ctx.header("retention", "trigger")),
            )


@rule("RP603", "retention-unparseable", Severity.WARNING, "Art. 30(1)(f)")
def retention_unparseable(ctx: RecordView) -> Iterator[Problem]:
    """A retention period cannot be read as a period.

    ropa reads periods in five languages ("5 years", "5 år", "36 måneder", "24 kuukautta",
    "7 years after the end of the financial year") and events ("until the end of
    employment") into a structured value that exports use. This one it cannot read.

    Fix: write a number and a unit (days, weeks, months, years), optionally followed by
    what starts the clock.
    """
    for row, period in ctx.retention_periods:
        if period.kind is PeriodKind.UNPARSEABLE:
            yield Problem(
                ctx.at("retention", row, "period"),
                msg(
                    "RP603.unreadable", period=row.text("period"), activity=row.text("activity_id")
                ),
                hint=msg("RP603.hint"),
            )
