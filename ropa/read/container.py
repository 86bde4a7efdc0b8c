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
import zipfile
from dataclasses import dataclass
from pathlib import Path

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
            _check_dtd(path, archive)
            return kind
    except zipfile.BadZipFile as exc:
        raise ContainerError(
            f"{path}: the file is damaged or truncated (not a complete zip: {exc})"
        ) from exc


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


def _check_dtd(path: Path, archive: zipfile.ZipFile) -> None:
    for info in archive.infolist():
        if not info.filename.endswith((".xml", ".rels", ".vml")):
            continue
        with archive.open(info) as part:
            if _DTD.search(part.read(_PROLOG_BYTES)):
                raise ContainerError(
                    f"{path}: part '{info.filename}' declares an XML DTD, which workbooks never "
                    "need and which can hide entity attacks; refusing to read it"
                )


def _ole_kind(path: Path) -> str:
    import olefile

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
    except OSError as exc:
        raise ContainerError(f"{path}: the file is damaged ({exc})") from exc
    raise ContainerError(f"{path}: is an Office compound file without a workbook in it")


def _describe_other(path: Path) -> str:
    with path.open("rb") as handle:
        sample = handle.read(4096)
    if b"\x00" in sample:  # NUL bytes: binary, whatever it decodes as
        return "is not a workbook (.xlsx, .xlsm, .xls or .ods)"
    try:
        text = sample.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "is not a workbook (.xlsx, .xlsm, .xls or .ods)"
    first = text.splitlines()[0] if text.strip() else ""
    if first.count(";") + first.count(",") + first.count("\t") >= 2:
        return "is a CSV text file, not a workbook; open it in Excel and save it as .xlsx"
    if text.lstrip().lower().startswith(("<!doctype html", "<html")):
        return "is a web page, not a workbook"
    return "is a text file, not a workbook (.xlsx, .xlsm, .xls or .ods)"
