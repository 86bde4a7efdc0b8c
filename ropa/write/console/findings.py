"""``ropa check`` for people: the findings grouped by file and sheet, coloured by severity."""

from __future__ import annotations

import io
from itertools import groupby

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ropa.check.report import Report
from ropa.model.findings import Finding, Related, Severity
from ropa.model.messages import msg
from ropa.write.console.plain import plain, safe

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_STYLE = SEVERITY_STYLE


def word(key: str, lang: str, **params: str | int) -> str:
    """A word of the terminal (``ropa/data/messages/<lang>/console.json``) in ``lang``."""
    return msg(f"console.{key}", **params).render(lang)


def _place(finding: Finding, lang: str) -> str:
    loc = finding.location
    if loc.cell:
        return loc.cell
    if loc.row:
        return word("row", lang, row=loc.row)
    return word("sheet" if loc.sheet else "file", lang)


def _body(finding: Finding, lang: str) -> Text:
    body = plain(finding.message)
    body.append(f"  [{finding.reference}]", style="dim")
    for item in finding.related:
        body.append("\n" + word("see", lang), style="blue")
        body.append(safe(_related(item)))
    if finding.hint:
        body.append("\n" + word("fix", lang), style="green")
        body.append(safe(finding.hint))
    return body


def severity_word(severity: Severity, lang: str) -> str:
    """The severity as the terminal shows it, padded to the language's longest."""
    width = max(len(word(f"severity.{item.value}", lang)) for item in Severity)
    return f"{word(f'severity.{severity.value}', lang):<{width}}"


def _related(item: Related) -> str:
    """``policy.md:42 'quoted line'`` (the file as given; a long line shortened)."""
    name = item.file
    line = item.line
    text = " ".join(item.text.split())
    if len(text) > 70:
        text = text[:69].rstrip() + "…"
    where = f"{name}:{line}" if line else name
    return f"{where} '{text}'" if text else where


def _sheet_table(findings: list[Finding], lang: str) -> Table:
    # A grid keeps long messages indented under their own column when they wrap.
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", no_wrap=True, min_width=8)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for finding in findings:
        table.add_row(
            plain(_place(finding, lang), style="bold"),
            Text(severity_word(finding.severity, lang), style=_STYLE[finding.severity]),
            Text(finding.code, style="bold magenta"),
            _body(finding, lang),
        )
    return table


def render_check(report: Report, console: Console | None = None) -> None:
    """Print the findings grouped by file, then sheet, then a one-line summary.

    ``console`` defaults to the terminal, without rich's highlighting of numbers and paths.
    """
    console = console or Console(highlight=False)
    lang = report.lang
    for file, by_file in groupby(report.findings, key=lambda f: f.location.file):
        console.print(plain(file, style="bold underline"))
        for sheet, by_sheet in groupby(by_file, key=lambda f: f.location.sheet):
            console.print(plain(f" {sheet or word('workbook', lang)}", style="bold blue"))
            console.print(_sheet_table(list(by_sheet), lang))
        console.print()
    for note in report.notes:
        console.print(plain(word("note", lang, note=note), style="dim"))
    if report.baselined:
        known = word("baselined", lang, count=report.baselined)
        console.print(Text(known, style="dim"))
    console.print(summary_line(report))


def check_text(report: Report, width: int = 120) -> str:
    """The findings as :func:`render_check` prints them, as plain text ``width`` characters
    wide (for ``ropa check --output FILE``)."""
    console = Console(record=True, width=width, file=io.StringIO(), highlight=False)
    render_check(report, console)
    return console.export_text()


def summary_line(report: Report) -> Text:
    """'3 errors, 5 warnings, 1 info in 2 workbooks (57 activities).' or 'No findings ...'."""
    lang = report.lang
    where = word("in_workbooks", lang, count=len(report.files), activities=report.activities)
    return counts_line(report.counts(), where, lang)


def counts_line(counts: dict[str, int], where: str, lang: str = "en") -> Text:
    """'1 error, 0 warnings, 2 info <where>.' coloured by severity, or '✓ No findings <where>.'
    (in ``lang``)."""
    if not any(counts.values()):
        return Text(word("no_findings", lang, where=where), style="bold green")
    # The language's order of the counts and the place ("{where}: {counts}." in Finnish).
    before, _, after = word("counts", lang, where=where, counts="\0").partition("\0")
    text = Text(before)
    parts = [
        (counts["error"], "errors", _STYLE[Severity.ERROR]),
        (counts["warning"], "warnings", _STYLE[Severity.WARNING]),
        (counts["info"], "infos", _STYLE[Severity.INFO]),
    ]
    for position, (count, key, style) in enumerate(parts):
        if position:
            text.append(", ")
        text.append(word(key, lang, count=count), style=style if count else "dim")
    text.append(after)
    return text
