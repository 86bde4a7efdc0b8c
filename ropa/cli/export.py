"""``ropa export`` and ``ropa diff``: thin commands over ``ropa.write`` and ``ropa.check.diff``.

Registered in ``ropa.cli.app`` with ``app.command("export")(export_command)`` and
``app.command("diff")(diff_command)``.
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ropa.cli.app import LANGS, fail

if TYPE_CHECKING:
    from ropa.check.diff import RecordDiff


class ExportFormat(str, Enum):
    xlsx = "xlsx"
    pdf = "pdf"
    html = "html"
    json = "json"
    csv = "csv"
    md = "md"


class DiffFormat(str, Enum):
    text = "text"
    json = "json"
    xlsx = "xlsx"


def export_command(
    workbooks: Annotated[
        list[Path], typer.Argument(help="One or more workbooks; several make one group report.")
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The file to write (a folder for csv).")
    ],
    output_format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="xlsx, pdf, html, json, csv or md.")
    ] = ExportFormat.xlsx,
    lang: Annotated[
        str, typer.Option("--lang", "-l", help="Language of the report: en, sv, nb, da or fi.")
    ] = "en",
    entity: Annotated[
        str | None,
        typer.Option("--entity", help="Only this entity id and the activities it carries out."),
    ] = None,
    with_findings: Annotated[
        bool, typer.Option("--with-findings", help="Add the findings of 'ropa check'.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the output if it exists.")
    ] = False,
) -> None:
    """Write the record as a report for the supervisory authority (Art. 30(4))."""
    from ropa.read.workbook import WorkbookError
    from ropa.write import ExportError, export

    if lang not in LANGS:
        fail(f"unknown language '{lang}': use one of {', '.join(LANGS)}")
    try:
        written = export(
            workbooks,
            output_format.value,
            output,
            lang=lang,
            entity=entity,
            with_findings=with_findings,
            force=force,
        )
    except (WorkbookError, ExportError) as exc:
        fail(str(exc))
    where = output if len(written) > 1 else written[0]
    typer.echo(f"Wrote {output_format.value} report {where} ({len(written)} file(s)).")


def diff_command(
    old: Annotated[Path, typer.Argument(help="The earlier version of the workbook.")],
    new: Annotated[Path, typer.Argument(help="The later version of the workbook.")],
    output_format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="text, json or xlsx.")
    ] = DiffFormat.text,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file (needed for xlsx)."),
    ] = None,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit 1 when there are differences, 0 when none."),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the output if it exists.")
    ] = False,
) -> None:
    """Show what changed between two versions of the record: added, removed, changed.

    Exits 0 whether or not anything changed, like 'git diff'; with --exit-code, exits 1
    when there are differences. Input problems exit 2.
    """
    from ropa.check.diff import diff_records
    from ropa.read.workbook import WorkbookError
    from ropa.write.safety import ExportError, atomic_write_text, check_output

    if output_format is DiffFormat.xlsx and output is None:
        fail("--format xlsx needs --output FILE")
    try:
        if output is not None:
            check_output(output, [old, new], force)
        diff = diff_records(old, new)
        if output_format is DiffFormat.xlsx and output is not None:
            from ropa.write.diff_xlsx import write

            write(diff, output)
        elif output_format is DiffFormat.json:
            text = json.dumps(diff.to_dict(), ensure_ascii=False, indent=2, default=str)
            if output is None:
                typer.echo(text)
            else:
                atomic_write_text(output, text + "\n")
        else:
            _render_text(diff, output)
    except (WorkbookError, ExportError) as exc:
        fail(str(exc))
    if output is not None:
        typer.echo(f"Wrote {output_format.value} diff {output}.")
    raise typer.Exit(1 if exit_code and diff.has_changes else 0)


def _render_text(diff: RecordDiff, output: Path | None) -> None:
    import io

    from rich.console import Console

    from ropa.write.diff_text import render_diff
    from ropa.write.safety import atomic_write_text

    if output is None:
        render_diff(diff, Console(highlight=False))
        return
    console = Console(record=True, width=160, file=io.StringIO())
    render_diff(diff, console)
    atomic_write_text(output, console.export_text())
