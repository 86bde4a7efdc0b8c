"""The human-readable report: grouped by file and sheet, coloured by severity."""

from __future__ import annotations

from itertools import groupby

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from ropa.check import Report
from ropa.findings import Finding, Severity

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _place(finding: Finding) -> str:
    loc = finding.location
    if loc.cell:
        return loc.cell
    if loc.row:
        return f"row {loc.row}"
    return "sheet" if loc.sheet else "file"


def _render_finding(console: Console, finding: Finding) -> None:
    line = Text("  ")
    line.append(f"{_place(finding):>7} ", style="bold")
    line.append(f"{finding.severity.value:<7} ", style=_STYLE[finding.severity])
    line.append(f"{finding.code} ", style="bold magenta")
    line.append(finding.message)
    line.append(f"  [{finding.reference}]", style="dim")
    console.print(line)
    if finding.hint:
        console.print(f"          [green]fix:[/green] {escape(finding.hint)}", highlight=False)


def render_text(report: Report, console: Console) -> None:
    """Print the findings grouped by file, then sheet, then a one-line summary."""
    for file, by_file in groupby(report.findings, key=lambda f: f.location.file):
        console.print(Text(file, style="bold underline"))
        for sheet, by_sheet in groupby(by_file, key=lambda f: f.location.sheet):
            console.print(Text(f" {sheet or '(workbook)'}", style="bold blue"))
            for finding in by_sheet:
                _render_finding(console, finding)
        console.print()
    console.print(summary_line(report))


def summary_line(report: Report) -> Text:
    """'3 errors, 5 warnings, 1 info in 2 workbooks (57 activities)' or 'All clear'."""
    counts = report.counts()
    files = len(report.files)
    where = f"in {files} workbook{'s' if files != 1 else ''} ({report.activities} activities)"
    if not report.findings:
        return Text(f"✓ No findings {where}.", style="bold green")
    text = Text()
    parts = [
        (counts["error"], "error", "errors", _STYLE[Severity.ERROR]),
        (counts["warning"], "warning", "warnings", _STYLE[Severity.WARNING]),
        (counts["info"], "info", "info", _STYLE[Severity.INFO]),
    ]
    for position, (count, one, many, style) in enumerate(parts):
        if position:
            text.append(", ")
        text.append(f"{count} {one if count == 1 else many}", style=style if count else "dim")
    text.append(f" {where}.")
    return text
