"""PN201, PN202: details of a notice that are wrong (an authority's former name, another
country's authority).
"""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.notice.common import country
from ropa.check.views.notice import NoticeView
from ropa.model.findings import Problem, Severity
from ropa.model.messages import msg
from ropa.read.notice.authorities import find_mentions
from ropa.read.notice.language import LANGUAGE_COUNTRIES


@rule("PN201", "supervisory-authority-outdated", Severity.WARNING, "Art. 13(2)(d), Art. 77")
def supervisory_authority_outdated(ctx: NoticeView) -> Iterator[Problem]:
    """The notice names a supervisory authority by a former name.

    For example Sweden's Datainspektionen became Integritetsskyddsmyndigheten (IMY) on 1
    January 2021. People who want to complain (Art. 13(2)(d), 77) are sent to an authority
    that no longer exists under that name, and the notice is visibly out of date. A former
    name given beside the current one ("IMY, formerly Datainspektionen") is fine, and so is
    Åland's own Datainspektionen (di.ax), named with Åland or its website.

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
            msg(
                "PN201.former_name",
                text=mention.text,
                until=until,
                name=authority.name,
                short=authority.short,
            ),
            hint=msg(
                "PN201.hint", name=authority.name, short=authority.short, website=authority.website
            ),
        )


@rule("PN202", "supervisory-authority-foreign", Severity.WARNING, "Art. 13(2)(d), Art. 77")
def supervisory_authority_foreign(ctx: NoticeView) -> Iterator[Problem]:
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
    if not mentions or any(
        m.authority.country in expected or m.authority.region_of in expected for m in mentions
    ):
        return
    first = mentions[0]
    authority = first.authority
    yield Problem(
        ctx.at(first.line),
        msg(
            "PN202.foreign",
            language=msg(f"phrase.in_language.{ctx.language}"),
            country=country(authority.country),
            text=mention_name(first.text),
        ),
        hint=msg("PN202.hint"),
    )


def mention_name(text: str) -> str:
    return " ".join(text.split())
