# ruff: noqa: E501 - the notices are prose, one paragraph a line, as DPOs write them
"""The cross-check of a privacy notice against the record (XC rules), built on real workbooks."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from ropa.api.check import check_paths, check_workbook
from ropa.check.registry import all_rules
from ropa.cli.app import app
from ropa.model.findings import Severity
from ropa.model.resources import load_schema
from ropa.read.config import Config
from ropa.write.sarif import to_sarif
from tests.support import TODAY, Rows, base_rows, write_record

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
runner = CliRunner()

#: A complete Swedish notice that tells the same story as tests.support's record.
GOOD_SV = """# Integritetspolicy för Exempelbolaget AB

## Personuppgiftsansvarig

Exempelbolaget AB, organisationsnummer 556000-0000, Storgatan 1, 111 22 Stockholm, är personuppgiftsansvarig. Du når oss på privacy@exempel.example.

## Dataskyddsombud

Vårt dataskyddsombud når du på dpo@exempel.example.

## Vilka uppgifter vi behandlar

Vi behandlar ditt namn och din e-postadress.

## Varför vi behandlar uppgifterna och med vilket stöd

Vi skickar vårt nyhetsbrev till dig med ditt samtycke (artikel 6.1 a). Du kan när som helst återkalla ditt samtycke.

## Mottagare

Vi anlitar ett personuppgiftsbiträde som skickar ut nyhetsbrevet för vår räkning.

## Överföring till tredje land

Vårt utskicksverktyg behandlar uppgifter i USA. Överföringen sker med stöd av EU-kommissionens standardavtalsklausuler.

## Hur länge vi sparar uppgifterna

Uppgifterna sparas tills du återkallar ditt samtycke.

## Dina rättigheter

Du har rätt att få tillgång till dina uppgifter och att få dem rättade eller raderade. Du har rätt att lämna in ett klagomål till Integritetsskyddsmyndigheten (IMY).
"""

#: The same notice in English.
GOOD_EN = """# Privacy notice of Exempelbolaget AB

## Controller

Exempelbolaget AB, registration number 556000-0000, Storgatan 1, 111 22 Stockholm, is the controller. Contact us at privacy@exempel.example.

## Data protection officer

You can reach our data protection officer at dpo@exempel.example.

## The personal data we process

We process your name and your e-mail address.

## Purposes and legal basis

We send you our newsletter based on your consent (Art. 6(1)(a) GDPR). You can withdraw your consent at any time.

## Recipients

We use a processor that sends the newsletter on our behalf.

## Transfers outside the EU/EEA

Our mailing service processes data in the United States. The transfer is based on the European Commission's standard contractual clauses.

## How long we keep your data

We keep your data until you withdraw your consent.

## Your rights

