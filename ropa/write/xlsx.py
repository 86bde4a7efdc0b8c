"""``ropa export --format xlsx``: the record as a supervisory authority expects to read it.

A cover sheet (controllers, DPO, date, version, source files with SHA-256, contents), the
Art. 30(1) record with its columns in Art. 30(1)(a)-(g) order under article bands, the
Art. 30(2) record and the annexes. Every sheet is print-ready: landscape A4, one page wide,
header rows repeated, "Page n of m" in the footer, frozen headers and a filter.

The cells are written with the XlsxWriter parts of :mod:`ropa.write.excel`.
"""

from __future__ import annotations

import io
from math import ceil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ropa.model.control import stamp
from ropa.model.schema import record_schema
from ropa.read.group import GroupRecord
from ropa.write.control_text import control_facts, excel_footer, footer_lines
from ropa.write.document import words
from ropa.write.excel import (
    PAPER_A4,
    Formats,
    Props,
    cell_value,
    looks,
    new_workbook,
    print_setup,
    set_width,
    sheet_title,
    write_value,
)
from ropa.write.labels import label, page_of
from ropa.write.layout import Table
from ropa.write.safety import FORMULA_PREFIXES, atomic_write_bytes
from ropa.write.style import LINE_HEIGHT, line_count
from ropa.write.summary import summary
from ropa.write.tables import report_tables

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

#: Tables print in a 9-point font: about 1.2 characters per unit of column width.
_PER_UNIT = 1.2
_TABLE_LINE = 12.0
#: Rows taller than this many lines are capped: Excel's row height limit is 409 points.
_MAX_LINES = 26


# --- page layout ---------------------------------------------------------------------------


#: Characters of column width printed across one A4 landscape page at three quarters of
#: full size (about 150 fit at full size): a sheet wider than this goes across more pages,
#: its id columns repeated on each, rather than shrinking its text below some 7 points.
READABLE_PAGE_WIDTH = 200


def pages_across(widths: list[float] | tuple[float, ...]) -> int:
    """How many A4 landscape pages wide a sheet of these column widths prints legibly."""
    return max(1, ceil(sum(widths) / READABLE_PAGE_WIDTH))


def _print_setup(
    ws: Worksheet,
    group: GroupRecord,
    title_rows: tuple[int, int] | None,
    title_columns: tuple[int, int] | None = None,
    pages_wide: int = 1,
) -> None:
    """A4 landscape, as few pages wide as keep the text legible (one for most sheets),
    header rows and the id columns repeated, page numbers: what an authority prints is A4."""
    lang = group.lang
    small = "&8 "  # an 8-point header and footer
    print_setup(
        ws,
        paper=PAPER_A4,
        margins=(0.4, 0.4, 0.6, 0.6),
        header=f"&L{small}{label('report_title', lang)}"
        f"&R{small}{group.generated.strftime('%Y-%m-%d')}",
        # &A: the sheet name, then the record's version, status, classification, case number
        footer=excel_footer(
            footer_lines(group.control, stamp(group.generated), lang, words(lang)),
            page_of("&P", "&N", lang),
        ),
        title_rows=title_rows,
        title_columns=title_columns,
        pages_wide=pages_wide,
    )


# --- tables --------------------------------------------------------------------------------


def _starts(groups: list[tuple[str, int]]) -> list[int]:
    starts, position = [], 0
    for _, span in groups:
        starts.append(position)
        position += span
    return starts


def _write_band(
    ws: Worksheet, formats: Formats, table: Table, bands: list[tuple[str, int]], row: int
) -> None:
    band = looks().band
    lines = max(
        line_count(text, sum(table.widths[c] for c in range(start, start + span)), _PER_UNIT)
        for (text, span), start in zip(bands, _starts(bands), strict=True)
    )
    ws.set_row(row, _TABLE_LINE * lines + 4)
    for (text, span), start in zip(bands, _starts(bands), strict=True):
        if span > 1:
            ws.merge_range(row, start, row, start + span - 1, "", formats.get(band))
        write_value(ws, formats, row, start, text, band)


def _write_headers(ws: Worksheet, formats: Formats, table: Table, row: int) -> None:
    lines = 1
    for column, (title, width) in enumerate(zip(table.headers, table.widths, strict=True)):
        set_width(ws, column, width)
        lines = max(lines, line_count(title, width, _PER_UNIT * 0.9))
    ws.set_row(row, _TABLE_LINE * lines + 4)
    for column, title in enumerate(table.headers):
        write_value(ws, formats, row, column, title, looks().table_header)


