"""ropa export: every format, consolidation, languages, filters and output safety."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import typer
from openpyxl import load_workbook
from typer.testing import CliRunner

from ropa.api.export import build_group_record, export
from ropa.cli.export import diff_command, export_command
from ropa.model.resources import load_schema
from ropa.model.schema import record_schema
from ropa.write import csv_export, markdown
from ropa.write.cells import activity_rows
from ropa.write.labels import RECORD_LANGUAGES, all_labels, conflict_label, label
from ropa.write.layout import PAGE, SPREADSHEET
from ropa.write.safety import ExportError, neutralise
from ropa.write.summary import summary
from ropa.write.tables import report_tables
from tests.support import base_rows, write_record

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = "workbooks/example-en.xlsx"
GOLDEN = Path(__file__).parent / "golden"
ART_30_1_ORDER = [
    "activity_id",
    "name",
    "controllers",
    "dpo",
    "purposes",
    "data_subjects",
    "data_categories",
    "special_categories",
    "recipients",
    "transfers",
    "retention",
    "security_measures",
    "owner",
    "dpia",
    "last_reviewed",
]

#: Reports show conflict kinds in words; the JSON keeps the codes.
WORDS = {
    kind: conflict_label(kind, "en")
    for kind in ("duplicate-activity-id", "processor-countries", "processor-dpa-date")
}


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the repository so that paths in reports are the relative ones given."""
    monkeypatch.chdir(ROOT)


def _group_pair(tmp_path: Path) -> tuple[Path, Path]:
    """Two department workbooks sharing processor MAIL (different countries and DPA date)
    and both recording activity MKT-01."""
    first = base_rows()
    second = base_rows()
    second["organisation"][0].update(entity_id="SE02", legal_name="Exempel Service AB")
    second["activities"] = [a for a in second["activities"] if a["activity_id"] == "MKT-01"]
    second["activities"][0]["entity_ids"] = "SE02"
    second["processors"] = [p for p in second["processors"] if p["processor_id"] == "MAIL"]
    second["processors"][0].update(countries=["IE", "US", "IN"], dpa_signed="2025-06-01")
    second["purposes"] = [p for p in second["purposes"] if p["activity_id"] == "MKT-01"]
    second["retention"] = [r for r in second["retention"] if r["activity_id"] == "MKT-01"]
    return (
        write_record(tmp_path / "marketing.xlsx", first),
        write_record(tmp_path / "service.xlsx", second),
    )


# --- the model -----------------------------------------------------------------------------


def test_activity_rows_are_in_article_30_1_order_and_localised(in_repo: None) -> None:
    rows = activity_rows(build_group_record([EXAMPLE], lang="sv"))
    assert list(rows[0]) == ART_30_1_ORDER
    assert any("Avtal" in p for p in rows[0]["purposes"])  # label in Swedish, text as written
    assert all(isinstance(v, str | list) for row in rows for v in row.values())


def test_summary_counts_the_example(in_repo: None) -> None:
    counts = summary(build_group_record([EXAMPLE]))
    assert counts["activities"] == 30
    assert sum(counts["retention_buckets"].values()) == len(counts["retention_days"])
    assert set(counts["findings_by_severity"]) == {"error", "warning", "info"}


def test_every_label_exists_in_every_language() -> None:
    for key, texts in all_labels().items():
        assert set(RECORD_LANGUAGES) <= set(texts), key
    assert label("report_title", "da") == "Fortegnelse over behandlingsaktiviteter"


def test_consolidation_merges_a_shared_processor_and_reports_conflicts(tmp_path: Path) -> None:
    group = build_group_record(_group_pair(tmp_path))
    mail = [p for p in group.record["processors"] if p["processor_id"] == "MAIL"]
    assert len(mail) == 1
    assert {u["file"] for u in mail[0]["uses"]} == {str(p) for p in _group_pair(tmp_path)}
    assert set(mail[0]["countries"]) == {"IE", "US", "IN"}
    kinds = {c.kind for c in group.conflicts}
    assert {"duplicate-activity-id", "processor-countries", "processor-dpa-date"} <= kinds
    assert len([a for a in group.record["activities"] if a["activity_id"] == "MKT-01"]) == 2


def test_entity_filter_keeps_the_entity_and_its_activities(tmp_path: Path) -> None:
    group = build_group_record(_group_pair(tmp_path), entity="SE02")
    assert [o["entity_id"] for o in group.record["organisation"]] == ["SE02"]
    assert [a["activity_id"] for a in group.record["activities"]] == ["MKT-01"]
    assert [p["processor_id"] for p in group.record["processors"]] == ["MAIL"]
    assert {r["activity_id"] for r in group.record["purposes"]} == {"MKT-01"}
    with pytest.raises(ExportError, match="no entity 'XX'"):
        build_group_record(_group_pair(tmp_path), entity="XX")


