"""Time ``ropa export`` for the speed targets of the reports, each next to its floor.

Targets (issue 14, the stricter where issue 12 asks too): 10,000 activities to xlsx within
1.3 times a bare XlsxWriter write of the same cells and formats, to html and to json in at
most 2 s, to pdf in at most 5 s; 20,000 activities to pdf in at most 20 s, with the progress
bar drawn (its standard error is a terminal, a pseudo-terminal here). The docx of 10,000
activities is timed without a target.

Each figure is the best of several runs of a fresh ``ropa export`` process (start-up,
reading and consolidation included), wall-clock and CPU seconds, with its peak memory;
ratios and targets are judged on CPU seconds, which a shared machine inflates far less.
Two floors are measured in the same run:

* *read*: a fresh process that only reads and consolidates the workbook
  (``ropa.api.export.build_group_record``), the part every format shares;
* *bare XlsxWriter*: the cells of the xlsx report (read back from the report itself) written
  again by a plain XlsxWriter loop, one ``write_string`` per cell with the report's two body
  formats alternating by row and a row height per row, timed inside its process from the
  import of XlsxWriter to the closed file.

Workbooks come from ``benchmarks/generate.py`` (created when missing).

Usage::

    python benchmarks/export.py
    python benchmarks/export.py --markdown docs/benchmarks.md
    python benchmarks/export.py --only pdf --repeat 1
"""

from __future__ import annotations

import argparse
import os
import pty
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import SLOW_SECONDS, label, ropa_command, workbook, write_markdown


@dataclass(frozen=True)
class Timing:
    """The best of several runs of one command: wall-clock and CPU seconds (user and
    system, the process and its children), peak memory, the last run's output."""

    seconds: float
    cpu: float
    runs: int
    peak_mb: float
    stdout: str = ""


@dataclass(frozen=True)
class Case:
    """One export to time: its format, size, target and whether the bar is drawn."""

    fmt: str
    size: int
    #: Seconds, or for xlsx the most times the bare XlsxWriter write; None: no target.
    target: float | None
    tty: bool = False


CASES = (
    Case("xlsx", 10_000, 1.3),
    Case("html", 10_000, 2.0),
    Case("json", 10_000, 2.0),
    Case("pdf", 10_000, 5.0),
    Case("pdf", 20_000, 20.0, tty=True),
    Case("docx", 10_000, None),
)
START, END = "<!-- export:start -->", "<!-- export:end -->"

READ = """
import sys
from ropa.api.export import build_group_record
group = build_group_record([sys.argv[1]])
print(len(group.record["activities"]))
"""

#: Reads the report's cells (python-calamine) into a pickle for BARE_XLSX.
CELLS = """
import pickle, sys
from python_calamine import CalamineWorkbook
book = CalamineWorkbook.from_path(sys.argv[1])
sheets = [(n, book.get_sheet_by_name(n).to_python()) for n in book.sheet_names]
with open(sys.argv[2], "wb") as out:
    pickle.dump(sheets, out)
print(sum(1 for _, rows in sheets for row in rows for v in row if v != ""))
"""

#: The floor of the xlsx report: the same cells and formats written by a bare loop.
BARE_XLSX = """
import io, pickle, sys, time
with open(sys.argv[1], "rb") as source:
    sheets = pickle.load(source)
start, cpu = time.perf_counter(), time.process_time()
from xlsxwriter import Workbook
book = Workbook(io.BytesIO(), {"in_memory": True, "strings_to_numbers": False,
    "strings_to_formulas": False, "strings_to_urls": False})
common = {"font_name": "Calibri", "font_size": 9, "text_wrap": True, "valign": "top",
    "border": 1, "border_color": "#9FB8B6"}
formats = [book.add_format(common), book.add_format({**common, "pattern": 1,
    "bg_color": "#EEF4F3"})]
for name, rows in sheets:
    ws = book.add_worksheet(name)
    for r, row in enumerate(rows):
        style = formats[r % 2]
        for c, value in enumerate(row):
            if value == "":
                ws.write_blank(r, c, None, style)
            else:
                ws.write_string(r, c, str(value), style)
        ws.set_row(r, 15)
book.close()
print(time.perf_counter() - start, time.process_time() - cpu)
"""


def _cpu(usage: Any) -> float:
    return float(usage.ru_utime + usage.ru_stime)


