"""One citation style per language in what a user reads (issue 12): the workbook's headers and
help texts (schemas/record.schema.json), the template's guidance and the report's labels cite
an article as the findings do ("artikel 37.7", "artikkel 37 nr. 7", "artikel 37, stk. 7",
"37 artiklan 7 kohta"), never abbreviated or in another language's style."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ropa.model.citations import cite
from ropa.model.languages import RECORD_LANGUAGES

ROOT = Path(__file__).resolve().parent.parent

#: The files whose texts are checked.
FILES = [
    ROOT / "schemas" / "record.schema.json",
    ROOT / "ropa" / "data" / "template" / "instructions.json",
    *sorted((ROOT / "ropa" / "data" / "report").glob("*.json")),
]

#: Article references written in a style that is not the language's.
ABBREVIATED = r"\b[Aa]rt\.\s*\d"
FOREIGN: dict[str, list[str]] = {
    "sv": [ABBREVIATED, r"\bartikkel\b", r"\bartikla", r"\bstk\.", r"\bnr\.\s*\d"],
    "nb": [ABBREVIATED, r"\bartikel\b", r"\bartikla", r"\bstk\.", r"\bartikkel \d+\.\d"],
    "da": [ABBREVIATED, r"\bartikkel\b", r"\bartikla", r"\bartikel \d+\.\d", r"\bnr\.\s*\d"],
    "fi": [ABBREVIATED, r"\d\s+art\.", r"\bartikel\b", r"\bartikkel\b"],
}


def texts(node: Any, lang: str | None = None) -> Iterator[tuple[str, str]]:
    """Every (language, text) pair of a data file: a table keyed by language, or a subtree
    under a language's key (the template's ``languages.sv``)."""
    if isinstance(node, dict):
        for key, value in node.items():
            inner = key if key in RECORD_LANGUAGES else lang
            if isinstance(value, str) and inner is not None:
                yield inner, value
            else:
                yield from texts(value, inner)
    elif isinstance(node, list):
        for item in node:
            if isinstance(item, str) and lang is not None:
                yield lang, item
            else:
                yield from texts(item, lang)


@pytest.mark.parametrize("lang", sorted(FOREIGN))
def test_the_citation_module_writes_the_style_the_data_is_held_to(lang: str) -> None:
    for reference in ("Art. 37(7)", "Art. 9(2)", "Art. 6(1)(a)", "Art. 49"):
        written = cite(reference, lang)
        assert not any(re.search(p, written) for p in FOREIGN[lang]), written


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_data_cites_articles_in_the_language_style(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    wrong = [
        (lang, text)
        for lang, text in texts(data)
        if lang in FOREIGN
        and any(re.search(p, text) for p in FOREIGN[lang])
        and not _is_alias(data, text)
    ]
    assert wrong == []


def test_the_scan_finds_the_references() -> None:
    """The walk reaches the texts: every language has article references to check."""
    found = {lang: 0 for lang in FOREIGN}
    for path in FILES:
        for lang, text in texts(json.loads(path.read_text(encoding="utf-8"))):
            if lang in found and re.search(r"artik|artiklan|\d+ artikla", text):
                found[lang] += 1
    assert all(count >= 10 for count in found.values()), found


def _is_alias(data: Any, text: str) -> bool:
    """Old headers kept so that workbooks written before still read (a field's aliases)."""
    return text in _aliases(data)


def _aliases(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "aliases" and isinstance(value, list):
                found.update(item for item in value if isinstance(item, str))
            else:
                found |= _aliases(value)
    elif isinstance(node, list):
        for item in node:
            found |= _aliases(item)
    return found
