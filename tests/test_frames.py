"""The record and findings as pandas DataFrames."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ropa.api.check import check_paths
from ropa.api.export import record_frames
from ropa.model.schema import record_schema
from ropa.write.frames import SOURCE_COLUMNS, findings_frame
from tests.support import base_rows, write_record

ROOT = Path(__file__).resolve().parents[1]


def test_every_sheet_is_a_frame_with_schema_columns_and_sources() -> None:
    frames = record_frames([ROOT / "workbooks" / "example-sv.xlsx"])
    assert set(frames) == {sheet.key for sheet in record_schema().sheets}
    activities = frames["activities"]
    fields = [field.key for field in record_schema().sheet("activities").fields]
    assert list(activities.columns) == [*fields, *SOURCE_COLUMNS]
    assert len(activities) == 30
    assert activities["source_row"].min() == 2
    assert pd.api.types.is_datetime64_any_dtype(activities["last_reviewed"])


def test_values_are_canonical_codes_whatever_the_workbook_language() -> None:
    swedish = record_frames([ROOT / "workbooks" / "example-sv.xlsx"])["purposes"]
    english = record_frames([ROOT / "workbooks" / "example-en.xlsx"])["purposes"]
    assert set(swedish["lawful_basis"]) <= set("abcdef")
    assert (
        swedish["lawful_basis"].value_counts().to_dict()
        == english["lawful_basis"].value_counts().to_dict()
    )


def test_consolidation_and_entity_filter(tmp_path: Path) -> None:
    first = write_record(tmp_path / "a.xlsx", base_rows())
    rows = base_rows()
    rows["organisation"][0].update(entity_id="NO01", country="NO", legal_name="Eksempel AS")
    for activity in rows["activities"]:
        activity["entity_ids"] = "NO01"
        activity["activity_id"] += "-NO"
    for sheet in ("purposes", "retention", "transfers"):
        for row in rows[sheet]:
            row["activity_id"] += "-NO"
    second = write_record(tmp_path / "b.xlsx", rows)
    frames = record_frames([first, second])
    assert len(frames["organisation"]) == 2 and len(frames["activities"]) == 4
    assert len(frames["processors"]) == 2  # the same two processors, recorded twice, once each
    only_no = record_frames([first, second], entity="NO01")
    assert set(only_no["activities"]["activity_id"]) == {"HR-01-NO", "MKT-01-NO"}


def test_findings_frame_has_the_json_columns() -> None:
    report = check_paths([ROOT / "workbooks" / "flawed-en.xlsx"])
    frame = findings_frame(report.findings)
    assert len(frame) == len(report.findings) > 0
    assert frame.loc[frame["rule"] == "RP201", "cell"].notna().all()
    assert set(frame["severity"]) <= {"error", "warning", "info"}
