"""XC122 to XC126: what the record says the notice must tell, pair by pair (the DPO, the
sources, the EU representative, joint control, the right to object).

Each rule looks at one fact of the record (a designated DPO, data from third parties, an
Art. 27 representative, an activity under joint control, legitimate interests or direct
marketing) and at whether the notice tells people about it. The words are those of
``ropa/data/lexicon/notice_pairs.json``, in five languages, matched anywhere in the notice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ropa.check.rule import rule
from ropa.check.rules.cross.common import _who
from ropa.check.rules.cross.identity import names_dpo
from ropa.check.rules.record.common import has_content, is_yes, row_label, term
from ropa.check.views.cross import EMAIL, CrossView
from ropa.check.views.record import fold
from ropa.check.vocabulary import purpose_keys
from ropa.model.findings import Problem, Severity
from ropa.model.languages import RECORD_LANGUAGES
from ropa.model.messages import msg
from ropa.model.patterns import compile_patterns
from ropa.model.recipients import name_core
from ropa.model.resources import load_data
from ropa.read.workbook import Row

PAIRS_FILE = "lexicon/notice_pairs.json"

#: The purposes that are direct marketing (Art. 21(2), (3)).
MARKETING = frozenset({"marketing", "newsletter", "loyalty_profiling"})
#: The other rights a line may list beside the right to object.
OTHER_RIGHTS = (
    "right_access",
    "right_rectification",
    "right_erasure",
    "right_restriction",
    "right_portability",
    "right_withdraw_consent",
)
_SEGMENTS = re.compile(r"[,;\n]| - |\s\(")


@cache
def _words(key: str) -> re.Pattern[str]:
    terms = load_data(PAIRS_FILE)[key]
    return compile_patterns([t for lang in RECORD_LANGUAGES for t in terms.get(lang, ())])


def _lines_with(cx: CrossView, key: str) -> list[int]:
    pattern = _words(key)
    return [n for n, text in enumerate(cx.lines, start=1) if pattern.search(text)]


def _first_name(value: str) -> str:
    """The name a cell starts with, before an address or a comment."""
    return _SEGMENTS.split(value.strip(), maxsplit=1)[0].strip()


def _named(cx: CrossView, value: str) -> bool:
    """Whether the notice names a party the record names: its name (legal form aside), or the
    first word of it as a whole word ("Meta" for "Meta Platforms Ireland Limited")."""
    core = fold(name_core(_first_name(value)))
    if len(core) >= 3 and core in cx.folded:
        return True
    words = core.split()
    return (
        bool(words)
        and len(words[0]) >= 3
        and bool(re.search(rf"(?<!\w){re.escape(words[0])}(?!\w)", cx.folded))
    )


@rule("XC122", "dpo-not-in-notice", Severity.WARNING, "Art. 13(1)(b), Art. 14(1)(b)")
def dpo_not_in_notice(cx: CrossView) -> Iterator[Problem]:
    """The record designates a data protection officer, but the notice gives no DPO contact.

    Where a DPO is designated, the notice must give the DPO's contact details (Art. 13(1)(b),
    14(1)(b)); a title alone, or the controller's general mailbox, is not enough. Reported
    per entity the notice speaks for whose Organisation row says a DPO is designated, unless
    the record's DPO address appears in the notice anyway.

    Fix: add the DPO's contact details (a function mailbox such as dpo@... is best) to the
    notice, as the Organisation sheet records them.
    """
    if cx.present("dpo_contact"):
        return
    titled = next((n for n, text in enumerate(cx.lines, start=1) if names_dpo(cx, text)), None)
    for entity in cx.entities:
        if not is_yes(entity, "dpo_designated"):
            continue
        recorded = {e.casefold() for e in EMAIL.findall(entity.text("dpo_contact"))}
        if recorded & cx.emails:  # the record's DPO address is in the notice after all
            continue
        key = "XC122.no_contact" if titled else "XC122.no_dpo"
        yield Problem(
            cx.at("organisation", entity, "dpo_designated"),
            msg(
                key,
                entity=row_label(entity, "entity_id"),
                notice=cx.display,
                where=cx.at_line(titled),
            ),
            hint=msg("XC122.hint", contact=entity.text("dpo_contact") or "dpo@..."),
            related=cx.related(titled),
        )


def _third_party_sources(activity: Row) -> list[str]:
    return [
        item for item in activity.items("data_source") if _words("third_party_source").search(item)
    ]


@rule("XC123", "source-not-in-notice", Severity.WARNING, "Art. 14(2)(f)")
def source_not_in_notice(cx: CrossView) -> Iterator[Problem]:
    """The record obtains data from third parties, but the notice does not say from where.

    Where data is not obtained from the person, the notice must say from which source it
    originates, and whether from publicly accessible sources (Art. 14(2)(f)). An activity
    about people outside the organisation whose data source names someone other than the
    person (a credit reference agency, a public register, an employer, a partner, an
    authority) needs a notice that names its sources. Reported once per notice, at the first
    such activity.

    Fix: say in the notice which data comes from which source ("we get your address from the
    population register (SPAR)"), or correct the record.
    """
    if cx.present("data_source") or _lines_with(cx, "source_in_notice"):
        return
    for activity in cx.external:
        sources = _third_party_sources(activity)
        if sources:
            yield Problem(
                cx.at("activities", activity, "data_source"),
                msg(
                    "XC123.no_source",
                    activity=_who(activity),
                    sources="; ".join(sources),
                    notice=cx.display,
                ),
                hint=msg("XC123.hint"),
                related=cx.related(None),
            )
            return


@rule("XC124", "representative-not-in-notice", Severity.WARNING, "Art. 13(1)(a), Art. 27")
def representative_not_in_notice(cx: CrossView) -> Iterator[Problem]:
    """The record names an EU representative (Art. 27), but the notice does not.

    A controller outside the EEA that has designated a representative in the Union must give
    the representative's identity and contact details in the notice (Art. 13(1)(a),
    14(1)(a)). The representative counts as named when the notice gives its name (legal form
    aside) or speaks of the controller's representative in the EU.

    Fix: name the representative and its contact details in the notice's section on the
    controller.
    """
    mentioned = _lines_with(cx, "representative")
    for entity in cx.entities:
        value = entity.text("eu_representative")
        if not has_content(entity, "eu_representative") or mentioned or _named(cx, value):
            continue
        yield Problem(
            cx.at("organisation", entity, "eu_representative"),
            msg(
                "XC124.missing",
                entity=row_label(entity, "entity_id"),
                representative=_first_name(value),
                notice=cx.display,
            ),
            hint=msg("XC124.hint"),
            related=cx.related(cx.evidence_line("controller_identity")),
        )


def _is_joint(activity: Row) -> bool:
    role = term(activity, "role", "controller_role")
    return role is not None and role.code == "joint_controller"


@rule("XC125", "joint-arrangement-not-in-notice", Severity.WARNING, "Art. 26(2)")
def joint_arrangement_not_in_notice(cx: CrossView) -> Iterator[Problem]:
    """An activity is under joint control, but the notice does not give the essence of the
    arrangement.

    Joint controllers must make the essence of their arrangement available to the data
    subject (Art. 26(2)): that the controllers are joint, who they are, and who does what
    (who informs, who answers requests, where to turn). Reported for an activity about
    people outside the organisation whose role is joint controller when the notice does
    not say that control is joint, does not name the joint controller, or says nothing of
    the arrangement next to it (on the line or the two after). Once per activity.

    Fix: add a paragraph to the notice: "For our Facebook page we and Meta are joint
    controllers; under our arrangement Meta answers requests about ... and we ...".
    """
    joint_lines = _lines_with(cx, "joint")
    arrangement = _words("arrangement")
    for activity in cx.external:
        if not _is_joint(activity):
            continue
        partners = activity.items("joint_controllers")
        partner = partners[0] if partners else ""
        where = cx.at("activities", activity, "role")
        if not joint_lines:
            key, line = "XC125.not_joint", None
        elif partner and not _named(cx, partner):
            key, line = "XC125.partner_not_named", joint_lines[0]
        elif not any(
            arrangement.search(text)
            for n in joint_lines
            for text in cx.lines[n - 1 : n + 2]
            if text.strip()
        ):
            key, line = "XC125.no_essence", joint_lines[0]
        else:
            continue
        yield Problem(
            where,
            msg(
                key, activity=_who(activity), partner=_first_name(partner) or "?", notice=cx.display
            ),
            hint=msg("XC125.hint"),
            related=cx.related(line),
        )


def _object_triggers(cx: CrossView) -> tuple[Row | None, Row | None]:
    """The first purpose of an outsiders' activity on legitimate interests or a public task,
    and the first that is direct marketing."""
    interests = marketing = None
    for activity in cx.external:
        for purpose in cx.purposes_of(activity):
            basis = term(purpose, "lawful_basis", "lawful_basis")
            if interests is None and basis is not None and basis.code in ("e", "f"):
                interests = purpose
            texts = (purpose.text("purpose"), activity.text("name"))
            on_consent = basis is not None and basis.code == "a"
            if on_consent and cx.present("right_withdraw_consent"):
                continue  # withdrawing consent stops the marketing (Art. 7(3))
            if marketing is None and any(purpose_keys(t) & MARKETING for t in texts):
                marketing = purpose
    return interests, marketing


@rule("XC126", "right-to-object-not-presented", Severity.WARNING, "Art. 21(4), Art. 21(2)")
def right_to_object_not_presented(cx: CrossView) -> Iterator[Problem]:
    """The record relies on legitimate interests or does direct marketing, but the notice does
    not present the right to object clearly and separately.

    Where processing rests on Art. 6(1)(e) or (f), people may object to it; where data is used
    for direct marketing, they may object at any time (Art. 21(1)-(3)). The right must be
    brought to their attention "clearly and separately from any other information"
    (Art. 21(4)). Reported when the notice does not state the right to object at all; when
    the record does direct marketing and no statement of the right mentions marketing; or
    when the right appears only inside a list of the other rights (a line that also states
    two or more of them). Direct marketing on consent counts only when the notice does not
    say that consent can be withdrawn: withdrawal ends it (Art. 7(3)). Once per notice.

    Fix: give the right to object a paragraph of its own: "You may object at any time to our
    use of your data for direct marketing, and to processing based on our legitimate
    interests; write to ...".
    """
    interests, marketing = _object_triggers(cx)
    first = interests or marketing
    if first is None:
        return
    where = cx.at("purposes", first, "lawful_basis" if first is interests else "purpose")
    found = cx.scan.elements.get("right_object")
    lines = sorted({int(e.line) for e in found.evidence}) if found and found.present else []
    if not lines:
        yield Problem(
            where,
            msg("XC126.missing", notice=cx.display, activity=first.text("activity_id")),
            hint=msg("XC126.hint"),
            related=cx.related(cx.evidence_line("right_access", "right_erasure")),
        )
        return
    if marketing is not None and not any(
        purpose_keys(cx.lines[n - 1]) & MARKETING or _MARKETING_WORDS.search(cx.lines[n - 1])
        for n in lines
    ):
        yield Problem(
            cx.at("purposes", marketing, "purpose"),
            msg("XC126.no_marketing", notice=cx.display, where=cx.at_line(lines[0])),
            hint=msg("XC126.hint"),
            related=cx.related(lines[0]),
        )
        return
    rights = {
        key: {int(e.line) for e in cx.scan.elements[key].evidence}
        for key in OTHER_RIGHTS
        if key in cx.scan.elements and cx.scan.elements[key].present
    }
    if all(sum(n in found_lines for found_lines in rights.values()) >= 2 for n in lines):
        yield Problem(
            where,
            msg("XC126.not_separate", notice=cx.display, where=cx.at_line(lines[0])),
            hint=msg("XC126.hint"),
            related=cx.related(lines[0]),
        )


_MARKETING_WORDS = re.compile(
    r"marketing|marknadsför|markedsfør|markkinoin|reklam|mainon|direktreklam|nyhetsbrev|"
    r"nyhedsbrev|newsletter|uutiskirje|utskick|profil",
    re.IGNORECASE,
)
