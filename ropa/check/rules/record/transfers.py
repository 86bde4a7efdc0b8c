"""RP4xx: transfers of personal data to third countries (Chapter V)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.record.common import countries, country, has_content, is_yes, row_label, term
from ropa.check.views.record import RecordView, fold
from ropa.model.findings import Problem, Severity
from ropa.model.legal import adequacy, destination, is_eea
from ropa.model.messages import msg
from ropa.read.workbook import Row

#: Mechanisms that are safeguards under Art. 46 or 47, or a derogation under Art. 49
#: ("model clauses" of no stated set too: RP416 asks which set).
_SAFEGUARDS = {"scc", "bcr", "derogation", "model_clauses"}
#: Mechanisms another rule reports as wrong in themselves (RP402, RP403, RP412, RP415).
REPORTED_ELSEWHERE = {"privacy_shield", "safe_harbor", "dpf", "scc_2001", "scc_2004", "scc_2010"}


def third_countries(row: Row, field: str) -> list[str]:
    """The destinations of a cell outside the EEA: country codes or organisation keys."""
    codes = (destination(item) for item in row.items(field))
    return [code for code in codes if code is not None and not is_eea(code)]


def mechanism_of(row: Row, field: str) -> str | None:
    found = term(row, field, "transfer_mechanism")
    return found.code if found is not None else None


def _covered(code: str, mechanism: str | None, dpf_certified: bool, today: dt.date) -> bool:
    """Whether a transfer to this destination has a valid ground under Chapter V today."""
    if mechanism in _SAFEGUARDS:
        return True
    decision = adequacy(code)
    if decision is None or not decision.in_force(today):
        return False
    if decision.dpf_only:
        return dpf_certified and mechanism in {"adequacy", "dpf", None, "not_applicable"}
    return True


def recipient_of(ctx: RecordView, transfer: Row) -> Row | None:
    """The Processors row a Transfers row names, by id or name."""
    return ctx.processors.get(fold(transfer.text("recipient")))


@rule("RP401", "transfer-without-safeguard", Severity.ERROR, "Art. 44, Art. 46")
def transfer_without_safeguard(ctx: RecordView) -> Iterator[Problem]:
    """Data goes to a country outside the EEA with no adequacy decision and no safeguard.

    A transfer to a third country or an international organisation needs an adequacy
    decision in force (Art. 45), an appropriate safeguard such as standard contractual
    clauses or binding corporate rules (Art. 46, 47), or a derogation (Art. 49). ropa knows
    the Commission's adequacy decisions, for countries and for international organisations,
    with the dates they apply from and until (ropa/data/legal/adequacy.json); a decision past
    its end date is reported by RP410 instead. A processor's part of the record is checked
    the same way: a ProcessorActivities row whose transfer countries include a third
    country needs a transfer mechanism that covers it (Art. 30(2)(c), Art. 44).

    Fix: record the mechanism (usually the 2021 standard contractual clauses) and a
    transfer impact assessment, or stop the transfer.
    """
    for row in ctx.rows("transfers"):
        code = destination(row.text("country"))
        if code is None or is_eea(code):
            continue
        mechanism = mechanism_of(row, "mechanism")
        if mechanism in REPORTED_ELSEWHERE or (code == "US" and mechanism == "adequacy"):
            continue  # RP402, RP403, RP412 and RP415 say what is wrong with these
        decision = adequacy(code)
        if decision is not None and decision.expired(ctx.today):
            continue  # RP410
        recipient = recipient_of(ctx, row)
        certified = recipient is not None and is_yes(recipient, "dpf_certified")
        if not _covered(code, mechanism, certified, ctx.today):
            yield Problem(
                ctx.at("transfers", row, "mechanism"),
                msg("RP401.no_ground", activity=row.text("activity_id"), country=country(code)),
                hint=msg("RP401.hint"),
            )
    yield from _processor_part_without_ground(ctx)


def _processor_part_without_ground(ctx: RecordView) -> Iterator[Problem]:
    """RP401 for the transfers of a processor's part of the record (ProcessorActivities)."""
    for row in ctx.rows("processor_activities"):
        mechanism = mechanism_of(row, "transfer_mechanism")
        if mechanism in REPORTED_ELSEWHERE:
            continue  # RP403, RP412 and RP415 say what is wrong with these
        uncovered = []
        for code in third_countries(row, "transfer_countries"):
            decision = adequacy(code)
            if decision is not None and decision.expired(ctx.today):
                continue  # RP410
            # The recipient's DPF certification is not on this sheet: RP419 asks to confirm it.
            on_adequacy = mechanism == "adequacy"
            if not _covered(code, mechanism, on_adequacy, ctx.today):
                uncovered.append(code)
        if uncovered:
            record = row_label(row, "record_id")
            yield Problem(
                ctx.at("processor_activities", row, "transfer_mechanism"),
                msg(
                    "RP401.processor_part",
                    client=row.text("client_controller") or record,
                    record=record,
                    countries=countries(uncovered),
                ),
                hint=msg("RP401.processor_part.hint"),
            )


