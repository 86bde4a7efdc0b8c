"""The oddity scan's fast path agrees with the full scan.

A sheet the fast path calls ordinary must have nothing the full scan would report, and the
range it bounds must hold the full scan's used range; whatever the chunks it is fed in.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ropa.read.xlsx_quick import _Quick
from ropa.read.xlsx_scan import SheetOddities, _bounds, _parser, scan_sheet

ROOT = Path(__file__).resolve().parent.parent
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _quick(xml: bytes, chunk: int) -> _Quick:
    quick = _Quick(_parser())
    for start in range(0, len(xml), chunk):
        quick.feed(xml[start : start + chunk])
        if not quick.ordinary:
            break
    else:
        quick.feed(b"", final=True)
    return quick


def _agrees(xml: bytes, chunk: int) -> tuple[bool, SheetOddities]:
    full = scan_sheet(xml)
    quick = _quick(xml, chunk)
    if quick.ordinary:
        bound = _bounds(quick)
        assert not (full.hidden_rows or full.hidden_columns or full.formulas_without_value)
        assert bound.rows >= full.rows and bound.columns >= full.columns, (bound, full)
    return quick.ordinary, full


def _example_sheets() -> list[bytes]:
    with zipfile.ZipFile(ROOT / "workbooks" / "example-en.xlsx") as archive:
        return [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]


@pytest.mark.parametrize("chunk", [1, 7, 64, 1 << 20])
def test_the_shipped_example_takes_the_fast_path(chunk: int) -> None:
    sheets = _example_sheets()
    assert sheets
    for xml in sheets:
        ordinary, full = _agrees(xml, chunk)
        assert ordinary
        quick = _bounds(_quick(xml, chunk))
        assert (quick.rows, quick.columns) == (full.rows, full.columns)  # every cell has a value


_ODD_SHEETS = {
    "hidden row": f'<worksheet {_NS}><sheetData><row r="1" hidden="1"><c r="A1"><v>1</v></c>'
    "</row></sheetData></worksheet>",
    "hidden column": f'<worksheet {_NS}><cols><col min="2" max="3" hidden="true"/></cols>'
    "<sheetData/></worksheet>",
    "formula": f'<worksheet {_NS}><sheetData><row r="1"><c r="A1"><f>1+1</f></c></row>'
    "</sheetData></worksheet>",
    "prefixed": '<x:worksheet xmlns:x="urn:x"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v>'
    "</x:c></x:row></x:sheetData></x:worksheet>",
    "cell without r": f"<worksheet {_NS}><sheetData><row><c><v>1</v></c></row></sheetData>"
    "</worksheet>",
    "single quotes": f"<worksheet {_NS}><sheetData><row r='1'><c r='A1'><v>1</v></c></row>"
    "</sheetData></worksheet>",
    "lower-case reference": f'<worksheet {_NS}><sheetData><row r="1"><c r="a1"><v>1</v></c>'
    "</row></sheetData></worksheet>",
    "comment": f'<worksheet {_NS}><!-- <c r="ZZ9"/> --><sheetData/></worksheet>',
    "utf-16": f'<?xml version="1.0" encoding="UTF-16"?><worksheet {_NS}/>',
}


@pytest.mark.parametrize("name", sorted(_ODD_SHEETS))
def test_anything_to_report_or_unusual_goes_to_the_full_scan(name: str) -> None:
    xml = _ODD_SHEETS[name]
    data = xml.encode("utf-16") if name == "utf-16" else xml.encode()
    assert not _quick(data, 1 << 20).ordinary


def test_a_far_cell_is_bounded() -> None:
    xml = (
        f'<worksheet {_NS}><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>'
    ).encode()
    bound = _bounds(_quick(xml, 5))
    assert (bound.rows, bound.columns) == (1048576, 16384)


_CELL = st.builds(
    lambda ref, attrs, content: f"<c{ref}{attrs}{content}",
    st.sampled_from([' r="A1"', ' r="C7"', ' r="AB12"', ' r="b2"', "", " r='D4'", ' r="XFD9"']),
    st.sampled_from(["", ' t="s"', ' s="1" t="inlineStr"', ' t="str"']),
    st.sampled_from(
        ["/>", "><v>1</v></c>", "><is><t>x</t></is></c>", "><f>1</f></c>", "></c>", "><v/></c>"]
    ),
)
_ROW = st.builds(
    lambda ref, hidden, cells: f"<row{ref}{hidden}>{''.join(cells)}</row>",
    st.sampled_from([' r="1"', ' r="5"', ' r="120"', "", ' r="999999"']),
    st.sampled_from(["", ' hidden="1"', ' spans="1:5"', " hidden = '0'"]),
    st.lists(_CELL, max_size=4),
)
_SHEET = st.builds(
    lambda head, rows, tail: (
        f"{head}<worksheet {_NS}><sheetData>{''.join(rows)}</sheetData>{tail}</worksheet>"
    ),
    st.sampled_from(["", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n', "\ufeff"]),
    st.lists(_ROW, max_size=5),
    st.sampled_from(["", "<!-- note -->", '<cols><col min="1" max="1" hidden="1"/></cols>']),
)


@settings(max_examples=300, deadline=None)
@given(_SHEET, st.integers(min_value=1, max_value=80))
def test_fast_path_never_hides_what_the_full_scan_finds(xml: str, chunk: int) -> None:
    _agrees(xml.encode(), chunk)


def test_large_sheets_are_scanned_in_a_process_with_the_same_results(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ropa.read import xlsx_scan

    book = ROOT / "workbooks" / "flawed-en.xlsx"
    with zipfile.ZipFile(book) as archive:
        names = list(xlsx_scan.sheet_parts(archive))
    in_thread = xlsx_scan.scan_workbook(book, names)
    monkeypatch.setattr(xlsx_scan, "PROCESS_FROM", 0)
    futures = xlsx_scan.start_scans(book, names)
    in_process = {name: future.result() for name, future in futures.items()}
    assert in_process == in_thread and len(in_thread) == len(names) > 1
    if sys.platform == "linux":
        assert "Process" in type(xlsx_scan._executor(0)).__name__
