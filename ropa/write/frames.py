"""The record and its findings as pandas DataFrames, for analysis in Python or a notebook.

Everything here is built on the canonical, consolidated record that the reports use
(:func:`ropa.write.model.build_group_record`): one DataFrame per sheet, with one column
per schema field (in schema order), vocabulary codes rather than the labels typed,
real dates, lists for multi-valued fields, and the source file and row of every row.

    >>> from ropa.write.frames import record_frames
    >>> frames = record_frames(["se.xlsx", "no.xlsx"])
    >>> frames["purposes"]["lawful_basis"].value_counts()

pandas is imported only here, so ``ropa check`` never pays for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ropa.model.schema import record_schema
from ropa.read.record import SOURCE_KEY

if TYPE_CHECKING:
    import pandas as pd

    from ropa.model.findings import Finding

#: Provenance columns added after the schema's fields.
SOURCE_COLUMNS = ("source_file", "source_sheet", "source_row")


def _row(fields: Sequence[str], data: dict[str, Any]) -> dict[str, Any]:
    row = {key: data.get(key) for key in fields}
    source = data.get(SOURCE_KEY) or {}
    row.update(
        source_file=source.get("file"),
        source_sheet=source.get("sheet"),
        source_row=source.get("row"),
    )
    return row


def sheet_frame(sheet_key: str, rows: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """One sheet's canonical rows as a DataFrame, date fields as datetimes."""
    import pandas as pd

    spec = record_schema().sheet(sheet_key)
    fields = [field.key for field in spec.fields]
    frame = pd.DataFrame([_row(fields, data) for data in rows], columns=[*fields, *SOURCE_COLUMNS])
    for field in spec.fields:
        if field.kind == "date":
            # Text a DPO typed that is not a date stays visible as NaT, not as an error.
            frame[field.key] = pd.to_datetime(frame[field.key], errors="coerce", format="ISO8601")
    return frame


def record_frames(
    paths: Sequence[str | Path], *, entity: str | None = None
) -> dict[str, pd.DataFrame]:
    """Every sheet of the (consolidated) record, keyed by sheet key.

    Several workbooks are consolidated as for ``ropa export``: a processor recorded in
    several of them is one row. ``entity`` keeps one legal entity and its activities.
    Raises ``ropa.read.workbook.WorkbookError`` for a workbook that cannot be read.
    """
    from ropa.write.model import build_group_record

    group = build_group_record(paths, entity=entity)
    return {
        sheet.key: sheet_frame(sheet.key, group.record.get(sheet.key, []))
        for sheet in record_schema().sheets
    }


def findings_frame(findings: Iterable[Finding]) -> pd.DataFrame:
    """Findings as a DataFrame with the columns of ``ropa check --format json``."""
    import pandas as pd

    columns = [
        "rule",
        "severity",
        "message",
        "reference",
        "file",
        "sheet",
        "row",
        "column",
        "cell",
        "hint",
    ]
    return pd.DataFrame([finding.to_dict() for finding in findings], columns=columns)
