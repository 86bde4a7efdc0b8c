"""Typer commands. Each parses its arguments, calls the library, and renders."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from ropa import __version__

app = typer.Typer(
    name="ropa",
    help="Keep your GDPR Art. 30 record of processing activities in Excel, and check it like code.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

LANGS = ("en", "sv", "nb", "da", "fi")


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def fail(message: str) -> NoReturn:
    """Print one line to stderr and exit with code 2 (input or usage problem)."""
    typer.echo(f"ropa: error: {message}", err=True)
    raise typer.Exit(2)


def parse_codes(values: list[str] | None) -> list[str]:
    """--select RP1,RP2 --select RP301 -> ['RP1', 'RP2', 'RP301']."""
    return [
        code.strip().upper() for value in values or [] for code in value.split(",") if code.strip()
    ]


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


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the workbook (.xlsx).")],
    lang: Annotated[
        str,
        typer.Option(
            "--lang", "-l", help="Language of headers and guidance: en, sv, nb, da or fi."
        ),
    ] = "en",
    example: Annotated[
        bool, typer.Option("--example", help="Fill it with a fictional Nordic group.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")] = False,
) -> None:
    """Write a template workbook with drop-downs, guidance and an Instructions sheet."""
    if lang not in LANGS:
        fail(f"unknown language '{lang}': use one of {', '.join(LANGS)}")
    if path.suffix.lower() != ".xlsx":
        fail(f"{path}: the template is an Excel workbook; give a name ending in .xlsx")
    if path.exists() and not force:
        fail(f"{path} already exists; use --force to replace it")
    from ropa.write.examples import example_for_language
    from ropa.write.template import write_workbook

    write_workbook(path, lang, example_for_language(lang) if example else None)
    what = "example record" if example else "template"
    typer.echo(f"Wrote {what} {path} ({lang}). Next: ropa check {path}")


@app.command()
def check(
    workbooks: Annotated[
        list[Path], typer.Argument(help="One or more workbooks (.xlsx, .xlsm, .ods).")
    ],
    output_format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="text, json or sarif.")
    ] = CheckFormat.text,
    fail_on: Annotated[
        FailOn,
        typer.Option("--fail-on", help="Exit 1 when a finding is at or above this severity."),
    ] = FailOn.error,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", help="Only these rule codes or prefixes (RP2,RP401)."),
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", help="Skip these rule codes or prefixes.")
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="A ropa.toml or pyproject.toml to use.")
    ] = None,
    policy: Annotated[
        list[Path] | None,
        typer.Option(
            "--policy",
            help="A privacy notice (file or folder) to cross-check against the record; repeatable.",
        ),
    ] = None,
) -> None:
    """Check records of processing activities and report every finding with its cell and article."""
    from ropa.check.engine import check_paths
    from ropa.read.config import ConfigError, load_config
    from ropa.read.workbook import WorkbookError

    try:
        base = load_config(workbooks[0], config) if config else None
        report = check_paths(
            workbooks, base, parse_codes(select), parse_codes(ignore), policy or ()
        )
    except (WorkbookError, ConfigError) as exc:
        fail(str(exc))
    except Exception as exc:  # a notice that cannot be read: one line, exit 2
        from ropa.read.notice.reading import PolicyReadError  # only loaded on this error path

        if not isinstance(exc, PolicyReadError):
            raise
        fail(str(exc))
    if output_format is CheckFormat.json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    elif output_format is CheckFormat.sarif:
        from ropa.write.sarif import to_sarif

        typer.echo(json.dumps(to_sarif(report), ensure_ascii=False, indent=2))
    else:
        from rich.console import Console

        from ropa.write.text import render_text

        render_text(report, Console(highlight=False))
    raise typer.Exit(1 if report.failed(fail_on.value) else 0)


@app.command("rules")
def list_rules(
    output_format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """List every rule with its code, severity, GDPR reference and summary."""
    from ropa.check.registry import all_rules

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
    from rich.console import Console
    from rich.table import Table

    table = Table(title="ropa rules", header_style="bold", expand=True)
    table.add_column("Code", no_wrap=True, style="bold magenta")
    table.add_column("Name", no_wrap=True)
    table.add_column("Severity", no_wrap=True)
    table.add_column("Reference", max_width=22)
    table.add_column("Summary", ratio=1)
    for r in rules:
        table.add_row(r.code, r.name, r.severity.value, r.reference, r.summary)
    Console().print(table)


@app.command()
def explain(code: Annotated[str, typer.Argument(help="A rule code, e.g. RP202.")]) -> None:
    """Print the documentation of a rule."""
    from rich.console import Console
    from rich.markdown import Markdown

    from ropa.check.registry import get_rule

    found = get_rule(code)
    if found is None:
        fail(f"no rule '{code}'; run 'ropa rules' to list them")
    console = Console()
    console.print(
        f"[bold magenta]{found.code}[/] [bold]{found.name}[/]  "
        f"({found.severity.value}; {found.reference})"
    )
    console.print(Markdown(found.doc))


def run() -> None:  # pragma: no cover - convenience for `python -m ropa.cli.app`
    app()
    sys.exit(0)


def _register_subcommands() -> None:
    """Commands that live in their own modules (kept thin the same way)."""
    from ropa.cli.export import diff_command, export_command
    from ropa.cli.policy import policy_app

    app.command("export")(export_command)
    app.command("diff")(diff_command)
    app.add_typer(policy_app, name="policy")


_register_subcommands()
