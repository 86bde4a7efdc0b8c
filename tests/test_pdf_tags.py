"""The PDF is tagged: a structure tree in reading order (headings, paragraphs, the
activities' blocks, tables with header cells), page furniture marked as artifact, and the
document language set; and the parts of fpdf2 that ropa.write.pdf_tags relies on are there."""

from __future__ import annotations

import inspect
import io
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

from ropa.api.export import build_group_record
from ropa.write import pdf
from ropa.write.document import Document, build_document
from ropa.write.pdf_page import Page
from ropa.write.pdf_tags import Tags

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("en", "sv", "nb", "da", "fi")
_MARKED = re.compile(rb"/(\w+) <</MCID (\d+)>> BDC")
#: A content-stream line that paints: shows text, fills or strokes.
_PAINTS = re.compile(rb"\b(Tj|TJ|re|S|f|B)\s*(ET( Q)?)?$")


def _tree(element: Any) -> dict[str, Any]:
    """A structure element as {kind, kids (elements), marks (page index, mcid)}."""
    element = element.get_object()
    kind = str(element["/S"])[1:]
    kids: list[dict[str, Any]] = []
    marks: list[tuple[Any, int]] = []
    page = element.raw_get("/Pg") if "/Pg" in element else None
    for kid in element.get("/K", []):
        if isinstance(kid, int):
            marks.append((page.idnum, int(kid)))
        elif isinstance(kid, IndirectObject):
            kids.append(_tree(kid))
        elif isinstance(kid, DictionaryObject) and kid.get("/Type") == "/MCR":
            marks.append((kid.raw_get("/Pg").idnum, int(kid["/MCID"])))
    return {"kind": kind, "kids": kids, "marks": marks}


def _kinds(tree: dict[str, Any]) -> list[str]:
    return [kid["kind"] for kid in tree["kids"]]


@pytest.fixture(scope="module", params=LANGS)
def report(request: pytest.FixtureRequest) -> tuple[str, Document, PdfReader]:
    lang = request.param
    group = build_group_record([ROOT / f"workbooks/example-{lang}.xlsx"], lang=lang)
    document = build_document(group, "authority")
    return lang, document, PdfReader(io.BytesIO(pdf.render_document(document)))


def test_the_pdf_is_tagged_with_its_language(report: tuple[str, Document, PdfReader]) -> None:
    lang, _, reader = report
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"]) is True
    assert str(catalog["/Lang"]).startswith(lang)
    assert "/StructTreeRoot" in catalog
    assert reader.outline  # the bookmarks


def test_the_structure_tree_follows_the_document(report: tuple[str, Document, PdfReader]) -> None:
    """Cover (subtitle, title as H1, the rest), contents, then a Sect a section in the
    report's order, each with its H1; blocks as Sect of H2 and one P a field; tables as
    Table of a TH row and a TR a row."""
    _, document, reader = report
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    (top,) = [_tree(kid) for kid in root["/K"]]
    assert top["kind"] == "Document"
    assert _kinds(top)[:4] == ["P", "H1", "P", "TOC"]
    toc = top["kids"][3]
    assert _kinds(toc) == ["H1"] + ["TOCI"] * len(document.sections)
    sections = top["kids"][4:]
    assert [s["kind"] for s in sections] == ["Sect"] * len(document.sections)
    tables_seen = blocks_seen = 0
    for tree, section in zip(sections, document.sections, strict=True):
        kinds = _kinds(tree)
        assert kinds[0] == "H1"
        blocks = [kid for kid in tree["kids"] if kid["kind"] == "Sect"]
        assert len(blocks) == len(section.blocks)
        for drawn, block in zip(blocks, section.blocks, strict=True):
            assert _kinds(drawn) == ["H2"] + ["P"] * len(block.entries)
            blocks_seen += 1
        tables = [kid for kid in tree["kids"] if kid["kind"] == "Table"]
        assert len(tables) == len([t for t in section.tables if t.rows])
        for drawn, table in zip(tables, [t for t in section.tables if t.rows], strict=True):
            rows = drawn["kids"]
            assert [r["kind"] for r in rows] == ["TR"] * (len(table.rows) + 1)
            assert _kinds(rows[0]) == ["TH"] * len(table.columns)
            assert all(_kinds(r) == ["TD"] * len(table.columns) for r in rows[1:])
            tables_seen += 1
    assert blocks_seen and tables_seen


