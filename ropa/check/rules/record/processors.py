"""RP5xx: processors and their Art. 28 agreements."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.record.common import label, term
from ropa.check.rules.record.quality import is_internal_or_category
from ropa.check.views.record import RecordView
from ropa.model.dates import parse_date
from ropa.model.findings import Problem, Severity

#: Recipients that process on the controller's behalf and so need an Art. 28 contract.
_NEEDS_DPA = {"processor", "sub_processor"}


@rule("RP501", "dpa-missing", Severity.ERROR, "Art. 28(3)")
def dpa_missing(ctx: RecordView) -> Iterator[Problem]:
    """A processor has no date for its data processing agreement.

    Processing by a processor "shall be governed by a contract" (Art. 28(3)). Independent
    controllers and public authorities need no such agreement and are not flagged.

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
                f"Processor '{label(row, 'processor_id')}' has no date for its data processing "
                "agreement.",
                hint="Enter the date the DPA was signed (YYYY-MM-DD).",
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
                f"The agreement with '{label(row, 'processor_id')}' is dated {signed.isoformat()}, "
                "in the future.",
                hint="Correct the date, or do not use the processor before the DPA is signed.",
            )
