"""Policy rules: what a published privacy notice must tell people (GDPR Art. 13 and 14).

PN1xx rules report a disclosure element the notice lacks; PN2xx rules report details that
are wrong (an authority's former name, another country's authority). Each rule gets a
:class:`~ropa.check.views.notice.PolicyContext`. Whether an element is present is decided by
``ropa.read.notice.elements``; a notice can be complete in substance and still fail a rule if it
says something in words the lexicons do not know: ``ropa policy scan`` shows the evidence
lines it found for every element, so a DPO can see what was and was not recognised.
"""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.registry import Problem, rule
from ropa.check.views.notice import PolicyContext
from ropa.model.findings import Severity
from ropa.model.languages import ENGLISH_NAMES
from ropa.model.legal import country_name
from ropa.read.notice.authorities import find_mentions
from ropa.read.notice.language import LANGUAGE_COUNTRIES

#: The Art. 15-18, 20 and 21 rights PN110 looks for, with how a message names them.
RIGHTS = {
    "right_access": "access (Art. 15)",
    "right_rectification": "rectification (Art. 16)",
    "right_erasure": "erasure (Art. 17)",
    "right_restriction": "restriction of processing (Art. 18)",
    "right_portability": "data portability (Art. 20)",
    "right_object": "objection (Art. 21)",
}


def _missing(ctx: PolicyContext, key: str, message: str, hint: str) -> Iterator[Problem]:
    if ctx.missing(key):
        yield Problem(ctx.at(), message, hint=hint)


@rule(
    "PN101", "controller-identity-missing", Severity.ERROR, "Art. 13(1)(a), Art. 14(1)(a)", "policy"
)
def controller_identity_missing(ctx: PolicyContext) -> Iterator[Problem]:
    """The notice does not say who the controller is and how to reach them.

    A notice must give "the identity and the contact details of the controller" (Art.
    13(1)(a), 14(1)(a)): the organisation's name and at least a postal address, an e-mail
    address or a phone number. A contact form or an organisation number alone is not enough.

    Fix: name the legal entity responsible and give its postal address and a contact e-mail.
    """
    yield from _missing(
        ctx,
        "controller_identity",
        "The notice does not identify the controller with contact details.",
        "Name the legal entity that is the controller and give its address and e-mail.",
    )


@rule("PN102", "dpo-contact-missing", Severity.WARNING, "Art. 13(1)(b), Art. 14(1)(b)", "policy")
def dpo_contact_missing(ctx: PolicyContext) -> Iterator[Problem]:
    """The notice gives no contact details of a data protection officer.

    Where a data protection officer (DPO) is designated (Art. 37), the notice must give
    the DPO's contact details (Art. 13(1)(b), 14(1)(b)); a generic customer-service mailbox
    does not count. Only organisations that have designated a DPO need this, so the rule is a
    warning: ignore it (``--ignore PN102``) if you have none.

    Fix: add "Data protection officer: <e-mail>" (dataskyddsombud, personvernombud,
    databeskyttelsesrådgiver, tietosuojavastaava).
    """
    yield from _missing(
        ctx,
        "dpo_contact",
        "The notice gives no contact details of a data protection officer.",
        "If you have designated a DPO, give the DPO's contact details (an e-mail is enough).",
    )


@rule("PN103", "purposes-missing", Severity.ERROR, "Art. 13(1)(c), Art. 14(1)(c)", "policy")
def purposes_missing(ctx: PolicyContext) -> Iterator[Problem]:
    """The notice does not say why the personal data is processed.

    The purposes of the processing must be given (Art. 13(1)(c), 14(1)(c)), specifically
    enough that people can tell what their data is used for.

    Fix: list the purposes, e.g. "to deliver your order", "to send the newsletter you
    subscribed to", "to keep the accounts the law requires".
    """
    yield from _missing(
        ctx,
        "purposes",
        "The notice does not state the purposes of the processing.",
        "Say what the data is used for, one purpose per activity.",
    )


