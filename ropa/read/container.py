"""Look at a file before the workbook reader does: what it is, and whether it is safe.

A workbook is a zip of XML parts (xlsx, xlsm, ods) or an OLE compound file (legacy xls,
or any Office file encrypted with a password). This module tells them apart, refuses
what cannot or should not be read with a one-line reason, and guards against hostile
files: decompression bombs (caps on uncompressed size and compression ratio) and XML
that declares a DTD (the door to external entities and entity expansion, which a
workbook never needs).
"""

from __future__ import annotations

import re
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

#: Bytes at the start of each XML part searched for a DTD; the DTD must be in the prolog.
_PROLOG_BYTES = 4096
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)

#: Members smaller than this are never a bomb, whatever their ratio (tiny parts compress well).
_RATIO_FLOOR_BYTES = 1 << 20


class ContainerError(Exception):
    """The file cannot or must not be read; the message is one plain line."""


@dataclass(frozen=True)
class Limits:
    """Caps that keep a hostile file from exhausting memory (configurable in [tool.ropa])."""

    max_uncompressed_mb: int = 2048
    max_compression_ratio: int = 1000
    max_file_mb: int = 512
    #: Cells of a sheet's used range (rows x columns from A1): one stray cell far from A1
    #: would otherwise make the reader allocate the whole grid.
    max_cells: int = 20_000_000
    #: Rows of one sheet, and activities (data rows of the Activities sheet) of a workbook.
    max_rows: int = 1_048_576
    max_activities: int = 200_000


@dataclass(frozen=True)
class Container:
    """What the file is."""

    kind: str  # "xlsx" (also xlsm), "ods" or "xls"
    path: Path


def inspect(path: Path, limits: Limits | None = None) -> Container:
    """Identify a workbook file and check it is safe to read; raise ContainerError if not."""
    limits = limits or Limits()
    if not path.exists():
        raise ContainerError(f"{path}: no such file")
    if path.is_dir():
        raise ContainerError(f"{path}: is a folder, not a workbook")
    size = path.stat().st_size
    if size == 0:
        raise ContainerError(f"{path}: the file is empty (0 bytes)")
    if size > limits.max_file_mb * (1 << 20):
        raise ContainerError(
            f"{path}: the file is larger than {limits.max_file_mb} MB; refusing to read it"
        )
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(_ZIP_MAGIC) or head.startswith(_EMPTY_ZIP_MAGIC):
        return Container(_zip_kind(path, limits), path)
    if head.startswith(_OLE_MAGIC):
        return Container(_ole_kind(path), path)
    raise ContainerError(f"{path}: {_describe_other(path)}")


def _zip_kind(path: Path, limits: Limits) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            _check_bomb(path, archive, limits)
            kind = _workbook_kind(path, archive, names)
            _check_parts(path, archive, limits)
            return kind
    except ContainerError:
        raise
    except zipfile.BadZipFile as exc:
        raise ContainerError(
            f"{path}: the file is damaged or truncated (not a complete zip: {exc})"
        ) from exc
    except Exception as exc:  # zlib.error, EOFError, OSError, NotImplementedError, ...
        raise ContainerError(f"{path}: the file is damaged ({damage(exc)})") from exc


def damage(exc: BaseException) -> str:
    """What went wrong reading a damaged file, as a short phrase (for a one-line message)."""
    if isinstance(exc, EOFError):
        return "a part runs past the end of the file"
    if isinstance(exc, NotImplementedError):
        return f"unsupported zip feature: {exc}"
    if isinstance(exc, RuntimeError) and "encrypted" in str(exc):
        return "a part is encrypted"
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


def _workbook_kind(path: Path, archive: zipfile.ZipFile, names: set[str]) -> str:
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        raise ContainerError(f"{path}: is a binary workbook (.xlsb); save it as .xlsx")
    if "content.xml" in names and "mimetype" in names:
        if archive.read("mimetype").startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
            return "ods"
        raise ContainerError(f"{path}: is an OpenDocument file but not a spreadsheet")
    if "word/document.xml" in names:
        raise ContainerError(f"{path}: is a Word document, not a workbook")
    raise ContainerError(f"{path}: is a zip file without a workbook in it")


def _check_bomb(path: Path, archive: zipfile.ZipFile, limits: Limits) -> None:
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > _RATIO_FLOOR_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_compression_ratio:
                raise ContainerError(
                    f"{path}: part '{info.filename}' expands {ratio:.0f} times (limit "
                    f"{limits.max_compression_ratio}); refusing a possible decompression bomb"
                )
    if total > limits.max_uncompressed_mb * (1 << 20):
        raise ContainerError(
            f"{path}: unpacks to {total >> 20} MB (limit {limits.max_uncompressed_mb} MB); "
            "refusing a possible decompression bomb"
        )


