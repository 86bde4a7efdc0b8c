"""Baselines: report only the findings that a saved report did not already have.

A team adopting ropa on a record with hundreds of findings saves them once
(``ropa check record.xlsx --format json --output baseline.json``) and from then on
``ropa check record.xlsx --baseline baseline.json`` fails only on new ones. Findings are matched
by rule, workbook name, sheet, the row's key (its id, which survives rows inserted above) and
column; findings about no row also by message, in whichever language the report was saved in.
A finding fixed and made again comes back.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import PurePath
from typing import Any

from ropa.model.findings import Finding
from ropa.model.languages import RECORD_LANGUAGES

Key = tuple[str, str, str, str, str]


def _key(rule: Any, file: Any, sheet: Any, row: Any, column: Any, key: Any, message: Any) -> Key:
    # A path may be written differently between runs (./record.xlsx, a CI checkout): the
    # workbook's name is what identifies it.
    name = PurePath(str(file or "").replace("\\", "/")).name
    where = f"key:{key}" if key else (f"row:{row}" if row else f"message:{message}")
    return (str(rule), name, str(sheet or ""), where, str(column or "") if key or row else "")


def finding_key(finding: Finding) -> Key:
    """The finding's key, its message in English: the same whatever language it is worded in."""
    return _finding_key(finding, finding.message_in("en"))


def finding_keys(finding: Finding) -> list[Key]:
    """The keys a saved report may hold the finding under: its message in each language."""
    keys = [_finding_key(finding, finding.message)]
    for lang in RECORD_LANGUAGES:
        key = _finding_key(finding, finding.message_in(lang))
        if key not in keys:
            keys.append(key)
    return keys


def _finding_key(finding: Finding, message: str) -> Key:
    loc = finding.location
    row = loc.row if loc.row is not None else loc.line
    return _key(finding.code, loc.file, loc.sheet, row, loc.column, loc.key, message)


def saved_key(saved: Mapping[str, Any]) -> Key:
    return _key(
        saved.get("rule"),
        saved.get("file"),
        saved.get("sheet"),
        saved.get("row"),
        saved.get("column"),
        saved.get("key"),
        saved.get("message"),
    )


def new_findings(
    findings: Iterable[Finding], baseline: Iterable[Mapping[str, Any]]
) -> tuple[list[Finding], int]:
    """The findings not in the baseline, and how many were hidden (each saved one hides one)."""
    known = Counter(saved_key(saved) for saved in baseline)
    fresh: list[Finding] = []
    hidden = 0
    for finding in findings:
        key = next((k for k in finding_keys(finding) if known[k] > 0), None)
        if key is not None:
            known[key] -= 1
            hidden += 1
        else:
            fresh.append(finding)
    return fresh, hidden