def _run(command: Sequence[str]) -> tuple[float, float, float, str]:
    """Run ``command``; (wall seconds, CPU seconds, peak RSS MB, standard output)."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed")
    return seconds, _cpu(usage), usage.ru_maxrss / 1024, text


def _run_tty(command: Sequence[str]) -> tuple[float, float, float, str]:
    """Run ``command`` with standard error on a pseudo-terminal (so ``ropa export`` draws its
    progress bar), reading what it draws; like :func:`_run`."""
    master, slave = pty.openpty()
    drawn = bytearray()

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            drawn.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=slave)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    os.close(slave)
    reader.join(timeout=2)
    os.close(master)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed: {drawn.decode(errors='replace')[-500:]}")
    if b"Writing the report" not in drawn:
        raise SystemExit(f"{' '.join(command)} drew no progress bar")
    return seconds, _cpu(usage), usage.ru_maxrss / 1024, ""


def measure(command: Sequence[str], repeat: int, tty: bool = False) -> Timing:
    """The best wall and CPU times of ``repeat`` runs (one if a run is very slow)."""
    best, cpu, peak, runs, out = float("inf"), float("inf"), 0.0, 0, ""
    for _ in range(repeat):
        seconds, used, peak_mb, out = (_run_tty if tty else _run)(command)
        best, cpu, peak, runs = min(best, seconds), min(cpu, used), max(peak, peak_mb), runs + 1
        if seconds > SLOW_SECONDS:
            break
    return Timing(best, cpu, runs, peak, out)


def bench(case: Case, ropa: list[str], repeat: int, seed: int, folder: Path) -> Timing:
    """Best time of ``ropa export`` for ``case``."""
    source = workbook(case.size, seed)
    output = folder / f"export-{label(case.size)}.{case.fmt}"
    command = [*ropa, "export", str(source), "--format", case.fmt, "--output", str(output)]
    command.append("--force")
    bar = " (progress bar on a terminal)" if case.tty else ""
    print(f"{label(case.size)} -> {case.fmt}{bar} ...", file=sys.stderr, flush=True)
    return measure(command, repeat, tty=case.tty)


def bare_xlsx(report: Path, repeat: int, folder: Path) -> tuple[float, float, int]:
    """Best wall and CPU seconds of the bare XlsxWriter write of ``report``'s cells, and
    how many cells there are."""
    cells = folder / "cells.pickle"
    py = sys.executable
    count = int(measure([py, "-c", CELLS, str(report), str(cells)], 1).stdout)
    print("bare XlsxWriter write of the same cells ...", file=sys.stderr, flush=True)
    runs = [
        subprocess.run(
            [py, "-c", BARE_XLSX, str(cells)], capture_output=True, text=True, check=True
        ).stdout.split()
        for _ in range(repeat)
    ]
    return min(float(r[0]) for r in runs), min(float(r[1]) for r in runs), count


def table(
    results: list[tuple[Case, Timing]],
    reads: dict[int, Timing],
    floor: tuple[float, float, int] | None,
) -> str:
    """The Markdown table of the results, each figure next to its floor. Ratios and targets
    are judged on CPU seconds, which a machine shared with other work inflates far less
    than wall-clock seconds (the exports use one core)."""
    lines = [
        "| report | activities | wall (best) | CPU (best) | peak memory | read, CPU "
        "| other floor, CPU | ratio (CPU) | target | met (CPU) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|:---:|",
    ]
    for case, timing in results:
        read = reads.get(case.size)
        read_text = f"{read.cpu:.2f} s" if read else ""
        other, ratio, met = "", "", ""
        if case.fmt == "xlsx" and floor is not None:
            other = f"{floor[1]:.2f} s ({floor[2]:,} cells)"
            ratio = f"{timing.cpu / floor[1]:.2f}x bare"
        elif read:
            ratio = f"{timing.cpu / read.cpu:.2f}x read"
        if case.target is None:
            target = "none"
        elif case.fmt == "xlsx":
            target = f"{case.target}x bare"
            if floor is not None:
                met = _met(timing.cpu <= case.target * floor[1])
        else:
            target = f"{case.target:g} s"
            met = _met(timing.cpu <= case.target)
        name = f"{case.fmt} (with its progress bar)" if case.tty else case.fmt
        lines.append(
            f"| {name} | {case.size:,} | {timing.seconds:.2f} s ({timing.runs}) "
            f"| {timing.cpu:.2f} s | {timing.peak_mb:.0f} MB | {read_text} | {other} "
            f"| {ratio} | {target} | {met} |"
        )
    return "\n".join(lines)


def _met(ok: bool) -> str:
    return "yes" if ok else "**no**"


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: measure every case and its floors, print the table, optionally write it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ropa", help="the ropa command (default: the console script)")
    parser.add_argument("--only", nargs="+", help="only these formats (xlsx, pdf, ...)")
    parser.add_argument("--markdown", type=Path, help="write the table into this file")
    args = parser.parse_args(argv)
    ropa = ropa_command(args.ropa)
    cases = [case for case in CASES if not args.only or case.fmt in args.only]
    py = sys.executable
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        reads = {}
        for size in sorted({case.size for case in cases}):
            print(f"{label(size)}: read and consolidate ...", file=sys.stderr, flush=True)
            reads[size] = measure([py, "-c", READ, str(workbook(size, args.seed))], args.repeat)
        results = [(case, bench(case, ropa, args.repeat, args.seed, folder)) for case in cases]
        report = folder / "export-10k.xlsx"
        floor = bare_xlsx(report, args.repeat, folder) if report.exists() else None
    text = table(results, reads, floor)
    print(text)
    if args.markdown:
        write_markdown(args.markdown, text, START, END)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
