"""Locate the files the package carries: the schemas, the report templates and the data files.

In a wheel, ``schemas/`` and ``reports/`` are bundled under ``ropa/_bundled``; in a source
checkout (an editable install, or tests run from the repository) they sit beside ``ropa/``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent.parent


def _bundled_or_source(name: str) -> Path:
    bundled = _PACKAGE / "_bundled" / name
    if bundled.is_dir():
        return bundled
    source = _PACKAGE.parent / name
    if source.is_dir():
        return source
    raise FileNotFoundError(f"ropa is installed without its {name}/ folder; reinstall the package")


def schemas_dir() -> Path:
    """The folder that holds the JSON Schemas."""
    return _bundled_or_source("schemas")


def reports_dir() -> Path:
    """The folder that holds the report templates."""
    return _bundled_or_source("reports")


def data_dir() -> Path:
    """The folder of vocabularies, legal facts and lexicons (always inside the package)."""
    return _PACKAGE / "data"


@cache
def load_schema(name: str) -> dict[str, Any]:
    """Load ``schemas/<name>.schema.json``."""
    path = schemas_dir() / f"{name}.schema.json"
    with path.open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


@cache
def load_data(relative: str) -> Any:
    """Load a JSON data file from ``ropa/data``, e.g. ``vocab/lawful_basis.json``."""
    with (data_dir() / relative).open(encoding="utf-8") as handle:
        return json.load(handle)
