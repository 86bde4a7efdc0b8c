"""Time ``ropa check`` against plain workbook readers on large synthetic records.

For every size (number of activities) the same run measures, each as a fresh subprocess so
interpreter start-up and imports are included:

* openpyxl: ``load_workbook(read_only=True, data_only=True)`` and every value of every sheet;
* calamine: a bare python-calamine read of every sheet;
* ``ropa check FILE --format json --fail-on never``, and its peak memory (max RSS).

It also times ``ropa --version`` and ``ropa --help``. Each figure is the best of several runs
(the machine may be shared). Missing workbooks are generated with ``benchmarks/generate.py``.

Usage::

    python benchmarks/run.py                      # 1000, 10000 and 100000 activities
    python benchmarks/run.py --sizes 10000 --markdown docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"

#: Markers in the Markdown file between which the results are (re)written.
START, END = "<!-- results:start -->", "<!-- results:end -->"

#: A run slower than this is not repeated (100,000 activities with openpyxl takes minutes).
SLOW_SECONDS = 60.0

OPENPYXL_READ = """
import sys
from openpyxl import load_workbook
book = load_workbook(sys.argv[1], read_only=True, data_only=True)
cells = 0
for ws in book.worksheets:
    for row in ws.iter_rows(values_only=True):
        cells += sum(value is not None for value in row)
book.close()
print(cells)
"""

CALAMINE_READ = """
import sys
from python_calamine import CalamineWorkbook
book = CalamineWorkbook.from_path(sys.argv[1])
cells = 0
for name in book.sheet_names:
    for row in book.get_sheet_by_name(name).to_python():
        cells += sum(value != "" for value in row)
