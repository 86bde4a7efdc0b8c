"""``ropa check``: read workbooks with their configuration, check them, collect one report."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ropa.check.baseline import new_findings
from ropa.check.engine import run
from ropa.check.record import check_read_workbook
from ropa.check.report import Report
from ropa.check.rules import group
from ropa.check.selection import check_codes, check_config
from ropa.check.views.group import GroupView
from ropa.model.findings import Finding
from ropa.read.baseline import load_baseline
from ropa.read.config import Config, load_config
from ropa.read.discovery import workbook_files
from ropa.read.foreign import foreign_layout
from ropa.read.group import conflicts_between
from ropa.read.notice.reading import PolicyReadError
from ropa.read.record import record_from_workbook
from ropa.read.workbook import Workbook, WorkbookError, read_workbook


def check_workbook(
    path: str | Path,
    config: Config | None = None,
    display: str | None = None,
    policies: Sequence[str | Path] = (),
    lang: str | None = None,
) -> tuple[Workbook, list[Finding]]:
    """Read and check one workbook, and cross-check it against its privacy notices.

    The findings are worded in ``lang``, else the configuration's ``lang``, else the language
    of the workbook's headings.

    The notices are ``policies`` (files or folders; they speak for every entity) and the files
    the Organisation sheet names in its privacy-policy column (relative to the workbook).
    Raises ``WorkbookError`` when the workbook cannot be read and ``PolicyReadError`` when a
    notice cannot be.
    """
    path = Path(path)
    config = (config or load_config(path)).with_cli(None, None, lang)
    workbook = read_workbook(path, display, config.limits)
    foreign = foreign_layout(path, workbook, config.limits)
    return workbook, check_read_workbook(workbook, config, policies, foreign)


#: From this many workbooks, and this many bytes of them, a check reads and checks them in
#: worker processes, one per CPU (each workbook is checked on its own; the group's rules run
#: afterwards on all of them). Below, starting the workers costs more than it saves.
PARALLEL_FROM = 4
PARALLEL_BYTES = 4 << 20

Task = tuple[Path, Config, tuple[str | Path, ...]]
Checked = tuple[Path, Workbook, list[Finding]]


def _check_task(task: Task) -> Checked | WorkbookError | PolicyReadError:
    """One workbook read and checked (what a worker process runs), or why it could not be."""
    path, config, policies = task
    try:
        workbook, findings = check_workbook(path, config, str(path), policies)
    except (WorkbookError, PolicyReadError) as exc:
        return exc
    return path, workbook, findings


def _workers(tasks: list[Task]) -> int:
    """How many processes to check ``tasks`` in: 1 unless there are many large ones and
    processes start by forking (Linux), which costs milliseconds, not an interpreter."""
    if len(tasks) < PARALLEL_FROM or sys.platform != "linux":
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    size = sum(path.stat().st_size for path, _, _ in tasks if path.is_file())
    return min(os.cpu_count() or 1, len(tasks), 8) if size >= PARALLEL_BYTES else 1


def _each_checked(tasks: list[Task]) -> Iterator[Checked | WorkbookError | PolicyReadError]:
    """Each task's result, in the order of ``tasks`` however many processes check them."""
    workers = _workers(tasks)
    if workers == 1:
        yield from map(_check_task, tasks)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(_check_task, tasks)


def check_paths(
    paths: Iterable[str | Path],
    config: Config | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    policies: Sequence[str | Path] = (),
    baseline: Path | None = None,
    lang: str | None = None,
) -> Report:
    """Check workbooks (folders give the workbooks in them); each uses its own configuration
    file unless one is given.

    ``policies`` are privacy notices (files or folders) to cross-check every workbook against;
    ``baseline`` a saved JSON report whose findings are not reported again; ``lang`` the
    language of the messages (default: the configuration's, else each workbook's). A workbook or
    notice that cannot be read does not stop the others: it is in ``report.errors``, and when
    no input could be read at all its error is raised.
    """
    check_codes(select or (), "--select")
    check_codes(ignore or (), "--ignore")
    known = load_baseline(baseline) if baseline is not None else None
    files, notes = workbook_files(paths)
    report = Report(notes=notes)
    failures: list[Exception] = []
    workbooks: list[Workbook] = []
    tasks = []
    for path in files:
        base = config or load_config(path)
        check_config(base)
        tasks.append((path, base.with_cli(select, ignore, lang), tuple(policies)))
    for result in _each_checked(tasks):
        if isinstance(result, Exception):
            failures.append(result)
            report.errors.append(str(result))
            continue
        path, workbook, findings = result
        report.files.append(str(path))
        report.activities += len(workbook.rows("activities"))
        report.findings.extend(findings)
        workbooks.append(workbook)
    if failures and not report.files:
        raise failures[0]
    if len(workbooks) > 1:
        conflicts = conflicts_between([record_from_workbook(w) for w in workbooks])
        view = GroupView(report.files, conflicts)
        # Several workbooks' conflicts: in the language asked for, else the first workbook's.
        wording = lang or (config.lang if config else None) or workbooks[0].language
        report.findings.extend(run(view, group.RULES, config or Config(), wording))
    if known is not None:
        report.findings, report.baselined = new_findings(report.findings, known)
    # The terminal's own words in the findings' language (the first workbook's by default).
    first = workbooks[0].language if workbooks else None
    report.lang = lang or (config.lang if config else None) or first or report.lang
    return report
