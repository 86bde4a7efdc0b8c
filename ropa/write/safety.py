"""Output safety shared by every exporter: formula neutralising and atomic, careful writes.

A DPO's record travels: it is opened in Excel by people who did not write it. A cell that
starts with ``=`` (or ``+ - @``, a tab or a carriage return) would run as a formula there,
so text like that gets a leading apostrophe, as OWASP recommends for CSV injection (in a
workbook, Excel's own hidden apostrophe, the cell's quote prefix). Files
are written to a temporary file in the target folder and moved into place with
:func:`os.replace`, so a crash never leaves half a report behind, and an input workbook is
never overwritten.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

#: Characters that make a spreadsheet program read a cell as a formula (OWASP).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class ExportError(Exception):
    """An export cannot be written; the message is one plain line for the user."""


def neutralise(value: Any) -> Any:
    """Text that would start a formula, prefixed with ``'``; anything else unchanged.

    Numbers, dates and booleans are left as they are (a negative number is a number, not
    a formula), so only strings are touched.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def looks_like_formula(value: Any) -> bool:
    """Whether ``value`` is text a spreadsheet program would read as a formula.

    The same test as :func:`neutralise`; writers that can store text as text (XlsxWriter's
    ``write_string``) use it to give such a cell Excel's quote prefix instead.
    """
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def write_cell(cell: Any, value: Any) -> Any:
    """Put ``value`` into an openpyxl cell so that it can never run as a formula.

    Text that looks like a formula is stored as text with Excel's own leading apostrophe
    (the cell's ``quotePrefix``): it shows as written, and stays text when edited. openpyxl
    would otherwise store any text starting with ``=`` as a formula.
    """
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
    except OSError as exc:  # a read-only folder, a name too long, a file where a folder is
        raise ExportError(f"{path}: cannot write here ({exc.strerror or exc})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp creates the file readable by its owner only; a report is an ordinary
        # file, so give it the permissions any new file gets (the umask decides).
        os.chmod(temporary, _DEFAULT_MODE & ~_current_umask())
        os.replace(temporary, path)
    except OSError as exc:  # a full disk, a folder in the way
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise ExportError(f"{path}: cannot write the file ({exc.strerror or exc})") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return path


@contextlib.contextmanager
def atomic_folder(path: str | Path) -> Iterator[Path]:
    """A new folder to fill, put in place of ``path`` only when all of it is written.

    A report that is a folder of files (CSV) is written into a temporary folder beside
    ``path``, which then replaces ``path`` by two renames: an interrupted export leaves the old
    folder as it was, never a folder that mixes new and old files.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fresh = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    except OSError as exc:
        raise ExportError(f"{path}: cannot write here ({exc.strerror or exc})") from None
    try:
        yield fresh
        os.chmod(fresh, 0o777 & ~_current_umask())
        old = None
        if path.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=path.parent))
            old.rmdir()
            os.replace(path, old)
        os.replace(fresh, path)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        shutil.rmtree(fresh, ignore_errors=True)
        raise ExportError(f"{path}: cannot write the folder ({exc.strerror or exc})") from None
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise


_DEFAULT_MODE = 0o666


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_text(path: str | Path, text: str, *, bom: bool = False) -> Path:
    """Write UTF-8 text atomically; ``bom`` adds the byte-order mark Excel on Windows needs."""
    encoding = "utf-8-sig" if bom else "utf-8"
    return atomic_write_bytes(path, text.encode(encoding))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def check_output(path: str | Path, inputs: Iterable[str | Path], force: bool) -> Path:
    """Refuse to write over an input, or over an existing output without ``force``.

    Returns the output path. Raises :class:`ExportError` with a one-line reason.
    """
    path = Path(path)
    for source in inputs:
        if _same_file(path, Path(source)):
            raise ExportError(f"{path} is one of the input workbooks; choose another output")
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name")
    if path.exists() and not path.is_file():
        # --force would swap a device, a FIFO or a /dev/stdout link for a regular file.
        raise ExportError(f"{path} is not a regular file (a device or a pipe); give a file name")
    if path.exists() and not force:
        raise ExportError(f"{path} already exists; use --force to replace it")
    if path.parent != Path() and path.parent.exists() and not path.parent.is_dir():
        raise ExportError(f"{path.parent} is not a folder")
    return path


def check_output_folder(path: str | Path, inputs: Iterable[str | Path], force: bool) -> Path:
    """Like :func:`check_output` for a folder of files (CSV): it may exist only with ``force``."""
    path = Path(path)
    for source in inputs:
        if _same_file(path, Path(source)):
            raise ExportError(f"{path} is one of the input workbooks; choose another output")
    if path.exists() and not path.is_dir():
        raise ExportError(f"{path} exists and is not a folder; CSV export writes a folder")
    if path.is_dir() and any(path.iterdir()) and not force:
        raise ExportError(f"{path} already exists and is not empty; use --force to replace files")
    return path


def check_targets(paths: Iterable[Path], inputs: Iterable[str | Path]) -> None:
    """Refuse any target file that is one of the inputs (used for files inside a folder)."""
    inputs = list(inputs)
    for target in paths:
        for source in inputs:
            if _same_file(target, Path(source)):
                raise ExportError(f"{target} is one of the input workbooks; choose another output")
