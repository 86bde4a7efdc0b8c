"""RP206-RP208: consent where the data subject cannot refuse freely (Art. 4(11), Art. 7(4),
Recital 43), and a child's consent to an online service (Art. 8)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ropa.check.rule import rule
from ropa.check.rules.record.common import is_yes, row_label, term
from ropa.check.rules.record.dpia import has_children
from ropa.check.views.record import RecordView, fold
from ropa.check.vocabulary import subject_kind
from ropa.model.findings import Problem, Severity
from ropa.model.messages import msg
from ropa.model.national_law import child_consent_age
from ropa.model.patterns import longest_first, word_start
from ropa.model.resources import load_data
from ropa.model.text import casefold_nfc
from ropa.read.workbook import Row

_CHILDREN = "lexicon/children.json"


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
                msg(
                    "RP206.employee_consent",
                    activity=row_label(activity, "activity_id"),
                    purpose=purpose.text("purpose"),
                ),
                hint=msg("RP206.hint"),
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
                msg(
                    "RP207.authority_consent",
                    activity=row_label(activity, "activity_id"),
                    purpose=purpose.text("purpose"),
                ),
                hint=msg("RP207.hint"),
            )


@cache
def _online() -> re.Pattern[str]:
    words = longest_first(casefold_nfc(t) for t in load_data(_CHILDREN)["online"])
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")\w{0,2}(?!\w)")


@cache
def _parental() -> re.Pattern[str]:
    words = longest_first(casefold_nfc(t) for t in load_data(_CHILDREN)["parental"])
    return re.compile(word_start("|".join(map(re.escape, words))))


def _online_service(activity: Row) -> bool:
    fields = ("name", "description", "systems", "data_categories")
    return bool(_online().search(casefold_nfc(" ".join(activity.text(f) for f in fields))))


@rule("RP208", "child-consent-without-parental-consent", Severity.ERROR, "Art. 8(1)")
def child_consent_without_parental_consent(ctx: RecordView) -> Iterator[Problem]:
    """Children use an online service on consent, and the mechanism does not involve their
    parents.

    Where consent is the basis for an information society service offered directly to a
    child, a child below the national age needs the consent (or authorisation) of the
    holder of parental responsibility, and the controller makes reasonable efforts to verify
    it (Art. 8(1), (2)). The age is 13 in Sweden, Norway, Denmark and Finland and 16 where a
    country sets none (ropa/data/legal/children_consent.json, each with its provision).
    ropa reads children from the data subjects, an online service from the activity's
    words, and looks for parents, guardians or an age check in the consent mechanism.

    Fix: describe in the consent mechanism how the child's age is checked and how a parent
    gives or authorises consent below the national age.
    """
    for purpose, activity in _consent_purposes(ctx):
        if not has_children(activity) or not _online_service(activity):
            continue
        if _parental().search(casefold_nfc(purpose.text("consent_mechanism"))):
            continue
        countries = [entity.text("country") for entity in ctx.entities_of(activity)] or [""]
        # The strictest age of the entities' countries (16 where ropa knows none).
        found = max((child_consent_age(c) for c in countries), key=lambda a: a.age)
        age, provision = found.age, found.provision
        yield Problem(
            ctx.at("purposes", purpose, "consent_mechanism"),
            msg(
                "RP208.no_parental_consent",
                activity=row_label(activity, "activity_id"),
                purpose=purpose.text("purpose"),
                age=age,
                provision=provision,
            ),
            hint=msg("RP208.hint"),
            reference=f"Art. 8(1); {provision}",
        )
