"""Where ``ropa export`` writes, and in which format: the two must agree.

A DPO who writes ``--output record.pdf`` means a PDF, whatever ``--format`` defaults to; a
name that says one format while ``--format`` says another is a mistake worth stopping for
(a PDF named .xlsx does not open at the authority). An existing folder as the output gets
``<workbook>.<format>`` inside it.
"""

from __future__ import annotations

from pathlib import Path

from ropa.write.safety import ExportError

#: File name ending -> format, for the formats written as one file.
SUFFIX_FORMATS = {
    ".xlsx": "xlsx",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".md": "md",
    ".markdown": "md",
    ".docx": "docx",
}

#: Format -> the ending of the file it writes.
FORMAT_SUFFIXES = {
    "xlsx": ".xlsx",
    "pdf": ".pdf",
    "html": ".html",
    "json": ".json",
    "md": ".md",
    "docx": ".docx",
}


def export_target(
    output: Path, fmt: str | None, first_input: Path, folder_formats: frozenset[str]
) -> tuple[Path, str]:
    """The file (or folder) to write and its format; ExportError when they contradict."""
    named = SUFFIX_FORMATS.get(output.suffix.lower())
    if fmt is None:
        if output.suffix.lower() == ".csv":
            fmt = "csv"
        elif named is not None:
            fmt = named
        else:
            raise ExportError(
                f"{output}: say which format with --format (xlsx, pdf, html, json, csv, md "
                "or docx), or give a file name ending in one of them"
            )
    if fmt in folder_formats:
        if output.suffix.lower() == ".csv" or named is not None:
            raise ExportError(
                f"{output}: the {fmt} export writes a folder of files, one per sheet; "
                "give a folder name"
            )
        return output, fmt
    if named is not None and named != fmt:
        raise ExportError(
            f"{output} ends in {output.suffix} but the format is {fmt}; rename it to "
            f"{output.with_suffix(FORMAT_SUFFIXES[fmt]).name} or use --format {named}"
        )
    if output.is_dir():
        return output / f"{first_input.stem}{FORMAT_SUFFIXES[fmt]}", fmt
    return output, fmt


#: ``ropa diff``'s formats -> the ending of their file, and file name endings -> format.
DIFF_SUFFIXES = {"text": ".txt", "json": ".json", "xlsx": ".xlsx"}
_DIFF_NAMED = {".txt": "text", ".diff": "text", ".json": "json", ".xlsx": "xlsx"}


def diff_target(output: Path, fmt: str | None, old: Path, new: Path) -> tuple[Path, str]:
    """Where ``ropa diff --output`` writes, and in which format (text, json or xlsx).

    Like :func:`export_target`: the file name decides the format when ``fmt`` is None (a
    name it does not know is text), a name that says another format than ``fmt`` is an
    ExportError, and an existing folder gets ``<old>-vs-<new>.<ending>`` inside it
    (``<new>-diff.<ending>`` when both versions have the same name).
    """
    named = _DIFF_NAMED.get(output.suffix.lower())
    if fmt is None:
        fmt = named or "text"
    elif named is not None and named != fmt and not output.is_dir():
        raise ExportError(
            f"{output} ends in {output.suffix} but the format is {fmt}; rename it to "
            f"{output.with_suffix(DIFF_SUFFIXES[fmt]).name} or use --format {named}"
        )
    if output.is_dir():
        stem = f"{new.stem}-diff" if old.stem == new.stem else f"{old.stem}-vs-{new.stem}"
        return output / f"{stem}{DIFF_SUFFIXES[fmt]}", fmt
    return output, fmt


def import_target(output: Path, sources: list[Path]) -> Path:
    """Where ``ropa import --output`` writes: the file, or in an existing folder
    ``<first source>.xlsx``; ExportError for a name that is not a workbook's (an xlsx named
    record.pdf opens nowhere, and ``ropa check`` would not read it)."""
    if output.is_dir() and sources:
        return output / f"{sources[0].stem}.xlsx"
    if output.suffix.lower() != ".xlsx" and not output.is_dir():
        raise ExportError(
            f"{output}: ropa import writes an Excel workbook; give a name ending in .xlsx"
        )
    return output
