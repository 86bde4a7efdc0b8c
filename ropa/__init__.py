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

The re-exports load when first used (PEP 562), so ``import ropa`` and ``ropa --version`` do
not load the library: :data:`_LAZY` names where each one lives, and the imports under
``TYPE_CHECKING`` are the same names for type checkers (a test holds the two together).
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from ropa.model.version import __version__

if TYPE_CHECKING:
    from ropa.api import USER_ERRORS, check, diff, export, import_record, scan_notices
    from ropa.check.report import Report
    from ropa.model.findings import Finding, Location, Severity

#: Each re-exported name and the module it comes from.
_LAZY = {
    "USER_ERRORS": "ropa.api",
    "check": "ropa.api",
    "diff": "ropa.api",
    "export": "ropa.api",
    "import_record": "ropa.api",
    "scan_notices": "ropa.api",
    "Report": "ropa.check.report",
    "Finding": "ropa.model.findings",
    "Location": "ropa.model.findings",
    "Severity": "ropa.model.findings",
}

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


def __getattr__(name: str) -> Any:
    """Load a re-exported name from its module the first time it is asked for."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ropa' has no attribute '{name}'")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


class _Package(types.ModuleType):
    """``ropa.check`` is the function, even once the ``ropa.check`` package is imported.

    Importing a subpackage binds it on its parent; this package keeps that binding for
    ``check`` out of its namespace, so ``ropa.check(...)`` and ``from ropa import check``
    give the API function whichever is imported first. The package itself is
    ``sys.modules["ropa.check"]``; import its modules with ``from ropa.check.… import …``.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _LAZY and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
