"""RP806: the record as a controlled document (Art. 5(2), Art. 24(1)): the Document control
sheet says which version this is and who approved it."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.record.common import has_content
from ropa.check.views.record import RecordView
from ropa.model.dates import parse_date
from ropa.model.findings import Problem, Severity
from ropa.model.messages import msg
from ropa.model.vocab import vocabulary

SHEET = "document"


@rule("RP806", "document-control-inconsistent", Severity.WARNING, "Art. 5(2), Art. 24(1)")
def document_control_inconsistent(ctx: RecordView) -> Iterator[Problem]:
    """The Document control sheet contradicts itself or leaves an approval undocumented.

    The sheet holds one row: the version of the record the reports show on their cover and
    in every footer. ropa warns when it has several rows (which one is current?), when the
    status is Approved but the row does not say by whom or on which date, and when the
    approval is dated before the day the record describes (its "as of" date), so the
    approval cannot have covered this content. A record without the sheet is not reported
    (`ropa export` says so when it writes a report for the authority).

    Fix: keep one row; fill in Approved by and Approved on, or set the status back to Draft
    or In review until the record is approved.
    """
    rows = ctx.rows(SHEET)
    if len(rows) > 1:
        yield Problem(
            ctx.at(SHEET, rows[1]),
            msg("RP806.several_rows", rows=len(rows)),
            hint=msg("RP806.several_rows.hint"),
        )
    if not rows:
        return
    row = rows[0]
    status = vocabulary("document_status").match(row.text("status"))
    if status is not None and status.code == "approved":
        for field in ("approved_by", "approved_on"):
            if not has_content(row, field):
                yield Problem(
                    ctx.at(SHEET, row, field),
                    msg("RP806.approval_undocumented", column=ctx.header(SHEET, field)),
                    hint=msg("RP806.approval_undocumented.hint"),
                )
    approved = parse_date(row.values.get("approved_on")).value
    as_of = parse_date(row.values.get("as_of")).value
    if approved is not None and as_of is not None and approved < as_of:
        yield Problem(
            ctx.at(SHEET, row, "approved_on"),
            msg(
                "RP806.approved_before_as_of",
                approved=approved.isoformat(),
                as_of=as_of.isoformat(),
            ),
            hint=msg("RP806.approved_before_as_of.hint"),
        )
