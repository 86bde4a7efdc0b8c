"""RP2xx: the lawful basis of each purpose (Art. 6) and what each basis needs documented."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.record.common import has_content, is_yes, suggest_label, term
from ropa.check.views.record import RecordView, fold
from ropa.model.findings import Problem, Severity
from ropa.model.messages import Message, msg
from ropa.model.vocab import vocabulary
from ropa.read.workbook import Row


def _purposes_with_basis(ctx: RecordView, *codes: str) -> Iterator[tuple[Row, str]]:
    for row in ctx.rows("purposes"):
        found = term(row, "lawful_basis", "lawful_basis")
        if found is not None and found.code in codes:
            yield row, found.code


def _who(row: Row, start: bool = False) -> Message:
    """The purpose's activity, with the purpose's first words: "activity HR-01 ('Payroll')"."""
    activity = row.text("activity_id") or "?"
    purpose = row.text("purpose")
    key = "phrase.activity_purpose" if purpose else "phrase.activity"
    return msg(key + (".start" if start else ""), activity=activity, purpose=purpose[:60])


@rule("RP201", "unrecognised-lawful-basis", Severity.ERROR, "Art. 6(1)")
def unrecognised_lawful_basis(ctx: RecordView) -> Iterator[Problem]:
    """The lawful basis is not one of Art. 6(1)(a) to (f).

    ropa accepts the drop-down values and what people really type, in five languages:
    "6.1.b", "Art. 6(1)(b)", "contract", "avtal", "kontrakt", "aftale", "sopimus",
    "berättigat intresse", "berettiget interesse", "legitim interesse", "oikeutettu etu".

    Fix: choose the basis from the drop-down; the hint suggests the closest one.
    """
    vocab = vocabulary("lawful_basis")
    for row in ctx.rows("purposes"):
        text = row.text("lawful_basis")
        if text and vocab.match(text) is None:
            guess = suggest_label("lawful_basis", text, ctx.lang)
            yield Problem(
                ctx.at("purposes", row, "lawful_basis"),
                msg("RP201.not_a_basis", value=text, who=_who(row)),
                hint=msg("hint.did_you_mean", guess=guess) if guess else msg("RP201.hint"),
            )


@rule("RP202", "legitimate-interest-undocumented", Severity.ERROR, "Art. 6(1)(f), Art. 13(1)(d)")
def legitimate_interest_undocumented(ctx: RecordView) -> Iterator[Problem]:
    """A purpose relies on legitimate interests (Art. 6(1)(f)) without naming the interest
    or the balancing test.

    Legitimate interests is the one basis that needs a documented weighing of the
    controller's interest against the data subject's rights (EDPB Guidelines 1/2024), and
    the notice must say what the interest is (Art. 13(1)(d)).

    Fix: describe the interest pursued, and reference the legitimate interests
    assessment (LIA) where the balancing test is kept.
    """
    for row, _ in _purposes_with_basis(ctx, "f"):
        if not row.has("legitimate_interest"):
            yield Problem(
                ctx.at("purposes", row, "legitimate_interest"),
                msg("RP202.no_interest", who=_who(row)),
                hint=msg("RP202.no_interest.hint"),
            )
        if not row.has("lia_reference"):
            yield Problem(
                ctx.at("purposes", row, "lia_reference"),
                msg("RP202.no_lia", who=_who(row)),
                hint=msg("RP202.no_lia.hint"),
                reference="Art. 6(1)(f), Art. 5(2)",
            )


@rule("RP203", "consent-mechanism-missing", Severity.ERROR, "Art. 7(1)")
def consent_mechanism_missing(ctx: RecordView) -> Iterator[Problem]:
    """A purpose relies on consent (Art. 6(1)(a)) without saying how consent is collected.

    The controller must be able to demonstrate consent (Art. 7(1)): how it is asked for,
    recorded and withdrawn.

    Fix: describe the mechanism, e.g. "unticked box at checkout, stored in the CRM with
    timestamp; withdraw via the link in every e-mail".
    """
    for row, _ in _purposes_with_basis(ctx, "a"):
        if not row.has("consent_mechanism"):
            yield Problem(
                ctx.at("purposes", row, "consent_mechanism"),
                msg("RP203.no_mechanism", who=_who(row)),
                hint=msg("RP203.hint"),
            )


@rule("RP204", "legal-reference-missing", Severity.ERROR, "Art. 6(3)")
def legal_reference_missing(ctx: RecordView) -> Iterator[Problem]:
    """A purpose relies on a legal obligation or a public task (Art. 6(1)(c) or (e))
    without naming the law.

    Art. 6(3) requires the basis for (c) and (e) to be laid down in Union or Member State
    law; the record should name it.

    Fix: name the act and section, e.g. "bokföringslagen (1999:1078) 7 kap. 2 §".
    """
    for row, code in _purposes_with_basis(ctx, "c", "e"):
        if not row.has("legal_reference"):
            yield Problem(
                ctx.at("purposes", row, "legal_reference"),
                msg("RP204.no_law", who=_who(row), basis=msg(f"RP204.basis.{code}")),
                hint=msg("RP204.hint"),
            )


@rule(
    "RP205",
    "public-authority-legitimate-interest",
    Severity.WARNING,
    "Art. 6(1) second subparagraph",
)
def public_authority_legitimate_interest(ctx: RecordView) -> Iterator[Problem]:
    """A public authority relies on legitimate interests.

    Legitimate interests "shall not apply to processing carried out by public authorities
    in the performance of their tasks" (Art. 6(1), second subparagraph). It may still
    serve for processing outside those tasks, which is why this is a warning.

    Fix: use Art. 6(1)(e) public task or (c) legal obligation with the law behind it, or
    document why the processing falls outside the authority's tasks.
    """
    authorities = {key for key, row in ctx.entities.items() if is_yes(row, "public_authority")}
    if not authorities:
        return
    for row, _ in _purposes_with_basis(ctx, "f"):
        activity = ctx.activities.get(fold(row.text("activity_id")))
        if activity is None:
            continue
        entities = {fold(item) for item in activity.items("entity_ids")}
        if entities & authorities:
            yield Problem(
                ctx.at("purposes", row, "lawful_basis"),
                msg("RP205.public_authority", who=_who(row, start=True)),
                hint=msg("RP205.hint"),
            )


def purposes_of(ctx: RecordView, activity: Row) -> list[Row]:
    """The purpose rows of an activity."""
    return ctx.purposes_by_activity.get(fold(activity.text("activity_id")), [])


def has_art9_condition(ctx: RecordView, activity: Row) -> bool:
    """Whether any purpose of the activity names an Art. 9(2) condition."""
    return any(has_content(row, "art9_condition") for row in purposes_of(ctx, activity))
