"""Language detection on a sample of a long notice gives the language of the whole text.

:func:`ropa.read.notice.language.detect_language` looks at about ``SAMPLE_CHARS`` characters
(beginning, middle and end) of a long notice instead of all of it, because detection time
grows with the length and a scan of many notices pays it for each. That is only right where
the sample's answer is the whole text's answer; this checks it for every notice of
``tests/policy_corpus`` (holdouts included), ``tests/policy_fixtures``, the example notices in
``workbooks/policies``, the seed policies (``../shared/seeds``, skipped when absent) and
notices made the way ``benchmarks/policy_scan.py`` makes its corpus (every language and
format). Texts shorter than the sample are detected whole, so only long ones are compared.
"""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path
from types import ModuleType

import pytest

from ropa.read.notice.language import LANGUAGE_COUNTRIES as LANGUAGES
from ropa.read.notice.language import SAMPLE_CHARS, _detector, detect_language, sample
from ropa.read.notice.reading import policy_files, read_policy

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
SEEDS = REPO.parent / "shared" / "seeds"
FOLDERS = [
    TESTS / "policy_corpus",
    TESTS / "policy_fixtures",
    REPO / "workbooks" / "policies",
]


def _benchmark_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "policy_scan_benchmark", REPO / "benchmarks" / "policy_scan.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _notice_files(tmp_path: Path) -> list[Path]:
    files: list[Path] = []
    for folder in FOLDERS:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.name.lower() != "readme.md":
                try:
                    files += policy_files([path])
                except Exception:  # not a notice (labels.json, a manifest)
                    continue
    if SEEDS.is_dir():
        files += [p for p in policy_files([SEEDS]) if p.name.lower() != "readme.md"]
    bench = _benchmark_module()
    rng = random.Random(30)
    for number in range(48):  # eight of each language, each in text, Markdown and HTML
        language = bench.LANGUAGES[number % len(bench.LANGUAGES)]
        suffix = (".txt", ".md", ".html")[number % 3]
        title, sections = bench.make_notice(language, number, 10_000, rng)
        path = tmp_path / f"notice-{number:02d}-{language}{suffix}"
        bench.write_notice(path, title, sections)
        files.append(path)
    return files


def _whole_text_language(text: str) -> str:
    detector, codes = _detector()
    values = detector.compute_language_confidence_values(text)
    return codes[values[0].language]


def test_sample_gives_the_whole_texts_language(tmp_path: Path) -> None:
    pytest.importorskip("lingua")
    compared: list[str] = []
    for path in _notice_files(tmp_path):
        lines = read_policy(path, language="en").lines  # the lines, without detecting
        text = "\n".join(lines)
        if len(text) <= SAMPLE_CHARS:
            assert sample(text) == text
            continue
        assert len(sample(text)) < len(text)
        sampled, _confidence = detect_language(text)
        assert sampled == _whole_text_language(text), path.name
        compared.append(path.name)
    # The check means something only if many long notices were compared, of every kind.
    assert len(compared) >= 48, compared
    assert any(name.endswith(".html") for name in compared)
    generated = [name for name in compared if name.startswith("notice-")]
    assert {name.split("-")[2].split(".")[0] for name in generated} == set(LANGUAGES)