You have the right to access, rectify and erase your data. You have the right to lodge a complaint with the Swedish Authority for Privacy Protection (IMY).
"""


def _record(tmp_path: Path, rows: Rows | None = None, policy: str | None = None) -> Path:
    rows = rows or base_rows()
    if policy is not None:
        rows["organisation"][0]["privacy_policy"] = policy
    return write_record(tmp_path / "record.xlsx", rows)


def _check(
    tmp_path: Path,
    notice: str = GOOD_SV,
    change: Callable[[Rows], None] | None = None,
    name: str = "notice.md",
) -> list[Any]:
    """The XC findings of the base record (changed) against a notice named on its
    Organisation sheet."""
    (tmp_path / name).write_text(notice, encoding="utf-8")
    rows = base_rows()
    if change is not None:
        change(rows)
    path = _record(tmp_path, rows, policy=name)
    _, findings = check_workbook(path, Config(today=TODAY))
    return [f for f in findings if f.code.startswith("XC")]


def _codes(findings: list[Any]) -> list[str]:
    return [f.code for f in findings]


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new)


# --- the clean case, in two languages -------------------------------------------------------


def test_good_swedish_notice_against_english_record_is_clean(tmp_path: Path) -> None:
    assert _check(tmp_path) == []


def test_good_english_notice_is_clean(tmp_path: Path) -> None:
    assert _check(tmp_path, GOOD_EN) == []


# --- XC101 / XC102: the Organisation sheet's links ---------------------------------------


def test_xc101_url_is_not_fetched(tmp_path: Path) -> None:
    path = _record(tmp_path, policy="https://www.exempel.example/integritet")
    _, findings = check_workbook(path, Config(today=TODAY))
    assert _codes(findings) == ["XC101"]
    finding = findings[0]
    assert finding.severity is Severity.INFO
    assert "--policy" in (finding.hint or "")
    assert finding.location.sheet == "Organisation" and finding.location.cell


def test_xc101_not_reported_when_a_policy_is_given(tmp_path: Path) -> None:
    (tmp_path / "notice.md").write_text(GOOD_SV, encoding="utf-8")
    path = _record(tmp_path, policy="https://www.exempel.example/integritet")
    _, findings = check_workbook(path, Config(today=TODAY), policies=[tmp_path / "notice.md"])
    assert _codes(findings) == []


def test_xc102_missing_file(tmp_path: Path) -> None:
    path = _record(tmp_path, policy="policies/gone.md")
    _, findings = check_workbook(path, Config(today=TODAY))
    assert _codes(findings) == ["XC102"]
    assert findings[0].severity is Severity.WARNING


def test_free_text_policy_cell_is_ignored(tmp_path: Path) -> None:
    path = _record(tmp_path, policy="Published on the intranet")
    _, findings = check_workbook(path, Config(today=TODAY))
    assert findings == []


# --- XC103: purposes --------------------------------------------------------------------


def test_xc103_purpose_not_in_notice(tmp_path: Path) -> None:
    notice = GOOD_SV.replace("nyhetsbrev", "utskick")
    findings = _check(tmp_path, notice)
    assert "XC103" in _codes(findings)
    finding = next(f for f in findings if f.code == "XC103")
    assert finding.location.sheet == "Purposes" and finding.location.cell
    assert "MKT-01" in finding.message and "notice.md line" in finding.message


def test_xc103_employee_only_activities_are_left_out(tmp_path: Path) -> None:
    # The payroll activity (employees) has no purpose in the customer notice, and that is fine.
    assert "XC103" not in _codes(_check(tmp_path))


# --- XC104 / XC105 / XC106: data ---------------------------------------------------------


def _with_ip(rows: Rows) -> None:
    rows["activities"][1]["data_categories"] = ["E-mail address", "Name", "IP address"]


def test_xc104_category_not_in_notice(tmp_path: Path) -> None:
    findings = _check(tmp_path, change=_with_ip)
    assert _codes(findings) == ["XC104"]
    assert findings[0].location.sheet == "Activities"
    assert "online identifiers" in findings[0].message


def test_xc104_category_in_notice(tmp_path: Path) -> None:
    notice = _replace(GOOD_SV, "din e-postadress.", "din e-postadress och IP-adress.")
    assert _check(tmp_path, notice, _with_ip) == []


def _with_health(rows: Rows) -> None:
    rows["activities"][1]["special_categories"] = "Health"
    rows["purposes"][2]["art9_condition"] = "Art. 9(2)(a) Explicit consent"


def test_xc105_special_category_not_in_notice(tmp_path: Path) -> None:
    findings = [f for f in _check(tmp_path, change=_with_health) if f.code == "XC105"]
    assert len(findings) == 1 and "health" in findings[0].message


def test_xc105_special_category_in_notice(tmp_path: Path) -> None:
    notice = _replace(
        GOOD_SV,
        "din e-postadress.",
        "din e-postadress samt, med ditt uttryckliga samtycke, hälsouppgifter om allergier.",
    )
    assert "XC105" not in _codes(_check(tmp_path, notice, _with_health))


def test_xc106_notice_denies_sensitive_data(tmp_path: Path) -> None:
    notice = _replace(
        GOOD_SV,
        "din e-postadress.",
        "din e-postadress. Vi behandlar inga känsliga personuppgifter.",
    )
    findings = _check(tmp_path, notice, _with_health)
    assert "XC106" in _codes(findings) and "XC105" not in _codes(findings)
    finding = next(f for f in findings if f.code == "XC106")
    assert finding.severity is Severity.ERROR
    assert finding.related[0].file == "notice.md"
    assert "känsliga" in finding.related[0].text
    assert f"line {finding.related[0].line}" in finding.message
    # Without special categories in the record the statement is fine.
    assert "XC106" not in _codes(_check(tmp_path, notice))


# --- XC107 / XC108: lawful basis -----------------------------------------------------------


def test_xc107_basis_not_in_notice(tmp_path: Path) -> None:
    notice = _replace(
        GOOD_SV,
        "med ditt samtycke (artikel 6.1 a). Du kan när som helst återkalla ditt samtycke.",
        "varje månad.",
    ).replace("tills du återkallar ditt samtycke", "tills du avslutar prenumerationen")
    findings = _check(tmp_path, notice)
    assert "XC107" in _codes(findings)
    finding = next(f for f in findings if f.code == "XC107")
    assert "consent" in finding.message and finding.location.column


def _legitimate(rows: Rows) -> None:
    rows["purposes"][2]["lawful_basis"] = "Art. 6(1)(f) Legitimate interests"
    rows["purposes"][2]["legitimate_interest"] = "Marketing to existing customers"
    rows["purposes"][2]["lia_reference"] = "LIA-1"


def test_xc108_legitimate_interest_not_described(tmp_path: Path) -> None:
    notice = _replace(
        GOOD_SV,
        "med ditt samtycke (artikel 6.1 a).",
        "med stöd av artikel 6.1 f (berättigat intresse). Du kan när som helst invända.",
    )
    findings = _check(tmp_path, notice, _legitimate)
    assert "XC108" in _codes(findings) and "XC107" not in _codes(findings)


def test_xc108_legitimate_interest_described(tmp_path: Path) -> None:
    notice = _replace(
        GOOD_SV,
        "med ditt samtycke (artikel 6.1 a).",
        "med stöd av vårt berättigade intresse av att kunna marknadsföra våra produkter till "
        "befintliga kunder (artikel 6.1 f).",
    )
    assert "XC108" not in _codes(_check(tmp_path, notice, _legitimate))


# --- XC109 / XC110: recipients -----------------------------------------------------------


def test_xc109_no_recipient_statement(tmp_path: Path) -> None:
    notice = _replace(
        GOOD_SV,
        "## Mottagare\n\nVi anlitar ett personuppgiftsbiträde som skickar ut nyhetsbrevet för "
        "vår räkning.\n",
        "",
    ).replace(_TRANSFER, "")
    notice = notice.replace("Vi skickar vårt nyhetsbrev till dig", "Du får vårt nyhetsbrev")
    findings = _check(tmp_path, notice)
    assert "XC109" in _codes(findings)
    assert next(f for f in findings if f.code == "XC109").location.sheet == "Activities"


def test_xc110_vendor_missing_from_record(tmp_path: Path) -> None:
    notice = GOOD_SV + "\nVi använder Hotjar för att förstå hur webbplatsen används.\n"
    findings = _check(tmp_path, notice)
    assert _codes(findings) == ["XC110"]
    finding = findings[0]
    assert finding.location.sheet == "Processors" and finding.location.row == 1
    assert "Hotjar" in finding.message and "incomplete" in finding.message


def test_xc110_vendor_found_in_processor_service(tmp_path: Path) -> None:
    notice = GOOD_SV + "\nNyhetsbrevet skickas med Mailchimp.\n"

    def service(rows: Rows) -> None:
        rows["processors"][1]["service"] = "Newsletter delivery (mailchimp)"

    assert "XC110" in _codes(_check(tmp_path, notice))
    assert _check(tmp_path, notice, service) == []


# --- XC111 / XC112 / XC113: transfers ------------------------------------------------------

_TRANSFER = (
    "## Överföring till tredje land\n\nVårt utskicksverktyg behandlar uppgifter i USA. "
    "Överföringen sker med stöd av EU-kommissionens standardavtalsklausuler.\n"
)


def test_xc111_transfer_not_in_notice(tmp_path: Path) -> None:
    findings = _check(tmp_path, _replace(GOOD_SV, _TRANSFER, ""))
    assert "XC111" in _codes(findings)
    assert next(f for f in findings if f.code == "XC111").location.sheet == "Transfers"


def test_xc112_notice_denies_transfers(tmp_path: Path) -> None:
    notice = _replace(
        GOOD_SV,
        _TRANSFER,
        "## Överföring till tredje land\n\nVi överför aldrig personuppgifter utanför EU/EES.\n",
    )
    findings = _check(tmp_path, notice)
    assert "XC112" in _codes(findings) and "XC111" not in _codes(findings)
    assert next(f for f in findings if f.code == "XC112").severity is Severity.ERROR


def test_xc112_not_reported_without_transfers(tmp_path: Path) -> None:
    notice = _replace(
        GOOD_SV,
        _TRANSFER,
        "## Överföring till tredje land\n\nVi överför aldrig personuppgifter utanför EU/EES.\n",
    )

    def no_transfers(rows: Rows) -> None:
        rows["transfers"] = []

    assert "XC112" not in _codes(_check(tmp_path, notice, no_transfers))


def test_xc113_no_safeguard(tmp_path: Path) -> None:
    notice = _replace(
        GOOD_SV,
        " Överföringen sker med stöd av EU-kommissionens standardavtalsklausuler.",
        "",
    )
    assert "XC113" in _codes(_check(tmp_path, notice))


# --- XC114 / XC115: retention --------------------------------------------------------------


def _newsletter_period(period: str) -> Callable[[Rows], None]:
    def change(rows: Rows) -> None:
        rows["retention"].append(
            {
                "activity_id": "MKT-01",
                "data_category": "Newsletter subscriber data",
                "period": period,
                "trigger": "Unsubscription",
                "deletion_method": "Deleted",
            }
        )

    return change


_PERIOD = "Uppgifter om prenumeranter på nyhetsbrevet sparas i 3 år efter avslutad prenumeration."


def test_xc114_retention_contradicts(tmp_path: Path) -> None:
    notice = GOOD_SV.replace(
        "Uppgifterna sparas tills du återkallar ditt samtycke.",
        "Uppgifterna sparas tills du återkallar ditt samtycke. " + _PERIOD,
    )
    findings = _check(tmp_path, notice, _newsletter_period("5 years"))
    assert _codes(findings) == ["XC114"]
    finding = findings[0]
    assert finding.location.sheet == "Retention" and finding.location.cell
    assert "3 år" in finding.message and "5 years" in finding.message


def test_xc114_same_period_in_other_units_agrees(tmp_path: Path) -> None:
    notice = GOOD_SV.replace(
        "Uppgifterna sparas tills du återkallar ditt samtycke.",
        "Uppgifterna sparas tills du återkallar ditt samtycke. " + _PERIOD,
    )
    assert _check(tmp_path, notice, _newsletter_period("36 months")) == []


def test_xc114_unrelated_period_is_not_compared(tmp_path: Path) -> None:
    notice = GOOD_SV.replace(
        "Uppgifterna sparas tills du återkallar ditt samtycke.",
        "Uppgifterna sparas tills du återkallar ditt samtycke. Kamerabilder sparas i 30 dagar.",
    )
    assert _check(tmp_path, notice, _newsletter_period("5 years")) == []


def test_xc115_no_retention_in_notice(tmp_path: Path) -> None:
    notice = _replace(
        GOOD_SV,
        "## Hur länge vi sparar uppgifterna\n\nUppgifterna sparas tills du återkallar ditt "
        "samtycke.\n",
        "",
    )
    assert "XC115" in _codes(_check(tmp_path, notice))


# --- XC116 / XC117 / XC118: controller, DPO, authority -----------------------------------


def test_xc116_registration_number_differs(tmp_path: Path) -> None:
    findings = _check(tmp_path, GOOD_SV.replace("556000-0000", "556000-0001"))
    assert _codes(findings) == ["XC116"]
    assert findings[0].location.column is not None


def test_xc116_legal_name_missing(tmp_path: Path) -> None:
    findings = _check(tmp_path, GOOD_SV.replace("Exempelbolaget AB", "Exempel"))
    assert _codes(findings) == ["XC116"] and "Exempelbolaget AB" in findings[0].message


def test_xc117_dpo_email_differs(tmp_path: Path) -> None:
    findings = _check(tmp_path, GOOD_SV.replace("dpo@exempel.example", "ombud@annat.example"))
    assert _codes(findings) == ["XC117"]
    assert "ombud@annat.example" in findings[0].message


def test_xc118_authority_of_another_country(tmp_path: Path) -> None:
    notice = GOOD_SV.replace("Integritetsskyddsmyndigheten (IMY)", "Datatilsynet i Norge")
    findings = _check(tmp_path, notice)
    assert _codes(findings) == ["XC118"]


def test_xc118_former_name(tmp_path: Path) -> None:
    notice = GOOD_SV.replace("Integritetsskyddsmyndigheten (IMY)", "Datainspektionen")
    findings = _check(tmp_path, notice)
    assert _codes(findings) == ["XC118"] and "Integritetsskyddsmyndigheten" in findings[0].message


def test_norwegian_notice_for_a_swedish_entity(tmp_path: Path) -> None:
    notice = """# Personvernerklæring for Exempelbolaget AB

