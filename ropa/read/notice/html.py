"""The text of a notice saved as a web page (``.html``, ``.htm``, ``.xhtml``).

A page as saved from a browser. Navigation, the site's header and footer, scripts, styles,
``noscript``, forms and cookie banners are dropped; headings, paragraphs, lists (one item
per line, ``- `` before it) and tables (one row per line, cells joined by `` | ``) are kept
as text. Parsing is lenient: broken markup is read as well as it can be, never refused.

Headings become sections. The page is walked iteratively, so deep or broken markup cannot
overflow the stack.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ropa.model.text import collapse
from ropa.read.notice.decode import split_lines
from ropa.read.notice.document import Section

if TYPE_CHECKING:
    from bs4 import Tag

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "form",
    "iframe",
    "svg",
    "canvas",
    "object",
    "embed",
    "head",
    "button",
    "select",
    "dialog",
)
_DROP_ROLES = {"navigation", "search", "dialog", "alertdialog"}
_BANNER_NAME = re.compile(
    r"cookie|consent|banner|gdpr|onetrust|cookiebot|didomi|usercentrics", re.I
)
_BANNER_SHAPE = re.compile(
    r"banner|consent|popup|pop-up|modal|dialog|overlay|notice|notification|bar\b|cmp", re.I
)
_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "aside",
    "blockquote",
    "address",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "details",
    "summary",
    "hr",
    "ul",
    "ol",
    "li",
    "table",
    "caption",
    "fieldset",
    "center",
    "body",
    "header",
    "footer",
}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


def _names_of(tag: Tag) -> str:
    raw: Any = tag.get("class") or []
    classes: list[Any] = [raw] if isinstance(raw, str) else list(raw)
    parts = [str(tag.get("id") or ""), " ".join(str(c) for c in classes)]
    parts.append(str(tag.get("aria-label") or ""))
    return " ".join(parts)


def _is_cookie_banner(tag: Tag, has_controls: set[int]) -> bool:
    """A cookie or consent banner: named so, and shaped like one (not a 'Cookies' section).

    The notice's own section about cookies (``<section id="cookies">``) must survive, so a
    name alone is not enough: the element must also be called a banner, bar, pop-up, dialog
    or consent box, have a dialog role, or hold buttons or form fields.
    """
    names = _names_of(tag)
    if not names.strip() or not _BANNER_NAME.search(names):
        return False
    if tag.name in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return False
    if _BANNER_SHAPE.search(names) or tag.get("role") in ("dialog", "alertdialog", "banner"):
        return True
    return id(tag) in has_controls


def _is_site_chrome(tag: Tag, in_article: set[int]) -> bool:
    """The site's header or footer (not an article's own <header> inside main/article)."""
    role = tag.get("role")
    if tag.name in ("header", "footer") or role in ("banner", "contentinfo"):
        return id(tag) not in in_article
    return False


_CONTROLS = ("button", "input", "form", "select")


def _ancestry(tags: list[Tag]) -> tuple[set[int], set[int]]:
    """Which tags hold a form control, and which sit inside main or article: one pass each
    (asking every tag would walk its subtree or its parents, quadratic in nested markup)."""
    has_controls: set[int] = set()
    for tag in tags:
        if tag.name in _CONTROLS:
            parent = tag.parent
            while parent is not None and id(parent) not in has_controls:
                has_controls.add(id(parent))
                parent = parent.parent
    in_article: set[int] = set()
    for tag in tags:  # document order: a parent comes before its children
        parent = tag.parent
        if parent is not None and (parent.name in ("main", "article") or id(parent) in in_article):
            in_article.add(id(tag))
    return has_controls, in_article


def _cell_text(cell: Tag) -> str:
    return collapse(cell.get_text(" "))


class _HtmlText:
    """Walk the page iteratively (deep or broken markup cannot overflow the stack)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.sections: list[Section] = []
        self.buffer: list[str] = []
        self.prefix = ""

    def flush(self) -> None:
        text = collapse("".join(self.buffer))
        self.buffer.clear()
        if text:
            self.lines.append(self.prefix + text)
            self.prefix = ""

    def emit(self, text: str) -> None:
        self.flush()
        self.prefix = ""
        if text:
            self.lines.append(text)

    def walk(self, root: Tag) -> None:
        from bs4 import CData, NavigableString, Tag
        from bs4.element import PreformattedString

        stack: list[tuple[Any, bool]] = [(root, False)]
        list_depth = 0
        while stack:
            node, leaving = stack.pop()
            if isinstance(node, NavigableString):
                # Comments, doctypes and processing instructions are not text; CDATA is.
                if not isinstance(node, PreformattedString) or isinstance(node, CData):
                    self.buffer.append(str(node))
                continue
            if not isinstance(node, Tag):
                continue
            name = node.name
            if leaving:
                if name in ("ul", "ol"):
                    list_depth -= 1
                if name in _BLOCKS:
                    self.flush()
                continue
            if name in _HEADINGS:
                title = _cell_text(node)
                if title:
                    self.emit(title)
                    self.sections.append(Section(len(self.lines), title, _HEADINGS[name]))
                continue
            if name == "br":
                self.flush()
                continue
            if name == "pre":
                self.flush()
                for line in split_lines(node.get_text()):
                    if line.strip():
                        self.lines.append(line.rstrip())
                continue
            if name == "tr":
                cells = [_cell_text(cell) for cell in node.find_all(["td", "th"], recursive=False)]
                cells = [cell for cell in cells if cell]
                if cells:
                    self.emit(" | ".join(cells))
                continue
            if name in ("ul", "ol"):
                self.flush()
                list_depth += 1
            elif name == "li":
                self.flush()
                self.prefix = "  " * max(0, list_depth - 1) + "- "
            elif name in _BLOCKS:
                self.flush()
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node.contents))
        self.flush()


def html_text(markup: str) -> tuple[list[str], list[Section]]:
    """The lines and headings of an HTML page, without its chrome (see the module docs)."""
    from bs4 import BeautifulSoup, Tag

    soup = BeautifulSoup(markup, "html.parser")
    tags = [tag for tag in soup.find_all(True) if isinstance(tag, Tag)]
    has_controls, in_article = _ancestry(tags)
    doomed: list[Tag] = []
    for tag in tags:
        if tag.attrs is None:
            continue
        if (
            tag.name in _DROP_TAGS
            or tag.get("role") in _DROP_ROLES
            or _is_site_chrome(tag, in_article)
            or _is_cookie_banner(tag, has_controls)
        ):
            doomed.append(tag)
    for tag in doomed:
        tag.extract()  # extract, not decompose: a doomed tag inside another one is fine
    body = soup.body if isinstance(soup.body, Tag) else soup
    walker = _HtmlText()
    walker.walk(body)
    return walker.lines, walker.sections