def _check_parts(path: Path, archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse an XML part with a DTD in its prolog, or one that unpacks to more than it says.

    The declared sizes are the file's own word and the workbook reader trusts them, so the
    bytes are counted as they are inflated. Worksheets are counted by the oddity scan
    (:mod:`ropa.read.xlsx_scan`), which reads each one before the reader does.
    """
    for info in archive.infolist():
        if not info.filename.endswith((".xml", ".rels", ".vml")) or info.is_dir():
            continue
        if info.filename.startswith("xl/worksheets/"):
            with archive.open(info) as handle:
                _check_prolog(path, info.filename, handle.read(_PROLOG_BYTES))
            continue
        with open_counted(archive, info, limits) as part:
            _check_prolog(path, info.filename, part.read(_PROLOG_BYTES))
            while part.read(1 << 20):
                pass
        if part.inflated > info.file_size:
            raise ContainerError(overrun(path, info))


def _check_prolog(path: Path, name: str, head: bytes) -> None:
    if _DTD.search(head):
        raise ContainerError(
            f"{path}: part '{name}' declares an XML DTD, which workbooks never "
            "need and which can hide entity attacks; refusing to read it"
        )


def overrun(path: Path | str, info: zipfile.ZipInfo) -> str:
    """The message for a part that unpacks to more than its declared size."""
    return (
        f"{path}: part '{info.filename}' unpacks to more than the {info.file_size} bytes it "
        "declares; refusing a possible decompression bomb"
    )


class _Counted:
    """A zip member read past its declared size (up to one byte more), counting the bytes."""

    def __init__(self, handle: IO[bytes], limit: int) -> None:
        self.handle = handle
        self.limit = limit
        self.inflated = 0

    def read(self, size: int = -1) -> bytes:
        want = self.limit + 1 - self.inflated
        if want <= 0:
            return b""
        chunk = self.handle.read(want if size < 0 else min(size, want))
        self.inflated += len(chunk)
        return chunk

    def __enter__(self) -> _Counted:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()


def open_counted(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> _Counted:
    """Open a member so that reading it stops one byte past its declared size (or the cap);
    ``inflated`` above ``file_size`` afterwards means the size lied."""
    probe = zipfile.ZipInfo(info.filename, info.date_time)
    # No CRC on the probe: it is read short of its end on purpose (the reader checks the CRC).
    for name in ("compress_type", "compress_size", "header_offset", "flag_bits"):
        setattr(probe, name, getattr(info, name))
    probe.orig_filename = info.orig_filename
    limit = min(info.file_size, limits.max_uncompressed_mb * (1 << 20))
    probe.file_size = limit + 1  # zipfile stops at the declared size; look one byte past it
    return _Counted(archive.open(probe), limit)


#: The OLE header's sector shifts (offset 30): 9 or 12 for sectors, 6 for mini sectors.
_OLE_SHIFTS = struct.Struct("<HH")


def _ole_kind(path: Path) -> str:
    import olefile

    with path.open("rb") as handle:
        header = handle.read(512)
    if len(header) < 512:
        raise ContainerError(f"{path}: the file is damaged (truncated Office compound file)")
    sector_shift, mini_shift = _OLE_SHIFTS.unpack_from(header, 30)
    if sector_shift not in (9, 12) or mini_shift != 6:
        # olefile would format 2**shift eagerly: a huge shift ends in a ValueError.
        raise ContainerError(f"{path}: the file is damaged (invalid Office compound header)")
    try:
        with olefile.OleFileIO(str(path)) as ole:
            if ole.exists("EncryptedPackage") or ole.exists("EncryptionInfo"):
                raise ContainerError(
                    f"{path}: is protected with a password (encrypted); remove the password in "
                    "Excel (File > Info > Protect Workbook) and save it again"
                )
            if ole.exists("Workbook") or ole.exists("Book"):
                return "xls"
            if ole.exists("WordDocument"):
                raise ContainerError(f"{path}: is a legacy Word document, not a workbook")
    except ContainerError:
        raise
    except Exception as exc:  # olefile raises OSError, ValueError, IndexError, struct.error...
        raise ContainerError(f"{path}: the file is damaged ({damage(exc)})") from exc
    raise ContainerError(f"{path}: is an Office compound file without a workbook in it")


def _describe_other(path: Path) -> str:
    with path.open("rb") as handle:
        sample = handle.read(4096)
    if b"\x00" in sample:  # NUL bytes: binary, whatever it decodes as
        return "is not a workbook (.xlsx, .xlsm, .xls or .ods)"
    try:
        text = sample.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:  # Nordic Excel writes CSV in cp1252
            text = sample.decode("cp1252")
        except UnicodeDecodeError:
            return "is not a workbook (.xlsx, .xlsm, .xls or .ods)"
    first = text.splitlines()[0] if text.strip() else ""
    if first.count(";") + first.count(",") + first.count("\t") >= 2:
        return (
            "is a CSV text file, not a workbook; read it into a ropa workbook with "
            f"'ropa import {path} --output record.xlsx', then check that"
        )
    if text.lstrip().lower().startswith(("<!doctype html", "<html")):
        return "is a web page, not a workbook"
    return "is a text file, not a workbook (.xlsx, .xlsm, .xls or .ods)"
