"""Hostile workbooks from the red-team report (issue 13): each one is built here, and each
must end as one ``ropa: error:`` line naming the file (exit 2), or be read correctly.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from ropa.cli.app import app
from ropa.read.container import Limits
from ropa.read.workbook import WorkbookError, read_workbook
from ropa.read.xlsx_scan import scan_sheet

runner = CliRunner()


def _book(path: Path, far: str | None = None, value: str = "x") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Activities"
    ws.append(["Activity ID", "Activity name", "Role"])
    ws.append(["HR-01", "Payroll", "Controller"])
    ws.append(["HR-02", "Secret", "Controller"])
    if far:
        ws[far] = value
    wb.save(path)
    return path


def _rewrite(source: Path, target: Path, member: str, change) -> Path:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item)
            new.writestr(item, change(data) if item.filename == member else data)
    return target


def _error_line(path: Path, *args: str) -> str:
    result = runner.invoke(app, ["check", str(path), "--fail-on", "never", *args])
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.output and "Aborted" not in result.output
    assert str(path) in result.output
    return result.output


# --- 1: one cell far from A1 -----------------------------------------------------------------


@pytest.mark.parametrize("far", ["XFD1048576", "CV1048576"])
def test_a_far_cell_is_refused_before_the_grid_is_built(tmp_path: Path, far: str) -> None:
    path = _book(tmp_path / "far.xlsx", far)
    output = _error_line(path)
    assert far in output and "max-cells" in output


def test_an_empty_string_far_away_and_a_huge_column_are_refused(tmp_path: Path) -> None:
    path = _book(tmp_path / "base.xlsx")
    empty = _rewrite(
        path,
        tmp_path / "empty.xlsx",
        "xl/worksheets/sheet1.xml",
        lambda d: d.replace(
            b"</row></sheetData>",
            b'</row><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t></t></is></c>'
            b"</row></sheetData>",
        ),
    )
    assert "XFD1048576" in _error_line(empty)
    huge = _rewrite(
        path,
        tmp_path / "huge.xlsx",
        "xl/worksheets/sheet1.xml",
        lambda d: d.replace(b'r="C2"', b'r="AAAAAAAAAA2"'),
    )
    _error_line(huge)


def test_the_cell_cap_is_configurable_and_a_near_cell_is_read(tmp_path: Path) -> None:
    path = _book(tmp_path / "near.xlsx", "J40")
    read_workbook(path)
    with pytest.raises(WorkbookError, match="J40"):
        read_workbook(path, limits=Limits(max_cells=100))
    (tmp_path / "ropa.toml").write_text("max-cells = 100\n")
    assert "max-cells" in _error_line(path)


# --- 2: an .ods row repeated a million times ------------------------------------------------

_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def _ods(path: Path, repeat: int) -> Path:
    def cell(value: str) -> str:
        return (
            f'<table:table-cell office:value-type="string"><text:p>{value}</text:p>'
            "</table:table-cell>"
        )

    header = "".join(cell(h) for h in ["Activity ID", "Activity name", "Description", "Role"])
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS}>'
        "<office:body><office:spreadsheet>"
        f'<table:table table:name="Activities"><table:table-row>{header}</table:table-row>'
        f'<table:table-row table:number-rows-repeated="{repeat}">{cell("HR-01")}'
        f"{cell('Payroll')}</table:table-row>"
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("content.xml", content)
        archive.writestr(
            "META-INF/manifest.xml",
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
            'manifest:1.0">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type='
            '"application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>',
        )
    return path


def test_repeated_identical_rows_are_read_once(tmp_path: Path) -> None:
    book = read_workbook(_ods(tmp_path / "repeat.ods", 1000))
    assert [row.number for row in book.rows("activities")] == [2, 3]  # the copy shows RP103
    notice = next(n for n in book.notices if n.kind == "repeated-rows")
    assert notice.row == 4 and "4 to 1001" in notice.detail


def test_a_million_repeated_rows_are_refused_by_the_row_cap(tmp_path: Path) -> None:
    path = _ods(tmp_path / "million.ods", 1_048_574)
    with pytest.raises(WorkbookError, match="max-rows"):
        read_workbook(path, limits=Limits(max_rows=100_000))


def test_the_activity_cap(tmp_path: Path) -> None:
    path = _book(tmp_path / "three.xlsx")
    with pytest.raises(WorkbookError, match="max-activities"):
        read_workbook(path, limits=Limits(max_activities=1))


# --- 4 and 5: damaged files are one line naming the file ------------------------------------


def _member_offset(raw: bytes, name: bytes) -> int:
    i = raw.find(b"PK\x03\x04")
    while raw[i + 30 : i + 30 + struct.unpack_from("<H", raw, i + 26)[0]] != name:
        i = raw.find(b"PK\x03\x04", i + 4)
    return i


def test_ole_header_with_a_huge_sector_shift(tmp_path: Path) -> None:
    path = tmp_path / "ole.xls"
    path.write_bytes(
        bytes.fromhex("D0CF11E0A1B11AE1")
        + bytes(16)
        + struct.pack("<HHHH", 0x3E, 3, 0xFFFE, 0x4000)
        + bytes(480)
    )
    assert "damaged" in _error_line(path)


def test_damaged_deflate_data(tmp_path: Path) -> None:
    raw = bytearray(_book(tmp_path / "good.xlsx").read_bytes())
    i = _member_offset(raw, b"xl/workbook.xml")
    start = i + 30 + sum(struct.unpack_from("<HH", raw, i + 26))
    raw[start + 2 : start + 42] = b"\xff" * 40
    path = tmp_path / "deflate.xlsx"
    path.write_bytes(raw)
    assert "damaged" in _error_line(path)


def test_junk_after_the_workbook_part(tmp_path: Path) -> None:
    path = _rewrite(
        _book(tmp_path / "good.xlsx"),
        tmp_path / "junk.xlsx",
        "xl/workbook.xml",
        lambda d: d + b"<junk/>",
    )
    assert "damaged" in _error_line(path)


def test_a_dtd_after_the_prolog_window(tmp_path: Path) -> None:
    doctype = b"<!--" + b"x" * 5000 + b'--><!DOCTYPE worksheet [<!ENTITY e "x">]>'
    path = _rewrite(
        _book(tmp_path / "good.xlsx"),
        tmp_path / "dtd.xlsx",
        "xl/worksheets/sheet1.xml",
        lambda d: doctype + d[d.index(b"<worksheet") :],
    )
    assert "DTD" in _error_line(path)


@pytest.mark.parametrize("method", [9, 99])
def test_an_unsupported_compression_method(tmp_path: Path, method: int) -> None:
    raw = bytearray(_book(tmp_path / "good.xlsx").read_bytes())
    i = _member_offset(raw, b"xl/worksheets/sheet1.xml")
    struct.pack_into("<H", raw, i + 8, method)
    j = raw.find(b"PK\x01\x02")
    while (
        raw[j + 46 : j + 46 + struct.unpack_from("<H", raw, j + 28)[0]]
        != b"xl/worksheets/sheet1.xml"
    ):
        j = raw.find(b"PK\x01\x02", j + 4)
    struct.pack_into("<H", raw, j + 10, method)
    path = tmp_path / "method.xlsx"
    path.write_bytes(raw)
    _error_line(path)


def test_a_member_that_runs_past_the_end_is_exit_2_not_aborted(tmp_path: Path) -> None:
    good = _book(tmp_path / "good.xlsx")
    path = tmp_path / "eof.xlsx"
    with zipfile.ZipFile(good) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item, old.read(item))
        new.writestr(
            zipfile.ZipInfo("customXml/item9.xml"), b"<a/>", compress_type=zipfile.ZIP_STORED
        )
    raw = bytearray(path.read_bytes())
    i = raw.find(b"PK\x01\x02")
    while raw[i + 46 : i + 46 + struct.unpack_from("<H", raw, i + 28)[0]] != b"customXml/item9.xml":
        i = raw.find(b"PK\x01\x02", i + 4)
    struct.pack_into("<LL", raw, i + 20, 100000, 100000)
    path.write_bytes(raw)
    assert "past the end" in _error_line(path)
    result = runner.invoke(
        app, ["export", str(path), "--format", "json", "-o", str(tmp_path / "o.json")]
    )
    assert result.exit_code == 2 and "Aborted" not in result.output


# --- 10 (last part): a part that unpacks to more than it declares ---------------------------


def test_a_lying_uncompressed_size_is_counted(tmp_path: Path) -> None:
    good = _book(tmp_path / "good.xlsx")
    path = tmp_path / "lying.xlsx"
    big = b"<a>" + b"A" * (8 << 20) + b"</a>"
    with zipfile.ZipFile(good) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item, old.read(item))
        new.writestr("xl/media/big.xml", big)
    raw = bytearray(path.read_bytes())
    i = raw.find(b"PK\x01\x02")
    while raw[i + 46 : i + 46 + struct.unpack_from("<H", raw, i + 28)[0]] != b"xl/media/big.xml":
        i = raw.find(b"PK\x01\x02", i + 4)
    struct.pack_into("<L", raw, i + 24, 4290)  # the central directory's uncompressed size
    path.write_bytes(raw)
    assert "declares" in _error_line(path)


# --- 8: hidden rows and formulas in every valid spelling of the XML -------------------------

_SHEET = (
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Activity ID</t></is></c></row>'
    '<row r="3" hidden="1"><c r="A3"><v>1</v></c><c r="D3"><f>1+1</f></c></row>'
    "</sheetData></worksheet>"
)


@pytest.mark.parametrize(
    "xml",
    [
        _SHEET,
        _SHEET.replace('"', "'"),
        _SHEET.replace('hidden="1"', 'hidden = "1"'),
        _SHEET.replace("<", "<x:").replace("<x:/", "</x:").replace("xmlns=", "xmlns:x="),
        _SHEET.replace(' r="D3"', ""),  # the second cell of row 3 is B3 by position
    ],
    ids=["double", "single", "spaces", "prefix", "no-r"],
)
def test_hidden_rows_and_formulas_in_valid_xml_variants(xml: str) -> None:
    found = scan_sheet(xml.encode())
    assert found.hidden_rows == [3]
    assert found.formulas_without_value in (["D3"], ["B3"])


def test_single_quoted_hidden_row_is_reported_by_check(tmp_path: Path) -> None:
    path = _book(tmp_path / "hidden.xlsx")
    book = openpyxl.load_workbook(path)
    book["Activities"].row_dimensions[3].hidden = True
    book.save(path)
    quoted = _rewrite(
        path,
        tmp_path / "quoted.xlsx",
        "xl/worksheets/sheet1.xml",
        lambda d: d.replace(b'hidden="1"', b"hidden='1'"),
    )
    result = runner.invoke(app, ["check", str(quoted), "--fail-on", "never", "--select", "RP115"])
    assert "RP115" in result.output, result.output


# --- 10: the output side ----------------------------------------------------------------------


def test_a_fifo_or_device_is_never_replaced(tmp_path: Path) -> None:
    import os

    record = _book(tmp_path / "r.xlsx")
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    link = tmp_path / "stdout"
    link.symlink_to("/dev/null")
    for target in (fifo, link):
        result = runner.invoke(
            app, ["export", str(record), "-f", "json", "-o", str(target), "--force"]
        )
        assert result.exit_code == 2 and "not a regular file" in result.output, result.output
    assert fifo.is_fifo() and link.is_symlink()


def test_an_unwritable_output_is_one_line(tmp_path: Path) -> None:
    record = _book(tmp_path / "r.xlsx")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = runner.invoke(
        app, ["export", str(record), "-f", "json", "-o", str(blocker / "o.json")]
    )
    assert result.exit_code == 2 and "internal error" not in result.output, result.output


def test_export_with_findings_and_an_unreadable_notice(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Organisation"
    ws.append(["Entity ID", "Legal name", "Privacy policy"])
    ws.append(["SE01", "Exempel AB", "notice.pdf"])
    wb.save(tmp_path / "record.xlsx")
    (tmp_path / "notice.pdf").write_bytes(
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    result = runner.invoke(
        app,
        [
            "export",
            str(tmp_path / "record.xlsx"),
            "-f",
            "json",
            "-o",
            str(tmp_path / "o.json"),
            "--with-findings",
        ],
    )
    assert result.exit_code == 2 and "notice.pdf" in result.output, result.output
    assert "internal error" not in result.output


def test_import_refuses_a_far_cell_too(tmp_path: Path) -> None:
    path = _book(tmp_path / "far.xlsx", "XFD1048576")
    result = runner.invoke(app, ["import", str(path), "-o", str(tmp_path / "out.xlsx")])
    assert result.exit_code == 2 and "XFD1048576" in result.output, result.output
