"""Time ``ropa export`` for the speed targets of the reports.

Targets: 10,000 activities exported to xlsx and to html "in a few seconds each"; pdf of
1,000 activities in under 30 s. Each figure is the best of several runs of a fresh
``ropa export`` process (start-up, reading and consolidation included), with its peak
memory. Workbooks come from ``benchmarks/generate.py`` (created when missing).

Usage::

    python benchmarks/export.py
    python benchmarks/export.py --markdown docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import Timing, label, measure, ropa_command, workbook, write_markdown

#: (format, activities, target in seconds)
CASES = (("xlsx", 10_000, 5.0), ("html", 10_000, 5.0), ("pdf", 1_000, 30.0), ("json", 10_000, 5.0))
START, END = "<!-- export:start -->", "<!-- export:end -->"


def bench(fmt: str, size: int, ropa: list[str], repeat: int, seed: int, folder: Path) -> Timing:
    """Best time of ``ropa export`` of ``size`` activities to ``fmt``."""
    source = workbook(size, seed)
    output = folder / f"export-{label(size)}.{fmt}"
    command = [*ropa, "export", str(source), "--format", fmt, "--output", str(output), "--force"]
    print(f"{label(size)} -> {fmt} ...", file=sys.stderr, flush=True)
    return measure(command, repeat)


def table(results: list[tuple[str, int, float, Timing]]) -> str:
    """The Markdown table of the results."""
    lines = [
        "| report | activities | time (best of runs) | peak memory | target | met |",
        "|---|---:|---:|---:|---:|:---:|",
    ]
    for fmt, size, target, timing in results:
        met = "yes" if timing.seconds <= target else "**no**"
        lines.append(
            f"| {fmt} | {size:,} | {timing.seconds:.2f} s ({timing.runs}) | "
            f"{timing.peak_mb:.0f} MB | {target:.0f} s | {met} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: measure every case, print the table, optionally write it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ropa", help="the ropa command (default: the console script)")
    parser.add_argument("--markdown", type=Path, help="write the table into this file")
    args = parser.parse_args(argv)
    ropa = ropa_command(args.ropa)
    with tempfile.TemporaryDirectory() as folder:
        results = [
            (fmt, size, target, bench(fmt, size, ropa, args.repeat, args.seed, Path(folder)))
            for fmt, size, target in CASES
        ]
    text = table(results)
    print(text)
    if args.markdown:
        write_markdown(args.markdown, text, START, END)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
