"""What several XC rules share."""

from __future__ import annotations

from ropa.check.rules.record.common import label
from ropa.read.workbook import Row


def _id(row: Row) -> str:
    """How an activity is named in a message: its id, or its row."""
    return label(row, "activity_id")