@rule("PN104", "lawful-basis-missing", Severity.ERROR, "Art. 13(1)(c), Art. 14(1)(c)", "policy")
def lawful_basis_missing(ctx: PolicyContext) -> Iterator[Problem]:
    """The notice does not state a lawful basis for the processing.

    The legal basis of each purpose must be given (Art. 13(1)(c), 14(1)(c)): consent,
    contract, legal obligation, vital interests, public task or legitimate interests (Art.
    6(1)). A right to withdraw consent, or "by using the site you accept", does not state one.

    Fix: give the basis for each purpose, e.g. "to perform our contract with you (Art.
    6(1)(b) GDPR)".
    """
    yield from _missing(
        ctx,
        "lawful_basis",
        "The notice does not state the lawful basis of the processing.",
        "Give the Art. 6(1) basis for each purpose (consent, contract, legal obligation, ...).",
    )


@rule(
    "PN105",
    "legitimate-interests-not-described",
    Severity.WARNING,
    "Art. 13(1)(d), Art. 14(2)(b)",
    "policy",
)
def legitimate_interests_not_described(ctx: PolicyContext) -> Iterator[Problem]:
    """The notice relies on legitimate interests but does not say what the interests are.

    Where processing rests on Art. 6(1)(f), the notice must describe "the legitimate
    interests pursued by the controller or by a third party" (Art. 13(1)(d), 14(2)(b)).
    Naming the basis is not enough. The rule only applies when a legitimate-interest basis
    is mentioned.

    Fix: describe the interest, e.g. "our legitimate interest in preventing payment fraud".
    """
    lines = ctx.basis_lines("legitimate_interests")
    if lines is None or ctx.present("legitimate_interests"):
        return
    yield Problem(
        ctx.at(lines[0] if lines else ctx.first_line("lawful_basis")),
        "The notice relies on legitimate interests but does not describe the interests.",
        hint="Say which interest the processing serves and why it outweighs the person's.",
    )


@rule("PN106", "recipients-missing", Severity.WARNING, "Art. 13(1)(e), Art. 14(1)(e)", "policy")
def recipients_missing(ctx: PolicyContext) -> Iterator[Problem]:
    """The notice does not say who receives the personal data.

    The recipients or categories of recipients "if any" must be given (Art. 13(1)(e),
    14(1)(e)): processors (IT and payment providers, carriers), authorities, group companies.
    Almost every organisation uses processors; if you share with no one, say so.

    Fix: list the categories of recipients (and name important ones), or state that the
    data is not shared.
    """
    yield from _missing(
        ctx,
        "recipients",
        "The notice does not name recipients or categories of recipients.",
        "List who receives the data (e.g. IT and payment providers), or say no one does.",
    )


@rule(
    "PN107",
    "third-country-transfer-missing",
    Severity.WARNING,
    "Art. 13(1)(f), Art. 14(1)(f)",
    "policy",
)
def third_country_transfer_missing(ctx: PolicyContext) -> Iterator[Problem]:
    """The notice says nothing about where the data is processed (inside or outside the EEA).

    If data is transferred to a third country or an international organisation, the notice
    must say so (Art. 13(1)(f), 14(1)(f)). Cloud services often process data outside the
    EU/EEA, so silence is a frequent gap; a statement that data stays in the EU/EEA settles it.

    Fix: say whether data leaves the EU/EEA, and if so to which countries.
    """
    yield from _missing(
        ctx,
        "third_country_transfer",
        "The notice does not say whether personal data is transferred outside the EU/EEA.",
        "State that the data stays in the EU/EEA, or name the third countries it goes to.",
    )


