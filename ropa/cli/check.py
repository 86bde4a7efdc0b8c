"""``ropa check``: lint records and render the report as text, JSON or SARIF."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ropa import api
from ropa.cli.options import (
    ConfigOption,
    FailOn,
    FailOnOption,
    IgnoreOption,
    SelectOption,
    exit_code,
    fail,
    parse_codes,
)
from ropa.write.console import render_check
from ropa.write.json_out import check_json, sarif_json


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"


def check(
    workbooks: Annotated[
        list[Path], typer.Argument(help="One or more workbooks (.xlsx, .xlsm, .ods).")
    ],
    output_format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="text, json or sarif.")
    ] = CheckFormat.text,
    fail_on: FailOnOption = FailOn.error,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config: ConfigOption = None,
    policy: Annotated[
        list[Path] | None,
        typer.Option(
            "--policy",
            help="A privacy notice (file or folder) to cross-check against the record; repeatable.",
        ),
    ] = None,
) -> None:
    """Check records of processing activities and report every finding with its cell and article."""
    try:
        report = api.check(
            workbooks,
            config=config,
            select=parse_codes(select),
            ignore=parse_codes(ignore),
            policies=policy or (),
        )
    except api.USER_ERRORS as exc:
        fail(str(exc))
    if output_format is CheckFormat.json:
        typer.echo(check_json(report))
    elif output_format is CheckFormat.sarif:
        typer.echo(sarif_json(report))
    else:
        render_check(report)
    exit_code(report.failed(fail_on.value))
