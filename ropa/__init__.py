"""ropa: GDPR Art. 30 records of processing activities, kept in Excel, checked like code.

The package is a library first; the ``ropa`` command is a thin layer over :mod:`ropa.api`,
whose functions are re-exported here (docs/api.md)::

    import ropa

    report = ropa.check(["record.xlsx"])
    ropa.export(["record.xlsx"], "pdf", "record.pdf", lang="sv")

The code is laid out as the data flows: ``ropa.model`` (findings, schema, vocabularies,
legal facts) ← ``ropa.read`` (workbooks, notices) ← ``ropa.check`` (rules, engine, report)
← ``ropa.write`` (every output) ← ``ropa.api`` and ``ropa.cli``. Heavy libraries (openpyxl,
pandas, fpdf2, lingua, ...) are imported where they are used.
"""

# Binding ``check`` here shadows the ``ropa.check`` package as an attribute of ``ropa``;
# import its modules with ``from ropa.check.… import …``, which is unaffected.
from ropa.api import USER_ERRORS, check, diff, export, import_record, scan_notices
from ropa.check.report import Report
from ropa.model.findings import Finding, Location, Severity
from ropa.model.version import __version__

__all__ = [
    "USER_ERRORS",
    "Finding",
    "Location",
    "Report",
    "Severity",
    "__version__",
    "check",
    "diff",
    "export",
    "import_record",
    "scan_notices",
]
