"""RP108, RP109, RP114 to RP116: what a workbook can hide from the person reading it
(hidden sheets, rows and columns, merged cells, duplicate headers, formulas without values).
"""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.views.record import RecordView
from ropa.model.findings import Location, Problem, Severity
from ropa.model.messages import msg


@rule("RP108", "hidden-sheet", Severity.WARNING, "Art. 30(4)")
def hidden_sheet(ctx: RecordView) -> Iterator[Problem]:
    """A sheet of the record is hidden.

    ropa reads hidden sheets, but a supervisory authority or a colleague opening the
    workbook may not see them, so the record they read is not the one you checked.

    Fix: unhide the sheet (right-click a sheet tab, Unhide).
    """
    for notice in ctx.workbook.notices:
        if notice.kind == "hidden-sheet":
            yield Problem(
                Location(ctx.workbook.display, notice.sheet),
                msg("RP108.hidden", sheet=notice.sheet or ""),
                hint=msg("RP108.hint"),
            )


@rule("RP109", "duplicate-header", Severity.WARNING, "Art. 30(1)")
def duplicate_header(ctx: RecordView) -> Iterator[Problem]:
    """Two columns of a sheet have the same header (in any language).

    Only the first is read; the second is ignored, which may hide data.

    Fix: merge the two columns, or rename the second one.
    """
    for notice in ctx.workbook.notices:
        if notice.kind == "duplicate-header":
            yield Problem(
                Location(ctx.workbook.display, notice.sheet, notice.row, notice.column),
                msg("RP109.duplicate", detail=notice.detail),
                hint=msg("RP109.hint"),
            )


def _notices(ctx: RecordView, kind: str) -> Iterator[Location]:
    for notice in ctx.workbook.notices:
        if notice.kind == kind:
            yield Location(ctx.workbook.display, notice.sheet, notice.row, notice.column)


@rule("RP114", "merged-cells", Severity.INFO, "Art. 30(4)")
def merged_cells(ctx: RecordView) -> Iterator[Problem]:
    """Cells in the data area of a record sheet are merged.

    ropa reads a merged range as if every cell in it held the value of its top-left
    cell, which is usually what was meant. But merged cells break sorting and filtering
    in Excel, and other tools read only the first cell.

    Fix: unmerge the cells (Home > Merge & Center > Unmerge) and fill in each row.
    """
    for notice in ctx.workbook.notices:
        if notice.kind == "merged-cells":
            yield Problem(
                Location(ctx.workbook.display, notice.sheet, notice.row, notice.column),
                msg("RP114.read_top_left", detail=notice.detail),
                hint=msg("RP114.hint"),
            )


@rule("RP115", "hidden-rows-or-columns", Severity.WARNING, "Art. 30(4)")
def hidden_rows_or_columns(ctx: RecordView) -> Iterator[Problem]:
    """Rows or columns of a record sheet are hidden.

    ropa reads hidden rows and columns, but whoever opens the workbook, the supervisory
    authority included, may not see them: the record they read is not the one checked.

    Fix: unhide them (select the surrounding rows or columns, right-click, Unhide).
    """
    for location in _notices(ctx, "hidden-row"):
        yield Problem(
            location,
            msg("RP115.row_hidden", row=location.row or 0, sheet=location.sheet or ""),
            hint=msg("RP115.row_hint"),
        )
    for location in _notices(ctx, "hidden-column"):
        yield Problem(
            location,
            msg("RP115.column_hidden", column=location.column or "", sheet=location.sheet or ""),
            hint=msg("RP115.column_hint"),
        )


@rule("RP116", "formula-without-value", Severity.WARNING, "Art. 30(1)")
def formula_without_value(ctx: RecordView) -> Iterator[Problem]:
    """A cell holds a formula whose result was never saved, so ropa reads it as empty.

    ropa reads the values Excel saved with the file and never evaluates formulas. Files
    written by scripts or some tools contain formulas without a saved result.

    Fix: open the workbook in Excel or LibreOffice and save it, or replace the formula
    with its value.
    """
    for location in _notices(ctx, "formula-without-value"):
        yield Problem(
            location,
            msg("RP116.no_result", cell=location.cell or ""),
            hint=msg("RP116.hint"),
        )
