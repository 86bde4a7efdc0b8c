"""JSON and SARIF output: valid against their schemas, and complete."""

from __future__ import annotations

import json

import jsonschema
import pytest
import sarif_pydantic

from ropa.check.registry import all_rules
from ropa.check.report import Report
from ropa.model.findings import Finding, Location, Severity
from ropa.model.resources import load_schema
from ropa.read.config import Config
from ropa.write.sarif import to_sarif
from tests.conftest import CheckRows
from tests.support import TODAY, Rows


@pytest.fixture
def report(rows: Rows, check_rows: CheckRows) -> Report:
    rows["purposes"][0]["lawful_basis"] = "legitmate interest"
    rows["activities"][0].pop("security_measures")
    rows["processors"].append(
        {"processor_id": "X", "name": "Unused", "role": "Processor", "countries": "SE"}
    )
    findings = check_rows(rows, Config(today=TODAY))
    return Report(files=["record.xlsx"], findings=findings, activities=2)


def test_json_output_is_valid_against_schema(report: Report) -> None:
    document = json.loads(json.dumps(report.to_dict()))
    jsonschema.validate(document, load_schema("findings"))
    assert {f["severity"] for f in document["findings"]} == {"error", "warning", "info"}
    assert document["summary"]["total"] == len(document["findings"])


def test_json_finding_has_every_key(report: Report) -> None:
    finding = next(f for f in report.to_dict()["findings"] if f["rule"] == "RP201")
    assert finding["cell"] == f"{finding['column']}{finding['row']}"
    assert set(finding) == {
        "rule",
        "severity",
        "message",
        "reference",
        "file",
        "sheet",
        "row",
        "column",
        "cell",
        "key",
        "hint",
    }
    assert finding["key"] == "HR-01/Pay salaries"  # activity and purpose name the row
    assert "Did you mean" in finding["hint"]


def test_findings_schema_rejects_a_broken_finding() -> None:
    broken = {"findings": [{"rule": "RP201", "severity": "fatal"}], "summary": {}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, load_schema("findings"))


def test_sarif_is_valid_sarif_2_1_0(report: Report) -> None:
    log = to_sarif(report)
    parsed = sarif_pydantic.Sarif.model_validate(json.loads(json.dumps(log)))
    assert parsed.version == "2.1.0"
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in all_rules()]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note"}
        assert result["message"]["text"]
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uri"].endswith(".xlsx")


def test_sarif_points_at_sheet_and_cell() -> None:
    finding = Finding(
        "RP201",
        Severity.ERROR,
        "bad",
        "Art. 6(1)",
        Location("a b/rec.xlsx", "Purposes", 7, "C"),
        "fix",
    )
    result = to_sarif(Report(["a b/rec.xlsx"], [finding], 1))["runs"][0]["results"][0]
    location = result["locations"][0]
    assert location["physicalLocation"]["region"]["startLine"] == 7
    assert location["logicalLocations"][0]["name"] == "Purposes!C7"
    assert result["message"]["text"].endswith("Fix: fix")
