"""``ropa rules`` and ``ropa explain``: the rule registry, as a table and as documentation."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.table import Table

from ropa.check.registry import all_rules, get_rule, nearest_codes
from ropa.cli.options import fail


def list_rules(
    output_format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """List every rule with its code, severity, GDPR reference and summary."""
    rules = all_rules()
    if output_format == "json":
        rows = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "reference": r.reference,
                "summary": r.summary,
            }
            for r in rules
        ]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(title="ropa rules", header_style="bold", expand=True)
    table.add_column("Code", no_wrap=True, style="bold magenta")
    table.add_column("Name", no_wrap=True)
    table.add_column("Severity", no_wrap=True)
    table.add_column("Reference", max_width=22)
    table.add_column("Summary", ratio=1)
    for r in rules:
        table.add_row(r.code, r.name, r.severity.value, r.reference, r.summary)
    Console().print(table)


def explain(
    code: Annotated[str, typer.Argument(help="A rule code or name, e.g. RP202.")],
) -> None:
    """Print the documentation of a rule."""
    found = get_rule(code)
    if found is None:
        near = nearest_codes(code)
        if near:
            fail(
                f"no rule '{code}'; did you mean {' or '.join(near)}? Run 'ropa rules' to list them"
            )
        fail(f"no rule '{code}'; run 'ropa rules' to list them")
    console = Console()
    console.print(
        f"[bold magenta]{found.code}[/] [bold]{found.name}[/]  "
        f"({found.severity.value}; {found.reference})"
    )
    console.print(Markdown(found.doc))
    console.print(f"Defined in {found.source}", style="dim", highlight=False)
