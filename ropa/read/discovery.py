"""Which files a run reads: workbooks named or found in folders, without Excel's lock files."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ropa.read.workbook import WorkbookError

#: The endings of the workbooks ropa reads (the container says what a file really is).
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


def is_lock_file(path: Path) -> bool:
    """Excel's ``~$record.xlsx`` and LibreOffice's ``.~lock.record.xlsx#``: the workbook is
    open somewhere; the file holds the user's name, not a record."""
    return path.name.startswith(("~$", ".~lock."))


def workbook_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """The workbooks to check, and a note for each file skipped; WorkbookError for a folder
    without workbooks.

    A folder gives the workbooks in it and its subfolders (not hidden ones such as ``.git``),
    sorted; a file named directly is checked whatever its name, except a lock file.
    """
    files: list[Path] = []
    notes: list[str] = []
    for given in map(Path, paths):
        found = _in_folder(given) if given.is_dir() else [given]
        if given.is_dir() and not found:
            raise WorkbookError(
                f"{given}: no workbooks in this folder (.xlsx, .xlsm, .xls or .ods)"
            )
        for path in found:
            if is_lock_file(path):
                notes.append(f"skipped {path}: an Excel lock file (the workbook is open)")
            else:
                files.append(path)
    return files, notes


def _in_folder(folder: Path) -> list[Path]:
    return sorted(
        path
        for path in folder.rglob("*")
        if path.suffix.lower() in WORKBOOK_SUFFIXES
        and path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(folder).parts[:-1])
    )
