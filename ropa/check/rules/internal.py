"""RX0xx: findings about ropa itself rather than about the record or the notice."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.model.findings import Problem, Severity


@rule("RX001", "rule-crashed", Severity.ERROR, "ropa: internal error")
def rule_crashed(subject: object) -> Iterator[Problem]:
    """A rule stopped with an internal error, so what it checks was not checked.

    The other rules still ran and their findings stand; only this rule's part of the check
    is missing, so a clean result is not a clean result until it is fixed. The finding names
    the rule and the error. Reported by the engine, never run on a record itself.

    Fix: Update ropa; if it persists, report it with the finding's text (run with --debug for
    the traceback) and, if you can, a copy of the workbook with its data replaced.
    """
    yield from ()
