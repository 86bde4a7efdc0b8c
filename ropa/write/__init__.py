"""Reports of the record for supervisory authorities: ``ropa export``.

:func:`export` builds the consolidated :class:`~ropa.write.model.GroupRecord` once and hands
it to the writer of the format. Each format is a module with
``write(group: GroupRecord, output: Path) -> list[Path]``, imported by name only when used,
so a new format plugs in by adding its module and a line to :data:`FORMATS`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from ropa.model.languages import RECORD_LANGUAGES
from ropa.write.safety import ExportError, check_output, check_output_folder

if TYPE_CHECKING:
    from ropa.write.model import GroupRecord

#: Format -> the module that writes it.
FORMATS: dict[str, str] = {
    "xlsx": "ropa.write.xlsx",
    "pdf": "ropa.write.pdf",
    "html": "ropa.write.html",
    "json": "ropa.write.json_export",
    "csv": "ropa.write.csv_export",
    "md": "ropa.write.markdown",
}

#: Formats whose output is a folder of files rather than one file.
FOLDER_FORMATS = frozenset({"csv"})


def export(
    paths: Sequence[str | Path],
    fmt: str,
    output: str | Path,
    *,
    lang: str = "en",
    entity: str | None = None,
    with_findings: bool = False,
    force: bool = False,
) -> list[Path]:
    """Write the report of ``paths`` in ``fmt`` to ``output``; returns the files written.

    Raises :class:`ExportError` (bad format, language, entity or output) and
    ``ropa.read.workbook.WorkbookError`` (an unreadable input), each with a one-line message.
    """
    from ropa.write.model import build_group_record

    if fmt not in FORMATS:
        raise ExportError(f"unknown format '{fmt}': use one of {', '.join(FORMATS)}")
    if lang not in RECORD_LANGUAGES:
        raise ExportError(f"unknown language '{lang}': use one of {', '.join(RECORD_LANGUAGES)}")
    if not paths:
        raise ExportError("no workbook given")
    output = Path(output)
    if fmt in FOLDER_FORMATS:
        check_output_folder(output, paths, force)
    else:
        check_output(output, paths, force)
    writer = _writer(fmt)
    group = build_group_record(paths, lang=lang, entity=entity, with_findings=with_findings)
    write: Callable[[GroupRecord, Path], list[Path]] = writer.write
    written = write(group, output)
    return written


def _writer(fmt: str) -> ModuleType:
    try:
        return importlib.import_module(FORMATS[fmt])
    except ModuleNotFoundError as exc:
        if exc.name != FORMATS[fmt]:
            missing = exc.name or "a library"
            raise ExportError(f"the {fmt} export needs {missing}; install it first") from exc
        raise ExportError(f"the {fmt} export is not available in this version of ropa") from exc


__all__ = ["FORMATS", "ExportError", "export"]
