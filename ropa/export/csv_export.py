"""``ropa export --format csv``: one CSV file per table in the output folder.

UTF-8 with a byte-order mark, so Excel on Windows shows å, ä, ø and æ correctly; lists
joined with ``"; "``; every cell neutralised against formula injection.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ropa.export.model import GroupRecord
from ropa.export.safety import atomic_write_text, neutralise
from ropa.export.tables import Cell, Table, report_tables

SEPARATOR = "; "


def cell_text(cell: Cell) -> str:
    """A cell as CSV text: lists joined with ``"; "``, formulas neutralised."""
    text = SEPARATOR.join(cell) if isinstance(cell, list) else cell
    return str(neutralise(text))


def table_csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([cell_text(h) for h in table.headers])
    writer.writerows([cell_text(c) for c in row] for row in table.rows)
    return buffer.getvalue()


def write(group: GroupRecord, output: Path) -> list[Path]:
    output.mkdir(parents=True, exist_ok=True)
    return [
        atomic_write_text(output / f"{table.key}.csv", table_csv(table), bom=True)
        for table in report_tables(group)
    ]
