"""The commands' outputs on the shipped examples, byte for byte against tests/golden/pipeline.

These files were written before the package was re-laid out as a pipeline; they pin what
``check``, ``policy scan``, ``export`` and ``diff`` print so that a restructuring cannot change
it unnoticed. Timestamps, hashes and absolute paths are masked. After an intended change of
output, rewrite them with ``ROPA_UPDATE_GOLDEN=1 python -m pytest tests/test_pipeline_golden.py``.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ropa.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden" / "pipeline"

#: (golden file name, command line); ``{out}`` is a temporary output path.
CASES: list[tuple[str, list[str]]] = [
    ("check-example-en.txt", ["check", "workbooks/example-en.xlsx"]),
    ("check-example-sv.json", ["check", "workbooks/example-sv.xlsx", "--format", "json"]),
    ("check-flawed.txt", ["check", "workbooks/flawed-en.xlsx"]),
    ("check-flawed.json", ["check", "workbooks/flawed-en.xlsx", "--format", "json"]),
    ("check-flawed.sarif", ["check", "workbooks/flawed-en.xlsx", "--format", "sarif"]),
    # The record rules' messages in Swedish (an English workbook, --lang sv).
    (
        "check-flawed-sv.json",
        ["check", "workbooks/flawed-en.xlsx", "--lang", "sv", "--select", "RP", "-f", "json"],
    ),
    (
        "check-example-policy.json",
        ["check", "workbooks/example-en.xlsx", "--policy", "workbooks/policies", "-f", "json"],
    ),
    ("scan-policies.txt", ["policy", "scan", "workbooks/policies"]),
    ("scan-policies.json", ["policy", "scan", "workbooks/policies", "--format", "json"]),
    ("diff.txt", ["diff", "workbooks/example-en.xlsx", "workbooks/flawed-en.xlsx"]),
    (
        "diff.json",
        ["diff", "workbooks/example-en.xlsx", "workbooks/flawed-en.xlsx", "--format", "json"],
    ),
    ("rules.json", ["rules", "--format", "json"]),
    ("export-sv.json", ["export", "workbooks/example-sv.xlsx", "-f", "json", "-o", "{out}"]),
    ("export-en.md", ["export", "workbooks/example-en.xlsx", "-f", "md", "-o", "{out}"]),
    (
        "export-group.html",
        [
            "export",
            "workbooks/example-en.xlsx",
            "workbooks/example-sv.xlsx",
            "-f",
            "html",
            "-o",
            "{out}",
            "--with-findings",
        ],
    ),
    (
        "export-flawed-findings.md",
        ["export", "workbooks/flawed-en.xlsx", "-f", "md", "-o", "{out}", "--with-findings"],
    ),
]


def _masked(text: str) -> str:
    # The HTML's print footer is a CSS string of six-digit escapes: read it as text first.
    text = re.sub(r"\\([0-9a-f]{6})", lambda m: chr(int(m.group(1), 16)), text)
    text = re.sub(r"\b[0-9a-f]{64}\b", "<sha256>", text)
    text = re.sub(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d)?([+-]\d\d:\d\d)?", "<timestamp>", text)
    return text.replace(str(ROOT), "<root>")


@pytest.mark.parametrize(("name", "argv"), CASES, ids=[name for name, _ in CASES])
def test_output_unchanged(
    name: str, argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("ROPA_TIME_ZONE", "UTC")  # the reports' times name their zone
    out = tmp_path / name
    result = CliRunner().invoke(app, [arg.replace("{out}", str(out)) for arg in argv])
    assert result.exit_code in (0, 1), result.output
    text = out.read_text(encoding="utf-8") if "{out}" in argv else result.stdout
    text = _masked(text.replace(str(tmp_path), "<tmp>"))
    golden = GOLDEN / name
    if os.environ.get("ROPA_UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    shutil.rmtree(tmp_path, ignore_errors=True)
