"""The shipped example records (a fictional Nordic group, and a deliberately flawed one)."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from typing import Any

from ropa.model.languages import RECORD_LANGUAGES
from ropa.model.resources import data_dir, load_data
from ropa.model.schema import record_schema
from ropa.write.template import write_workbook


def example_names() -> list[str]:
    """The example data sets shipped in the package (en, sv, flawed_en, ...)."""
    return sorted(path.stem for path in (data_dir() / "examples").glob("*.json"))


def example_rows(name: str) -> dict[str, list[dict[str, Any]]]:
    """The rows of an example, with date fields as ``datetime.date``."""
    raw = load_data(f"examples/{name}.json")["rows"]
    schema = record_schema()
    rows: dict[str, list[dict[str, Any]]] = {}
    for sheet_key, sheet_rows in raw.items():
        dates = {f.key for f in schema.sheet(sheet_key).fields if f.kind == "date"}
        rows[sheet_key] = [_with_dates(row, dates) for row in sheet_rows]
    return rows


def _with_dates(row: dict[str, Any], dates: set[str]) -> dict[str, Any]:
    converted = dict(row)
    for key in dates & converted.keys():
        value = converted[key]
        if isinstance(value, str):
            # The flawed example keeps deliberately broken dates as text.
            with contextlib.suppress(ValueError):
                converted[key] = dt.date.fromisoformat(value)
    return converted


def example_for_language(lang: str) -> dict[str, list[dict[str, Any]]]:
    """The clean example for a template language, as ``ropa init --example`` writes it.

    The shipped data names its privacy notices by paths relative to ``workbooks/``
    (``policies/privacy-se.md``); a workbook written elsewhere has no notices beside it, so
    those paths are left out here.
    """
    rows = example_rows(lang if lang in RECORD_LANGUAGES else "en")
    for row in rows.get("organisation", []):
        policy = str(row.get("privacy_policy") or "")
        if policy and not policy.lower().startswith(("http://", "https://")):
            row.pop("privacy_policy")
    return rows


#: The workbooks shipped in workbooks/: file name -> (template language, example data set).
SHIPPED = {
    "example-en.xlsx": ("en", "en"),
    "example-sv.xlsx": ("sv", "sv"),
    "example-nb.xlsx": ("nb", "nb"),
    "example-da.xlsx": ("da", "da"),
    "example-fi.xlsx": ("fi", "fi"),
    "flawed-en.xlsx": ("en", "flawed_en"),
}


def build_workbooks(folder: Path) -> list[Path]:
    """Write the shipped example workbooks into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (lang, data) in SHIPPED.items():
        path = folder / name
        write_workbook(path, lang, example_rows(data))
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover
    import sys

    for written_path in build_workbooks(Path(sys.argv[1] if len(sys.argv) > 1 else "workbooks")):
        print(f"wrote {written_path}")
