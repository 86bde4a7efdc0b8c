"""What several XC rules share."""

from __future__ import annotations

from ropa.check.rules.record.common import row_label
from ropa.model.messages import Message, msg
from ropa.read.workbook import Row


def _who(row: Row) -> str | Message:
    """How an activity is named in a message of the catalogue: its id, or its row."""
    return row_label(row, "activity_id")


def purpose_name(key: str) -> Message:
    """A purpose the cross-check compares (``ropa/data/lexicon/purposes.json``), by name."""
    return msg(f"purpose.{key}")


def category_name(key: str) -> Message:
    """A data category (``ropa/data/lexicon/data_categories.json``), by name."""
    return msg(f"data_category.{key}")
