"""``ropa export``: the format follows the output's name, contradictions stop, folders are kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ropa.cli.app import app
from ropa.write.safety import ExportError
from ropa.write.targets import diff_target, export_target, import_target
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


# --- ropa diff and ropa import: the same rules for --output -------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("d.xlsx", "xlsx"), ("d.JSON", "json"), ("d.txt", "text"), ("d.diff", "text"), ("d", "text")],
)
def test_the_diff_file_name_gives_the_format(tmp_path: Path, name: str, fmt: str) -> None:
    target = diff_target(tmp_path / name, None, Path("v1.xlsx"), Path("v2.xlsx"))
    assert target == (tmp_path / name, fmt)


def test_a_diff_name_that_contradicts_the_format_stops(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"ends in \.json but the format is xlsx"):
        diff_target(tmp_path / "d.json", "xlsx", Path("v1.xlsx"), Path("v2.xlsx"))


def test_a_folder_gets_old_vs_new_inside(tmp_path: Path) -> None:
    old, new = Path("2025/record-v1.xlsx"), Path("2026/record-v2.xlsx")
    assert diff_target(tmp_path, "xlsx", old, new) == (
        tmp_path / "record-v1-vs-record-v2.xlsx",
        "xlsx",
    )
    same = diff_target(tmp_path, None, Path("2025/record.xlsx"), Path("2026/record.xlsx"))
    assert same == (tmp_path / "record-diff.txt", "text")
    imported = import_target(tmp_path, [Path("downloads/register.csv")])
    assert imported == tmp_path / "register.xlsx"


@pytest.mark.parametrize("name", ["record.pdf", "record", "record.csv"])
def test_an_import_named_as_no_workbook_stops(tmp_path: Path, name: str) -> None:
    with pytest.raises(ExportError, match=r"give a name ending in \.xlsx"):
        import_target(tmp_path / name, [Path("register.csv")])


def test_diff_command_writes_into_a_folder_and_as_the_name_says(tmp_path: Path) -> None:
    old = write_record(tmp_path / "old.xlsx", base_rows())
    rows = base_rows()
    rows["activities"][0]["name"] = "Renamed"
    new = write_record(tmp_path / "new.xlsx", rows)
    out = tmp_path / "out"
    out.mkdir()
    runner = CliRunner()
    into = runner.invoke(app, ["diff", str(old), str(new), "-o", str(out), "-f", "xlsx"])
    assert into.exit_code == 0, into.output
    assert (out / "old-vs-new.xlsx").read_bytes().startswith(b"PK")  # a real workbook
    named = runner.invoke(app, ["diff", str(old), str(new), "-o", str(out / "d.xlsx")])
    assert named.exit_code == 0, named.output
    assert (out / "d.xlsx").read_bytes().startswith(b"PK")  # not text named .xlsx
    (out / "old-vs-new.json").mkdir()  # --force meets a folder: one line, no traceback
    forced = runner.invoke(
        app, ["diff", str(old), str(new), "-o", str(out), "-f", "json", "--force"]
    )
    assert forced.exit_code == 2 and forced.output.startswith("ropa: error:")
    assert forced.output.count("\n") == 1


def test_import_command_writes_into_a_folder(tmp_path: Path) -> None:
    source = write_record(tmp_path / "register.xlsx", base_rows())
    out = tmp_path / "out"
    out.mkdir()
    runner = CliRunner()
    made = runner.invoke(app, ["import", str(source), "-o", str(out)])
    assert made.exit_code == 0, made.output
    assert (out / "register.xlsx").read_bytes().startswith(b"PK")
    assert str(out / "register.xlsx") in "".join(made.output.split())  # the path may wrap
    (out / "register.xlsx").unlink()
    (out / "register.xlsx").mkdir()  # --force meets a folder: one line, no traceback
    forced = runner.invoke(app, ["import", str(source), "-o", str(out), "--force"])
    assert forced.exit_code == 2 and forced.output.startswith("ropa: error:")
    assert forced.output.count("\n") == 1
