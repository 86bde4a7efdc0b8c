"""Accuracy of the Art. 13/14 element detector, measured on hand-labelled notices.

Three sets, reported separately: the seed policies (``../shared/seeds`` beside the repository;
skipped when absent), the project's own corpus (``tests/policy_corpus``: fictional notices
written for this purpose, labelled by hand with the seeds' conventions) and batch 3
(``tests/policy_corpus/holdout2``: ten more fictional notices, written and labelled before the
detector was run on them; their first-run figures are in docs/policy-accuracy.md).

A *completeness violation* is an element a notice lacks. An element labelled absent is a
positive; the detector saying absent is a predicted positive. Precision and recall of those
violations are what a DPO relies on: a false positive is a finding that is not there, a false
negative a gap the tool did not see. Presence accuracy counts both kinds of error together.
Evidence is checked too: every evidence line must be a real line of the file, and for each
element labelled present we report the share whose labelled line is among the evidence lines.

Print the tables with ``python -m tests.test_policy_accuracy`` or ``pytest -s``.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from ropa.read.notice.elements import ELEMENT_KEYS, detect_elements
from ropa.read.notice.entities import extract_entities

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
CORPUS = Path(__file__).resolve().parent / "policy_corpus"
BATCH3 = CORPUS / "holdout2"
TARGET = 0.95


@dataclass
class Counts:
    tp: int = 0  # labelled absent, detected absent
    fp: int = 0  # labelled present, detected absent
    fn: int = 0  # labelled absent, detected present
    tn: int = 0  # labelled present, detected present
    evidence_hit: int = 0
    evidence_total: int = 0

    def add(self, other: Counts) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def accuracy(self) -> float:
        total = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / total if total else 1.0

    @property
    def evidence_share(self) -> float:
        return self.evidence_hit / self.evidence_total if self.evidence_total else 1.0


@dataclass
class Report:
    name: str
    files: int = 0
    per_element: dict[str, Counts] = field(
        default_factory=lambda: {k: Counts() for k in ELEMENT_KEYS}
    )
    invalid_evidence: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def overall(self) -> Counts:
        total = Counts()
        for counts in self.per_element.values():
            total.add(counts)
        return total


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def evaluate(folder: Path, labels: dict[str, Any], name: str) -> Report:
    report = Report(name)
    for file_name, entry in sorted(labels.items()):
        lines = read_lines(folder / file_name)
        started = time.perf_counter()
        results = detect_elements(lines, entry["language"])
        extract_entities(lines, entry["language"])
        report.seconds += time.perf_counter() - started
        report.files += 1
        for key in ELEMENT_KEYS:
            label = entry["elements"][key]
            result = results[key]
            counts = report.per_element[key]
            for evidence in result.evidence:
                if not (
                    1 <= evidence.line <= len(lines)
                    and lines[evidence.line - 1].strip() == evidence.text
                ):
                    report.invalid_evidence.append(f"{file_name}:{evidence.line} {key}")
            if label["present"]:
                if result.present:
                    counts.tn += 1
                    counts.evidence_total += 1
                    if label["line"] in {e.line for e in result.evidence}:
                        counts.evidence_hit += 1
                else:
                    counts.fp += 1
                    report.errors.append(
                        f"{file_name}: {key} missed (labelled line {label['line']})"
                    )
            elif result.present:
                counts.fn += 1
                lines_found = ", ".join(str(e.line) for e in result.evidence[:4])
                why = result.why[:2]
                report.errors.append(
                    f"{file_name}: {key} detected though absent (lines {lines_found}; {why})"
                )
            else:
                counts.tp += 1
    return report


def table(report: Report) -> str:
    rows = [
        f"## {report.name}: {report.files} notices",
        "",
        "| element | absent (labelled) | violations found | precision | recall "
        "| presence accuracy | labelled evidence line found |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for key, c in [*report.per_element.items(), ("**overall**", report.overall)]:
        rows.append(
            f"| {key} | {c.tp + c.fn} | {c.tp}/{c.tp + c.fp} | {c.precision:.3f} | {c.recall:.3f} "
            f"| {c.accuracy:.3f} | {c.evidence_hit}/{c.evidence_total} |"
        )
    o = report.overall
    rows += [
        "",
        f"Evidence lines that are not real lines of the file: {len(report.invalid_evidence)}.",
        f"Detection + entity extraction: {1000 * report.seconds / max(report.files, 1):.2f} ms "
        "per notice (the first call includes compiling the lexicons).",
        f"Overall: precision {o.precision:.3f}, recall {o.recall:.3f}, "
        f"presence accuracy {o.accuracy:.3f}.",
    ]
    if report.errors:
        rows += ["", "Errors:", *(f"- {e}" for e in report.errors)]
    return "\n".join(rows)


def load_labels(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    return data


def seed_report() -> Report:
    if not (SEEDS / "labels.json").is_file():
        pytest.skip(f"the seed policies are not available (expected {SEEDS.name}/ beside the repo)")
    return evaluate(SEEDS, load_labels(SEEDS), "Seeds")


def corpus_labels() -> dict[str, Any]:
    """The own corpus: batch 1 (``policy_corpus/``) and batch 2 (``policy_corpus/holdout/``,
    written and labelled after the detector, first run reported in docs/policy-accuracy.md)."""
    labels = load_labels(CORPUS)
    for name, entry in load_labels(CORPUS / "holdout").items():
        labels[f"holdout/{name}"] = entry
    return labels


def corpus_report() -> Report:
    return evaluate(CORPUS, corpus_labels(), "Own corpus")


def batch3_report() -> Report:
    """Batch 3: written and labelled after batches 1 and 2, run once before any change."""
    return evaluate(BATCH3, load_labels(BATCH3), "Batch 3 (holdout2)")


def _assert_targets(report: Report) -> None:
    print("\n" + table(report))
    overall = report.overall
    assert not report.invalid_evidence, report.invalid_evidence
    assert overall.precision >= TARGET, f"precision {overall.precision:.3f} < {TARGET}"
    assert overall.recall >= TARGET, f"recall {overall.recall:.3f} < {TARGET}"


@pytest.mark.parametrize("folder", [CORPUS, BATCH3], ids=["corpus", "batch3"])
def test_corpus_labels_are_well_formed(folder: Path) -> None:
    labels = corpus_labels() if folder == CORPUS else load_labels(folder)
    languages = {entry["language"] for entry in labels.values()}
    assert {"en", "sv", "nb", "nn", "da", "fi"} <= languages
    for file_name, entry in labels.items():
        lines = read_lines(folder / file_name)
        assert list(entry["elements"]) == list(ELEMENT_KEYS)
        for key, label in entry["elements"].items():
            if label["present"]:
                assert label["evidence"] in lines[label["line"] - 1], (file_name, key)
            else:
                assert label["evidence"] is None and label["line"] is None


def test_accuracy_on_own_corpus() -> None:
    _assert_targets(corpus_report())


def test_accuracy_on_batch3() -> None:
    _assert_targets(batch3_report())


def test_accuracy_on_seeds() -> None:
    _assert_targets(seed_report())


def main() -> None:
    print(table(corpus_report()))
    print()
    print(table(batch3_report()))
    print()
    if (SEEDS / "labels.json").is_file():
        print(table(evaluate(SEEDS, load_labels(SEEDS), "Seeds")))
    else:
        print(f"Seeds: skipped (no {SEEDS.name}/labels.json beside the repository)")


if __name__ == "__main__":
    main()
