"""``ropa check`` on a workbook in another layout says what it saw, not which sheets it lacks."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from ropa.api.check import check_workbook
from ropa.cli.app import app
from ropa.read.config import Config
from tests.support import TODAY, base_rows, write_record
from tests.test_import import ICO_HEADER

#: The ICO controller template's headings (the import tests' list, without the last two).
ICO_HEADINGS = ICO_HEADER[:-2]


def _ico_sheet(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Controller"
    sheet["A1"] = "Record of processing activities, Fjordlys Ltd (fictional)"
    sheet.append([])
    sheet.append(ICO_HEADINGS)
    sheet.append(["HR", "Payroll", "", "Employees", "Bank details", "Payroll bureau"])
    book.save(path)
    return path


def test_a_record_in_the_ico_layout_is_one_finding_that_says_to_import(tmp_path: Path) -> None:
    path = _ico_sheet(tmp_path / "ico.xlsx")
    _, findings = check_workbook(path, Config(today=TODAY))
    assert [f.code for f in findings if f.severity.value == "error"] == ["RP118"]
    (finding,) = [f for f in findings if f.code == "RP118"]
    assert "'Controller'" in finding.message and "ICO" in finding.message
    assert finding.hint and f"ropa import {path}" in finding.hint
    assert not {"RP101", "RP102"} & {f.code for f in findings}


def test_a_workbook_of_notes_shows_its_first_rows(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["Meeting notes", "Budget 2026"])
    book.save(tmp_path / "notes.xlsx")
    _, findings = check_workbook(tmp_path / "notes.xlsx", Config(today=TODAY))
    (finding,) = [f for f in findings if f.code == "RP118"]
    assert "no layout ropa knows fits it" in finding.message
    assert "'Meeting notes'" in finding.message


def test_the_cli_prints_the_advice(tmp_path: Path) -> None:
    path = _ico_sheet(tmp_path / "ico.xlsx")
    result = CliRunner().invoke(app, ["check", str(path)])
    assert result.exit_code == 1
    assert "RP118" in result.output and "ropa import" in result.output
    assert "RP101" not in result.output


def test_a_sheet_without_a_header_row_says_what_it_holds(tmp_path: Path) -> None:
    """A ropa workbook whose Purposes headings are misspelt: the finding lists what the first
    rows hold and, for each expected column, the heading it may be."""
    rows = base_rows()
    path = write_record(tmp_path / "record.xlsx", rows)
    book = openpyxl.load_workbook(path)
    sheet = book["Purposes"]
    misspelt = ["Activty ID", "Purpse", "Lawfull basis"]
    for position, cell in enumerate(sheet[1]):
        cell.value = misspelt[position] if position < len(misspelt) else None
    book.save(path)
    _, findings = check_workbook(path, Config(today=TODAY))
    (finding,) = [f for f in findings if f.code == "RP102" and f.location.sheet == "Purposes"]
    assert "They hold: 'Activty ID', 'Purpse', 'Lawfull basis'" in finding.message
    assert finding.hint and "'Purpse' for 'Purpose'" in finding.hint
