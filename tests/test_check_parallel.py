"""Many workbooks are checked in worker processes with the same report as one by one."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ropa.api.check import check_paths

api_check = sys.modules["ropa.api.check"]  # the module (ropa.api.check is the function)

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(sys.platform != "linux", reason="workers start by fork on Linux only")
def test_workers_give_the_report_of_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    books = sorted((ROOT / "workbooks").glob("*.xlsx"))
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a workbook")
    paths = [*books, broken]
    alone = check_paths(paths).to_dict()
    monkeypatch.setattr(api_check, "PARALLEL_FROM", 2)
    monkeypatch.setattr(api_check, "PARALLEL_BYTES", 0)
    assert api_check._workers([(p, None, ()) for p in paths]) > 1
    together = check_paths(paths).to_dict()
    assert together == alone
    assert alone["findings"] and len(books) >= 4
