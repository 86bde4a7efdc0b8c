"""``ropa diff --format xlsx``: the changes as one filterable, printable sheet."""

from __future__ import annotations

import io
from pathlib import Path

from ropa.check.diff import RecordDiff
from ropa.model.schema import record_schema
from ropa.write.diff_text import change_texts
from ropa.write.labels import label, page_of
from ropa.write.safety import atomic_write_bytes
from ropa.write.xlsx import (
    DATA_STYLE,
    EMPTY_STYLE,
    HEADER_STYLE,
    new_workbook,
    print_setup,
    set_width,
    write_value,
)

_WIDTHS = (18, 22, 12, 26, 48, 48)


def to_bytes(diff: RecordDiff, lang: str = "en") -> bytes:
    """The diff workbook as the bytes of an .xlsx file."""
    buffer = io.BytesIO()
    book, formats = new_workbook(buffer)
    ws = book.add_worksheet(
        label("change", lang) if len(label("change", lang)) <= 31 else "Changes"
    )
    write_value(ws, formats, 0, 0, f"{label('old_file', lang)}: {diff.old}")
    write_value(ws, formats, 1, 0, f"{label('new_file', lang)}: {diff.new}")
    headers = [label("sheet", lang), label("item", lang), label("change", lang)]
    headers += [label("field", lang), label("old_value", lang), label("new_value", lang)]
    for column, (text, width) in enumerate(zip(headers, _WIDTHS, strict=True)):
        write_value(ws, formats, 3, column, text, HEADER_STYLE)
        set_width(ws, column, width)
    sheets = {s.key: s.title(lang) for s in record_schema().sheets}
    for row, change in enumerate(diff.changes, 4):
        title, old, new = change_texts(change, lang)
        values = [sheets[change.sheet], change.key, label(change.kind, lang), title, old, new]
        for column, value in enumerate(values):
            write_value(ws, formats, row, column, value or None, DATA_STYLE)
    if not diff.changes:
        write_value(ws, formats, 4, 0, label("no_changes", lang), EMPTY_STYLE)
    ws.freeze_panes(4, 0)
    ws.autofilter(3, 0, 3 + max(len(diff.changes), 1), len(headers) - 1)
    print_setup(
        ws,
        header=f"&L{label('diff_title', lang)}",
        footer=f"&R{page_of('&P', '&N', lang)}",
        title_rows=(3, 3),
    )
    book.close()
    return buffer.getvalue()


def write(diff: RecordDiff, output: Path, lang: str = "en") -> list[Path]:
    return [atomic_write_bytes(output, to_bytes(diff, lang))]
