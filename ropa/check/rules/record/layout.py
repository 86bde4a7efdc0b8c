"""RP118: a workbook that is a record in another layout, or no record at all."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.views.record import RecordView
from ropa.model.findings import Location, Problem, Severity
from ropa.model.messages import Joined, Message, joined, msg


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
    sheets: Joined | Message = (
        joined(msg("phrase.quoted", text=name) for name in foreign.sheets)
        if foreign.sheets
        else msg("RP118.no_sheets")
    )
    if foreign.layout:
        said = msg(
            "RP118.foreign_layout",
            sheets=sheets,
            title=foreign.title or "",
            reason=foreign.reason or msg("RP118.reason.none"),
        )
    elif foreign.headings:
        seen = joined(
            (msg("phrase.quoted", text=text) for _, _, text in foreign.headings),
            "list.semicolon",
        )
        said = msg("RP118.unknown_layout", sheets=sheets, sheet=foreign.headings[0][0], seen=seen)
    else:
        said = msg("RP118.no_text", sheets=sheets)
    hint = (
        msg("RP118.import_hint", file=file)
        if foreign.layout or foreign.headings
        else msg("RP118.init_hint")
    )
    yield Problem(Location(file), said, hint=hint)
