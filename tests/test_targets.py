"""``ropa export``: the format follows the output's name, contradictions stop, folders are kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ropa.cli.app import app
from ropa.write.safety import ExportError
from ropa.write.targets import export_target
from tests.support import base_rows, write_record

CSV = frozenset({"csv"})


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("r.pdf", "pdf"), ("r.XLSX", "xlsx"), ("r.htm", "html"), ("r.json", "json"), ("r.md", "md")],
)
def test_the_name_gives_the_format(tmp_path: Path, name: str, fmt: str) -> None:
    assert export_target(tmp_path / name, None, Path("record.xlsx"), CSV) == (tmp_path / name, fmt)


@pytest.mark.parametrize(
    ("name", "fmt", "message"),
    [
        ("r.xlsx", "pdf", "ends in .xlsx but the format is pdf"),
        ("r.csv", "csv", "writes a folder"),
        ("r.csv", None, "writes a folder"),
        ("report", None, "say which format"),
    ],
)
def test_contradictions_and_missing_formats_stop(
    tmp_path: Path, name: str, fmt: str | None, message: str
) -> None:
    with pytest.raises(ExportError, match=message):
        export_target(tmp_path / name, fmt, Path("record.xlsx"), CSV)


def test_an_existing_folder_gets_the_workbook_name_inside(tmp_path: Path) -> None:
    target = export_target(tmp_path, "pdf", Path("records/se.xlsx"), CSV)
    assert target == (tmp_path / "se.pdf", "pdf")


def test_export_command_writes_a_real_pdf_for_a_pdf_name(tmp_path: Path) -> None:
    record = write_record(tmp_path / "record.xlsx", base_rows())
    result = CliRunner().invoke(app, ["export", str(record), "-o", str(tmp_path / "r.pdf")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")


def test_force_with_a_folder_is_one_line(tmp_path: Path) -> None:
    record = write_record(tmp_path / "record.xlsx", base_rows())
    (tmp_path / "out").mkdir()
    result = CliRunner().invoke(
        app, ["export", str(record), "-o", str(tmp_path / "out"), "--force"]
    )
    assert result.exit_code == 2 and result.output.startswith("ropa: error:")
    assert result.output.count("\n") == 1


def test_export_of_a_record_that_fails_check_says_so(tmp_path: Path) -> None:
    rows = base_rows()
    rows["activities"][0].pop("data_subjects")
    flawed = write_record(tmp_path / "flawed.xlsx", rows)
    clean = write_record(tmp_path / "clean.xlsx", base_rows())
    runner = CliRunner()
    said = runner.invoke(app, ["export", str(flawed), "-o", str(tmp_path / "f.json")])
    assert said.exit_code == 0 and "ropa check finds 1 error in this record" in said.stderr
    quiet = runner.invoke(app, ["export", str(clean), "-o", str(tmp_path / "c.json")])
    assert quiet.exit_code == 0 and "Note:" not in quiet.stderr
