"""Findings for CI systems: GitHub Actions workflow commands and JUnit XML.

``--format github`` prints one ``::error``/``::warning``/``::notice`` command per finding, which
GitHub shows as an annotation on the workbook in the pull request. ``--format junit`` writes a
JUnit XML report (GitLab, Jenkins, Azure DevOps read it): one test suite per workbook, one
failing test case per finding, and one passing case for a workbook without findings.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.etree import ElementTree

from ropa.check.report import Report
from ropa.model.findings import Finding, Severity

_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    # The workflow-command encoding GitHub documents for a message.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _place(finding: Finding) -> str:
    loc = finding.location
    if loc.sheet and loc.cell:
        return f"{loc.sheet}!{loc.cell}"
    if loc.sheet and loc.row:
        return f"{loc.sheet} row {loc.row}"
    return loc.sheet or ""


def github_commands(report: Report) -> str:
    """One workflow command per finding; the title names the rule and the cell."""
    lines = []
    for finding in report.findings:
        place = _place(finding)
        title = f"{finding.code} {place}".strip()
        properties = [f"file={_escape_property(finding.location.file)}"]
        if finding.location.line:
            properties.append(f"line={finding.location.line}")
        properties.append(f"title={_escape_property(title)}")
        message = f"{finding.message} [{finding.reference}]"
        if finding.hint:
            message += f"\nFix: {finding.hint}"
        level = _GITHUB_LEVEL[finding.severity]
        lines.append(f"::{level} {','.join(properties)}::{_escape_data(message)}")
    return "\n".join(lines)


def _suite(file: str, findings: Iterable[Finding]) -> ElementTree.Element:
    found = list(findings)
    suite = ElementTree.Element(
        "testsuite",
        name=file,
        tests=str(max(1, len(found))),
        failures=str(len(found)),
        errors="0",
    )
    if not found:
        ElementTree.SubElement(suite, "testcase", name="no findings", classname=file)
    for finding in found:
        case = ElementTree.SubElement(
            suite,
            "testcase",
            name=f"{finding.code} {_place(finding)}".strip(),
            classname=file,
        )
        failure = ElementTree.SubElement(
            case,
            "failure",
            message=finding.message,
            type=finding.severity.value,
        )
        failure.text = "\n".join(
            part
            for part in (
                f"{finding.code} ({finding.severity.value}; {finding.reference})",
                finding.message,
                f"Fix: {finding.hint}" if finding.hint else "",
            )
            if part
        )
    return suite


def junit_xml(report: Report) -> str:
    """The report as one JUnit XML document (a test suite per workbook)."""
    root = ElementTree.Element("testsuites", name="ropa check")
    by_file: dict[str, list[Finding]] = {file: [] for file in report.files}
    for finding in report.findings:
        by_file.setdefault(finding.location.file, []).append(finding)
    for file, findings in by_file.items():
        root.append(_suite(file, findings))
    root.set("tests", str(sum(int(s.get("tests", "0")) for s in root)))
    root.set("failures", str(len(report.findings)))
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(root, "unicode")
