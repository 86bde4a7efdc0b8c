"""Read a privacy notice from a file into a :class:`~ropa.read.notice.document.PolicyDocument`.

Formats, by file name ending:

* ``.txt``, ``.text``: the lines as they are; sections by the plain-text heuristics of
  :mod:`~ropa.read.notice.sections`.
* ``.md``, ``.markdown``: the lines as they are; sections from ``#`` and underlined headings.
* ``.html``, ``.htm``, ``.xhtml``: a page as saved from a browser. Navigation, the site's
  header and footer, scripts, styles, ``noscript``, forms and cookie banners are dropped;
  headings, paragraphs, lists (one item per line, ``- `` before it) and tables (one row per
  line, cells joined by `` | ``) are kept as text. Parsing is lenient: broken markup is read
  as well as it can be, never refused.
* ``.pdf``: the text layer (pypdf). A PDF without one (a scan) is refused with advice to OCR it.
* ``.docx``: paragraphs, headings (Heading/Title styles or an outline level), lists and tables
  (python-docx). Parts with a DTD or entity declaration are refused before parsing.

The formats are read by :mod:`~ropa.read.notice.decode` (text encodings),
:mod:`~ropa.read.notice.sections` (plain-text and Markdown headings),
:mod:`~ropa.read.notice.html`, :mod:`~ropa.read.notice.pdf` and :mod:`~ropa.read.notice.docx`;
:mod:`~ropa.read.notice.files` finds the notices in folders and enforces the size cap.

Every failure raises :class:`PolicyReadError` with a one-line message that names the file.
"""

from __future__ import annotations

from pathlib import Path

from ropa.read.notice.decode import decode_text, split_lines
from ropa.read.notice.document import PolicyDocument
from ropa.read.notice.docx import docx_text
from ropa.read.notice.files import (
    DEFAULT_MAX_BYTES,
    SUFFIXES,
    PolicyReadError,
    policy_files,
    policy_format,
    read_bytes,
)
from ropa.read.notice.html import html_text
from ropa.read.notice.language import detect_language, language_code
from ropa.read.notice.pdf import pdf_lines
from ropa.read.notice.sections import markdown_sections, text_sections

# The entry points, importable from here: read_policy and what its callers need with it.
__all__ = ["DEFAULT_MAX_BYTES", "SUFFIXES", "PolicyReadError", "policy_files", "read_policy"]


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
    data = read_bytes(path, shown, max_bytes)
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
