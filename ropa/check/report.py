"""The one report of a run: what was checked and every finding, for ``check`` and ``policy scan``.

``Report.to_dict`` is the ``--format json`` document: for ``ropa check`` the findings and a
summary (schemas/findings.schema.json), for ``ropa policy scan`` each notice with its
elements, entities and findings (schemas/policy.schema.json).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from ropa.model.findings import Finding, Severity
from ropa.read.notice.facts import NoticeFacts

#: Values of --fail-on, and the lowest severity that makes the run fail.
FAIL_ON: dict[str, Severity | None] = {
    "error": Severity.ERROR,
    "warning": Severity.WARNING,
    "info": Severity.INFO,
    "never": None,
}


@dataclass
class PolicyScan:
    """One notice: what was found in it, and the findings of the notice rules."""

    facts: NoticeFacts
    findings: list[Finding]
    #: The language the findings are worded in (the terminal's words follow it).
    lang: str = "en"

    @property
    def document(self) -> Any:
        return self.facts.document

    @property
    def elements(self) -> Any:
        return self.facts.elements

    @property
    def entities(self) -> Any:
        return self.facts.entities

    def to_dict(self) -> dict[str, Any]:
        """This notice's entry in the ``policies`` array of the JSON output."""
        data = self.facts.to_dict()
        data["findings"] = [finding.to_dict() for finding in self.findings]
        return data


@dataclass
class Report:
    """The findings of a run, and what was checked: workbooks, or notices."""

    files: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    activities: int = 0
    scans: list[PolicyScan] = field(default_factory=list)
    kind: Literal["check", "scan"] = "check"
    #: Inputs that could not be read (the others were still checked), one line each.
    errors: list[str] = field(default_factory=list)
    #: Files skipped on purpose, such as Excel's lock files.
    notes: list[str] = field(default_factory=list)
    #: Findings hidden because a baseline already had them.
    baselined: int = 0
    #: The language of the messages, which the terminal's own words follow.
    lang: str = "en"

    def counts(self) -> dict[str, int]:
        by_severity = Counter(f.severity for f in self.findings)
        return {severity.value: by_severity.get(severity, 0) for severity in Severity}

    def summary(self) -> dict[str, Any]:
        counts = self.counts()
        summary: dict[str, Any] = {
            "files": len(self.files),
            "activities": self.activities,
            "errors": counts["error"],
            "warnings": counts["warning"],
            "info": counts["info"],
            "total": len(self.findings),
        }
        if self.baselined:
            summary["baselined"] = self.baselined
        if self.errors:
            summary["unreadable"] = list(self.errors)
        return summary

    def failed(self, fail_on: str = "error") -> bool:
        """Whether any finding is at or above the --fail-on threshold."""
        threshold = FAIL_ON[fail_on]
        if threshold is None:
            return False
        return any(f.severity.rank >= threshold.rank for f in self.findings)

    def add_scan(self, scan: PolicyScan) -> None:
        # Notices in one language: the terminal speaks it; in several: English.
        self.lang = scan.lang if not self.scans or scan.lang == self.lang else "en"
        self.scans.append(scan)
        self.files.append(scan.facts.document.path)
        self.findings.extend(scan.findings)

    def to_dict(self) -> dict[str, Any]:
        """The --format json document of ``check`` or of ``policy scan``."""
        if self.kind == "scan":
            return {"policies": [scan.to_dict() for scan in self.scans]}
        return {
            "findings": [f.to_dict() for f in self.findings],
            "summary": self.summary(),
        }
