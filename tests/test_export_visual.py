"""The HTML and PDF reports of ``ropa export``: self-contained, escaped, complete, Unicode."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from ropa.api.export import build_group_record
from ropa.read.group import GroupRecord
from ropa.write import html, pdf, pdf_page
from ropa.write.cells import activity_rows
from ropa.write.charts import Bar, Chart, svg
from ropa.write.examples import example_rows
from ropa.write.template import write_workbook

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_EN = ROOT / "workbooks" / "example-en.xlsx"

HOSTILE_NAME = "<script>alert(1)</script>"
HOSTILE_PURPOSE = '"onmouseover=alert(2) x="'
HOSTILE_ID = "X-1'><img src=x onerror=alert(3)>"
NORDIC = "ä ö å æ ø"
EN_DASH, LEFT, RIGHT, LEFT1, RIGHT1 = "\u2013", "\u201c", "\u201d", "\u2018", "\u2019"
TYPOGRAPHY = f"Säilytys {EN_DASH} {LEFT}kaksi{RIGHT} vuotta, 10 € {LEFT1}kpl{RIGHT1}"


def _hostile_rows() -> dict[str, list[dict[str, Any]]]:
    rows = copy.deepcopy(example_rows("sv"))
    first = rows["activities"][0]
    old_id = first["activity_id"]
    first["name"] = HOSTILE_NAME
    first["security_measures"] = f"{NORDIC}; {TYPOGRAPHY}"
    second = rows["activities"][1]
    second["activity_id"] = HOSTILE_ID
    for purpose in rows["purposes"]:
        if purpose["activity_id"] == old_id:
            purpose["purpose"] = HOSTILE_PURPOSE
            break
    rows["processors"][0]["service"] = "</style><style>body{display:none}</style>"
    return rows


@pytest.fixture(scope="module")
def group_en() -> GroupRecord:
    return build_group_record([EXAMPLE_EN], lang="en", with_findings=True)


@pytest.fixture(scope="module")
def sv_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sv") / "exempel-sv.xlsx"
    write_workbook(path, "sv", _hostile_rows())
    return path


@pytest.fixture(scope="module")
def group_sv(sv_workbook: Path) -> GroupRecord:
    return build_group_record([sv_workbook], lang="sv")


@pytest.fixture(scope="module")
def html_en(group_en: GroupRecord) -> str:
    return html.render(group_en)


@pytest.fixture(scope="module")
def html_sv(group_sv: GroupRecord) -> str:
    return html.render(group_sv)


@pytest.fixture(scope="module")
def pdf_en(group_en: GroupRecord, tmp_path_factory: pytest.TempPathFactory) -> PdfReader:
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    assert pdf.write(group_en, path) == [path]
    return PdfReader(path)


@pytest.fixture(scope="module")
def pdf_sv(group_sv: GroupRecord, tmp_path_factory: pytest.TempPathFactory) -> PdfReader:
    path = tmp_path_factory.mktemp("pdf-sv") / "rapport.pdf"
    pdf.write(group_sv, path)
    return PdfReader(path)


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() or "" for page in reader.pages)


# --- HTML ----------------------------------------------------------------------------------


def test_html_is_written_to_the_output(group_en: GroupRecord, tmp_path: Path) -> None:
    output = tmp_path / "report.html"
    assert html.write(group_en, output) == [output]
    text = output.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert text.rstrip().endswith("</html>")


@pytest.mark.parametrize("page", ["html_en", "html_sv"])
def test_html_is_self_contained(page: str, request: pytest.FixtureRequest) -> None:
    text: str = request.getfixturevalue(page)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", text, re.I)
    assert not re.search(r"<link\b", text, re.I)
    assert not re.search(r"<script\b[^>]*\bsrc\s*=", text, re.I)
    assert not re.search(r"@import|url\(", text, re.I)
    assert text.count("<style>") == 1
    assert text.count("<script>") == 1  # our own inline script, nothing else


def test_html_escapes_workbook_text(html_sv: str) -> None:
    assert HOSTILE_NAME not in html_sv
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html_sv
    assert '"onmouseover=' not in html_sv
    assert "&#34;onmouseover=alert(2) x=&#34;" in html_sv
    assert "<img" not in html_sv
    assert "onerror=alert(3)&gt;" in html_sv
    assert "</style><style>" not in html_sv
    # The only script and style elements are the report's own.
    assert len(re.findall(r"<script\b", html_sv)) == 1
    assert len(re.findall(r"<style\b", html_sv)) == 1


def test_html_contains_every_activity(group_en: GroupRecord, html_en: str) -> None:
    rows = activity_rows(group_en)
    assert len(rows) == 30
    for row in rows:
        assert f">{row['activity_id']}<" in html_en
        assert row["name"].replace("'", "&#39;") in html_en


def test_html_has_the_sections_and_cover(html_en: str) -> None:
    for anchor in (
        "summary",
        "controllers",
        "record_30_1",
        "record_30_2",
        "processors",
        "transfers",
        "retention",
        "conflicts",
    ):
        assert f'id="{anchor}"' in html_en
        assert f'href="#{anchor}"' in html_en
    assert "Havsvik Nordic AB" in html_en
    assert "Karin Ekholm" in html_en
    assert "example-en.xlsx" in html_en
    assert re.search(r">[0-9a-f]{64}<", html_en)  # the source's SHA-256
    assert "<caption" in html_en
    assert "display: table-header-group" in html_en  # headers repeat in print
    assert "size: A4 landscape" in html_en


def test_html_charts_are_accessible_svg(html_en: str) -> None:
    charts = re.findall(r"<svg\b[^>]*>.*?</svg>", html_en, re.S)
    assert len(charts) == 4  # the clean example has no findings, so no findings chart
    for chart in charts:
        assert 'role="img"' in chart
        assert re.search(r"<title id=\"chart-[a-z_]+-title\">[^<]+</title>", chart)
        assert "<desc" in chart
    assert "Lawful bases" in html_en
    assert html_en.count('class="sr-only"') == 4  # a data table for each chart


def test_html_charts_say_what_they_count(html_en: str, html_sv: str) -> None:
    # The lawful bases count purposes, the special categories activities, the countries
    # transfers, the periods rows of the Retention sheet: each chart says which, under its
    # title, in its description and in its data table's heading.
    for unit in (
        "Number of purposes",
        "Number of activities",
        "Number of transfers",
        "Number of retention rows",
    ):
        assert f'<span class="chart-unit">{unit}</span>' in html_en
        assert f'<th scope="col">{unit}</th>' in html_en
    assert "Lawful bases (Number of purposes). " in html_en
    assert '<span class="chart-unit">Antal ändamål</span>' in html_sv
    assert '<span class="chart-unit">Antal rader om lagringstid</span>' in html_sv


def test_html_findings_chart_and_appendix(tmp_path: Path) -> None:
    flawed = ROOT / "workbooks" / "flawed-en.xlsx"
    text = html.render(build_group_record([flawed], with_findings=True))
    assert 'id="chart-findings_by_severity"' in text
    assert 'id="findings"' in text
    assert 'class="tone-error"' in text
    assert "RP303" in text


def test_html_language(html_en: str, html_sv: str) -> None:
    assert '<html lang="en">' in html_en
    assert '<html lang="sv">' in html_sv
    assert "Register över behandlingar" in html_sv
    assert "Sammanfattning" in html_sv
    assert "Lagringstider" in html_sv
    assert "Record of processing activities" not in html_sv


def test_html_in_finnish(sv_workbook: Path) -> None:
    text = html.render(build_group_record([sv_workbook], lang="fi"))
    assert '<html lang="fi">' in text
    assert "Yhteenveto" in text or "Tiivistelmä" in text


def test_html_without_javascript_shows_all_rows(html_en: str) -> None:
    body = html_en.split('id="record_30_1"', 1)[1].split("</section>", 1)[0]
    assert body.count('<article class="block"') == 30  # 30 activities, rendered on the server
    assert 'id="toolbar" hidden' in html_en  # the search box appears only with JavaScript


def test_chart_svg_escapes_labels() -> None:
    chart = Chart("x", "<b>title</b>", "desc & more", (Bar("<i>label</i>", 3),))
    text = str(svg(chart))
    assert "<b>" not in text and "<i>" not in text
    assert "&lt;b&gt;title&lt;/b&gt;" in text
    assert "desc &amp; more" in text


def test_chart_without_data() -> None:
    text = str(svg(Chart("empty", "Nothing", "Nothing.", ()), none="None"))
    assert ">None</text>" in text


# --- PDF -----------------------------------------------------------------------------------


def test_pdf_has_pages_and_text(pdf_en: PdfReader) -> None:
    assert len(pdf_en.pages) > 2
    text = _text(pdf_en)
    assert "Havsvik" in text
    assert "Record of processing activities" in text
    assert "HR-01" in text


def test_pdf_table_of_contents(pdf_en: PdfReader) -> None:
    contents = pdf_en.pages[1].extract_text() or ""
    assert "Contents" in contents
    assert "Summary" in contents
    assert "Annex A" in contents
    assert pdf_en.outline  # bookmarks for each section


def test_pdf_footer_page_numbers(pdf_en: PdfReader) -> None:
    total = len(pdf_en.pages)
    assert f"Page 1 of {total}" in (pdf_en.pages[0].extract_text() or "")
    assert f"Page {total} of {total}" in (pdf_en.pages[-1].extract_text() or "")


def test_pdf_charts_say_what_they_count(pdf_en: PdfReader, pdf_sv: PdfReader) -> None:
    summary = next(
        page.extract_text() or ""
        for page in pdf_en.pages
        if "Lawful bases" in (page.extract_text() or "")
    )
    for unit in ("Number of purposes", "Number of activities", "Number of retention rows"):
        assert unit in summary
    assert "Antal ändamål" in _text(pdf_sv)


def test_pdf_renders_nordic_text(pdf_sv: PdfReader) -> None:
    text = _text(pdf_sv)
    assert "Havsvik" in text
    assert NORDIC in text
    for word in (EN_DASH, f"{LEFT}kaksi{RIGHT}", "€", f"{LEFT1}kpl{RIGHT1}"):
        assert word in text
    assert "Register över behandlingar" in text
    assert f"Sida 1 av {len(pdf_sv.pages)}" in text
    assert "<script>" in text  # workbook text is drawn as written, never interpreted


def test_pdf_row_taller_than_a_page_goes_on_over_pages(tmp_path: Path) -> None:
    rows = copy.deepcopy(example_rows("en"))
    words = [f"measure{n:04d}" for n in range(2500)]
    rows["activities"][0]["security_measures"] = " ".join(words)
    path = tmp_path / "long.xlsx"
    write_workbook(path, "en", rows)
    output = tmp_path / "long.pdf"
    pdf.write(build_group_record([path]), output)
    text = _text(PdfReader(output))
    for word in (words[0], words[1250], words[-1]):  # nothing is cut off
        assert word in text


def test_pdf_without_the_unicode_font(
    group_sv: GroupRecord, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_page, "font_folder", lambda: None)
    with pytest.warns(UserWarning, match="DejaVu Sans is missing"):
        data = pdf.render(group_sv)
    assert data.startswith(b"%PDF")


def test_the_fonts_ship_with_the_package() -> None:
    folder = pdf_page.font_folder()
    assert folder is not None and (folder / "LICENSE").is_file()
    assert all((folder / name).stat().st_size > 100_000 for name in pdf_page.FONT_FILES.values())
