"""ropa import's summary speaks the language of the workbook it writes (issue 12): the layout,
the sheets read, what was written, why a value was kept as written and the next step, on the
terminal and in the JSON summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ropa.cli.app import app
from ropa.model.messages import msg
from ropa.model.schema import record_schema
from tests.test_import import ICO_HEADER, _sheet

runner = CliRunner()

#: A row with a lawful basis and a country ropa cannot read: both are kept as written.
ROW = [
    "HR",
    "Payroll",
    "",
    "Employees",
    "Name; bank account",
    "Pennyworth Payroll Ltd",
    "",
    "Atlantis",
    "",
    "6 years after leaving",
    "MFA",
    "Because we always have",
    "",
]


@pytest.fixture()
def register(tmp_path: Path) -> Path:
    above = [
        ["", "", "Organisation name and contact details"],
        ["", "", "Heronsgate Bakeries Ltd"],
        [],
    ]
    return _sheet(tmp_path / "ico.xlsx", "Template", [ICO_HEADER, ROW], above)


@pytest.mark.parametrize("lang", ["sv", "nb", "da", "fi"])
def test_the_import_summary_speaks_the_target_language(
    register: Path, tmp_path: Path, lang: str
) -> None:
    out = tmp_path / f"record-{lang}.xlsx"
    done = runner.invoke(app, ["import", str(register), "-o", str(out), "--lang", lang])
    assert done.exit_code == 0, done.output
    text = " ".join(done.output.split())
    for english in ("Wrote ", "Next:", "why:", "not understood", "no country ropa knows"):
        assert english not in text, english
    assert msg("import.next", path="").render(lang).strip() in text
    assert msg("import.why.country").render(lang) in text
    assert msg("import.why.basis").render(lang) in text
    assert msg("import.unread", count=2).render(lang) in text
    legal_name = record_schema().sheet("organisation").field("legal_name").title(lang)
    assert f"→ {record_schema().sheet('organisation').title(lang)}" in text
    assert legal_name in text


def test_the_json_summary_gives_the_reasons_in_the_target_language(
    register: Path, tmp_path: Path
) -> None:
    out = tmp_path / "record.xlsx"
    done = runner.invoke(
        app, ["import", str(register), "-o", str(out), "--lang", "fi", "--format", "json"]
    )
    assert done.exit_code == 0, done.output
    summary = json.loads(done.output)
    reasons = {item["why"] for item in summary["not_understood"]}
    assert reasons == {msg("import.why.country").render("fi"), msg("import.why.basis").render("fi")}
    assert summary["sources"][0]["why"].startswith("välilehti")


@pytest.mark.parametrize(
    ("lang", "one", "other"),
    [
        ("en", "1 row read", "2 rows read"),
        ("sv", "1 rad läst", "2 rader lästa"),
        ("nb", "1 rad lest", "2 rader lest"),
        ("da", "1 række læst", "2 rækker læst"),
        ("fi", "1 rivi luettu", "2 riviä luettu"),
    ],
)
def test_the_rows_read_are_counted_in_the_right_number(lang: str, one: str, other: str) -> None:
    def said(count: int) -> str:
        return msg("import.sheet.table", sheet="S", row=1, count=count, columns="").render(lang)

    assert one in said(1)
    assert other in said(2)
