"""Reports of the record for supervisory authorities: the writers of ``ropa export``.

Each format is a module with ``write(group: GroupRecord, output: Path) -> list[Path]``, found
in :data:`WRITERS` by its name; a new format plugs in with its module and a line here. The
page reports (:data:`PAGE_FORMATS`: pdf, html, docx) also take ``audience`` ("authority" or
"internal") and ``progress`` (told ``(done, total)`` as they go) as keywords. The
writers import their heavy third-party library (XlsxWriter, fpdf2, Jinja2) inside
``write()``, so importing ``ropa.write`` stays cheap. ``ropa.api.export`` opens the files,
builds the group record and calls the writer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ropa.write import csv_export, docx, html, json_export, markdown, pdf, xlsx
from ropa.write.safety import ExportError

Writer = Callable[..., list[Path]]

#: Format -> the function that writes it.
WRITERS: dict[str, Writer] = {
    "xlsx": xlsx.write,
    "pdf": pdf.write,
    "html": html.write,
    "json": json_export.write,
    "csv": csv_export.write,
    "md": markdown.write,
    "docx": docx.write,
}

#: Format -> the third-party libraries its writer imports when it writes.
REQUIRES: dict[str, tuple[str, ...]] = {
    "xlsx": ("openpyxl", "xlsxwriter"),
    "pdf": ("fpdf",),
    "html": ("jinja2", "markupsafe"),
    "docx": ("docx",),
}

#: Formats that are documents to read, with an audience and a progress report.
PAGE_FORMATS = frozenset({"pdf", "html", "docx"})
#: Who a page report is for when nobody says: the PDF and the DOCX go to the authority;
#: the HTML keeps what it always showed (sources, version).
DEFAULT_AUDIENCE = {"pdf": "authority", "docx": "authority", "html": "internal"}

#: Formats whose output is a folder of files rather than one file.
FOLDER_FORMATS = frozenset({"csv"})

__all__ = [
    "DEFAULT_AUDIENCE",
    "FOLDER_FORMATS",
    "PAGE_FORMATS",
    "REQUIRES",
    "WRITERS",
    "ExportError",
    "Writer",
]
