"""Time ropa against its floors: each figure next to the cost it cannot go below.

Every measurement is a fresh subprocess, so interpreter start-up and imports are included,
and each is the best of several runs (the machine may be shared). The floors:

* ``ropa check`` of a workbook: a bare python-calamine read of every sheet of the same file
  (the target: at most 1.3 times it at 10,000 activities); the time per activity from 1,000
  to 100,000 activities (linear), and the peak memory at 100,000 (under 1 GB);
* a group of 50 workbooks (20,000 activities): calamine reading the 50 files, and
  ``ropa check`` of one 20,000-activity workbook (the same cost per activity);
* ``ropa import`` of a 5,000-row register: ``ropa check`` of what it wrote (at most 2 times);
* ``ropa diff`` of two 10,000-activity versions with 100 changes: one ``ropa check`` (2 times);
* ``ropa --version`` (0.1 s), ``ropa --help`` (0.2 s) and ``ropa check`` of the shipped
  30-activity example (0.5 s): ``python -c pass``.

Missing workbooks are generated with ``benchmarks/generate.py`` into ``benchmarks/data``.

Usage::

    python benchmarks/run.py                      # everything, as the table in docs/benchmarks.md
    python benchmarks/run.py --markdown docs/benchmarks.md
    python benchmarks/run.py --only sizes --sizes 10000
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

CALAMINE_READ = """
import sys
from python_calamine import CalamineWorkbook
cells = 0
for path in sys.argv[1:]:
    book = CalamineWorkbook.from_path(path)
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
class Row:
    """One line of the table: a figure of ropa's, its floor, and the target for the ratio."""

    what: str
    ropa: Timing
    floor: Timing | None
    floor_is: str
    target: str
    ratio_limit: float | None = None  # the ratio must be at most this
    seconds_limit: float | None = None  # or ropa's time must be at most this
    note: str = ""
    memory_limit_mb: float | None = None  # and ropa's peak memory at most this

    @property
    def ratio(self) -> float | None:
        return self.ropa.seconds / self.floor.seconds if self.floor else None

    @property
    def met(self) -> bool:
        if self.ratio_limit is not None and (self.ratio is None or self.ratio > self.ratio_limit):
            return False
        if self.memory_limit_mb is not None and self.ropa.peak_mb > self.memory_limit_mb:
            return False
        return self.seconds_limit is None or self.ropa.seconds <= self.seconds_limit


def _check(ropa: list[str], path: Path, repeat: int) -> Timing:
    return measure([*ropa, "check", str(path), "--format", "json", "--fail-on", "never"], repeat)


def _calamine(paths: Sequence[Path], repeat: int) -> Timing:
    return measure([sys.executable, "-c", CALAMINE_READ, *map(str, paths)], repeat)


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def bench_sizes(sizes: list[int], ropa: list[str], repeat: int, seed: int) -> list[Row]:
    """``ropa check`` of each size against the bare calamine read of the same file."""
    rows: list[Row] = []
    times: dict[int, tuple[float, float]] = {}  # size -> (check, calamine) seconds
    for size in sorted(sizes):
        path = workbook(size, seed)
        _say(f"{label(size)}: calamine and ropa check ...")
        floor, check = _calamine([path], repeat), _check(ropa, path, repeat)
        findings = json.loads(check.stdout)["summary"]["total"]
        times[size] = (check.seconds, floor.seconds)
        row = Row(
            f"`ropa check`, {size:,} activities ({_cells(floor):,} cells, "
            f"{path.stat().st_size / 1e6:.1f} MB, {findings:,} findings)",
            check,
            floor,
            "calamine read of the same file",
            "≤ 1.3x" if size == 10_000 else "",
            ratio_limit=1.3 if size == 10_000 else None,
            note=f"peak {check.peak_mb:,.0f} MB",
        )
        if size == 100_000:
            row.target, row.memory_limit_mb = "under 1 GB peak", 1024
        rows.append(row)
    ordered = sorted(times)
    for low, mid, high in zip(ordered, ordered[1:], ordered[2:], strict=False):
        rows.append(_linear(low, mid, high, times))
    return rows


