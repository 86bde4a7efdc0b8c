"""XC107, XC108: the lawful bases and legitimate interests of the record against the notice."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.cross.common import _who
from ropa.check.views.cross import CrossView
from ropa.model.findings import Problem, Severity
from ropa.model.messages import msg
from ropa.model.vocab import vocabulary


def _basis(text: str) -> str | None:

    found = vocabulary("lawful_basis").match(text)
    return found.code if found is not None else None


@rule("XC107", "lawful-basis-not-in-notice", Severity.WARNING, "Art. 13(1)(c)")
def lawful_basis_not_in_notice(cx: CrossView) -> Iterator[Problem]:
    """A lawful basis used in the record is not stated in the notice.

    The notice must give the legal basis of each purpose (Art. 13(1)(c), 14(1)(c)). Every
    Art. 6(1) basis the record uses for activities about people outside the organisation
    must appear in the notice, as an article reference or in words, in the notice's
    language. Reported once per basis, at the first purpose that uses it.

    Fix: state the basis in the notice next to the purposes it covers, or correct the record.
    """
    line = cx.evidence_line("lawful_basis", "purposes")
    seen: set[str] = set()
    for activity in cx.external:
        for purpose in cx.purposes_of(activity):
            code = _basis(purpose.text("lawful_basis"))
            if code is None or code in seen or code in cx.basis_lines:
                continue
            seen.add(code)
            yield Problem(
                cx.at("purposes", purpose, "lawful_basis"),
                msg(
                    "XC107.not_stated",
                    basis=msg(f"XC107.basis.{code}"),
                    activity=_who(activity),
                    notice=cx.display,
                    where=cx.at_line(line),
                ),
                hint=msg("XC107.hint"),
                related=cx.related(line),
            )


@rule(
    "XC108",
    "legitimate-interests-not-in-notice",
    Severity.WARNING,
    "Art. 13(1)(d), Art. 14(2)(b)",
)
def legitimate_interests_not_in_notice(cx: CrossView) -> Iterator[Problem]:
    """The record relies on legitimate interests, but the notice does not describe them.

    Where processing rests on Art. 6(1)(f), the notice must say what the legitimate
    interests are (Art. 13(1)(d), 14(2)(b)); naming the basis alone is not enough.
    Reported once per notice, at the first such purpose.

    Fix: describe in the notice the interests the record names (for example "to prevent
    theft we use camera surveillance, which is our legitimate interest").
    """
    if cx.present("legitimate_interests"):
        return
    for activity in cx.external:
        for purpose in cx.purposes_of(activity):
            if _basis(purpose.text("lawful_basis")) == "f":
                line = cx.evidence_line("lawful_basis", "purposes")
                field = (
                    "legitimate_interest"
                    if cx.ctx.has_column("purposes", "legitimate_interest")
                    else "lawful_basis"
                )
                yield Problem(
                    cx.at("purposes", purpose, field),
                    msg(
                        "XC108.not_described",
                        activity=_who(activity),
                        notice=cx.display,
                        where=cx.at_line(line),
                    ),
                    hint=msg("XC108.hint"),
                    related=cx.related(line),
                )
                return