def _write_rows(ws: Worksheet, formats: Formats, table: Table, first: int) -> None:
    """The table body: the hot loop of a large export.

    Formats are looked up once, and the row height is :func:`ropa.write.style.line_count`
    worked out inline (the same estimate, without a call per cell).
    """
    styles = [
        (formats.get(props), formats.get(props, quoted=True), props)
        for props in (looks().table_data, looks().table_striped)
    ]
    rooms = [max((width - 2) * _PER_UNIT, 4) for width in table.widths]
    # Lines of each long text, per column: a large record repeats its values.
    counted: list[dict[str, int]] = [{} for _ in table.widths]
    write_string, write_blank, set_row = ws.write_string, ws.write_blank, ws.set_row
    for row, cells in enumerate(table.rows, first):
        plain, quoted, props = styles[(row - first) % 2]
        lines = 1
        for column, cell in enumerate(cells):
            value = cell_value(cell) if cell.__class__ is list else cell
            if not value:
                write_blank(row, column, None, plain)
            elif value.__class__ is str:
                write_string(
                    row, column, value, quoted if value.startswith(FORMULA_PREFIXES) else plain
                )
                room = rooms[column]
                if len(value) > room or "\n" in value:
                    count = counted[column].get(value)
                    if count is None:
                        count = counted[column][value] = sum(
                            max(1, ceil(len(part) / room)) for part in value.split("\n")
                        )
                    if count > lines:
                        lines = count
            else:
                write_value(ws, formats, row, column, value, props)
        # Wrapped cells: not every spreadsheet program grows the row by itself.
        set_row(row, _TABLE_LINE * min(lines, _MAX_LINES) + 3)


def write_table(ws: Worksheet, formats: Formats, table: Table, group: GroupRecord) -> None:
    """A table sheet: optional article band, header, rows, filter, frozen panes, print setup."""
    bands = table.bands(group.lang)
    header = 1 if bands else 0  # zero-based row of the column headers
    if bands:
        _write_band(ws, formats, table, bands, 0)
    _write_headers(ws, formats, table, header)
    if table.rows:
        _write_rows(ws, formats, table, header + 1)
    else:
        write_value(ws, formats, header + 1, 0, table.empty, looks().empty)
    last_row = header + max(len(table.rows), 1)
    ws.autofilter(header, 0, last_row, len(table.headers) - 1)
    frozen = 2 if table.key == "record_30_1" else 0  # keep id and name in view
    ws.freeze_panes(header + 1, frozen)
    across = pages_across(table.widths)
    # Printed across pages, each page starts with the id (and name) of its rows.
    repeated = (0, max(frozen, 1) - 1) if across > 1 or frozen else None
    _print_setup(ws, group, (0, header), repeated, across)
    if across > 1:  # the right half of rows 1-8 follows their left half, not row 40's
        ws.print_across()


# --- the cover -----------------------------------------------------------------------------


#: A cover of at most this many rows (some 12 entities) is printed on one page.
_COVER_ONE_PAGE = 70


