"""The README's two set-up commands are the ones CI runs, and its examples exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _commands(text: str) -> list[str]:
    return [
        line.strip()
        for line in text.splitlines()
        if line.strip().startswith("python -m pip install")
    ]


def test_ci_runs_the_readme_commands() -> None:
    readme = _commands((ROOT / "README.md").read_text(encoding="utf-8"))
    ci = _commands((ROOT / ".ci" / "run").read_text(encoding="utf-8"))
    assert readme[:2] == ci[:2]
    assert "ropa check workbooks/" in readme[0]
    assert "[test]" in readme[1] and "pytest" in readme[1]


def test_workbooks_named_in_the_readme_are_shipped() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in set(re.findall(r"workbooks/[\w.-]+\.xlsx", readme)):
        assert (ROOT / name).is_file(), name
