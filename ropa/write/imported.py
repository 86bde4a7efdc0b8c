"""Write an imported record: the template (styling, drop-downs, help) filled with its rows,
and each source sheet the layout does not read copied beside it, cell for cell.

Text that would start a formula is written as text (see :mod:`ropa.write.safety`), and the
file is written to a temporary name beside the output and moved into place, so a failed
import never leaves half a workbook where the record was to be.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ropa.read.importer.source import SourceSheet
from ropa.write.safety import ExportError, write_cell
from ropa.write.style import MAX_SHEET_NAME
from ropa.write.template import write_workbook

#: The name of a copied source sheet starts with this.
KEPT_PREFIX = "Imported "
_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def kept_sheet_name(name: str, taken: set[str]) -> str:
    base = (KEPT_PREFIX + name.translate(_FORBIDDEN)).strip()[:MAX_SHEET_NAME]
    candidate, number = base, 2
    while candidate.casefold() in taken:
        suffix = f" {number}"
        candidate, number = base[: MAX_SHEET_NAME - len(suffix)] + suffix, number + 1
    taken.add(candidate.casefold())
    return candidate


def _add_kept(path: Path, kept: Sequence[tuple[str, SourceSheet]]) -> None:
    from openpyxl import load_workbook

    book = load_workbook(path)
    taken = {name.casefold() for name in book.sheetnames}
    for file, sheet in kept:
        ws = book.create_sheet(kept_sheet_name(sheet.name, taken), index=len(book.sheetnames) - 1)
        ws.cell(row=1, column=1, value=f"Copied unchanged from {file}, sheet '{sheet.name}'")
        for r, cells in enumerate(sheet.grid, start=3):
            for c, value in enumerate(cells, start=1):
                if value not in ("", None):
                    write_cell(ws.cell(row=r, column=c), value)
    book.save(path)


def write_imported(
    output: str | Path,
    lang: str,
    rows: Mapping[str, Sequence[Mapping[str, Any]]],
    kept: Sequence[tuple[str, SourceSheet]] = (),
    extra_columns: Mapping[str, Sequence[str]] | None = None,
) -> Path:
    """Write the record to ``output`` (already checked by ``check_output``); ``extra_columns``
    are the source's columns no row fills, kept as empty extra columns by sheet."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".ropa-import-", suffix=".xlsx", dir=output.parent)
    os.close(handle)
    try:
        write_workbook(Path(temporary), lang, rows, extra_columns=extra_columns)
        if kept:
            _add_kept(Path(temporary), kept)
        os.replace(temporary, output)
    except OSError as exc:
        raise ExportError(f"{output}: cannot be written ({exc.strerror or exc})") from exc
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return output
