"""A typo never switches a check off: rule codes in --select, --ignore and the configuration
must name a rule or a family, and the configuration's other holes are one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ropa.check.selection import is_known
from ropa.cli.app import app
from ropa.read.config import ConfigError, load_config
from tests.support import base_rows, write_record

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def record(tmp_path: Path) -> Path:
    rows = base_rows()
    rows["activities"][0].pop("data_subjects")
    return write_record(tmp_path / "record.xlsx", rows)


@pytest.mark.parametrize("code", ["RP", "RP2", "RP201", "XC", "XC1", "PN", "PN201", "RX001"])
def test_codes_and_families_are_known(code: str) -> None:
    assert is_known(code)


@pytest.mark.parametrize("code", ["RP2O1", "RP999", "XX", "PN3", "RP1011"])
def test_typos_are_unknown(code: str) -> None:
    assert not is_known(code)


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_an_unknown_code_on_the_command_line_is_a_usage_error(record: Path, option: str) -> None:
    result = CliRunner().invoke(app, ["check", str(record), option, "RP2O1"])
    assert result.exit_code == 2
    assert "no rule or family 'RP2O1'" in result.output and "did you mean RP201" in result.output


def test_an_unknown_code_in_the_notice_scan_is_a_usage_error() -> None:
    result = CliRunner().invoke(
        app, ["policy", "scan", str(ROOT / "workbooks" / "policies"), "--ignore", "PN1O2"]
    )
    assert result.exit_code == 2 and "PN102" in result.output


def test_a_prefix_selects_a_family(record: Path) -> None:
    result = CliRunner().invoke(app, ["check", str(record), "--select", "RP1", "-f", "json"])
    assert result.exit_code == 1 and '"RP104"' in result.output


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('ignore = ["RP1O4"]\n', "ignore: no rule or family 'RP1O4'"),
        ('select = ["XC2"]\n', "select: no rule or family 'XC2'"),
        ('[severity]\nRP8O1 = "error"\n', "severity: no rule or family 'RP8O1'"),
        ('ignore = [""]\n', "'ignore' has an empty rule code"),
        ("review-interval-months = true\n", "'review-interval-months' must be a positive"),
        ('severity = "error"\n', "'severity' must be a table"),
        ('tool = "x"\n', "'tool.ropa' must be a table"),
    ],
)
def test_configuration_holes_are_one_line_errors(record: Path, toml: str, message: str) -> None:
    (record.parent / "ropa.toml").write_text(toml, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(record)])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert result.output.count("\n") == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfei\x00g\x00", "not UTF-8"),
        (b"ignore = " + b"[" * 5000 + b"]" * 5000, "cannot read|nested too deeply"),
    ],
)
def test_unreadable_configuration_files(tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / "ropa.toml").write_bytes(content)
    with pytest.raises(ConfigError, match=message):
        load_config(tmp_path / "record.xlsx")


def test_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    (tmp_path / "ropa.toml").write_bytes(b"\xef\xbb\xbfreview-interval-months = 6\n")
    assert load_config(tmp_path / "record.xlsx").review_interval_months == 6


def test_pyproject_tool_that_is_not_a_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool]\nropa = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="must be a table"):
        load_config(tmp_path / "record.xlsx")
