"""RP910, RP911: the processor's part of the record names the people Art. 30(2)(a) asks for:
the processor's own data protection officer, and the representative of a client controller
established outside the Union."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.record.common import country, has_content, is_yes, row_label
from ropa.check.views.record import RecordView, fold
from ropa.model.findings import Problem, Severity
from ropa.model.legal import country_code, is_eea
from ropa.model.messages import joined, msg
from ropa.read.workbook import Row


def _clients_by_entity(ctx: RecordView) -> dict[str, list[Row]]:
    """The ProcessorActivities rows of each entity that processes on behalf of a client."""
    found: dict[str, list[Row]] = {}
    for row in ctx.rows("processor_activities"):
        for entity in row.items("entity_ids"):
            found.setdefault(fold(entity), []).append(row)
    return found


@rule("RP910", "processor-dpo-not-named", Severity.ERROR, "Art. 30(2)(a), Art. 37(1)")
def processor_dpo_not_named(ctx: RecordView) -> Iterator[Problem]:
    """An entity keeps a processor's record and has a DPO, but the DPO's name is missing.

    The record a processor keeps of the processing it carries out on behalf of controllers
    contains "the name and contact details of the processor ... and, where applicable, ...
    the data protection officer" (Art. 30(2)(a)). A processor designates a DPO on the same
    grounds as a controller (Art. 37(1)); in a ropa workbook the processor's own DPO is the
    one on the Organisation row of the entity that the ProcessorActivities row names. The
    contact details are RP902's; this rule asks for the name, which the processor's record
    must show even where the published contact is a function mailbox.

    Fix: enter the DPO's name on the entity's Organisation row.
    """
    clients = _clients_by_entity(ctx)
    for entity in ctx.rows("organisation"):
        rows = clients.get(fold(entity.text("entity_id")))
        if not rows:
            continue
        designated = is_yes(entity, "dpo_designated") or has_content(entity, "dpo_contact")
        if designated and not has_content(entity, "dpo_name"):
            yield Problem(
                ctx.at("organisation", entity, "dpo_name"),
                msg(
                    "RP910.no_name",
                    entity=row_label(entity, "entity_id"),
                    records=joined(row_label(row, "record_id") for row in rows),
                ),
                hint=msg("RP910.hint"),
            )


@rule("RP911", "client-representative-missing", Severity.WARNING, "Art. 30(2)(a), Art. 27")
def client_representative_missing(ctx: RecordView) -> Iterator[Problem]:
    """A client controller is established outside the EEA, and no representative is named.

    A processor's record names each controller it acts for and, where applicable, the
    controller's representative (Art. 30(2)(a)). A controller not established in the Union
    whose processing falls under Art. 3(2) (offering goods or services to, or monitoring,
    people in the Union) must designate a representative in the Union (Art. 27(1)), unless
    Art. 27(2) applies. ropa reads the client's country from the Client country column.

    Fix: enter the client's Art. 27 representative (name and contact), or write why none is
    needed (Art. 3(2) does not apply, or the exception of Art. 27(2)).
    """
    for row in ctx.rows("processor_activities"):
        code = country_code(row.text("client_country"))
        if code is None or is_eea(code) or has_content(row, "client_representative"):
            continue
        record = row_label(row, "record_id")
        yield Problem(
            ctx.at("processor_activities", row, "client_representative"),
            msg(
                "RP911.no_representative",
                client=row.text("client_controller") or record,
                record=record,
                country=country(code),
            ),
            hint=msg("RP911.hint"),
        )
