"""Which files are notices, and reading one within the size cap.

:data:`SUFFIXES` maps a file name ending to a format; :func:`policy_files` expands folders into
the notices in them; :func:`read_bytes` reads a file that is no larger than the cap
(:data:`DEFAULT_MAX_BYTES` unless raised with ``--max-size``). Every reader of
:mod:`ropa.read.notice.reading` raises :class:`PolicyReadError`, with one line that names
the file.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

#: Default size cap for one notice file, in bytes.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

#: File name ending -> format.
SUFFIXES = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}


#: Files of a folder of notices that are about the folder, not notices (``README.md``): left
#: out when a folder is read; a file given by name is always read.
NOT_NOTICES = frozenset(
    {"readme", "changelog", "changes", "license", "licence", "contributing", "authors", "todo"}
)


class PolicyReadError(Exception):
    """A notice could not be read; the message is one line and names the file."""


def _describe_suffixes() -> str:
    return ", ".join(sorted({s for s in SUFFIXES if s not in (".text", ".markdown", ".xhtml")}))


def policy_format(path: str | Path) -> str:
    """The format of a file by its name; PolicyReadError for an unsupported one."""
    suffix = Path(path).suffix.lower()
    try:
        return SUFFIXES[suffix]
    except KeyError:
        what = f"'{suffix}' files" if suffix else "files without an extension"
        raise PolicyReadError(
            f"{path}: cannot read {what}; give a {_describe_suffixes()} file"
        ) from None


def policy_files(paths: Iterable[str | Path]) -> list[Path]:
    """The notice files named: files as given, folders as their supported files, sorted.

    A folder is read one level deep; hidden files, Office lock files (``~$...``) and files
    about the folder (``README.md``, ``CHANGELOG.md``, :data:`NOT_NOTICES`) are skipped. A
    folder without a single notice in it is an error, so is a missing path.
    """
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            inside = sorted(
                child
                for child in path.iterdir()
                if child.is_file()
                and child.suffix.lower() in SUFFIXES
                and not child.name.startswith((".", "~$"))
                and child.stem.casefold() not in NOT_NOTICES
            )
            if not inside:
                raise PolicyReadError(
                    f"{path}: the folder holds no notices ({_describe_suffixes()} files)"
                )
            found.extend(inside)
        elif path.exists():
            policy_format(path)
            found.append(path)
        else:
            raise PolicyReadError(f"{path}: no such file or folder")
    return found


def read_bytes(path: Path, shown: str, max_bytes: int) -> bytes:
    """The bytes of a file; PolicyReadError if it is larger than ``max_bytes`` or unreadable."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise PolicyReadError(
                f"{shown}: the file is {_mb(size)}, larger than the limit of {_mb(max_bytes)}; "
                "raise the limit (--max-size) if it really is a privacy notice"
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise PolicyReadError(f"{shown}: cannot read the file: {exc.strerror or exc}") from None
    if len(data) > max_bytes:  # grew while we looked
        raise PolicyReadError(f"{shown}: the file is larger than the limit of {_mb(max_bytes)}")
    return data


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def short_reason(exc: BaseException) -> str:
    """An exception as a short phrase for a one-line message (at most 120 characters)."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."
