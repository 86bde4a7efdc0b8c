"""``ropa check``: read workbooks with their configuration, check them, collect one report."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from ropa.check.record import check_read_workbook
from ropa.check.report import Report
from ropa.model.findings import Finding
from ropa.read.config import Config, load_config
from ropa.read.workbook import Workbook, read_workbook


def check_workbook(
    path: str | Path,
    config: Config | None = None,
    display: str | None = None,
    policies: Sequence[str | Path] = (),
) -> tuple[Workbook, list[Finding]]:
    """Read and check one workbook, and cross-check it against its privacy notices.

    The notices are ``policies`` (files or folders; they speak for every entity) and the files
    the Organisation sheet names in its privacy-policy column (relative to the workbook).
    Raises ``WorkbookError`` when the workbook cannot be read and ``PolicyReadError`` when a
    notice cannot be.
    """
    path = Path(path)
    config = config or load_config(path)
    workbook = read_workbook(path, display, config.limits)
    return workbook, check_read_workbook(workbook, config, policies)


def check_paths(
    paths: Iterable[str | Path],
    config: Config | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    policies: Sequence[str | Path] = (),
) -> Report:
    """Check several workbooks; each uses its own configuration file unless one is given.

    ``policies`` are privacy notices (files or folders) to cross-check every workbook against.
    """
    report = Report()
    for path in paths:
        path = Path(path)
        base = config or load_config(path)
        workbook, findings = check_workbook(
            path, base.with_cli(select, ignore), str(path), policies
        )
        report.files.append(str(path))
        report.activities += len(workbook.rows("activities"))
        report.findings.extend(findings)
    return report
