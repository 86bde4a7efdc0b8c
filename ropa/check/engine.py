"""Run the rules over one or more workbooks and collect the findings into a report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ropa.check.registry import Rule, all_rules, run_rules_on
from ropa.check.views.record import Context
from ropa.model.findings import Finding, Severity
from ropa.read.config import Config, load_config
from ropa.read.workbook import Workbook, read_workbook

#: Values of --fail-on, and the lowest severity that makes the run fail.
FAIL_ON: dict[str, Severity | None] = {
    "error": Severity.ERROR,
    "warning": Severity.WARNING,
    "info": Severity.INFO,
    "never": None,
}


@dataclass
class Report:
    """The findings of a check run, and what was checked."""

    files: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    activities: int = 0

    def counts(self) -> dict[str, int]:
        by_severity = Counter(f.severity for f in self.findings)
        return {severity.value: by_severity.get(severity, 0) for severity in Severity}

    def summary(self) -> dict[str, Any]:
        counts = self.counts()
        return {
            "files": len(self.files),
            "activities": self.activities,
            "errors": counts["error"],
            "warnings": counts["warning"],
            "info": counts["info"],
            "total": len(self.findings),
        }

    def failed(self, fail_on: str = "error") -> bool:
        """Whether any finding is at or above the --fail-on threshold."""
        threshold = FAIL_ON[fail_on]
        if threshold is None:
            return False
        return any(f.severity.rank >= threshold.rank for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        """The --format json document (schemas/findings.schema.json)."""
        return {
            "findings": [f.to_dict() for f in self.findings],
            "summary": self.summary(),
        }


def run_rules(
    workbook: Workbook, config: Config, rules: Sequence[Rule] | None = None
) -> list[Finding]:
    """Every enabled rule over one workbook, as findings sorted by place."""
    context = Context(workbook, config)
    chosen = rules if rules is not None else all_rules("record")
    findings = run_rules_on(context, chosen, config)
    order = {name: position for position, name in enumerate(workbook.sheet_order)}
    findings.sort(key=lambda f: (order.get(f.location.sheet or "", -1), *f.sort_key()))
    return findings


def check_workbook(
    path: str | Path,
    config: Config | None = None,
    display: str | None = None,
    policies: Sequence[str | Path] = (),
) -> tuple[Workbook, list[Finding]]:
    """Read and check one workbook, and cross-check it against its privacy notices.

    The notices are ``policies`` (files or folders; they speak for every entity) and the files
    the Organisation sheet names in its privacy-policy column (relative to the workbook).
    Raises ``WorkbookError`` when the workbook cannot be read and ``PolicyReadError`` when a
    notice cannot be.
    """
    path = Path(path)
    config = config or load_config(path)
    workbook = read_workbook(path, display, config.limits)
    findings = run_rules(workbook, config)
    if policies or _names_policy(workbook):
        from ropa.check.cross import cross_check

        crossed = cross_check(workbook, config, policies)
        if crossed:
            order = {name: position for position, name in enumerate(workbook.sheet_order)}
            findings = sorted(
                findings + crossed,
                key=lambda f: (order.get(f.location.sheet or "", -1), *f.sort_key()),
            )
    return workbook, findings


def _names_policy(workbook: Workbook) -> bool:
    """Whether any Organisation row fills in its privacy policy (a cheap look first)."""
    return any(row.has("privacy_policy") for row in workbook.rows("organisation"))


def check_paths(
    paths: Iterable[str | Path],
    config: Config | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    policies: Sequence[str | Path] = (),
) -> Report:
    """Check several workbooks; each uses its own configuration file unless one is given.

    ``policies`` are privacy notices (files or folders) to cross-check every workbook against.
    """
    report = Report()
    for path in paths:
        path = Path(path)
        base = config or load_config(path)
        workbook, findings = check_workbook(
            path, base.with_cli(select, ignore), str(path), policies
        )
        report.files.append(str(path))
        report.activities += len(workbook.rows("activities"))
        report.findings.extend(findings)
    return report
