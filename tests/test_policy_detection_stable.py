"""The element detector and the entity extractor give exactly the results recorded in
``tests/golden/policy_detection.json``.

Speed-ups of :mod:`ropa.read.notice.elements`, :mod:`ropa.read.notice.entities` and
:mod:`ropa.read.notice.lexicon` must not change a single result: for every notice of
``tests/policy_corpus`` (holdout included), ``tests/policy_fixtures`` (in its own language and
with every language's rules) and the seed policies (``../shared/seeds``, skipped when absent),
the full output of ``detect_elements`` (present, evidence lines and texts, why) and of
``extract_entities`` is compared with the snapshot.

The seeds' text is not stored: their snapshot keeps line numbers, keys and booleans, and a
sha256 of every string. When the results are meant to change, regenerate the snapshot with
``ROPA_UPDATE_GOLDEN=1 pytest tests/test_policy_detection_stable.py`` and review the diff.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from ropa.model.categories import data_category_terms
from ropa.model.languages import NOTICE_LANGUAGES
from ropa.model.patterns import _lower_source, compile_patterns, pattern_source
from ropa.model.resources import load_data
from ropa.model.text import notice_line as normalise_line
from ropa.read.notice.elements import analyse, detect_elements
from ropa.read.notice.entities import extract_entities

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
CORPUS = TESTS / "policy_corpus"
FIXTURES = TESTS / "policy_fixtures"
SEEDS = REPO.parent / "shared" / "seeds"
GOLDEN = TESTS / "golden" / "policy_detection.json"
UPDATE = os.environ.get("ROPA_UPDATE_GOLDEN") == "1"


def _labels(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    return data


def _own_notices() -> list[tuple[str, Path, str]]:
    """(snapshot name, file, language) of every fictional notice."""
    out = [
        (f"corpus/{name}", CORPUS / name, entry["language"])
        for name, entry in sorted(_labels(CORPUS).items())
    ]
    out += [
        (f"corpus/holdout/{name}", CORPUS / "holdout" / name, entry["language"])
        for name, entry in sorted(_labels(CORPUS / "holdout").items())
    ]
    for path in sorted(FIXTURES.glob("*.txt")):
        out.append((f"fixtures/{path.name}", path, path.stem))
        out.append((f"fixtures/{path.name}@any", path, "any"))
    return out


def _seed_notices() -> list[tuple[str, Path, str]]:
    if not (SEEDS / "labels.json").is_file():
        return []
    return [
        (f"seeds/{name}", SEEDS / name, entry["language"])
        for name, entry in sorted(_labels(SEEDS).items())
    ]


def _digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _hashed(value: Any) -> Any:
    """The value with every string replaced by its sha256 (for the seeds' text)."""
    if isinstance(value, str):
        return _digest(value)
    if isinstance(value, dict):
        return {key: _hashed(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_hashed(item) for item in value]
    return value


def snapshot(path: Path, language: str, private: bool = False) -> dict[str, Any]:
    """The full output of both functions for one notice, as plain JSON data."""
    lines = path.read_text(encoding="utf-8").splitlines()
    analyse.cache_clear()  # each notice from scratch, as a fresh worker would
    results = detect_elements(lines, language)
    text = _digest if private else str
    elements = {
        key: {
            "present": result.present,
            "evidence": [[e.line, text(e.text)] for e in result.evidence],
            "why": [text(reason) for reason in result.why],
        }
        for key, result in results.items()
    }
    entities = json.loads(json.dumps(extract_entities(lines, language), default=str))
    return {
        "language": language,
        "elements": elements,
        "entities": _hashed(entities) if private else entities,
    }


def _stored() -> dict[str, Any]:
    if not GOLDEN.is_file():
        return {}
    data: dict[str, Any] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    return data


def _update(name: str, value: dict[str, Any]) -> None:
    data = _stored()
    data[name] = value
    GOLDEN.write_text(
        json.dumps(dict(sorted(data.items())), ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )


def _check(name: str, path: Path, language: str, private: bool) -> None:
    got = snapshot(path, language, private)
    if UPDATE:
        _update(name, got)
        return
    stored = _stored()
    assert name in stored, f"{name} has no snapshot: run with ROPA_UPDATE_GOLDEN=1"
    want = stored[name]
    for key in want["elements"]:
        assert got["elements"][key] == want["elements"][key], f"{name}: element {key} changed"
    assert got["elements"].keys() == want["elements"].keys(), f"{name}: element keys changed"
    for key in want["entities"]:
        assert got["entities"][key] == want["entities"][key], f"{name}: entities {key} changed"
    assert got == want


@pytest.mark.parametrize(("name", "path", "language"), _own_notices(), ids=lambda v: str(v))
def test_own_notices_are_detected_as_recorded(name: str, path: Path, language: str) -> None:
    _check(name, path, language, private=False)


@pytest.mark.skipif(
    not (SEEDS / "labels.json").is_file(),
    reason=f"the seed policies are not available (expected {SEEDS.name}/ beside the repository)",
)
@pytest.mark.parametrize(
    ("name", "path", "language"), _seed_notices() or [("-", Path(), "")], ids=lambda v: str(v)
)
def test_seeds_are_detected_as_recorded(name: str, path: Path, language: str) -> None:
    _check(name, path, language, private=True)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [text for item in items for text in _strings(item)]


def test_snapshot_has_no_seed_text() -> None:
    """Only hashes, numbers, keys and booleans of the seeds are stored."""
    for name, entry in _stored().items():
        if not name.startswith("seeds/"):
            continue
        for result in entry["elements"].values():
            assert all(text.startswith("sha256:") for _, text in result["evidence"])
            assert all(reason.startswith("sha256:") for reason in result["why"])
        assert all(s.startswith("sha256:") for s in _strings(entry["entities"])), name


# --- the compiled alternations match exactly what the plain ones did ---------------------


def _plain(patterns: list[str], lowered: bool) -> re.Pattern[str]:
    """The alternation as the lexicon describes it, without the speed-ups."""
    if not patterns:
        return re.compile(r"(?!x)x")
    body = "|".join(f"(?:{pattern_source(p)})" for p in patterns)
    source = rf"(?<!\w)(?:{body})(?!\w)"
    if lowered and "(?-i" not in source:
        return re.compile(_lower_source(source), re.MULTILINE)
    return re.compile(source, re.IGNORECASE | re.MULTILINE)


def _pattern_lists() -> list[list[str]]:
    """Every list of patterns the lexicons compile into one alternation."""
    out: list[list[str]] = []

    def as_list(value: Any) -> list[str]:
        return [value] if isinstance(value, str) else list(value)

    for name in ("common", *NOTICE_LANGUAGES):
        data = load_data(f"lexicon/policy/{name}.json")
        out += [as_list(patterns) for patterns in data.get("groups", {}).values()]
        out += [as_list(p) for p in data.get("lawful_basis_terms", {}).values()]
        for section in ("elements", "statements"):
            for rules in data.get(section, {}).values():
                for rule in rules:
                    out += [as_list(rule[k]) for k in ("re", "with", "unless") if rule.get(k)]
    categories = load_data("lexicon/data_categories.json")["categories"]
    out += [[t for terms in e["terms"].values() for t in terms] for e in categories.values()]
    out.append(data_category_terms())
    return out


def test_compiled_alternations_match_as_written() -> None:
    paths = [path for _, path, _ in _own_notices()] + [path for _, path, _ in _seed_notices()]
    text = "\n".join(normalise_line(line) for p in paths for line in p.read_text().splitlines())
    samples = [
        text,
        text.lower(),
        text.upper(),
        "\u0130stanbul \u212aELVIN \u017f \u00df \u1e9e \u03a3 \u03a3\u0391\u03a3",
    ]
    for patterns in _pattern_lists():
        for lowered in (False, True):
            want, got = _plain(patterns, lowered), compile_patterns(patterns, lowered)
            if lowered:
                assert bool(got.flags & re.IGNORECASE) == bool(want.flags & re.IGNORECASE)
            for sample in samples:
                spans = [m.span() for m in got.finditer(sample)]
                assert spans == [m.span() for m in want.finditer(sample)], patterns[:3]


def test_case_pairs_of_the_lexicons_lie_in_the_first_plane() -> None:
    """The compiler finds what a letter matches case-insensitively in the first plane."""
    letters = {
        c
        for patterns in _pattern_lists()
        for p in patterns
        for c in p
        if c.isalpha() and c.lower() != c.upper()
    }
    beyond = "".join(map(chr, range(0x10000, 0x110000)))
    every = re.compile("[" + "".join(re.escape(c) for c in sorted(letters)) + "]", re.IGNORECASE)
    assert every.findall(beyond) == []
