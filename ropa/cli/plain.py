"""Help and usage errors in plain words, the same for every command.

Typer writes a parameter's Python type into ``--help`` (``<bool>`` beside a flag,
``<list[Path]>`` beside the workbooks) and passes on its validator's wording in usage errors
("Value error, 'x' is not one of ..."). ropa's commands use :class:`PlainCommand` and
:class:`PlainGroup` instead, which

- give every parameter a metavar a DPO can read: ``WORKBOOK...``, ``FILE``, ``LANG``,
  ``xlsx|pdf|html``; a flag gets none, since it takes no value;
- write the usage line as ``ropa export [OPTIONS] WORKBOOK...``;
- print every usage error as the commands print their own errors, one line on stderr,
  ``ropa: error: <what is wrong> (see 'ropa export --help')``, exit code 2.

A parameter may set its own ``metavar``; :data:`METAVARS` names the others by their name.
"""

from __future__ import annotations

import enum
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, get_args, get_origin

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

try:  # Typer 0.2x carries its own copy of Click
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - older Typer on Click itself
    from click import exceptions as click_errors  # type: ignore[no-redef]

from ropa.cli.options import EXIT_ERROR

#: Metavars by parameter name, for parameters that do not set one.
METAVARS = {
    "workbooks": "WORKBOOK...",
    "sources": "FILE...",
    "files": "NOTICE...",
    "path": "WORKBOOK",
    "old": "OLD_WORKBOOK",
    "new": "NEW_WORKBOOK",
    "code": "CODE_OR_NAME",
    "output": "PATH",
    "config": "FILE",
    "baseline": "FILE",
    "mapping": "FILE",
    "policy": "NOTICE",
    "lang": "LANG",
    "layout": "LAYOUT",
    "entity": "ENTITY_ID",
    "select": "CODES",
    "ignore": "CODES",
    "max_size": "MB",
    "jobs": "N",
}
#: Metavars by the parameter's type, for the rest.
TYPE_METAVARS: dict[Any, str] = {Path: "PATH", str: "TEXT", int: "N", float: "NUMBER"}


class _PlainArgument(TyperArgument):
    def display_type_rich(self, ctx: Any) -> str | None:
        return None  # the metavar in the name column says what it takes


class _PlainOption(TyperOption):
    def display_type_rich(self, ctx: Any) -> str | None:
        return "" if self.is_flag else self.metavar


def _metavar(param: Any) -> str:
    if param.name in METAVARS:
        return METAVARS[param.name]
    annotation = param.type_descriptor.annotation
    if get_origin(annotation) is list:
        annotation = get_args(annotation)[0]
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return "|".join(str(member.value) for member in annotation)
    return TYPE_METAVARS.get(annotation, "VALUE")


def plain(param: Any) -> Any:
    """``param`` with a readable metavar and no Python type in its help."""
    if isinstance(param, TyperOption):
        if param.is_flag:
            param.metavar = ""
        elif param.metavar is None:
            param.metavar = _metavar(param)
        param.__class__ = _PlainOption  # same object, help drawn without the type
    elif isinstance(param, TyperArgument):
        if param.metavar is None:
            param.metavar = _metavar(param)
        param.__class__ = _PlainArgument
    return param


def _usage_pieces(command: Any, ctx: Any) -> list[str]:
    pieces = [command.options_metavar] if command.options_metavar else []
    for param in command.get_params(ctx):
        if isinstance(param, TyperArgument):
            name = param.metavar or param.name.upper()
            if param.nargs != 1 and not name.endswith("..."):
                name += "..."
            pieces.append(name if param.required else f"[{name}]")
    return pieces


class PlainCommand(TyperCommand):
    """A ropa command: readable metavars, a usage line without braces."""

    def get_params(self, ctx: Any) -> list[Any]:
        return [plain(param) for param in super().get_params(ctx)]

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return _usage_pieces(self, ctx)


_WORDING = (
    (re.compile(r"^Value error, "), ""),
    (re.compile(r"Input should be a valid integer.*$"), "expected a whole number"),
    (re.compile(r"Input should be a valid number.*$"), "expected a number"),
    (re.compile(r"^Invalid value for '([^']+)'(?: / '[^']+')?: (?:Value error, )?"), r"\1: "),
    (re.compile(r"^Missing argument '([^']+)'"), r"missing \1"),
    (re.compile(r"^Missing option '([^']+)'(?: / '[^']+')?"), r"missing option \1"),
    (re.compile(r"^No such option: "), "no such option "),
    (re.compile(r"^Got unexpected extra arguments? \((.*)\)$"), r"unexpected \1"),
)


def usage_message(exc: Exception) -> str:
    """A usage error in ropa's words: no validator's prefix, no trailing full stop."""
    text = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    for pattern, replacement in _WORDING:
        text = pattern.sub(replacement, text)
    text = text.strip().rstrip(".")
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _command_path(exc: Any) -> str:
    ctx = getattr(exc, "ctx", None)
    return ctx.command_path if ctx is not None else "ropa"


class PlainGroup(TyperGroup):
    """ropa itself (and ``ropa policy``): its usage errors in the commands' one style."""

    def get_params(self, ctx: Any) -> list[Any]:
        return [plain(param) for param in super().get_params(ctx)]

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        run = (args, prog_name, complete_var, False, windows_expand_args)
        if not standalone_mode:
            return super().main(*run, **extra)
        try:
            code = super().main(*run, **extra)
        except click_errors.NoArgsIsHelpError as exc:
            typer.echo(exc.format_message())  # "ropa" or "ropa policy" alone: the help
            sys.exit(exc.exit_code)
        except click_errors.ClickException as exc:
            from ropa.write.console.plain import safe

            hint = f" (see '{_command_path(exc)} --help')"
            typer.echo(f"ropa: error: {safe(usage_message(exc))}{hint}", err=True)
            sys.exit(EXIT_ERROR if exc.exit_code == 2 else exc.exit_code)
        except typer.Abort:
            typer.echo("ropa: interrupted", err=True)
            sys.exit(EXIT_ERROR)
        sys.exit(code if isinstance(code, int) else 0)
