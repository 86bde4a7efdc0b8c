"""``ropa rules`` and ``ropa explain``: the rule registry, as a table and as documentation."""

from __future__ import annotations

from typing import Annotated

import typer

from ropa.cli.options import fail


def list_rules(
    output_format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """List every rule with its code, severity, GDPR reference and summary."""
    from ropa import api  # the library, loaded when the command runs (docs/architecture.md)
    from ropa.write.console import render_rules
    from ropa.write.json_out import rules_json

    rules = api.rules()
    if output_format == "json":
        typer.echo(rules_json(rules))
    else:
        render_rules(rules)


def explain(
    code: Annotated[str, typer.Argument(help="A rule code or name, e.g. RP202.")],
) -> None:
    """Print the documentation of a rule."""
    from ropa import api  # the library, loaded when the command runs (docs/architecture.md)
    from ropa.write.console import render_explain

    matches = api.find_rules(code)
    if len(matches) > 1:
        codes = " and ".join(item.code for item in matches)
        fail(f"'{code}' is the name of {codes}; give the code (ropa explain {matches[0].code})")
    found = matches[0] if matches else None
    if found is None:
        near = api.nearest_codes(code)
        if near:
            fail(
                f"no rule '{code}'; did you mean {' or '.join(near)}? Run 'ropa rules' to list them"
            )
        fail(f"no rule '{code}'; run 'ropa rules' to list them")
    render_explain(found)
