"""``ropa check --lang``: findings in the language asked for, by default the workbook's own."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from ropa import api
from ropa.api.export import build_group_record
from ropa.cli.app import app
from ropa.write.layout import PAGE
from ropa.write.tables import SEVERITY_ORDER, findings_table
from tests.support import base_rows, write_record


def _record(tmp_path: Path, lang: str, *, more: bool = False) -> Path:
    """The base record with a consent purpose whose mechanism is not described (RP203, an
    error); ``more`` adds an activity without security measures (RP803, a warning) and a
    processor no activity uses (RP106, info)."""
    rows = base_rows()
    for row in rows["purposes"]:
        if "Consent" in str(row.get("lawful_basis")):
            row.pop("consent_mechanism", None)
    if more:
        rows["activities"][0].pop("security_measures", None)
        unused = dict(rows["processors"][0], processor_id="OLD", name="Gammal Leverantör AB")
        rows["processors"].append(unused)
    return write_record(tmp_path / f"record-{lang}.xlsx", rows, lang=lang)


def _rp203(report: api.Report) -> list[str]:
    return [f"{f.message} | {f.hint}" for f in report.findings if f.code == "RP203"]


def test_findings_follow_the_language_of_the_headings(tmp_path: Path) -> None:
    assert _rp203(api.check([_record(tmp_path, "en")])) == [
        "Consent is the basis for activity MKT-01 ('Send the newsletter'), but the "
        "consent mechanism is not described. | Say how consent is collected, recorded and "
        "withdrawn."
    ]
    (swedish,) = _rp203(api.check([_record(tmp_path, "sv")]))
    assert swedish.startswith("Samtycke är den rättsliga grunden för behandling MKT-01")
    (finnish,) = _rp203(api.check([_record(tmp_path, "fi")]))
    assert finnish.startswith("Käsittelyperusteena on suostumus (käsittelytoimi MKT-01")


def test_lang_overrides_the_workbook(tmp_path: Path) -> None:
    english = _record(tmp_path, "en")
    (danish,) = _rp203(api.check([english], lang="da"))
    assert "behandlingsgrundlaget" in danish.lower()
    (norwegian,) = _rp203(api.check([_record(tmp_path, "sv")], lang="nb"))
    assert norwegian.startswith("Samtykke er behandlingsgrunnlaget for behandling MKT-01")


def test_cli_lang(tmp_path: Path) -> None:
    record = _record(tmp_path, "en")
    result = CliRunner().invoke(app, ["check", str(record), "--lang", "sv", "-f", "json"])
    assert result.exit_code == 1, result.output
    messages = [f["message"] for f in json.loads(result.stdout)["findings"] if f["rule"] == "RP203"]
    assert messages and messages[0].startswith("Samtycke är den rättsliga grunden")
    wrong = CliRunner().invoke(app, ["check", str(record), "--lang", "de"])
    assert wrong.exit_code == 2
    assert "unknown language 'de'" in wrong.output


def test_the_findings_annex_speaks_the_report_language_errors_first(tmp_path: Path) -> None:
    """``ropa export --lang sv --with-findings``: the annex's findings are checked in Swedish
    (an English workbook), and the page reports list them by severity."""
    english = _record(tmp_path, "en", more=True)
    group = build_group_record([english], lang="sv", with_findings=True)
    (rp203,) = [f for f in group.findings if f.code == "RP203"]
    assert rp203.message.startswith("Samtycke är den rättsliga grunden för behandling MKT-01")
    assert rp203.hint == "Beskriv hur samtycket inhämtas, dokumenteras och återkallas."
    table = findings_table(group, PAGE)
    ranks = [SEVERITY_ORDER[tone] for tone in table.tones]
    assert sorted(set(ranks)) == [0, 1, 2] and ranks == sorted(ranks)
    # Without --lang the report, and so its findings, speak the workbook's language.
    finnish = build_group_record([_record(tmp_path, "fi")], with_findings=True)
    (rp203,) = [f for f in finnish.findings if f.code == "RP203"]
    assert rp203.message.startswith("Käsittelyperusteena on suostumus")


def test_export_cli_findings_in_swedish(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    record = _record(tmp_path, "en")
    result = CliRunner().invoke(
        app, ["export", str(record), "-f", "md", "-o", str(out), "--lang", "sv", "--with-findings"]
    )
    assert result.exit_code == 0, result.output
    assert "Samtycke är den rättsliga grunden för behandling MKT-01" in out.read_text("utf-8")


def test_a_baseline_saved_in_one_language_holds_in_another(tmp_path: Path) -> None:
    """Findings about no row are matched by message: a baseline saved in Swedish hides them
    in an English run, and one saved in English (as every report was before) in a Swedish
    run."""
    rows = base_rows()
    record = write_record(tmp_path / "record.xlsx", rows, lang="sv", drop_sheets=["retention"])
    for saved_in, run_in in (("sv", "en"), ("en", "sv"), ("fi", "da")):
        first = api.check([record], lang=saved_in)
        (missing,) = [f for f in first.findings if f.code == "RP101"]
        assert missing.location.row is None  # matched by its message
        baseline = tmp_path / f"baseline-{saved_in}.json"
        baseline.write_text(json.dumps(first.to_dict()), encoding="utf-8")
        again = api.check([record], lang=run_in, baseline=baseline)
        assert again.findings == [], (saved_in, run_in)
        assert again.baselined == len(first.findings)


def test_lang_in_the_configuration(tmp_path: Path) -> None:
    """``lang`` in ropa.toml words the findings; --lang still overrides it."""
    record = _record(tmp_path, "en")
    (tmp_path / "ropa.toml").write_text('lang = "fi"\n', encoding="utf-8")
    (finnish,) = _rp203(api.check([record]))
    assert finnish.startswith("Käsittelyperusteena on suostumus")
    (swedish,) = _rp203(api.check([record], lang="sv"))
    assert swedish.startswith("Samtycke är den rättsliga grunden")
    (tmp_path / "ropa.toml").write_text('lang = "de"\n', encoding="utf-8")
    wrong = CliRunner().invoke(app, ["check", str(record)])
    assert wrong.exit_code == 2 and "'lang' must be one of en, sv, nb, da, fi" in wrong.output
