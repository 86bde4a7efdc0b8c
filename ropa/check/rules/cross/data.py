"""XC104 to XC106: the data categories and special categories of the record against the notice."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.cross.common import _who, category_name
from ropa.check.views.cross import CrossView
from ropa.model.findings import Problem, Severity
from ropa.model.messages import Message, joined, msg
from ropa.model.vocab import is_none, vocabulary
from ropa.read.notice.entities import map_data_category
from ropa.read.workbook import Row

#: The special categories of Art. 9(1), by their data-category keys.
_SPECIAL = frozenset(
    {
        "racial_ethnic_origin",
        "political_opinions",
        "religious_beliefs",
        "trade_union_membership",
        "genetic",
        "biometric",
        "health",
        "sex_life_orientation",
    }
)


def _special(row: Row) -> list[str]:

    codes = []
    for item in row.items("special_categories"):
        if is_none(item):
            continue
        found = vocabulary("special_category").match(item)
        if found is not None and found.code not in codes:
            codes.append(found.code)
    return codes


@rule(
    "XC104",
    "data-category-not-in-notice",
    Severity.WARNING,
    "Art. 14(1)(d)",
)
def data_category_not_in_notice(cx: CrossView) -> Iterator[Problem]:
    """The record lists a kind of personal data that the notice never mentions.

    The record's data categories of activities about people outside the organisation are
    mapped onto the shared data-category vocabulary (identity, contact details, financial,
    location, images, ...) in five languages, and so is every line of the notice. A category
    the notice does not mention anywhere is reported, once per activity. Where data is not
    obtained from the person, Art. 14(1)(d) requires the categories to be listed.

    Fix: name the kind of data in the notice's section on the data processed, or correct the
    record.
    """
    line = cx.category_line()
    for activity in cx.external:
        missing: list[str] = []
        for item in activity.items("data_categories"):
            for key in map_data_category(item):
                if key in _SPECIAL or key in cx.category_keys:
                    continue
                if key not in missing:
                    missing.append(key)
        if missing:
            yield Problem(
                cx.at("activities", activity, "data_categories"),
                msg(
                    "XC104.not_mentioned",
                    activity=_who(activity),
                    notice=cx.display,
                    categories=joined(category_name(key) for key in missing),
                    where=cx.at_line(line),
                ),
                hint=msg("XC104.hint"),
                related=cx.related(line),
            )


@rule(
    "XC105",
    "special-category-not-in-notice",
    Severity.WARNING,
    "Art. 9(1), Art. 14(1)(d)",
)
def special_category_not_in_notice(cx: CrossView) -> Iterator[Problem]:
    """The record has special categories of data (Art. 9) that the notice never mentions.

    Health data, trade union membership and the other special categories call for openness:
    the notice should say that they are processed, why and on which Art. 9(2) condition.
    Only activities about people outside the organisation count. (A notice that says it
    processes no sensitive data at all is XC106.)

    Fix: describe the special category and its condition in the notice, or correct the record.
    """
    if cx.statement("no_sensitive_data"):
        return
    line = cx.evidence_line("special_categories") or cx.category_line()
    for activity in cx.external:
        missing = [code for code in _special(activity) if code not in cx.category_keys]
        if missing:
            yield Problem(
                cx.at("activities", activity, "special_categories"),
                msg(
                    "XC105.not_mentioned",
                    activity=_who(activity),
                    notice=cx.display,
                    categories=joined(_special_name(code) for code in missing),
                    where=cx.at_line(line),
                ),
                hint=msg("XC105.hint"),
                related=cx.related(line),
            )


@rule("XC106", "notice-denies-special-data", Severity.ERROR, "Art. 9(1), Art. 5(1)(a)")
def notice_denies_special_data(cx: CrossView) -> Iterator[Problem]:
    """The notice says no sensitive data is processed, but the record has special categories.

    A statement such as "we do not process sensitive personal data" contradicts a record that
    lists Art. 9 data for the same people; either the notice misinforms them (Art. 5(1)(a),
    transparency) or the record is wrong. Reported once per notice, at the first activity.

    Fix: correct the notice (name the special categories, the purpose and the Art. 9(2)
    condition), or correct the record if no such data is processed.
    """
    statement = cx.statement("no_sensitive_data")
    if not statement:
        return
    for activity in cx.external:
        codes = _special(activity)
        if codes:
            line = int(statement["line"])
            yield Problem(
                cx.at("activities", activity, "special_categories"),
                msg(
                    "XC106.contradiction",
                    notice=cx.display,
                    line=line,
                    activity=_who(activity),
                    categories=joined(_special_name(code) for code in codes),
                ),
                hint=msg("cross.same_story.hint"),
                related=cx.stated("no_sensitive_data", line),
            )
            return


def _special_name(code: str) -> Message | str:
    """A special category by name; a code of the vocabulary the lexicon lacks, as it is."""
    return category_name(code) if code in _SPECIAL else code
