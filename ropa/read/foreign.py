"""A workbook that is not in ropa's layout: what it holds, and which known layout it fits.

A DPO's first ``ropa check`` is often of the record they already keep (the ICO template, a
municipality's förteckning, a CISO Assistant export). Rather than a list of missing sheets,
the check then says which sheets it found, which of them looks like a register in a layout
``ropa import`` reads, and what to run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ropa.model.languages import RECORD_LANGUAGES
from ropa.model.messages import Message, Named, named
from ropa.read.container import Limits
from ropa.read.importer.detect import detect, sheet_headings
from ropa.read.importer.source import read_source
from ropa.read.workbook import Workbook, WorkbookError

#: Headings shown when no known layout fits (from the sheet with the most text).
SHOWN_HEADINGS = 12


@dataclass(frozen=True)
class ForeignLayout:
    """What a workbook without ropa's sheets holds."""

    sheets: tuple[str, ...]
    layout: str | None = None  # the layout ``ropa import`` would use, by name
    title: Named | None = None  # and its description, in every language
    reason: Message | None = None  # which sheet and headings matched
    headings: tuple[tuple[str, int, str], ...] = ()  # (sheet, row, text) when nothing fits


def foreign_layout(
    path: Path, workbook: Workbook, limits: Limits | None = None
) -> ForeignLayout | None:
    """None for a workbook in ropa's layout (it has an Activities sheet); else what it holds."""
    if workbook.sheet("activities") is not None:
        return None
    try:
        source = read_source(path, limits)
    except WorkbookError:
        return None
    names = tuple(sheet.name for sheet in source.sheets)
    found = detect(source)
    if found is not None and found.layout.name == "ropa":
        return None  # ropa's own layout with its Activities sheet missing: that is RP101
    if found is not None:
        layout = found.layout
        title = named({lang: layout.title_in(lang) for lang in RECORD_LANGUAGES})
        return ForeignLayout(names, layout.name, title, found.reason_message())
    fullest = max(source.sheets, key=lambda sheet: len(sheet_headings(sheet)), default=None)
    if fullest is None:
        return ForeignLayout(names)
    seen = tuple((fullest.name, row, text) for row, text in sheet_headings(fullest))
    return ForeignLayout(names, headings=seen[:SHOWN_HEADINGS])
