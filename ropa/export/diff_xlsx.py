"""``ropa diff --format xlsx``: the changes as one filterable, printable sheet."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ropa.diff import RecordDiff
from ropa.export.labels import label, page_of
from ropa.export.safety import atomic_write_bytes, write_cell
from ropa.output.diff_text import change_texts
from ropa.schema import record_schema
from ropa.template import (
    _BORDER,
    _DATA_ALIGN,
    _HEADER_ALIGN,
    _HEADER_FILL,
    _HEADER_FONT,
    _fit_to_page_width,
)

_WIDTHS = (18, 22, 12, 26, 48, 48)


def build_workbook(diff: RecordDiff, lang: str = "en") -> Workbook:
    book = Workbook()
    ws = book.active
    ws.title = label("change", lang) if len(label("change", lang)) <= 31 else "Changes"
    write_cell(ws.cell(row=1, column=1), f"{label('old_file', lang)}: {diff.old}")
    write_cell(ws.cell(row=2, column=1), f"{label('new_file', lang)}: {diff.new}")
    headers = [label("sheet", lang), label("item", lang), label("change", lang)]
    headers += [label("field", lang), label("old_value", lang), label("new_value", lang)]
    for column, (text, width) in enumerate(zip(headers, _WIDTHS, strict=True), 1):
        cell = write_cell(ws.cell(row=4, column=column), text)
        cell.font, cell.fill, cell.alignment, cell.border = (
            _HEADER_FONT,
            _HEADER_FILL,
            _HEADER_ALIGN,
            _BORDER,
        )
        ws.column_dimensions[get_column_letter(column)].width = width
    sheets = {s.key: s.title(lang) for s in record_schema().sheets}
    for row, change in enumerate(diff.changes, 5):
        title, old, new = change_texts(change, lang)
        values = [sheets[change.sheet], change.key, label(change.kind, lang), title, old, new]
        for column, value in enumerate(values, 1):
            cell = write_cell(ws.cell(row=row, column=column), value or None)
            cell.alignment, cell.border = _DATA_ALIGN, _BORDER
    if not diff.changes:
        ws.cell(row=5, column=1, value=label("no_changes", lang)).font = Font(italic=True)
    ws.freeze_panes = "A5"
    ws.auto_filter.ref = f"A4:F{max(ws.max_row, 5)}"
    ws.print_title_rows = "4:4"
    _fit_to_page_width(ws, landscape=True)
    ws.oddHeader.left.text = label("diff_title", lang)
    ws.oddFooter.right.text = page_of("&P", "&N", lang)
    return book


def write(diff: RecordDiff, output: Path, lang: str = "en") -> list[Path]:
    buffer = io.BytesIO()
    build_workbook(diff, lang).save(buffer)
    return [atomic_write_bytes(output, buffer.getvalue())]
