"""Benchmark: ``ropa import`` of a 5,000-row one-sheet register against ``ropa check``
of the result.

The target (issue 9): importing takes at most twice as long as checking what was imported.
Run ``python -m benchmarks.import_register [--rows 5000]``; the figure goes in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import ropa

HEADER = [
    "Business function",
    "Purpose of processing",
    "Categories of individuals",
    "Categories of personal data",
    "Categories of recipients",
    "Names of third countries or international organisations that personal data "
    "are transferred to (if applicable)",
    "Retention schedule (if possible)",
    "General description of technical and organisational security measures (if possible)",
    "Article 6 lawful basis for processing personal data",
]
BASES = ["Contract", "Legal obligation", "Legitimate interests", "Consent"]


def write_register(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    ws = book.create_sheet("Template")
    ws.append(HEADER)
    for n in range(rows):
        ws.append(
            [
                f"Dept {n % 40}",
                f"Purpose {n}",
                "Employees; Customers",
                "Name; e-mail; account",
                f"Vendor {n % 300} Ltd, our HR team",
                "USA" if n % 7 == 0 else "",
                f"{2 + n % 8} years",
                "Access control, encryption",
                BASES[n % 4],
            ]
        )
    book.save(path)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source, record = Path(folder) / "register.xlsx", Path(folder) / "record.xlsx"
        write_register(source, args.rows)
        start = time.perf_counter()
        ropa.import_record([source], record)
        imported = time.perf_counter() - start
        start = time.perf_counter()
        report = ropa.check([record])
        checked = time.perf_counter() - start
    print(
        f"rows {args.rows}: import {imported:.2f} s, check {checked:.2f} s "
        f"({len(report.findings)} findings), ratio {imported / checked:.2f} (target <= 2)"
    )


if __name__ == "__main__":
    main()
