"""XC1xx: a published privacy notice (Art. 13/14) against the record (Art. 30).

``ropa check WORKBOOK --policy NOTICE`` (and any notice the Organisation sheet names as a file
beside the workbook) reads the notice, maps both sides onto shared vocabularies (purposes,
data categories, data subjects) and runs these rules. XC101 and XC102 look at the
Organisation sheet's links (:class:`~ropa.check.views.cross.LinkView`); the others at one
notice against the entities it speaks for (:class:`~ropa.check.views.cross.CrossView`).
Findings point at the workbook cell and name the notice line; the line is also given as a
related location. The notice side is matched leniently (a word anywhere in the notice counts),
so that a finding means the notice really is silent or really says otherwise.
"""

from ropa.check.rule import collect
from ropa.check.rules.cross import (
    basis,
    coverage,
    data,
    decisions,
    identity,
    links,
    pairs,
    purposes,
    recipients,
    retention,
    transfers,
)

RULES = collect(
    links,
    purposes,
    data,
    basis,
    recipients,
    transfers,
    retention,
    identity,
    decisions,
    coverage,
    pairs,
)
