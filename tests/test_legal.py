"""Legal facts: countries, EEA, adequacy, supervisory authorities, national ID rules."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from ropa.model import legal
from ropa.model.languages import RECORD_LANGUAGES
from ropa.model.resources import load_data

FILES = ("eea", "adequacy", "supervisory_authorities", "national_id")
NORDICS = ("SE", "NO", "DK", "FI", "IS")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.mark.parametrize("name", FILES)
def test_every_file_names_its_source_and_date(name: str) -> None:
    source, date = legal.data_source(name)
    assert source.strip()
    assert ISO_DATE.match(date)


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
    assert all(legal.is_eea(code) for code in codes[:eea_count])
    assert not any(legal.is_eea(code) for code in codes[eea_count:])
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


@pytest.mark.parametrize("code", ["GB", "UK", "CH", "US", "FO", "GL", "", "XX"])
def test_not_in_eea(code: str) -> None:
    assert not legal.is_eea(code)


# --- adequacy ----------------------------------------------------------------------------


def test_us_adequacy_is_dpf_only() -> None:
    decision = legal.adequacy("US")
    assert decision is not None
    assert decision.dpf_only
    assert "2023/1795" in decision.decision
    assert decision.adopted == "2023-07-10"


@pytest.mark.parametrize(
    ("code", "number", "adopted"),
    [
        ("JP", "2019/419", "2019-01-23"),
        ("KR", "2022/254", "2021-12-17"),
        ("CH", "2000/518", "2000-07-26"),
        ("GB", "2021/1772", "2021-06-28"),
    ],
)
def test_adequacy_decisions(code: str, number: str, adopted: str) -> None:
    decision = legal.adequacy(code)
    assert decision is not None and not decision.dpf_only
    assert number in decision.decision
    assert decision.adopted == adopted


def test_adequacy_covers_the_known_countries_only() -> None:
    covered = {
        "AD",
        "AR",
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
    }
    assert all(legal.adequacy(code) for code in covered)
    assert legal.adequacy("CN") is None
    assert legal.adequacy("SE") is None  # inside the EEA: no decision needed
    assert "PIPEDA" in (legal.adequacy("Canada") or pytest.fail()).scope


def test_adequacy_dates_are_iso() -> None:
    for raw in load_data("legal/adequacy.json")["decisions"]:
        assert ISO_DATE.match(raw["adopted"]), raw["country"]


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


def test_national_id_rule_unknown() -> None:
    assert legal.national_id_rule("US") is None
    assert legal.national_id_rule("nowhere") is None


def test_nordic_countries_resolve_in_every_language() -> None:
    for code in NORDICS:
        for lang in RECORD_LANGUAGES:
            assert legal.country_code(legal.country_name(code, lang)) == code
