"""Read a workbook into the record model, forgiving the way DPOs' sheets are.

Cell values come from python-calamine (a Rust reader, several times faster than openpyxl);
openpyxl is kept for writing. Sheets and headers are matched case- and
whitespace-insensitively in any of the five languages; the header may sit below title
rows; extra columns are kept. Anything odd is recorded as a :class:`Notice` so the
linter can report it instead of failing.

Cell values are cleaned by :mod:`ropa.read.cells`; sheets and header rows are found by
:mod:`ropa.read.headers`.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ropa.model.messages import Message, msg
from ropa.model.schema import FieldSpec, SheetSpec
from ropa.model.text import clean_cell, header_key
from ropa.read.cells import Value, as_text, clean_value, column_letter, split_multi
from ropa.read.container import Container, ContainerError, Limits, inspect
from ropa.read.headers import (
    find_header_row,
    first_texts,
    match_sheets,
    sheet_index,
    title_language,
)
from ropa.read.xlsx_scan import SheetOddities, check_extent, start_scans


class WorkbookError(Exception):
    """The file cannot be read as a workbook; the message is one plain line for the user."""


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the reader noticed and the linter reports (a hidden sheet, a duplicate header)."""

    kind: str
    sheet: str | None
    row: int | None
    column: str | None
    detail: str | Message


@dataclass(slots=True)
class Row:
    """One data row of a sheet, by field key; ``number`` is the 1-based Excel row."""

    number: int
    values: dict[str, Value]
    extra: dict[str, Value]

    def text(self, key: str) -> str:
        value = self.values.get(key)
        return value if type(value) is str else as_text(value)  # most cells are text

    def items(self, key: str) -> list[str]:
        value = self.values.get(key)
        return split_multi(as_text(value)) if value is not None else []

    def has(self, key: str) -> bool:
        return self.values.get(key) is not None


@dataclass
class Sheet:
    """A sheet of the workbook matched to a sheet of the schema."""

    spec: SheetSpec
    name: str
    header_row: int
    columns: dict[str, int]
    extra_columns: dict[str, int]
    rows: list[Row]
    language: str
    missing: list[FieldSpec] = field(default_factory=list)
    #: For a sheet without a recognisable header row: the texts of its first rows.
    seen: tuple[str, ...] = ()

    def column(self, key: str) -> str | None:
        index = self.columns.get(key)
        return column_letter(index) if index is not None else None


@dataclass
class Workbook:
    """A workbook read into the record model."""

    path: Path
    display: str
    sheets: dict[str, Sheet]
    language: str
    notices: list[Notice] = field(default_factory=list)
    other_sheets: list[str] = field(default_factory=list)
    sheet_order: list[str] = field(default_factory=list)

    def sheet(self, key: str) -> Sheet | None:
        return self.sheets.get(key)

    def rows(self, key: str) -> list[Row]:
        sheet = self.sheets.get(key)
        return sheet.rows if sheet else []


# --- reading a sheet -----------------------------------------------------------------------


def _map_columns(
    spec: SheetSpec, header: list[Any], sheet_name: str, row_number: int, notices: list[Notice]
) -> tuple[dict[str, int], dict[str, int]]:
    index = spec.header_index()
    columns: dict[str, int] = {}
    extra: dict[str, int] = {}
    for position, cell in enumerate(header):
        text = clean_cell(as_text(clean_value(cell)))
        if not text:
            continue
        key = index.get(header_key(text))
        if key is None:
            extra.setdefault(text, position)
        elif key in columns:
            notices.append(
                Notice(
                    "duplicate-header",
                    sheet_name,
                    row_number,
                    column_letter(position),
                    msg("RP109.repeats", heading=text, first=column_letter(columns[key])),
                )
            )
        else:
            columns[key] = position
    return columns, extra


#: Copies of a row kept in a run of identical rows (the second one shows the duplicate).
_KEPT_COPIES = 2


