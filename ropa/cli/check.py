"""``ropa check``: lint records and render the report as text, JSON, SARIF, GitHub or JUnit."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ropa.cli.options import (
    EXIT_ERROR,
    ConfigOption,
    FailOn,
    FailOnOption,
    IgnoreOption,
    SelectOption,
    exit_code,
    fail,
    parse_codes,
    record_language,
)


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    junit = "junit"


def check(
    workbooks: Annotated[
        list[Path],
        typer.Argument(help="Workbooks (.xlsx, .xlsm, .xls, .ods) or folders of them."),
    ],
    output_format: Annotated[
        CheckFormat,
        typer.Option(
            "--format",
            "-f",
            help="text, json, sarif, github (workflow annotations) or junit (XML).",
        ),
    ] = CheckFormat.text,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Also write the report to this file (written even when the exit code is 1).",
        ),
    ] = None,
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
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            help="A saved --format json report: show only findings it does not have.",
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            "-l",
            help="Language of the findings: en, sv, nb, da or fi "
            "(default: the language of the workbook's headings).",
        ),
    ] = None,
) -> None:
    """Check records of processing activities and report every finding with its cell and article.

    Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 an input could not be read
    or a usage error.
    """
    from ropa import api  # the library, loaded when the command runs (docs/architecture.md)
    from ropa.write.check_output import check_report_text
    from ropa.write.console import render_check
    from ropa.write.console.plain import safe
    from ropa.write.safety import atomic_write_text, check_output

    if lang is not None:
        record_language(lang)
    try:
        if output is not None:  # a report file is replaced run after run, like ruff's
            check_output(output, workbooks, force=True)
        report = api.check(
            workbooks,
            config=config,
            select=parse_codes(select),
            ignore=parse_codes(ignore),
            policies=policy or (),
            baseline=baseline,
            lang=lang,
        )
    except api.USER_ERRORS as exc:
        fail(str(exc))
    text = check_report_text(report, output_format.value)
    if output is not None:
        atomic_write_text(output, text)
    if output_format is CheckFormat.text:
        render_check(report)
    elif output is None:
        typer.echo(text, nl=False)
    for problem in report.errors:
        typer.echo(f"ropa: error: {safe(problem)}", err=True)
    if report.errors:
        raise typer.Exit(EXIT_ERROR)
    exit_code(report.failed(fail_on.value))
