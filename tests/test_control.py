"""The record as a controlled document: the Document control sheet, the export options that
replace it, and where the reports show it (cover, every footer, the xlsx print footer, JSON).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from pathlib import Path

import jsonschema
import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from ropa.api import export
from ropa.cli.app import app
from ropa.model.control import (
    DocumentControl,
    InvalidControlValue,
    UnknownTimeZone,
    control_from_rows,
    local,
    stamp,
    time_zone,
)
from ropa.model.resources import load_schema
from ropa.write.control_text import css_string, excel_footer
from ropa.write.safety import ExportError

ROOT = Path(__file__).resolve().parent.parent
WORKBOOKS = ROOT / "workbooks"
EXAMPLE_SV = WORKBOOKS / "example-sv.xlsx"
FLAWED = WORKBOOKS / "flawed-en.xlsx"


# --- the model ------------------------------------------------------------------------------


def test_one_workbook_gives_its_row() -> None:
    control = control_from_rows([{"record_version": "4.1", "status": "approved"}])
    assert control == DocumentControl(record_version="4.1", status="approved")
    assert control.approved and bool(control)
    assert not DocumentControl()


def test_a_group_is_as_final_as_its_least_final_part() -> None:
    rows = [
        {"record_version": "4.1", "status": "approved", "case_number": "IMY-2026-1"},
        {"record_version": "2.0", "status": "in_review", "case_number": "IMY-2026-1"},
    ]
    control = control_from_rows(rows)
    assert control.status == "in_review"
    assert control.record_version == "4.1 / 2.0"
    assert control.case_number == "IMY-2026-1"
    assert control_from_rows([{"status": "approved"}, {"status": "whatever"}]).status == (
        "whatever"
    )


def test_overrides_take_any_language_and_check_their_values() -> None:
    control = DocumentControl(record_version="1", status="draft").with_overrides(
        {"status": "Godkänd", "as_of": "1.12.2026", "classification": "Strengt fortrolig"}
    )
    assert control.status == "approved"
    assert control.as_of == "2026-12-01"
    assert control.classification == "strictly_confidential"
    assert control.record_version == "1"  # not given: the workbook's value stays
    with pytest.raises(InvalidControlValue, match="in-review"):
        control.with_overrides({"status": "signed"})
    with pytest.raises(InvalidControlValue, match="YYYY-MM-DD"):
        control.with_overrides({"approved_on": "31.31.2026"})


def test_times_name_their_zone() -> None:
    moment = dt.datetime(2026, 1, 15, 8, 30, tzinfo=dt.timezone.utc)
    assert stamp(local(moment, time_zone("Europe/Stockholm"))) == "2026-01-15 09:30 CET"
    assert stamp(local(moment, time_zone("Europe/Helsinki"))) == "2026-01-15 10:30 EET"
    assert stamp(local(moment, time_zone("UTC"))) == "2026-01-15 08:30 UTC"
    # A zone whose abbreviation is only a number is written as its offset.
    assert stamp(local(moment, time_zone("America/Sao_Paulo"))) == "2026-01-15 05:30 UTC-03:00"
    assert time_zone(None) is None and time_zone("") is None
    with pytest.raises(UnknownTimeZone, match="Europe/Stockholm"):
        time_zone("Mars/Olympus")


def test_css_string_cannot_end_the_style_sheet() -> None:
    text = css_string('Dnr "1" </style><script>alert(1)</script> \\ 5')
    assert re.fullmatch(r'"(?:[A-Za-z0-9]|\\[0-9a-f]{6})*"', text)


def test_excel_footer_escapes_ampersands_and_keeps_to_255_characters() -> None:
    footer = excel_footer(["Owner: R&D", "x" * 300], "Page &P of &N")
    assert "R&&D" in footer and "x" * 300 not in footer
    assert len(footer) <= 255 and footer.endswith("&R&8 Page &P of &N")


# --- the reports ----------------------------------------------------------------------------


def _pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_pdf_cover_and_every_footer(tmp_path: Path) -> None:
    out = export([EXAMPLE_SV], "pdf", tmp_path / "r.pdf", zone="Europe/Stockholm")[0]
    pages = _pdf_pages(out)
    assert "Register över behandlingar" in pages[0]  # the workbook's language by default
    for text in ("Diarienummer", "IMY-2026-4711", "Godkänd av", "Avser per", "INTERN"):
        assert text in pages[0], text
    for number, text in enumerate(pages, start=1):
        flat = " ".join(text.split())
        assert "Version: 4.1" in flat and "Status: Godkänd" in flat, number
        assert "Diarienummer: IMY-2026-4711" in flat, number
        assert re.search(r"Skapad \d{4}-\d\d-\d\d \d\d:\d\d CES?T", flat), number


def test_command_line_values_replace_the_sheet(tmp_path: Path) -> None:
    out = export(
        [EXAMPLE_SV],
        "pdf",
        tmp_path / "r.pdf",
        lang="en",
        control={"status": "in-review", "case_number": "IMY-2027-0042", "owner": None},
        zone="UTC",
    )[0]
    last = " ".join(_pdf_pages(out)[-1].split())
    assert "Status: In review" in last and "IMY-2027-0042" in last
    assert "Koncernens dataskyddsfunktion" in last  # None keeps the sheet's owner
    assert "UTC" in last


def test_bad_values_and_zones_are_export_errors(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="time zone"):
        export([EXAMPLE_SV], "pdf", tmp_path / "a.pdf", zone="Nowhere/Else")
    with pytest.raises(ExportError, match="not a date"):
        export([EXAMPLE_SV], "pdf", tmp_path / "b.pdf", control={"as_of": "soon"})
    assert not list(tmp_path.iterdir())


def test_html_cover_screen_footer_and_print_footer(tmp_path: Path) -> None:
    out = export([EXAMPLE_SV], "html", tmp_path / "r.html", zone="Europe/Stockholm")[0]
    html = out.read_text(encoding="utf-8")
    assert '<p class="marking">Intern · Godkänd</p>' in html
    assert "<dt>Diarienummer</dt><dd>IMY-2026-4711</dd>" in html
    footer = html[html.index('<footer class="page-footer">') :]
    assert "Godkänd av: Johan Berg, vd, för koncernledningen (2026-11-23)" in footer
    printed = re.search(r"@page \{ @bottom-left \{ content: (\"[^\"]*\"); \} \}", html)
    assert printed is not None
    decoded = re.sub(r"\\([0-9a-f]{6})", lambda m: chr(int(m.group(1), 16)), printed.group(1))
    assert "Diarienummer: IMY-2026-4711" in decoded and "\n" in decoded


def test_docx_cover_and_footer(tmp_path: Path) -> None:
    import docx

    out = export([EXAMPLE_SV], "docx", tmp_path / "r.docx", zone="UTC")[0]
    word = docx.Document(str(out))
    footer = [p.text for p in word.sections[0].footer.paragraphs]
    assert footer[0].startswith("Version: 4.1 · Status: Godkänd")
    assert footer[1].startswith("Ägare: Koncernens dataskyddsfunktion")
    cover = [p.text for p in word.paragraphs[:16]]
    assert "INTERN · GODKÄND" in cover and "Diarienummer: IMY-2026-4711" in cover


def test_xlsx_print_footer_and_cover(tmp_path: Path) -> None:
    out = export([EXAMPLE_SV], "xlsx", tmp_path / "r.xlsx", zone="UTC")[0]
    with zipfile.ZipFile(out) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        footers = [
            re.search(r"<oddFooter>(.*?)</oddFooter>", archive.read(n).decode()) for n in sheets
        ]
        strings = archive.read("xl/sharedStrings.xml").decode()
    assert footers and all(f is not None and "IMY-2026-4711" in f.group(1) for f in footers)
    assert "Koncernens dataskyddsfunktion (Karin Ekholm, dataskyddsombud)" in strings


def test_json_carries_the_control_and_stays_valid(tmp_path: Path) -> None:
    out = export([EXAMPLE_SV], "json", tmp_path / "r.json", control={"status": "draft"})[0]
    document = json.loads(out.read_text(encoding="utf-8"))
    meta = document["_meta"]
    assert meta["document_control"]["status"] == "draft"
    assert meta["document_control"]["case_number"] == "IMY-2026-4711"
    assert document["document"][0]["status"] == "approved"  # the sheet as written
    jsonschema.validate(document, load_schema("record"))


# --- the command ----------------------------------------------------------------------------


def test_a_report_for_the_authority_of_a_draft_says_so(tmp_path: Path) -> None:
    runner = CliRunner()
    draft = runner.invoke(app, ["export", str(FLAWED), "-o", str(tmp_path / "f.pdf")])
    assert draft.exit_code == 0, draft.output
    assert "status is Draft, not approved ('Document control' sheet" in draft.stderr
    approved = runner.invoke(app, ["export", str(EXAMPLE_SV), "-o", str(tmp_path / "s.pdf")])
    assert approved.exit_code == 0 and "not approved" not in approved.stderr
    # In the report's language, and an --status on the command line counts.
    norsk = runner.invoke(
        app,
        [
            "export",
            str(EXAMPLE_SV),
            "-o",
            str(tmp_path / "n.pdf"),
            "-l",
            "nb",
            "--status",
            "utkast",
        ],
    )
    assert "status Utkast, ikke godkjent" in norsk.stderr
    internal = runner.invoke(
        app, ["export", str(FLAWED), "-o", str(tmp_path / "i.html"), "--audience", "internal"]
    )
    assert "not approved" not in internal.stderr


def test_time_zone_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROPA_TIME_ZONE", "Europe/Helsinki")
    out = tmp_path / "r.md"
    result = CliRunner().invoke(app, ["export", str(EXAMPLE_SV), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[23]:00", out.read_text("utf-8"))
    monkeypatch.setenv("ROPA_TIME_ZONE", "Atlantis/Capital")
    bad = CliRunner().invoke(app, ["export", str(EXAMPLE_SV), "-o", str(tmp_path / "b.md")])
    assert bad.exit_code == 2 and "unknown time zone 'Atlantis/Capital'" in bad.stderr


def test_a_record_without_the_sheet_reads_as_before_and_the_note_says_so(
    tmp_path: Path,
) -> None:
    from ropa.write.examples import example_rows
    from ropa.write.template import write_workbook

    rows = example_rows("sv")
    del rows["document"]
    workbook = tmp_path / "utan.xlsx"
    write_workbook(workbook, "sv", rows, include_optional_sheets=False)
    result = CliRunner().invoke(app, ["export", str(workbook), "-o", str(tmp_path / "u.pdf")])
    assert result.exit_code == 0, result.output
    assert "säger inte om registret är godkänt" in result.stderr
    last = " ".join(_pdf_pages(tmp_path / "u.pdf")[-1].split())
    assert "Version:" not in last and re.search(r"Skapad \d{4}-\d\d-\d\d \d\d:\d\d \w+", last)
