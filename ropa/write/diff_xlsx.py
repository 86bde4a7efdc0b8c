"""``ropa diff --format xlsx``: the changes as one filterable, printable sheet."""

from __future__ import annotations

import io
import math
from pathlib import Path

from ropa.check.diff import RecordDiff
from ropa.model.schema import record_schema
from ropa.write.changes import change_texts
from ropa.write.excel import looks, new_workbook, print_setup, set_width, write_value
from ropa.write.labels import label, page_of
from ropa.write.safety import atomic_write_bytes
from ropa.write.style import MAX_SHEET_NAME

_WIDTHS = (18, 22, 12, 26, 48, 48)


#: Points per line of wrapped text, and the most Excel allows for a row.
_LINE_HEIGHT, _MAX_HEIGHT = 15, 409


def _row_height(values: list[str]) -> float:
    """Tall enough for the longest wrapped value (XlsxWriter cannot measure text; Excel and
    LibreOffice would otherwise show one line and hide the rest)."""
    lines = max(
        sum(max(1, math.ceil(len(part) / max(width - 2, 1))) for part in str(value).split("\n"))
        for value, width in zip(values, _WIDTHS, strict=True)
    )
    return min(_MAX_HEIGHT, _LINE_HEIGHT * lines)


def to_bytes(diff: RecordDiff, lang: str | None = None) -> bytes:
    """The diff workbook as the bytes of an .xlsx file, in ``lang`` (default: the diff's, the
    new version's language)."""
    lang = lang or diff.lang
    buffer = io.BytesIO()
    book, formats = new_workbook(buffer)
    name = label("change", lang)
    ws = book.add_worksheet(name if len(name) <= MAX_SHEET_NAME else "Changes")
    write_value(ws, formats, 0, 0, f"{label('old_file', lang)}: {diff.old}")
    write_value(ws, formats, 1, 0, f"{label('new_file', lang)}: {diff.new}")
    headers = [label("sheet", lang), label("item", lang), label("change", lang)]
    headers += [label("field", lang), label("old_value", lang), label("new_value", lang)]
    for column, (text, width) in enumerate(zip(headers, _WIDTHS, strict=True)):
        write_value(ws, formats, 3, column, text, looks().header)
        set_width(ws, column, width)
    sheets = {s.key: s.title(lang) for s in record_schema().sheets}
    for row, change in enumerate(diff.changes, 4):
        title, old, new = change_texts(change, lang)
        values = [sheets[change.sheet], change.key, label(change.kind, lang), title, old, new]
        for column, value in enumerate(values):
            write_value(ws, formats, row, column, value or None, looks().data)
        ws.set_row(row, _row_height(values))
    if not diff.changes:
        write_value(ws, formats, 4, 0, label("no_changes", lang), looks().empty)
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


def write(diff: RecordDiff, output: Path, lang: str | None = None) -> list[Path]:
    return [atomic_write_bytes(output, to_bytes(diff, lang))]
