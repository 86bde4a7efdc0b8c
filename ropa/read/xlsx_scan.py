"""Read what the fast value reader cannot see in an .xlsx, before it reads the sheet.

python-calamine reads saved cell values only, which is what ropa checks; but a DPO should
hear about a hidden row (the authority may not see it) and about a formula with no saved
result (ropa reads it as empty). And calamine builds each sheet as a dense grid from A1
to the farthest cell holding a value, so one stray cell at XFD1048576 of a 5 KB file would
ask for hundreds of gigabytes. One streaming parse of each record sheet's XML (expat, with
DTDs and entities refused as defusedxml does) finds the hidden rows and columns, the
formulas without a value and the used range; :func:`check_extent` refuses a range over the
cell cap before calamine sees the sheet. Attributes are matched as XML, whatever the
quoting, spacing or namespace prefix, and cells without an ``r`` are counted by position.

Most sheets have nothing to find: :mod:`ropa.read.xlsx_quick` reads those without a Python
call per element, and only a sheet it cannot vouch for gets the full scan.
"""

from __future__ import annotations

import multiprocessing
import os
import posixpath
import re
import sys
import zipfile
from collections.abc import Iterable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.parsers import expat

from ropa.read.container import ContainerError, Limits, damage, open_counted, overrun
from ropa.read.xlsx_quick import _Quick

_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_DOC_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"

_REF = re.compile(r"\s*([A-Za-z]*)(\d*)\s*$")
#: A reference beyond any real sheet; big enough to fail every cap, small enough to print.
_HUGE = 10**12
_TRUE = ("1", "true")


@dataclass
class SheetOddities:
    """Hidden rows and columns, formulas without a saved value and the used range of a sheet."""

    hidden_rows: list[int] = field(default_factory=list)
    hidden_columns: list[int] = field(default_factory=list)  # 1-based
    formulas_without_value: list[str] = field(default_factory=list)  # cell references
    # The last row and column holding a value (1-based), 0 if none; from the fast path, the
    # last of any cell (valued or not), which is what the caps are then checked against.
    rows: int = 0
    columns: int = 0
    farthest: str = ""  # the reference of a cell at the far edge of the used range


def _number(digits: str) -> int:
    return int(digits) if len(digits) <= 12 else _HUGE


def _column(letters: str) -> int:
    if len(letters) > 7:
        return _HUGE
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def _letters(column: int) -> str:
    if column >= _HUGE:
        return "?"
    text = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        text = chr(65 + rest) + text
    return text


def _forbid(*_args: Any) -> None:
    raise ContainerError("declares a DTD or XML entities")


class _SheetScan:
    """expat callbacks over one sheet; text and end tags are watched only inside a formula."""

    def __init__(self) -> None:
        self.found = SheetOddities()
        self.row = 0
        self.col = 0
        self.formula = False  # the current cell has an <f>
        self.valued = False  # ... and a saved value
        self.in_value = False
        self.local: dict[str, str] = {}
        parser = _parser()  # no namespace processing: names match by local part
        parser.StartElementHandler = self.start
        self.parser = parser

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = self.local.get(name)
        if local is None:
            local = self.local[name] = name[name.rfind(":") + 1 :]
        if local == "c":
            self.close_cell()
            match = _REF.match(attrs.get("r", ""))
            if match and match.group(1):
                self.col = _column(match.group(1))
                if match.group(2):
                    self.row = _number(match.group(2))
            else:
                self.col += 1
        elif local in ("v", "is"):
            found = self.found
            if self.row > found.rows or self.col > found.columns:
                found.rows = max(found.rows, self.row)
                found.columns = max(found.columns, self.col)
                found.farthest = f"{_letters(self.col)}{self.row}"
            if self.formula:
                self.in_value = local == "v"
                self.valued = self.valued or local == "is"
        elif local == "f":
            if not self.formula:
                self.formula = True
                self.parser.CharacterDataHandler = self.text
                self.parser.EndElementHandler = self.end
        elif local == "row":
            self.close_cell()
            match = _REF.match(attrs.get("r", ""))
            self.row = _number(match.group(2)) if match and match.group(2) else self.row + 1
            self.col = 0
            if attrs.get("hidden", "").strip() in _TRUE:
                self.found.hidden_rows.append(self.row)
        elif local == "col" and attrs.get("hidden", "").strip() in _TRUE:
            low, high = attrs.get("min", "").strip(), attrs.get("max", "").strip()
            if low.isdigit() and high.isdigit():
                start = _number(low)
                # A hidden <col> range can cover the whole sheet width; cap what is listed.
                self.found.hidden_columns.extend(range(start, min(_number(high), start + 200) + 1))

    def text(self, data: str) -> None:
        if self.in_value and data.strip():
            self.valued = True

    def end(self, name: str) -> None:
        local = name[name.rfind(":") + 1 :]
        if local == "v":
            self.in_value = False
        elif local == "c":
            self.close_cell()

    def close_cell(self) -> None:
        if not self.formula:
            return
        if not self.valued:
            self.found.formulas_without_value.append(f"{_letters(self.col)}{self.row}")
        self.formula = self.valued = self.in_value = False
        self.parser.CharacterDataHandler = None
        self.parser.EndElementHandler = None


def _bounds(quick: _Quick) -> SheetOddities:
    """The used range the fast path bounds (its cells' farthest row and column)."""
    edge = f"{quick.columns}{quick.rows}" if quick.columns and quick.rows else ""
    return SheetOddities(rows=quick.rows, columns=_column(quick.columns), farthest=edge)