def _data_rows(
    grid: list[list[Any]],
    start: int,
    columns: dict[str, int],
    extra: dict[str, int],
    repeats: list[tuple[int, int]],
) -> Iterator[Row]:
    """The data rows; a run of identical rows (an .ods row repeated a million times) is
    read as its first copies, and ``repeats`` gets (first skipped row, rows skipped)."""
    mapped = list(columns.items())
    extras = list(extra.items())
    previous: list[Any] | None = None
    copies = 0
    for offset, cells in enumerate(grid[start:]):
        if cells == previous and any(cell not in ("", None) for cell in cells):
            copies += 1
            if copies >= _KEPT_COPIES:
                if copies == _KEPT_COPIES:
                    repeats.append((start + offset + 1, 0))
                repeats[-1] = (repeats[-1][0], repeats[-1][1] + 1)
                continue
        else:
            previous, copies = cells, 0
        width = len(cells)
        values: dict[str, Value] = {}
        for key, position in mapped:
            if position < width:
                raw = cells[position]
                if type(raw) is str:
                    # Most cells are plain text: clean them here without a function call.
                    text = raw.strip() if raw.isascii() else clean_cell(raw)
                    if text:
                        values[key] = text
                elif raw is not None:
                    cleaned = clean_value(raw)
                    if cleaned is not None:
                        values[key] = cleaned
        extra_values: dict[str, Value] = {}
        for name, position in extras:
            if position < width and cells[position] != "":
                extra_values[name] = clean_value(cells[position])
        if values or any(v is not None for v in extra_values.values()):
            yield Row(start + offset + 1, values, extra_values)


Merged = tuple[tuple[int, int], tuple[int, int]]


def fill_merged(grid: list[list[Any]], merged: list[Merged]) -> None:
    """Give every cell of a merged range the value of its top-left cell, as a reader sees it."""
    for (top, left), (bottom, right) in merged:
        if top >= len(grid) or left >= len(grid[top]):
            continue
        value = grid[top][left]
        for row in range(top, min(bottom, len(grid) - 1) + 1):
            cells = grid[row]
            if len(cells) <= right:
                cells.extend([""] * (right + 1 - len(cells)))
            for column in range(left, right + 1):
                cells[column] = value


def _merged_notices(name: str, merged: list[Merged], header_index: int) -> list[Notice]:
    notices = []
    for (top, left), (bottom, right) in merged:
        if bottom < header_index:
            continue  # merged title rows above the header are harmless
        span = f"{column_letter(left)}{top + 1}:{column_letter(right)}{bottom + 1}"
        notices.append(
            Notice(
                "merged-cells", name, top + 1, column_letter(left), msg("RP114.merged", span=span)
            )
        )
    return notices


def read_sheet(
    spec: SheetSpec,
    name: str,
    grid: list[list[Any]],
    notices: list[Notice],
    merged: list[Merged] | None = None,
) -> Sheet:
    """Match headers and read the rows of one sheet (merged ranges filled in first)."""
    if merged:
        fill_merged(grid, merged)
    header_index = find_header_row(spec, grid)
    if header_index is None:
        seen = first_texts(grid)
        return Sheet(spec, name, 0, {}, {}, [], "en", missing=list(spec.fields), seen=seen)
    notices.extend(_merged_notices(name, merged or [], header_index))
    header = grid[header_index]
    columns, extra = _map_columns(spec, header, name, header_index + 1, notices)
    language = title_language(spec, [c for c in header if isinstance(c, str)])
    repeats: list[tuple[int, int]] = []
    rows = list(_data_rows(grid, header_index + 1, columns, extra, repeats))
    for first, count in repeats:
        notices.append(
            Notice(
                "repeated-rows",
                name,
                first,
                None,
                f"rows {first} to {first + count - 1} repeat the row above exactly; read once",
            )
        )
    missing = [item for item in spec.fields if item.key not in columns]
    return Sheet(spec, name, header_index + 1, columns, extra, rows, language, missing)


# --- the workbook ----------------------------------------------------------------------------


def _open(path: Path, limits: Limits | None) -> tuple[Container, Any]:
    from python_calamine import CalamineWorkbook

    try:
        container = inspect(path, limits)
    except ContainerError as exc:
        raise WorkbookError(str(exc)) from exc
    try:
        return container, CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises several exception types for bad files
        raise WorkbookError(f"{path}: cannot be read as a workbook ({_first_line(exc)})") from exc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _visibility(book: Any) -> dict[str, str]:
    try:
        return {
            meta.name: str(meta.visible).rsplit(".", 1)[-1].lower() for meta in book.sheets_metadata
        }
    except AttributeError:  # older calamine without sheet metadata
        return {}


def _merged_ranges(sheet: Any) -> list[Merged]:
    try:
        return list(sheet.merged_cell_ranges or [])
    except Exception:  # not every format or calamine version has them
        return []


