"""Print the accuracy tables of the Art. 13/14 element detector and time a 500-notice scan.

    python benchmarks/policy_accuracy.py            # tables (own corpus, and the seeds if present)
    python benchmarks/policy_accuracy.py --timing   # also: 500 notices read and scanned

The tables come from ``tests/test_policy_accuracy.py``; see docs/policy-accuracy.md.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ropa.read.notice.elements import analyse, detect_elements  # noqa: E402
from ropa.read.notice.entities import extract_entities  # noqa: E402
from tests.test_policy_accuracy import CORPUS, SEEDS, corpus_labels, load_labels, main  # noqa: E402


def timing(count: int = 500) -> None:
    files = [(CORPUS / name, entry["language"]) for name, entry in corpus_labels().items()]
    if (SEEDS / "labels.json").is_file():
        files += [(SEEDS / n, e["language"]) for n, e in load_labels(SEEDS).items()]
    detect_elements(["warm-up"], "sv")  # compile the lexicons once, as a long run would
    started = time.perf_counter()
    size = 0
    for number in range(count):
        path, language = files[number % len(files)]
        lines = path.read_text(encoding="utf-8").splitlines()
        size += sum(len(line) + 1 for line in lines)
        analyse.cache_clear()  # no help from the cache: every notice is scanned afresh
        detect_elements(lines, language)
        extract_entities(lines, language)
    elapsed = time.perf_counter() - started
    print(
        f"\n{count} notices ({size / count / 1024:.1f} KB on average) read and scanned in "
        f"{elapsed:.2f} s: {1000 * elapsed / count:.1f} ms per notice"
    )


if __name__ == "__main__":
    main()
    if "--timing" in sys.argv:
        timing()