@rule(
    "PN108",
    "transfer-safeguards-missing",
    Severity.WARNING,
    "Art. 13(1)(f), Art. 14(1)(f), Art. 46",
    "policy",
)
def transfer_safeguards_missing(ctx: PolicyContext) -> Iterator[Problem]:
    """The notice mentions third-country transfers but not the safeguards for them.

    For a transfer outside the EEA the notice must refer to the adequacy decision or the
    appropriate safeguards (standard contractual clauses, binding corporate rules, ...) and
    say how to get a copy (Art. 13(1)(f), 14(1)(f)). The rule applies only when the notice
    discloses transfers: a notice whose every statement about transfers says that data
    stays in the EU/EEA needs no safeguard.

    Fix: name the mechanism for each transfer (e.g. "the EU Commission's standard
    contractual clauses"; "the EU-US Data Privacy Framework") and how to obtain a copy.
    """
    if ctx.missing("third_country_transfer") or ctx.present("transfer_safeguards"):
        return
    if _only_denies_transfers(ctx):
        return
    yield Problem(
        ctx.at(ctx.first_line("third_country_transfer")),
        "The notice mentions third-country transfers but names no adequacy decision or "
        "safeguard for them.",
        hint="Name the transfer mechanism (adequacy, SCCs, BCRs) and how to obtain a copy.",
    )


def _only_denies_transfers(ctx: PolicyContext) -> bool:
    """Whether every line about transfers is a statement that there are none."""
    denials = {
        statement["line"]
        for statement in ctx.entities.get("statements", [])
        if statement.get("kind") == "no_third_country_transfer"
    }
    lines = {evidence.line for evidence in ctx.elements["third_country_transfer"].evidence}
    return bool(denials) and lines <= denials


@rule("PN109", "retention-missing", Severity.ERROR, "Art. 13(2)(a), Art. 14(2)(a)", "policy")
def retention_missing(ctx: PolicyContext) -> Iterator[Problem]:
    """The notice does not say how long the personal data is kept.

    The storage period, or if that is not possible the criteria used to determine it, must
    be given (Art. 13(2)(a), 14(2)(a)).

    Fix: give a period per category or purpose ("24 months after your last purchase"; "seven
    years under the Bookkeeping Act"), or the criterion that ends the storage.
    """
    yield from _missing(
        ctx,
        "retention",
        "The notice does not state how long personal data is kept.",
        "Give a retention period, or the criterion that decides it, for each purpose.",
    )


@rule("PN110", "rights-missing", Severity.ERROR, "Art. 13(2)(b), Art. 14(2)(c)", "policy")
def rights_missing(ctx: PolicyContext) -> Iterator[Problem]:
    """The notice does not tell people about all their rights.

    It must tell them of the right to request access (Art. 15), rectification (Art. 16),
    erasure (Art. 17), restriction of processing (Art. 18), to object (Art. 21) and to data
    portability (Art. 20) (Art. 13(2)(b), 14(2)(c)). One finding lists the rights missing.
    A right counts only when it is presented as the person's right or option.

    Fix: add a "Your rights" section naming each right and how to exercise it.
    """
    missing = [name for key, name in RIGHTS.items() if ctx.missing(key)]
    if not missing:
        return
    yield Problem(
        ctx.at(),
        f"The notice does not mention the right{'s' if len(missing) > 1 else ''} to "
        f"{', '.join(missing)}.",
        hint="Describe each right and how to exercise it (e.g. by e-mail to the controller).",
    )


@rule(
    "PN111", "withdraw-consent-missing", Severity.WARNING, "Art. 13(2)(c), Art. 14(2)(d)", "policy"
)
def withdraw_consent_missing(ctx: PolicyContext) -> Iterator[Problem]:
    """The notice relies on consent but does not say it can be withdrawn.

    Where processing rests on consent (Art. 6(1)(a) or 9(2)(a)), the notice must mention the
    right to withdraw it at any time, without affecting the lawfulness of processing before
    (Art. 13(2)(c), 14(2)(d); Art. 7(3)). Applies only when consent is mentioned as a basis.

    Fix: add "You can withdraw your consent at any time, e.g. by ..." next to each
    consent-based purpose.
    """
    lines = ctx.basis_lines("consent")
    if lines is None or ctx.present("right_withdraw_consent"):
        return
    yield Problem(
        ctx.at(lines[0] if lines else ctx.first_line("lawful_basis")),
        "The notice relies on consent but does not say that consent can be withdrawn.",
        hint="Say that consent can be withdrawn at any time, and how.",
    )


