"""The cross-check of a privacy notice against the record (XC rules): the rules' documentation,
the outputs, the command and the shipped examples, built on real workbooks.

Every XC rule's failing and passing cases are data (tests/rules/cases/cross-*.toml).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from ropa.api.check import check_paths, check_workbook
from ropa.check.registry import all_rules
from ropa.check.views.cross import QUOTE_LENGTH, quote_window
from ropa.cli.app import app
from ropa.model.resources import load_schema
from ropa.read.config import Config
from ropa.read.notice.reading import policy_files
from ropa.write.sarif import to_sarif
from tests.support import TODAY, Rows, base_rows, write_record

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
runner = CliRunner()

#: A complete Swedish notice that tells the same story as tests.support's record; the XC
#: cases of tests/rules/cases/cross-*.toml edit it.
GOOD_SV = (ROOT / "tests" / "rules" / "notices" / "good-sv.md").read_text(encoding="utf-8")

#: A notice section that says the data stays in the EU/EEA, where good-sv.md has transfers.
NO_TRANSFERS = (
    "## Överföring till tredje land\n\nVi överför aldrig personuppgifter utanför EU/EES.\n"
)
_TRANSFER = (
    "## Överföring till tredje land\n\nVårt utskicksverktyg behandlar uppgifter i USA. "
    "Överföringen sker med stöd av EU-kommissionens standardavtalsklausuler.\n"
)


def _record(tmp_path: Path, rows: Rows | None = None, policy: str | None = None) -> Path:
    rows = rows or base_rows()
    if policy is not None:
        rows["organisation"][0]["privacy_policy"] = policy
    return write_record(tmp_path / "record.xlsx", rows)


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new)


# The failing and passing cases of every XC rule are data: tests/rules/cases/cross-*.toml.


# --- the rules themselves ------------------------------------------------------------------


def test_every_cross_rule_documents_its_fix_and_article() -> None:
    rules = all_rules("cross")
    assert rules and all(r.code.startswith("XC1") for r in rules)
    for item in rules:
        assert "Fix:" in item.doc, item.code
        assert "Art." in item.reference, item.code
        assert item.group == "Notice against record"


def test_record_rules_do_not_include_cross_rules() -> None:
    assert not [r for r in all_rules("record") if r.code.startswith("XC")]


# --- outputs -----------------------------------------------------------------------------


def _report(tmp_path: Path) -> Any:
    notice = GOOD_SV.replace("Integritetsskyddsmyndigheten (IMY)", "Datainspektionen")
    (tmp_path / "notice.md").write_text(notice, encoding="utf-8")
    path = _record(tmp_path)
    return check_paths([path], Config(today=TODAY), policies=[tmp_path / "notice.md"])


def test_json_has_related_and_is_valid(tmp_path: Path) -> None:
    document = _report(tmp_path).to_dict()
    jsonschema.validate(document, load_schema("findings"))
    crossed = [f for f in document["findings"] if f["rule"] == "XC118"]
    assert crossed and crossed[0]["related"][0]["file"].endswith("notice.md")
    assert "Datainspektionen" in crossed[0]["related"][0]["text"]
    assert crossed[0]["cell"]
    assert all("related" not in f for f in document["findings"] if f["rule"].startswith("RP"))


def test_sarif_has_related_locations(tmp_path: Path) -> None:
    sarif = to_sarif(_report(tmp_path))
    results = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "XC118"]
    related = results[0]["relatedLocations"][0]
    assert related["physicalLocation"]["artifactLocation"]["uri"].endswith("notice.md")
    assert related["physicalLocation"]["region"]["startLine"] >= 1


def test_text_shows_the_notice_line(tmp_path: Path) -> None:
    from rich.console import Console

    from ropa.write.console.findings import render_check as render_text

    console = Console(width=400, record=True, highlight=False)
    render_text(_report(tmp_path), console)
    text = console.export_text()
    assert "XC118" in text
    assert "see: " in text and "notice.md:" in text and "'## Dina rättigheter" not in text
    assert "Datainspektionen" in text


def test_cli_text_output_with_policy(tmp_path: Path) -> None:
    notice = GOOD_SV.replace("Integritetsskyddsmyndigheten (IMY)", "Datainspektionen")
    (tmp_path / "notice.md").write_text(notice, encoding="utf-8")
    path = _record(tmp_path)
    result = runner.invoke(app, ["check", str(path), "--policy", str(tmp_path / "notice.md")])
    assert result.exit_code == 0, result.output
    assert "XC118" in result.output and "see: " in result.output


# --- the command -------------------------------------------------------------------------


def test_cli_policy_option_and_exit_codes(tmp_path: Path) -> None:
    notice = _replace(GOOD_SV, _TRANSFER, NO_TRANSFERS)
    folder = tmp_path / "notices"
    folder.mkdir()
    (folder / "notice.md").write_text(notice, encoding="utf-8")
    path = _record(tmp_path)
    result = runner.invoke(app, ["check", str(path), "--policy", str(folder), "-f", "json"])
    assert result.exit_code == 1, result.output
    assert "XC112" in {f["rule"] for f in json.loads(result.output)["findings"]}
    clean = runner.invoke(app, ["check", str(path), "--policy", str(folder), "--ignore", "XC112"])
    assert clean.exit_code == 0, clean.output


@pytest.mark.parametrize("name", ["missing.md", "notice.xyz"])
def test_cli_unreadable_policy_exits_2(tmp_path: Path, name: str) -> None:
    if name.endswith(".xyz"):
        (tmp_path / name).write_text("text", encoding="utf-8")
    path = _record(tmp_path)
    result = runner.invoke(app, ["check", str(path), "--policy", str(tmp_path / name)])
    assert result.exit_code == 2
    assert "ropa: error:" in result.output and name in result.output


def test_cli_organisation_sheet_policy_is_checked_automatically(tmp_path: Path) -> None:
    (tmp_path / "notice.md").write_text(
        GOOD_SV.replace("556000-0000", "556000-0001"), encoding="utf-8"
    )
    path = _record(tmp_path, policy="notice.md")
    result = runner.invoke(app, ["check", str(path), "-f", "json"])
    assert result.exit_code == 0
    assert [f["rule"] for f in json.loads(result.output)["findings"]] == ["XC116"]


def test_organisation_policy_given_again_speaks_only_for_its_entity(tmp_path: Path) -> None:
    rows = base_rows()
    other = dict(rows["organisation"][0], entity_id="SE02", legal_name="Annat AB")
    other["registration_number"] = "556111-1111"
    rows["organisation"].append(other)
    (tmp_path / "notice.md").write_text(GOOD_SV, encoding="utf-8")
    rows["organisation"][0]["privacy_policy"] = "notice.md"
    path = write_record(tmp_path / "record.xlsx", rows)
    _, named = check_workbook(path, Config(today=TODAY))
    _, given = check_workbook(path, Config(today=TODAY), policies=[tmp_path / "notice.md"])
    assert [f.code for f in named if f.code.startswith("XC")] == []
    assert [f.code for f in given if f.code.startswith("XC")] == []


def test_check_without_policy_does_not_load_notice_libraries(tmp_path: Path) -> None:
    """Without a notice, no language model, HTML, PDF or Word library is loaded."""
    path = _record(tmp_path)
    code = (
        "import sys\n"
        "from ropa.api.check import check_workbook\n"
        f"check_workbook({str(path)!r})\n"
        "heavy = ('lingua', 'bs4', 'pypdf', 'docx', 'charset_normalizer')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]", out.stdout


# --- the shipped examples and real notices -------------------------------------------------


def test_example_notices_are_checked_and_clean() -> None:
    workbook, findings = check_workbook(ROOT / "workbooks" / "example-en.xlsx", Config(today=TODAY))
    links = [r.text("privacy_policy") for r in workbook.rows("organisation")]
    assert links and all(link.startswith("policies/") for link in links)
    assert all((ROOT / "workbooks" / link).is_file() for link in links)
    assert findings == []


def test_flawed_example_shows_off_the_cross_check() -> None:
    _, findings = check_workbook(ROOT / "workbooks" / "flawed-en.xlsx", Config(today=TODAY))
    codes = {f.code for f in findings if f.code.startswith("XC")}
    assert {"XC101", "XC110", "XC112", "XC114", "XC116", "XC118"} <= codes


def test_init_example_elsewhere_has_no_policy_paths(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "x.xlsx"), "--example"])
    assert result.exit_code == 0, result.output
    _, findings = check_workbook(tmp_path / "x.xlsx", Config(today=TODAY))
    assert findings == []


def test_seed_notices_run_through_the_cross_check(tmp_path: Path) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed notices are not available (looked in {SEEDS})")
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        pytest.skip("no seed notices (*.txt) in the seeds folder")
    path = _record(tmp_path)
    report = check_paths([path], Config(today=TODAY), policies=seeds)
    crossed = [f for f in report.findings if f.code.startswith("XC")]
    # Another organisation's notices cannot name this controller.
    assert {f.code for f in crossed} >= {"XC116"}
    assert all(f.location.sheet for f in crossed)


def test_policy_folder_matches_each_notice_to_its_entity(tmp_path: Path) -> None:
    # The shipped notices, a README and another company's notice in one folder: each notice
    # speaks for the entity it names, the README is not a notice, and the other company's
    # notice is one finding instead of one per purpose and kind of data.
    folder = tmp_path / "notices"
    folder.mkdir()
    for notice in (ROOT / "workbooks" / "policies").glob("*.md"):
        (folder / notice.name).write_text(notice.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "README.md").write_text("# Notices\n\nOne notice per country.\n", encoding="utf-8")
    assert [p.name for p in policy_files([folder])] == [
        "flawed-notice.md",
        "privacy-dk.md",
        "privacy-fi.md",
        "privacy-no.md",
        "privacy-se.md",
    ]
    _, findings = check_workbook(
        ROOT / "workbooks" / "example-en.xlsx", Config(today=TODAY), policies=[folder]
    )
    crossed = [f for f in findings if f.code.startswith("XC")]
    assert [f.code for f in crossed] == ["XC127"], [f.message for f in crossed]
    assert "Ljusvik Energi AB" in crossed[0].message
    assert crossed[0].related[0].line == 1


def test_quotes_are_a_window_around_the_matched_words() -> None:
    line = (
        "Du har rätt att få tillgång till dina uppgifter och att få dem rättade eller raderade. "
        "Du kan klaga hos Datainspektionen om du är missnöjd med hur vi behandlar dem."
    )
    quoted = quote_window(line, "Datainspektionen")
    assert "Datainspektionen" in quoted
    assert len(quoted) <= QUOTE_LENGTH
    assert quoted.startswith("…") and quoted.endswith("…")
    # Cut between words, never inside one.
    shown = quoted.strip("…").split()
    assert shown[0] in line.split() and shown[-1] in line.split()
    assert line.startswith(quote_window(line).rstrip("…"))
    assert quote_window("Kort rad.", "rad") == "Kort rad."


@pytest.mark.parametrize("lang", ["en", "sv", "fi"])
def test_a_cross_check_names_the_notice_once(lang: str) -> None:
    """The message names the notice file once; its line is the related location's."""
    workbooks = ROOT / "workbooks"
    _, findings = check_workbook(
        workbooks / "flawed-en.xlsx",
        Config(today=TODAY),
        policies=[workbooks / "policies" / "flawed-notice.md"],
        lang=lang,
    )
    crossed = [f for f in findings if f.code.startswith("XC") and f.related]
    assert len(crossed) >= 5
    for finding in crossed:
        assert finding.message.count("flawed-notice.md") <= 1, finding.message
