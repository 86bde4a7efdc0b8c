"""The shipped example workbooks: current with their data, clean or flawed as promised."""

from __future__ import annotations

from pathlib import Path

import pytest

from ropa.api.check import check_workbook
from ropa.read.config import Config
from ropa.read.workbook import read_workbook
from ropa.write.examples import SHIPPED, build_workbooks, example_rows
from tests.support import TODAY

ROOT = Path(__file__).resolve().parents[1]


def _content(path: Path) -> dict[str, list[tuple[int, dict[str, object]]]]:
    workbook = read_workbook(path)
    return {
        key: [(r.number, r.values) for r in sheet.rows] for key, sheet in workbook.sheets.items()
    }


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_shipped_workbooks_match_their_data(tmp_path: Path, name: str) -> None:
    build_workbooks(tmp_path)
    assert _content(ROOT / "workbooks" / name) == _content(tmp_path / name), (
        f"workbooks/{name} is stale: run python -m ropa.write.examples workbooks"
    )


@pytest.mark.parametrize("name", ["example-en.xlsx", "example-sv.xlsx"])
def test_examples_check_without_errors_or_warnings(name: str) -> None:
    workbook, findings = check_workbook(ROOT / "workbooks" / name, Config(today=TODAY))
    assert [(f.code, f.location.describe(), f.message) for f in findings] == []
    activities = workbook.rows("activities")
    entities = {r.text("country") for r in workbook.rows("organisation")}
    assert len(activities) >= 25 and len(entities) >= 3


def test_flawed_example_shows_off_the_rules() -> None:
    _, findings = check_workbook(ROOT / "workbooks" / "flawed-en.xlsx", Config(today=TODAY))
    codes = {f.code for f in findings}
    assert len(codes) >= 25, sorted(codes)
    assert {"RP201", "RP301", "RP401", "RP403", "RP701", "RP903"} <= codes
    # One finding of each rule family issue 10 added.
    assert {"RP206", "RP415", "RP907"} <= codes
    # ... and of the DPIA, children, sub-processor, SCC-module and Art. 26 rules.
    assert {"RP208", "RP417", "RP510", "RP703", "RP705", "RP908"} <= codes


@pytest.mark.parametrize("lang", ["nb", "da", "fi"])
def test_init_example_in_other_languages_is_clean(tmp_path: Path, lang: str) -> None:
    from ropa.write.examples import example_for_language
    from ropa.write.template import write_workbook

    path = tmp_path / f"example-{lang}.xlsx"
    write_workbook(path, lang, example_for_language(lang))
    workbook, findings = check_workbook(path, Config(today=TODAY))
    assert workbook.language == lang
    assert findings == []
    assert example_rows("en")["activities"][0]["activity_id"] == workbook.rows("activities")[
        0
    ].text("activity_id")
