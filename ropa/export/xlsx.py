"""``ropa export --format xlsx``: the record as a supervisory authority expects to read it.

A cover sheet (controllers, DPO, date, version, source files with SHA-256, contents), the
Art. 30(1) record with its columns in Art. 30(1)(a)-(g) order under article bands, the
Art. 30(2) record and the annexes. Every sheet is print-ready: landscape A4, one page wide,
header rows repeated, "Page n of m" in the footer, frozen headers and a filter.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ropa.export.labels import label, page_of
from ropa.export.model import GroupRecord, summary
from ropa.export.safety import atomic_write_bytes, write_cell
from ropa.export.tables import Cell, Table, report_tables
from ropa.schema import record_schema
from ropa.template import (
    _BORDER,
    _DATA_ALIGN,
    _HEADER_ALIGN,
    _HEADER_FILL,
    _HEADER_FONT,
    _LINE_HEIGHT,
    _REQUIRED_FILL,
    _fit_to_page_width,
    _line_count,
)

#: Excel's limit on sheet names, and the characters it forbids in them.
MAX_SHEET_NAME = 31
_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})
_BAND_FONT = Font(name="Calibri", bold=True, color="FFFFFF", size=10)
_TITLE_FONT = Font(name="Calibri", bold=True, size=18, color="0B3D3A")
_HEADING_FONT = Font(name="Calibri", bold=True, size=12, color="0B3D3A")
_KEY_FONT = Font(name="Calibri", bold=True)
_STRIPE = PatternFill("solid", fgColor="EEF4F3")
#: Tables print in a 9-point font: about 1.2 characters per unit of column width.
_TABLE_FONT = Font(name="Calibri", size=9)
_TABLE_HEADER_FONT = Font(name="Calibri", size=9, bold=True, color="FFFFFF")
_PER_UNIT = 1.2
_TABLE_LINE = 12.0
#: Tables wider than this (in width units) print on A3, so the text stays readable.
_A4_WIDTH = 190
_BAND_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")
#: Rows taller than this many lines are capped: Excel's row height limit is 409 points.
_MAX_LINES = 26


def sheet_title(text: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name for ``text``."""
    base = " ".join(text.translate(_FORBIDDEN).split())[:MAX_SHEET_NAME].strip() or "Sheet"
    name, number = base, 2
    while name.casefold() in taken:
        suffix = f" ({number})"
        name, number = base[: MAX_SHEET_NAME - len(suffix)] + suffix, number + 1
    taken.add(name.casefold())
    return name


def cell_value(cell: Cell) -> Any:
    """A cell as Excel text: a list as one line per item (bulleted when several)."""
    if isinstance(cell, list):
        text = cell[0] if len(cell) == 1 else "\n".join(f"• {item}" for item in cell)
    else:
        text = cell
    return text or None


# --- page layout ---------------------------------------------------------------------------


def _print_setup(
    ws: Worksheet, group: GroupRecord, title_rows: str | None, width: float = 0
) -> None:
    """Landscape, one page wide (A3 for very wide tables), titles repeated, page numbers."""
    lang = group.lang
    _fit_to_page_width(ws, landscape=True, pages=1)
    if width > _A4_WIDTH:
        ws.page_setup.paperSize = ws.PAPERSIZE_A3
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.gridLines = False
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddHeader.left.text = label("report_title", lang)
    ws.oddHeader.right.text = group.generated.strftime("%Y-%m-%d")
    ws.oddFooter.left.text = "&A"  # the sheet name
    ws.oddFooter.right.text = page_of("&P", "&N", lang)
    for part in (ws.oddHeader.left, ws.oddHeader.right, ws.oddFooter.left, ws.oddFooter.right):
        part.size = 8


# --- tables --------------------------------------------------------------------------------


def _write_band(ws: Worksheet, table: Table, row: int) -> None:
    column = 1
    for text, span in table.groups:
        cell = ws.cell(row=row, column=column, value=text)
        cell.font, cell.fill, cell.alignment = _BAND_FONT, _REQUIRED_FILL, _BAND_ALIGN
        cell.border = _BORDER
        if span > 1:
            ws.merge_cells(
                start_row=row, start_column=column, end_row=row, end_column=column + span - 1
            )
        column += span
    lines = max(
        _line_count(text, sum(table.widths[c] for c in range(start, start + span)), _PER_UNIT)
        for (text, span), start in zip(table.groups, _starts(table.groups), strict=True)
    )
    ws.row_dimensions[row].height = _TABLE_LINE * lines + 4


def _starts(groups: list[tuple[str, int]]) -> list[int]:
    starts, position = [], 0
    for _, span in groups:
        starts.append(position)
        position += span
    return starts


