"""``ropa import``: a record kept in another layout (ICO, CNIL, Nordic, CISO Assistant, a
one-sheet register, a processor list) read into ropa's record. See docs/import.md.

:mod:`.source` reads files as grids, :mod:`.layouts` the layout data files, :mod:`.detect`
scores sheets against layouts, :mod:`.mapping` maps columns (and the TOML mapping file),
:mod:`.block` reads the organisation block, :mod:`.split` and :mod:`.parts` split rows over
the record's sheets with :mod:`.values` interpreting them; :mod:`.run` puts it together.
"""

from ropa.read.importer.layouts import Layout, layouts, targets
from ropa.read.importer.mapping import load_mapping, to_toml
from ropa.read.importer.run import ImportResult, SheetReport, SourceReport, import_sources

__all__ = [
    "ImportResult",
    "Layout",
    "SheetReport",
    "SourceReport",
    "import_sources",
    "layouts",
    "load_mapping",
    "targets",
    "to_toml",
]
