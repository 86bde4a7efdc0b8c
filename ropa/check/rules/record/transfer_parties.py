"""RP417, RP420: whether a transfer tool fits the parties: the SCC module for the recipient's
role, and the DPF certification's HR scope for employees' data (Chapter V)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.record.common import is_yes, label, term
from ropa.check.rules.record.transfers import mechanism_of, recipient_of, third_countries
from ropa.check.views.record import RecordView
from ropa.check.vocabulary import subject_kind
from ropa.model.findings import Problem, Severity
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


def _module_problem(recipient: Row | None, module_row: Row) -> tuple[str, set[str]] | None:
    module = term(module_row, "scc_module", "scc_module")
    if module is None or recipient is None:
        return None
    role = term(recipient, "role", "recipient_role")
    fitting = _IMPORTER.get(role.code) if role is not None else None
    if fitting is None or module.code in fitting:
        return None
    return module.label("en"), fitting


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
            yield _problem(ctx, "processors", row, label(row, "processor_id"), row, *found)
    for row in ctx.rows("transfers"):
        if mechanism_of(row, "mechanism") != "scc":
            continue
        recipient = recipient_of(ctx, row)
        found = _module_problem(recipient, row)
        if found is not None and recipient is not None:
            where = f"{row.text('activity_id')} to {label(recipient, 'processor_id')}"
            yield _problem(ctx, "transfers", row, where, recipient, *found)


def _problem(
    ctx: RecordView, sheet: str, row: Row, where: str, recipient: Row, module: str, fits: set[str]
) -> Problem:
    role = term(recipient, "role", "recipient_role")
    names = {"c2c": "module 1", "c2p": "module 2", "p2p": "module 3", "p2c": "module 4"}
    expected = " or ".join(names[code] for code in sorted(fits, key=list(names).index))
    return Problem(
        ctx.at(sheet, row, "scc_module"),
        f"The SCCs for '{where}' are {module}, but the recipient is a "
        f"{role.label('en').lower() if role else 'recipient'}: {expected} fits.",
        hint=f"Conclude {expected} of the 2021 clauses, or correct the recipient's role.",
    )


def _employees(activity: Row) -> bool:
    return any(subject_kind(item) == "internal" for item in activity.items("data_subjects"))


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
    for activity in ctx.rows("activities"):
        if not _employees(activity):
            continue
        for recipient in ctx.processors_of(activity):
            on_dpf = mechanism_of(recipient, "transfer_mechanism") in {"dpf", "adequacy"}
            if not on_dpf or "US" not in third_countries(recipient, "countries"):
                continue
            excluded = recipient.has("dpf_hr") and not is_yes(recipient, "dpf_hr")
            if is_yes(recipient, "dpf_certified") and excluded:
                yield Problem(
                    ctx.at("processors", recipient, "dpf_hr"),
                    f"Activity '{label(activity, 'activity_id')}' sends employees' data to "
                    f"'{label(recipient, 'processor_id')}' in the US on the DPF, whose "
                    "certification does not cover HR data.",
                    hint="Confirm an HR certification on the DPF list, or use SCCs for HR data.",
                )