def _write_headers(ws: Worksheet, table: Table, row: int) -> None:
    lines = 1
    for column, (title, width) in enumerate(zip(table.headers, table.widths, strict=True), 1):
        cell = write_cell(ws.cell(row=row, column=column), title)
        cell.font, cell.fill, cell.alignment, cell.border = (
            _TABLE_HEADER_FONT,
            _HEADER_FILL,
            _HEADER_ALIGN,
            _BORDER,
        )
        ws.column_dimensions[get_column_letter(column)].width = width
        lines = max(lines, _line_count(title, width, _PER_UNIT * 0.9))
    ws.row_dimensions[row].height = _TABLE_LINE * lines + 4


def _write_rows(ws: Worksheet, table: Table, first: int) -> None:
    for offset, cells in enumerate(table.rows):
        row = first + offset
        lines = 1
        for column, (cell, width) in enumerate(zip(cells, table.widths, strict=True), 1):
            value = cell_value(cell)
            target = write_cell(ws.cell(row=row, column=column), value)
            target.font, target.alignment, target.border = _TABLE_FONT, _DATA_ALIGN, _BORDER
            if offset % 2:
                target.fill = _STRIPE
            if isinstance(value, str):
                lines = max(lines, _line_count(value, width, _PER_UNIT))
        # Wrapped cells: not every spreadsheet program grows the row by itself.
        ws.row_dimensions[row].height = _TABLE_LINE * min(lines, _MAX_LINES) + 3


def write_table(ws: Worksheet, table: Table, group: GroupRecord) -> None:
    """A table sheet: optional article band, header, rows, filter, frozen panes, print setup."""
    header = 2 if table.groups else 1
    if table.groups:
        _write_band(ws, table, 1)
    _write_headers(ws, table, header)
    if table.rows:
        _write_rows(ws, table, header + 1)
    else:
        ws.cell(row=header + 1, column=1, value=table.empty).font = Font(italic=True)
    last = get_column_letter(len(table.headers))
    ws.auto_filter.ref = f"A{header}:{last}{max(ws.max_row, header + 1)}"
    frozen = 3 if table.key == "record_30_1" else 1  # keep id and name in view
    ws.freeze_panes = f"{get_column_letter(frozen)}{header + 1}"
    _print_setup(ws, group, f"1:{header}", sum(table.widths))


# --- the cover -----------------------------------------------------------------------------


class _Cover:
    """Writes the cover sheet top to bottom."""

    def __init__(self, ws: Worksheet, group: GroupRecord) -> None:
        self.ws, self.group, self.row = ws, group, 1

    def line(self, *values: Any, font: Font | None = None, wrap: bool = False) -> None:
        for column, value in enumerate(values, 1):
            cell = write_cell(self.ws.cell(row=self.row, column=column), value)
            if font is not None:
                cell.font = font
            cell.alignment = Alignment(wrap_text=wrap, vertical="top")
        self.row += 1

    def heading(self, text: str) -> None:
        self.row += 1
        self.line(text, font=_HEADING_FONT)

    def table(self, table: Table, columns: list[int], spans: dict[int, int] | None = None) -> None:
        """Some columns of ``table``; ``spans`` lets a column (by index) span several."""
        spans = spans or {}
        places: list[tuple[int, int, int]] = []  # (table index, first column, span)
        column = 1
        for index in columns:
            places.append((index, column, spans.get(index, 1)))
            column += spans.get(index, 1)
        self._cells([(table.headers[i], c, n) for i, c, n in places], header=True)
        for cells in table.rows:
            self._cells([(cell_value(cells[i]), c, n) for i, c, n in places], header=False)

    def _cells(self, values: list[tuple[Any, int, int]], *, header: bool) -> None:
        lines = 1
        for value, column, span in values:
            target = write_cell(self.ws.cell(row=self.row, column=column), value)
            target.border = _BORDER
            if header:
                target.font, target.fill, target.alignment = (
                    _HEADER_FONT,
                    _HEADER_FILL,
                    _HEADER_ALIGN,
                )
            else:
                target.alignment = _DATA_ALIGN
            if span > 1:
                self.ws.merge_cells(
                    start_row=self.row,
                    start_column=column,
                    end_row=self.row,
                    end_column=column + span - 1,
                )
            width = sum(
                self.ws.column_dimensions[get_column_letter(c)].width or 10
                for c in range(column, column + span)
            )
            lines = max(lines, _line_count(str(value or ""), width))
        self.ws.row_dimensions[self.row].height = _LINE_HEIGHT * lines + 3
        self.row += 1


