"""The two parts of the HTML report a large record repeats thousands of times, built in Python.

A record of 10,000 activities is 10,000 activity blocks and tables of some 40,000 rows; as
Jinja2 macros (a call per block, per field and per cell) they took most of the report's
time. :func:`blocks_html` and :func:`table_html` build exactly the markup the template's
``block`` and ``data_table`` macros built, character for character, and escape every value
from the workbook as markupsafe's ``escape`` does (the template's autoescaping), the same
five characters with the same entities; only their result is marked safe. markupsafe is
imported on first use.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from ropa.write.cells import Cell
from ropa.write.hyphens import Hyphenator, soft_hyphens
from ropa.write.layout import Block, Table

if TYPE_CHECKING:
    from markupsafe import Markup

Escape = Callable[[object], str]

#: What markupsafe's ``escape`` replaces, in its order and with its entities.
_ENTITIES = (("&", "&amp;"), (">", "&gt;"), ("<", "&lt;"), ("'", "&#39;"), ('"', "&#34;"))


def _escape_text(value: object) -> str:
    """markupsafe's ``escape(value)`` as a plain string (no Markup object per value)."""
    if value.__class__ is not str:
        html = getattr(value, "__html__", None)
        if html is not None:
            return str(html())
        value = str(value)
    text = str(value)
    if "&" in text or "<" in text or ">" in text or "'" in text or '"' in text:
        for char, entity in _ENTITIES:
            text = text.replace(char, entity)
    return text


def _escape() -> Escape:
    return _escape_text


#: A word with a hyphen and a digit: an id, a date, a reference (HR-01, 2024-03-12,
#: TIA-2026-02, 556981-2349), which a browser would break at its hyphen.
_ID = re.compile(r"(?<![\w#&;-])(?=[\w-]*\d)\w+(?:-\w+)+(?![\w-])")


def whole_ids(escaped: str) -> str:
    """Escaped text with its ids and dates in spans that do not break (``class="nw"``)."""
    if "-" not in escaped:
        return escaped
    return _ID.sub(r'<span class="nw">\g<0></span>', escaped)


@cache
def _hyphenator(lang: str) -> Hyphenator:
    return Hyphenator(lang)


@lru_cache(maxsize=1 << 16)
def _reader_text(value: str, lang: str) -> str:
    """A cell's text as the table shows it (a record repeats its roles, countries and
    references thousands of times: each distinct text is worked out once)."""
    return whole_ids(_escape_text(soft_hyphens(value, _hyphenator(lang))))


def _cell(value: Cell, escape: Escape) -> str:
    """A cell: its text, its one item, or its items as a list."""
    if isinstance(value, str):
        return escape(value)
    if len(value) == 1:
        return escape(value[0])
    if value:
        items = "".join(f"<li>{escape(item)}</li>" for item in value)
        return f'<ul class="cell-list">{items}</ul>'
    return ""


def _block(block: Block, escape: Escape) -> str:
    anchor = escape(block.anchor)
    ident = f'<span class="ident">{escape(block.ident)}</span> ' if block.ident else ""
    parts = [
        f'<article class="block" id="{anchor}" aria-labelledby="{anchor}-title">\n'
        f'<h3 id="{anchor}-title">{ident}{escape(block.title)}</h3>\n'
        '<dl class="fields">'
    ]
    for entry in block.entries:
        note = f' <span class="note">{escape(entry.note)}</span>' if entry.note else ""
        value = entry.value
        if entry.inline and not isinstance(value, str):
            shown = "; ".join(escape(item) for item in value)
        else:
            shown = _cell(value, escape)
        parts.append(
            f'\n<div class="field field-{escape(entry.key)}"><dt>{escape(entry.title)}{note}'
            f"</dt><dd>{shown}</dd></div>"
        )
    parts.append("\n</dl>\n</article>")
    return "".join(parts)


def blocks_html(blocks: Sequence[Block]) -> Markup:
    """The blocks of a section, each on a new line indented by two spaces."""
    from markupsafe import Markup

    escape = _escape()
    return Markup("".join(f"\n  {_block(block, escape)}" for block in blocks))


def table_html(table: Table, section_key: str, lang: str = "en") -> Markup:
    """A table of the report with its header row, one row per record row; the long words
    of its headers and cells carry soft hyphens by the rules of ``lang``, so the table
    fits the page in a browser that cannot hyphenate the language itself."""
    from markupsafe import Markup

    escape = _escape_text  # names and classes: as they are

    def text(value: object) -> str:  # what the reader reads: hyphenated, ids kept whole
        if isinstance(value, str):
            return _reader_text(value, lang)
        return whole_ids(_escape_text(value))

    anchor = escape(table.anchor)
    parts = [
        f'<div class="table-wrap">\n<table class="data filterable sortable {anchor}" '
        f'id="{anchor}" aria-labelledby="{escape(section_key)}-title">\n<thead><tr>'
    ]
    for column in table.columns:
        kind = escape(column.kind)
        note = f' <span class="note">{text(column.note)}</span>' if column.note else ""
        parts.append(
            f'\n<th scope="col" class="col-{escape(column.key)} kind-{kind}" '
            f'data-kind="{kind}">{text(column.title)}{note}</th>'
        )
    parts.append("\n</tr></thead>\n<tbody>")
    tones = table.tones
    header_cell = bool(table.columns) and table.columns[0].kind == "id"
    for index, row in enumerate(table.rows):
        tone = tones[index] if tones else ""
        parts.append(f'\n<tr class="tone-{escape(tone)}">' if tone else "\n<tr>")
        for position, value in enumerate(row):
            if position == 0 and header_cell:
                parts.append(f'<th scope="row">{_cell(value, text)}</th>')
            else:
                parts.append(f"<td>{_cell(value, text)}</td>")
        parts.append("</tr>")
    parts.append("\n</tbody>\n</table>\n</div>")
    if not table.rows:
        parts.append(f'<p class="empty">{text(table.empty)}</p>')
    return Markup("".join(parts))


__all__ = ["blocks_html", "table_html"]
