"""``ropa rules`` and ``ropa explain`` for people: the rule table, and one rule's documentation."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from ropa.check.rule import Rule


def render_rules(rules: Sequence[Rule], console: Console | None = None) -> None:
    """Print every rule with its code, name, severity, GDPR reference and summary."""
    console = console or Console()
    table = Table(title="ropa rules", header_style="bold", expand=True)
    table.add_column("Code", no_wrap=True, style="bold magenta")
    table.add_column("Name", no_wrap=True)
    table.add_column("Severity", no_wrap=True)
    table.add_column("Reference", max_width=22)
    table.add_column("Summary", ratio=1)
    for rule in rules:
        table.add_row(rule.code, rule.name, rule.severity.value, rule.reference, rule.summary)
    console.print(table)


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
