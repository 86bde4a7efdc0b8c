"""``ropa policy scan``: the scan, the policy rules' documentation, the JSON schema and the command.

Every PN rule's failing and passing cases are data (tests/rules/cases/notice-*.toml), scanned
with the real detector; the fake detector here keeps the report tests independent of it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from ropa.api.notices import scan_paths
from ropa.check.notices import scan_document
from ropa.check.registry import REGISTRY
from ropa.check.report import PolicyScan, Report
from ropa.check.rules.notice import RULES as NOTICE_RULES
from ropa.model.findings import Severity
from ropa.model.resources import schemas_dir
from ropa.read.notice.document import PolicyDocument
from ropa.read.notice.elements import ELEMENT_KEYS

FIXTURES = Path(__file__).parent / "policy_fixtures"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
#: The Art. 13/14 elements the detector reports, in their documented order.
KEYS = list(ELEMENT_KEYS)


# --- a fake detector: "[key]" in a line discloses the element -------------------------------


@dataclass(frozen=True)
class FakeEvidence:
    line: int
    text: str


@dataclass
class FakeResult:
    key: str
    present: bool
    evidence: list[FakeEvidence] = field(default_factory=list)


def fake_detector(lines: Sequence[str], language: str) -> dict[str, FakeResult]:
    results = {key: FakeResult(key, False) for key in KEYS}
    for number, line in enumerate(lines, start=1):
        for key in KEYS:
            if f"[{key}]" in line:
                results[key].present = True
                results[key].evidence.append(FakeEvidence(number, line.strip()))
    return results


def fake_extractor(lines: Sequence[str], language: str) -> dict[str, Any]:
    bases = []
    for number, line in enumerate(lines, start=1):
        if "<consent>" in line:
            bases.append({"basis": "consent", "line": number})
        if "<legitimate>" in line:
            bases.append({"basis": "legitimate_interests", "line": number})
    return {"lawful_bases": bases, "vendors": [], "supervisory_authority": None}


def doc(lines: list[str], language: str = "sv") -> PolicyDocument:
    return PolicyDocument("notice.txt", "txt", "utf-8", lines, language, 1.0, [])


COMPLETE = [f"Line about it [{key}]." for key in KEYS]


def test_policy_rules_are_registered() -> None:
    rules = NOTICE_RULES
    assert rules and all(r.code.startswith(("PN1", "PN2")) for r in rules)
    for item in rules:
        assert item.scope == "policy" and item.doc and "Fix:" in item.doc
        assert item.group.startswith("Notice")
    assert REGISTRY["PN101"].severity is Severity.ERROR
    assert REGISTRY["PN105"].severity is Severity.WARNING


# The failing and passing cases of every PN rule are data: tests/rules/cases/notice-*.toml.


def _validator() -> Any:
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    schemas = {
        name: json.loads((schemas_dir() / name).read_text("utf-8"))
        for name in ("policy.schema.json", "findings.schema.json")
    }
    registry: Registry[Any] = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas.values()
    )
    schema = schemas["policy.schema.json"]
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, registry=registry)


def test_fake_scan_json_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_text("\n".join([*COMPLETE[3:], "Klaga hos Datainspektionen."]), encoding="utf-8")
    report = scan_paths([path], language="sv", detector=fake_detector, extractor=fake_extractor)
    data = report.to_dict()
    _validator().validate(data)
    (policy,) = data["policies"]
    assert policy["file"] == str(path) and policy["language"] == "sv"
    assert list(policy["elements"])[:3] == KEYS[:3]
    assert {f["rule"] for f in policy["findings"]} >= {"PN101", "PN102", "PN201"}


def _report(*scans: PolicyScan) -> Report:
    report = Report(kind="scan")
    for scan in scans:
        report.add_scan(scan)
    return report


def test_fail_on() -> None:
    scan = scan_document(doc(COMPLETE[1:]), detector=fake_detector, extractor=fake_extractor)
    report = _report(scan)
    assert report.failed("error") and report.failed("info") and not report.failed("never")
    only_info = scan_document(
        doc([line for line in COMPLETE if "cookies" not in line]),
        detector=fake_detector,
        extractor=fake_extractor,
    )
    assert not _report(only_info).failed("warning")
    assert _report(only_info).failed("info")


# --- the real detector ----------------------------------------------------------------------


def _real() -> None:
    pytest.importorskip("ropa.read.notice.elements", reason="element detection not written yet")
    pytest.importorskip("ropa.read.notice.entities", reason="entity extraction not written yet")


def _notices() -> list[Path]:
    notices = sorted(FIXTURES.glob("*.txt"))
    if (SEEDS / "labels.json").is_file():
        notices += sorted(SEEDS.glob("*.txt"))
    return notices


def test_real_scan_is_valid_and_evidence_is_real() -> None:
    _real()
    report = scan_paths(_notices())
    _validator().validate(report.to_dict())
    for scan in report.scans:
        lines = scan.document.lines
        for key, result in scan.elements.items():
            assert result.present == bool(result.evidence) or result.present, key
            for evidence in result.evidence:
                assert 1 <= evidence.line <= len(lines), (scan.document.path, key)
                assert evidence.text.strip() in lines[evidence.line - 1], (scan.document.path, key)
        for finding in scan.findings:
            assert finding.location.row is None or 1 <= finding.location.row <= len(lines)


def test_parallel_scan_matches_serial(tmp_path: Path) -> None:
    _real()
    for number in range(30):
        source = sorted(FIXTURES.glob("*.txt"))[number % 6]
        text = source.read_text(encoding="utf-8")
        (tmp_path / f"{number:02d}-{source.name}").write_text(text, encoding="utf-8")
    serial = scan_paths([tmp_path], jobs=1).to_dict()
    parallel = scan_paths([tmp_path], jobs=2).to_dict()
    assert parallel == serial
    assert [p["file"] for p in serial["policies"]] == sorted(str(p) for p in tmp_path.iterdir())


def test_real_scan_of_seed_with_old_authority() -> None:
    _real()
    if not (SEEDS / "labels.json").is_file():
        pytest.skip(f"the seed notices are not here ({SEEDS} is absent)")
    labels = json.loads((SEEDS / "labels.json").read_text("utf-8"))
    name = next(
        n for n, label in labels.items() if label["supervisory_authority"] == "Datainspektionen"
    )
    (scan,) = scan_paths([SEEDS / name]).scans
    outdated = [f for f in scan.findings if f.code == "PN201"]
    assert outdated and "Integritetsskyddsmyndigheten" in outdated[0].message


# --- the command ----------------------------------------------------------------------------


def _app() -> typer.Typer:
    from ropa.cli.policy import policy_app

    app = typer.Typer()
    app.add_typer(policy_app, name="policy")
    return app


runner = CliRunner()


def test_cli_unreadable_input_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(_app(), ["policy", "scan", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert "no such file" in result.output
    result = runner.invoke(_app(), ["policy", "scan", str(FIXTURES / "sv.txt"), "--lang", "de"])
    assert result.exit_code == 2 and "unknown language" in result.output
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 4096)
    result = runner.invoke(_app(), ["policy", "scan", str(big), "--max-size", "0.001"])
    assert result.exit_code == 2 and "larger than the limit" in result.output


def test_cli_json_and_exit_codes() -> None:
    _real()
    path = str(FIXTURES / "en.txt")
    result = runner.invoke(
        _app(), ["policy", "scan", path, "--format", "json", "--fail-on", "never"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    _validator().validate(data)
    assert data["policies"][0]["language"] == "en"
    codes_found = {f["rule"] for f in data["policies"][0]["findings"]}
    severities = {f["severity"] for f in data["policies"][0]["findings"]}
    expected = 1 if "error" in severities else 0
    result = runner.invoke(_app(), ["policy", "scan", path, "--format", "json"])
    assert result.exit_code == expected
    if codes_found:
        result = runner.invoke(_app(), ["policy", "scan", path, "--fail-on", "info"])
        assert result.exit_code == 1
    result = runner.invoke(
        _app(), ["policy", "scan", path, "--ignore", "PN", "--fail-on", "info", "-f", "json"]
    )
    assert result.exit_code == 0 and json.loads(result.output)["policies"][0]["findings"] == []


def test_cli_text_output() -> None:
    _real()
    result = runner.invoke(_app(), ["policy", "scan", str(FIXTURES), "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    assert "sv.txt" in result.output and "Elements" in result.output and "Sections" in result.output
    assert "✓" in result.output
    assert "notices." in result.output.splitlines()[-1] or "notices" in result.output


def test_every_element_has_a_label_and_article() -> None:
    from ropa.model.resources import load_data
    from ropa.read.notice.elements import ELEMENT_KEYS

    elements = load_data("policy_elements.json")["elements"]
    assert set(elements) == set(ELEMENT_KEYS)
    assert all(entry["label"] and entry["article"] for entry in elements.values())
