"""``ropa policy scan`` for people: per notice a checklist, sections, entities and findings,
then a one-line summary."""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ropa.check.report import PolicyScan, Report
from ropa.check.views.cross import quote_window
from ropa.model.citations import cite
from ropa.model.findings import Finding
from ropa.model.messages import catalogue
from ropa.model.resources import load_data
from ropa.read.notice.facts import element_keys, jsonable
from ropa.write.console.findings import SEVERITY_STYLE as _STYLE
from ropa.write.console.findings import counts_line, severity_word, word
from ropa.write.console.plain import plain, safe

#: Evidence lines shown per element, and characters per line.
MAX_EVIDENCE = 3
MAX_CHARS = 80


def _clip(text: str, limit: int = MAX_CHARS) -> str:
    text = " ".join(safe(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _checklist(scan: PolicyScan) -> Table:
    lang = scan.lang
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    # An element's name wraps past 48 characters (the longest English one fits).
    table.add_column(max_width=48)
    table.add_column(ratio=1)
    for key in element_keys(scan.elements):
        result = scan.elements[key]
        mark = Text("✓", style="green") if result.present else Text("✗", style="bold red")
        lines = Text()
        for position, (evidence, around) in enumerate(_evidence(scan, result)[:MAX_EVIDENCE]):
            if position:
                lines.append("\n")
            lines.append(f"{evidence.line}: ", style="dim")
            lines.append(f"“{safe(quote_window(evidence.text, around, MAX_CHARS))}”")
        more = len(result.evidence) - MAX_EVIDENCE
        if more > 0:
            lines.append("\n" + word("more", lang, count=more), style="dim")
        name = Text(_element_label(key, lang), style="bold" if result.present else "red")
        article = _element_article(key)
        # English keeps the data's own short form ("Art. 13(1)(a), 14(1)(a)").
        name.append(f"\n{article if lang == 'en' else cite(article, lang)}", style="dim")
        table.add_row(mark, name, lines)
    return table


_MATCHED = re.compile(r"\u201c(.+)\u201d$")


def _evidence(scan: PolicyScan, result: Any) -> list[tuple[Any, str | None]]:
    """An element's evidence lines to show, each with the words that matched on it: body
    lines first (a heading alone discloses nothing), in line order, then headings."""
    headings = {section.line for section in scan.document.sections}
    words = [m.group(1) for why in getattr(result, "why", ()) if (m := _MATCHED.search(why))]
    ordered = sorted(result.evidence, key=lambda e: (e.line in headings, e.line))
    return [
        (evidence, next((w for w in words if w.casefold() in evidence.text.casefold()), None))
        for evidence in ordered
    ]


def _element_label(key: str, lang: str = "en") -> str:
    """An element's name in ``lang`` (console.json), else its English label in the data."""
    if f"console.element.{key}" in catalogue("en"):
        return word(f"element.{key}", lang)
    entry = load_data("policy_elements.json")["elements"].get(key)
    return entry["label"] if entry else key


def _element_article(key: str) -> str:
    entry = load_data("policy_elements.json")["elements"].get(key)
    return entry["article"] if entry else ""


def _entities(entities: Any) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, style="bold")
    table.add_column(ratio=1)
    for key, value in jsonable(entities).items():
        if value in (None, [], {}, ""):
            continue
        if isinstance(value, list):
            shown = "; ".join(_clip(_entity_text(item), 60) for item in value[:8])
            if len(value) > 8:
                shown += f"; (+{len(value) - 8} more)"
        else:
            shown = _clip(_entity_text(value))
        table.add_row(plain(key), plain(shown))
    return table


def _entity_text(value: Any) -> str:
    if isinstance(value, dict):
        for name in ("name", "text", "value", "basis", "period"):
            if value.get(name):
                line = value.get("line")
                return f"{value[name]}" + (f" (line {line})" if line else "")
        return ", ".join(f"{k}={v}" for k, v in value.items() if v not in (None, "", []))
    return str(value)


def _finding_row(table: Table, finding: Finding, lang: str) -> None:
    body = plain(finding.message)
    body.append(f"  [{finding.reference}]", style="dim")
    if finding.hint:
        body.append("\n" + word("fix", lang), style="green")
        body.append(safe(finding.hint))
    line = finding.location.line
    place = word("line", lang, line=line) if line else word("notice", lang)
    table.add_row(
        Text(place, style="bold"),
        Text(severity_word(finding.severity, lang), style=_STYLE[finding.severity]),
        Text(finding.code, style="bold magenta"),
        body,
    )


def render_notice(scan: PolicyScan, console: Console) -> None:
    """One notice: its language and format, the element checklist, sections, entities and
    findings."""
    doc = scan.document
    lang = scan.lang
    console.print(plain(doc.path, style="bold underline"))
    present = sum(1 for result in scan.elements.values() if result.present)
    language = (
        word(f"language.{doc.language}", lang)
        if f"console.language.{doc.language}" in catalogue("en")
        else doc.language
    )
    console.print(
        plain(
            word(
                "notice_summary",
                lang,
                language=language,
                code=doc.language,
                confidence=f"{doc.language_confidence:.2f}",
                format=doc.format,
                lines=len(doc.lines),
                present=present,
                total=len(scan.elements),
            )
        )
    )
    console.print(Text(word("elements", lang), style="bold blue"))
    console.print(_checklist(scan))
    if doc.sections:
        console.print(Text(word("sections", lang), style="bold blue"))
        for section in doc.sections:
            indent = "  " * (section.level - 1)
            console.print(Text(f" {section.line:>5}  {indent}{_clip(section.title, 90)}"))
    entities = _entities(scan.entities)
    if entities.row_count:
        console.print(Text(word("entities", lang), style="bold blue"))
        console.print(entities)
    if scan.findings:
        console.print(Text(word("findings", lang), style="bold blue"))
        table = Table.grid(padding=(0, 1))
        table.add_column(justify="right", no_wrap=True, min_width=8)
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(ratio=1)
        for finding in scan.findings:
            _finding_row(table, finding, scan.lang)
        console.print(table)
    console.print()


def summary_line(report: Report) -> Text:
    """'2 errors, 1 warning, 0 info in 3 notices.' or '✓ No findings in 3 notices.'."""
    where = word("in_notices", report.lang, count=len(report.scans))
    return counts_line(report.counts(), where, report.lang)


def render_scan(report: Report, console: Console | None = None) -> None:
    """Every notice, then the summary line.

    ``console`` defaults to the terminal, without rich's highlighting of numbers and paths.
    """
    console = console or Console(highlight=False)
    for scan in report.scans:
        render_notice(scan, console)
    console.print(summary_line(report))
