"""The DOCX rows written as text are the elements python-docx's own calls write."""

from __future__ import annotations

import docx
import pytest
from docx.shared import Mm, Pt
from lxml import etree

from ropa.write.docx_xml import BodyXml

TEXTS = [
    "Personaladministration & lön <intern>",
    "  leading and trailing  ",
    "line one\nline two\r\nline three",
    "a\ttab",
    "\u00a0non-breaking\u00a0",
    "",
    "Säilytys \u2013 \u201ckaksi\u201d vuotta",
]


def _body(word: docx.document.Document) -> bytes:
    return b"".join(etree.tostring(child) for child in word.element.body)


def test_block_is_what_python_docx_writes() -> None:
    by_hand, in_bulk = docx.Document(), docx.Document()
    entries = [
        (text or "Empty", "Art. 30(1)(b)" if n % 2 else "", text) for n, text in enumerate(TEXTS)
    ]
    by_hand.add_heading("A-1  \u2013  Payroll & <pay>", level=2)
    table = by_hand.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for title, note, value in entries:
        cells = table.add_row().cells
        run = cells[0].paragraphs[0].add_run(title)
        run.bold = True
        run.font.size = Pt(8.5)
        if note:
            cells[0].paragraphs[0].add_run(f" {note}").font.size = Pt(7.5)
        cells[1].paragraphs[0].add_run(value).font.size = Pt(8.5)
        cells[0].width, cells[1].width = Mm(60), Mm(207)
    BodyXml(in_bulk, 8.5, (Mm(60), Mm(207))).block("A-1  \u2013  Payroll & <pay>", entries)
    assert b"&amp; &lt;pay&gt;" in _body(by_hand)
    assert _body(in_bulk) == _body(by_hand)


def test_rows_are_what_python_docx_writes() -> None:
    made = []
    for bulk in (False, True):
        word = docx.Document()
        writer = BodyXml(word, 8.5, (Mm(60), Mm(207)))
        grid = word.add_table(rows=1, cols=3)
        rows = [TEXTS[n : n + 3] for n in range(0, 6, 3)]
        if bulk:
            writer.rows(grid, rows)
        else:
            for values in rows:
                for cell, value in zip(grid.add_row().cells, values, strict=True):
                    cell.paragraphs[0].add_run(value).font.size = Pt(8.5)
        made.append(_body(word))
    assert made[0] == made[1]


def test_text_python_docx_refuses_is_refused() -> None:
    with pytest.raises(ValueError, match="XML compatible"):
        BodyXml(docx.Document(), 8.5, (Mm(60), Mm(207))).block("x", [("a", "", "bad\x01")])
