"""A source file as grids of cells: every sheet of a workbook, or the one table of a CSV.

Workbooks (.xlsx, .xlsm, .xls, .ods) are checked by :mod:`ropa.read.container` and read by
python-calamine, as ``ropa check`` reads them; merged ranges are filled with their top-left
value, as a reader sees them. CSV bytes are decoded as text notices are (a BOM, then UTF-8,
then charset-normalizer among the Western encodings: cp1252 as Nordic Excel writes it) and
the delimiter is found by the standard library's :class:`csv.Sniffer`. Inputs are only read.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ropa.read.container import ContainerError, Limits, inspect
from ropa.read.notice.decode import decode_text
from ropa.read.notice.files import PolicyReadError
from ropa.read.workbook import WorkbookError, fill_merged, load_sheet
from ropa.read.xlsx_scan import start_scans

#: More cells than this in one sheet is refused (a cell at XFD1048576 would be billions).
MAX_CELLS = 20_000_000
#: CSV delimiters the sniffer may choose between.
DELIMITERS = ";,\t|"


@dataclass
class SourceSheet:
    """One sheet (or a CSV's table): its name and its cells, row by row."""

    name: str
    grid: list[list[Any]]
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    #: A form read as a table (:mod:`.forms`): (row, column) of this grid -> the source cell.
    form_cells: dict[tuple[int, int], str] | None = None
    #: The texts down the first columns, for form detection (:func:`.forms.label_columns`).
    label_columns: list[tuple[int, list[str]]] | None = field(default=None, repr=False)

    def has_content(self) -> bool:
        return any(cell not in ("", None) for row in self.grid for cell in row)


@dataclass
class Source:
    """A file given to ``ropa import``."""

    path: Path
    kind: str  # xlsx, xls, ods or csv
    sheets: list[SourceSheet]
    encoding: str | None = None
    delimiter: str | None = None

    @property
    def display(self) -> str:
        return self.path.name


def read_source(path: str | Path, limits: Limits | None = None) -> Source:
    """Read a source file; :class:`WorkbookError` with one line if it cannot be read."""
    path = Path(path)
    if path.suffix.lower() in (".csv", ".txt", ".tsv"):
        return _read_csv(path, limits or Limits())
    return _read_workbook(path, limits)


def _read_csv(path: Path, limits: Limits) -> Source:
    if not path.exists():
        raise WorkbookError(f"{path}: no such file")
    if path.is_dir():
        raise WorkbookError(f"{path}: is a folder, not a file")
    if path.stat().st_size > limits.max_file_mb * (1 << 20):
        raise WorkbookError(f"{path}: the file is larger than {limits.max_file_mb} MB")
    data = path.read_bytes()
    if not data.strip():
        raise WorkbookError(f"{path}: the file is empty")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise WorkbookError(f"{path}: looks like a binary file, not CSV")
    try:
        text, encoding = decode_text(data, str(path))
    except PolicyReadError as exc:
        raise WorkbookError(str(exc)) from exc
    text = text.lstrip("\ufeff")
    delimiter = _delimiter(text)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise WorkbookError(f"{path}: cannot be read as CSV ({exc})") from exc
    sheet = SourceSheet(path.stem, [list(row) for row in rows])
    return Source(path, "csv", [sheet], encoding, delimiter)


def _delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        return max(DELIMITERS, key=first.count) if first else ","


def _read_workbook(path: Path, limits: Limits | None) -> Source:
    from python_calamine import CalamineWorkbook

    try:
        container = inspect(path, limits)
    except ContainerError as exc:
        raise WorkbookError(str(exc)) from exc
    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises several exception types for bad files
        raise WorkbookError(f"{path}: cannot be read as a workbook ({_first_line(exc)})") from exc
    limits = limits or Limits()
    try:
        # The used range of each sheet is known before calamine builds its grid (issue 13).
        scans = start_scans(path, book.sheet_names, limits) if container.kind == "xlsx" else {}
    except ContainerError as exc:
        raise WorkbookError(str(exc)) from exc
    sheets = []
    for name in book.sheet_names:
        sheet, grid, _ = load_sheet(book, path, name, scans.get(name), limits)
        try:
            merged = list(sheet.merged_cell_ranges or [])
        except Exception:  # not every format or calamine version has them
            merged = []
        if merged:
            fill_merged(grid, merged)
        sheets.append(SourceSheet(name, grid, merged))
    return Source(path, container.kind, sheets)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
