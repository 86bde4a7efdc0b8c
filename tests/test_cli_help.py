"""Every command's --help and usage errors in plain words: no Python types, one error style."""

from __future__ import annotations

import re

import pytest
import typer.main
from typer.testing import CliRunner

from ropa.cli.app import app
from ropa.cli.plain import usage_message


def _commands() -> list[list[str]]:
    """Every command and sub-command of ``ropa``, as the words that name it."""
    found: list[list[str]] = [[]]

    def walk(command: object, path: list[str]) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            found.append([*path, name])
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return found


COMMANDS = _commands()
#: What Python plumbing looks like in a help text.
PLUMBING = re.compile(r"<(?:bool|str|int|float|path|Path|list\[[^\]]*\])>|list\[|Value error")


def test_every_command_is_found() -> None:
    names = {" ".join(path) for path in COMMANDS}
    assert {"init", "import", "check", "rules", "explain", "export", "diff"} <= names
    assert "policy scan" in names


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "ropa")
def test_help_has_no_python_types(path: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage: ropa" in result.stdout
    assert not PLUMBING.search(result.stdout), PLUMBING.search(result.stdout)
    assert "{" not in result.stdout.split("\n", 3)[1]  # the usage line: WORKBOOK..., not {x}


def test_export_help_names_what_each_option_takes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    text = CliRunner().invoke(app, ["export", "--help"]).stdout
    assert "Usage: ropa export [OPTIONS] WORKBOOK..." in text
    assert re.search(r"--format\s+-f\s+xlsx\|pdf\|html\|json\|csv\|md\|docx", text)
    assert re.search(r"--lang\s+-l\s+LANG", text)
    assert re.search(r"--with-findings\s+Add the findings", text)  # a flag: no metavar
    assert re.search(r"--status\s+STATUS", text) and re.search(r"--as-of\s+DATE", text)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["export"], "ropa: error: missing WORKBOOK (see 'ropa export --help')"),
        (
            ["export", "a.xlsx", "-o", "a.pdf", "--format", "nope"],
            "ropa: error: --format: 'nope' is not one of 'xlsx', 'pdf', 'html', 'json', "
            "'csv', 'md', 'docx' (see 'ropa export --help')",
        ),
        (
            ["check", "a.xlsx", "--fail-on", "sometimes"],
            "ropa: error: --fail-on: 'sometimes' is not one of 'error', 'warning', 'info', "
            "'never' (see 'ropa check --help')",
        ),
        (
            ["policy", "scan", "x.md", "--jobs", "many"],
            "ropa: error: --jobs: expected a whole number (see 'ropa policy scan --help')",
        ),
        (["diff", "a.xlsx"], "ropa: error: missing NEW_WORKBOOK (see 'ropa diff --help')"),
        (["export", "--bogus"], "ropa: error: no such option --bogus (see 'ropa export --help')"),
        (["frobnicate"], "ropa: error: no such command 'frobnicate' (see 'ropa --help')"),
        (
            ["init", "a.xlsx", "--lang", "de"],
            "ropa: error: unknown language 'de': use one of en, sv, nb, da, fi",
        ),
    ],
)
def test_usage_errors_are_one_line_in_one_style(argv: list[str], expected: str) -> None:
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 2
    assert result.stderr.strip() == expected
    assert result.stdout == ""


def test_usage_message_drops_the_validator_wording() -> None:
    class Fake(Exception):
        def format_message(self) -> str:
            return "Invalid value for '--max-size': Input should be a valid number, unable to"

    assert usage_message(Fake()) == "--max-size: expected a number"
    assert usage_message(ValueError("Value error, 'x' is wrong.")) == "'x' is wrong"
