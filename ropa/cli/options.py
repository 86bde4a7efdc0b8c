"""What the commands share: option types, the usage-error exit, and the rule-code parser."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from ropa.model.languages import RECORD_LANGUAGES

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def fail(message: str) -> NoReturn:
    """Print one line to stderr and exit with code 2 (input or usage problem)."""
    from ropa.write.console.plain import safe

    typer.echo(f"ropa: error: {safe(message)}", err=True)
    raise typer.Exit(EXIT_ERROR)


def parse_codes(values: list[str] | None) -> list[str]:
    """--select RP1,RP2 --select RP301 -> ['RP1', 'RP2', 'RP301']."""
    return [
        code.strip().upper() for value in values or [] for code in value.split(",") if code.strip()
    ]


def record_language(lang: str) -> str:
    """The --lang of a record or report, or a usage error."""
    if lang not in RECORD_LANGUAGES:
        fail(f"unknown language '{lang}': use one of {', '.join(RECORD_LANGUAGES)}")
    return lang


def exit_code(failed: bool) -> NoReturn:
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


FailOnOption = Annotated[
    FailOn,
    typer.Option("--fail-on", help="Exit 1 when a finding is at or above this severity."),
]
SelectOption = Annotated[
    list[str] | None,
    typer.Option("--select", help="Only these rule codes or prefixes (RP2,RP401)."),
]
IgnoreOption = Annotated[
    list[str] | None, typer.Option("--ignore", help="Skip these rule codes or prefixes.")
]
ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="A ropa.toml or pyproject.toml to use.")
]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace the output if it exists.")]
