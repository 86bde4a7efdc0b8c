"""RP1xx to RP9xx: the rules of the record (Art. 30), one module per topic."""

from ropa.check.rule import collect
from ropa.check.rules.record import (
    consent,
    dpia,
    dpia_required,
    housekeeping,
    lawful_basis,
    layout,
    organisation,
    processors,
    quality,
    retention,
    roles,
    sheet_oddities,
    special,
    structure,
    transfer_basis,
    transfer_parties,
    transfers,
    values,
)

RULES = collect(
    layout,
    structure,
    sheet_oddities,
    values,
    lawful_basis,
    consent,
    special,
    transfers,
    transfer_basis,
    transfer_parties,
    processors,
    retention,
    dpia,
    dpia_required,
    housekeeping,
    organisation,
    roles,
    quality,
)
