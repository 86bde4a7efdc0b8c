"""Shared fixtures: a clean record, and a way to check a mutated copy of it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ropa.api.check import check_workbook
from ropa.model.findings import Finding
from ropa.read.config import Config
from tests.support import TODAY, Rows, base_rows, write_record

CheckRows = Callable[..., list[Finding]]


@pytest.fixture
def rows() -> Rows:
    return base_rows()


@pytest.fixture
def check_rows(tmp_path: Path) -> CheckRows:
    """Write rows as a real workbook, check it as of TODAY, and return the findings."""
    counter = iter(range(1_000_000))

    def run(rows: Rows, config: Config | None = None, **write_options: object) -> list[Finding]:
        path = write_record(tmp_path / f"record-{next(counter)}.xlsx", rows, **write_options)  # type: ignore[arg-type]
        _, findings = check_workbook(path, config or Config(today=TODAY))
        return findings

    return run
