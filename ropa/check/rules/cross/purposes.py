"""XC103: the record's purposes against the notice's."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.cross.common import _who, purpose_name
from ropa.check.views.cross import CrossView
from ropa.check.vocabulary import purpose_keys_of, purpose_label
from ropa.model.findings import Problem, Severity
from ropa.model.messages import joined, msg


@rule("XC103", "purpose-not-in-notice", Severity.WARNING, "Art. 13(1)(c), Art. 14(1)(c)")
def purpose_not_in_notice(cx: CrossView) -> Iterator[Problem]:
    """An activity about people outside the organisation has a purpose the notice never names.

    Customers, website visitors, applicants, subscribers and other outsiders must be told the
    purposes of the processing (Art. 13(1)(c), 14(1)(c)). The record's purposes (and the
    activity's name) and the notice's text are both mapped onto a shared vocabulary of
    purposes in five languages (recruitment, newsletter, analytics, CCTV, ...); an activity
    whose purposes map to no key the notice mentions is reported. Activities about employees
    only are left out: they are informed by an internal notice.

    Fix: describe the purpose in the notice, or, if the notice is right, correct the record.
    """
    line = cx.evidence_line("purposes")
    for activity in cx.external:
        purposes = cx.purposes_of(activity)
        keys = purpose_keys_of([activity.text("name"), *(row.text("purpose") for row in purposes)])
        if not keys or keys & set(cx.purpose_lines):
            continue
        names = joined(purpose_name(key) for key in sorted(keys, key=purpose_label))
        where = (
            cx.at("purposes", purposes[0], "purpose")
            if purposes
            else cx.at("activities", activity, "name")
        )
        yield Problem(
            where,
            msg(
                "XC103.not_mentioned",
                activity=_who(activity),
                name=activity.text("name"),
                notice=cx.display,
                purposes=names,
                where=cx.at_line(line),
            ),
            hint=msg("XC103.hint"),
            related=cx.related(line),
        )
