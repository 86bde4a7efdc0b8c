"""A notice as a browser saves it: page furniture dropped, the notice itself read right."""

from __future__ import annotations

from pathlib import Path

from ropa.check.notices import scan_document
from ropa.read.notice.reading import read_policy

PAGE = Path(__file__).parent / "policy_fixtures" / "saved-page-nb.html"


def test_navigation_scripts_banner_and_footer_are_dropped() -> None:
    text = read_policy(PAGE).text
    for furniture in ("Godta alle", "dataLayer", "Dame", "Kjøpsvilkår", "font-family"):
        assert furniture not in text, furniture
    assert "Kongens gate 12, 7011 Trondheim" in text


def test_headings_lists_and_tables_are_kept() -> None:
    document = read_policy(PAGE)
    assert document.language == "nb"
    titles = [section.title for section in document.sections]
    assert titles[0] == "Personvernerklæring" and "Dine rettigheter" in titles
    assert any(line.startswith("- Navn, adresse") for line in document.lines)
    assert any("Regnskapsbilag" in line and "5 år" in line for line in document.lines)


def test_the_notice_is_scanned_with_real_evidence_lines() -> None:
    scan = scan_document(read_policy(PAGE))
    lines = scan.document.lines
    for key, result in scan.elements.items():
        for evidence in result.evidence:
            assert lines[evidence.line - 1].strip() == evidence.text, key
    present = {key for key, result in scan.elements.items() if result.present}
    assert {"controller_identity", "dpo_contact", "lawful_basis", "legitimate_interests"} <= present
    assert {
        "retention",
        "recipients",
        "cookies",
        "right_complaint",
        "special_categories",
    } <= present
    vendors = {vendor["name"] for vendor in scan.entities["vendors"]}
    assert {"Klarna", "Bring", "Google Analytics"} <= vendors
    kinds = {statement["kind"] for statement in scan.entities["statements"]}
    assert {"no_sensitive_data", "no_third_country_transfer"} <= kinds
    # It says data stays in the EEA, so no safeguard is owed (PN108 stays quiet).
    assert "PN108" not in {finding.code for finding in scan.findings}
