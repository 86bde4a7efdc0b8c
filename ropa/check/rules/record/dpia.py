"""RP7xx: data protection impact assessments (Art. 35) and the WP248 criteria."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache

from ropa.check.rule import rule
from ropa.check.rules.record.common import has_content, is_yes, term, terms
from ropa.check.views.record import RecordView
from ropa.model.findings import Problem, Severity
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


@cache
def criterion_labels() -> dict[str, str]:
    """Criterion key -> its WP248 label."""
    lexicon = load_data("lexicon/dpia.json")["criteria"]
    return {key: entry["label"] for key, entry in lexicon.items()}


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
    if "automated_decisions" in met and "evaluation_scoring" not in met:
        met.append("evaluation_scoring")  # profiling is evaluation or scoring under WP248
    return met


_LABELS_EXTRA = {"large_scale": "large scale", "automated_decisions": "automated decisions"}


def _describe(criteria: list[str]) -> str:
    labels = {**criterion_labels(), **_LABELS_EXTRA}
    return "; ".join(labels.get(c, c) for c in criteria)


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

    Fix: carry out the DPIA and set the status to Done with its reference, or set Not
    required and document why in the DPIA reference column.
    """
    for activity in ctx.rows("activities"):
        status = term(activity, "dpia_status", "dpia_status")
        if status is not None and status.code in {"done", "in_progress"}:
            continue
        if (
            status is not None
            and status.code == "not_required"
            and has_content(activity, "dpia_reference")
        ):
            continue
        met = wp248_criteria(activity)
        if len(met) >= 2:
            yield Problem(
                ctx.at("activities", activity, "dpia_status"),
                f"Activity '{activity.text('activity_id')}' meets {len(met)} WP248 criteria "
                f"({_describe(met)}) but has no DPIA.",
                hint="Carry out a DPIA, or set 'not required' and document why in the DPIA "
                "reference column.",
            )
