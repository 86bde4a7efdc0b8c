"""``ropa import``: bring a record kept in another layout into ropa's workbook."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ropa.cli.options import ForceOption, fail


class ImportFormat(str, Enum):
    text = "text"
    json = "json"


def import_command(
    sources: Annotated[
        list[Path] | None,
        typer.Argument(
            help="The record to import (.xlsx, .xlsm, .xls, .ods, .csv); several make one record."
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="The ropa workbook to write.")
    ] = None,
    layout: Annotated[
        str, typer.Option("--layout", help="auto, or a layout's name (see --list-layouts).")
    ] = "auto",
    mapping: Annotated[
        Path | None, typer.Option("--mapping", help="A mapping file, as --show-mapping prints it.")
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            "-l",
            help="Language of the workbook: en, sv, nb, da or fi (default: the source's).",
        ),
    ] = None,
    show_mapping: Annotated[
        bool, typer.Option("--show-mapping", help="Print the mapping as TOML instead of importing.")
    ] = False,
    list_layouts: Annotated[
        bool, typer.Option("--list-layouts", help="List the layouts import recognises.")
    ] = False,
    output_format: Annotated[
        ImportFormat, typer.Option("--format", "-f", help="text or json (the summary).")
    ] = ImportFormat.text,
    force: ForceOption = False,
) -> None:
    """Read a record kept in another layout (ICO, CNIL, Nordic, a one-sheet register, CSV) and
    write it as a ropa workbook. Then run 'ropa check' on the result."""
    from rich.console import Console  # only when the command runs, not for --version

    from ropa import api  # the library, loaded when the command runs (docs/architecture.md)
    from ropa.write.import_summary import render_import, render_layouts, summary_json
    from ropa.write.targets import import_target

    if list_layouts:
        render_layouts(Console(highlight=False))
        return
    if not sources:
        fail("give the record to import, e.g. ropa import register.xlsx --output record.xlsx")
    try:
        if show_mapping:
            typer.echo(api.show_mapping(sources, layout=layout, mapping=mapping), nl=False)
            return
        if output is None:
            fail("--output RECORD.xlsx is needed (or --show-mapping to see the mapping)")
        target = import_target(output, sources)  # where api.import_record writes
        result = api.import_record(
            sources, output, layout=layout, mapping=mapping, lang=lang, force=force
        )
    except api.USER_ERRORS as exc:
        fail(str(exc))
    if output_format is ImportFormat.json:
        typer.echo(summary_json(result, str(target)))
    else:
        render_import(result, str(target), Console(highlight=False))
