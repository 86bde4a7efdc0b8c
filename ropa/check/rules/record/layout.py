"""RP118: a workbook that is a record in another layout, or no record at all."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.views.record import RecordView
from ropa.model.findings import Location, Problem, Severity


@rule("RP118", "not-a-ropa-workbook", Severity.ERROR, "Art. 30(1)")
def not_a_ropa_workbook(ctx: RecordView) -> Iterator[Problem]:
    """The workbook is not in ropa's layout: it has no Activities sheet.

    Most DPOs already keep a record, in the regulator's template or their own layout.
    Instead of listing the sheets ropa's layout has and this workbook lacks, the finding
    names the sheets it found and, when one of them is a register in a layout that
    ``ropa import`` reads (the ICO and CNIL templates, a Nordic förteckning, fortegnelse,
    behandlingsprotokoll or seloste, a CISO Assistant export, any one-sheet register), which.

    Fix: run ``ropa import FILE --output record.xlsx`` and check ``record.xlsx``; the import
    keeps every cell and shows what it mapped to what.
    """
    foreign = ctx.foreign
    if foreign is None:
        return
    file = ctx.workbook.display
    sheets = ", ".join(f"'{name}'" for name in foreign.sheets) or "no sheets"
    if foreign.layout:
        said = (
            f"This is not a ropa workbook (its sheets: {sheets}). It looks like a record in "
            f"another layout: {foreign.title} ({foreign.reason})."
        )
    elif foreign.headings:
        seen = "; ".join(f"'{text}'" for _, _, text in foreign.headings)
        said = (
            f"This is not a ropa workbook (its sheets: {sheets}), and no layout ropa knows "
            f"fits it. The first rows of '{foreign.headings[0][0]}' say: {seen}."
        )
    else:
        said = f"This is not a ropa workbook, and it holds no text (its sheets: {sheets})."
    hint = (
        f"Run: ropa import {file} --output record.xlsx  (then: ropa check record.xlsx)"
        if foreign.layout or foreign.headings
        else "Run ropa init record.xlsx for a template."
    )
    yield Problem(Location(file), said, hint=hint)
