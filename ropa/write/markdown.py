"""``ropa export --format md``: the report as GitHub markdown, readable in a repository."""

from __future__ import annotations

from pathlib import Path

from ropa.read.group import GroupRecord
from ropa.write.cells import Cell
from ropa.write.control_text import control_facts
from ropa.write.labels import label
from ropa.write.layout import Style, Table
from ropa.write.safety import atomic_write_text
from ropa.write.summary import summary
from ropa.write.tables import report_tables

#: Markdown is read as a document: the spreadsheets' cells, but the findings annex with the
#: errors first, as the page reports (html, pdf) have it.
MARKDOWN = Style(severity_first=True)


def escape(text: str) -> str:
    """Text safe inside a table cell: pipes and brackets escaped (so workbook text never makes
    a link or an image, ``javascript:`` or a tracker), every kind of line break (a lone CR and
    U+2028 too, which would end the table row) as ``<br>``."""
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
    text = text.replace("[", "\\[").replace("]", "\\]")
    lines = text.splitlines()
    return "<br>".join(part.strip() for part in lines) if len(lines) > 1 else text.strip("\r")


def cell_markdown(cell: Cell) -> str:
    if isinstance(cell, list):
        return "<br>".join(escape(item) for item in cell)
    return escape(cell)


def table_markdown(table: Table) -> list[str]:
    lines = [f"## {table.title}", ""]
    if not table.rows:
        return [*lines, table.empty or "—", ""]
    lines.append("| " + " | ".join(escape(h) for h in table.headers) + " |")
    lines.append("|" + "---|" * len(table.headers))
    lines += ["| " + " | ".join(cell_markdown(c) for c in row) + " |" for row in table.rows]
    return [*lines, ""]


def _heading(group: GroupRecord) -> list[str]:
    lang = group.lang
    counts = summary(group)
    generated = group.generated.isoformat(timespec="seconds")
    lines = [f"# {label('report_title', lang)}", ""]
    lines.append(f"- {label('generated', lang)}: {generated}")
    lines.append(f"- {label('version', lang)}: ropa {group.version}")
    lines += [f"- {escape(t)}: {escape(v)}" for t, v in control_facts(group.control, lang)]
    if group.entity:
        lines.append(f"- {label('entity_filter', lang)}: {group.entity}")
    for key in ("entities", "activities", "processors", "transfers", "conflicts"):
        name = label(key if key != "conflicts" else "conflicts_short", lang)
        lines.append(f"- {name}: {counts[key]}")
    return [*lines, ""]


def document(group: GroupRecord) -> str:
    lines = _heading(group)
    for table in report_tables(group, MARKDOWN):
        lines += table_markdown(table)
    return "\n".join(lines).rstrip() + "\n"


def write(group: GroupRecord, output: Path) -> list[Path]:
    return [atomic_write_text(output, document(group))]
