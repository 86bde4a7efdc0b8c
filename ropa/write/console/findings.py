"""``ropa check`` for people: the findings grouped by file and sheet, coloured by severity."""

from __future__ import annotations

import io
from itertools import groupby

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ropa.check.report import Report
from ropa.model.findings import Finding, Related, Severity
from ropa.write.console.plain import plain, safe

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_STYLE = SEVERITY_STYLE


def _place(finding: Finding) -> str:
    loc = finding.location
    if loc.cell:
        return loc.cell
    if loc.row:
        return f"row {loc.row}"
    return "sheet" if loc.sheet else "file"


def _body(finding: Finding) -> Text:
    body = plain(finding.message)
    body.append(f"  [{finding.reference}]", style="dim")
    for item in finding.related:
        body.append("\nsee: ", style="blue")
        body.append(safe(_related(item)))
    if finding.hint:
        body.append("\nfix: ", style="green")
        body.append(safe(finding.hint))
    return body


def _related(item: Related) -> str:
    """``policy.md:42 'quoted line'`` (the file as given; a long line shortened)."""
    name = item.file
    line = item.line
    text = " ".join(item.text.split())
    if len(text) > 70:
        text = text[:69].rstrip() + "…"
    where = f"{name}:{line}" if line else name
    return f"{where} '{text}'" if text else where


def _sheet_table(findings: list[Finding]) -> Table:
    # A grid keeps long messages indented under their own column when they wrap.
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", no_wrap=True, min_width=8)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for finding in findings:
        table.add_row(
            plain(_place(finding), style="bold"),
            Text(f"{finding.severity.value:<7}", style=_STYLE[finding.severity]),
            Text(finding.code, style="bold magenta"),
            _body(finding),
        )
    return table


def render_check(report: Report, console: Console | None = None) -> None:
    """Print the findings grouped by file, then sheet, then a one-line summary.

    ``console`` defaults to the terminal, without rich's highlighting of numbers and paths.
    """
    console = console or Console(highlight=False)
    for file, by_file in groupby(report.findings, key=lambda f: f.location.file):
        console.print(plain(file, style="bold underline"))
        for sheet, by_sheet in groupby(by_file, key=lambda f: f.location.sheet):
            console.print(plain(f" {sheet or '(workbook)'}", style="bold blue"))
            console.print(_sheet_table(list(by_sheet)))
        console.print()
    for note in report.notes:
        console.print(plain(f"note: {note}", style="dim"))
    if report.baselined:
        known = f"{report.baselined} finding{'s' if report.baselined != 1 else ''}"
        console.print(Text(f"{known} already in the baseline not shown.", style="dim"))
    console.print(summary_line(report))


def check_text(report: Report, width: int = 120) -> str:
    """The findings as :func:`render_check` prints them, as plain text ``width`` characters
    wide (for ``ropa check --output FILE``)."""
    console = Console(record=True, width=width, file=io.StringIO(), highlight=False)
    render_check(report, console)
    return console.export_text()


def summary_line(report: Report) -> Text:
    """'3 errors, 5 warnings, 1 info in 2 workbooks (57 activities).' or 'No findings ...'."""
    files = len(report.files)
    where = f"in {files} workbook{'s' if files != 1 else ''} ({report.activities} activities)"
    return counts_line(report.counts(), where)


def counts_line(counts: dict[str, int], where: str) -> Text:
    """'1 error, 0 warnings, 2 info <where>.' coloured by severity, or '✓ No findings <where>.'."""
    if not any(counts.values()):
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