@rule("RP402", "us-adequacy-without-dpf", Severity.ERROR, "Art. 45; Decision (EU) 2023/1795")
def us_adequacy_without_dpf(ctx: RecordView) -> Iterator[Problem]:
    """A US recipient relies on adequacy without Data Privacy Framework certification.

    The Commission's adequacy decision for the United States (10 July 2023) covers only
    organisations certified under the EU-US Data Privacy Framework. Any other US
    recipient needs standard contractual clauses or another Art. 46 safeguard.

    Fix: check the recipient on the DPF list and mark DPF certified Yes, or use SCCs.
    """
    for row in ctx.rows("transfers"):
        if destination(row.text("country")) != "US":
            continue
        if mechanism_of(row, "mechanism") not in {"adequacy", "dpf"}:
            continue
        recipient = recipient_of(ctx, row)
        if recipient is None or not is_yes(recipient, "dpf_certified"):
            yield Problem(
                ctx.at("transfers", row, "mechanism"),
                msg(
                    "RP402.transfer_not_certified",
                    activity=row.text("activity_id"),
                    recipient=row.text("recipient"),
                ),
                hint=msg("RP402.transfer_hint", sheet=ctx.sheet_name("processors")),
            )
    for row in ctx.rows("processors"):
        if (
            "US" in third_countries(row, "countries")
            and mechanism_of(row, "transfer_mechanism")
            in {
                "adequacy",
                "dpf",
            }
            and not is_yes(row, "dpf_certified")
        ):
            yield Problem(
                ctx.at("processors", row, "dpf_certified"),
                msg("RP402.processor_not_certified", processor=row_label(row, "processor_id")),
                hint=msg("RP402.processor_hint"),
            )


@rule("RP403", "invalidated-transfer-mechanism", Severity.ERROR, "Art. 46; CJEU C-311/18")
def invalidated_transfer_mechanism(ctx: RecordView) -> Iterator[Problem]:
    """A transfer relies on Privacy Shield or Safe Harbor, both invalidated by the CJEU.

    Safe Harbor fell on 6 October 2015 (C-362/14, Schrems I) and the EU-US Privacy Shield
    on 16 July 2020 (C-311/18, Schrems II). Neither is a ground for transfers.

    Fix: use the EU-US Data Privacy Framework (if the recipient is certified) or
    standard contractual clauses with a transfer impact assessment.
    """
    sheets = (
        ("transfers", "mechanism"),
        ("processors", "transfer_mechanism"),
        ("processor_activities", "transfer_mechanism"),
    )
    for sheet, field in sheets:
        for row in ctx.rows(sheet):
            found = term(row, field, "transfer_mechanism")
            if found is None or "ruling" not in found.attrs:
                continue  # the repealed SCC sets have no ruling: RP415
            yield Problem(
                ctx.at(sheet, row, field),
                msg(
                    "RP403.invalidated",
                    value=row.text(field),
                    since=str(found.attrs["invalid_since"]),
                    ruling=str(found.attrs.get("ruling", "")),
                ),
                hint=msg("RP403.hint"),
                reference=f"Art. 46; CJEU {found.attrs.get('ruling', '')}".strip(),
            )


@rule("RP404", "third-country-processor-without-transfer", Severity.ERROR, "Art. 30(1)(e)")
def third_country_processor_without_transfer(ctx: RecordView) -> Iterator[Problem]:
    """A recipient processes data outside the EEA, but no transfer is recorded.

    Art. 30(1)(e) requires the record to list transfers to third countries. When an
    activity uses a recipient located (or with access) outside the EEA, the Transfers
    sheet needs a row for that activity and recipient.

    Fix: add a row on the Transfers sheet with the activity, recipient, country and
    mechanism.
    """
    recorded = {
        (fold(row.text("activity_id")), _processor_key(ctx, row.text("recipient")))
        for row in ctx.rows("transfers")
    }
    third: dict[int, list[str]] = {}  # per processor row, worked out once
    for activity in ctx.rows("activities"):
        key = fold(activity.text("activity_id"))
        for recipient in ctx.processors_of(activity):
            places = third.get(id(recipient))
            if places is None:
                places = third[id(recipient)] = third_countries(recipient, "countries")
            if places and (key, id(recipient)) not in recorded:
                yield Problem(
                    ctx.at("activities", activity, "recipients"),
                    msg(
                        "RP404.no_transfer",
                        activity=activity.text("activity_id"),
                        recipient=recipient.text("name") or recipient.text("processor_id"),
                        countries=countries(places),
                    ),
                    hint=msg("RP404.hint", sheet=ctx.sheet_name("transfers")),
                )


def _processor_key(ctx: RecordView, text: str) -> int | None:
    found = ctx.processors.get(fold(text))
    return id(found) if found is not None else None


@rule("RP405", "transfer-impact-assessment-missing", Severity.WARNING, "Art. 46; CJEU C-311/18")
def transfer_impact_assessment_missing(ctx: RecordView) -> Iterator[Problem]:
    """A transfer on standard contractual clauses or BCR has no transfer impact assessment.

    After Schrems II (C-311/18) the exporter must assess whether the law of the
    destination country lets the recipient honour the clauses (EDPB Recommendations
    01/2020), and document it.

    Fix: reference the transfer impact assessment (TIA) in the TIA reference column.
    """
    for sheet, field in (("transfers", "mechanism"), ("processors", "transfer_mechanism")):
        for row in ctx.rows(sheet):
            mechanism = mechanism_of(row, field)
            if mechanism in {"scc", "bcr", "model_clauses"} and not has_content(
                row, "tia_reference"
            ):
                where = (
                    row.text("activity_id")
                    if sheet == "transfers"
                    else row_label(row, "processor_id")
                )
                yield Problem(
                    ctx.at(sheet, row, "tia_reference"),
                    msg("RP405.no_tia", where=where, mechanism=row.text(field)),
                    hint=msg("RP405.hint"),
                )
