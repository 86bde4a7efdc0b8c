"""The ``ropa`` Typer application: the commands, each in its own module, registered here."""

from __future__ import annotations

from typing import Annotated

import typer

from ropa.cli.check import check
from ropa.cli.export import diff_command, export_command
from ropa.cli.import_ import import_command
from ropa.cli.init import init
from ropa.cli.plain import PlainCommand, PlainGroup
from ropa.cli.policy import policy_app
from ropa.cli.rules import explain, list_rules
from ropa.model.version import __version__

app = typer.Typer(
    name="ropa",
    cls=PlainGroup,
    help="Keep your GDPR Art. 30 record of processing activities in Excel, and check it like code.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ropa {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Keep your GDPR Art. 30 record of processing activities in Excel, and check it like code."""


app.command(cls=PlainCommand)(init)
app.command("import", cls=PlainCommand)(import_command)
app.command(cls=PlainCommand)(check)
app.command("rules", cls=PlainCommand)(list_rules)
app.command(cls=PlainCommand)(explain)
app.command("export", cls=PlainCommand)(export_command)
app.command("diff", cls=PlainCommand)(diff_command)
app.add_typer(policy_app, name="policy")