def _cells(timing: Timing) -> int:
    try:
        return int(timing.stdout.split()[-1])
    except (ValueError, IndexError):
        return 0


def _linear(low: int, mid: int, high: int, times: dict[int, tuple[float, float]]) -> Row:
    """The time each 1,000 more activities add from ``mid`` to ``high``, against what they
    add from ``low`` to ``mid`` (start-up left out): linear means about 1x."""

    def added(a: int, b: int, which: int) -> float:
        return (times[b][which] - times[a][which]) / (b - a) * 1000

    upper, lower = added(mid, high, 0), added(low, mid, 0)
    floor = added(mid, high, 1) / max(added(low, mid, 1), 1e-9)
    return Row(
        f"`ropa check`, time per 1,000 more activities from {mid:,} to {high:,}",
        Timing(upper, 0, 0.0, ""),
        Timing(lower, 0, 0.0, ""),
        f"the same from {low:,} to {mid:,}",
        "linear: ≤ 1.1x",
        ratio_limit=1.1,
        note=f"calamine's own: {floor:.2f}x",
    )


def bench_group(ropa: list[str], repeat: int, seed: int, members: int, each: int) -> list[Row]:
    """A group of ``members`` workbooks checked in one run, against one workbook as large."""
    folder = DATA / f"group-{members}x{each}"
    if not folder.exists():
        _say(f"generating {members} workbooks of {each} activities ...")
        folder.mkdir(parents=True)
        script = [sys.executable, str(HERE / "generate.py")]
        for n in range(members):
            out = folder / f"entity-{n:02d}.xlsx"
            args = ["--activities", str(each), "--out", str(out), "--seed", str(seed + n)]
            subprocess.run(
                [*script, *args, "--prefix", f"E{n:02d}-"], check=True, stdout=sys.stderr
            )
    files = sorted(folder.glob("*.xlsx"))
    total = members * each
    single = workbook(total, seed)
    _say(f"group of {members}: calamine and ropa check ...")
    group_check = measure(
        [*ropa, "check", str(folder), "--format", "json", "--fail-on", "never"], repeat
    )
    one_check = _check(ropa, single, repeat)
    return [
        Row(
            f"`ropa check` of a group of {members} workbooks ({total:,} activities)",
            group_check,
            _calamine(files, repeat),
            f"calamine read of the {members} files",
            "",
            note=f"peak {group_check.peak_mb:,.0f} MB",
        ),
        Row(
            f"the same group, per activity, against one workbook of {total:,}",
            group_check,
            one_check,
            f"`ropa check` of one {total:,}-activity workbook",
            "same cost per activity: ≤ 1.1x",
            ratio_limit=1.1,
        ),
    ]


def bench_import(ropa: list[str], repeat: int, rows: int) -> list[Row]:
    """``ropa import`` of a one-sheet register against ``ropa check`` of what it wrote."""
    from import_register import write_register

    source, record = DATA / f"register-{label(rows)}.xlsx", DATA / f"imported-{label(rows)}.xlsx"
    if not source.exists():
        write_register(source, rows)
    _say(f"import of {rows:,} rows ...")
    imported = measure([*ropa, "import", str(source), "-o", str(record), "--force"], repeat)
    return [
        Row(
            f"`ropa import` of a {rows:,}-row one-sheet register",
            imported,
            _check(ropa, record, repeat),
            "`ropa check` of the result",
            "≤ 2x",
            ratio_limit=2.0,
        )
    ]


def bench_diff(ropa: list[str], repeat: int, seed: int, size: int, changes: int) -> list[Row]:
    """``ropa diff`` of two versions against one ``ropa check``."""
    old = workbook(size, seed)
    new = DATA / f"ropa-{label(size)}-{changes}-changes.xlsx"
    if not new.exists():
        script = [sys.executable, str(HERE / "generate.py"), "--activities", str(size)]
        args = ["--out", str(new), "--seed", str(seed), "--changes", str(changes)]
        subprocess.run([*script, *args], check=True, stdout=sys.stderr)
    _say("diff ...")
    diff = measure([*ropa, "diff", str(old), str(new), "--format", "json"], repeat)
    return [
        Row(
            f"`ropa diff` of two {size:,}-activity versions, {changes} changes",
            diff,
            _check(ropa, old, repeat),
            "one `ropa check` of the file",
            "≤ 2x",
            ratio_limit=2.0,
        )
    ]