#: (table, column) pairs whose cells the page reports (html, pdf) show differently from the
#: spreadsheets (xlsx, csv, md): one option of ropa.write.layout.Style each.
PAGE_CELLS = {
    ("sources", "file"),  # short_sources
    ("sources", "modified"),  # short_sources
    ("conflicts", "places"),  # worded_places
    ("processors", "uses"),  # joined_uses
    ("transfers", "recipient"),  # named_recipients
}


def test_spreadsheets_and_pages_lay_out_one_table_model(tmp_path: Path) -> None:
    group = build_group_record(_group_pair(tmp_path), with_findings=True)
    sheets = {table.key: table for table in report_tables(group, SPREADSHEET)}
    pages = {table.key: table for table in report_tables(group, PAGE)}
    assert list(sheets) == list(pages)
    for key, table in sheets.items():
        page = pages[key]
        assert table.columns == page.columns, key
        for index, column in enumerate(table.columns):
            ours = [str(row[index]) for row in table.rows]
            theirs = [str(row[index]) for row in page.rows]
            if (key, column.key) in PAGE_CELLS:
                continue
            if key == "findings":  # pages put the errors first (severity_first)
                ours, theirs = sorted(ours), sorted(theirs)
            assert ours == theirs, (key, column.key)


def test_pages_show_the_errors_first(in_repo: None) -> None:
    group = build_group_record(["workbooks/flawed-en.xlsx"], with_findings=True)
    found = report_tables(group, SPREADSHEET)[-1]
    paged = report_tables(group, PAGE)[-1]
    assert len(set(paged.tones)) > 1
    assert paged.tones == sorted(paged.tones, key=["error", "warning", "info"].index)
    assert [row[0] for row in paged.rows] == [label(tone, "en") for tone in paged.tones]
    assert sorted(map(str, paged.rows)) == sorted(map(str, found.rows))


def test_markdown_findings_annex_shows_the_errors_first(in_repo: None) -> None:
    group = build_group_record(["workbooks/flawed-en.xlsx"], with_findings=True)
    text = markdown.document(group)
    annex = text.split(f"## {label('findings', 'en')}\n", 1)[1]
    rows = [line for line in annex.splitlines() if line.startswith("| ")][1:]
    words = {label(tone, "en"): tone for tone in ("error", "warning", "info")}
    tones = [words[row.split(" | ")[0].removeprefix("| ")] for row in rows]
    assert len(set(tones)) > 1
    assert tones == sorted(tones, key=["error", "warning", "info"].index)
    assert len(rows) == len(group.findings)


# --- xlsx ----------------------------------------------------------------------------------


def test_xlsx_is_print_ready_with_columns_in_article_order(in_repo: None, tmp_path: Path) -> None:
    out = export([EXAMPLE], "xlsx", tmp_path / "report.xlsx")[0]
    book = load_workbook(out)
    assert book.sheetnames[:3] == ["Cover", "Art. 30(1)", "Art. 30(2)"]
    assert {"Processors", "Transfers", "Retention", "Conflicts"} <= set(book.sheetnames)
    ws = book["Art. 30(1)"]
    headers = [c.value for c in ws[2]]
    assert headers[:2] == ["Activity ID", "Activity name"]
    bands = [c.value for c in ws[1] if c.value]
    assert [b[b.index("(") :] for b in bands[1:8]] == [
        f"(Art. 30(1)({letter}))" for letter in "abcdefg"
    ]
    assert ws.max_row == 2 + 30
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
        # fitToWidth 1 is the file format's default: XlsxWriter, like Excel, leaves it out.
        # A sheet too wide for one legible A4 page goes across two, its id column on each.
        across = int(sheet.page_setup.fitToWidth or 1)
        assert across <= 2
        if across > 1:
            assert sheet.print_title_cols and sheet.print_title_cols.startswith("$A:")
            assert sheet.page_setup.pageOrder == "overThenDown"
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert "&P" in sheet.oddFooter.right.text and "&N" in sheet.oddFooter.right.text
    assert ws.print_title_rows == "$1:$2" and ws.print_title_cols == "$A:$B"
    assert ws.page_setup.fitToWidth == 2  # 15 columns on one page print at half size
    assert book["Cover"].page_setup.fitToHeight in (None, 1)  # the cover on one page
    assert book["Purposes"].page_setup.fitToWidth in (None, 1)
    assert ws.freeze_panes == "C3" and ws.auto_filter.ref.startswith("A2:")
    assert ws["E3"].alignment.wrap_text
    processors = book["Processors"]
    assert processors.max_row == 1 + 24  # each processor once
    cover = [c.value for row in book["Cover"].iter_rows() for c in row if c.value]
    sha = next(s.sha256 for s in build_group_record([EXAMPLE]).sources)
    assert sha in cover and "Havsvik Nordic AB" in cover