#: The organisation columns shown on the cover: name, registration, address, contact, DPO, SA.
_COVER_ORGANISATION = ["entity_id", "legal_name", "registration_number", "address"]
_COVER_CONTACT = ["contact_email", "contact_phone", "dpo_name", "dpo_contact"]
_COVER_WIDTHS = [26, 30, 22, 34, 30, 24, 30]


def write_cover(
    ws: Worksheet, group: GroupRecord, tables: list[Table], sheets: list[tuple[Table, str]]
) -> None:
    """The cover: title, date, version, counts, controllers with contacts and DPO, sources."""
    lang = group.lang
    for column, width in enumerate(_COVER_WIDTHS, 1):
        ws.column_dimensions[get_column_letter(column)].width = width
    cover = _Cover(ws, group)
    cover.line(label("report_title", lang), font=_TITLE_FONT)
    ws.row_dimensions[1].height = 30
    cover.line(label("record_30_1", lang))
    cover.row += 1
    cover.line(label("generated", lang), group.generated.strftime("%Y-%m-%d %H:%M %Z"), font=None)
    cover.line(label("generator", lang), f"ropa {group.version}")
    if group.entity:
        cover.line(label("entity_filter", lang), group.entity)
    counts = summary(group)
    for key in ("activities", "processors", "transfers"):
        cover.line(label(key, lang), counts[key])
    cover.line(label("conflicts_short", lang), counts["conflicts"])
    if group.with_findings:
        by = counts["findings_by_severity"]
        cover.line(
            label("findings_short", lang),
            ", ".join(f"{label(k, lang)}: {by[k]}" for k in ("error", "warning", "info")),
        )
    for row in range(3, cover.row):
        ws.cell(row=row, column=1).font = _KEY_FONT
        ws.cell(row=row, column=2).alignment = Alignment(horizontal="left")
    organisation = next(t for t in tables if t.key == "controllers")
    fields = [*_COVER_ORGANISATION, *_COVER_CONTACT, "supervisory_authority"]
    order = [f.key for f in record_schema().sheet("organisation").fields]
    cover.heading(label("controllers", lang))
    cover.table(organisation, [order.index(k) for k in [*fields[:4], "supervisory_authority"]])
    cover.heading(f"{label('contact', lang)} / {label('dpo', lang)}")
    cover.table(organisation, [order.index(k) for k in ["entity_id", *_COVER_CONTACT]])
    sources = next(t for t in tables if t.key == "sources")
    cover.heading(label("sources", lang))
    cover.table(sources, [0, 1, 2], {0: 2, 2: 3})
    cover.heading(label("contents", lang))
    for table, name in sheets:
        cell = ws.cell(row=cover.row, column=1, value=name)
        cell.hyperlink = f"#'{name}'!A1"
        cell.font = Font(color="1F6F6B", underline="single")
        ws.cell(row=cover.row, column=2, value=table.title)
        cover.row += 1
    _print_setup(ws, group, None)
    ws.sheet_view.showGridLines = False


# --- the workbook --------------------------------------------------------------------------


def _sheet_names(tables: list[Table], group: GroupRecord) -> list[str]:
    """Short, localised sheet names: articles for the records, schema titles for annexes."""
    schema = record_schema()
    lang = group.lang
    fixed = {
        "record_30_1": "Art. 30(1)",
        "record_30_2": "Art. 30(2)",
        "conflicts": label("conflicts_short", lang),
        "findings": label("findings_short", lang),
        "controllers": schema.sheet("organisation").title(lang),
        "sources": label("sources", lang),
    }
    taken = {label("cover", lang).casefold()}
    return [sheet_title(fixed.get(t.key) or schema.sheet(t.key).title(lang), taken) for t in tables]


def build_workbook(group: GroupRecord) -> Workbook:
    """The report workbook (not yet saved)."""
    every = report_tables(group)
    # Sources and controllers are on the cover; every other table gets its own sheet.
    tables = [t for t in every if t.key not in ("sources", "controllers")]
    names = _sheet_names(tables, group)
    book = Workbook()
    cover = book.active
    cover.title = sheet_title(label("cover", group.lang), set())
    for table, name in zip(tables, names, strict=True):
        write_table(book.create_sheet(name), table, group)
    write_cover(cover, group, every, list(zip(tables, names, strict=True)))
    book.properties.title = label("report_title", group.lang)
    book.properties.creator = f"ropa {group.version}"
    book.properties.language = group.lang
    return book


def to_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write(group: GroupRecord, output: Path) -> list[Path]:
    return [atomic_write_bytes(output, to_bytes(build_workbook(group)))]
