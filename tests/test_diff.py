"""ropa diff: matched by ids, compared in canonical form, rendered as text, json and xlsx."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from openpyxl import load_workbook
from rich.console import Console
from typer.testing import CliRunner

from ropa.check.diff import ADDED, CHANGED, REMOVED, RecordDiff, diff_records
from ropa.cli.export import diff_command
from ropa.write.console.diff import diff_text, render_diff
from ropa.write.json_out import diff_json
from tests.support import Rows, base_rows, write_record


def _diff(tmp_path: Path, old: Rows, new: Rows, **options: object) -> RecordDiff:
    a = write_record(tmp_path / "old.xlsx", old)
    b = write_record(tmp_path / "new.xlsx", new, **options)  # type: ignore[arg-type]
    return diff_records(a, b)


def test_no_changes_when_only_the_row_order_and_language_differ(tmp_path: Path) -> None:
    new = base_rows()
    for rows in new.values():
        rows.reverse()
    new["purposes"][0]["lawful_basis"] = "6.1.a"  # the same consent, written another way
    new["retention"][1]["period"] = "till samtycket återkallas"
    old = base_rows()
    old["retention"][0]["period"] = "7 years"
    new_hr = next(r for r in new["retention"] if r["activity_id"] == "HR-01")
    new_hr["period"] = "7 år"
    diff = _diff(tmp_path, old, new, lang="sv")
    assert [c for c in diff.changes if c.sheet != "retention" or c.field != "period"] == []
    assert not any(c.key.startswith("HR-01") for c in diff.changes)


def test_added_and_removed_activities(tmp_path: Path) -> None:
    new = base_rows()
    removed = new["activities"].pop(1)
    added = dict(new["activities"][0], activity_id="HR-02", name="Recruitment")
    new["activities"].append(added)
    diff = _diff(tmp_path, base_rows(), new)
    assert [c.key for c in diff.of("activities", ADDED)] == ["HR-02"]
    assert [c.key for c in diff.of("activities", REMOVED)] == [removed["activity_id"]]


def test_changed_lawful_basis_shorter_retention_and_a_new_processor(tmp_path: Path) -> None:
    new = base_rows()
    new["purposes"][0]["lawful_basis"] = "Art. 6(1)(f) Legitimate interests"
    new["retention"][0]["period"] = "5 years"
    new["processors"].append(
        {"processor_id": "CRM", "name": "CRM AB", "role": "Processor", "countries": "SE"}
    )
    diff = _diff(tmp_path, base_rows(), new)
    basis = diff.of("purposes", CHANGED)
    assert [(c.key, c.field, c.old, c.new) for c in basis] == [
        ("HR-01 / Pay salaries", "lawful_basis", "b", "f")
    ]
    period = diff.of("retention", CHANGED)[0]
    assert (period.old, period.new, period.note) == ("7 years", "5 years", "shorter")
    assert [c.key for c in diff.of("processors", ADDED)] == ["CRM"]
    assert diff.counts() == {ADDED: 1, REMOVED: 0, CHANGED: 2}


def test_a_reworded_purpose_is_matched_by_position(tmp_path: Path) -> None:
    new = base_rows()
    new["purposes"][1]["purpose"] = "Report income tax"
    diff = _diff(tmp_path, base_rows(), new)
    assert [(c.kind, c.field) for c in diff.changes] == [(CHANGED, "purpose")]


def test_text_and_json_rendering(tmp_path: Path) -> None:
    new = base_rows()
    new["retention"][0]["period"] = "10 years"
    diff = _diff(tmp_path, base_rows(), new)
    console = Console(record=True, width=120, file=None)
    render_diff(diff, console)
    text = console.export_text()
    assert "10 years (longer)" in text and "0 added, 0 removed, 1 changed" in text
    data = json.loads(diff_json(diff))
    assert data["summary"]["changed"] == 1 and data["changes"][0]["field"] == "period"
    written = diff_text(diff)  # what --output FILE gets: plain text, 160 characters wide
    assert "10 years (longer)" in written and "\x1b" not in written
    assert max(len(line) for line in written.splitlines()) == 160


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command("diff")(diff_command)
    app.command("other")(lambda: None)  # two commands, so "diff" is a subcommand
    return app


def test_diff_command_exit_codes_and_xlsx(tmp_path: Path) -> None:
    new = base_rows()
    new["activities"][0]["security_measures"] = "@SUM(1+1)*cmd|' /C calc'!A0"
    old_path = write_record(tmp_path / "old.xlsx", base_rows())
    new_path = write_record(tmp_path / "new.xlsx", new)
    runner = CliRunner()
    plain = runner.invoke(_app(), ["diff", str(old_path), str(new_path)])
    assert plain.exit_code == 0, plain.output
    strict = runner.invoke(_app(), ["diff", str(old_path), str(new_path), "--exit-code"])
    assert strict.exit_code == 1
    same = runner.invoke(_app(), ["diff", str(old_path), str(old_path), "--exit-code"])
    assert same.exit_code == 0 and "No changes" in same.output
    out = tmp_path / "diff.xlsx"
    made = runner.invoke(
        _app(), ["diff", str(old_path), str(new_path), "-f", "xlsx", "-o", str(out)]
    )
    assert made.exit_code == 0, made.output
    ws = load_workbook(out).active
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$4:$4"
    values = [c for row in ws.iter_rows(min_row=5) for c in row if c.value]
    assert any(c.data_type == "s" and c.quotePrefix for c in values)  # the injected text
    refused = runner.invoke(
        _app(), ["diff", str(old_path), str(new_path), "-f", "xlsx", "-o", str(new_path)]
    )
    assert refused.exit_code == 2 and "input" in refused.output
