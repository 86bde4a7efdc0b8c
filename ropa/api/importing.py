"""``ropa import``: read records kept in other layouts and write one ropa workbook."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ropa.model.languages import RECORD_LANGUAGES
from ropa.read.importer import ImportResult, import_sources, load_mapping, to_toml
from ropa.read.importer.layouts import layout as find_layout
from ropa.read.importer.mapping import MappingFile
from ropa.read.importer.run import plan_source
from ropa.read.importer.source import read_source
from ropa.read.workbook import WorkbookError
from ropa.write.imported import write_imported
from ropa.write.safety import ExportError, check_output
from ropa.write.targets import import_target


def _mapping(mapping: str | Path | MappingFile | None) -> MappingFile | None:
    if mapping is None or isinstance(mapping, MappingFile):
        return mapping
    return load_mapping(mapping)


def import_record(
    sources: Sequence[str | Path],
    output: str | Path | None,
    *,
    layout: str = "auto",
    mapping: str | Path | MappingFile | None = None,
    lang: str | None = None,
    force: bool = False,
) -> ImportResult:
    """Read ``sources`` (.xlsx, .xlsm, .xls, .ods, .csv) and write them as one ropa workbook.

    ``layout`` is ``auto`` or a layout's name (``ropa import --list-layouts``); ``mapping`` a
    mapping file as ``show_mapping`` prints it; ``lang`` the workbook's language (default:
    the language of the sources' headings). ``output`` None only reads; an existing folder
    gets ``<first source>.xlsx`` inside it. The sources are never
    changed, and an existing output is replaced only with ``force``.
    """
    if not sources:
        raise WorkbookError("no source given")
    if lang is not None and lang not in RECORD_LANGUAGES:
        raise ExportError(f"unknown language {lang!r}; use one of {', '.join(RECORD_LANGUAGES)}")
    if output is not None:  # an existing folder: <first source>.xlsx inside it
        output = import_target(Path(output), [Path(source) for source in sources])
        check_output(output, sources, force)
    result = import_sources(list(sources), layout, _mapping(mapping))
    if lang is not None:
        result.language = lang
    if output is not None:
        write_imported(
            output, result.language, result.rows, result.kept_sheets, result.empty_columns
        )
    return result


def show_mapping(
    sources: Sequence[str | Path],
    *,
    layout: str = "auto",
    mapping: str | Path | MappingFile | None = None,
) -> str:
    """The mapping ``import_record`` would use, as an editable TOML file."""
    loaded = _mapping(mapping)
    name = loaded.layout if loaded and loaded.layout and layout == "auto" else layout
    try:
        forced = None if name in (None, "auto") else find_layout(name)
    except KeyError as exc:
        raise WorkbookError(str(exc.args[0])) from exc
    plans = []
    for path in sources:
        plans += plan_source(read_source(path), forced, loaded)[1]
    return to_toml(plans)
