"""``ropa rules`` and ``ropa explain`` for people: the rule table, and one rule's documentation."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ropa.check.rule import GROUPS, Rule
from ropa.write.console.findings import SEVERITY_STYLE as _SEVERITY_STYLE


def render_rules(rules: Sequence[Rule], console: Console | None = None) -> None:
    """Print every rule under its family's heading: code, severity, name and reference on one
    line, the summary indented below it. Nothing is squeezed to "…": at 80 columns, or piped
    to a file, the summary wraps instead."""
    console = console or Console()
    order = {prefix: position for position, prefix in enumerate(GROUPS)}
    ranked = sorted(rules, key=lambda rule: (order.get(rule.code[:3], len(order)), rule.code))
    for group, members in groupby(ranked, key=lambda rule: rule.group):
        console.print(Text(group, style="bold underline"))
        for rule in members:
            console.print(_rule_lines(rule))
        console.print()
    console.print(f"{len(rules)} rules. 'ropa explain CODE' shows one in full.", highlight=False)


def _rule_lines(rule: Rule) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, min_width=6)
    grid.add_column(ratio=1)
    head = Text(f"{rule.severity.value:<7} ", style=_SEVERITY_STYLE[rule.severity])
    head.append(rule.name, style="bold")
    head.append(f"  [{rule.reference}]", style="dim")
    grid.add_row(Text(rule.code, style="bold magenta"), head)
    grid.add_row("", Text(rule.summary))
    return grid


def render_explain(rule: Rule, console: Console | None = None) -> None:
    """Print a rule's code, name, severity and reference, its documentation (Markdown), and
    where it is defined (``Defined in ropa/check/rules/...py:42``) when the rule knows."""
    from rich.markdown import Markdown  # markdown-it and its plugins: only for explain

    console = console or Console()
    console.print(
        f"[bold magenta]{rule.code}[/] [bold]{rule.name}[/]  "
        f"({rule.severity.value}; {rule.reference})"
    )
    console.print(Markdown(rule.doc))
    source = getattr(rule, "source", None)
    if source:
        console.print(f"Defined in {source}", style="dim", highlight=False)
