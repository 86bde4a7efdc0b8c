"""The rule engine and the public API: crash isolation, subjects, a CLI that adds nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import ropa
from ropa.check.engine import run
from ropa.check.registry import REGISTRY, all_rules, get_rule
from ropa.check.rule import RETIRED, Rule, rule
from ropa.check.rules import record
from ropa.check.views.notice import NoticeView
from ropa.check.views.record import RecordView
from ropa.cli.app import app
from ropa.model.findings import Location, Problem, Severity
from ropa.read.config import Config
from ropa.read.workbook import read_workbook
from tests.support import TODAY, base_rows, write_record

ROOT = Path(__file__).resolve().parent.parent


@rule("RP999", "always-raises", Severity.WARNING, "Art. 30(1)")
def _raises(view: RecordView) -> Iterator[Problem]:
    """A test rule that yields one problem and then fails.

    Fix: Nothing; it exists for the engine's tests.
    """
    yield Problem(view.location(), "before the crash")
    raise KeyError("no such column")


@pytest.fixture
def workbook_view(tmp_path: Path) -> RecordView:
    """The base record with one flaw (an activity without security measures: RP104)."""
    rows = base_rows()
    rows["activities"][0].pop("security_measures")
    path = write_record(tmp_path / "record.xlsx", rows)
    return RecordView(read_workbook(path), Config(today=TODAY))


def test_a_raising_rule_is_one_finding_and_the_others_still_report(
    workbook_view: RecordView, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ROPA_DEBUG", raising=False)
    expected = run(workbook_view, record.RULES, workbook_view.config)
    assert expected, "the base record should give the other rules something to report"
    findings = run(workbook_view, (*record.RULES, _raises), workbook_view.config)
    crashed = [f for f in findings if f.code == "RX001"]
    assert len(crashed) == 1
    assert "RP999" in crashed[0].message and "KeyError" in crashed[0].message
    assert crashed[0].severity is Severity.ERROR
    assert "before the crash" in [f.message for f in findings]
    others = [f for f in findings if f.code not in {"RP999", "RX001"}]
    assert others == expected, "the other rules stopped or changed"


def test_debug_lets_the_traceback_through(
    workbook_view: RecordView, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROPA_DEBUG", "1")
    with pytest.raises(KeyError):
        run(workbook_view, (_raises,), workbook_view.config)


def test_a_rule_runs_only_on_its_subject(workbook_view: RecordView) -> None:
    assert _raises.subject is RecordView
    notice_rules = [item for item in all_rules("policy")]
    assert all(item.subject is NoticeView for item in notice_rules)
    assert run(workbook_view, notice_rules, workbook_view.config) == []


def test_a_rule_needs_an_annotated_subject_and_a_docstring() -> None:
    def untyped(view):  # type: ignore[no-untyped-def]
        """Documented."""
        return iter(())

    with pytest.raises(ValueError, match="annotated"):
        rule("RP998", "untyped", Severity.INFO, "Art. 30")(untyped)

    def undocumented(view: RecordView) -> Iterator[Problem]:
        return iter(())

    with pytest.raises(ValueError, match="docstring"):
        rule("RP997", "undocumented", Severity.INFO, "Art. 30")(undocumented)


def test_retired_codes_are_never_registered_or_reused(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not set(RETIRED) & set(REGISTRY)
    monkeypatch.setitem(RETIRED, "RP996", "merged into RP104")
    with pytest.raises(ValueError, match="retired"):
        rule("RP996", "retired", Severity.INFO, "Art. 30")(_raises.function)


def test_every_rule_says_where_it_is_defined() -> None:
    for item in all_rules():
        path, _, line = item.source.rpartition(":")
        assert path.startswith("ropa/check/rules/") and path.endswith(".py"), item.source
        source = (ROOT / path).read_text(encoding="utf-8").splitlines()
        start = int(line) - 1
        assert source[start].startswith("@rule("), item.source
        assert any(
            f"def {item.function.__name__}(" in text for text in source[start : start + 10]
        ), item.source


def test_explain_takes_names_and_shows_the_source() -> None:
    result = CliRunner().invoke(app, ["explain", "notice-vendor-not-in-record"])
    assert result.exit_code == 0
    assert "XC110" in result.output and "ropa/check/rules/cross/recipients.py:" in result.output
    assert get_rule("xc110") is get_rule("XC110") is not None
    wrong = CliRunner().invoke(app, ["explain", "RP2O1"])
    assert wrong.exit_code == 2 and "did you mean RP201" in wrong.output
    shared = CliRunner().invoke(app, ["explain", "retention-missing"])
    assert shared.exit_code == 2 and "RP601 and PN109" in shared.output
    assert get_rule("retention-missing") is None


def test_explain_takes_a_name_as_people_type_it_and_a_code_cut_short() -> None:
    assert get_rule("Duplicate_ID") is get_rule("RP103") is not None
    assert get_rule("missing column") is get_rule("RP102") is not None
    cut = CliRunner().invoke(app, ["explain", "xc12"])
    assert cut.exit_code == 2 and "did you mean XC120 or XC121 or XC122?" in cut.output


def test_rules_are_rule_objects_with_one_family_each() -> None:
    families = {item.scope for item in all_rules()}
    assert families == {"record", "policy", "cross", "group"}
    assert all(isinstance(item, Rule) for item in all_rules())
    assert [r.code for r in all_rules()] == sorted(REGISTRY)


def test_cli_json_is_the_api_report(monkeypatch: pytest.MonkeyPatch) -> None:
    """`ropa check --format json` prints exactly what `ropa.check(...)` returns."""
    monkeypatch.chdir(ROOT)
    paths = ["workbooks/flawed-en.xlsx", "workbooks/example-en.xlsx"]
    result = CliRunner().invoke(app, ["check", *paths, "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout) == ropa.check(paths).to_dict()


def test_cli_scan_json_is_the_api_report(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["policy", "scan", "workbooks/policies", "-f", "json"])
    assert json.loads(result.stdout) == ropa.scan_notices(["workbooks/policies"]).to_dict()


def test_public_api(tmp_path: Path) -> None:
    assert set(ropa.__all__) >= {
        "check",
        "scan_notices",
        "export",
        "diff",
        "Finding",
        "Severity",
        "Report",
        "__version__",
    }
    report = ropa.check([ROOT / "workbooks" / "flawed-en.xlsx"], select=["RP4"])
    assert isinstance(report, ropa.Report) and report.findings
    assert {f.code[:3] for f in report.findings} == {"RP4"}
    assert all(isinstance(f, ropa.Finding) for f in report.findings)
    assert report.failed("warning")
    written = ropa.export([ROOT / "workbooks" / "example-en.xlsx"], "json", tmp_path / "r.json")
    assert json.loads(written[0].read_text(encoding="utf-8"))["activities"]
    changes = ropa.diff(
        ROOT / "workbooks" / "example-en.xlsx", ROOT / "workbooks" / "flawed-en.xlsx"
    )
    assert changes.has_changes
    with pytest.raises(ropa.USER_ERRORS):
        ropa.check([tmp_path / "missing.xlsx"])


def test_location_carries_a_notice_line() -> None:
    where = Location("notice.md", line=12)
    assert where.line == 12 and where.row is None and where.cell is None
