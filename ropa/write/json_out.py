"""The ``--format json`` (and ``sarif``) documents of ``check``, ``policy scan``, ``diff`` and
``rules``, as the text the command prints (without the final newline)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ropa.check.diff import RecordDiff
from ropa.check.report import Report
from ropa.check.rule import Rule
from ropa.write.json_text import dumps
from ropa.write.sarif import to_sarif


def _dumps(document: Any, **options: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, **options)


def check_json(report: Report) -> str:
    """``ropa check --format json`` (schemas/findings.schema.json)."""
    return _dumps(report.to_dict())


def sarif_json(report: Report) -> str:
    """``ropa check --format sarif``: one SARIF 2.1.0 log."""
    return _dumps(to_sarif(report))


def scan_json(report: Report) -> str:
    """``ropa policy scan --format json`` (schemas/policy.schema.json).

    Written by :func:`ropa.write.json_text.dumps`, the same text as ``json.dumps`` with an
    indent in about half the time: 500 notices are some 47 MB of JSON, encoded in this
    process after the workers are done."""
    return dumps(report.to_dict())


def diff_json(diff: RecordDiff) -> str:
    """``ropa diff --format json``; dates and other values JSON lacks are written as text."""
    return _dumps(diff.to_dict(), default=str)


def rule_dict(rule: Rule) -> dict[str, str]:
    """A rule's entry in ``ropa rules --format json``."""
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity.value,
        "reference": rule.reference,
        "summary": rule.summary,
    }


def rules_json(rules: Sequence[Rule]) -> str:
    """``ropa rules --format json``: every rule's code, name, severity, reference, summary."""
    return _dumps([rule_dict(rule) for rule in rules])