Exempelbolaget AB, organisasjonsnummer 556000-0000, Storgatan 1, Stockholm, er behandlingsansvarlig.

Vi sender nyhetsbrev med ditt samtykke. Vi behandler navn og e-postadresse.

Du kan klage til Datatilsynet.
"""
    codes = _codes(_check(tmp_path, notice))
    assert "XC118" in codes and "XC115" in codes and "XC111" in codes


# --- the rules themselves ------------------------------------------------------------------


def test_every_cross_rule_documents_its_fix_and_article() -> None:
    rules = all_rules("cross")
    assert [r.code for r in rules] == [f"XC1{n:02d}" for n in range(1, len(rules) + 1)]
    for item in rules:
        assert "Fix:" in item.doc, item.code
        assert "Art." in item.reference, item.code
        assert item.group == "Notice against record"


def test_record_rules_do_not_include_cross_rules() -> None:
    assert not [r for r in all_rules("record") if r.code.startswith("XC")]


# --- outputs -----------------------------------------------------------------------------


def _report(tmp_path: Path) -> Any:
    notice = GOOD_SV.replace("Integritetsskyddsmyndigheten (IMY)", "Datainspektionen")
    (tmp_path / "notice.md").write_text(notice, encoding="utf-8")
    path = _record(tmp_path)
    return check_paths([path], Config(today=TODAY), policies=[tmp_path / "notice.md"])


def test_json_has_related_and_is_valid(tmp_path: Path) -> None:
    document = _report(tmp_path).to_dict()
    jsonschema.validate(document, load_schema("findings"))
    crossed = [f for f in document["findings"] if f["rule"] == "XC118"]
    assert crossed and crossed[0]["related"][0]["file"].endswith("notice.md")
    assert "Datainspektionen" in crossed[0]["related"][0]["text"]
    assert crossed[0]["cell"]
    assert all("related" not in f for f in document["findings"] if f["rule"].startswith("RP"))


def test_sarif_has_related_locations(tmp_path: Path) -> None:
    sarif = to_sarif(_report(tmp_path))
    results = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "XC118"]
    related = results[0]["relatedLocations"][0]
    assert related["physicalLocation"]["artifactLocation"]["uri"].endswith("notice.md")
    assert related["physicalLocation"]["region"]["startLine"] >= 1


def test_text_shows_the_notice_line(tmp_path: Path) -> None:
    from rich.console import Console

    from ropa.write.text import render_text

    console = Console(width=400, record=True, highlight=False)
    render_text(_report(tmp_path), console)
    text = console.export_text()
    assert "XC118" in text
    assert "see: " in text and "notice.md:" in text and "'## Dina rättigheter" not in text
    assert "Datainspektionen" in text


def test_cli_text_output_with_policy(tmp_path: Path) -> None:
    notice = GOOD_SV.replace("Integritetsskyddsmyndigheten (IMY)", "Datainspektionen")
    (tmp_path / "notice.md").write_text(notice, encoding="utf-8")
    path = _record(tmp_path)
    result = runner.invoke(app, ["check", str(path), "--policy", str(tmp_path / "notice.md")])
    assert result.exit_code == 0, result.output
    assert "XC118" in result.output and "see: " in result.output


# --- the command -------------------------------------------------------------------------


def test_cli_policy_option_and_exit_codes(tmp_path: Path) -> None:
    notice = _replace(
        GOOD_SV,
        _TRANSFER,
        "## Överföring till tredje land\n\nVi överför aldrig personuppgifter utanför EU/EES.\n",
    )
    folder = tmp_path / "notices"
    folder.mkdir()
    (folder / "notice.md").write_text(notice, encoding="utf-8")
    path = _record(tmp_path)
    result = runner.invoke(app, ["check", str(path), "--policy", str(folder), "-f", "json"])
    assert result.exit_code == 1, result.output
    assert "XC112" in {f["rule"] for f in json.loads(result.output)["findings"]}
    clean = runner.invoke(app, ["check", str(path), "--policy", str(folder), "--ignore", "XC112"])
    assert clean.exit_code == 0, clean.output


@pytest.mark.parametrize("name", ["missing.md", "notice.xyz"])
def test_cli_unreadable_policy_exits_2(tmp_path: Path, name: str) -> None:
    if name.endswith(".xyz"):
        (tmp_path / name).write_text("text", encoding="utf-8")
    path = _record(tmp_path)
    result = runner.invoke(app, ["check", str(path), "--policy", str(tmp_path / name)])
    assert result.exit_code == 2
    assert "ropa: error:" in result.output and name in result.output


def test_cli_organisation_sheet_policy_is_checked_automatically(tmp_path: Path) -> None:
    (tmp_path / "notice.md").write_text(
        GOOD_SV.replace("556000-0000", "556000-0001"), encoding="utf-8"
    )
    path = _record(tmp_path, policy="notice.md")
    result = runner.invoke(app, ["check", str(path), "-f", "json"])
    assert result.exit_code == 0
    assert [f["rule"] for f in json.loads(result.output)["findings"]] == ["XC116"]


def test_organisation_policy_given_again_speaks_only_for_its_entity(tmp_path: Path) -> None:
    rows = base_rows()
    other = dict(rows["organisation"][0], entity_id="SE02", legal_name="Annat AB")
    other["registration_number"] = "556111-1111"
    rows["organisation"].append(other)
    (tmp_path / "notice.md").write_text(GOOD_SV, encoding="utf-8")
    rows["organisation"][0]["privacy_policy"] = "notice.md"
    path = write_record(tmp_path / "record.xlsx", rows)
    _, named = check_workbook(path, Config(today=TODAY))
    _, given = check_workbook(path, Config(today=TODAY), policies=[tmp_path / "notice.md"])
    assert [f.code for f in named if f.code.startswith("XC")] == []
    assert [f.code for f in given if f.code.startswith("XC")] == []


def test_check_without_policy_does_not_load_notice_libraries(tmp_path: Path) -> None:
    """Without a notice, no language model, HTML, PDF or Word library is loaded."""
    path = _record(tmp_path)
    code = (
        "import sys\n"
        "from ropa.api.check import check_workbook\n"
        f"check_workbook({str(path)!r})\n"
        "heavy = ('lingua', 'bs4', 'pypdf', 'docx', 'charset_normalizer')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]", out.stdout


# --- the shipped examples and real notices -------------------------------------------------


def test_example_notices_are_checked_and_clean() -> None:
    workbook, findings = check_workbook(ROOT / "workbooks" / "example-en.xlsx", Config(today=TODAY))
    links = [r.text("privacy_policy") for r in workbook.rows("organisation")]
    assert links and all(link.startswith("policies/") for link in links)
    assert all((ROOT / "workbooks" / link).is_file() for link in links)
    assert findings == []


def test_flawed_example_shows_off_the_cross_check() -> None:
    _, findings = check_workbook(ROOT / "workbooks" / "flawed-en.xlsx", Config(today=TODAY))
    codes = {f.code for f in findings if f.code.startswith("XC")}
    assert {"XC101", "XC110", "XC112", "XC114", "XC116", "XC118"} <= codes


def test_init_example_elsewhere_has_no_policy_paths(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "x.xlsx"), "--example"])
    assert result.exit_code == 0, result.output
    _, findings = check_workbook(tmp_path / "x.xlsx", Config(today=TODAY))
    assert findings == []


def test_seed_notices_run_through_the_cross_check(tmp_path: Path) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed notices are not available (looked in {SEEDS})")
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        pytest.skip("no seed notices (*.txt) in the seeds folder")
    path = _record(tmp_path)
    report = check_paths([path], Config(today=TODAY), policies=seeds)
    crossed = [f for f in report.findings if f.code.startswith("XC")]
    # Another organisation's notices cannot name this controller.
    assert {f.code for f in crossed} >= {"XC116"}
    assert all(f.location.sheet for f in crossed)