class _Cover:
    """Writes the cover sheet top to bottom (``row`` is zero-based)."""

    def __init__(self, ws: Worksheet, formats: Formats, widths: list[int]) -> None:
        self.ws, self.formats, self.widths, self.row = ws, formats, widths, 0

    def width(self, column: int) -> int:
        return self.widths[column] if column < len(self.widths) else 10

    def line(self, *values: Any, font: Props | None = None) -> None:
        for column, value in enumerate(values):
            write_value(
                self.ws, self.formats, self.row, column, value, {**(font or {}), **looks().top}
            )
        self.row += 1

    def key_line(self, key: str, value: Any) -> None:
        """A bold key and its value, left-aligned (numbers too)."""
        write_value(self.ws, self.formats, self.row, 0, key, {**looks().key, **looks().top})
        write_value(self.ws, self.formats, self.row, 1, value, looks().left)
        self.row += 1

    def heading(self, text: str) -> None:
        self.row += 1
        self.line(text, font=looks().heading)

    def table(self, table: Table, columns: list[int], spans: dict[int, int] | None = None) -> None:
        """Some columns of ``table``; ``spans`` lets a column (by index) span several."""
        spans = spans or {}
        places: list[tuple[int, int, int]] = []  # (table index, first column, span)
        column = 0
        for index in columns:
            places.append((index, column, spans.get(index, 1)))
            column += spans.get(index, 1)
        self._cells([(table.headers[i], c, n) for i, c, n in places], looks().header)
        for cells in table.rows:
            self._cells([(cell_value(cells[i]), c, n) for i, c, n in places], looks().data)

    def _cells(self, values: list[tuple[Any, int, int]], props: Props) -> None:
        lines = 1
        for value, column, span in values:
            width = sum(self.width(c) for c in range(column, column + span))
            lines = max(lines, line_count(str(value or ""), width))
        self.ws.set_row(self.row, LINE_HEIGHT * lines + 3)
        for value, column, span in values:
            if span > 1:
                self.ws.merge_range(
                    self.row, column, self.row, column + span - 1, "", self.formats.get(props)
                )
            write_value(self.ws, self.formats, self.row, column, value, props)
        self.row += 1


#: The organisation columns shown on the cover: name, registration, address, contact, DPO, SA.
_COVER_ORGANISATION = ["entity_id", "legal_name", "registration_number", "address"]
_COVER_CONTACT = ["contact_email", "contact_phone", "dpo_name", "dpo_contact"]
#: The cover's column widths; the first holds the longest key ("Databehandlere og mottakere").
_COVER_WIDTHS = [32, 30, 22, 34, 30, 24, 30]


def write_cover(
    ws: Worksheet,
    formats: Formats,
    group: GroupRecord,
    tables: list[Table],
    sheets: list[tuple[Table, str]],
) -> None:
    """The cover: title, date, version, counts, controllers with contacts and DPO, sources."""
    lang = group.lang
    for column, width in enumerate(_COVER_WIDTHS):
        set_width(ws, column, width)
    cover = _Cover(ws, formats, _COVER_WIDTHS)
    ws.set_row(0, 30)
    cover.line(label("report_title", lang), font=looks().title)
    cover.line(label("record_30_1", lang))
    cover.row += 1
    for title, value in control_facts(group.control, lang):
        cover.key_line(title, value)
    cover.key_line(label("generated", lang), stamp(group.generated))
    cover.key_line(label("generator", lang), f"ropa {group.version}")
    if group.entity:
        cover.key_line(label("entity_filter", lang), group.entity)
    counts = summary(group)
    for key in ("activities", "processors", "transfers"):
        cover.key_line(label(key, lang), counts[key])
    cover.key_line(label("conflicts_short", lang), counts["conflicts"])
    if group.with_findings:
        by = counts["findings_by_severity"]
        cover.key_line(
            label("findings_short", lang),
            ", ".join(f"{label(k, lang)}: {by[k]}" for k in ("error", "warning", "info")),
        )
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
        target = name.replace("'", "''")
        ws.write_url(
            cover.row, 0, f"internal:'{target}'!A1", formats.get(looks().link), string=name
        )
        write_value(ws, formats, cover.row, 1, table.title)
        cover.row += 1
    _print_setup(ws, group, None)
    if cover.row <= _COVER_ONE_PAGE:  # not a page for the last lines of the contents
        ws.fit_to_pages(1, 1)
    ws.hide_gridlines(2)


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


def to_bytes(group: GroupRecord) -> bytes:
    """The report workbook as the bytes of an .xlsx file."""
    every = report_tables(group)
    # Sources and controllers are on the cover; every other table gets its own sheet.
    tables = [t for t in every if t.key not in ("sources", "controllers")]
    names = _sheet_names(tables, group)
    buffer = io.BytesIO()
    book, formats = new_workbook(buffer)
    cover = book.add_worksheet(sheet_title(label("cover", group.lang), set()))
    write_cover(cover, formats, group, every, list(zip(tables, names, strict=True)))
    for table, name in zip(tables, names, strict=True):
        write_table(book.add_worksheet(name), formats, table, group)
    book.set_properties(
        {"title": label("report_title", group.lang), "author": f"ropa {group.version}"}
    )
    book.close()
    return buffer.getvalue()


def write(group: GroupRecord, output: Path) -> list[Path]:
    return [atomic_write_bytes(output, to_bytes(group))]
