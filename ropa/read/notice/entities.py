"""Entities a privacy notice names: vendors, data categories, retention periods, lawful bases,
the supervisory authority, and negative statements ("we do not transfer data outside the EEA").

Data categories map onto the shared keys of ``ropa/data/lexicon/data_categories.json``
(:func:`ropa.model.categories.map_data_category`, also importable from here), so a Swedish
notice and an English record of processing can be compared category by category. Vendors
come from the curated catalogue ``ropa/data/vendors.json`` (:mod:`ropa.model.vendors`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ropa.model.categories import category_patterns, map_data_category
from ropa.model.periods import PeriodKind, parse_period
from ropa.model.vendors import vendors
from ropa.read.notice.authorities import find_mentions
from ropa.read.notice.elements import (
    ElementResult,
    _Document,
    analyse,
    normalise_language,
    statement_hits,
)

__all__ = ["extract_entities", "map_data_category"]

_COUNTRY = {"sv": "SE", "nb": "NO", "nn": "NO", "da": "DK", "fi": "FI"}
# Lines that begin a list item or a table row continue the list above them.
_LIST_ITEM = re.compile(r"^\s*(?:[-*\u2022\u25cf\u25aa\u2013\u00b7o]\s|\d{1,2}[.)]\s|\|)")
_SENTENCE = re.compile(r"(?<=[.;!?])\s+(?=[A-ZÅÄÖÆØ0-9])|\s+\|\s+")
_ARTICLE_CODE = re.compile(
    r"(?:art(?:icle|ikel|ikkel|ikla|\.)?|artiklan)?\s*6\s*"
    r"(?:\(1\)|\.1|,?\s*(?:stk|nr|kohta|kohdan)\.?\s*1|\s+(?:artiklan\s+)?1\s+kohdan)"
    r"[\s.,]*(?:litra\s+|bokstav\s+|lit\.?\s*|punkt\s+|point\s+)?\(?([a-f])\)?(?![a-z])",
    re.IGNORECASE,
)
_LITRA = re.compile(r"(?:litra|bokstav)\s+([a-f])(?![a-z])", re.IGNORECASE)


def _category_lines(doc: _Document, results: dict[str, ElementResult]) -> list[int]:
    """Lines that describe data: the evidence of the categories elements, and list items
    (bullets, table rows) that follow such a line."""
    anchors = {
        e.line - 1
        for key in ("data_categories", "special_categories")
        for e in results[key].evidence
    }
    chosen = set(anchors)
    for anchor in anchors:
        taken = 0
        for index in range(anchor + 1, min(len(doc.raw), anchor + 40)):
            text = doc.raw[index]
            if not text.strip():
                continue
            if not _LIST_ITEM.match(text) or taken >= 25:
                break
            chosen.add(index)
            taken += 1
    mailbox = set(doc.group_lines("email"))
    return sorted(i for i in chosen if i not in mailbox)


def _vendors(doc: _Document) -> list[dict[str, Any]]:
    catalogue = vendors()
    found: dict[str, dict[str, Any]] = {}
    for index, _start, _end, name in doc.vendor_matches():
        if name in found:
            continue
        vendor = catalogue[name]
        found[name] = {
            "name": name,
            "country": vendor.country,
            "category": vendor.category,
            "line": index + 1,
        }
    return sorted(found.values(), key=lambda v: (v["line"], v["name"]))


def _retention(doc: _Document, results: dict[str, ElementResult]) -> list[dict[str, Any]]:
    out = []
    for evidence in results["retention"].evidence:
        text = doc.norm[evidence.line - 1]
        for sentence in _SENTENCE.split(text):
            sentence = sentence.strip(" |")
            if not sentence:
                continue
            period = parse_period(sentence)
            if period.kind in (PeriodKind.PERIOD, PeriodKind.EVENT, PeriodKind.VAGUE):
                out.append({"line": evidence.line, "text": sentence, "period": period.to_dict()})
    return out


def _bases(doc: _Document, results: dict[str, ElementResult]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    seen: set[tuple[str, int]] = set()

    def add(code: str, line: int, how: str) -> None:
        if (code, line) not in seen:
            seen.add((code, line))
            found.append({"code": code, "line": line, "text": how})

    lines = {
        e.line for key in ("lawful_basis", "legitimate_interests") for e in results[key].evidence
    }
    for index in doc.order:
        text = doc.norm[index]
        for match in _ARTICLE_CODE.finditer(text):
            add(match.group(1).lower(), index + 1, match.group(0).strip())
        if index + 1 in lines:
            for match in _LITRA.finditer(text):
                add(match.group(1).lower(), index + 1, match.group(0).strip())
            for code, pattern in doc.lex.bases.items():
                hit = pattern.search(text)
                if hit:
                    add(code, index + 1, hit.group(0))
    return sorted(found, key=lambda b: (b["line"], b["code"]))


def _authority(
    doc: _Document, lines: Sequence[str], language: str, results: dict[str, ElementResult]
) -> Any:
    country = _COUNTRY.get(language)
    # Only lines near an authority word or a complaint are searched for names (fast path).
    wanted: set[int] = set()
    for index in doc.group_lines("authority") + [
        e.line - 1 for e in results["right_complaint"].evidence
    ]:
        wanted.update(range(index - 2, index + 3))
    kept = sorted(i for i in wanted if 0 <= i < len(lines))
    mentions = find_mentions([lines[i] for i in kept], preferred=(country,) if country else ())
    if not mentions:
        return None
    complaint_lines = {e.line for e in results["right_complaint"].evidence}
    chosen = next((m for m in mentions if kept[m.line - 1] + 1 in complaint_lines), mentions[0])
    return {
        "name": chosen.authority.name,
        "country": chosen.authority.country,
        "current": chosen.valid_until is None,
        "line": kept[chosen.line - 1] + 1,
        "as_written": chosen.text,
        "valid_until": chosen.valid_until,
    }


def extract_entities(lines: Sequence[str], language: str) -> dict[str, Any]:
    """Vendors, data categories, retention periods, lawful bases, the supervisory authority
    and negative statements named in a notice, each with its 1-based line."""
    code = normalise_language(language)
    doc, results = analyse(tuple(lines), language)
    categories = []
    chosen = _category_lines(doc, results)
    # A category whose terms are in none of these lines is skipped after one search of
    # them all (the terms never span lines, and a line break is not a word character, so
    # nothing matches a line that does not also match there).
    joined = "\n".join(doc.norm[index] for index in chosen)
    present = [(key, pattern) for key, pattern in category_patterns() if pattern.search(joined)]
    for index in chosen:
        text = doc.norm[index]
        for key, pattern in present:
            match = pattern.search(text)
            if match:
                categories.append({"category": key, "line": index + 1, "text": match.group(0)})
    statements = [
        {"kind": kind, "polarity": "negative", "line": index + 1, "text": doc.raw[index].strip()}
        for kind, index, _ in statement_hits(doc, language)
    ]
    return {
        "vendors": _vendors(doc),
        "data_categories": categories,
        "retention_periods": _retention(doc, results),
        "lawful_bases": _bases(doc, results),
        "supervisory_authority": _authority(doc, lines, code, results),
        "statements": statements,
    }