@rule("PN112", "complaint-right-missing", Severity.ERROR, "Art. 13(2)(d), Art. 14(2)(e)", "policy")
def complaint_right_missing(ctx: PolicyContext) -> Iterator[Problem]:
    """The notice does not mention the right to lodge a complaint with a supervisory authority.

    People must be told of their right to complain to a supervisory authority (Art.
    13(2)(d), 14(2)(e); Art. 77), best with the authority's name and website.

    Fix: add "You can lodge a complaint with Integritetsskyddsmyndigheten (IMY), www.imy.se"
    (or your country's authority).
    """
    yield from _missing(
        ctx,
        "right_complaint",
        "The notice does not mention the right to complain to a supervisory authority.",
        "Name the supervisory authority and say that people may complain to it.",
    )


@rule(
    "PN113",
    "statutory-contractual-requirement-missing",
    Severity.WARNING,
    "Art. 13(2)(e)",
    "policy",
)
def statutory_contractual_requirement_missing(ctx: PolicyContext) -> Iterator[Problem]:
    """The notice does not say whether providing the data is required, and what follows if not.

    When data is collected from the person, the notice must say whether providing it is a
    statutory or contractual requirement or needed to enter a contract, whether the person
    is obliged to provide it, and the consequences of not doing so (Art. 13(2)(e)).

    Fix: say which data is mandatory (and why) and which is voluntary, e.g. "We need your
    address to deliver the order; the phone number is voluntary".
    """
    yield from _missing(
        ctx,
        "statutory_contractual_requirement",
        "The notice does not say whether providing the data is mandatory or voluntary.",
        "Say which data people must give, why, and what happens if they do not.",
    )


@rule(
    "PN114",
    "automated-decision-making-missing",
    Severity.INFO,
    "Art. 13(2)(f), Art. 14(2)(g)",
    "policy",
)
def automated_decision_making_missing(ctx: PolicyContext) -> Iterator[Problem]:
    """The notice says nothing about automated decision-making, including profiling.

    The existence of automated decisions with legal or similarly significant effects (Art.
    22), with meaningful information about the logic involved and its consequences, must be
    disclosed (Art. 13(2)(f), 14(2)(g)). If there is none, saying so is good practice and
    answers the question before it is asked.

    Fix: state that no automated decisions are made, or describe them.
    """
    yield from _missing(
        ctx,
        "automated_decision_making",
        "The notice does not say whether automated decision-making or profiling takes place.",
        "State that no automated decisions are made, or describe them and their logic.",
    )


@rule("PN115", "data-categories-missing", Severity.WARNING, "Art. 14(1)(d)", "policy")
def data_categories_missing(ctx: PolicyContext) -> Iterator[Problem]:
    """The notice does not say which categories of personal data are processed.

    Where data is not collected from the person, the categories must be given (Art.
    14(1)(d)); where it is, people should still be able to see what is processed
    (transparency, Art. 12(1)). Nearly every notice has data from more than one source.

    Fix: list the categories, e.g. "name, address, e-mail, order history, IP address".
    """
    yield from _missing(
        ctx,
        "data_categories",
        "The notice does not list the categories of personal data processed.",
        "List the categories of personal data (name, contact details, order history, ...).",
    )


@rule("PN116", "data-source-missing", Severity.INFO, "Art. 14(2)(f)", "policy")
def data_source_missing(ctx: PolicyContext) -> Iterator[Problem]:
    """The notice does not say where the personal data comes from.

    Where data is not collected from the person, the notice must give its source, and
    whether it came from publicly accessible sources (Art. 14(2)(f)). The notice text
    rarely shows whether any data is collected indirectly, so this is for information:
    it matters if you buy address lists, receive data from partners or group companies,
    or collect it automatically.

    Fix: state the sources ("from you", "from the population register via ...",
    "automatically when you visit the website").
    """
    yield from _missing(
        ctx,
        "data_source",
        "The notice does not say where the personal data comes from.",
        "If any data is collected from others than the person, name the sources.",
    )


