"""XC121: record values the cross-check could not compare with the notice, said once, so that
silence never looks like agreement."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.cross.common import _who
from ropa.check.views.cross import CrossView
from ropa.check.views.record import fold
from ropa.check.vocabulary import purpose_keys
from ropa.model.categories import not_a_category
from ropa.model.findings import Problem, Severity
from ropa.model.messages import joined, msg
from ropa.model.vocab import is_none
from ropa.read.notice.entities import map_data_category


@rule("XC121", "not-compared-with-notice", Severity.INFO, "Art. 13(1)(c), Art. 14(1)(d)")
def not_compared_with_notice(cx: CrossView) -> Iterator[Problem]:
    """A purpose or a kind of data of the record maps to nothing ropa can compare with the notice.

    XC103 and XC104 compare the record with the notice through shared vocabularies of
    purposes and data categories in five languages (``ropa/data/lexicon/purposes.json``,
    ``data_categories.json``). A purpose such as "Enabling reporting" or a kind of data such
    as "Meter point ID" that maps to none of their keys cannot be compared, and a clean
    result would then look like agreement. This finding says so: once per purpose row, and
    once per activity for its kinds of data (each value only the first time it occurs). A
    value that names access to data rather than a kind of data ("data held in the group's
    systems", "all data") is not reported: no notice can list it.
    Only activities about people outside the organisation count, as for XC103 and XC104.

    Fix: check by hand that the notice describes this purpose or kind of data; write it in
    words the vocabulary knows ("invoicing", "order history") if the record is vague.
    """
    line = cx.evidence_line("purposes")
    seen: set[str] = set()
    for activity in cx.external:
        for purpose in cx.purposes_of(activity):
            text = purpose.text("purpose")
            key = fold(text)
            if not text or key in seen or purpose_keys(text):
                continue
            seen.add(key)
            yield Problem(
                cx.at("purposes", purpose, "purpose"),
                msg("XC121.purpose", purpose=text, activity=_who(activity)),
                hint=msg("XC121.purpose.hint"),
                related=cx.related(line),
            )
    line = cx.category_line()
    for activity in cx.external:
        unmapped = []
        for item in activity.items("data_categories"):
            key = fold(item)
            if not item or key in seen or is_none(item) or not_a_category(item):
                continue
            if map_data_category(item):
                continue
            seen.add(key)
            unmapped.append(item)
        if unmapped:
            yield Problem(
                cx.at("activities", activity, "data_categories"),
                msg(
                    "XC121.categories",
                    activity=_who(activity),
                    items=joined(f"'{item}'" for item in unmapped),
                    count=len(unmapped),
                ),
                hint=msg("XC121.categories.hint"),
                related=cx.related(line),
            )
