"""RP3xx: special categories (Art. 9), criminal-offence data (Art. 10) and identity numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.record.common import has_content, is_yes, row_label, term, term_labels, terms
from ropa.check.rules.record.lawful_basis import has_art9_condition
from ropa.check.views.record import RecordView
from ropa.model.findings import Problem, Severity
from ropa.model.legal import CriminalDataRule, country_code, criminal_data_rule, national_id_rule
from ropa.model.messages import joined, msg
from ropa.read.workbook import Row


@rule("RP301", "special-category-without-condition", Severity.ERROR, "Art. 9(2)")
def special_category_without_condition(ctx: RecordView) -> Iterator[Problem]:
    """An activity processes special categories of data without an Art. 9(2) condition.

    Processing health, trade union, biometric, genetic and the other Art. 9(1) data is
    prohibited unless one of the conditions of Art. 9(2) applies, in addition to a
    lawful basis under Art. 6.

    Fix: on the Purposes sheet, give the Art. 9(2) condition for the activity's purpose,
    e.g. 9(2)(b) employment law obligations for sick-leave records.
    """
    for activity in ctx.rows("activities"):
        found = terms(activity, "special_categories", "special_category")
        if found and not has_art9_condition(ctx, activity):
            names = term_labels(found)
            yield Problem(
                ctx.at("activities", activity, "special_categories"),
                msg("RP301.no_condition", activity=activity.text("activity_id"), categories=names),
                hint=msg(
                    "RP301.hint",
                    column=ctx.header("purposes", "art9_condition"),
                    sheet=ctx.sheet_name("purposes"),
                ),
            )


@rule("RP302", "criminal-data-without-authority", Severity.ERROR, "Art. 10")
def criminal_data_without_authority(ctx: RecordView) -> Iterator[Problem]:
    """An activity processes criminal-offence data without naming its authority.

    Art. 10 allows processing data about criminal convictions and offences only under the
    control of official authority or when authorised by Union or Member State law: in
    Sweden dataskyddslagen (2018:218) 3 kap. 8 § for authorities and förordning (2018:219)
    5 § for others, in Norway personopplysningsloven § 11, in Denmark
    databeskyttelsesloven § 8, in Finland tietosuojalaki (1050/2018) 7 §
    (ropa/data/legal/criminal_data.json).

    Fix: name the legal provision that authorises it in the Art. 10 authority column.
    """
    for activity in ctx.rows("activities"):
        if is_yes(activity, "criminal_data") and not has_content(
            activity, "criminal_data_authority"
        ):
            laws = [
                msg("phrase.parenthesised", text=r.short) for r in _criminal_rules(ctx, activity)
            ]
            yield Problem(
                ctx.at("activities", activity, "criminal_data_authority"),
                msg("RP302.no_authority", activity=activity.text("activity_id")),
                hint=msg("RP302.hint_laws", laws=joined(laws, " ")) if laws else msg("RP302.hint"),
            )


@rule("RP303", "national-id-without-justification", Severity.ERROR, "Art. 87")
def national_id_without_justification(ctx: RecordView) -> Iterator[Problem]:
    """An activity processes national identity numbers without a justification.

    Art. 87 lets Member States set conditions for national identity numbers, and the
    Nordic countries do: Sweden's dataskyddslag (2018:218) 3 kap. 10 §, Norway's
    personopplysningsloven § 12, Denmark's databeskyttelseslov § 11 and Finland's
    tietosuojalaki (1050/2018) 29 §. Each sets its own conditions: in Sweden the use must
    be clearly justified, in Norway there must be an objective need for secure
    identification and the method must be necessary, and Denmark and Finland give closed
    lists of grounds (consent among them).

    Fix: state why the identity number is needed, under the rule of the entity's country.
    """
    for activity in ctx.rows("activities"):
        if is_yes(activity, "national_id") and not has_content(
            activity, "national_id_justification"
        ):
            rules = _national_rules(ctx, activity)
            reference = "Art. 87" + "".join(f"; {r}" for r in rules)
            yield Problem(
                ctx.at("activities", activity, "national_id_justification"),
                msg("RP303.no_justification", activity=activity.text("activity_id")),
                hint=msg("RP303.hint_rules", rules=joined(rules, " / "))
                if rules
                else msg("RP303.hint"),
                reference=reference,
            )


def _national_rules(ctx: RecordView, activity: object) -> list[str]:
    provisions: list[str] = []
    for entity in ctx.entities_of(activity):  # type: ignore[arg-type]
        code = country_code(entity.text("country"))
        found = national_id_rule(code) if code else None
        if found is not None and found.provision not in provisions:
            provisions.append(found.provision)
    return provisions


#: Art. 9(2) conditions that exist only where Union or Member State law provides for them.
_NEEDS_LAW = {"b", "g", "h", "i", "j"}
# A text that names a legal provision: a section sign, an article, a chapter, an act number.
_PROVISION = re.compile(
    r"§|\bart(?:icle|ikel|ikkel|ikla)?\.?\s*\d|\bkap\.|\bluku\b|\d{4}:\d+|\d+/\d{4}"
    r"|\b(?:lag|lov|laki|act|lagen|loven|lagen|förordning|forskrift|bekendtgørelse|asetus)\b",
    re.I,
)


@rule("RP304", "art9-condition-without-law", Severity.WARNING, "Art. 9(2)(b), (g)-(j)")
def art9_condition_without_law(ctx: RecordView) -> Iterator[Problem]:
    """An Art. 9(2) condition that rests on law names no law.

    The conditions of Art. 9(2)(b) (employment and social security), (g) (substantial
    public interest), (h) (health and social care), (i) (public health) and (j) (archiving,
    research, statistics) apply only as Union or Member State law provides, e.g.
    dataskyddslagen (2018:218) 3 kap. 2 § for 9(2)(b) in Sweden.

    Fix: name the law and section in the legal reference column of the purpose.
    """
    for purpose in ctx.rows("purposes"):
        found = term(purpose, "art9_condition", "art9_condition")
        if found is None or found.code not in _NEEDS_LAW:
            continue
        if not _PROVISION.search(purpose.text("legal_reference")):
            yield Problem(
                ctx.at("purposes", purpose, "legal_reference"),
                msg(
                    "RP304.no_law",
                    purpose=purpose.text("purpose"),
                    activity=purpose.text("activity_id"),
                    condition=msg("phrase.art9_2", letter=found.code),
                ),
                hint=msg("RP304.hint"),
                reference=f"Art. 9(2)({found.code})",
            )


@rule("RP305", "explicit-consent-without-mechanism", Severity.ERROR, "Art. 9(2)(a), Art. 7(1)")
def explicit_consent_without_mechanism(ctx: RecordView) -> Iterator[Problem]:
    """Special categories rest on explicit consent, but no consent mechanism is recorded.

    Art. 9(2)(a) needs explicit consent: an express statement (a signed form, a separate
    tick box for the sensitive data), which the controller must be able to demonstrate
    (Art. 7(1)).

    Fix: describe how explicit consent is asked and recorded in the consent mechanism column.
    """
    for purpose in ctx.rows("purposes"):
        found = term(purpose, "art9_condition", "art9_condition")
        if (
            found is not None
            and found.code == "a"
            and not has_content(purpose, "consent_mechanism")
        ):
            yield Problem(
                ctx.at("purposes", purpose, "consent_mechanism"),
                msg(
                    "RP305.no_mechanism",
                    purpose=purpose.text("purpose"),
                    activity=purpose.text("activity_id"),
                    condition=msg("phrase.art9_2", letter="a"),
                ),
                hint=msg("RP305.hint"),
            )


@rule("RP306", "criminal-data-authority-not-a-law", Severity.WARNING, "Art. 10")
def criminal_data_authority_not_a_law(ctx: RecordView) -> Iterator[Problem]:
    """The authority named for criminal-offence data is not a legal provision.

    Art. 10 needs official authority or Union or Member State law. ropa knows the national
    provisions of Sweden, Norway, Denmark and Finland (ropa/data/legal/criminal_data.json);
    an authority column that names none of them and no other act or section (e.g. "HR
    decides", "Yes") does not show a ground.

    Fix: name the provision, e.g. förordning (2018:219) 5 § in Sweden or
    databeskyttelsesloven § 8 in Denmark.
    """
    for activity in ctx.rows("activities"):
        text = activity.text("criminal_data_authority")
        if not is_yes(activity, "criminal_data") or not has_content(
            activity, "criminal_data_authority"
        ):
            continue
        rules = _criminal_rules(ctx, activity)
        if any(item.cited_in(text) for item in rules) or _PROVISION.search(text):
            continue
        names = [item.short for item in rules]
        yield Problem(
            ctx.at("activities", activity, "criminal_data_authority"),
            msg("RP306.not_a_law", activity=row_label(activity, "activity_id"), text=text),
            hint=msg("RP306.hint_names", names=joined(names, " / "))
            if names
            else msg("RP306.hint"),
            reference="Art. 10" + "".join(f"; {item.provision}" for item in rules),
        )


def _criminal_rules(ctx: RecordView, activity: Row) -> list[CriminalDataRule]:
    found: list[CriminalDataRule] = []
    for entity in ctx.entities_of(activity):
        code = country_code(entity.text("country"))
        item = criminal_data_rule(code) if code else None
        if item is not None and item not in found:
            found.append(item)
    return found
