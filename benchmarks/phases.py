"""Where the time of ``ropa check`` goes, phase by phase and rule by rule, in one process.

Times, without a profiler (so nothing is slowed down unevenly), best of ``--repeat`` runs,
as wall time and as the process's CPU time (steadier on a shared machine; above the wall
time where a phase runs threads side by side):
the imports of the check path, the bare python-calamine read of every sheet, the oddity scan
of the sheet XML on its own, ``read_workbook`` (scan, calamine and building the rows), each
record rule, and the JSON report. Prints the phases and the slowest rules with their share.

Usage::

    python benchmarks/phases.py benchmarks/data/ropa-10k.xlsx
    python benchmarks/phases.py benchmarks/data/ropa-10k.xlsx --rules 15 --repeat 3
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def best(repeat: int, action: Callable[[], T]) -> tuple[tuple[float, float], T]:
    """The best (wall, CPU) seconds of ``repeat`` calls of ``action``, and its last result."""
    wall, cpu, result = float("inf"), float("inf"), None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = action()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return (wall, cpu), result  # type: ignore[return-value]


def calamine_read(path: Path) -> int:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    return sum(len(book.get_sheet_by_name(name).to_python()) for name in book.sheet_names)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: time the phases of a check of one workbook."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("workbook", type=Path)
    parser.add_argument("--repeat", type=int, default=3, help="runs per phase (best of)")
    parser.add_argument("--rules", type=int, default=12, help="how many of the slowest rules")
    args = parser.parse_args(argv)

    start, start_cpu = time.perf_counter(), time.process_time()
    from ropa.check.engine import run
    from ropa.check.rules import record
    from ropa.check.views.record import RecordView
    from ropa.read.config import load_config
    from ropa.read.workbook import read_workbook
    from ropa.read.xlsx_scan import scan_workbook
    from ropa.write.json_out import check_json

    imports = (time.perf_counter() - start, time.process_time() - start_cpu)

    from ropa.api import check

    path: Path = args.workbook
    config = load_config(path)
    phases: dict[str, tuple[float, float]] = {"imports of the check path (once)": imports}
    phases["bare calamine read of every sheet"], _ = best(args.repeat, lambda: calamine_read(path))
    names = read_workbook(path, limits=config.limits).sheet_order
    phases["oddity scan of the sheet XML, alone"], _ = best(
        args.repeat, lambda: scan_workbook(path, names, config.limits)
    )
    phases["read_workbook (scan + calamine + rows)"], workbook = best(
        args.repeat, lambda: read_workbook(path, limits=config.limits)
    )
    rule_times: dict[str, tuple[float, float]] = {}
    for item in record.RULES:

        def one(item: Any = item) -> None:
            run(RecordView(workbook, config), [item], config)

        rule_times[f"{item.code} {item.name}"], _ = best(args.repeat, one)
    phases[f"the {len(record.RULES)} record rules, one by one"] = (
        sum(wall for wall, _ in rule_times.values()),
        sum(cpu for _, cpu in rule_times.values()),
    )
    phases["ropa.check() in all (read + rules + cross-check)"], report = best(
        args.repeat, lambda: check([path])
    )
    phases["the JSON report"], _ = best(args.repeat, lambda: check_json(report))

    total = phases["ropa.check() in all (read + rules + cross-check)"][1]
    print(f"{path.name}: {report.activities:,} activities, {len(report.findings):,} findings\n")
    print("| Phase | Wall | CPU | Share of check's CPU |\n|---|---:|---:|---:|")
    for name, (wall, cpu) in phases.items():
        print(f"| {name} | {wall:.3f} s | {cpu:.3f} s | {cpu / total:.0%} |")
    print("\n| Rule | Wall | CPU | Share of check's CPU |\n|---|---:|---:|---:|")
    slowest = sorted(rule_times.items(), key=lambda item: -item[1][1])[: args.rules]
    for name, (wall, cpu) in slowest:
        print(f"| {name} | {wall:.3f} s | {cpu:.3f} s | {cpu / total:.0%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
