"""``ropa diff`` for people: the changes grouped by sheet, with old and new values."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ropa.check.diff import ADDED, CHANGED, REMOVED, Change, RecordDiff
from ropa.model.schema import record_schema
from ropa.write.changes import change_texts
from ropa.write.console.findings import word
from ropa.write.console.plain import plain

_STYLE = {ADDED: "green", REMOVED: "red", CHANGED: "yellow"}
_SIGN = {ADDED: "+", REMOVED: "-", CHANGED: "~"}

#: Characters per line of the diff written to a file.
FILE_WIDTH = 160


#: Below this many columns each change is printed as lines, not as a table row: a five-column
#: table at 80 columns leaves the old and new values no room.
STACK_BELOW = 100


def _table(title: str, changes: list[Change], lang: str = "en") -> Table:
    table = Table(title=title, title_justify="left", expand=True, show_lines=True)
    table.add_column("", no_wrap=True, width=1)
    # Long keys ("HR-03 / Be able to defend ...") and e-mail addresses wrap instead of being
    # cut to "…": the diff is an audit trail and must show the values whole.
    table.add_column(word("diff.row", lang), style="bold", max_width=28, overflow="fold")
    table.add_column(word("diff.field", lang), max_width=24, overflow="fold")
    table.add_column(word("diff.old", lang), ratio=1, overflow="fold")
    table.add_column(word("diff.new", lang), ratio=1, overflow="fold")
    for change in changes:
        title_text, old, new = change_texts(change, lang)
        table.add_row(
            Text(_SIGN[change.kind], style=_STYLE[change.kind]),
            plain(change.key),
            plain(title_text),
            plain(old),
            plain(new),
        )
    return table


def _stacked(console: Console, title: str, changes: list[Change], lang: str = "en") -> None:
    console.print(Text(title, style="bold underline"))
    for change in changes:
        title_text, old, new = change_texts(change, lang)
        head = Text.assemble((_SIGN[change.kind] + " ", _STYLE[change.kind]), plain(change.key))
        if title_text:
            head.append(" · ")
            head.append_text(plain(title_text))
        console.print(head)
        # Label and value side by side: a long value, or a list of one item a line, goes on
        # under its own start ("    old: Employees / Former employees"), never at column 0.
        values = Table.grid(padding=(0, 1, 0, 0))
        values.add_column(no_wrap=True)
        values.add_column(overflow="fold", ratio=1)
        for label, value in (
            (word("diff.old_line", lang), old),
            (word("diff.new_line", lang), new),
        ):
            if value:
                values.add_row(f"    {label}:", plain(value))
        if values.row_count:
            console.print(values)
    console.print()


def render_diff(diff: RecordDiff, console: Console | None = None) -> None:
    """Print the diff: a header, one table per sheet with changes, and a summary line.

    ``console`` defaults to the terminal, without rich's highlighting of numbers and paths.
    """
    console = console or Console(highlight=False)
    lang = diff.lang
    console.print(Text.assemble(("--- ", "red"), plain(diff.old)))
    console.print(Text.assemble(("+++ ", "green"), plain(diff.new)))
    if not diff.has_changes:
        console.print(word("diff.none", lang))
        return
    for sheet in record_schema().sheets:
        changes = diff.of(sheet.key)
        if not changes:
            continue
        if console.width < STACK_BELOW:
            _stacked(console, sheet.title(lang), changes, lang)
        else:
            console.print(_table(sheet.title(lang), changes, lang))
    counts = diff.counts()
    console.print(
        word(
            "diff.counts",
            lang,
            added=counts[ADDED],
            removed=counts[REMOVED],
            changed=counts[CHANGED],
        ),
        style="bold",
    )


def diff_text(diff: RecordDiff, width: int = FILE_WIDTH) -> str:
    """The diff as :func:`render_diff` prints it, as plain text ``width`` characters wide
    (for ``ropa diff --output FILE``)."""
    console = Console(record=True, width=width, file=io.StringIO())
    render_diff(diff, console)
    return console.export_text()
