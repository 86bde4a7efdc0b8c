"""The command line: formats, exit codes, selection, errors without tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ropa.cli.app import app
from tests.support import Rows, base_rows, write_record

runner = CliRunner()


def _record(tmp_path: Path, rows: Rows | None = None, name: str = "record.xlsx") -> Path:
    return write_record(tmp_path / name, rows or base_rows())


def _flawed(tmp_path: Path) -> Path:
    rows = base_rows()
    rows["purposes"][0]["lawful_basis"] = "contrakt"  # error RP201
    rows["activities"][0].pop("security_measures")  # warning RP803
    return _record(tmp_path, rows, "flawed.xlsx")


def test_clean_record_exits_0(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(_record(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "No findings" in result.output


def test_errors_exit_1_and_text_shows_cell_rule_and_article(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(_flawed(tmp_path))])
    assert result.exit_code == 1
    assert "RP201" in result.output and "C2" in result.output and "Art. 6(1)" in result.output
    assert "1 error, 1 warning, 0 info" in result.output


@pytest.mark.parametrize(("fail_on", "code"), [("error", 1), ("warning", 1), ("never", 0)])
def test_fail_on(tmp_path: Path, fail_on: str, code: int) -> None:
    result = runner.invoke(app, ["check", str(_flawed(tmp_path)), "--fail-on", fail_on])
    assert result.exit_code == code


def test_warning_only_passes_fail_on_error_and_fails_fail_on_warning(tmp_path: Path) -> None:
    rows = base_rows()
    rows["activities"][0].pop("security_measures")
    path = _record(tmp_path, rows)
    assert runner.invoke(app, ["check", str(path)]).exit_code == 0
    assert runner.invoke(app, ["check", str(path), "--fail-on", "warning"]).exit_code == 1


def test_select_and_ignore(tmp_path: Path) -> None:
    path = str(_flawed(tmp_path))
    selected = json.loads(
        runner.invoke(app, ["check", path, "-f", "json", "--select", "RP8"]).output
    )
    assert {f["rule"] for f in selected["findings"]} == {"RP803"}
    ignored = runner.invoke(app, ["check", path, "-f", "json", "--ignore", "RP201,RP803"])
    assert ignored.exit_code == 0
    assert json.loads(ignored.output)["findings"] == []


def test_json_and_sarif_formats_are_json(tmp_path: Path) -> None:
    path = str(_flawed(tmp_path))
    data = json.loads(runner.invoke(app, ["check", path, "--format", "json"]).output)
    assert data["summary"]["errors"] == 1
    sarif = json.loads(runner.invoke(app, ["check", path, "--format", "sarif"]).output)
    assert sarif["version"] == "2.1.0"


def test_several_workbooks(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["check", str(_record(tmp_path)), str(_flawed(tmp_path)), "-f", "json"]
    )
    data = json.loads(result.output)
    assert data["summary"]["files"] == 2
    assert {f["file"] for f in data["findings"]} == {str(tmp_path / "flawed.xlsx")}


def test_config_file_beside_workbook(tmp_path: Path) -> None:
    path = _flawed(tmp_path)
    (tmp_path / "ropa.toml").write_text(
        'ignore = ["RP201"]\n[severity]\nRP803 = "error"\n', encoding="utf-8"
    )
    data = json.loads(runner.invoke(app, ["check", str(path), "-f", "json"]).output)
    assert [(f["rule"], f["severity"]) for f in data["findings"]] == [("RP803", "error")]


def test_pyproject_tool_ropa(tmp_path: Path) -> None:
    rows = base_rows()
    rows["activities"][0]["last_reviewed"] = "2026-01-10"
    path = _record(tmp_path, rows)
    (tmp_path / "pyproject.toml").write_text(
        "[tool.ropa]\nreview-interval-months = 3\n", encoding="utf-8"
    )
    data = json.loads(runner.invoke(app, ["check", str(path), "-f", "json"]).output)
    assert "RP801" in {f["rule"] for f in data["findings"]}


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda d: d / "missing.xlsx", "no such file"),
        (lambda d: d, "no workbooks"),
        (lambda d: _write(d / "empty.xlsx", b""), "is empty"),
        (lambda d: _write(d / "notes.xlsx", b"just some text"), "is a text file"),
        (
            lambda d: _write(d / "data.xlsx", b"id;name;basis\n1;Payroll;6.1.b\n"),
            "is a CSV text file",
        ),
    ],
)
def test_unreadable_input_exits_2_with_one_line(tmp_path: Path, make, expected: str) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["check", str(make(tmp_path))])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0]
    assert "Traceback" not in result.output


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_bad_config_exits_2(tmp_path: Path) -> None:
    path = _record(tmp_path)
    (tmp_path / "ropa.toml").write_text("review-intervall = 3\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2 and "unknown setting 'review-intervall'" in result.output


def test_usage_error_exits_2(tmp_path: Path) -> None:
    assert runner.invoke(app, ["check", str(_record(tmp_path)), "--format", "yaml"]).exit_code == 2
    assert runner.invoke(app, ["check"]).exit_code == 2


def test_rules_and_explain_read_the_registry() -> None:
    listed = json.loads(runner.invoke(app, ["rules", "--format", "json"]).output)
    assert any(r["code"] == "RP202" and r["reference"].startswith("Art. 6(1)(f)") for r in listed)
    explained = runner.invoke(app, ["explain", "rp202"])
    assert explained.exit_code == 0 and "balancing test" in explained.output
    unknown = runner.invoke(app, ["explain", "RP999"])
    assert unknown.exit_code == 2 and "no rule 'RP999'" in unknown.output


def test_init_writes_template_and_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "mall.xlsx"
    assert runner.invoke(app, ["init", str(target), "--lang", "sv"]).exit_code == 0
    assert target.stat().st_size > 0
    again = runner.invoke(app, ["init", str(target)])
    assert again.exit_code == 2 and "--force" in again.output
    assert runner.invoke(app, ["init", str(target), "--force"]).exit_code == 0
    assert runner.invoke(app, ["init", str(tmp_path / "x.xlsx"), "--lang", "de"]).exit_code == 2


def test_version_runs_as_a_process() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ropa", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and result.stdout.startswith("ropa ")


def test_a_new_template_is_reported_as_an_empty_record(tmp_path: Path) -> None:
    target = tmp_path / "register.xlsx"
    assert runner.invoke(app, ["init", str(target), "--lang", "sv"]).exit_code == 0
    data = json.loads(runner.invoke(app, ["check", str(target), "-f", "json"]).output)
    assert [(f["rule"], f["sheet"], f["row"]) for f in data["findings"]] == [
        ("RP117", "Organisation", 2),
        ("RP117", "Behandlingar", 2),
    ]


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "workbooks/flawed-en.xlsx"],
        ["policy", "scan", "workbooks/policies/privacy-se.md"],
        ["diff", "workbooks/example-en.xlsx", "workbooks/flawed-en.xlsx"],
        ["rules"],
        ["explain", "RP201"],
    ],
)
def test_a_cp1252_console_gets_every_command_without_an_error(argv: list[str]) -> None:
    """Older Windows consoles and redirected output in cp1252: letters it has stay (å ä ö),
    what it lacks (✓, →) becomes '?', and nothing fails."""
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "COLUMNS": "100"}
    done = subprocess.run(
        [sys.executable, "-m", "ropa", *argv], cwd=root, env=env, capture_output=True, check=False
    )
    assert done.returncode in (0, 1), done.stderr.decode("cp1252", "replace")
    text = done.stdout.decode("cp1252")
    assert text.strip()
    if argv[0] == "policy":
        assert "för" in text  # a letter cp1252 has is kept