def _oddity_notices(name: str, found: SheetOddities) -> list[Notice]:
    notices = [
        Notice("hidden-row", name, row, None, "the row is hidden") for row in found.hidden_rows
    ]
    notices += [
        Notice("hidden-column", name, None, column_letter(col - 1), "the column is hidden")
        for col in found.hidden_columns
    ]
    notices += [
        Notice(
            "formula-without-value",
            name,
            _row_of(cell),
            _column_of(cell),
            f"{cell} has no saved result",
        )
        for cell in found.formulas_without_value
    ]
    return notices


def load_sheet(
    book: Any, path: Path, name: str, scan: Future[SheetOddities] | None, limits: Limits
) -> tuple[Any, list[list[Any]], list[Notice]]:
    """A sheet's (calamine sheet, grid, oddity notices), read only once its used range is
    known to be within the caps (``scan``: its :func:`~ropa.read.xlsx_scan.start_scans`
    future, for an .xlsx). Every failure is a :class:`WorkbookError` naming the file."""
    notices: list[Notice] = []
    try:
        if scan is not None:
            found = scan.result()
            check_extent(path, name, found, limits)
            notices = _oddity_notices(name, found)
        sheet = book.get_sheet_by_name(name)
        end = sheet.end or (0, 0)  # .ods and .xls: calamine has read it; the grid is next
        if end[0] + 1 > limits.max_rows or (end[0] + 1) * (end[1] + 1) > limits.max_cells:
            raise ContainerError(
                f"{path}: sheet '{name}' spans {end[0] + 1:,} rows by {end[1] + 1:,} columns "
                f"(limits: {limits.max_rows:,} rows, {limits.max_cells:,} cells); delete the "
                "rows and columns beyond the data, or raise max-rows or max-cells"
            )
        return sheet, sheet.to_python(skip_empty_area=False), notices
    except ContainerError as exc:
        raise WorkbookError(str(exc)) from exc
    except Exception as exc:
        raise WorkbookError(f"{path}: sheet '{name}' cannot be read ({_first_line(exc)})") from exc


def _row_of(cell: str) -> int:
    return int(cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))


def _column_of(cell: str) -> str:
    return cell.rstrip("0123456789")


def read_workbook(
    path: str | Path, display: str | None = None, limits: Limits | None = None
) -> Workbook:
    """Read a workbook (.xlsx, .xlsm, .xls, .ods) into the record model.

    Raises :class:`WorkbookError` with a one-line reason when the file cannot or must not
    be read (see :mod:`ropa.read.container`). Only saved cell values are read: macros never run.
    """
    path = Path(path)
    limits = limits or Limits()
    container, book = _open(path, limits)
    matched = match_sheets(book.sheet_names, sheet_index())
    # The oddity scan reads each sheet's XML (and its used range) just before calamine does;
    # calamine releases the GIL while it parses, so the next scan runs beside it.
    scans: dict[str, Future[SheetOddities]] = {}
    if container.kind == "xlsx" and matched:
        try:
            scans = start_scans(path, list(matched), limits)
        except ContainerError as exc:
            raise WorkbookError(str(exc)) from exc
    visibility = _visibility(book)
    notices: list[Notice] = []
    sheets: dict[str, Sheet] = {}
    others = [name for name in book.sheet_names if name not in matched]
    for name, spec in matched.items():
        if visibility.get(name, "visible") != "visible":
            notices.append(Notice("hidden-sheet", name, None, None, "the sheet is hidden"))
        sheet, grid, found = load_sheet(book, path, name, scans.get(name), limits)
        notices += found
        merged = _merged_ranges(sheet)
        del sheet  # calamine's copy of the sheet, freed before the next one is read
        sheets[spec.key] = read_sheet(spec, name, grid, notices, merged)
        del grid  # the cells are in the rows now
        _check_activities(path, name, sheets[spec.key], limits)
    language = _majority_language(sheets)
    order = list(book.sheet_names)
    return Workbook(path, display or str(path), sheets, language, notices, others, order)


def _check_activities(path: Path, name: str, sheet: Sheet, limits: Limits) -> None:
    if sheet.spec.key == "activities" and len(sheet.rows) > limits.max_activities:
        raise WorkbookError(
            f"{path}: sheet '{name}' holds {len(sheet.rows):,} activities (limit "
            f"{limits.max_activities:,}); raise max-activities if the record really is this large"
        )


def _majority_language(sheets: dict[str, Sheet]) -> str:
    counts: dict[str, int] = {}
    for sheet in sheets.values():
        counts[sheet.language] = counts.get(sheet.language, 0) + 1
    return max(counts, key=lambda lang: counts[lang]) if counts else "en"
