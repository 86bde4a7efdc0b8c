"""ropa in a pipeline: formats for CI, --output, --baseline, folders, the pre-commit hook and the
example GitHub Actions workflow of docs/ci.md."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest
import sarif_pydantic
import yaml
from typer.testing import CliRunner

from ropa.check.report import Report
from ropa.cli.app import app
from ropa.model.findings import Finding, Location, Severity
from ropa.model.resources import load_schema
from ropa.write.ci_formats import github_commands
from tests.support import Rows, base_rows, write_record

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / ".pre-commit-hooks.yaml"
WORKFLOW = ROOT / "docs" / "examples" / "ropa-check.yml"


def _flawed(path: Path, *, rows: Rows | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = rows or base_rows()
    first = base_rows()["activities"][0]["activity_id"]
    next(a for a in rows["activities"] if a["activity_id"] == first).pop("data_subjects")
    return write_record(path, rows)


def _with_activity_above(rows: Rows) -> Rows:
    """A copy of the second activity, with its purposes, retention and transfers, put first:
    every row of the Activities sheet moves one down."""
    source = rows["activities"][1]["activity_id"]
    for sheet, sheet_rows in rows.items():
        if sheet != "activities":
            copies = [
                dict(r, activity_id="NEW-01") for r in sheet_rows if r.get("activity_id") == source
            ]
            sheet_rows.extend(copies)
    # A new activity of its own (RP805 reports one that differs from another in one field only).
    new = dict(rows["activities"][1], activity_id="NEW-01", name="Customer survey")
    new.update(description="Yearly survey of customer satisfaction", owner="Quality")
    rows["activities"].insert(0, new)
    return rows


def _run(*argv: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, [str(arg) for arg in argv])
    return result.exit_code, result.output


# --- formats ---------------------------------------------------------------------------------


def test_github_format_is_one_workflow_command_per_finding(tmp_path: Path) -> None:
    record = _flawed(tmp_path / "record.xlsx")
    code, output = _run("check", record, "--format", "github")
    assert code == 1
    lines = output.strip().splitlines()
    assert lines and all(
        re.match(r"^::(error|warning|notice) file=[^:]+::\S", line) for line in lines
    )
    assert any("title=RP104 Activities!" in line for line in lines)
    assert all("\n" not in line for line in lines)


def test_github_format_escapes_what_would_end_a_command() -> None:
    finding = Finding(
        "RP104",
        Severity.ERROR,
        "100% empty\nsecond line",
        "Art. 30(1)",
        Location("a,b:c.xlsx", "Activities", 2, "H"),
    )
    (line,) = github_commands(Report(files=["a,b:c.xlsx"], findings=[finding])).splitlines()
    assert line.startswith("::error file=a%2Cb%3Ac.xlsx,title=RP104 Activities!H2::")
    assert line.endswith("::100%25 empty%0Asecond line [Art. 30(1)]")


def test_junit_is_valid_xml_with_a_failure_per_finding(tmp_path: Path) -> None:
    clean = write_record(tmp_path / "clean.xlsx", base_rows())
    flawed = _flawed(tmp_path / "flawed.xlsx")
    code, output = _run("check", clean, flawed, "--format", "junit")
    assert code == 1
    root = ElementTree.fromstring(output.encode("utf-8"))
    suites = root.findall("testsuite")
    assert [suite.get("name") for suite in suites] == [str(clean), str(flawed)]
    assert suites[0].get("failures") == "0" and suites[0].find("testcase") is not None
    failures = suites[1].findall("testcase/failure")
    assert failures and int(root.get("failures", "0")) == len(failures)
    assert any("RP104" in (case.get("name") or "") for case in suites[1].findall("testcase"))


def test_sarif_has_fingerprints_that_survive_inserted_rows(tmp_path: Path) -> None:
    first = _flawed(tmp_path / "a" / "record.xlsx")
    moved = _flawed(tmp_path / "b" / "record.xlsx", rows=_with_activity_above(base_rows()))
    logs = []
    for path in (first, moved):
        _, output = _run("check", path, "--format", "sarif", "--select", "RP104")
        logs.append(json.loads(output))
    sarif_pydantic.Sarif.model_validate(logs[0])
    results = [log["runs"][0]["results"] for log in logs]
    rows_seen = [r[0]["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results]
    assert rows_seen[0] != rows_seen[1], "the finding should have moved down a row"
    prints = [r[0]["partialFingerprints"]["ropaFinding/v1"] for r in results]
    assert prints[0] == prints[1]
    region = results[0][0]["locations"][0]["physicalLocation"]["region"]
    assert region["message"]["text"].startswith("Activities!") and region["startColumn"] >= 1


def test_related_locations_open_from_the_working_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    _, output = _run("check", "workbooks/flawed-en.xlsx", "--format", "sarif")
    related = [
        item["physicalLocation"]["artifactLocation"]["uri"]
        for result in json.loads(output)["runs"][0]["results"]
        for item in result.get("relatedLocations", [])
    ]
    assert related and all((ROOT / uri).is_file() for uri in related)


# --- --output, folders, unreadable inputs -----------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_output_file_is_written_even_when_the_exit_code_is_1(tmp_path: Path, fmt: str) -> None:
    record = _flawed(tmp_path / "record.xlsx")
    report = tmp_path / f"report.{fmt}"
    report.write_text("old", encoding="utf-8")
    code, _ = _run("check", record, "--format", fmt, "--output", report)
    assert code == 1
    text = report.read_text(encoding="utf-8")
    assert "RP104" in text and text != "old"
    if fmt == "json":
        jsonschema.validate(json.loads(text), load_schema("findings"))


def test_output_may_not_be_an_input_or_a_folder(tmp_path: Path) -> None:
    record = _flawed(tmp_path / "record.xlsx")
    assert _run("check", record, "--output", record)[0] == 2
    assert _run("check", record, "--output", tmp_path)[0] == 2


def test_a_folder_is_checked_and_lock_files_are_skipped(tmp_path: Path) -> None:
    _flawed(tmp_path / "records" / "se.xlsx")
    (tmp_path / "records" / "sub").mkdir()
    write_record(tmp_path / "records" / "sub" / "no.xlsx", base_rows())
    (tmp_path / "records" / "~$se.xlsx").write_bytes(b"\x05Karin\x00")
    (tmp_path / "records" / ".git").mkdir()
    write_record(tmp_path / "records" / ".git" / "old.xlsx", base_rows())
    code, output = _run("check", tmp_path / "records", "--format", "json")
    assert code == 1
    summary = json.loads(output)["summary"]
    assert summary["files"] == 2
    code, text = _run("check", tmp_path / "records")
    assert "skipped" in text and "~$se.xlsx" in text and "lock file" in text


def test_an_unreadable_input_does_not_stop_the_others(tmp_path: Path) -> None:
    good = _flawed(tmp_path / "good.xlsx")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    result = CliRunner().invoke(app, ["check", str(broken), str(good), "-f", "json"])
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert document["summary"]["files"] == 1 and document["findings"]
    assert str(broken) in " ".join(document["summary"]["unreadable"])
    assert f"ropa: error: {broken}" in result.stderr


def test_only_unreadable_inputs_is_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"nope")
    code, output = _run("check", broken)
    assert code == 2 and output.count("\n") == 1 and output.startswith("ropa: error:")


# --- baselines -------------------------------------------------------------------------------


def test_baseline_hides_old_findings_and_shows_a_new_one(tmp_path: Path) -> None:
    record = _flawed(tmp_path / "record.xlsx")
    baseline = tmp_path / "baseline.json"
    assert _run("check", record, "-f", "json", "-o", baseline, "--fail-on", "never")[0] == 0
    assert _run("check", record, "--baseline", baseline)[0] == 0
    rows = _with_activity_above(base_rows())
    rows["activities"][1].pop("data_subjects")  # the old finding, one row lower
    rows["purposes"][0]["lawful_basis"] = "legitmate interest"  # a new finding
    write_record(record, rows)
    code, output = _run("check", record, "--baseline", baseline, "-f", "json")
    assert code == 1
    document = json.loads(output)
    assert {f["rule"] for f in document["findings"]} == {"RP201"}
    assert document["summary"]["baselined"] >= 1
    jsonschema.validate(document, load_schema("findings"))


def test_a_baseline_that_is_not_a_report_is_one_line(tmp_path: Path) -> None:
    record = _flawed(tmp_path / "record.xlsx")
    (tmp_path / "b.json").write_text('{"policies": []}', encoding="utf-8")
    code, output = _run("check", record, "--baseline", tmp_path / "b.json")
    assert code == 2 and "not a baseline" in output


# --- the pre-commit hook and the workflow ------------------------------------------------------


def _hook() -> dict[str, object]:
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(hook, dict)
    return hook


def test_the_hook_definition_is_valid() -> None:
    hook = _hook()
    assert hook["id"] == "ropa-check" and hook["entry"] == "ropa check"
    assert hook["language"] == "python"
    files = re.compile(str(hook["files"]))
    exclude = re.compile(str(hook["exclude"]))
    for name in ("record.xlsx", "records/se/record.xlsm", "register.ods"):
        assert files.search(name) and not exclude.search(name)
    assert not files.search("notes.csv") and exclude.search("records/~$record.xlsx")


def _git(repo: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *argv],
        cwd=repo,
        capture_output=True,
        text=True,
        env={
            "GIT_AUTHOR_NAME": "DPO",
            "GIT_AUTHOR_EMAIL": "dpo@example.org",
            "GIT_COMMITTER_NAME": "DPO",
            "GIT_COMMITTER_EMAIL": "dpo@example.org",
            "HOME": str(repo.parent),
            "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin",
            "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-cache"),
        },
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_runs_the_hook_on_a_changed_workbook(tmp_path: Path) -> None:
    """The demonstration of docs/ci.md: the hook as defined, run by pre-commit itself.

    pre-commit would build the hook's own environment from the repository (a download); this
    test uses the same definition with ``language: system`` so it runs the ropa installed here.
    """
    repo = tmp_path / "records"
    repo.mkdir()
    hook = dict(_hook(), language="system")
    config = {"repos": [{"repo": "local", "hooks": [hook]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    assert _git(repo, "init", "-q").returncode == 0
    _git(repo, "add", ".pre-commit-config.yaml")
    assert _git(repo, "commit", "-qm", "config", "--no-verify").returncode == 0
    write_record(repo / "record.xlsx", base_rows())
    _git(repo, "add", "record.xlsx")
    run = [sys.executable, "-m", "pre_commit", "run", "--files", "record.xlsx"]
    clean = subprocess.run(run, cwd=repo, capture_output=True, text=True)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    _flawed(repo / "record.xlsx")
    _git(repo, "add", "record.xlsx")
    planted = subprocess.run(run, cwd=repo, capture_output=True, text=True)
    assert planted.returncode == 1 and "RP104" in planted.stdout


def test_the_workflow_is_well_formed_and_its_commands_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    assert any(
        step.get("uses", "").startswith("github/codeql-action/upload-sarif") for step in steps
    )
    assert any(step.get("uses", "").startswith("actions/upload-artifact") for step in steps)
    commands = [step["run"] for step in steps if str(step.get("run", "")).startswith("ropa ")]
    assert len(commands) == 3
    monkeypatch.chdir(tmp_path)
    _flawed(tmp_path / "records" / "record.xlsx")
    _run(
        "check", "records/", "-f", "json", "-o", "records/ropa-baseline.json", "--fail-on", "never"
    )
    codes = [_run(*shlex.split(command)[1:])[0] for command in commands]
    assert codes == [0, 0, 0], codes
    assert (tmp_path / "ropa.sarif").is_file() and (tmp_path / "record.pdf").is_file()
