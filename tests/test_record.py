"""The canonical record: valid against the record schema, with nothing lost."""

from __future__ import annotations

from pathlib import Path

import jsonschema

from ropa.api.check import check_workbook
from ropa.model.resources import load_schema
from ropa.read.config import Config
from ropa.read.record import SOURCE_KEY, record_from_workbook
from ropa.read.workbook import read_workbook
from tests.support import TODAY, base_rows, write_record

ROOT = Path(__file__).resolve().parents[1]


def test_example_record_is_valid_against_the_record_schema() -> None:
    for name in ("example-en.xlsx", "example-sv.xlsx"):
        record = record_from_workbook(read_workbook(ROOT / "workbooks" / name))
        jsonschema.validate(record, load_schema("record"))


def test_schema_violations_of_a_flawed_record_are_the_empty_required_cells() -> None:
    """The schema and rule RP104 agree on what a complete record is."""
    path = ROOT / "workbooks" / "flawed-en.xlsx"
    record = record_from_workbook(read_workbook(path))
    validator = jsonschema.Draft202012Validator(load_schema("record"))
    from_schema = {
        (error.path[0], error.path[1], error.message.split("'")[1])
        for error in validator.iter_errors(record)
    }
    _, findings = check_workbook(path, Config(today=TODAY))
    workbook = read_workbook(path)
    from_rule = set()
    for finding in findings:
        if finding.code == "RP104":
            sheet = next(s for s in workbook.sheets.values() if s.name == finding.location.sheet)
            index = next(i for i, r in enumerate(sheet.rows) if r.number == finding.location.row)
            column = next(
                k for k, c in sheet.columns.items() if sheet.column(k) == finding.location.column
            )
            from_rule.add((sheet.spec.key, index, column))
    assert from_schema == from_rule
    assert from_rule


def test_values_are_canonical_whatever_the_language(tmp_path: Path) -> None:
    rows = base_rows()
    rows["purposes"][0]["lawful_basis"] = "avtal"
    rows["activities"][0]["Internal note"] = "Ask Karin"
    record = record_from_workbook(read_workbook(write_record(tmp_path / "r.xlsx", rows, lang="fi")))
    assert record["purposes"][0]["lawful_basis"] == "b"
    activity = record["activities"][0]
    assert activity["national_id"] is True and activity["criminal_data"] is False
    assert activity["special_categories"] == []
    assert activity["last_reviewed"] == "2026-09-01"
    assert activity["extra"] == {"Internal note": "Ask Karin"}
    assert activity[SOURCE_KEY]["row"] == 2
    assert record["processors"][1]["countries"] == ["IE", "US"]
    assert record["processors"][1]["transfer_mechanism"] == "scc"


def test_unrecognised_values_are_kept_as_written(tmp_path: Path) -> None:
    rows = base_rows()
    rows["purposes"][0]["lawful_basis"] = "contrakt"
    record = record_from_workbook(read_workbook(write_record(tmp_path / "r.xlsx", rows)))
    assert record["purposes"][0]["lawful_basis"] == "contrakt"
