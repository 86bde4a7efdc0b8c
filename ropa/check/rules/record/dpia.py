"""RP7xx: data protection impact assessments (Art. 35) and the WP248 criteria."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache

from ropa.check.rule import rule
from ropa.check.rules.record.common import has_content, is_yes, term, terms
from ropa.check.views.record import RecordView
from ropa.check.vocabulary import subject_kind
from ropa.model.dpia_lists import DpiaList, ListEntry, dpia_list
from ropa.model.findings import Problem, Severity
from ropa.model.messages import Joined, joined, msg
from ropa.model.patterns import longest_first, word_start
from ropa.model.resources import load_data
from ropa.model.text import casefold_nfc
from ropa.read.workbook import Row

#: Fields whose words show a criterion.
_TEXT_FIELDS = ("name", "description", "data_subjects", "data_categories")


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    lexicon = load_data("lexicon/dpia.json")["criteria"]
    compiled = {}
    for criterion, entry in lexicon.items():
        words = longest_first(casefold_nfc(t) for t in entry["terms"])
        # A term matches at a word start, so "employee" also finds "employees" and
        # "anställda" finds "anställdas"; it must not match inside another word. (Not
        # compile_patterns: these are literal words, and they may end inside a word.)
        compiled[criterion] = re.compile(word_start("|".join(map(re.escape, words))))
    return compiled


def wp248_criteria(activity: Row) -> list[str]:
    """The WP248 criteria an activity meets, from its yes/no columns and its words."""
    met: list[str] = []
    if terms(activity, "special_categories", "special_category") or is_yes(
        activity, "criminal_data"
    ):
        met.append("sensitive_data")
    if is_yes(activity, "large_scale"):
        met.append("large_scale")
    if is_yes(activity, "systematic_monitoring"):
        met.append("systematic_monitoring")
    if is_yes(activity, "automated_decisions"):
        met.append("automated_decisions")
    if is_yes(activity, "innovative_technology"):
        met.append("innovative_technology")
    text = unicodedata.normalize("NFC", " ".join(activity.text(f) for f in _TEXT_FIELDS).casefold())
    for criterion, pattern in _patterns().items():
        if criterion not in met and pattern.search(text):
            met.append(criterion)
    # The automated-decisions column means profiling or automated decisions: one criterion,
    # not two. Evaluation or scoring counts only where the activity's words show it.
    return met


@cache
def _words(file: str, key: str) -> re.Pattern[str]:
    """The words of a lexicon list, matched at a word start."""
    data = load_data(file)
    found = data[key] if key in data else data["signal_terms"][key]
    words = longest_first(casefold_nfc(t) for t in found)
    return re.compile(word_start("|".join(map(re.escape, words))))


@cache
def _entry_terms(terms: tuple[str, ...]) -> re.Pattern[str]:
    words = longest_first(casefold_nfc(t) for t in terms)
    return re.compile(word_start("|".join(map(re.escape, words))))


def _text(activity: Row, fields: tuple[str, ...] = _TEXT_FIELDS) -> str:
    return unicodedata.normalize("NFC", " ".join(activity.text(f) for f in fields).casefold())


def has_children(activity: Row) -> bool:
    """Whether children are among the activity's data subjects (lexicon/children.json)."""
    subjects = _text(activity, ("data_subjects",))
    return bool(_words("lexicon/children.json", "children").search(subjects))


_NO_DECISION = re.compile(r"^\s*(?:no|none|nej|nei|ingen|inga|ei)\b", re.I)


def art22_decisions(activity: Row) -> bool:
    """Whether the record states Art. 22 decisions: automated decisions Yes and an Art. 22
    exception recorded (not "No")."""
    text = activity.text("art22_basis").strip()
    return is_yes(activity, "automated_decisions") and bool(text) and not _NO_DECISION.match(text)


def signals(activity: Row) -> set[str]:
    """What the record shows about an activity, in the terms of the national lists."""
    found = {code.code for code in terms(activity, "special_categories", "special_category")}
    shown = found & {"biometric", "genetic", "health"}
    for column in ("large_scale", "systematic_monitoring", "innovative_technology"):
        if is_yes(activity, column):
            shown.add(column)
    if is_yes(activity, "automated_decisions"):
        shown.add("automated_decisions")
    if any(subject_kind(item) == "internal" for item in activity.items("data_subjects")):
        shown.add("employees")
    if has_children(activity):
        shown.add("children")
    if _words("lexicon/dpia.json", "location").search(_text(activity)):
        shown.add("location")
    if _patterns()["evaluation_scoring"].search(_text(activity)):
        shown.add("profiling")
    return shown


