"""``ropa export --format csv``: one CSV file per table in the output folder.

UTF-8 with a byte-order mark, so Excel on Windows shows å, ä, ø and æ correctly; lists
joined with ``"; "``; every cell neutralised against formula injection. The delimiter
follows the report language: Swedish, Norwegian, Danish and Finnish Excel use the comma as
decimal separator and expect ``;`` between fields, so a double-clicked file opens in
columns there; English reports use ``,``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ropa.read.group import GroupRecord
from ropa.write.cells import Cell
from ropa.write.layout import Table
from ropa.write.safety import atomic_write_text, neutralise
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


def write(group: GroupRecord, output: Path) -> list[Path]:
    output.mkdir(parents=True, exist_ok=True)
    return [
        atomic_write_text(
            output / f"{table.key}.csv", table_csv(table, delimiter_for(group.lang)), bom=True
        )
        for table in report_tables(group)
    ]