def test_marked_content_matches_the_tree_and_furniture_is_artifact(
    report: tuple[str, Document, PdfReader],
) -> None:
    """Every marked-content id the tree names is on its page with the element's type, once;
    each page's running header and footer are inside /Artifact BMC ... EMC; nothing is
    painted outside marked content (content or artifact)."""
    _, _, reader = report
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    named: dict[tuple[int, int], str] = {}

    def collect(tree: dict[str, Any]) -> None:
        for mark in tree["marks"]:
            assert mark not in named
            named[mark] = tree["kind"]
        for kid in tree["kids"]:
            collect(kid)

    for kid in root["/K"]:
        collect(_tree(kid))
    found: dict[tuple[int, int], str] = {}
    for page in reader.pages:
        content = page.get_contents()
        assert content is not None
        data = content.get_data()
        number = page.indirect_reference.idnum  # type: ignore[union-attr]
        for match in _MARKED.finditer(data):
            found[(number, int(match[2]))] = match[1].decode()
        # A header (empty on the cover) and a footer, each drawn as an artifact with text.
        artifacts = re.findall(rb"/Artifact BMC\n(.*?)\nEMC", data, re.S)
        assert len(artifacts) >= 2
        assert b"BT" in artifacts[-1]  # the footer's text
        opened = len(_MARKED.findall(data)) + data.count(b"/Artifact BMC")
        assert opened == len(re.findall(rb"^EMC$", data, re.M))
        depth = 0
        for line in data.split(b"\n"):
            if line.endswith((b"BDC", b"BMC")):
                depth += 1
            elif line == b"EMC":
                depth -= 1
            else:
                assert depth or not _PAINTS.search(line), line
            assert depth >= 0
    assert found == named


def test_fpdf2_still_reads_the_builder_as_pdf_tags_expects() -> None:
    """ropa.write.pdf_tags replaces fpdf2's private structure builder: if fpdf2 stops
    reading it this way, this fails (and the PDF would be untagged or broken)."""
    import fpdf
    from fpdf import output
    from fpdf.output import PDFPage

    source = inspect.getsource(output)
    for use in (
        "self.fpdf.struct_builder.empty()",
        "for pdf_obj in self.fpdf.struct_builder:",
        "for struct_elem in fpdf.struct_builder.doc_struct_elem.k:",
        "struct_elem.pg = page_objs[struct_elem.page_number() - 1]",
        "catalog_obj.struct_tree_root = struct_tree_root_obj",
        '"/Marked": "true"',
    ):
        assert use in source, f"fpdf2 {fpdf.__version__} no longer has: {use}"
    assert "struct_parents" in PDFPage.__slots__
    document = fpdf.FPDF()
    for private in ("_out", "_set_min_pdf_version", "struct_builder"):
        assert hasattr(document, private), f"fpdf2 {fpdf.__version__} has no FPDF.{private}"


def test_a_paragraph_split_over_a_page_is_one_element() -> None:
    """A leaf interrupted by a page break goes on on the next page as the same element."""
    group = build_group_record([ROOT / "workbooks/example-en.xlsx"], lang="en")
    page = Page(build_document(group, "authority"))
    tags: Tags = page.tags
    page.pdf.add_page()
    page.pdf.add_page()
    page.note("A long note. " * 600)  # more than a page
    assert page.pdf.page > 2
    reader = PdfReader(io.BytesIO(bytes(page.pdf.output())))
    (top,) = [_tree(kid) for kid in reader.trailer["/Root"]["/StructTreeRoot"]["/K"]]
    (note,) = top["kids"]
    assert note["kind"] == "P"
    assert len({mark[0] for mark in note["marks"]}) == page.pdf.page - 1
    assert not tags.suspended and tags.leaf is None