def art35_3_cases(activity: Row) -> list[str]:
    """The points of Art. 35(3) the record shows, e.g. ["(b)"]; (c) only where no reason for
    "not required" is documented, since ropa cannot see whether the area is public."""
    if dpia_settled(activity, reason_suffices=False):
        return []
    cases = []
    if art22_decisions(activity):
        cases.append("(a)")
    large = is_yes(activity, "large_scale")
    special = terms(activity, "special_categories", "special_category")
    if large and (special or is_yes(activity, "criminal_data")):
        cases.append("(b)")
    if large and is_yes(activity, "systematic_monitoring") and not dpia_settled(activity):
        cases.append("(c)")
    return cases


def national_entries(ctx: RecordView, activity: Row) -> list[tuple[DpiaList, ListEntry]]:
    """The entries of the entity countries' Art. 35(4) lists that apply to an activity."""
    if dpia_settled(activity):
        return []
    shown = signals(activity)
    count = len(wp248_criteria(activity))
    text = _text(activity)
    found = []
    seen: set[str] = set()
    for entity in ctx.entities_of(activity):
        national = dpia_list(entity.text("country"))
        if national is None or national.country in seen:
            continue
        seen.add(national.country)
        for entry in national.entries:
            if not entry.signals <= shown or count < entry.min_criteria:
                continue
            if entry.terms and not _entry_terms(entry.terms).search(text):
                continue
            found.append((national, entry))
    return found


def _describe(criteria: list[str]) -> Joined:
    """The criteria met, as the message's language names them ("phrase.wp248.<key>")."""
    return joined((msg(f"phrase.wp248.{c}") for c in criteria), "list.semicolon")


def dpia_settled(activity: Row, *, reason_suffices: bool = True) -> bool:
    """Whether the DPIA question is answered: done or in progress, or (where a reason
    suffices) not required with the reason documented."""
    status = term(activity, "dpia_status", "dpia_status")
    if status is not None and status.code in {"done", "in_progress"}:
        return True
    return (
        reason_suffices
        and status is not None
        and status.code == "not_required"
        and has_content(activity, "dpia_reference")
    )


@rule("RP701", "dpia-likely-required", Severity.WARNING, "Art. 35(1), Art. 35(3); WP248 rev.01")
def dpia_likely_required(ctx: RecordView) -> Iterator[Problem]:
    """An activity meets two or more WP248 criteria but has no DPIA and no documented reason.

    The EDPB-endorsed WP248 guidelines say that processing meeting two of the nine
    criteria (sensitive or highly personal data, large scale, systematic monitoring,
    evaluation or scoring, automated decisions with legal effect, vulnerable data subjects
    such as employees or children, innovative technology, matching datasets, preventing
    the exercise of a right) will in most cases need a DPIA. ropa reads the yes/no
    columns and words in the activity's name, description, data subjects and categories
    (ropa/data/lexicon/dpia.json).

    One "automated decisions: Yes" counts as one criterion; identity numbers and bank
    accounts are not counted as highly personal data, and bare words such as "monitoring"
    or "students" are not criteria. Where an Art. 35(3) case (RP702) or the national list
    of the entity's country (RP703) applies, that rule reports the activity instead.

    Fix: carry out the DPIA and set the status to Done with its reference, or set Not
    required and document why in the DPIA reference column.
    """
    for activity in ctx.rows("activities"):
        if dpia_settled(activity) or art35_3_cases(activity) or national_entries(ctx, activity):
            continue  # settled, or RP702 / RP703 report it
        met = wp248_criteria(activity)
        if len(met) >= 2:
            yield Problem(
                ctx.at("activities", activity, "dpia_status"),
                msg(
                    "RP701.no_dpia",
                    activity=activity.text("activity_id"),
                    count=len(met),
                    criteria=_describe(met),
                ),
                hint=msg("RP701.hint"),
            )