def _parser() -> Any:
    """An expat parser that refuses DTDs and entity declarations."""
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _forbid
    parser.EntityDeclHandler = _forbid
    parser.ExternalEntityRefHandler = _forbid  # type: ignore[assignment]
    return parser


def scan_sheet(xml: bytes) -> SheetOddities:
    """Hidden rows/columns, formulas without a saved value and used range of one sheet's XML."""
    scan = _SheetScan()
    scan.parser.Parse(xml, True)
    scan.close_cell()
    return scan.found


def _scan_member(archive: zipfile.ZipFile, member: str, limits: Limits) -> SheetOddities:
    """The oddities of one sheet: by the fast path when it has none and fits the caps."""
    info = archive.getinfo(member)
    quick = _Quick(_parser())
    with open_counted(archive, info, limits) as part:
        while quick.ordinary and (chunk := part.read(1 << 20)):
            quick.feed(chunk)
        if quick.ordinary:
            quick.feed(b"", final=True)
    if quick.ordinary and part.inflated > info.file_size:
        raise ContainerError(overrun(archive.filename or "", info))
    if quick.ordinary:
        found = _bounds(quick)
        if found.rows <= limits.max_rows and found.rows * found.columns <= limits.max_cells:
            return found
    scan = _SheetScan()
    with open_counted(archive, info, limits) as part:
        while chunk := part.read(1 << 20):
            scan.parser.Parse(chunk, False)
        scan.parser.Parse(b"", True)
    if part.inflated > info.file_size:
        raise ContainerError(overrun(archive.filename or "", info))
    scan.close_cell()
    return scan.found


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> zip member of its XML, from the workbook part and its relationships."""
    from defusedxml import ElementTree

    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_RELS_NS}Relationship")}
    parts: dict[str, str] = {}
    for sheet in workbook.iter(f"{_MAIN_NS}sheet"):
        target = targets.get(sheet.get(f"{_DOC_REL_NS}id"), "")
        if target:
            member = (
                target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
            )
            parts[sheet.get("name", "")] = member
    return parts


def _scan_one(path: Path, name: str, member: str | None, limits: Limits) -> SheetOddities:
    if member is None:
        return SheetOddities()
    try:
        with zipfile.ZipFile(path) as archive:
            if member not in archive.namelist():
                return SheetOddities()
            return _scan_member(archive, member, limits)
    except ContainerError as exc:
        if str(exc).startswith(str(path)):
            raise
        raise ContainerError(f"{path}: sheet '{name}' {exc}; refusing to read it") from exc
    except Exception as exc:  # expat, zlib, EOFError, OSError...: the part is damaged
        raise ContainerError(f"{path}: sheet '{name}' is damaged ({damage(exc)})") from exc


#: Sheets of this many bytes in all are scanned in a process of their own, on the other core,
#: where processes start by forking (Linux): the scan holds the interpreter's lock while it
#: parses, so in a thread it slows the building of the rows beside it.
PROCESS_FROM = 8 << 20


def _executor(size: int) -> Executor:
    if size >= PROCESS_FROM and sys.platform == "linux" and (os.cpu_count() or 1) > 1:
        return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    return ThreadPoolExecutor(max_workers=1)


def start_scans(
    path: Path, sheet_names: Iterable[str], limits: Limits | None = None
) -> dict[str, Future[SheetOddities]]:
    """Scan the named sheets of an .xlsx/.xlsm one after the other in a thread (or, for large
    sheets, a process).

    Each sheet's result is ready before the next is started, so a caller that waits for a
    sheet's scan and then reads it with calamine (which releases the GIL) overlaps the two.
    Every future raises :class:`ContainerError` with a one-line reason for a damaged part.
    """
    limits = limits or Limits()
    try:
        with zipfile.ZipFile(path) as archive:
            parts = sheet_parts(archive)
            names = set(archive.namelist())
            size = sum(
                archive.getinfo(parts[name]).file_size
                for name in sheet_names
                if parts.get(name) in names
            )
    except Exception as exc:  # ParseError, EntitiesForbidden, zlib, ...
        raise ContainerError(f"{path}: the workbook part is damaged ({damage(exc)})") from exc
    executor = _executor(size)
    futures = {
        name: executor.submit(_scan_one, path, name, parts.get(name), limits)
        for name in sheet_names
    }
    executor.shutdown(wait=False)
    return futures


def scan_workbook(
    path: Path, sheet_names: Iterable[str], limits: Limits | None = None
) -> dict[str, SheetOddities]:
    """Oddities of the named sheets of an .xlsx/.xlsm file (others are not read)."""
    return {
        name: future.result() for name, future in start_scans(path, sheet_names, limits).items()
    }


def check_extent(path: Path | str, name: str, found: SheetOddities, limits: Limits) -> None:
    """Refuse a sheet whose used range (from A1) holds more cells than the cap allows."""
    cells = found.rows * found.columns
    if cells > limits.max_cells:
        raise ContainerError(
            f"{path}: sheet '{name}' has a value in cell {found.farthest}, so its used range "
            f"A1:{found.farthest} spans {cells:,} cells (limit {limits.max_cells:,}); delete "
            "the cells beyond the data, or raise max-cells"
        )
    if found.rows > limits.max_rows:
        raise ContainerError(
            f"{path}: sheet '{name}' reaches row {found.rows:,} (limit {limits.max_rows:,}); "
            "delete the rows beyond the data, or raise max-rows"
        )
