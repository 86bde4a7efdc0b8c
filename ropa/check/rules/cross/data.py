"""XC104 to XC106: the data categories and special categories of the record against the notice."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.cross.common import _id
from ropa.check.views.cross import CrossView
from ropa.model.findings import Problem, Severity
from ropa.model.vocab import is_none, vocabulary
from ropa.read.notice.entities import map_data_category
from ropa.read.workbook import Row

_SPECIAL_LABELS = {
    "racial_ethnic_origin": "racial or ethnic origin",
    "political_opinions": "political opinions",
    "religious_beliefs": "religious or philosophical beliefs",
    "trade_union_membership": "trade union membership",
    "genetic": "genetic data",
    "biometric": "biometric data",
    "health": "health data",
    "sex_life_orientation": "sex life or sexual orientation",
}


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
                if key in _SPECIAL_LABELS or key in cx.category_keys:
                    continue
                if key not in missing:
                    missing.append(key)
        if missing:
            names = ", ".join(key.replace("_", " ") for key in missing)
            yield Problem(
                cx.at("activities", activity, "data_categories"),
                f"Activity {_id(activity)} records data the notice {cx.display} never "
                f"mentions: {names}; the data processed are described from {cx.where(line)}.",
                hint="List these kinds of data in the notice, or correct the record.",
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
            names = ", ".join(_SPECIAL_LABELS.get(code, code) for code in missing)
            yield Problem(
                cx.at("activities", activity, "special_categories"),
                f"Activity {_id(activity)} processes {names} (Art. 9), which the notice "
                f"{cx.display} never mentions; see {cx.where(line)}.",
                hint="Say in the notice which sensitive data is processed, why, and on which "
                "Art. 9(2) condition.",
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
            names = ", ".join(_SPECIAL_LABELS.get(code, code) for code in codes)
            line = int(statement["line"])
            yield Problem(
                cx.at("activities", activity, "special_categories"),
                f"The notice {cx.display} says at line {line} that no sensitive data is "
                f"processed, but activity {_id(activity)} records {names}.",
                hint="Correct the notice or the record: they must tell the same story.",
                related=cx.stated("no_sensitive_data", line),
            )
            return
