"""The terminal's own words around the findings in the findings' language (ropa check,
ropa policy scan): the place, the severity, the 'fix' and 'see' lines and the summary."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from rich.console import Console
from typer.testing import CliRunner

from ropa import api
from ropa.cli.app import app
from ropa.model.findings import Severity
from ropa.model.messages import catalogue
from ropa.model.resources import load_data
from ropa.write.console import diff_text
from ropa.write.console.findings import check_text, counts_line, severity_word
from ropa.write.console.notices import render_notice
from ropa.write.console.notices import summary_line as scan_summary

ROOT = Path(__file__).resolve().parent.parent
FLAWED = ROOT / "workbooks" / "flawed-en.xlsx"
FIXTURES = ROOT / "tests" / "policy_fixtures"


@pytest.mark.parametrize(
    ("lang", "fix", "row", "summary"),
    [
        ("en", "fix: ", "row ", " in 1 workbook (12 activities)."),
        ("sv", "lösning: ", "rad ", " i 1 arbetsbok (12 behandlingar)."),
        ("nb", "løsning: ", "rad ", " i 1 arbeidsbok (12 behandlinger)."),
        ("da", "løsning: ", "række ", " i 1 projektmappe (12 behandlingsaktiviteter)."),
    ],
)
def test_check_output_speaks_the_language(lang: str, fix: str, row: str, summary: str) -> None:
    report = api.check([FLAWED], lang=lang)
    assert report.lang == lang
    text = check_text(report)
    assert fix in text and row in text
    assert text.rstrip().endswith(summary)
    if lang != "en":
        assert "fix: " not in text and "\n   row " not in text


def test_finnish_puts_the_place_first() -> None:
    report = api.check([FLAWED], lang="fi")
    last = check_text(report).rstrip().splitlines()[-1]
    assert last.startswith("1 työkirjassa (12 käsittelytointa): ")
    assert "virhettä" in last and "varoitusta" in last
    assert "korjaus: " in check_text(report)


def test_the_language_defaults_to_the_workbook() -> None:
    report = api.check([ROOT / "workbooks" / "example-sv.xlsx"])
    assert report.lang == "sv"
    assert check_text(report).rstrip().endswith("i 1 arbetsbok (30 behandlingar).")


def test_severities_and_counts_in_the_language() -> None:
    assert severity_word(Severity.ERROR, "sv") == "fel    "  # padded to "varning"
    assert severity_word(Severity.INFO, "fi") == "tieto   "  # padded to "varoitus"
    counts = {"error": 1, "warning": 2, "info": 0}
    assert counts_line(counts, "i 1 arbetsbok", "sv").plain == (
        "1 fel, 2 varningar, 0 upplysningar i 1 arbetsbok."
    )
    assert (
        counts_line(counts, "in 1 workbook").plain == "1 error, 2 warnings, 0 info in 1 workbook."
    )
    nothing = {"error": 0, "warning": 0, "info": 0}
    assert counts_line(nothing, "i 1 arbeidsbok", "nb").plain == "✓ Ingen funn i 1 arbeidsbok."


def test_policy_scan_speaks_the_notices_language() -> None:
    danish = api.scan_notices([FIXTURES / "da.txt"])
    assert danish.lang == "da" and danish.scans[0].lang == "da"
    assert scan_summary(danish).plain.endswith(" i 1 privatlivspolitik.")
    mixed = api.scan_notices([FIXTURES / "da.txt", FIXTURES / "fi.txt"])
    assert mixed.lang == "en"  # notices in several languages: one language for the summary
    assert scan_summary(mixed).plain.endswith(" in 2 notices.")


def test_every_notice_element_has_a_name_in_every_language() -> None:
    elements = load_data("policy_elements.json")["elements"]
    for lang in ("en", "sv", "nb", "da", "fi"):
        missing = [key for key in elements if f"console.element.{key}" not in catalogue(lang)]
        assert missing == [], lang
    # The English names are the data's labels, so the English checklist reads as before.
    english = catalogue("en")
    assert all(english[f"console.element.{k}"] == v["label"] for k, v in elements.items())


def test_a_swedish_notice_gets_a_swedish_checklist() -> None:
    scan = api.scan_notices([FIXTURES / "sv.txt"]).scans[0]
    console = Console(record=True, width=120, highlight=False)
    render_notice(scan, console)
    text = console.export_text()
    assert " Informationskrav" in text and " Anmärkningar" in text
    assert "Rätt till radering" in text and "artikel 13.2 b, artikel 17" in text
    assert " Elements" not in text and "Right to erasure" not in text
    assert text.splitlines()[1].startswith(" Svenska (sv, säkerhet")


def test_init_and_export_report_in_the_language(tmp_path: Path) -> None:
    runner = CliRunner()
    made = runner.invoke(app, ["init", str(tmp_path / "mall.xlsx"), "--lang", "sv"])
    assert made.exit_code == 0, made.output
    assert made.output.startswith("Skrev mallen ") and "Nästa steg: ropa check" in made.output
    out = tmp_path / "fortegnelse.md"
    done = runner.invoke(app, ["export", str(FLAWED), "-f", "md", "-o", str(out), "--lang", "da"])
    assert done.exit_code == 0, done.output
    assert f"Skrev {out}." in done.output
    assert "Bemærk: ropa check finder 32 fejl i fortegnelsen" in done.output
    english = runner.invoke(app, ["export", str(FLAWED), "-f", "md", "-o", str(out), "--force"])
    assert f"Wrote {out}." in english.output and "Note: ropa check finds" in english.output


def test_diff_speaks_the_new_versions_language() -> None:
    swedish = ROOT / "workbooks" / "example-sv.xlsx"
    same = api.diff(swedish, swedish)
    assert same.lang == "sv"
    assert diff_text(same).rstrip().endswith("Inga ändringar.")
    changed = api.diff(swedish, ROOT / "workbooks" / "example-nb.xlsx")
    text = diff_text(changed)
    assert changed.lang == "nb"
    assert "Felt" in text and "Etter" in text and " lagt til, " in text


def test_the_diff_workbook_is_in_the_new_versions_language(tmp_path: Path) -> None:
    swedish = ROOT / "workbooks" / "example-sv.xlsx"
    out = tmp_path / "diff.xlsx"
    api.diff(swedish, ROOT / "workbooks" / "example-da.xlsx", output=out, fmt="xlsx")
    sheet = openpyxl.load_workbook(out).worksheets[0]
    headers = [cell.value for cell in sheet[4]]
    assert headers[0] == "Ark" and headers[-1] == "Ny værdi", headers
