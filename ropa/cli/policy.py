"""``ropa policy``: commands for published privacy notices."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ropa.cli.app import FailOn, fail, parse_codes

policy_app = typer.Typer(
    help="Read published privacy notices and check them against GDPR Art. 13 and 14.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


class ScanFormat(str, Enum):
    text = "text"
    json = "json"


@policy_app.callback()
def policy_root() -> None:
    """Read published privacy notices and check them against GDPR Art. 13 and 14."""


@policy_app.command()
def scan(
    files: Annotated[
        list[Path],
        typer.Argument(help="Notices (.txt, .md, .html, .pdf, .docx) or folders of them."),
    ],
    output_format: Annotated[
        ScanFormat, typer.Option("--format", "-f", help="text or json.")
    ] = ScanFormat.text,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang", "-l", help="The notices' language (sv, nb, nn, da, fi, en); default: detect."
        ),
    ] = None,
    fail_on: Annotated[
        FailOn,
        typer.Option("--fail-on", help="Exit 1 when a finding is at or above this severity."),
    ] = FailOn.error,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", help="Only these rule codes or prefixes (PN1,PN201)."),
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", help="Skip these rule codes or prefixes.")
    ] = None,
    max_size: Annotated[
        float, typer.Option("--max-size", help="Refuse files larger than this many MB.", min=0.001)
    ] = 20.0,
    config: Annotated[
        Path | None, typer.Option("--config", help="A ropa.toml or pyproject.toml to use.")
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", help="Worker processes for many notices; 0: one per CPU.", min=0
        ),
    ] = 0,
) -> None:
    """Show each notice's language, sections, Art. 13/14 elements with evidence lines, and
    what is missing."""
    from ropa.check.scan import scan_paths
    from ropa.read.config import ConfigError, load_config
    from ropa.read.notice.language import language_code
    from ropa.read.notice.reading import PolicyReadError

    if lang is not None:
        try:
            lang = language_code(lang)
        except ValueError as exc:
            fail(str(exc))
    try:
        base = load_config(files[0], config) if config else None
        report = scan_paths(
            files,
            language=lang,
            max_bytes=int(max_size * 1024 * 1024),
            config=base,
            select=parse_codes(select),
            ignore=parse_codes(ignore),
            jobs=jobs or None,
        )
    except (PolicyReadError, ConfigError) as exc:
        fail(str(exc))
    if output_format is ScanFormat.json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        from rich.console import Console

        from ropa.write.notice_text import render_report

        render_report(report, Console(highlight=False))
    raise typer.Exit(1 if report.failed(fail_on.value) else 0)
