"""RP417, RP420-RP422: whether a transfer tool fits the parties: the SCC module for the
recipient's role, and the DPF certification's HR scope for employees' data (Chapter V)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.record.common import (
    country,
    has_content,
    is_yes,
    row_label,
    term,
    term_labels,
)
from ropa.check.rules.record.transfers import mechanism_of, recipient_of, third_countries
from ropa.check.views.record import RecordView, fold
from ropa.check.vocabulary import subject_kind
from ropa.model.findings import Problem, Severity
from ropa.model.legal import destination, is_eea
from ropa.model.messages import Message, Param, joined, msg
from ropa.model.vocab import Term
from ropa.read.workbook import Row

#: The importer's role for each recipient role; a sub-processor may receive from the
#: controller (module 2) or from the processor that engaged it (module 3).
_IMPORTER = {
    "processor": {"c2p"},
    "sub_processor": {"c2p", "p2p"},
    "independent_controller": {"c2c"},
    "joint_controller": {"c2c"},
    "public_authority": {"c2c"},
}


def _module_problem(recipient: Row | None, module_row: Row) -> tuple[Term, set[str]] | None:
    module = term(module_row, "scc_module", "scc_module")
    if module is None or recipient is None:
        return None
    role = term(recipient, "role", "recipient_role")
    fitting = _IMPORTER.get(role.code) if role is not None else None
    if fitting is None or module.code in fitting:
        return None
    return module, fitting


@rule("RP417", "scc-module-mismatch", Severity.WARNING, "Art. 46(2)(c); Decision (EU) 2021/914")
def scc_module_mismatch(ctx: RecordView) -> Iterator[Problem]:
    """The module of the standard contractual clauses does not fit the recipient's role.

    The 2021 clauses come in four modules, by the parties' roles: 1 controller to
    controller, 2 controller to processor, 3 processor to processor, 4 processor to
    controller. In a controller's record a processor receives under module 2, a
    sub-processor under module 2 or 3 (from the processor that engaged it), an independent
    or joint controller under module 1. Clauses of the wrong module leave out the
    obligations the recipient's role needs (for a processor those of Art. 28(3)).

    Fix: conclude the module that fits the roles and record it in the SCC module column,
    or correct the recipient's role.
    """
    for row in ctx.rows("processors"):
        if mechanism_of(row, "transfer_mechanism") != "scc":
            continue
        found = _module_problem(row, row)
        if found is not None:
            yield _problem(ctx, "processors", row, row_label(row, "processor_id"), row, *found)
    for row in ctx.rows("transfers"):
        if mechanism_of(row, "mechanism") != "scc":
            continue
        recipient = recipient_of(ctx, row)
        found = _module_problem(recipient, row)
        if found is not None and recipient is not None:
            where = msg(
                "RP417.where",
                activity=row.text("activity_id"),
                recipient=row_label(recipient, "processor_id"),
            )
            yield _problem(ctx, "transfers", row, where, recipient, *found)


def _problem(
    ctx: RecordView,
    sheet: str,
    row: Row,
    where: str | Message,
    recipient: Row,
    module: Term,
    fits: set[str],
) -> Problem:
    role = term(recipient, "role", "recipient_role")
    numbers = {"c2c": 1, "c2p": 2, "p2p": 3, "p2c": 4}
    expected = joined(
        (
            msg("RP417.module", number=numbers[code])
            for code in sorted(fits, key=list(numbers).index)
        ),
        "list.or",
    )
    return Problem(
        ctx.at(sheet, row, "scc_module"),
        msg(
            "RP417.mismatch",
            where=where,
            module=term_labels([module]),
            role=term_labels([role], lower=True) if role else msg("RP417.recipient"),
            expected=expected,
        ),
        hint=msg("RP417.hint", expected=expected),
    )


def _employees(activity: Row) -> bool:
    return any(subject_kind(item) == "internal" for item in activity.items("data_subjects"))


def _hr_on_dpf(ctx: RecordView) -> Iterator[tuple[Row, Row]]:
    """(activity, recipient) for employees' data going to a DPF-certified US recipient on the
    DPF, each pair once: the recipients of the activity and of its Transfers rows."""
    certified: dict[int, bool] = {}  # a recipient's answer, worked out once
    for activity in ctx.rows("activities"):
        if not _employees(activity):
            continue
        recipients = list(ctx.processors_of(activity))
        for transfer in ctx.transfers_by_activity.get(fold(activity.text("activity_id")), []):
            found = recipient_of(ctx, transfer)
            if found is not None and mechanism_of(transfer, "mechanism") in {"dpf", "adequacy"}:
                recipients.append(found)
        seen: set[int] = set()
        for recipient in recipients:
            if id(recipient) in seen:
                continue
            seen.add(id(recipient))
            answer = certified.get(id(recipient))
            if answer is None:
                answer = certified[id(recipient)] = _us_on_dpf(recipient)
            if answer:
                yield activity, recipient


def _us_on_dpf(recipient: Row) -> bool:
    on_dpf = mechanism_of(recipient, "transfer_mechanism") in {"dpf", "adequacy"}
    in_us = "US" in third_countries(recipient, "countries")
    return on_dpf and in_us and is_yes(recipient, "dpf_certified")


@rule("RP420", "dpf-without-hr-scope", Severity.ERROR, "Art. 45; Decision (EU) 2023/1795")
def dpf_without_hr_scope(ctx: RecordView) -> Iterator[Problem]:
    """Employees' data goes to a US recipient on the DPF whose certification excludes HR data.

    An organisation certifies under the EU-US Data Privacy Framework per kind of data: HR
    data (about employees in the context of employment) needs the HR certification, and
    a certification for non-HR data only does not cover it (Decision (EU) 2023/1795,
    Annex I, Supplemental Principle 9).

    Fix: check the DPF list for the recipient's HR certification and mark it, or use
    standard contractual clauses for the HR data.
    """
    for activity, recipient in _hr_on_dpf(ctx):
        if recipient.has("dpf_hr") and not is_yes(recipient, "dpf_hr"):
            yield Problem(
                ctx.at("processors", recipient, "dpf_hr"),
                msg(
                    "RP420.no_hr",
                    activity=row_label(activity, "activity_id"),
                    recipient=row_label(recipient, "processor_id"),
                ),
                hint=msg("RP420.hint"),
            )


@rule("RP421", "dpf-hr-scope-unstated", Severity.WARNING, "Art. 45; Decision (EU) 2023/1795")
def dpf_hr_scope_unstated(ctx: RecordView) -> Iterator[Problem]:
    """Employees' data goes to a US recipient on the DPF, and the record does not say whether
    its certification covers HR data.

    Whether a DPF certification covers HR data is stated on the DPF list for each
    organisation (Decision (EU) 2023/1795, Annex I, Supplemental Principle 9); a
    certification for non-HR data does not cover employees' data, which RP420 reports once
    the answer is recorded. Left empty, the record cannot show that the transfer of HR data
    has a ground.

    Fix: look the recipient up on the DPF list and answer Yes or No in the DPF covers HR
    data column.
    """
    pending: dict[int, tuple[Row, list[Param]]] = {}
    for activity, recipient in _hr_on_dpf(ctx):
        if not recipient.has("dpf_hr"):
            entry = pending.setdefault(id(recipient), (recipient, []))
            entry[1].append(row_label(activity, "activity_id"))
    for recipient, activities in pending.values():
        yield Problem(
            ctx.at("processors", recipient, "dpf_hr"),
            msg(
                "RP421.hr_scope_unstated",
                recipient=row_label(recipient, "processor_id"),
                activities=joined(activities),
            ),
            hint=msg("RP421.hint", column=ctx.header("processors", "dpf_hr")),
        )


def _recipients_with_module(ctx: RecordView) -> set[int]:
    """The Processors rows (by identity) that a Transfers row with an SCC module names: one
    pass over the transfers, so the check stays linear in the rows."""
    return {
        id(recipient)
        for transfer in ctx.rows("transfers")
        if has_content(transfer, "scc_module")
        and (recipient := recipient_of(ctx, transfer)) is not None
    }


def _transfer_module_recorded(ctx: RecordView, row: Row) -> bool:
    """Whether a Transfers row, or the Processors row it names, records the SCC module."""
    if has_content(row, "scc_module"):
        return True
    recipient = recipient_of(ctx, row)
    return recipient is not None and has_content(recipient, "scc_module")


@rule("RP422", "scc-module-missing", Severity.WARNING, "Art. 46(2)(c); Decision (EU) 2021/914")
def scc_module_missing(ctx: RecordView) -> Iterator[Problem]:
    """A transfer relies on the 2021 standard contractual clauses, but no module is recorded.

    The clauses of Implementing Decision (EU) 2021/914 are concluded in the module that fits
    the parties: module 1 controller to controller, 2 controller to processor, 3 processor
    to processor, 4 processor to controller. Which module was signed decides the
    obligations the importer accepted; without it the record cannot show that the clauses
    fit the recipient's role (RP417). A module on the Processors row counts for the
    Transfers rows that name the recipient, and the other way round.

    Fix: choose the module of the signed clauses in the SCC module column.
    """
    named: set[int] | None = None
    for row in ctx.rows("processors"):
        if mechanism_of(row, "transfer_mechanism") != "scc" or not third_countries(
            row, "countries"
        ):
            continue
        if has_content(row, "scc_module"):
            continue
        if named is None:
            named = _recipients_with_module(ctx)
        if id(row) not in named:
            yield Problem(
                ctx.at("processors", row, "scc_module"),
                msg("RP422.processor", recipient=row_label(row, "processor_id")),
                hint=msg("RP422.hint", column=ctx.header("processors", "scc_module")),
            )
    for row in ctx.rows("transfers"):
        code = destination(row.text("country"))
        if mechanism_of(row, "mechanism") != "scc" or code is None or is_eea(code):
            continue
        if not _transfer_module_recorded(ctx, row):
            yield Problem(
                ctx.at("transfers", row, "scc_module"),
                msg("RP422.transfer", activity=row.text("activity_id"), country=country(code)),
                hint=msg("RP422.hint", column=ctx.header("transfers", "scc_module")),
            )
