"""RP410-RP419: whether a transfer's ground holds: the decision's dates and scope, the DPF,
the Art. 49 derogations and the sets of standard contractual clauses (Chapter V)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.record.common import (
    countries,
    country,
    in_languages,
    row_label,
    term,
    term_labels,
)
from ropa.check.rules.record.transfers import mechanism_of, recipient_of, third_countries
from ropa.check.views.record import RecordView
from ropa.model.countries import country_name
from ropa.model.findings import Location, Problem, Severity
from ropa.model.languages import RECORD_LANGUAGES
from ropa.model.legal import AdequacyDecision, adequacy, destination, is_eea
from ropa.model.messages import Message, Named, msg, named
from ropa.read.workbook import Row

#: (sheet, mechanism field, destination field) of the rows that record a transfer.
_SHEETS = (
    ("transfers", "mechanism", "country"),
    ("processors", "transfer_mechanism", "countries"),
    ("processor_activities", "transfer_mechanism", "transfer_countries"),  # Art. 30(2)(c)
)
#: Recipient roles that process on the exporter's behalf, as a service.
_PROCESSING_ROLES = {"processor", "sub_processor"}


def _where(row: Row, sheet: str) -> str | Message:
    if sheet == "processor_activities":
        return row_label(row, "record_id")
    return row.text("activity_id") if sheet == "transfers" else row_label(row, "processor_id")


def _named(decision: AdequacyDecision) -> Named:
    """The decision's country as each language names it (the decision's own name in English)."""
    names = {"en": decision.name}
    if decision.kind == "country":
        for lang in RECORD_LANGUAGES[1:]:
            try:
                names[lang] = country_name(decision.key, lang)
            except KeyError:
                names[lang] = decision.name
    return named(names)


def _destinations(row: Row, sheet: str, field: str) -> list[str]:
    if sheet == "transfers":
        code = destination(row.text(field))
        return [code] if code is not None and not is_eea(code) else []
    return third_countries(row, field)


def _on_adequacy(ctx: RecordView) -> Iterator[tuple[str, Row, Location, AdequacyDecision]]:
    """Every row that relies on an adequacy decision (or the DPF), with the decision."""
    for sheet, field, where in _SHEETS:
        for row in ctx.rows(sheet):
            if mechanism_of(row, field) not in {"adequacy", "dpf"}:
                continue
            for code in _destinations(row, sheet, where):
                decision = adequacy(code)
                if decision is not None:
                    yield sheet, row, ctx.at(sheet, row, field), decision


@rule("RP410", "adequacy-decision-expired", Severity.ERROR, "Art. 45(1), Art. 44")
def adequacy_decision_expired(ctx: RecordView) -> Iterator[Problem]:
    """A transfer relies on an adequacy decision that is past its end date.

    Some decisions are adopted for a fixed period (the United Kingdom's run until 27
    December 2031). Once a decision has lapsed, transfers on it have no ground under
    Art. 45 and need a safeguard of Art. 46 or a derogation of Art. 49.

    Fix: check the Commission's adequacy page for a renewal (and update ropa), or put
    standard contractual clauses in place and record them.
    """
    for sheet, row, at, decision in _on_adequacy(ctx):
        if decision.expired(ctx.today):
            yield Problem(
                at,
                msg(
                    "RP410.expired",
                    where=_where(row, sheet),
                    name=_named(decision),
                    until=str(decision.valid_until),
                ),
                hint=msg("RP410.hint"),
                reference=f"Art. 45(1); {decision.reference}",
            )


@rule("RP411", "adequacy-review-due", Severity.INFO, "Art. 45(3), Art. 45(5)")
def adequacy_review_due(ctx: RecordView) -> Iterator[Problem]:
    """A transfer relies on an adequacy decision whose periodic review is due.

    The Commission reviews each decision at least every four years (Art. 45(3), Art. 97)
    and may amend, suspend or repeal it (Art. 45(5)). When a review is due, the decision's
    status is worth a look before relying on it for another year.

    Fix: check the Commission's adequacy page for the review's outcome and update ropa.
    """
    seen: set[str] = set()
    for sheet, row, at, decision in _on_adequacy(ctx):
        if decision.review_overdue(ctx.today) and not decision.expired(ctx.today):
            if decision.key in seen:
                continue
            seen.add(decision.key)
            yield Problem(
                at,
                msg(
                    "RP411.review_due",
                    name=_named(decision),
                    due=str(decision.review_due),
                    where=_where(row, sheet),
                ),
                hint=msg("RP411.hint", link=decision.link),
                reference=f"Art. 45(3); {decision.reference}",
            )


@rule("RP412", "dpf-outside-us", Severity.ERROR, "Art. 45; Decision (EU) 2023/1795")
def dpf_outside_us(ctx: RecordView) -> Iterator[Problem]:
    """The EU-US Data Privacy Framework is given as the ground for data going elsewhere.

    The DPF is the adequacy decision for the United States (Decision (EU) 2023/1795): it
    covers certified organisations in the US, and nothing outside it. A recipient's DPF
    certification does not cover its data centres or subsidiaries in other countries.

    Fix: record the mechanism of the transfer to that country (adequacy for a country with
    a decision, otherwise standard contractual clauses).
    """
    for sheet, field, where in _SHEETS:
        for row in ctx.rows(sheet):
            if mechanism_of(row, field) != "dpf":
                continue
            others = [code for code in _destinations(row, sheet, where) if code != "US"]
            if others:
                yield Problem(
                    ctx.at(sheet, row, field),
                    msg("RP412.outside_us", where=_where(row, sheet), countries=countries(others)),
                    hint=msg("RP412.hint"),
                )


_NAMED = re.compile(
    r"49\s*[(.,]?\s*(?:stk\.?\s*|nr\.?\s*)?1\s*\)?[\s,.]*(?:(?:litra|bokstav|punkt)\s*)?\(?[a-g]\b"
    r"|second subparagraph|andra stycket|annet ledd|andet afsnit|toinen alakohta"
    r"|explicit consent to the transfer",
    re.I,
)


@rule("RP413", "derogation-for-ongoing-service", Severity.WARNING, "Art. 49(1); EDPB 2/2018")
def derogation_for_ongoing_service(ctx: RecordView) -> Iterator[Problem]:
    """A processor's ongoing service outside the EEA rests on an Art. 49 derogation.

    The derogations of Art. 49 are exceptions for occasional, non-repetitive transfers
    (EDPB Guidelines 2/2018). A processor or sub-processor that processes data outside the
    EEA as its regular service transfers data routinely, which needs an adequacy decision
    or an Art. 46 safeguard.

    Fix: put standard contractual clauses (module 2 or 3) in place with the processor and
    record them with a transfer impact assessment.
    """
    for sheet, field, _ in _SHEETS:
        for row in ctx.rows(sheet):
            if mechanism_of(row, field) != "derogation":
                continue
            recipient = row if sheet == "processors" else recipient_of(ctx, row)
            if recipient is None:
                continue
            role = term(recipient, "role", "recipient_role")
            if role is not None and role.code in _PROCESSING_ROLES:
                yield Problem(
                    ctx.at(sheet, row, field),
                    msg(
                        "RP413.ongoing",
                        where=_where(row, sheet),
                        recipient=row_label(recipient, "processor_id"),
                        role=term_labels([role], lower=True),
                    ),
                    hint=msg("RP413.hint"),
                )


@rule("RP414", "derogation-not-named", Severity.WARNING, "Art. 49(1), Art. 30(1)(e)")
def derogation_not_named(ctx: RecordView) -> Iterator[Problem]:
    """A transfer on an Art. 49 derogation does not say which derogation.

    Each derogation of Art. 49(1)(a)-(g) has its own conditions (explicit consent after
    being informed of the risks, a contract with the data subject, legal claims, ...), and
    the compelling-legitimate-interests ground of the second subparagraph needs the
    supervisory authority and the data subject informed and its safeguards documented
    (Art. 30(1)(e)).

    Fix: write the derogation, e.g. "Art. 49(1)(b)" or "Art. 49(1)(a) explicit consent".
    """
    for sheet, field, _ in _SHEETS:
        for row in ctx.rows(sheet):
            if mechanism_of(row, field) == "derogation" and not _NAMED.search(row.text(field)):
                yield Problem(
                    ctx.at(sheet, row, field),
                    msg("RP414.not_named", where=_where(row, sheet)),
                    hint=msg("RP414.hint"),
                )


@rule("RP415", "repealed-scc-set", Severity.ERROR, "Art. 46(2)(c); Decision (EU) 2021/914")
def repealed_scc_set(ctx: RecordView) -> Iterator[Problem]:
    """A transfer relies on a pre-2021 set of standard contractual clauses.

    The 2001, 2004 and 2010 sets (Decisions 2001/497/EC, 2004/915/EC, 2010/87/EU) were
    repealed from 27 September 2021; contracts concluded on them before then stayed valid
    only until 27 December 2022 (Decision (EU) 2021/914, Art. 4). They are no ground now.

    Fix: conclude the 2021 clauses (Decision (EU) 2021/914) in the module that fits the
    parties' roles, with a transfer impact assessment.
    """
    for sheet, field, _ in _SHEETS:
        for row in ctx.rows(sheet):
            found = term(row, field, "transfer_mechanism")
            if found is None or "repealed_by" not in found.attrs:
                continue
            yield Problem(
                ctx.at(sheet, row, field),
                msg(
                    "RP415.repealed",
                    where=_where(row, sheet),
                    decision=str(found.attrs["decision"]),
                    since=str(found.attrs["invalid_since"]),
                ),
                hint=msg("RP415.hint"),
            )


@rule("RP416", "scc-set-unstated", Severity.WARNING, "Art. 46(2)(c); Decision (EU) 2021/914")
def scc_set_unstated(ctx: RecordView) -> Iterator[Problem]:
    """A transfer relies on "model clauses" without saying which set.

    "Model clauses" usually means the pre-2021 sets, void since 27 December 2022, and
    sometimes the 2021 standard contractual clauses. The record must show which: ropa
    does not read it as the 2021 clauses.

    Fix: write "Standard contractual clauses (2021/914)" if those are the clauses signed;
    otherwise conclude them.
    """
    for sheet, field, _ in _SHEETS:
        for row in ctx.rows(sheet):
            if mechanism_of(row, field) == "model_clauses":
                yield Problem(
                    ctx.at(sheet, row, field),
                    msg("RP416.unstated", where=_where(row, sheet), text=row.text(field)),
                    hint=msg("RP416.hint"),
                )


@rule("RP418", "transfer-row-says-no-transfer", Severity.WARNING, "Art. 30(1)(e)")
def transfer_row_says_no_transfer(ctx: RecordView) -> Iterator[Problem]:
    """A row on the Transfers sheet says "no transfer" for a country outside the EEA.

    The row records data going to a third country or an international organisation, and
    its mechanism says there is no transfer outside the EEA: the record contradicts itself.
    (Where the destination has no adequacy decision, RP401 reports it as an error.)

    Fix: give the ground of the transfer, e.g. the adequacy decision or the DPF.
    """
    for row in ctx.rows("transfers"):
        code = destination(row.text("country"))
        if code is None or is_eea(code) or mechanism_of(row, "mechanism") != "not_applicable":
            continue
        decision = adequacy(code)
        if decision is not None and decision.in_force(ctx.today):
            yield Problem(
                ctx.at("transfers", row, "mechanism"),
                msg("RP418.says_none", activity=row.text("activity_id"), country=country(code)),
                hint=msg(
                    "RP418.hint_dpf" if decision.dpf_only else "RP418.hint", name=_named(decision)
                ),
            )


@rule("RP419", "adequacy-scope-to-confirm", Severity.INFO, "Art. 45(3)")
def adequacy_scope_to_confirm(ctx: RecordView) -> Iterator[Problem]:
    """A transfer relies on an adequacy decision that covers only some recipients.

    Canada's decision covers organisations under PIPEDA (commercial activities), Japan's
    only private-sector business operators under the APPI, Korea's excludes some sectors
    (ropa/data/legal/adequacy.json gives each scope). A recipient outside the scope needs
    an Art. 46 safeguard. (The US decision's scope, DPF certification, is RP402's.)

    Fix: confirm the recipient is within the decision's scope, and say so in the TIA
    reference column or the processor's service description.
    """
    for sheet, row, at, decision in _on_adequacy(ctx):
        if decision.sectoral and not decision.dpf_only and decision.in_force(ctx.today):
            yield Problem(
                at,
                msg(
                    "RP419.scope",
                    where=_where(row, sheet),
                    name=_named(decision),
                    scope=in_languages(decision.scope_in),
                ),
                hint=msg("RP419.hint"),
                reference=f"Art. 45(3); {decision.reference}",
            )
