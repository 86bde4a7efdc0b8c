"""RP3xx: special categories (Art. 9), criminal-offence data (Art. 10) and identity numbers."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.record.common import has_content, is_yes, terms
from ropa.check.rules.record.lawful_basis import has_art9_condition
from ropa.check.views.record import RecordView
from ropa.model.findings import Problem, Severity
from ropa.model.legal import country_code, national_id_rule


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
            names = ", ".join(t.label(ctx.lang) for t in found)
            yield Problem(
                ctx.at("activities", activity, "special_categories"),
                f"Activity '{activity.text('activity_id')}' processes special categories "
                f"({names}) but no purpose names an Art. 9(2) condition.",
                hint="Give the Art. 9(2) condition in "
                f"'{ctx.header('purposes', 'art9_condition')}' on the "
                f"{ctx.sheet_name('purposes')} sheet.",
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
            yield Problem(
                ctx.at("activities", activity, "criminal_data_authority"),
                f"Activity '{activity.text('activity_id')}' processes criminal-offence data "
                "without naming the authority for it.",
                hint="Name the law that authorises processing criminal-offence data here.",
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
                f"Activity '{activity.text('activity_id')}' processes national identity "
                "numbers without a justification.",
                hint="Explain why the number is needed"
                + (f" under {' / '.join(rules)}." if rules else "."),
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
