"""The text of a notice in Word (``.docx``, python-docx, imported on first use).

Paragraphs, headings (Heading/Title styles, in any of the five languages, or an outline
level), lists (``- `` before an item, indented by level) and tables (one row per line, cells
joined by `` | ``), in document order. Before python-docx sees the file, the package is
checked: it must be a zip with a Word document in it that unpacks to no more than ten times
the size cap (zip bombs), and no part may declare a DTD or XML entities.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from ropa.model.text import collapse
from ropa.read.notice.decode import split_lines
from ropa.read.notice.document import Section
from ropa.read.notice.files import PolicyReadError, short_reason

# A .docx may not unpack to more than this many times the size cap (zip bombs).
_DOCX_EXPANSION = 10

_HEADING_STYLE = re.compile(r"^(?:heading|rubrik|overskrift|otsikko)\s*(\d)$", re.I)


def _check_docx_package(data: bytes, shown: str, max_bytes: int) -> None:
    """Refuse a .docx that is not a zip, unpacks too large, or declares a DTD or entities."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise PolicyReadError(f"{shown}: not a Word document (.docx is a zip package)") from None
    except Exception as exc:  # OSError, EOFError, NotImplementedError...: a damaged zip
        raise PolicyReadError(f"{shown}: the document is damaged ({short_reason(exc)})") from None
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
            except (ParseError, ValueError, RecursionError):
                raise PolicyReadError(f"{shown}: {info.filename} is not well-formed XML") from None
            except Exception as exc:  # zlib.error, EOFError, OSError, NotImplementedError...
                raise PolicyReadError(
                    f"{shown}: {info.filename} is damaged ({short_reason(exc)})"
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
        raise PolicyReadError(
            f"{shown}: not a readable Word document ({short_reason(exc)})"
        ) from None
    except Exception as exc:  # lxml's XMLSyntaxError (depth, huge text), zlib.error, ...
        raise PolicyReadError(f"{shown}: the document is damaged ({short_reason(exc)})") from None
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
            text = collapse(cell.text)
            if text:
                cells.append(text)
        if cells:
            yield " | ".join(cells)
