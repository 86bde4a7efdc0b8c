"""Workbooks as real tools write them, and the CLI's promise: no traceback unless --debug."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table
from typer.testing import CliRunner

from ropa.api.check import check_workbook
from ropa.cli.app import app
from ropa.model.schema import record_schema
from ropa.read.config import Config
from tests.support import TODAY, base_rows, write_record

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def test_excel_style_table_object_and_validation_are_read(tmp_path: Path) -> None:
    def excelish(book) -> None:  # type: ignore[no-untyped-def]
        sheet = book["Purposes"]
        sheet.add_table(Table(displayName="Purposes", ref=f"A1:H{sheet.max_row}"))
        validation = DataValidation(type="list", formula1='"Consent,Contract"', allow_blank=True)
        sheet.add_data_validation(validation)
        validation.add("C2:C100")

    path = write_record(tmp_path / "excel.xlsx", base_rows(), post=excelish)
    workbook, findings = check_workbook(path, Config(today=TODAY))
    assert findings == [] and len(workbook.rows("purposes")) == 3


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice is not installed")
def test_example_as_libreoffice_writes_it(tmp_path: Path) -> None:
    subprocess.run(
        ["libreoffice", "--headless", "--convert-to", "xlsx", "--outdir", str(tmp_path),
         str(ROOT / "workbooks" / "example-sv.xlsx")],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    # The example names its privacy notices relative to the workbook: keep them beside it.
    shutil.copytree(ROOT / "workbooks" / "policies", tmp_path / "policies")
    converted = tmp_path / "example-sv.xlsx"
    workbook, findings = check_workbook(converted, Config(today=TODAY))
    assert findings == [] and len(workbook.rows("activities")) == 30
    report = tmp_path / "report.pdf"
    result = runner.invoke(
        app, ["export", str(converted), "--format", "pdf", "--output", str(report)]
    )
    assert result.exit_code == 0 and report.read_bytes().startswith(b"%PDF")


def test_internal_error_is_one_line_and_debug_shows_the_traceback(tmp_path: Path) -> None:
    path = write_record(tmp_path / "r.xlsx", base_rows())
    boom = (
        "import ropa.api as c; c.check_paths = lambda *a, **k: 1 / 0; "
        "from ropa.cli import main; main()"
    )
    quiet = subprocess.run(
        [sys.executable, "-c", boom, "check", str(path)], capture_output=True, text=True
    )
    assert quiet.returncode == 2
    assert quiet.stderr.strip().count("\n") == 0 and "internal error" in quiet.stderr
    assert "Traceback" not in quiet.stderr
    loud = subprocess.run(
        [sys.executable, "-c", boom, "--debug", "check", str(path)], capture_output=True, text=True
    )
    assert (
        loud.returncode != 0 and "Traceback" in loud.stderr and "ZeroDivisionError" in loud.stderr
    )


_CELL = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=30),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(),
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_generated_workbooks_check_with_exit_0_or_1_and_stay_unchanged(
    tmp_path: Path, data: st.DataObject
) -> None:
    rows = base_rows()
    for sheet in ("activities", "purposes", "processors", "retention"):
        keys = [f.key for f in record_schema().sheet(sheet).fields]
        for row in rows[sheet]:
            for key in data.draw(st.lists(st.sampled_from(keys), max_size=4)):
                value = data.draw(_CELL)
                if not (isinstance(value, str) and value.startswith("=")):
                    row[key] = value
    path = write_record(tmp_path / "generated.xlsx", rows)
    before = path.read_bytes()
    result = runner.invoke(app, ["check", str(path), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    assert path.read_bytes() == before


def test_very_long_cells_empty_formatted_rows_and_numbers_as_text(tmp_path: Path) -> None:
    from openpyxl.styles import PatternFill

    rows = base_rows()
    rows["activities"][0]["description"] = (
        "Lönehantering. " * 2000
    )  # 30,000 characters (Excel max 32,767)
    rows["organisation"][0]["registration_number"] = "5560000000"  # a number stored as text

    def formatted_but_empty(book) -> None:  # type: ignore[no-untyped-def]
        sheet = book["Activities"]
        fill = PatternFill("solid", fgColor="FFF2CC")
        for row in range(4, 5004):  # five thousand formatted, empty rows under the data
            sheet.cell(row=row, column=1).fill = fill
            sheet.cell(row=row, column=5).fill = fill

    path = write_record(tmp_path / "messy.xlsx", rows, post=formatted_but_empty)
    workbook, findings = check_workbook(path, Config(today=TODAY))
    assert findings == []
    assert len(workbook.rows("activities")) == 2
    assert workbook.rows("activities")[0].text("description") == ("Lönehantering. " * 2000).strip()
    assert workbook.rows("organisation")[0].text("registration_number") == "5560000000"


@pytest.mark.parametrize("fmt", ["json", "html", "xlsx"])
def test_excel_style_workbook_is_exported(tmp_path: Path, fmt: str) -> None:
    def excelish(book) -> None:  # type: ignore[no-untyped-def]
        sheet = book["Processors"]
        sheet.add_table(Table(displayName="Processors", ref=f"A1:I{sheet.max_row}"))

    path = write_record(tmp_path / "excel.xlsx", base_rows(), post=excelish)
    before = path.read_bytes()
    output = tmp_path / f"report.{fmt}"
    result = runner.invoke(app, ["export", str(path), "--format", fmt, "--output", str(output)])
    assert result.exit_code == 0, result.output
    assert output.stat().st_size > 1000
    assert path.read_bytes() == before  # the input workbook is never changed
