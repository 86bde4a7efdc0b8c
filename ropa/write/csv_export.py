"""``ropa export --format csv``: one CSV file per table in the output folder.

UTF-8 with a byte-order mark, so Excel on Windows shows å, ä, ø and æ correctly; lists
joined with ``"; "``; every cell neutralised against formula injection. The delimiter
follows the report language: Swedish, Norwegian, Danish and Finnish Excel use the comma as
decimal separator and expect ``;`` between fields, so a double-clicked file opens in
columns there; English reports use ``,``. The files are named in the report language
(``personuppgiftsbiträden.csv``, ``databehandlere.csv``; English keeps ``processors.csv``),
from ``ropa/data/report/labels_csv.json``.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

from ropa.read.group import GroupRecord
from ropa.write.cells import Cell
from ropa.write.labels import all_labels
from ropa.write.layout import Table
from ropa.write.safety import ExportError, atomic_folder, atomic_write_text, neutralise
from ropa.write.tables import report_tables

SEPARATOR = "; "


def cell_text(cell: Cell) -> str:
    """A cell as CSV text: lists joined with ``"; "``, formulas neutralised."""
    text = SEPARATOR.join(cell) if isinstance(cell, list) else cell
    return str(neutralise(text))


#: Report languages whose Excel expects a semicolon between fields.
SEMICOLON_LANGUAGES = frozenset({"sv", "nb", "da", "fi"})


def delimiter_for(lang: str) -> str:
    """The field delimiter Excel expects in the locale of the report language."""
    return ";" if lang in SEMICOLON_LANGUAGES else ","


def table_csv(table: Table, delimiter: str = ",") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([cell_text(h) for h in table.headers])
    writer.writerows([cell_text(c) for c in row] for row in table.rows)
    return buffer.getvalue()


def file_name(key: str, lang: str) -> str:
    """The CSV file of table ``key`` in the report language (NFC), e.g. ``ändamål.csv``."""
    names = all_labels().get(f"csv_{key}", {})
    return unicodedata.normalize("NFC", names.get(lang) or names.get("en") or key) + ".csv"


def _nfc(name: str) -> str:
    return unicodedata.normalize("NFC", name)


def _export_names() -> set[str]:
    """Every name an export writes, in any language (an earlier export's files, which a new
    export replaces: in another language, or without findings this time)."""
    return {
        _nfc(text) + ".csv"
        for key, texts in all_labels().items()
        if key.startswith("csv_")
        for text in texts.values()
    }


def write(group: GroupRecord, output: Path) -> list[Path]:
    """One CSV per table in the folder ``output``, put in place only when all are written.

    The new folder replaces the old one whole, so a folder that holds anything but an earlier
    export's CSV files is refused rather than emptied.
    """
    tables = report_tables(group)
    names = [file_name(table.key, group.lang) for table in tables]
    if output.is_dir():
        # macOS may hand back "ändamål.csv" decomposed (NFD): compare the names in NFC.
        ours = {_nfc(name) for name in names} | _export_names()
        others = sorted(entry.name for entry in output.iterdir() if _nfc(entry.name) not in ours)
        if others:
            raise ExportError(
                f"{output} holds other files ({', '.join(others[:3])}); "
                "choose an empty or new folder for the CSV export"
            )
    with atomic_folder(output) as folder:
        for table, name in zip(tables, names, strict=True):
            text = table_csv(table, delimiter_for(group.lang))
            atomic_write_text(folder / name, text, bom=True)
    return [output / name for name in names]
