"""``ropa diff --output FILE``: the comparison of two versions written as text, JSON or xlsx."""

from __future__ import annotations

from pathlib import Path

from ropa.check.diff import RecordDiff
from ropa.write import diff_xlsx
from ropa.write.console import diff_text
from ropa.write.json_out import diff_json
from ropa.write.safety import ExportError, atomic_write_text

DIFF_FORMATS = ("text", "json", "xlsx")


def write_diff(diff: RecordDiff, fmt: str, output: Path) -> Path:
    """Write ``diff`` to ``output`` in ``fmt``; returns the file written."""
    if fmt == "xlsx":
        diff_xlsx.write(diff, output)
    elif fmt == "json":
        atomic_write_text(output, diff_json(diff) + "\n")
    elif fmt == "text":
        atomic_write_text(output, diff_text(diff))
    else:
        raise ExportError(f"unknown diff format '{fmt}': use one of {', '.join(DIFF_FORMATS)}")
    return output
