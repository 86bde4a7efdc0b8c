"""Read a privacy notice from a file into a :class:`~ropa.read.notice.document.PolicyDocument`.

Formats, by file name ending:

* ``.txt``, ``.text``: the lines as they are; sections by the plain-text heuristics below.
* ``.md``, ``.markdown``: the lines as they are; sections from ``#`` and underlined headings.
* ``.html``, ``.htm``, ``.xhtml``: a page as saved from a browser. Navigation, the site's
  header and footer, scripts, styles, ``noscript``, forms and cookie banners are dropped;
  headings, paragraphs, lists (one item per line, ``- `` before it) and tables (one row per
  line, cells joined by `` | ``) are kept as text. Parsing is lenient: broken markup is read
  as well as it can be, never refused.
* ``.pdf``: the text layer (pypdf). A PDF without one (a scan) is refused with advice to OCR it.
* ``.docx``: paragraphs, headings (Heading/Title styles or an outline level), lists and tables
  (python-docx). Parts with a DTD or entity declaration are refused before parsing.

Text files may be UTF-8 (with or without BOM), UTF-16 or UTF-32 with a BOM, or a Western
single-byte encoding (Windows-1252, Latin-1, Latin-9), which charset-normalizer chooses
between; Nordic letters survive all of them.

Plain-text headings (``.txt`` and PDF text) are found by four rules, in this order:

1. the first non-empty line, if short and without final punctuation, is the title (level 1);
2. a numbered heading, ``3. Vilka uppgifter ...`` or ``3.1 Lagring`` (level by the depth of
   the number, below the title);
3. a line in capitals (``PERSONUPPGIFTER``) of at least three letters;
4. a short line (at most 80 characters, 12 words) without final punctuation, starting with a
   capital letter, after a blank line (or at the start), and followed by a longer line.

Every failure raises :class:`PolicyReadError` with a one-line message that names the file.
"""

from __future__ import annotations

import codecs
import io
import itertools
import logging
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ropa.read.notice.document import PolicyDocument, Section
from ropa.read.notice.language import detect_language, language_code

if TYPE_CHECKING:
    from bs4 import Tag

#: Default size cap for one notice file, in bytes.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

#: File name ending -> format.
SUFFIXES = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}

#: Single-byte encodings charset-normalizer may choose between for text that is not UTF-8.
WESTERN_ENCODINGS = ["cp1252", "latin_1", "iso8859_15"]

# A .docx may not unpack to more than this many times the size cap (zip bombs).
_DOCX_EXPANSION = 10


class PolicyReadError(Exception):
    """A notice could not be read; the message is one line and names the file."""


# --- files and folders -------------------------------------------------------------------


def _describe_suffixes() -> str:
    return ", ".join(sorted({s for s in SUFFIXES if s not in (".text", ".markdown", ".xhtml")}))


def policy_format(path: str | Path) -> str:
    """The format of a file by its name; PolicyReadError for an unsupported one."""
    suffix = Path(path).suffix.lower()
    try:
        return SUFFIXES[suffix]
    except KeyError:
        what = f"'{suffix}' files" if suffix else "files without an extension"
        raise PolicyReadError(
            f"{path}: cannot read {what}; give a {_describe_suffixes()} file"
        ) from None


def policy_files(paths: Iterable[str | Path]) -> list[Path]:
    """The notice files named: files as given, folders as their supported files, sorted.

    A folder is read one level deep; hidden files and Office lock files (``~$...``) are
    skipped. A folder without a single notice in it is an error, so is a missing path.
    """
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            inside = sorted(
                child
                for child in path.iterdir()
                if child.is_file()
                and child.suffix.lower() in SUFFIXES
                and not child.name.startswith((".", "~$"))
            )
            if not inside:
                raise PolicyReadError(
                    f"{path}: the folder holds no notices ({_describe_suffixes()} files)"
                )
            found.extend(inside)
        elif path.exists():
            policy_format(path)
            found.append(path)
        else:
            raise PolicyReadError(f"{path}: no such file or folder")
    return found


