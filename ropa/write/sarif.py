"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning, GitLab, Azure DevOps)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from ropa.check.baseline import finding_key
from ropa.check.registry import INTERNAL, Rule, all_rules
from ropa.check.report import Report
from ropa.model.findings import Finding, Related, Severity
from ropa.model.version import PROJECT_URL, __version__

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule_descriptor(item: Rule) -> dict[str, Any]:
    return {
        "id": item.code,
        "name": item.name,
        "shortDescription": {"text": item.summary},
        "fullDescription": {"text": item.doc},
        "help": {"text": item.doc},
        "defaultConfiguration": {"level": _LEVELS[item.severity]},
        "properties": {"reference": item.reference, "group": item.group},
    }


def _uri(file: str) -> str:
    return Path(file).as_posix()


def _result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    loc = finding.location
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(loc.file)}}
    line = loc.row or loc.line
    if line:
        # Code-scanning tools need a line; for a workbook it is the sheet's row number, the
        # column letter's number is the column, and the region's message names sheet and cell.
        region: dict[str, Any] = {"startLine": line}
        if loc.column:
            region["startColumn"] = column_number(loc.column)
        if loc.sheet:
            region["message"] = {"text": f"{loc.sheet}!{loc.cell or line}"}
        physical["region"] = region
    location: dict[str, Any] = {"physicalLocation": physical}
    if loc.sheet:
        name = f"{loc.sheet}!{loc.cell}" if loc.cell else loc.sheet
        location["logicalLocations"] = [
            {"name": name, "fullyQualifiedName": f"{loc.file}:{name}", "kind": "element"}
        ]
    text = finding.message + (f" Fix: {finding.hint}" if finding.hint else "")
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": _LEVELS[finding.severity],
        "message": {"text": text},
        "locations": [location],
        # Matched like a baseline (rule, workbook, sheet, the row's id, column), so code
        # scanning follows a finding when rows are inserted above it.
        "partialFingerprints": {"ropaFinding/v1": _fingerprint(finding)},
        "properties": {"reference": finding.reference},
    }
    related = [_related(number, item) for number, item in enumerate(finding.related)]
    if related:
        result["relatedLocations"] = related
    return result


def column_number(letters: str) -> int:
    """``A`` -> 1, ``AB`` -> 28."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def _fingerprint(finding: Finding) -> str:
    return hashlib.sha256("\x1f".join(finding_key(finding)).encode("utf-8")).hexdigest()


def _related(number: int, item: Related) -> dict[str, Any]:
    """A related place (a notice line) as a SARIF location."""
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(item.file)}}
    if item.line:
        physical["region"] = {"startLine": item.line}
    related: dict[str, Any] = {"id": number, "physicalLocation": physical}
    if item.text:
        related["message"] = {"text": item.text}
    return related


def to_sarif(report: Report) -> dict[str, Any]:
    """The report as one SARIF 2.1.0 log with a single run."""
    used = {finding.code for finding in report.findings}
    rules = all_rules() + [item for item in INTERNAL if item.code in used]
    index = {item.code: position for position, item in enumerate(rules)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ropa",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": PROJECT_URL,
                        "rules": [_rule_descriptor(item) for item in rules],
                    }
                },
                "results": [_result(f, index) for f in report.findings],
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