@rule("PN117", "cookies-missing", Severity.INFO, "ePrivacy Directive Art. 5(3)", "policy")
def cookies_missing(ctx: PolicyContext) -> Iterator[Problem]:
    """The notice does not mention cookies or similar tracking technologies.

    Storing or reading information on a visitor's device needs clear and comprehensive
    information (ePrivacy Directive 2002/58/EC Art. 5(3), as implemented nationally: LEK
    9 kap. 28 § in Sweden, ekomloven § 3-15 in Norway, cookiebekendtgørelsen in Denmark,
    sähköisen viestinnän palveluista annettu laki 205 § in Finland). Only relevant if the
    notice covers a website or app: information otherwise.

    Fix: describe the cookies and analytics used, or link a cookie notice.
    """
    yield from _missing(
        ctx,
        "cookies",
        "The notice does not mention cookies or similar technologies.",
        "If it covers a website or app, describe the cookies and trackers or link to them.",
    )


@rule(
    "PN201", "supervisory-authority-outdated", Severity.WARNING, "Art. 13(2)(d), Art. 77", "policy"
)
def supervisory_authority_outdated(ctx: PolicyContext) -> Iterator[Problem]:
    """The notice names a supervisory authority by a former name.

    For example Sweden's Datainspektionen became Integritetsskyddsmyndigheten (IMY) on 1
    January 2021. People who want to complain (Art. 13(2)(d), 77) are sent to an authority
    that no longer exists under that name, and the notice is visibly out of date. A former
    name given beside the current one ("IMY, formerly Datainspektionen") is fine.

    Fix: use the authority's current name and website.
    """
    mentions = find_mentions(ctx.document.lines, LANGUAGE_COUNTRIES.get(ctx.language, ()))
    current = {m.authority.country for m in mentions if m.valid_until is None}
    today = ctx.today.isoformat()
    reported: set[str] = set()
    for mention in mentions:
        until = mention.valid_until
        country = mention.authority.country
        if until is None or until >= today or country in current or country in reported:
            continue
        reported.add(country)
        authority = mention.authority
        yield Problem(
            ctx.at(mention.line),
            f"'{mention.text}' is a former name, used until {until}; the authority is now "
            f"{authority.name} ({authority.short}).",
            hint=f"Write '{authority.name} ({authority.short})', {authority.website}.",
        )


@rule(
    "PN202", "supervisory-authority-foreign", Severity.WARNING, "Art. 13(2)(d), Art. 77", "policy"
)
def supervisory_authority_foreign(ctx: PolicyContext) -> Iterator[Problem]:
    """The notice names only another country's supervisory authority.

    A Swedish notice that sends people to Denmark's Datatilsynet is usually a translation
    that kept the original's authority. People may complain to the authority of their
    residence, work or the place of the infringement (Art. 77), and the notice should name
    the one that matters to its readers (for a controller with an EU main establishment,
    its lead authority, Art. 56). The country is inferred from the notice's language (a
    Swedish notice may also name Finland's authority); English notices are not checked.

    Fix: name the authority of the country whose people the notice addresses, or add it
    beside the one named.
    """
    expected = LANGUAGE_COUNTRIES.get(ctx.language, ())
    if not expected:
        return
    mentions = find_mentions(ctx.document.lines, expected)
    if not mentions or any(m.authority.country in expected for m in mentions):
        return
    first = mentions[0]
    authority = first.authority
    yield Problem(
        ctx.at(first.line),
        f"The notice is in {ENGLISH_NAMES[ctx.language]} but names "
        f"{country_name(authority.country)}'s supervisory authority ({mention_name(first.text)}).",
        hint="Name the authority of the readers' country (or add it beside this one).",
    )


def mention_name(text: str) -> str:
    return " ".join(text.split())