def _read_bytes(path: Path, shown: str, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise PolicyReadError(
                f"{shown}: the file is {_mb(size)}, larger than the limit of {_mb(max_bytes)}; "
                "raise the limit (--max-size) if it really is a privacy notice"
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise PolicyReadError(f"{shown}: cannot read the file: {exc.strerror or exc}") from None
    if len(data) > max_bytes:  # grew while we looked
        raise PolicyReadError(f"{shown}: the file is larger than the limit of {_mb(max_bytes)}")
    return data


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


# --- decoding ----------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


def decode_text(data: bytes, shown: str = "<text>", html: bool = False) -> tuple[str, str]:
    """``(text, encoding)`` of a text file's bytes.

    A byte-order mark wins; then UTF-8; then (HTML only) a ``<meta charset>`` declaration;
    then UTF-16 without a BOM if the bytes are full of NULs; then charset-normalizer's choice
    among the Western single-byte encodings; then Windows-1252 with replacement characters.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise PolicyReadError(f"{shown}: starts with a {encoding} BOM but is not") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if html:
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            name = declared.group(1).decode("ascii", "replace")
            try:
                return data.decode(name), codecs.lookup(name).name
            except (LookupError, UnicodeDecodeError):
                pass
    head = data[:4096]
    if head.count(0) > len(head) // 4:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        encoding = "utf-16-le" if odd > even else "utf-16-be"
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            raise PolicyReadError(f"{shown}: looks like a binary file, not text") from None
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=WESTERN_ENCODINGS).best()
    if best is not None:
        return str(best), codecs.lookup(best.encoding).name
    return data.decode("cp1252", errors="replace"), "cp1252"


_NEWLINES = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """The lines as an editor numbers them (LF, CRLF or CR), without a final empty line."""
    lines = _NEWLINES.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


# --- plain-text and Markdown sections ----------------------------------------------------

_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(\S.*)$")
_FINAL_PUNCTUATION = tuple(".,;:!")
_LIST_MARK = re.compile(r"^\s*([-*+\u2022\u2013\u25cf\u25aa\u00b7]|\(?[a-z]\))\s")


def _heading_like(text: str, max_chars: int = 80, max_words: int = 12) -> bool:
    return (
        0 < len(text) <= max_chars
        and len(text.split()) <= max_words
        and not text.endswith(_FINAL_PUNCTUATION)
        and (text[0].isupper() or text[0].isdigit())
        and any(ch.isalpha() for ch in text)
    )


def _capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters) and len(text) <= 80


def text_sections(lines: Sequence[str]) -> list[Section]:
    """Headings of a plain text by the four rules in this module's documentation."""
    sections: list[Section] = []
    stripped = [line.strip() for line in lines]
    nonblank = [index for index, text in enumerate(stripped) if text]
    if not nonblank:
        return sections
    following = {a: b for a, b in itertools.pairwise(nonblank)}
    first = nonblank[0]
    has_title = _heading_like(stripped[first], max_chars=100, max_words=14)
    if has_title:
        sections.append(Section(first + 1, stripped[first], 1))
    below = 1 if has_title else 0
    for index in nonblank:
        if index == first and has_title:
            continue
        text = stripped[index]
        if _LIST_MARK.match(lines[index]):
            continue
        numbered = _NUMBERED.match(text)
        if numbered and _heading_like(numbered.group(2), max_chars=100, max_words=14):
            depth = numbered.group(1).count(".") + 1
            sections.append(Section(index + 1, text, min(6, depth + below)))
            continue
        if numbered:
            continue
        if _capitals(text) and not text.endswith(_FINAL_PUNCTUATION):
            sections.append(Section(index + 1, text, min(6, 1 + below)))
            continue
        after_blank = index == 0 or not stripped[index - 1]
        nxt = following.get(index)
        if (
            after_blank
            and nxt is not None
            and _heading_like(text)
            and len(stripped[nxt]) > len(text)
            and (len(stripped[nxt]) >= 40 or stripped[nxt].endswith(tuple(".!?:")))
        ):
            sections.append(Section(index + 1, text, min(6, 1 + below)))
    return sections


_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")


def markdown_sections(lines: Sequence[str]) -> list[Section]:
    """``#`` headings and underlined (``===``/``---``) headings, outside code fences."""
    sections: list[Section] = []
    fenced = False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        atx = _ATX.match(line)
        if atx and atx.group(2):
            sections.append(Section(index + 1, atx.group(2).strip(), len(atx.group(1))))
            continue
        setext = _SETEXT.match(line)
        if setext and index > 0 and lines[index - 1].strip():
            previous = lines[index - 1].strip()
            if not _ATX.match(lines[index - 1]) and not _LIST_MARK.match(lines[index - 1]):
                level = 1 if setext.group(1).startswith("=") else 2
                if not (sections and sections[-1].line == index):
                    sections.append(Section(index, previous, level))
    return sections


# --- HTML --------------------------------------------------------------------------------

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
_SPACES = re.compile(r"\s+")


def _names_of(tag: Tag) -> str:
    raw: Any = tag.get("class") or []
    classes: list[Any] = [raw] if isinstance(raw, str) else list(raw)
    parts = [str(tag.get("id") or ""), " ".join(str(c) for c in classes)]
    parts.append(str(tag.get("aria-label") or ""))
    return " ".join(parts)


def _is_cookie_banner(tag: Tag) -> bool:
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
    return tag.find(["button", "input", "form", "select"]) is not None


def _is_site_chrome(tag: Tag) -> bool:
    """The site's header or footer (not an article's own <header> inside main/article)."""
    role = tag.get("role")
    if tag.name in ("header", "footer") or role in ("banner", "contentinfo"):
        return tag.find_parent(["main", "article"]) is None
    return False


def _cell_text(cell: Tag) -> str:
    return _SPACES.sub(" ", cell.get_text(" ")).strip()


class _HtmlText:
    """Walk the page iteratively (deep or broken markup cannot overflow the stack)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.sections: list[Section] = []
        self.buffer: list[str] = []
        self.prefix = ""

    def flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self.buffer)).strip()
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
    doomed: list[Tag] = []
    for tag in soup.find_all(True):
        if not isinstance(tag, Tag) or tag.attrs is None:
            continue
        if (
            tag.name in _DROP_TAGS
            or tag.get("role") in _DROP_ROLES
            or _is_site_chrome(tag)
            or _is_cookie_banner(tag)
        ):
            doomed.append(tag)
    for tag in doomed:
        tag.extract()  # extract, not decompose: a doomed tag inside another one is fine
    body = soup.body if isinstance(soup.body, Tag) else soup
    walker = _HtmlText()
    walker.walk(body)
    return walker.lines, walker.sections


# --- PDF ---------------------------------------------------------------------------------


def pdf_lines(data: bytes, shown: str) -> list[str]:
    """The text layer of a PDF, page after page."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise PolicyReadError(f"{shown}: the PDF is encrypted; save an unprotected copy")
        pages = [page.extract_text() or "" for page in reader.pages]
    except PolicyReadError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise PolicyReadError(f"{shown}: not a readable PDF ({_short(exc)})") from None
    except NotImplementedError as exc:
        raise PolicyReadError(
            f"{shown}: this PDF uses a feature ropa cannot read ({exc})"
        ) from None
    lines = [line.rstrip() for page in pages for line in split_lines(page)]
    if not any(ch.isalnum() for line in lines for ch in line):
        raise PolicyReadError(
            f"{shown}: the PDF has no text layer (a scanned image?); OCR it first"
        )
    return lines


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


# --- Word --------------------------------------------------------------------------------

_HEADING_STYLE = re.compile(r"^(?:heading|rubrik|overskrift|otsikko)\s*(\d)$", re.I)


def _check_docx_package(data: bytes, shown: str, max_bytes: int) -> None:
    """Refuse a .docx that is not a zip, unpacks too large, or declares a DTD or entities."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise PolicyReadError(f"{shown}: not a Word document (.docx is a zip package)") from None
    with package:
        infos = package.infolist()
        if sum(info.file_size for info in infos) > _DOCX_EXPANSION * max_bytes:
            raise PolicyReadError(
                f"{shown}: the document unpacks to more than the size limit allows"
            )
        names = {info.filename for info in infos}
        if "[Content_Types].xml" not in names or "word/document.xml" not in names:
            raise PolicyReadError(f"{shown}: not a Word document (no word/document.xml)")
        for info in infos:
            if not info.filename.endswith((".xml", ".rels")):
                continue
            try:
                fromstring(package.read(info), forbid_dtd=True)
            except DefusedXmlException:
                raise PolicyReadError(
                    f"{shown}: {info.filename} declares a DTD or XML entities; refusing to read it"
                ) from None
            except (ParseError, zipfile.BadZipFile, RuntimeError, OSError) as exc:
                raise PolicyReadError(
                    f"{shown}: {info.filename} is damaged ({_short(exc)})"
                ) from None


def _docx_heading_level(paragraph: Any) -> int | None:
    style = paragraph.style
    name = (style.name or "") if style is not None else ""
    match = _HEADING_STYLE.match(name.strip())
    if match:
        return max(1, min(6, int(match.group(1))))
    if name.strip().lower() == "title":
        return 1
    style_element = getattr(style, "element", None) if style is not None else None
    for source in (paragraph._p.pPr, style_element.pPr if style_element is not None else None):
        outline = getattr(source, "outlineLvl", None) if source is not None else None
        if outline is not None and outline.val is not None and int(outline.val) < 9:
            return min(6, int(outline.val) + 1)
    return None


def _docx_list_depth(paragraph: Any) -> int | None:
    ppr = paragraph._p.pPr
    numpr = ppr.numPr if ppr is not None else None
    if numpr is not None:
        ilvl = numpr.ilvl
        return int(ilvl.val) if ilvl is not None and ilvl.val is not None else 0
    style = paragraph.style
    name = (style.name or "").lower() if style is not None else ""
    if name.startswith("list"):
        return 0
    return None


def docx_text(data: bytes, shown: str, max_bytes: int) -> tuple[list[str], list[Section]]:
    """The lines and headings of a Word document's body, in document order."""
    _check_docx_package(data, shown, max_bytes)
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(document.iter_inner_content())
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise PolicyReadError(f"{shown}: not a readable Word document ({_short(exc)})") from None
    lines: list[str] = []
    sections: list[Section] = []
    for block in blocks:
        if isinstance(block, Table):
            lines.extend(_docx_table_rows(block))
            continue
        text_lines = [part.strip() for part in split_lines(block.text)]
        text_lines = [part for part in text_lines if part]
        if not text_lines:
            continue
        level = _docx_heading_level(block)
        if level is not None:
            title = " ".join(text_lines)
            lines.append(title)
            sections.append(Section(len(lines), title, level))
            continue
        depth = _docx_list_depth(block)
        if depth is not None:
            text_lines[0] = "  " * depth + "- " + text_lines[0]
        lines.extend(text_lines)
    return lines, sections


def _docx_table_rows(table: Any) -> Iterator[str]:
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell repeats
                continue
            seen.add(id(cell._tc))
            text = _SPACES.sub(" ", cell.text).strip()
            if text:
                cells.append(text)
        if cells:
            yield " | ".join(cells)


# --- the entry point ---------------------------------------------------------------------


def read_policy(
    path: str | Path,
    *,
    language: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    display: str | None = None,
) -> PolicyDocument:
    """Read one notice. ``language`` (a code) overrides detection; ``display`` names the file.

    Raises :class:`PolicyReadError` for a missing, too large, unsupported or unreadable file.
    """
    path = Path(path)
    shown = display or str(path)
    fmt = policy_format(path)
    if not path.is_file():
        raise PolicyReadError(f"{shown}: no such file")
    data = _read_bytes(path, shown, max_bytes)
    encoding: str | None = None
    try:
        if fmt in ("txt", "md"):
            text, encoding = decode_text(data, shown)
            lines = split_lines(text)
            sections = markdown_sections(lines) if fmt == "md" else text_sections(lines)
        elif fmt == "html":
            text, encoding = decode_text(data, shown, html=True)
            lines, sections = html_text(text)
        elif fmt == "pdf":
            lines = pdf_lines(data, shown)
            sections = text_sections(lines)
        else:
            lines, sections = docx_text(data, shown, max_bytes)
    except RecursionError:
        raise PolicyReadError(f"{shown}: the document is nested too deeply to read") from None
    if not any(line.strip() for line in lines):
        raise PolicyReadError(f"{shown}: the notice is empty (no text found)")
    if language is not None:
        try:
            code, confidence = language_code(language), 1.0
        except ValueError as exc:
            raise PolicyReadError(f"{shown}: {exc}") from None
    else:
        code, confidence = detect_language("\n".join(lines))
    return PolicyDocument(
        path=shown,
        format=fmt,
        encoding=encoding,
        lines=lines,
        language=code,
        language_confidence=confidence,
        sections=sections,
    )


def read_policies(
    paths: Iterable[str | Path], *, language: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[PolicyDocument]:
    """Read every notice named (folders expanded), in order."""
    for path in policy_files(paths):
        yield read_policy(path, language=language, max_bytes=max_bytes)
