"""The report's own words (titles, headers, article names) in en, sv, nb, da and fi.

They live in ``ropa/data/report/labels*.json``; every file that matches is merged, so the
HTML and PDF reports can add ``labels_visual.json`` without touching ``labels.json``. Each
file holds ``{"source": ..., "date": ..., "labels": {key: {lang: text}}}``. Column titles of
record fields are not here: they come from the schema (``ropa.model.schema``).
"""

from __future__ import annotations

import json
from functools import cache

from ropa.model.languages import RECORD_LANGUAGES
from ropa.model.resources import data_dir


@cache
def all_labels() -> dict[str, dict[str, str]]:
    """Every label key -> {lang: text}, merged from all ``labels*.json`` files (sorted by name)."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted((data_dir() / "report").glob("labels*.json")):
        with path.open(encoding="utf-8") as handle:
            data = json.load(handle)
        for key, texts in data["labels"].items():
            merged.setdefault(key, {}).update(texts)
    return merged


def label(key: str, lang: str) -> str:
    """The report word ``key`` in ``lang`` (English when missing); KeyError for an unknown key."""
    texts = all_labels()[key]
    return texts.get(lang) or texts["en"]


def conflict_label(kind: str, lang: str) -> str:
    """A conflict kind in words (``duplicate-activity-id`` -> "Same activity id in ...")."""
    texts = all_labels().get(f"conflict_{kind}")
    return (texts.get(lang) or texts["en"]) if texts else kind


def page_of(page: str, pages: str, lang: str) -> str:
    """``Page 1 of 3`` in ``lang``; pass Excel's ``&P``/``&N`` codes for a footer."""
    return label("page_of", lang).format(page=page, pages=pages)


__all__ = ["RECORD_LANGUAGES", "all_labels", "conflict_label", "label", "page_of"]
