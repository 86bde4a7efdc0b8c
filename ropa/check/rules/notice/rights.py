"""PN110 to PN114, PN117: what the notice must say about people's rights and choices
(Art. 13(2)(b) to (f)) and about cookies.
"""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.notice.common import _missing
from ropa.check.views.notice import NoticeView
from ropa.model.findings import Problem, Severity
from ropa.model.messages import joined, msg

#: The Art. 15-18, 20 and 21 rights PN110 looks for, with the message that names each.
RIGHTS = {
    "right_access": msg("PN110.right.access"),
    "right_rectification": msg("PN110.right.rectification"),
    "right_erasure": msg("PN110.right.erasure"),
    "right_restriction": msg("PN110.right.restriction"),
    "right_portability": msg("PN110.right.portability"),
    "right_object": msg("PN110.right.object"),
}


@rule("PN110", "rights-missing", Severity.ERROR, "Art. 13(2)(b), Art. 14(2)(c)")
def rights_missing(ctx: NoticeView) -> Iterator[Problem]:
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
        msg("PN110.missing", count=len(missing), rights=joined(missing, "list.and")),
        hint=msg("PN110.hint"),
    )


@rule("PN111", "withdraw-consent-missing", Severity.WARNING, "Art. 13(2)(c), Art. 14(2)(d)")
def withdraw_consent_missing(ctx: NoticeView) -> Iterator[Problem]:
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
        msg("PN111.no_withdrawal"),
        hint=msg("PN111.hint"),
    )


@rule("PN112", "complaint-right-missing", Severity.ERROR, "Art. 13(2)(d), Art. 14(2)(e)")
def complaint_right_missing(ctx: NoticeView) -> Iterator[Problem]:
    """The notice does not mention the right to lodge a complaint with a supervisory authority.

    People must be told of their right to complain to a supervisory authority (Art.
    13(2)(d), 14(2)(e); Art. 77), best with the authority's name and website.

    Fix: add "You can lodge a complaint with Integritetsskyddsmyndigheten (IMY), www.imy.se"
    (or your country's authority).
    """
    yield from _missing(ctx, "right_complaint", msg("PN112.missing"), msg("PN112.hint"))


@rule(
    "PN113",
    "statutory-contractual-requirement-missing",
    Severity.WARNING,
    "Art. 13(2)(e)",
)
def statutory_contractual_requirement_missing(ctx: NoticeView) -> Iterator[Problem]:
    """The notice does not say whether providing the data is required, and what follows if not.

    When data is collected from the person, the notice must say whether providing it is a
    statutory or contractual requirement or needed to enter a contract, whether the person
    is obliged to provide it, and the consequences of not doing so (Art. 13(2)(e)).

    Fix: say which data is mandatory (and why) and which is voluntary, e.g. "We need your
    address to deliver the order; the phone number is voluntary".
    """
    yield from _missing(
        ctx, "statutory_contractual_requirement", msg("PN113.missing"), msg("PN113.hint")
    )


@rule(
    "PN114",
    "automated-decision-making-missing",
    Severity.INFO,
    "Art. 13(2)(f), Art. 14(2)(g)",
)
def automated_decision_making_missing(ctx: NoticeView) -> Iterator[Problem]:
    """The notice says nothing about automated decision-making, including profiling.

    The existence of automated decisions with legal or similarly significant effects (Art.
    22), with meaningful information about the logic involved and its consequences, must be
    disclosed (Art. 13(2)(f), 14(2)(g)). If there is none, saying so is good practice and
    answers the question before it is asked.

    Fix: state that no automated decisions are made, or describe them.
    """
    yield from _missing(ctx, "automated_decision_making", msg("PN114.missing"), msg("PN114.hint"))


@rule("PN117", "cookies-missing", Severity.INFO, "ePrivacy Directive Art. 5(3)")
def cookies_missing(ctx: NoticeView) -> Iterator[Problem]:
    """The notice does not mention cookies or similar tracking technologies.

    Storing or reading information on a visitor's device needs clear and comprehensive
    information (ePrivacy Directive 2002/58/EC Art. 5(3), as implemented nationally: LEK
    9 kap. 28 § in Sweden, ekomloven § 3-15 in Norway, cookiebekendtgørelsen in Denmark,
    sähköisen viestinnän palveluista annettu laki 205 § in Finland). Only relevant if the
    notice covers a website or app: information otherwise.

    Fix: describe the cookies and analytics used, or link a cookie notice.
    """
    yield from _missing(ctx, "cookies", msg("PN117.missing"), msg("PN117.hint"))
