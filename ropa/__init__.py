"""ropa: GDPR Art. 30 records of processing activities, kept in Excel, checked like code.

The package is a library first; the ``ropa`` command is a thin layer over it.
Heavy libraries (openpyxl, pandas, jsonschema) are imported where they are used,
so that ``import ropa`` and ``ropa --version`` stay fast.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
