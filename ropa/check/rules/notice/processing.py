"""PN101 to PN109, PN115, PN116: what the notice must say about the controller and the
processing (Art. 13(1), 13(2)(a), 14(1)(d), 14(2)(f)).

Whether an element is present is decided by ``ropa.read.notice.elements``; a notice can be
complete in substance and still fail a rule if it says something in words the lexicons do not
know: ``ropa policy scan`` shows the evidence lines it found for every element, so a DPO can
see what was and was not recognised.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ropa.check.rule import rule
from ropa.check.rules.notice.common import _missing
from ropa.check.views.notice import NoticeView
from ropa.model.findings import Problem, Severity
from ropa.model.languages import RECORD_LANGUAGES
from ropa.model.messages import msg
from ropa.model.patterns import compile_patterns
from ropa.model.resources import load_data


@rule("PN101", "controller-identity-missing", Severity.ERROR, "Art. 13(1)(a), Art. 14(1)(a)")
def controller_identity_missing(ctx: NoticeView) -> Iterator[Problem]:
    """The notice does not say who the controller is and how to reach them.

    A notice must give "the identity and the contact details of the controller" (Art.
    13(1)(a), 14(1)(a)): the organisation's name and at least a postal address, an e-mail
    address or a phone number. A contact form or an organisation number alone is not enough.

    Fix: name the legal entity responsible and give its postal address and a contact e-mail.
    """
    yield from _missing(ctx, "controller_identity", msg("PN101.missing"), msg("PN101.hint"))


@rule("PN102", "dpo-contact-missing", Severity.WARNING, "Art. 13(1)(b), Art. 14(1)(b)")
def dpo_contact_missing(ctx: NoticeView) -> Iterator[Problem]:
    """The notice gives no contact details of a data protection officer.

    Where a data protection officer (DPO) is designated (Art. 37), the notice must give
    the DPO's contact details (Art. 13(1)(b), 14(1)(b)); a generic customer-service mailbox
    does not count. Only organisations that have designated a DPO need this, so the rule is a
    warning: ignore it (``--ignore PN102``) if you have none.

    Fix: add "Data protection officer: <e-mail>" (dataskyddsombud, personvernombud,
    databeskyttelsesrådgiver, tietosuojavastaava).
    """
    yield from _missing(ctx, "dpo_contact", msg("PN102.missing"), msg("PN102.hint"))


@rule("PN103", "purposes-missing", Severity.ERROR, "Art. 13(1)(c), Art. 14(1)(c)")
def purposes_missing(ctx: NoticeView) -> Iterator[Problem]:
    """The notice does not say why the personal data is processed.

    The purposes of the processing must be given (Art. 13(1)(c), 14(1)(c)), specifically
    enough that people can tell what their data is used for.

    Fix: list the purposes, e.g. "to deliver your order", "to send the newsletter you
    subscribed to", "to keep the accounts the law requires".
    """
    yield from _missing(ctx, "purposes", msg("PN103.missing"), msg("PN103.hint"))


@rule("PN104", "lawful-basis-missing", Severity.ERROR, "Art. 13(1)(c), Art. 14(1)(c)")
def lawful_basis_missing(ctx: NoticeView) -> Iterator[Problem]:
    """The notice does not state a lawful basis for the processing.

    The legal basis of each purpose must be given (Art. 13(1)(c), 14(1)(c)): consent,
    contract, legal obligation, vital interests, public task or legitimate interests (Art.
    6(1)). A right to withdraw consent, or "by using the site you accept", does not state one.

    Fix: give the basis for each purpose, e.g. "to perform our contract with you (Art.
    6(1)(b) GDPR)".
    """
    yield from _missing(ctx, "lawful_basis", msg("PN104.missing"), msg("PN104.hint"))


@rule(
    "PN105",
    "legitimate-interests-not-described",
    Severity.WARNING,
    "Art. 13(1)(d), Art. 14(2)(b)",
)
def legitimate_interests_not_described(ctx: NoticeView) -> Iterator[Problem]:
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
        msg("PN105.not_described"),
        hint=msg("PN105.hint"),
    )


@rule("PN106", "recipients-missing", Severity.WARNING, "Art. 13(1)(e), Art. 14(1)(e)")
def recipients_missing(ctx: NoticeView) -> Iterator[Problem]:
    """The notice does not say who receives the personal data.

    The recipients or categories of recipients "if any" must be given (Art. 13(1)(e),
    14(1)(e)): processors (IT and payment providers, carriers), authorities, group companies.
    Almost every organisation uses processors; if you share with no one, say so.

    Fix: list the categories of recipients (and name important ones), or state that the
    data is not shared.
    """
    yield from _missing(ctx, "recipients", msg("PN106.missing"), msg("PN106.hint"))


@rule(
    "PN107",
    "third-country-transfer-missing",
    Severity.WARNING,
    "Art. 13(1)(f), Art. 14(1)(f)",
)
def third_country_transfer_missing(ctx: NoticeView) -> Iterator[Problem]:
    """The notice says nothing about where the data is processed (inside or outside the EEA).

    If data is transferred to a third country or an international organisation, the notice
    must say so (Art. 13(1)(f), 14(1)(f)). Cloud services often process data outside the
    EU/EEA, so silence is a frequent gap; a statement that data stays in the EU/EEA settles it.

    Fix: say whether data leaves the EU/EEA, and if so to which countries.
    """
    yield from _missing(ctx, "third_country_transfer", msg("PN107.missing"), msg("PN107.hint"))


@rule(
    "PN108",
    "transfer-safeguards-missing",
    Severity.WARNING,
    "Art. 13(1)(f), Art. 14(1)(f), Art. 46",
)
def transfer_safeguards_missing(ctx: NoticeView) -> Iterator[Problem]:
    """The notice mentions third-country transfers but not the safeguards for them.

    For a transfer outside the EEA the notice must refer to the adequacy decision or the
    appropriate safeguards (standard contractual clauses, binding corporate rules, ...) and
    say how to get a copy (Art. 13(1)(f), 14(1)(f)). The rule applies only when the notice
    discloses transfers: a notice whose every statement about transfers says that data
    stays in, or is stored in, the EU/EEA ("Vi överför aldrig personuppgifter utanför EU/EES",
    "Your data is stored in the EEA") needs no safeguard; a heading alone ("Transfers to
    third countries") is no statement.

    Fix: name the mechanism for each transfer (e.g. "the EU Commission's standard
    contractual clauses"; "the EU-US Data Privacy Framework") and how to obtain a copy.
    """
    if ctx.missing("third_country_transfer") or ctx.present("transfer_safeguards"):
        return
    if _only_denies_transfers(ctx):
        return
    yield Problem(
        ctx.at(ctx.first_line("third_country_transfer")),
        msg("PN108.no_safeguard"),
        hint=msg("PN108.hint"),
    )


@cache
def _stays_in_eea() -> re.Pattern[str]:
    terms = load_data("lexicon/eea_location.json")["stays_in_eea"]
    return compile_patterns([t for lang in RECORD_LANGUAGES for t in terms.get(lang, ())])


def _only_denies_transfers(ctx: NoticeView) -> bool:
    """Whether every line about transfers (headings aside) says that data stays in, or is
    stored in, the EU/EEA ("Vi överför aldrig personuppgifter utanför EU/EES")."""
    answers = {
        statement["line"]
        for statement in ctx.entities.get("statements", [])
        if statement.get("kind") == "no_third_country_transfer"
    }
    headings = {section.line for section in ctx.document.sections}
    lines = {evidence.line for evidence in ctx.elements["third_country_transfer"].evidence}
    body = lines - headings
    for number in body - answers:
        inside = 1 <= number <= len(ctx.document.lines)
        if inside and _stays_in_eea().search(ctx.document.lines[number - 1]):
            answers.add(number)
    return bool(answers) and body <= answers


@rule("PN109", "retention-missing", Severity.ERROR, "Art. 13(2)(a), Art. 14(2)(a)")
def retention_missing(ctx: NoticeView) -> Iterator[Problem]:
    """The notice does not say how long the personal data is kept.

    The storage period, or if that is not possible the criteria used to determine it, must
    be given (Art. 13(2)(a), 14(2)(a)).

    Fix: give a period per category or purpose ("24 months after your last purchase"; "seven
    years under the Bookkeeping Act"), or the criterion that ends the storage.
    """
    yield from _missing(ctx, "retention", msg("PN109.missing"), msg("PN109.hint"))


@rule("PN115", "data-categories-missing", Severity.WARNING, "Art. 14(1)(d)")
def data_categories_missing(ctx: NoticeView) -> Iterator[Problem]:
    """The notice does not say which categories of personal data are processed.

    Where data is not collected from the person, the categories must be given (Art.
    14(1)(d)); where it is, people should still be able to see what is processed
    (transparency, Art. 12(1)). Nearly every notice has data from more than one source.

    Fix: list the categories, e.g. "name, address, e-mail, order history, IP address".
    """
    yield from _missing(ctx, "data_categories", msg("PN115.missing"), msg("PN115.hint"))


@rule("PN116", "data-source-missing", Severity.INFO, "Art. 14(2)(f)")
def data_source_missing(ctx: NoticeView) -> Iterator[Problem]:
    """The notice does not say where the personal data comes from.

    Where data is not collected from the person, the notice must give its source, and
    whether it came from publicly accessible sources (Art. 14(2)(f)). The notice text
    rarely shows whether any data is collected indirectly, so this is for information:
    it matters if you buy address lists, receive data from partners or group companies,
    or collect it automatically.

    Fix: state the sources ("from you", "from the population register via ...",
    "automatically when you visit the website").
    """
    yield from _missing(ctx, "data_source", msg("PN116.missing"), msg("PN116.hint"))
