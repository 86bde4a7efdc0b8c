"""Terminal output stays readable at 80 columns and when piped: it wraps, it never cuts to "…"."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from ropa import api
from ropa.check.registry import all_rules
from ropa.write.console import render_diff, render_rules

ROOT = Path(__file__).resolve().parent.parent


def _printed(render: object, *args: object, width: int = 80) -> str:
    console = Console(file=io.StringIO(), width=width, record=True)
    render(*args, console)  # type: ignore[operator]
    return console.export_text()


def test_rules_at_80_columns_show_every_summary_whole() -> None:
    text = _printed(render_rules, all_rules())
    assert "…" not in text
    for rule in all_rules():
        assert rule.code in text and rule.name in text
    first_words = all_rules()[0].summary.split()[:3]
    assert " ".join(first_words) in " ".join(text.split())
    assert len(text.splitlines()) < 5 * len(all_rules())


def test_rules_are_grouped_by_family() -> None:
    text = _printed(render_rules, all_rules())
    assert text.index("Structure") < text.index("RP101") < text.index("Lawful basis")


def test_diff_at_80_columns_shows_old_and_new_values_whole() -> None:
    changes = api.diff(
        ROOT / "workbooks" / "example-en.xlsx", ROOT / "workbooks" / "flawed-en.xlsx"
    )
    narrow = _printed(render_diff, changes, width=80)
    assert "…" not in narrow
    assert "    old: privacy@havsvik.example" in narrow
    wide = _printed(render_diff, changes, width=160)
    assert "privacy@havsvik.example" in wide and "┃ Old" in wide


def test_diff_at_80_columns_goes_on_under_the_value_not_at_column_0() -> None:
    # A list of one item a line (data subjects) and a description longer than a line: every
    # line after the first starts under the value, so old and new stay apart on the page.
    changes = api.diff(
        ROOT / "workbooks" / "example-en.xlsx", ROOT / "workbooks" / "example-sv.xlsx"
    )
    lines = _printed(render_diff, changes, width=80).splitlines()
    start = next(
        i for i, line in enumerate(lines) if line.startswith("~ HR-01 · Kategorier av reg")
    )
    assert lines[start + 1].startswith("    före:  Employees")
    assert lines[start + 2].startswith("           Former employees")
    assert lines[start + 4].startswith("    efter: Anställda")
    described = next(i for i, line in enumerate(lines) if line.startswith("~ HR-01 · Beskrivning"))
    assert lines[described + 2].startswith("           employment")
