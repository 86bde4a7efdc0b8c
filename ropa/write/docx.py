"""``ropa export --format docx``: the page report as a Word document the DPO can edit.

The same :class:`~ropa.write.document.Document` as the PDF and the HTML, drawn with
python-docx: a cover (title, controllers, DPO, the date), the contents as a list, and the
sections in the same order, each activity and controller a heading with its fields as a
two-column table of label and value, the annexes as tables whose header row repeats on
every page. Word's own styles (Title, Heading 1, Heading 2) carry the structure, so Word's
navigation pane and its table of contents work, and the DPO can add a cover letter or edit
before sending. The document's language is set, so Word hyphenates and spell-checks in it.
python-docx is imported when the report is written.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ropa.read.group import GroupRecord
from ropa.write.cells import Cell
from ropa.write.document import Document, Progress, build_document
from ropa.write.docx_xml import BodyXml
from ropa.write.layout import Block, Section, Table
from ropa.write.safety import atomic_write_bytes

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

#: Report language -> the language tag Word uses for proofing and hyphenation.
WORD_LANGUAGES = {"en": "en-GB", "sv": "sv-SE", "nb": "nb-NO", "da": "da-DK", "fi": "fi-FI"}
BODY_PT = 9.5
TABLE_PT = 8.5
#: Progress is told every this many blocks or rows.
EVERY = 100


def _text(value: Cell, inline: bool = True) -> str:
    if isinstance(value, list):
        items = [item for item in value if item]
        return "; ".join(items) if inline else "\n".join(items)
    return value


def _setup(word: WordDocument, document: Document) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    normal = word.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(BODY_PT)
    language = WORD_LANGUAGES.get(document.lang, "en-GB")
    properties = normal.element.get_or_add_rPr()
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = properties.makeelement(qn("w:lang"), {})
        properties.append(lang)
    lang.set(qn("w:val"), language)
    core = word.core_properties
    title = f"{document.title} \u2013 {document.header}" if document.header else document.title
    core.title = title
    core.subject = document.subtitle
    core.author = document.header
    core.language = language
    core.comments = ""
    header = section.header.paragraphs[0]
    header.text = (
        f"{document.title} \u2013 {document.header}" if document.header else document.title
    )
    # The record's version, status, classification, case number, owner and approval, and
    # when the report was made, on every page.
    lines = list(document.footer)
    if document.version:
        lines[-1] += f" \u00b7 ropa {document.version}"
    footer = section.footer.paragraphs[0]
    footer.text = lines[0]
    paragraphs = [header, footer]
    for line in lines[1:]:
        paragraphs.append(section.footer.add_paragraph(line))
    for paragraph in paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(8 if paragraph is header else 7)


def _repeat_header(row: Any) -> None:
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    element = properties.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"})
    properties.append(element)


def _cover(word: WordDocument, document: Document, bulk: BodyXml) -> None:
    if document.classification or document.status:
        marking = " \u00b7 ".join(t for t in (document.classification, document.status) if t)
        word.add_paragraph().add_run(marking.upper()).bold = True
    word.add_paragraph(document.subtitle.upper())
    word.add_heading(document.title, level=0)
    if document.controllers:
        word.add_paragraph(" \u00b7 ".join(lines[0] for lines in document.controllers))
    facts = [*document.control, (document.word("generated"), document.generated)]
    if document.version:
        facts.append((document.word("generator"), f"ropa {document.version}"))
    if document.entity:
        facts.append((document.word("entity_filter"), document.entity))
    for title, value in facts:
        paragraph = word.add_paragraph()
        paragraph.add_run(f"{title}: ").bold = True
        paragraph.add_run(value)
    word.add_heading(document.word("dpo"), level=2)
    for dpo in document.dpos or [document.word("none")]:
        word.add_paragraph(dpo)
    if document.sources is not None:
        word.add_heading(document.sources.title, level=2)
        _table(word, document.sources, bulk)
    word.add_heading(document.word("contents"), level=1)
    for section in document.sections:
        word.add_paragraph(_number(section, document) + "  " + section.title, style="List Number")


def _number(section: Section, document: Document) -> str:
    return f"{document.word('annex')} {section.annex}" if section.annex else str(section.number)


def _block(bulk: BodyXml, block: Block) -> None:
    title = f"{block.ident}  \u2013  {block.title}" if block.ident else block.title
    bulk.block(title, [(e.title, e.note, _text(e.value, e.inline)) for e in block.entries])


def _table(word: WordDocument, table: Table, bulk: BodyXml) -> None:
    from docx.shared import Pt

    if not table.rows:
        word.add_paragraph(table.empty)
        return
    grid = word.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    head = grid.rows[0]
    _repeat_header(head)
    for cell, column in zip(head.cells, table.columns, strict=True):
        run = cell.paragraphs[0].add_run(column.title)
        run.bold = True
        run.font.size = Pt(TABLE_PT)
    bulk.rows(grid, [[_text(value, inline=False) for value in values] for values in table.rows])


def render_document(document: Document, progress: Progress | None = None) -> bytes:
    """The DOCX of a laid-out report."""
    import docx
    from docx.shared import Mm

    word = docx.Document()
    _setup(word, document)
    # Label and value columns of an activity's table; its rows are written in bulk.
    bulk = BodyXml(word, TABLE_PT, (Mm(60), Mm(207)))
    _cover(word, document, bulk)
    total = sum(len(s.blocks) + sum(len(t.rows) for t in s.tables) for s in document.sections)
    done = 0
    for section in document.sections:
        word.add_page_break()
        word.add_heading(f"{_number(section, document)}  {section.title}", level=1)
        if section.key == "summary":
            for card in document.cards:
                word.add_paragraph(f"{card.title}: {card.value}", style="List Bullet")
            continue
        if section.intro:
            word.add_paragraph(section.intro)
        for block in section.blocks:
            _block(bulk, block)
            done += 1
            if progress is not None and done % EVERY == 0:
                progress(done, total)
        for table in section.tables:
            _table(word, table, bulk)
            done += len(table.rows)
    if progress is not None:
        progress(total, total)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def write(
    group: GroupRecord,
    output: Path,
    *,
    audience: str = "authority",
    progress: Progress | None = None,
) -> list[Path]:
    """Write the DOCX report of ``group`` to ``output`` (atomically); for the authority
    unless ``audience`` says "internal"."""
    output = Path(output)
    atomic_write_bytes(output, render_document(build_document(group, audience), progress))
    return [output]


__all__ = ["render_document", "write"]
