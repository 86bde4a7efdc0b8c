"""The DOCX report's activity blocks and table rows as WordprocessingML text, parsed in bulk.

python-docx builds a document one element at a time, each ``add_row``, ``add_run`` and
``font.size`` a search of the element's children in Python: 10,000 activities took nearly
four minutes. :class:`BodyXml` writes what those calls wrote, the same elements with the
same attributes in the same order (``<w:r>`` with its ``<w:rPr>``, ``<w:t>`` with
``xml:space="preserve"`` where python-docx adds it, ``<w:br/>`` for a line break and
``<w:tab/>`` for a tab), as text; lxml parses one activity or one table at a time, and
python-docx inserts it where its own calls would have. The parts that depend on the
document (style ids, column and cell widths, font sizes) are taken from python-docx itself
once per document. python-docx is imported when a :class:`BodyXml` is made.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

#: Characters python-docx refuses in text (lxml: "All strings must be XML compatible").
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
#: Where a run's text becomes a tab or a line break (python-docx's run text appender).
_BREAKS = re.compile(r"([\t\r\n])")
#: Rows of a table parsed at a time.
ROWS_PER_PARSE = 500


def _escape(text: str) -> str:
    if _NOT_XML.search(text):
        raise ValueError(
            "All strings must be XML compatible: Unicode or ASCII, no NULL bytes or "
            "control characters"
        )
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def run_xml(text: str, properties: str = "") -> str:
    """A ``<w:r>`` as python-docx's ``add_run(text)`` writes it, with ``properties`` (an
    ``<w:rPr>``) first."""
    parts = ["<w:r>", properties]
    if text:
        for piece in _BREAKS.split(text):
            if piece == "\t":
                parts.append("<w:tab/>")
            elif piece in ("\r", "\n"):
                parts.append("<w:br/>")
            elif piece:
                space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
                parts.append(f"<w:t{space}>{_escape(piece)}</w:t>")
    parts.append("</w:r>")
    return "".join(parts)


class BodyXml:
    """Adds blocks and table rows to a python-docx document as parsed WordprocessingML."""

    def __init__(self, word: WordDocument, table_pt: float, block_widths: Sequence[Any]) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls, qn
        from docx.oxml.simpletypes import ST_HpsMeasure
        from docx.oxml.table import CT_Tbl, CT_Tc
        from docx.shared import Pt
        from lxml import etree

        self.word = word
        self.body = word.element.body
        self.section_tag = qn("w:sectPr")
        self.parse = parse_xml
        self.ns = nsdecls("w")
        part = word.part
        heading = part.get_style_id("Heading 2", WD_STYLE_TYPE.PARAGRAPH)
        self.heading_ppr = f'<w:pPr><w:pStyle w:val="{heading}"/></w:pPr>' if heading else ""
        self.table_style = part.get_style_id("Table Grid", WD_STYLE_TYPE.TABLE)
        size = ST_HpsMeasure.convert_to_xml(Pt(table_pt))
        note = ST_HpsMeasure.convert_to_xml(Pt(table_pt - 1))
        self.bold = f'<w:rPr><w:b/><w:sz w:val="{size}"/></w:rPr>'
        self.plain = f'<w:rPr><w:sz w:val="{size}"/></w:rPr>'
        self.note = f'<w:rPr><w:sz w:val="{note}"/></w:rPr>'

        def cell_width(width: Any) -> str:
            tc: Any = CT_Tc.new()
            tc.width = width
            return str(tc.tcPr.tcW.get(qn("w:w")))

        self.cell_width = cell_width
        self.block_cells = [cell_width(width) for width in block_widths]
        skeleton = CT_Tbl.new_tbl(0, len(block_widths), word._block_width)
        skeleton.tblStyle_val = self.table_style
        text = etree.tostring(skeleton, encoding="unicode")
        self.block_open = text[: text.rindex("</w:tbl>")]

    def _cell(self, width: str | None, runs: str) -> str:
        if width is None:
            return f"<w:tc><w:p>{runs}</w:p></w:tc>"
        return f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr><w:p>{runs}</w:p></w:tc>'

    def block(self, title: str, entries: Sequence[tuple[str, str, str]]) -> None:
        """A heading (Heading 2) and a two-column table of (label, note, value) rows, as
        ``add_heading``, ``add_table``, ``add_row`` and ``add_run`` wrote them."""
        heading = f"<w:p {self.ns}>{self.heading_ppr}{run_xml(title)}</w:p>"
        self._insert(self.parse(heading))
        label, value = self.block_cells
        rows = []
        for name, note, text in entries:
            runs = run_xml(name, self.bold)
            if note:
                runs += run_xml(f" {note}", self.note)
            rows.append(
                f"<w:tr>{self._cell(label, runs)}{self._cell(value, run_xml(text, self.plain))}"
                "</w:tr>"
            )
        self._insert(self.parse(f"{self.block_open}{''.join(rows)}</w:tbl>"))

    def _insert(self, element: Any) -> None:
        """Put ``element`` last in the body, before its section properties, as python-docx's
        ``_insert_p`` and ``_insert_tbl`` do, without their search of the body's children
        for ``w:sectPr`` (one search per insert made a large document quadratic)."""
        try:
            last = self.body[-1]  # lxml finds the last child without walking the others
        except IndexError:
            last = None
        if last is not None and last.tag == self.section_tag:
            last.addprevious(element)
        else:
            self.body.insert_element_before(element, "w:sectPr")

    def rows(self, table: Any, rows: Sequence[Sequence[str]]) -> None:
        """Rows of one text per cell appended to ``table`` (a python-docx table), as
        ``add_row`` and ``add_run`` wrote them: each cell as wide as its grid column."""
        tbl = table._tbl
        widths = [
            None if column.w is None else self.cell_width(column.w)
            for column in tbl.tblGrid.gridCol_lst
        ]
        for start in range(0, len(rows), ROWS_PER_PARSE):
            xml = "".join(
                "<w:tr>"
                + "".join(
                    self._cell(width, run_xml(text, self.plain))
                    for width, text in zip(widths, values, strict=True)
                )
                + "</w:tr>"
                for values in rows[start : start + ROWS_PER_PARSE]
            )
            parsed = self.parse(f"<w:tbl {self.ns}>{xml}</w:tbl>")
            for tr in list(parsed):
                tbl.append(tr)


__all__ = ["BodyXml", "run_xml"]
