"""Legal facts: countries, EEA, adequacy, supervisory authorities, national ID rules."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import pytest

from ropa.model import legal
from ropa.model.languages import RECORD_LANGUAGES
from ropa.model.resources import load_data

FILES = (
    "eea",
    "adequacy",
    "supervisory_authorities",
    "national_id",
    "criminal_data",
    "children_consent",
    "international_organisations",
)
NORDICS = ("SE", "NO", "DK", "FI", "IS")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.mark.parametrize("name", FILES)
def test_every_file_names_its_source_and_date(name: str) -> None:
    source, date = legal.data_source(name)
    assert source.strip()
    assert ISO_DATE.match(date)


#: Files that could not be checked against the official text, and say what they were
#: compared with instead (IMY's Art. 35(4) list: no stored copy of its text was found).
UNVERIFIED = {"legal/dpia_list_se.json"}


def test_every_legal_and_vocabulary_file_is_compiled_and_verified() -> None:
    found = legal.legal_provenance()
    assert {item.file for item in found} >= {f"legal/{name}.json" for name in FILES}
    for item in found:
        assert ISO_DATE.match(item.compiled), item.file
        if item.file in UNVERIFIED:
            assert item.verified_on is None and item.verified_against is None, item.file
            assert item.compared_with and item.compared_with.strip(), item.file
            continue
        assert item.compared_with is None, f"{item.file} is unverified but not in UNVERIFIED"
        assert item.verified_on is not None and ISO_DATE.match(item.verified_on), item.file
        assert item.verified_against, item.file
        assert item.compiled <= item.verified_on, item.file
    # The audit of issue 10 verified the legal files this month.
    for name in FILES:
        if f"legal/{name}.json" not in UNVERIFIED:
            assert legal.provenance(f"legal/{name}.json").verified_on == "2026-12-01", name


def test_an_unverified_file_does_not_hide_the_age_of_the_others() -> None:
    oldest = legal.oldest_verification()
    assert oldest.file not in UNVERIFIED
    assert oldest.verified_on is not None


def test_import_does_not_load_pycountry() -> None:
    code = "import sys, ropa.model.legal; assert 'pycountry' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


# --- country codes -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SE", "SE"),
        ("se", "SE"),
        (" Sweden ", "SE"),
        ("Sverige", "SE"),
        ("Ruotsi", "SE"),
        ("SWE", "SE"),
        ("Norway", "NO"),
        ("Norge", "NO"),
        ("Norja", "NO"),
        ("Danmark", "DK"),
        ("Denmark", "DK"),
        ("Tanska", "DK"),
        ("Finland", "FI"),
        ("Suomi", "FI"),
        ("Island", "IS"),
        ("Iceland", "IS"),
        ("Islanti", "IS"),
        ("Tyskland", "DE"),
        ("Saksa", "DE"),
        ("USA", "US"),
        ("United States", "US"),
        ("Yhdysvallat", "US"),
        ("UK", "GB"),
        ("United Kingdom", "GB"),
        ("Storbritannien", "GB"),
        ("Storbritannia", "GB"),
        ("EL", "GR"),
        ("Greece", "GR"),
        ("Grekland", "GR"),
        ("Hellas", "GR"),
        ("Grækenland", "GR"),
        ("Kreikka", "GR"),
        ("South Korea", "KR"),
        ("Schweiz", "CH"),
    ],
)
def test_country_code(text: str, expected: str) -> None:
    assert legal.country_code(text) == expected


@pytest.mark.parametrize("text", ["", "  ", "XX", "Atlantis", "Narnia \u2013 X"])
def test_country_code_unknown(text: str) -> None:
    assert legal.country_code(text) is None


@pytest.mark.parametrize("lang", RECORD_LANGUAGES)
def test_country_choices_round_trip(lang: str) -> None:
    choices = legal.country_choices(lang)
    assert len(choices) > 240
    for choice in choices:
        assert legal.country_code(choice) == choice[:2]
    assert legal.country_code(choice.replace("\u2013", "-")) == choice[:2]


def test_country_choices_put_the_eea_first() -> None:
    codes = [choice[:2] for choice in legal.country_choices()]
    eea_count = 30
    territories = set(legal.eea_territories())
    assert all(legal.is_eea(code) for code in codes[:eea_count])
    assert not any(legal.is_eea(code) for code in codes[eea_count:] if code not in territories)
    assert codes[eea_count:] == sorted(codes[eea_count:])
    assert "SE \u2013 Sverige" in legal.country_choices("sv")
    assert "FI \u2013 Suomi" in legal.country_choices("fi")


@pytest.mark.parametrize(
    ("code", "lang", "expected"),
    [
        ("SE", "en", "Sweden"),
        ("SE", "fi", "Ruotsi"),
        ("NO", "nb", "Norge"),
        ("DK", "da", "Danmark"),
        ("EL", "sv", "Grekland"),
        ("GB", "xx", "United Kingdom"),
    ],
)
def test_country_name(code: str, lang: str, expected: str) -> None:
    assert legal.country_name(code, lang) == expected


# --- EEA ---------------------------------------------------------------------------------


def test_eea_has_27_eu_states_and_three_efta_states() -> None:
    data = load_data("legal/eea.json")
    assert len(set(data["eu"])) == 27
    assert set(data["efta_eea"]) == {"IS", "LI", "NO"}


@pytest.mark.parametrize("code", ["SE", "NO", "DK", "FI", "IS", "LI", "DE", "GR", "EL", "ie"])
def test_in_eea(code: str) -> None:
    assert legal.is_eea(code)


@pytest.mark.parametrize("code", ["GB", "UK", "CH", "US", "FO", "GL", "GI", "", "XX", "EPOrg"])
def test_not_in_eea(code: str) -> None:
    assert not legal.is_eea(code)


@pytest.mark.parametrize(
    ("code", "state"),
    [
        ("AX", "FI"),
        ("Åland", "FI"),
        ("GF", "FR"),
        ("GP", "FR"),
        ("MQ", "FR"),
        ("RE", "FR"),
        ("YT", "FR"),
        ("MF", "FR"),
    ],
)
def test_eu_territories_with_their_own_code_are_in_the_eea(code: str, state: str) -> None:
    # TFEU Art. 349 and 355: Åland and the French outermost regions are EU territory.
    assert legal.is_eea(code)
    assert legal.member_state(code) == state


# --- adequacy ----------------------------------------------------------------------------


def test_us_adequacy_is_dpf_only() -> None:
    decision = legal.adequacy("US")
    assert decision is not None
    assert decision.dpf_only and decision.sectoral
    assert "2023/1795" in decision.decision
    assert decision.adopted == "2023-07-10"


@pytest.mark.parametrize(
    ("code", "number", "adopted"),
    [
        ("JP", "2019/419", "2019-01-23"),
        ("KR", "2022/254", "2021-12-17"),
        ("CH", "2000/518", "2000-07-26"),
        ("BR", "2026/179", "2026-01-26"),
    ],
)
def test_adequacy_decisions(code: str, number: str, adopted: str) -> None:
    decision = legal.adequacy(code)
    assert decision is not None and not decision.dpf_only
    assert number in decision.decision
    assert decision.adopted == adopted
    year, serial = number.split("/")
    assert decision.celex == f"3{year}D{int(serial):04d}"
    assert decision.link.startswith("https://")


def test_uk_renewed_until_27_december_2031_with_immigration_in_scope() -> None:
    decision = legal.adequacy("GB")
    assert decision is not None
    assert decision.adopted == "2025-12-19"
    assert decision.valid_until == "2031-12-27"
    assert decision.scope == "full"
    assert "immigration" in decision.scope_note and "including" in decision.scope_note
    assert decision.in_force(dt.date(2026, 12, 1))
    assert decision.in_force(dt.date(2031, 12, 27))
    assert decision.expired(dt.date(2031, 12, 28))


def test_brazil_decision_2026_179() -> None:
    decision = legal.adequacy("Brasilien")
    assert decision is not None and decision.key == "BR"
    assert decision.celex == "32026D0179"
    assert decision.scope == "full"
    assert decision.in_force(dt.date(2026, 12, 1))
    assert not decision.in_force(dt.date(2026, 1, 1))


def test_european_patent_organisation_is_an_international_organisation_with_adequacy() -> None:
    for name in ("European Patent Organisation", "EPO", "EPOrg", "Europeiska patentverket"):
        assert legal.destination(name) == "EPOrg", name
        assert legal.country_code(name) is None
    decision = legal.adequacy("European Patent Office")
    assert decision is not None
    assert decision.kind == "international_organisation"
    assert decision.adopted == "2025-07-15"
    assert legal.adequacy("United Nations") is None  # an organisation without a decision


def test_japan_covers_the_private_sector_only() -> None:
    decision = legal.adequacy("JP")
    assert decision is not None
    assert decision.scope == "sectoral"
    assert "private sector" in decision.scope_note
    assert "public bodies and academia are not covered" in decision.scope_note
    assert "extended" not in decision.scope_note


def test_sectoral_decisions() -> None:
    sectoral = {key for key, item in legal.adequacy_decisions().items() if item.sectoral}
    assert sectoral == {"CA", "JP", "KR", "US"}
    assert "PIPEDA" in (legal.adequacy("Canada") or pytest.fail()).scope_note


def test_adequacy_covers_the_known_destinations_only() -> None:
    covered = {
        "AD",
        "AR",
        "BR",
        "CA",
        "FO",
        "GG",
        "IL",
        "IM",
        "JP",
        "JE",
        "NZ",
        "KR",
        "CH",
        "GB",
        "US",
        "UY",
        "EPOrg",
    }
    assert set(legal.adequacy_decisions()) == covered
    assert legal.adequacy("CN") is None
    assert legal.adequacy("SE") is None  # inside the EEA: no decision needed


def test_adequacy_entries_are_complete() -> None:
    for raw in load_data("legal/adequacy.json")["decisions"]:
        for key in ("adopted", "valid_from"):
            assert ISO_DATE.match(raw[key]), raw["key"]
        for key in ("valid_until", "review_due"):
            assert raw[key] is None or ISO_DATE.match(raw[key]), raw["key"]
        assert raw["scope"] in {"full", "sectoral"}, raw["key"]
        assert raw["kind"] in {"country", "international_organisation"}, raw["key"]
        assert raw["celex"] or raw["url"], raw["key"]


# --- supervisory authorities -------------------------------------------------------------


def test_every_eea_country_has_an_authority() -> None:
    data = load_data("legal/eea.json")
    for code in data["eu"] + data["efta_eea"]:
        assert legal.authorities(code), code


@pytest.mark.parametrize(
    ("country", "short"),
    [
        ("SE", "IMY"),
        ("NO", "Datatilsynet"),
        ("DK", "Datatilsynet"),
        ("FI", "Tietosuojavaltuutettu"),
        ("IS", "Persónuvernd"),
        ("DE", "BfDI"),
    ],
)
def test_nordic_and_german_authorities(country: str, short: str) -> None:
    (authority,) = legal.authorities(country)
    assert authority.short == short
    assert authority.website


def test_imy_former_name_datainspektionen() -> None:
    found = legal.find_authority("Datainspektionen")
    assert found is not None
    authority, until = found
    assert authority.country == "SE"
    assert authority.name == "Integritetsskyddsmyndigheten"
    assert until == "2020-12-31"


@pytest.mark.parametrize(
    "text",
    ["IMY", "imy", "Integritetsskyddsmyndigheten", "Swedish Authority for Privacy Protection"],
)
def test_find_authority_current_names(text: str) -> None:
    assert legal.find_authority(text) == (legal.authorities("SE")[0], None)


def test_aland_has_its_own_authority() -> None:
    found = legal.find_authority("Datainspektionen", country="AX")
    assert found is not None
    authority, until = found
    assert until is None and authority.website == "www.di.ax" and authority.region_of == "FI"
    assert {a.country for a in legal.authorities("AX")} == {"AX", "FI"}


@pytest.mark.parametrize("text", ["Dataombudsmannens byrå", "dataombudsmannen"])
def test_finnish_authority_by_its_swedish_name(text: str) -> None:
    assert legal.find_authority(text) == (legal.authorities("FI")[0], None)


def test_find_authority_shared_name_and_unknown() -> None:
    found = legal.find_authority("datatilsynet", country="Norge")
    assert found is not None and found[0].country == "NO"
    found = legal.find_authority("Datatilsynet", country="DK")
    assert found is not None and found[0].country == "DK"
    assert legal.find_authority("Office of the Data Protection Ombudsman") is not None
    assert legal.find_authority("Ministry of Magic") is None


# --- national identity numbers -----------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "provision", "id_name"),
    [
        ("SE", "3 kap. 10 §", "personnummer"),
        ("NO", "§ 12", "fødselsnummer"),
        ("DK", "§ 11", "CPR-nummer"),
        ("FI", "29 §", "henkilötunnus"),
    ],
)
def test_national_id_rules(country: str, provision: str, id_name: str) -> None:
    rule = legal.national_id_rule(country)
    assert rule is not None
    assert provision in rule.provision
    assert id_name in rule.id_name
    assert rule.summary


def test_danish_cpr_rule_is_a_closed_list_and_disclosure_only() -> None:
    rule = legal.national_id_rule("DK")
    assert rule is not None
    assert "fri udveksling" in rule.provision
    assert "closed list" in rule.summary and "disclosure that is a natural part" in rule.summary


@pytest.mark.parametrize(
    ("country", "provision"),
    [("SE", "3 kap. 8 §"), ("NO", "§ 11"), ("DK", "§ 8"), ("FI", "7 §"), ("AX", "7 §")],
)
def test_criminal_data_rules(country: str, provision: str) -> None:
    rule = legal.criminal_data_rule(country)
    assert rule is not None and provision in rule.provision
    assert legal.criminal_data_rule("US") is None


def test_swedish_criminal_data_cites_the_act_not_the_regulation() -> None:
    rule = legal.criminal_data_rule("SE")
    assert rule is not None
    assert "dataskyddslagen" in rule.provision and "2018:219" in rule.provision
    assert "dataskyddsförordning 3 kap" not in rule.provision


@pytest.mark.parametrize("country", ["SE", "NO", "DK", "FI"])
def test_nordic_age_of_digital_consent_is_13(country: str) -> None:
    found = legal.child_consent_age(country)
    assert found.age == 13 and found.country == country and "§" in found.provision
    assert legal.child_consent_age("DE").age == 16


def test_national_id_rule_unknown() -> None:
    assert legal.national_id_rule("US") is None
    assert legal.national_id_rule("nowhere") is None


def test_nordic_countries_resolve_in_every_language() -> None:
    for code in NORDICS:
        for lang in RECORD_LANGUAGES:
            assert legal.country_code(legal.country_name(code, lang)) == code
