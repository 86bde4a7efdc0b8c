"""The PDF's logical structure: what a screen reader reads, in order, and what it skips.

fpdf2 writes a structure tree (``/StructTreeRoot``, ``/MarkInfo``) when its document's
``struct_builder`` is not empty, but its own builder makes a flat list of figures and
links under one ``/Document``, finds the next marked-content id by counting every element
of the document (quadratic for a report of 10,000 activities) and has no public way to
tag text. :class:`Tags` takes the builder's place: it keeps a tree of standard structure
types (``Sect``, ``H1``, ``H2``, ``P``, ``Table``, ``TR``, ``TH``, ``TD``, ``TOC``) in
reading order, marks the content of each leaf with ``/P <</MCID n>> BDC ... EMC``, marks
page furniture with ``/Artifact BMC ... EMC``, and carries a leaf over a page break (its
content on the next page is a second marked-content reference to the same element).

This is the one module that touches fpdf2's private side: the document's
``struct_builder`` (read by fpdf2's output as ``empty()``, iteration over the objects to
write with the tree root first, and ``doc_struct_elem.k`` with ``page_number()`` and
``pg``), a page's ``struct_parents``, ``_out`` and ``_set_min_pdf_version``.
``tests/test_pdf_tags.py`` fails when fpdf2 stops reading or offering them.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fpdf import FPDF


class Element:
    """A structure element: its type, its parent, its kids (elements, or marked content: an
    id on the element's own page, or (page, id) on another) and the page it starts on.
    Written by hand, not through fpdf2's generic serialiser, since a large report has
    hundreds of thousands of them (so without the optional ``/Type /StructElem``)."""

    __slots__ = ("id", "kids", "kind", "page", "pages", "parent", "pg", "root")
    pg: Any
    root: Any

    def __init__(self, kind: str, parent: Element | None, page: int, pages: Any) -> None:
        self.id = 0
        self.kind = kind
        self.parent = parent
        self.kids: list[Element | int | tuple[int, int]] = []
        self.page = page
        self.pages = pages  # fpdf2's pages by number, for their object ids
        # Not set here: pg (which fpdf2's output sets on the Document's kids, not needed)
        # and root (the tree root, the Document's parent).

    @property
    def ref(self) -> str:
        return f"{self.id} 0 R"

    @property
    def k(self) -> list[Element | int | tuple[int, int]]:
        """The kids, by the name fpdf2's output reads them (the Document's are elements)."""
        return self.kids

    def page_number(self) -> int:
        return self.page

    def serialize(self, _security_handler: Any = None) -> str:
        pages = self.pages
        kids = []
        for kid in self.kids:
            if isinstance(kid, int):
                kids.append(str(kid))
            elif isinstance(kid, Element):
                kids.append(f"{kid.id} 0 R")
            else:  # on another page
                kids.append(f"<</Type /MCR /Pg {pages[kid[0]].id} 0 R /MCID {kid[1]}>>")
        parent = self.parent.id if self.parent is not None else self.root.id
        page = f" /Pg {pages[self.page].id} 0 R" if self.page else ""
        return (
            f"{self.id} 0 obj\n<</S /{self.kind} /P {parent} 0 R{page}"
            f" /K [{' '.join(kids)}]>>\nendobj"
        )


@cache
def _root_class() -> type:
    """The structure tree root (the Document element and the parent tree): an fpdf2
    object, so that the catalogue refers to it. fpdf2 is imported when it is first made."""
    from fpdf.syntax import PDFObject

    class Root(PDFObject):
        def __init__(self, tags: Tags) -> None:
            super().__init__()
            self.tags = tags

        def serialize(
            self, obj_dict: dict[str, object] | None = None, _security_handler: Any = None
        ) -> str:
            tags = self.tags
            return (
                f"{self.id} 0 obj\n<</Type /StructTreeRoot"
                f" /ParentTree {tags.parent_tree.id} 0 R /ParentTreeNextKey {len(tags.marked)}"
                f" /K [{tags.doc_struct_elem.id} 0 R]>>\nendobj"
            )

    return Root


class _ParentTree:
    """Page by page (by its ``/StructParents`` key), the leaf of each marked-content id."""

    def __init__(self, tags: Tags) -> None:
        self.id = 0
        self.tags = tags

    @property
    def ref(self) -> str:
        return f"{self.id} 0 R"

    def serialize(self, _security_handler: Any = None) -> str:
        nums = " ".join(
            f"{key} [{' '.join(f'{leaf.id} 0 R' for leaf in leaves)}]"
            for key, leaves in enumerate(self.tags.marked.values())
        )
        return f"{self.id} 0 obj\n<</Nums [{nums}]>>\nendobj"


class Tags:
    """The structure tree of one fpdf2 document, built as the report is drawn."""

    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf
        self.root = _root_class()(self)
        self.parent_tree = _ParentTree(self)
        self.doc_struct_elem = Element("Document", None, 1, pdf.pages)
        self.doc_struct_elem.root = self.root
        #: page -> its leaves, one per marked-content id (in id order).
        self.marked: dict[int, list[Element]] = {}
        #: Every element but the Document, in the order made (the order written).
        self.elements: list[Element] = []
        self._page = 0
        self._leaves: list[Element] = []
        self._opening: dict[str, bytes] = {}
        self.parent = self.doc_struct_elem
        self.leaf: Element | None = None
        self.suspended: Element | None = None
        self.in_artifact = False
        pdf.struct_builder = self  # type: ignore[assignment]
        pdf._set_min_pdf_version("1.4")  # /MarkInfo

    # What fpdf2's output asks of its structure builder.

    def empty(self) -> bool:
        return not self.doc_struct_elem.kids

    def __iter__(self) -> Any:
        yield self.root
        yield self.doc_struct_elem
        yield self.parent_tree
        yield from self.elements

    # Building the tree.

    def group(self, kind: str) -> Element:
        """Open a grouping element (``Sect``, ``Table``, ``TR``, ``TOC``) under the current
        one; what follows goes inside it until :meth:`close_group`. Its page is that of
        its first content."""
        element = Element(kind, self.parent, 0, self.pdf.pages)
        self.parent.kids.append(element)
        self.elements.append(element)
        self.parent = element
        return element

    def close_group(self) -> None:
        if self.parent.parent is not None:
            self.parent = self.parent.parent

    def _out(self, data: bytes) -> None:
        """fpdf2's ``_out`` without its checks (a page is open, the document not written)."""
        self.pdf.pages[self.pdf.page].contents.extend(  # type: ignore[union-attr]
            data
        )

    def _mark(self, leaf: Element) -> None:
        page = self.pdf.page
        if page != self._page:
            self._page = page
            leaves = self.marked.get(page)
            if leaves is None:
                leaves = self.marked[page] = []
                self.pdf.pages[page].struct_parents = len(self.marked) - 1
            self._leaves = leaves
        leaves = self._leaves
        number = len(leaves)
        leaf.kids.append(number if page == leaf.page else (page, number))
        opening = self._opening.get(leaf.kind)
        if opening is None:
            opening = self._opening[leaf.kind] = f"/{leaf.kind} <</MCID ".encode()
        self.pdf.pages[page].contents.extend(  # type: ignore[union-attr]
            b"%b%d>> BDC\n" % (opening, number)
        )
        leaves.append(leaf)
        self.leaf = leaf

    def begin(self, kind: str, carry_on: Element | None = None) -> Element:
        """Start the content of a leaf (``H1``, ``H2``, ``P``, ``TH``, ``TD``), or go on
        with ``carry_on``'s (a table cell split over a page); end it with :meth:`end`."""
        if carry_on is None:
            parent = self.parent
            carry_on = Element(kind, parent, self.pdf.page, self.pdf.pages)
            parent.kids.append(carry_on)
            self.elements.append(carry_on)
            while not parent.page:  # the first content of the groups it opens
                parent.page = self.pdf.page
                parent = parent.parent  # type: ignore[assignment]
        self._mark(carry_on)
        return carry_on

    def end(self) -> None:
        if self.leaf is not None:
            self._out(b"EMC\n")
            self.leaf = None
        self.suspended = None

    def artifact(self) -> None:
        """Start page furniture (running header and footer, a repeated header row)."""
        self._out(b"/Artifact BMC\n")
        self.in_artifact = True

    def end_artifact(self) -> None:
        self._out(b"EMC\n")
        self.in_artifact = False

    # Page breaks inside a leaf (fpdf2 breaks pages inside multi_cell).

    def page_ends(self) -> None:
        """Before the footer: close the leaf being drawn, to go on on the next page."""
        if self.leaf is not None:
            self._out(b"EMC\n")
            self.suspended, self.leaf = self.leaf, None

    def page_starts(self) -> None:
        """After the header: go on with the leaf the page break interrupted."""
        if self.suspended is not None:
            leaf, self.suspended = self.suspended, None
            self._mark(leaf)


__all__ = ["Element", "Tags"]