def bench_startup(ropa: list[str], repeat: int) -> list[Row]:
    """``--version``, ``--help`` and a check of the shipped 30-activity example."""
    floor = measure([sys.executable, "-c", "pass"], repeat)
    example = Path(__file__).resolve().parent.parent / "workbooks" / "example-en.xlsx"
    rows = [
        Row("`ropa --version`", measure([*ropa, "--version"], repeat), floor, PYTHON, "≤ 0.1 s"),
        Row("`ropa --help`", measure([*ropa, "--help"], repeat), floor, PYTHON, "≤ 0.2 s"),
        Row(
            "`ropa check` of the 30-activity example (with its 4 notices)",
            _check(ropa, example, repeat),
            floor,
            PYTHON,
            "≤ 0.5 s",
        ),
    ]
    for row, limit in zip(rows, (0.1, 0.2, 0.5), strict=True):
        row.seconds_limit = limit
    return rows


#: The floor of a start-up figure: the interpreter alone.
PYTHON = "`python -c pass`"


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
        f"ropa {_version('ropa-gdpr')}, python-calamine {_version('python-calamine')}, "
        f"typer {_version('typer')}"
    )


def table(rows: list[Row]) -> str:
    """The results as Markdown: each figure, its floor, the ratio and the target."""
    lines = [
        f"Machine: {machine()}.",
        "",
        "| Measurement | ropa | Floor | Floor is | Ratio | Target | Met | Note |",
        "|---|---:|---:|---|---:|---|:---:|---|",
    ]
    for row in rows:
        ratio = f"{row.ratio:.2f}x" if row.ratio is not None else ""
        target = row.target
        met = _met(row.met) if target else ""
        floor = _seconds(row.floor) if row.floor else ""
        lines.append(
            f"| {row.what} | {_seconds(row.ropa)} | {floor} | {row.floor_is} | {ratio} "
            f"| {target} | {met} | {row.note} |"
        )
    lines += [
        "",
        "Wall-clock seconds of fresh processes (start-up included), best of (n) runs; a run "
        "slower than 60 s is not repeated. Per-1,000 rows are derived, not run.",
    ]
    return "\n".join(lines)


def _seconds(timing: Timing) -> str:
    return f"{timing.seconds:.2f} s" + (f" ({timing.runs})" if timing.runs else "")


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
    parser.add_argument("--cli-repeat", type=int, default=5, help="runs of the start-up figures")
    parser.add_argument("--seed", type=int, default=1, help="seed for generated workbooks")
    parser.add_argument("--ropa", help="the ropa command (default: the installed console script)")
    parser.add_argument("--markdown", type=Path, help="write the results into this Markdown file")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=["sizes", "group", "import", "diff", "startup"],
        default=["sizes", "group", "import", "diff", "startup"],
        help="measure only these parts",
    )
    args = parser.parse_args(argv)

    DATA.mkdir(parents=True, exist_ok=True)
    ropa = ropa_command(args.ropa)
    rows: list[Row] = []
    if "startup" in args.only:
        rows += bench_startup(ropa, args.cli_repeat)
    if "sizes" in args.only:
        rows += bench_sizes(args.sizes, ropa, args.repeat, args.seed)
    if "group" in args.only:
        rows += bench_group(ropa, args.repeat, args.seed, members=50, each=400)
    if "import" in args.only:
        rows += bench_import(ropa, args.repeat, rows=5_000)
    if "diff" in args.only:
        rows += bench_diff(ropa, args.repeat, args.seed, size=10_000, changes=100)
    text = table(rows)
    print(text)
    if args.markdown:
        write_markdown(args.markdown, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
