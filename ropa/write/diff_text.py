"""``ropa diff`` for people: the changes grouped by sheet, with old and new values."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ropa.check.diff import ADDED, CHANGED, REMOVED, Change, RecordDiff
from ropa.model.schema import record_schema

_STYLE = {ADDED: "green", REMOVED: "red", CHANGED: "yellow"}
_SIGN = {ADDED: "+", REMOVED: "-", CHANGED: "~"}


def value_text(sheet: str, field: str | None, value: object, lang: str = "en") -> str:
    """A canonical value as the report shows it (labels for codes, lists one per line)."""
    from ropa.write.tables import field_cell

    if value is None:
        return ""
    if field is None or isinstance(value, dict):
        return _row_text(sheet, value, lang) if isinstance(value, dict) else str(value)
    try:
        spec = record_schema().sheet(sheet).field(field)
    except KeyError:
        return str(value)
    cell = field_cell(spec, value, lang)
    return "\n".join(cell) if isinstance(cell, list) else cell


def _row_text(sheet: str, row: dict[str, object], lang: str) -> str:
    """An added or removed row, shortly: its name or purpose or period."""
    for key in ("name", "legal_name", "purpose", "period", "mechanism", "client_controller"):
        if row.get(key):
            return value_text(sheet, key, row[key], lang)
    return ""


def field_title(sheet: str, field: str | None, lang: str = "en") -> str:
    if field is None:
        return ""
    try:
        return record_schema().sheet(sheet).field(field).title(lang)
    except KeyError:
        return field


def change_texts(change: Change, lang: str = "en") -> tuple[str, str, str]:
    """(field title, old text, new text) of a change, ready to show."""
    old = value_text(change.sheet, change.field, change.old, lang)
    new = value_text(change.sheet, change.field, change.new, lang)
    if change.note:
        new = f"{new} ({change.note})"
    return field_title(change.sheet, change.field, lang), old, new


def render_diff(diff: RecordDiff, console: Console) -> None:
    """Print the diff: a header, one table per sheet with changes, and a summary line."""
    console.print(Text.assemble(("--- ", "red"), diff.old))
    console.print(Text.assemble(("+++ ", "green"), diff.new))
    if not diff.has_changes:
        console.print("No changes.")
        return
    for sheet in record_schema().sheets:
        changes = diff.of(sheet.key)
        if not changes:
            continue
        table = Table(title=sheet.title("en"), title_justify="left", expand=True, show_lines=True)
        table.add_column("", no_wrap=True, width=1)
        table.add_column("Row", no_wrap=True, style="bold")
        table.add_column("Field")
        table.add_column("Old", ratio=1)
        table.add_column("New", ratio=1)
        for change in changes:
            title, old, new = change_texts(change)
            style = _STYLE[change.kind]
            table.add_row(Text(_SIGN[change.kind], style=style), change.key, title, old, new)
        console.print(table)
    counts = diff.counts()
    console.print(
        f"{counts[ADDED]} added, {counts[REMOVED]} removed, {counts[CHANGED]} changed",
        style="bold",
    )
