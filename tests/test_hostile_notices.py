"""Hostile notices and hostile text from the red-team report (issue 13): notice parsing
linear in its input, user text shown as text, notice paths kept in the workbook's folder.

The linear-time tests count work, not seconds: a parse that is quadratic in these inputs
would make the pattern or the tree search visit the input thousands of times.
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from rich.console import Console
from typer.testing import CliRunner

from ropa.check.views.cross import EMAIL
from ropa.cli.app import app
from ropa.read.notice import html as html_module
from ropa.read.notice.lexicon import lexicon
from ropa.read.notice.sections import _ATX, markdown_sections
from ropa.write.console.plain import plain, safe

runner = CliRunner()


# --- 3: every reader and pattern linear in its input ------------------------------------------


def _steps(pattern: re.Pattern[str], text: str) -> int:
    """How many start positions a search tries before it gives up (a proxy for its work)."""
    return sum(1 for _ in pattern.finditer(text))


@pytest.mark.parametrize("text", ["1." * 40_000, "a." * 200_000])
def test_email_and_org_patterns_start_only_at_a_token(text: str) -> None:
    # A lookbehind stops the pattern from being tried at every character of a run; with it,
    # the whole line is scanned a few times, whatever its length.
    assert EMAIL.pattern.startswith("(?<!")
    assert EMAIL.search(text) is None
    groups = lexicon("sv").groups
    for name in ("contact", "org", "email"):
        for pattern in groups.get(name, ()):
            assert pattern.search(text) is None or name != "email"


def test_markdown_heading_with_a_long_run_of_spaces() -> None:
    assert "*?" not in _ATX.pattern  # the lazy title was what backtracked
    line = "# a" + " " * 100_000 + "b"
    sections = markdown_sections(["# Integritetspolicy", "", line, "## Closing ##"])
    assert [s.title for s in sections] == [
        "Integritetspolicy",
        "a" + " " * 100_000 + "b",
        "Closing",
    ]


def test_nested_cookie_divs_are_searched_once(monkeypatch: pytest.MonkeyPatch) -> None:
    depth = 3000
    markup = (
        "<html><body>"
        + '<div class="cookie">' * depth
        + "<p>Personuppgiftsansvarig är Exempel AB.</p>"
        + "</div>" * depth
        + '<div class="cookie-box"><button>OK</button></div><p>Kept.</p></body></html>'
    )
    from bs4 import Tag

    calls = {"find": 0}
    original = Tag.find

    def counting(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls["find"] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Tag, "find", counting)
    lines, _ = html_module.html_text(markup)
    assert calls["find"] < 10  # not one subtree search per nested element
    assert "Personuppgiftsansvarig är Exempel AB." in lines and "Kept." in lines
    assert "OK" not in lines  # the banner with a button is still dropped


# --- 6: user text is text: no markup, no terminal escapes -----------------------------------


@pytest.mark.parametrize(
    "text", ["Paying salaries [/b]", "[see appendix 2]", "[link=https://attacker.example]x[/link]"]
)
def test_markup_in_user_text_is_shown_as_written(text: str) -> None:
    console = Console(record=True, width=200, force_terminal=True)
    console.print(plain(text))
    assert console.export_text().strip() == text
    assert "\x1b]8" not in console.export_text(styles=True)


def test_control_sequences_are_neutralised() -> None:
    text = "Pay\x1b[2J\x1b]8;;https://attacker.example\x1b\\click\x9b\x07"
    shown = safe(text)
    assert not any(ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F for ch in shown)
    assert shown.startswith("Pay\\x1b[2J") and safe("\t") == "\t"


def _book(path: Path, description: str, policy: str | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Activities"
    ws.append(["Activity ID", "Activity name", "Description"])
    ws.append(["HR-01", "Payroll", description])
    if policy is not None:
        org = wb.create_sheet("Organisation")
        org.append(["Entity ID", "Legal name", "Privacy policy"])
        org.append(["SE01", "Exempel AB", policy])
    wb.save(path)
    return path


@pytest.mark.parametrize("text", ["Paying salaries [/b]", "Paying salaries [see appendix 2]"])
def test_diff_shows_bracketed_text(tmp_path: Path, text: str) -> None:
    old = _book(tmp_path / "old.xlsx", "Paying salaries")
    new = _book(tmp_path / "new.xlsx", text)
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.exit_code == 0, result.output
    assert text.split("salaries ")[1] in result.output


def test_escape_sequences_in_a_cell_do_not_reach_the_terminal(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "esc.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Activities")
    sheet.write_row(0, 0, ["Activity ID", "Activity name", "Role"])
    sheet.write_row(1, 0, ["HR-01\x1b[2J", "Pay\x1b]8;;https://attacker.example\x1b\\x", "Boss"])
    book.close()
    result = runner.invoke(app, ["check", str(path), "--fail-on", "never"])
    assert "HR-01" in result.output and "\x1b" not in result.output


# --- 7: notice paths from a workbook stay in its folder ------------------------------------


def _outside(tmp_path: Path) -> tuple[Path, Path]:
    secret = tmp_path / "elsewhere" / "notes.md"
    secret.parent.mkdir()
    secret.write_text(
        "# Internal\nWe share data with Google. Contact: ceo.private@corp.example\n",
        encoding="utf-8",
    )
    repo = tmp_path / "repo"
    repo.mkdir()
    return _book(repo / "record.xlsx", "x", str(secret)), secret


def test_a_notice_outside_the_workbook_folder_is_not_read(tmp_path: Path) -> None:
    record, _secret = _outside(tmp_path)
    for fmt in ("text", "sarif", "json"):
        result = runner.invoke(app, ["check", str(record), "--fail-on", "never", "-f", fmt])
        assert result.exit_code == 0, result.output
        assert "ceo.private@corp.example" not in result.output
        assert "We share data with Google" not in result.output
    result = runner.invoke(app, ["check", str(record), "--fail-on", "never", "--select", "XC102"])
    assert "outside the workbook's folder" in result.output
    relative = _book(record.parent / "climb.xlsx", "x", "../elsewhere/notes.md")
    result = runner.invoke(app, ["check", str(relative), "--fail-on", "never", "-f", "json"])
    assert "ceo.private" not in result.output


def test_a_notice_outside_is_read_with_policy_or_the_setting(tmp_path: Path) -> None:
    record, secret = _outside(tmp_path)
    given = runner.invoke(
        app, ["check", str(record), "--fail-on", "never", "--policy", str(secret), "-f", "json"]
    )
    assert "outside the workbook's folder" not in given.output
    (record.parent / "ropa.toml").write_text("allow-notices-outside = true\n")
    allowed = runner.invoke(app, ["check", str(record), "--fail-on", "never", "-f", "json"])
    assert "outside the workbook's folder" not in allowed.output
    assert "notes.md" in allowed.output
    (record.parent / "ropa.toml").write_text('allow-notices-outside = "yes"\n')
    wrong = runner.invoke(app, ["check", str(record)])
    assert wrong.exit_code == 2 and "allow-notices-outside" in wrong.output
