"""``ropa diff`` for people: the changes grouped by sheet, with old and new values."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ropa.check.diff import ADDED, CHANGED, REMOVED, RecordDiff
from ropa.model.schema import record_schema
from ropa.write.changes import change_texts

_STYLE = {ADDED: "green", REMOVED: "red", CHANGED: "yellow"}
_SIGN = {ADDED: "+", REMOVED: "-", CHANGED: "~"}

#: Characters per line of the diff written to a file.
FILE_WIDTH = 160


def render_diff(diff: RecordDiff, console: Console | None = None) -> None:
    """Print the diff: a header, one table per sheet with changes, and a summary line.

    ``console`` defaults to the terminal, without rich's highlighting of numbers and paths.
    """
    console = console or Console(highlight=False)
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


def diff_text(diff: RecordDiff, width: int = FILE_WIDTH) -> str:
    """The diff as :func:`render_diff` prints it, as plain text ``width`` characters wide
    (for ``ropa diff --output FILE``)."""
    console = Console(record=True, width=width, file=io.StringIO())
    render_diff(diff, console)
    return console.export_text()