def test_xlsx_in_swedish_uses_schema_titles_and_report_words(in_repo: None, tmp_path: Path) -> None:
    book = load_workbook(export([EXAMPLE], "xlsx", tmp_path / "r.xlsx", lang="sv")[0])
    assert book.sheetnames[0] == "Försättsblad"
    headers = [c.value for c in book["Art. 30(1)"][2]]
    assert headers[0] == record_schema().field("activities.activity_id").title("sv")
    assert "Ändamål och rättslig grund" in headers
    assert book["Art. 30(1)"].oddFooter.right.text == "Sida &P av &N"


def test_xlsx_reports_conflicts_and_findings(tmp_path: Path) -> None:
    out = export(_group_pair(tmp_path), "xlsx", tmp_path / "g.xlsx", with_findings=True)[0]
    book = load_workbook(out)
    kinds = [row[0].value for row in book["Conflicts"].iter_rows(min_row=2)]
    assert WORDS["processor-countries"] in kinds and WORDS["duplicate-activity-id"] in kinds
    assert "Findings" in book.sheetnames


# --- json ----------------------------------------------------------------------------------


def test_json_is_valid_against_the_record_schema(in_repo: None, tmp_path: Path) -> None:
    out = export([EXAMPLE], "json", tmp_path / "r.json", with_findings=True)[0]
    data = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(data, load_schema("record"))
    meta = data["_meta"]
    assert meta["sources"][0]["sha256"] and meta["ropa_version"]
    assert "findings" in meta and meta["conflicts"] == []


def test_json_of_a_group_carries_conflicts_and_uses(tmp_path: Path) -> None:
    data = json.loads(export(_group_pair(tmp_path), "json", tmp_path / "g.json")[0].read_text())
    jsonschema.validate(data, load_schema("record"))
    assert {c["kind"] for c in data["_meta"]["conflicts"]} >= {"processor-dpa-date"}
    mail = next(p for p in data["processors"] if p["processor_id"] == "MAIL")
    assert len(mail["uses"]) == 2


# --- csv -----------------------------------------------------------------------------------


def _read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel on Windows needs
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_csv_writes_one_file_per_table(in_repo: None, tmp_path: Path) -> None:
    written = export([EXAMPLE], "csv", tmp_path / "csv")
    names = {p.name for p in written}
    assert {"record_30_1.csv", "record_30_2.csv", "processors.csv", "conflicts.csv"} <= names
    rows = _read_csv(tmp_path / "csv" / "record_30_1.csv")
    assert len(rows) == 31
    assert any("; " in cell for cell in rows[1])  # lists joined with "; "


