"""PN110 to PN114, PN117: what the notice must say about people's rights and choices
(Art. 13(2)(b) to (f)) and about cookies.
"""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.notice.common import _missing
from ropa.check.views.notice import NoticeView
from ropa.model.findings import Problem, Severity

#: The Art. 15-18, 20 and 21 rights PN110 looks for, with how a message names them.
RIGHTS = {
    "right_access": "access (Art. 15)",
    "right_rectification": "rectification (Art. 16)",
    "right_erasure": "erasure (Art. 17)",
    "right_restriction": "restriction of processing (Art. 18)",
    "right_portability": "data portability (Art. 20)",
    "right_object": "objection (Art. 21)",
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
        f"The notice does not mention the right{'s' if len(missing) > 1 else ''} to "
        f"{', '.join(missing)}.",
        hint="Describe each right and how to exercise it (e.g. by e-mail to the controller).",
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
        "The notice relies on consent but does not say that consent can be withdrawn.",
        hint="Say that consent can be withdrawn at any time, and how.",
    )


@rule("PN112", "complaint-right-missing", Severity.ERROR, "Art. 13(2)(d), Art. 14(2)(e)")
def complaint_right_missing(ctx: NoticeView) -> Iterator[Problem]:
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
)
def automated_decision_making_missing(ctx: NoticeView) -> Iterator[Problem]:
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
    yield from _missing(
        ctx,
        "cookies",
        "The notice does not mention cookies or similar technologies.",
        "If it covers a website or app, describe the cookies and trackers or link to them.",
    )
