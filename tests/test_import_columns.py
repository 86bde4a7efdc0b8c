"""ropa import: no column of the source disappears.

A column ropa has no field for is kept as an extra column, also when it is empty (a template
not yet filled in, or an optional ICO column nobody has used yet): the DPO keeps the
template's columns and fills them in later. The summary says which columns are kept empty.
A column with values but no heading is kept under its letter. The organisations are fictional.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

import ropa
from ropa.cli.app import app
from ropa.model.messages import render
from ropa.read.workbook import read_workbook
from tests.test_import import ICO_HEADER

runner = CliRunner()

EMPTY = ["Has a personal data breach occurred?", "Link to record of personal data breach"]


def _book(path: Path, title: str, rows: list[list]) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = title
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def _headings(path: Path, sheet: str) -> list[str]:
    ws = openpyxl.load_workbook(path)[sheet]
    return [str(c.value) for c in ws[1] if c.value is not None]


def test_empty_unmapped_columns_are_kept_and_the_summary_says_so(tmp_path: Path) -> None:
    header = [*ICO_HEADER, *EMPTY]
    row = ["HR", "Payroll", "", "Employees", "Bank account", "Pennyworth Payroll Ltd"]
    row += ["https://contracts.example/pw", "", "", "6 years", "MFA", "Legal obligation", ""]
    source = _book(tmp_path / "ico.xlsx", "Template", [header, [*row, "", ""]])
    out = tmp_path / "record.xlsx"
    result = ropa.import_record([source], out)
    sheet = result.sources[0].sheets[0]
    # "Rights available to individuals" and the two ICO columns after it hold no value.
    assert sheet.empty_extras == ["Rights available to individuals", *EMPTY]
    assert set(sheet.empty_extras) <= set(sheet.extras)
    assert result.empty_columns == {"activities": ["Rights available to individuals", *EMPTY]}
    headings = _headings(out, "Activities")
    assert "Link to contract with processor" in headings  # an extra with a value
    assert all(h in headings for h in EMPTY)  # and the empty ones, headed, to fill in
    done = runner.invoke(app, ["import", str(source), "-o", str(tmp_path / "t.xlsx")])
    assert done.exit_code == 0
    assert "3 of them empty in the source, kept as empty columns" in " ".join(done.output.split())
    assert "extra column, empty in the source" in done.output
    shown = runner.invoke(
        app, ["import", str(source), "-o", str(tmp_path / "j.xlsx"), "--format", "json"]
    )
    summary = json.loads(shown.output)
    assert summary["extras_empty_in_source"] == 3
    assert summary["sources"][0]["sheets"][0]["extras_empty_in_source"][1:] == EMPTY
    # The written record reads back with its one activity; the empty columns change nothing.
    assert len(read_workbook(out).rows("activities")) == 1


def test_an_empty_template_keeps_its_columns(tmp_path: Path) -> None:
    source = _book(tmp_path / "blank.xlsx", "Template", [[*ICO_HEADER, *EMPTY]])
    out = tmp_path / "record.xlsx"
    result = ropa.import_record([source], out)
    assert result.rows["activities"] == []
    headings = _headings(out, "Activities")
    for heading in ("Link to contract with processor", "Rights available to individuals", *EMPTY):
        assert heading in headings


def test_a_column_without_a_heading_is_kept_under_its_letter(tmp_path: Path) -> None:
    source = _book(
        tmp_path / "reg.xlsx",
        "Register",
        [
            ["Activity name", "Purpose", "Lawful basis", None],
            ["Payroll", "Pay staff", "Contract", "reviewed by Kim in May"],
        ],
    )
    out = tmp_path / "record.xlsx"
    result = ropa.import_record([source], out)
    assert result.rows["activities"][0]["Column D"] == "reviewed by Kim in May"
    assert "Column D" in result.sources[0].sheets[0].extras
    assert "Column D" in _headings(out, "Activities")


def test_a_transfer_register_keeps_its_other_columns(tmp_path: Path) -> None:
    source = tmp_path / "transfers.csv"
    source.write_text(
        "Service,Purpose,Destination country/region,Contractual fallback if DPF not relied "
        "upon,Notes\n"
        "Mailer Inc,Newsletters,USA,SCC,renewed 2026\n"
        ",Backups,,,to be checked\n",
        encoding="utf-8",
    )
    result = ropa.import_record([source], tmp_path / "record.xlsx")
    assert result.sources[0].layout == "transfer-register"
    rows = result.rows["transfers"]
    assert rows[0]["country"] == "US" and rows[0]["Purpose"] == "Newsletters"
    assert rows[0]["Notes"] == "renewed 2026" and rows[0]["Imported from"].endswith("row 2")
    # A line with neither country nor recipient still keeps what it says.
    assert rows[1]["Purpose"] == "Backups" and rows[1]["Notes"] == "to be checked"


def test_guidance_under_the_header_and_notes_under_the_data_are_no_activities(
    tmp_path: Path,
) -> None:
    guidance = ["e.g. Finance, HR", "Why do you process the data?", "", "e.g. customers"]
    guidance += ["e.g. contact details", "e.g. processors", "", "", "", "How long?", "", ""]
    guidance += ["Choose from the list"]
    data = ["HR", "Payroll", "", "Employees", "Bank account", "Pennyworth Payroll Ltd", ""]
    data += ["", "", "6 years", "MFA", "Legal obligation", ""]
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Template"
    for row in [ICO_HEADER, guidance, data, [], ["Notes: reviewed by the DPO on 1 March 2026"]]:
        ws.append(row)
    ws.append(["Retention follows the group's schedule"])
    ws.merge_cells("A6:F6")  # a note merged across the sheet
    ws.append(["HR", "Recruitment", "", "Applicants", "CVs", "", "", "", "", "6 months"])
    book.save(tmp_path / "ico.xlsx")
    result = ropa.import_record([tmp_path / "ico.xlsx"], tmp_path / "record.xlsx")
    activities = result.rows["activities"]
    assert [a["name"] for a in activities] == ["Payroll", "Recruitment"]
    assert activities[0]["owner"] == "HR"  # the note did not become a purpose of Payroll
    notes = result.rows["organisation"][0]["Imported notes"]
    assert "row 2 (the template's guidance under the header): e.g. Finance, HR" in notes
    assert "row 5 (a note about the sheet): Notes: reviewed" in notes
    assert "row 6 (a note about the sheet): Retention follows" in notes
    assert [render(what) for what in result.sources[0].sheets[0].set_aside] == [
        "row 2: the template's guidance under the header",
        "row 5: a note about the sheet",
        "row 6: a note about the sheet",
    ]
    shown = runner.invoke(
        app, ["import", str(tmp_path / "ico.xlsx"), "-o", str(tmp_path / "t.xlsx")]
    )
    assert "row 2: the template's guidance under the header: not read as a record," in " ".join(
        shown.output.split()
    )


def test_ciso_assistant_export_processor_list_and_ropa_layout_fixtures(tmp_path: Path) -> None:
    # CISO Assistant's export: one processing over seven sheets, codes for the values.
    book = openpyxl.Workbook()
    sheets = {
        "Processing": [["ref_id", "name", "description", "dpia_required", "labels"]],
        "Purposes": [["name", "legal_basis"], ["Pay staff", "privacy_legal_obligation"]],
        "Personal data": [["name", "category", "retention", "is_sensitive"]],
        "Data subjects": [["name"], ["Employees"]],
        "Data recipients": [["name", "category"], ["Fictive Payroll Oy", "privacy_data_processor"]],
        "Contractors": [
            ["name", "description", "country"],
            ["Fictive Payroll Oy", "Payroll", "FI"],
        ],
        "Transfers": [
            ["name", "country", "transfer_mechanism"],
            ["Cloudy Inc", "US", "privacy_standard_contract"],
        ],
    }
    sheets["Processing"].append(["PR-1", "Payroll", "Monthly pay", "FALSE", ""])
    sheets["Personal data"].append(["Bank account", "financial", "7 years", "FALSE"])
    book.active.title = "Processing"
    for name, rows in sheets.items():
        ws = book["Processing"] if name == "Processing" else book.create_sheet(name)
        for row in rows:
            ws.append(row)
    book.save(tmp_path / "ciso.xlsx")
    result = ropa.import_record([tmp_path / "ciso.xlsx"], tmp_path / "ciso-record.xlsx")
    assert result.sources[0].layout == "ciso-assistant"
    (activity,) = result.rows["activities"]
    assert (activity["activity_id"], activity["name"]) == ("PR-1", "Payroll")
    assert result.rows["purposes"][0]["lawful_basis"] == "c"
    assert {t["country"]: t["mechanism"] for t in result.rows["transfers"]} == {"US": "scc"}
    assert result.rows["retention"][0]["period"] == "7 years"
    assert "labels" in result.empty_columns["activities"]  # kept, though empty

    # A Swedish list of processors (personuppgiftsbiträden).
    biträden = _book(
        tmp_path / "biträden.xlsx",
        "Personuppgiftsbiträden",
        [["Leverantör", "Tjänst", "Land"], ["Lönebyrån Nord AB", "Lön", "Sverige"]],
    )
    listed = ropa.import_record([biträden], None)
    assert listed.sources[0].layout == "processor-list"
    assert listed.rows["processors"][0]["countries"] == ["SE"]

    # ropa's own workbook reads back as itself.
    example = tmp_path / "example.xlsx"
    assert runner.invoke(app, ["init", str(example), "--example"]).exit_code == 0
    again = ropa.import_record([example], None)
    assert again.sources[0].layout == "ropa"
    assert len(again.rows["activities"]) == len(read_workbook(example).rows("activities"))
