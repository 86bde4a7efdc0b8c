"""The record and its findings as pandas DataFrames, for analysis in Python or a notebook.

Everything here is built on the canonical, consolidated record that the reports use
(``ropa.read.group``): one DataFrame per sheet, with one column per schema field (in schema
order), vocabulary codes rather than the labels typed, real dates, lists for multi-valued
fields, and the source file and row of every row. ``ropa.api.export.record_frames`` reads
the workbooks and gives every sheet:

    >>> from ropa.api.export import record_frames
    >>> frames = record_frames(["se.xlsx", "no.xlsx"])
    >>> frames["purposes"]["lawful_basis"].value_counts()

pandas is imported only inside these functions, so ``ropa check`` never pays for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ropa.model.findings import Finding
from ropa.model.resources import load_schema
from ropa.model.schema import record_schema
from ropa.read.group import GroupRecord
from ropa.read.record import SOURCE_KEY

if TYPE_CHECKING:
    import pandas as pd


def _pandas() -> Any:
    """pandas, which is an extra (``pip install "ropa-gdpr[frames]"``): 150 MB with numpy."""
    try:
        import pandas
    except ModuleNotFoundError as exc:
        raise ModuleNotFoundError(
            'DataFrames need pandas: pip install "ropa-gdpr[frames]"'
        ) from exc
    return pandas


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
    pd = _pandas()

    spec = record_schema().sheet(sheet_key)
    fields = [field.key for field in spec.fields]
    frame = pd.DataFrame([_row(fields, data) for data in rows], columns=[*fields, *SOURCE_COLUMNS])
    for field in spec.fields:
        if field.kind == "date":
            # Text a DPO typed that is not a date stays visible as NaT, not as an error.
            frame[field.key] = pd.to_datetime(frame[field.key], errors="coerce", format="ISO8601")
    return frame


def group_frames(group: GroupRecord) -> dict[str, pd.DataFrame]:
    """Every sheet of the consolidated record, keyed by sheet key."""
    return {
        sheet.key: sheet_frame(sheet.key, group.record.get(sheet.key, []))
        for sheet in record_schema().sheets
    }


def finding_columns() -> list[str]:
    """The scalar fields of a finding in ``ropa check --format json``, in schema order (the
    ``related`` list is left out: it is not one value per finding)."""
    properties = load_schema("findings")["$defs"]["finding"]["properties"]
    return [key for key, spec in properties.items() if spec.get("type") != "array"]


def findings_frame(findings: Iterable[Finding]) -> pd.DataFrame:
    """Findings as a DataFrame with the columns of ``ropa check --format json``."""
    pd = _pandas()

    return pd.DataFrame([finding.to_dict() for finding in findings], columns=finding_columns())