def test_csv_uses_the_delimiter_excel_expects_for_the_report_language(tmp_path: Path) -> None:
    export([EXAMPLE], "csv", tmp_path / "sv", lang="sv")
    raw = (tmp_path / "sv" / "personuppgiftsbiträden.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw), delimiter=";"))
    assert len(rows[0]) > 3 and len({len(row) for row in rows}) == 1
    export([EXAMPLE], "csv", tmp_path / "en", lang="en")
    english = _read_csv(tmp_path / "en" / "processors.csv")
    assert len(english[0]) == len(rows[0])


def test_csv_shows_conflicts(tmp_path: Path) -> None:
    export(_group_pair(tmp_path), "csv", tmp_path / "csv")
    rows = _read_csv(tmp_path / "csv" / "conflicts.csv")
    assert {
        WORDS[k] for k in ("processor-countries", "processor-dpa-date", "duplicate-activity-id")
    } <= {r[0] for r in rows[1:]}


# --- markdown ------------------------------------------------------------------------------


def test_markdown_escapes_pipes_and_shows_conflicts(tmp_path: Path) -> None:
    first, second = _group_pair(tmp_path)
    rows = base_rows()
    rows["activities"][0]["name"] = "Payroll | tax"
    write_record(first, rows)
    text = export([first, second], "md", tmp_path / "r.md")[0].read_text(encoding="utf-8")
    assert "Payroll \\| tax" in text
    assert "## Conflicts between workbooks" in text and WORDS["processor-countries"] in text


# --- golden files --------------------------------------------------------------------------


def _normalised(text: str) -> str:
    text = re.sub(r"\b[0-9a-f]{64}\b", "<sha256>", text)
    return re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", "<timestamp>", text)


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_golden(fmt: str, in_repo: None, tmp_path: Path) -> None:
    """Set ROPA_UPDATE_GOLDEN=1 to rewrite tests/golden after an intended change."""
    out = export([EXAMPLE], fmt, tmp_path / f"report.{fmt}", zone="UTC")[0]
    text = _normalised(out.read_text(encoding="utf-8"))
    golden = GOLDEN / f"example-en.{fmt}"
    if os.environ.get("ROPA_UPDATE_GOLDEN") == "1":
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


# --- output safety -------------------------------------------------------------------------


def test_neutralise_follows_owasp() -> None:
    for text in ("=1+1", "+46", "-x", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(text) == "'" + text
    assert neutralise("plain") == "plain"
    assert neutralise(-5) == -5


INJECTED = '=HYPERLINK("http://evil.example","x")'


def _injected(tmp_path: Path) -> Path:
    """A workbook whose activity name is text that looks like a formula."""
    path = write_record(tmp_path / "injected.xlsx", base_rows())
    book = load_workbook(path)
    cell = book["Activities"]["C2"]  # the activity name of HR-01
    cell.value = INJECTED
    cell.data_type = "s"  # text, as a pasted or imported cell would be
    book.save(path)
    return path


def test_formula_injection_is_neutralised_in_csv(tmp_path: Path) -> None:
    export([_injected(tmp_path)], "csv", tmp_path / "csv")
    rows = _read_csv(tmp_path / "csv" / "record_30_1.csv")
    assert rows[1][1] == "'" + INJECTED


def test_formula_injection_is_text_in_xlsx(tmp_path: Path) -> None:
    book = load_workbook(export([_injected(tmp_path)], "xlsx", tmp_path / "r.xlsx")[0])
    cell = book["Art. 30(1)"]["B3"]
    assert cell.data_type == "s" and cell.quotePrefix  # Excel's own leading apostrophe
    assert cell.value == INJECTED


def test_refuses_to_overwrite_an_input_or_an_existing_output(in_repo: None, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="input"):
        export([EXAMPLE], "xlsx", EXAMPLE, force=True)
    target = tmp_path / "r.json"
    target.write_text("keep", encoding="utf-8")
    with pytest.raises(ExportError, match="--force"):
        export([EXAMPLE], "json", target)
    assert target.read_text(encoding="utf-8") == "keep"
    export([EXAMPLE], "json", target, force=True)
    assert target.read_text(encoding="utf-8").startswith("{")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # no temporary left


def test_a_failed_write_leaves_the_old_file(
    in_repo: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "r.md"
    target.write_text("old", encoding="utf-8")

    def broken(*args: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", broken)
    with pytest.raises(ExportError, match="disk full"):  # one line for the user, not OSError
        export([EXAMPLE], "md", target, force=True)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]


# --- the commands --------------------------------------------------------------------------


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command("export")(export_command)
    app.command("diff")(diff_command)
    return app


def test_export_command(in_repo: None, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "r.xlsx"
    result = runner.invoke(_app(), ["export", EXAMPLE, "-o", str(out), "--lang", "fi"])
    assert result.exit_code == 0, result.output
    assert out.exists()
    again = runner.invoke(_app(), ["export", EXAMPLE, "-o", str(out)])
    assert again.exit_code == 2 and "--force" in again.output
    bad = runner.invoke(
        _app(), ["export", "missing.xlsx", "-o", str(tmp_path / "x.md"), "-f", "md"]
    )
    assert bad.exit_code == 2 and "no such file" in bad.output


def test_reports_get_ordinary_file_permissions(tmp_path: Path) -> None:
    import os
    import stat

    from ropa.write.safety import atomic_write_bytes

    target = atomic_write_bytes(tmp_path / "report.json", b"{}")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        ("Storgatan 1\r| injected | row |", "\r"),
        ("[click](javascript:alert(1))", "[click]("),
        ("![](http://tracker.example/pixel.png)", "![]("),
        ("line\u2028break", "\u2028"),
    ],
)
def test_markdown_cells_keep_workbook_text_as_text(text: str, unwanted: str) -> None:
    """A lone CR or U+2028 would end the table row; brackets would make a link or an image."""
    cell = markdown.escape(text)
    assert unwanted not in cell
    assert "\n" not in cell


def test_an_interrupted_csv_export_leaves_the_old_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = export([EXAMPLE], "csv", tmp_path / "csv")
    before = {path.name: path.read_bytes() for path in first}
    calls = {"n": 0}
    real = csv_export.table_csv

    def fail_halfway(*args: object, **kwargs: object) -> str:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(csv_export, "table_csv", fail_halfway)
    with pytest.raises(KeyboardInterrupt):
        export([EXAMPLE], "csv", tmp_path / "csv", force=True)
    after = {path.name: path.read_bytes() for path in (tmp_path / "csv").iterdir()}
    assert after == before
    assert [p.name for p in tmp_path.iterdir()] == ["csv"]


def test_a_csv_export_never_empties_a_folder_of_other_files(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "notes.docx").write_bytes(b"mine")
    with pytest.raises(ExportError, match="holds other files"):
        export([EXAMPLE], "csv", tmp_path / "out", force=True)
    assert (tmp_path / "out" / "notes.docx").read_bytes() == b"mine"