print(cells)
"""


@dataclass
class Timing:
    """The best of several runs of one command."""

    seconds: float
    runs: int
    peak_mb: float
    stdout: str


def measure(command: Sequence[str], repeat: int) -> Timing:
    """Best wall time of ``repeat`` runs (fewer if one run is very slow) and the peak RSS."""
    best, peak, runs, out = float("inf"), 0.0, 0, ""
    for _ in range(repeat):
        seconds, peak_mb, out = _run(command)
        best, peak, runs = min(best, seconds), max(peak, peak_mb), runs + 1
        if seconds > SLOW_SECONDS:
            break
    return Timing(best, runs, peak, out)


def _run(command: Sequence[str]) -> tuple[float, float, str]:
    """Run ``command`` with its output in a temporary file; (seconds, peak RSS MB, stdout)."""
    out_path = DATA / f".run-{os.getpid()}.out"
    with open(out_path, "w+b") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    out_path.unlink()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed with exit code {proc.returncode}")
    return seconds, usage.ru_maxrss / 1024, text  # ru_maxrss is in KiB on Linux


def ropa_command(given: str | None) -> list[str]:
    """The ropa command: --ropa, else the console script next to this Python, else -m ropa."""
    if given:
        return given.split()
    script = Path(sys.executable).parent / "ropa"
    if script.exists():
        return [str(script)]
    found = shutil.which("ropa")
    return [found] if found else [sys.executable, "-m", "ropa"]


def label(size: int) -> str:
    """1000 -> '1k', 100000 -> '100k'."""
    return f"{size // 1000}k" if size % 1000 == 0 else str(size)


def workbook(size: int, seed: int) -> Path:
    """The workbook for ``size`` activities, generated if it does not exist yet."""
    path = DATA / f"ropa-{label(size)}.xlsx"
    if not path.exists():
        print(f"generating {path.name} ...", file=sys.stderr, flush=True)
        script = [sys.executable, str(HERE / "generate.py")]
        subprocess.run(
            [*script, "--activities", str(size), "--out", str(path), "--seed", str(seed)],
            check=True,
            stdout=sys.stderr,
        )
    return path


@dataclass
class Result:
    """All figures for one workbook."""

    size: int
    cells: int
    mb: float
    openpyxl: Timing
    calamine: Timing
    check: Timing
    findings: int


def bench_size(size: int, ropa: list[str], repeat: int, seed: int) -> Result:
    """Measure the three readers on the workbook of ``size`` activities."""
    path = workbook(size, seed)
    py = sys.executable
    print(f"{label(size)}: openpyxl ...", file=sys.stderr, flush=True)
    openpyxl = measure([py, "-c", OPENPYXL_READ, str(path)], repeat)
    print(f"{label(size)}: calamine ...", file=sys.stderr, flush=True)
    calamine = measure([py, "-c", CALAMINE_READ, str(path)], repeat)
    print(f"{label(size)}: ropa check ...", file=sys.stderr, flush=True)
    check = measure([*ropa, "check", str(path), "--format", "json", "--fail-on", "never"], repeat)
    findings = json.loads(check.stdout)["summary"]["total"]
    return Result(
        size, int(calamine.stdout), path.stat().st_size / 1e6, openpyxl, calamine, check, findings
    )


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine() -> str:
    """One line describing the machine and the library versions."""
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores "
        f"(nproc {len(os.sched_getaffinity(0))}), Python {platform.python_version()}, "
        f"ropa {_version('ropa')}, openpyxl {_version('openpyxl')}, "
        f"python-calamine {_version('python-calamine')}"
    )


def table(results: list[Result], cli: dict[str, Timing]) -> str:
    """The results as Markdown."""
    lines = [
        f"Machine: {machine()}.",
        "",
        "| Activities | Cells | File | openpyxl read-only | calamine | `ropa check` "
        "| check / openpyxl | Peak RSS of check | Findings |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.size:,} | {r.cells:,} | {r.mb:.1f} MB "
            f"| {_seconds(r.openpyxl)} | {_seconds(r.calamine)} | {_seconds(r.check)} "
            f"| {r.check.seconds / r.openpyxl.seconds:.0%} | {r.check.peak_mb:,.0f} MB "
            f"| {r.findings:,} |"
        )
    lines += ["", "| Command | Wall time |", "|---|---:|"]
    lines += [f"| `ropa --{name}` | {_seconds(t)} |" for name, t in cli.items()]
    lines += ["", "Times are wall-clock seconds including start-up, best of (n) runs."]
    return "\n".join(lines)


def _seconds(timing: Timing) -> str:
    return f"{timing.seconds:.2f} s ({timing.runs})"


def targets(results: list[Result], cli: dict[str, Timing]) -> str:
    """The project's performance targets and whether this run meets them."""
    lines = ["", "| Target | Measured | Met |", "|---|---:|:---:|"]
    for r in results:
        if r.size == 10_000:
            ratio = r.check.seconds / r.openpyxl.seconds
            lines.append(
                f"| `ropa check` on 10,000 activities ≤ 50% of openpyxl read-only "
                f"| {ratio:.0%} | {_met(ratio <= 0.5)} |"
            )
        if r.size == 100_000:
            lines.append(
                f"| `ropa check` on 100,000 activities under 1.5 GB peak "
                f"| {r.check.peak_mb:,.0f} MB | {_met(r.check.peak_mb < 1536)} |"
            )
    for name, t in cli.items():
        lines.append(
            f"| `ropa --{name}` under 0.3 s | {t.seconds:.2f} s | {_met(t.seconds < 0.3)} |"
        )
    return "\n".join(lines)


def _met(ok: bool) -> str:
    return "yes" if ok else "**no**"


def write_markdown(path: Path, text: str, start: str = START, end: str = END) -> None:
    """Put ``text`` between the ``start`` and ``end`` markers of ``path`` (or create the file)."""
    block = f"{start}\n{text}\n{end}"
    if path.exists():
        old = path.read_text(encoding="utf-8")
        if start in old and end in old:
            head, rest = old.split(start, 1)
            block = head + block + rest.split(end, 1)[1]
        else:
            block = old.rstrip() + "\n\n" + block + "\n"
    else:
        block = "# Benchmarks\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(block, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: measure, print the Markdown table, optionally write it to a file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000], help="activities"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (best of)")
    parser.add_argument("--cli-repeat", type=int, default=5, help="runs of --version and --help")
    parser.add_argument("--seed", type=int, default=1, help="seed for generated workbooks")
    parser.add_argument("--ropa", help="the ropa command (default: the installed console script)")
    parser.add_argument("--markdown", type=Path, help="write the results into this Markdown file")
    args = parser.parse_args(argv)

    DATA.mkdir(parents=True, exist_ok=True)
    ropa = ropa_command(args.ropa)
    results = [bench_size(size, ropa, args.repeat, args.seed) for size in args.sizes]
    cli = {flag: measure([*ropa, f"--{flag}"], args.cli_repeat) for flag in ("version", "help")}
    text = table(results, cli) + "\n" + targets(results, cli)
    print(text)
    if args.markdown:
        write_markdown(args.markdown, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
