"""``ropa init``: write the template workbook, empty or with the example group."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ropa.cli.options import fail, record_language


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
    from ropa import api  # the library, loaded when the command runs (docs/architecture.md)
    from ropa.write.console import wrote_template

    record_language(lang)
    try:
        api.init_workbook(path, lang=lang, example=example, force=force)
    except api.USER_ERRORS as exc:
        fail(str(exc))
    typer.echo(wrote_template(path, lang, example))
