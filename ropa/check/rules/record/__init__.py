"""RP1xx to RP9xx: the rules of the record (Art. 30), one module per topic."""

from ropa.check.rule import collect
from ropa.check.rules.record import (
    consent,
    dpia,
    housekeeping,
    lawful_basis,
    organisation,
    processors,
    quality,
    retention,
    roles,
    sheet_oddities,
    special,
    structure,
    transfer_basis,
    transfers,
    values,
)

RULES = collect(
    structure,
    sheet_oddities,
    values,
    lawful_basis,
    consent,
    special,
    transfers,
    transfer_basis,
    processors,
    retention,
    dpia,
    housekeeping,
    organisation,
    roles,
    quality,
)
