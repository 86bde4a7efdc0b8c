"""RP206, RP207: consent where the data subject cannot refuse freely (Art. 4(11), Art. 7(4),
Recital 43)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.record.common import is_yes, label, term
from ropa.check.views.record import RecordView, fold
from ropa.check.vocabulary import subject_kind
from ropa.model.findings import Problem, Severity
from ropa.read.workbook import Row


def _consent_purposes(ctx: RecordView) -> Iterator[tuple[Row, Row]]:
    for purpose in ctx.rows("purposes"):
        found = term(purpose, "lawful_basis", "lawful_basis")
        activity = ctx.activities.get(fold(purpose.text("activity_id")))
        if found is not None and found.code == "a" and activity is not None:
            yield purpose, activity


@rule("RP206", "employee-consent", Severity.WARNING, "Art. 4(11), Art. 7(4); EDPB 05/2020")
def employee_consent(ctx: RecordView) -> Iterator[Problem]:
    """Consent is the lawful basis for processing employees' data.

    Given the imbalance of power between employer and employee, employees can rarely give
    consent freely (EDPB Guidelines 05/2020 on consent, section 3.1.1). Employee data
    usually rests on the contract (6(1)(b)), a legal obligation (6(1)(c)) or legitimate
    interests (6(1)(f)); consent fits only where refusing has no consequence at all.

    Fix: use another lawful basis, or document why refusing has no consequence for the
    employee in the consent mechanism column.
    """
    for purpose, activity in _consent_purposes(ctx):
        if any(subject_kind(item) == "internal" for item in activity.items("data_subjects")):
            yield Problem(
                ctx.at("purposes", purpose, "lawful_basis"),
                f"Activity '{label(activity, 'activity_id')}' concerns employees and relies on "
                f"consent for '{purpose.text('purpose')}'.",
                hint="Use contract, legal obligation or legitimate interests, or show that "
                "refusing has no consequence.",
            )


@rule("RP207", "public-authority-consent", Severity.WARNING, "Art. 4(11); Recital 43")
def public_authority_consent(ctx: RecordView) -> Iterator[Problem]:
    """A public authority relies on consent.

    Where the controller is a public authority there is a clear imbalance, and consent is
    unlikely to be freely given (Recital 43); its tasks rest on a legal obligation or a
    task in the public interest laid down by law (6(1)(c), (e), Art. 6(3)).

    Fix: use 6(1)(c) or (e) and name the law, or document why the person is free to refuse.
    """
    for purpose, activity in _consent_purposes(ctx):
        if any(is_yes(entity, "public_authority") for entity in ctx.entities_of(activity)):
            yield Problem(
                ctx.at("purposes", purpose, "lawful_basis"),
                f"Activity '{label(activity, 'activity_id')}' of a public authority relies on "
                f"consent for '{purpose.text('purpose')}'.",
                hint="Use public task (e) or legal obligation (c) and name the law.",
            )
