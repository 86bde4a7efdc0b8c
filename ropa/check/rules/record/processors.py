"""RP5xx: processors, their Art. 28 agreements and the authorisation of sub-processors."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.record.common import has_content, row_label, term
from ropa.check.rules.record.quality import is_internal_or_category
from ropa.check.views.record import RecordView
from ropa.model.dates import parse_date
from ropa.model.findings import Problem, Severity
from ropa.model.messages import msg

#: Recipients with whom the controller itself concludes the Art. 28(3) contract. A
#: sub-processor's contract is the processor's (Art. 28(4)); the controller authorises it.
_NEEDS_DPA = {"processor"}


@rule("RP501", "dpa-missing", Severity.ERROR, "Art. 28(3)")
def dpa_missing(ctx: RecordView) -> Iterator[Problem]:
    """A processor has no date for its data processing agreement.

    Processing by a processor "shall be governed by a contract" (Art. 28(3)). Independent
    controllers and public authorities need no such agreement and are not flagged; nor are
    sub-processors, whose contract is with the processor (Art. 28(4)): RP510 asks for the
    controller's authorisation instead.

    Fix: enter the date the DPA was signed; if there is none, sign one before processing.
    """
    for row in ctx.rows("processors"):
        role = term(row, "role", "recipient_role")
        if role is not None and role.code not in _NEEDS_DPA:
            continue
        if is_internal_or_category(row.text("name")):
            continue  # RP503 says it is no processor
        if not row.has("dpa_signed"):
            yield Problem(
                ctx.at("processors", row, "dpa_signed"),
                msg("RP501.no_dpa_date", processor=row_label(row, "processor_id")),
                hint=msg("RP501.hint"),
            )


@rule("RP502", "dpa-date-in-future", Severity.WARNING, "Art. 28(3)")
def dpa_date_in_future(ctx: RecordView) -> Iterator[Problem]:
    """A processor's agreement is dated in the future.

    Either the date is mistyped, or the processor already works without a signed
    agreement, which Art. 28(3) does not allow.

    Fix: correct the date, or stop the processing until the agreement is signed.
    """
    for row in ctx.rows("processors"):
        signed = parse_date(row.values.get("dpa_signed")).value
        if signed is not None and signed > ctx.today:
            yield Problem(
                ctx.at("processors", row, "dpa_signed"),
                msg(
                    "RP502.dpa_in_future",
                    processor=row_label(row, "processor_id"),
                    date=signed.isoformat(),
                ),
                hint=msg("RP502.hint"),
            )


@rule("RP510", "sub-processor-not-authorised", Severity.ERROR, "Art. 28(2)")
def sub_processor_not_authorised(ctx: RecordView) -> Iterator[Problem]:
    """A sub-processor is listed without the controller's prior authorisation.

    A processor may engage another processor only with the controller's prior specific or
    general written authorisation (Art. 28(2)); under a general authorisation the controller
    is told of each new sub-processor and may object. The contract with the sub-processor is
    the processor's (Art. 28(4)), so the controller's record shows the authorisation, not a
    data processing agreement of its own.

    Fix: enter the reference or date of the authorisation (e.g. "general authorisation in
    DPA clause 9, notified 2026-03-01") in the controller's authorisation column.
    """
    for row in ctx.rows("processors"):
        role = term(row, "role", "recipient_role")
        if (
            role is not None
            and role.code == "sub_processor"
            and not has_content(row, "authorisation")
        ):
            yield Problem(
                ctx.at("processors", row, "authorisation"),
                msg("RP510.not_authorised", processor=row_label(row, "processor_id")),
                hint=msg("RP510.hint"),
            )
