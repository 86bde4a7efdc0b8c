"""XC119: automated decisions and profiling in the record against the notice."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.cross.common import _who
from ropa.check.rules.record.common import is_yes
from ropa.check.views.cross import CrossView
from ropa.model.findings import Problem, Severity
from ropa.model.messages import msg
from ropa.read.notice.elements import statement_hits

#: An Art. 22(2) exception named in the record ("Art. 22(2)(a)", "22.2 b", "artikel 22.2 a").
_ART22_EXCEPTION = re.compile(r"22\s*(?:\(\s*2\s*\)|\.\s*2)")


@rule("XC119", "notice-denies-automated-decisions", Severity.ERROR, "Art. 13(2)(f), Art. 5(1)(a)")
def notice_denies_automated_decisions(cx: CrossView) -> Iterator[Problem]:
    """The notice says there are no automated decisions or profiling, but the record has them.

    A notice must tell people about automated decision-making, including profiling, with
    meaningful information about the logic and its consequences (Art. 13(2)(f), 14(2)(g)).
    "We do not use automated decisions or profiling" next to an activity whose record answers
    yes to automated decisions or profiling is a contradiction the authority will notice. A
    notice that only says no decision is based solely on automated processing (no Art. 22
    decision) contradicts the record only where the activity names an Art. 22(2) exception:
    profiling for offers is not such a decision. Reported once per notice, at the first such
    activity.

    Fix: correct the notice (say which decisions are automated, on which Art. 22(2) exception,
    and what people can do), or correct the record if the activity does not decide
    automatically.
    """
    denials = [
        item
        for item in cx.entity("statements") or []
        if item.get("kind") == "no_automated_decisions"
    ]
    if not denials:
        return
    # What each denial says within its line: "no profiling", or only "no decision based solely
    # on automated processing" (an Art. 22 decision), which profiling for offers does not make.
    hits = statement_hits(cx.lines, cx.scan.document.language)
    profiling_lines = {
        index + 1
        for kind, index, matched in hits
        if kind == "no_automated_decisions" and "profil" in matched.casefold()
    }
    of_profiling = [item for item in denials if int(item["line"]) in profiling_lines]
    statement = (of_profiling or denials)[0]
    line = int(statement["line"])
    for activity in cx.external:
        if not is_yes(activity, "automated_decisions"):
            continue
        if of_profiling:
            said = msg("XC119.said.no_profiling")
        elif _ART22_EXCEPTION.search(activity.text("art22_basis")):
            said = msg("XC119.said.no_decision")
        else:
            continue  # profiling that decides nothing (no Art. 22 decision): no contradiction
        yield Problem(
            cx.at("activities", activity, "automated_decisions"),
            msg(
                "XC119.contradiction",
                notice=cx.display,
                line=line,
                said=said,
                activity=_who(activity),
            ),
            hint=msg("cross.same_story.hint"),
            related=cx.stated("no_automated_decisions", line),
        )
        return
