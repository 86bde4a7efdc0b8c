"""``ropa policy``: commands for published privacy notices."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ropa.cli.options import (
    ConfigOption,
    FailOn,
    FailOnOption,
    IgnoreOption,
    exit_code,
    fail,
    parse_codes,
)
from ropa.cli.plain import PlainCommand, PlainGroup
from ropa.model.languages import notice_language

policy_app = typer.Typer(
    cls=PlainGroup,
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


@policy_app.command(cls=PlainCommand)
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
    fail_on: FailOnOption = FailOn.error,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", help="Only these rule codes or prefixes (PN1,PN201)."),
    ] = None,
    ignore: IgnoreOption = None,
    max_size: Annotated[
        float, typer.Option("--max-size", help="Refuse files larger than this many MB.", min=0.001)
    ] = 20.0,
    config: ConfigOption = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", help="Worker processes for many notices; 0: one per CPU.", min=0
        ),
    ] = 0,
) -> None:
    """Show each notice's language, sections, Art. 13/14 elements with evidence lines, and
    what is missing."""
    from ropa import api  # the library, loaded when the command runs (docs/architecture.md)
    from ropa.write.console import render_scan
    from ropa.write.json_out import scan_json

    if lang is not None:
        try:
            lang = notice_language(lang)
        except ValueError as exc:
            fail(str(exc))
    try:
        report = api.scan_notices(
            files,
            language=lang,
            max_bytes=int(max_size * 1024 * 1024),
            config=config,
            select=parse_codes(select),
            ignore=parse_codes(ignore),
            jobs=jobs or None,
        )
    except api.USER_ERRORS as exc:
        fail(str(exc))
    if output_format is ScanFormat.json:
        typer.echo(scan_json(report))
    else:
        render_scan(report)
    exit_code(report.failed(fail_on.value))
