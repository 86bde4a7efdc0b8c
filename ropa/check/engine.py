"""The one rule engine: every enabled rule over its subject, one finding per problem.

Record, notice and cross-check rules all run through :func:`run`. A rule that raises does not
stop the check: it becomes one ``RX001`` finding naming the rule and the error, and the other
rules still report. With ``ROPA_DEBUG`` set (``ropa --debug``) the exception propagates, so
the traceback shows. Each problem's message and hint are rendered in the run's language:
``lang`` when given, else ``config.lang``, else English.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ropa.check.rule import Rule
from ropa.check.rules.internal import rule_crashed
from ropa.model.citations import cite
from ropa.model.findings import Finding, Problem, Severity
from ropa.model.messages import SOURCE_LANGUAGE, msg, render
from ropa.read.config import Config


def finding_from(
    item: Rule,
    problem: Problem,
    severity: Mapping[str, Severity],
    lang: str = SOURCE_LANGUAGE,
) -> Finding:
    """The finding a rule's problem becomes: code, configured severity, reference, place,
    and its message, hint and reference (in the language's citation style) in ``lang``."""
    return Finding(
        code=item.code,
        severity=severity.get(item.code, item.severity),
        message=render(problem.message, lang) or "",
        reference=cite(problem.reference or item.reference, lang),
        location=problem.location,
        hint=render(problem.hint, lang),
        related=problem.related,
        source=problem.message,
    )


def run(
    subject: Any, rules: Iterable[Rule], config: Config, lang: str | None = None
) -> list[Finding]:
    """Every enabled rule of ``rules`` whose subject ``subject`` is, as findings (unsorted),
    worded in ``lang`` (default: ``config.lang``, else English)."""
    language = lang or config.lang or SOURCE_LANGUAGE
    findings: list[Finding] = []
    for item in rules:
        if isinstance(subject, item.subject) and config.enabled(item.code):
            findings.extend(_run_one(item, subject, config, language))
    return findings


def _run_one(item: Rule, subject: Any, config: Config, lang: str) -> list[Finding]:
    found: list[Finding] = []
    try:
        for problem in item(subject):
            found.append(finding_from(item, problem, config.severity, lang))
    except Exception as exc:
        if os.environ.get("ROPA_DEBUG"):
            raise
        found.append(_crashed(item, subject, exc, lang))
    return found


def _crashed(item: Rule, subject: Any, exc: Exception, lang: str) -> Finding:
    problem = Problem(
        subject.location(),
        msg("RX001.crashed", code=item.code, name=item.name, error=f"{type(exc).__name__}: {exc}"),
        hint=msg("RX001.crashed.hint"),
    )
    return finding_from(rule_crashed, problem, {}, lang)


def in_sheet_order(findings: Iterable[Finding], sheet_order: Sequence[str]) -> list[Finding]:
    """Findings sorted by the workbook's sheet order, then by place and code."""
    order = {name: position for position, name in enumerate(sheet_order)}
    return sorted(findings, key=lambda f: (order.get(f.location.sheet or "", -1), *f.sort_key()))
