"""Cross-check (XC) and group (GR) findings in the run's language, with the names of purposes,
data categories and countries in that language too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ropa import api
from ropa.model.messages import catalogue
from ropa.model.resources import load_data

ROOT = Path(__file__).resolve().parent.parent
FLAWED = ROOT / "workbooks" / "flawed-en.xlsx"
EXAMPLES = [ROOT / "workbooks" / "example-sv.xlsx", ROOT / "workbooks" / "example-nb.xlsx"]

#: Words of the English templates; the values quoted from the English workbook may be English.
ENGLISH = re.compile(
    r"\b(?:The notice|the notice|Activity|Entity|but the record|does not|at line)\b"
)

#: The notice as each language's authorities call it, and the record.
WORDS = {
    "sv": ("integritetspolicyn", "registret"),
    "nb": ("personvernerklæringen", "protokollen"),
    "da": ("privatlivspolitikken", "fortegnelsen"),
    "fi": ("tietosuojaseloste", "seloste"),
}


def test_every_purpose_and_data_category_has_a_name() -> None:
    english = catalogue("en")
    purposes = load_data("lexicon/purposes.json")["purposes"]
    categories = load_data("lexicon/data_categories.json")["categories"]
    assert [key for key in purposes if f"purpose.{key}" not in english] == []
    assert [key for key in categories if f"data_category.{key}" not in english] == []


@pytest.mark.parametrize("lang", sorted(WORDS))
def test_cross_check_findings_are_in_the_language(lang: str) -> None:
    findings = [f for f in api.check([FLAWED], lang=lang).findings if f.code.startswith("XC")]
    assert len({f.code for f in findings}) >= 8, sorted({f.code for f in findings})
    notice, record = WORDS[lang]
    for finding in findings:
        text = f"{finding.message} {finding.hint or ''}"
        assert not ENGLISH.search(text), (finding.code, text)
        assert "Art." not in finding.reference, finding.reference
    assert any(notice in f.message.casefold() for f in findings)
    assert any(record in f"{f.message} {f.hint}".casefold() for f in findings)


def test_names_from_the_vocabularies_follow_the_language() -> None:
    def messages(lang: str, code: str) -> list[str]:
        found = api.check([FLAWED], lang=lang).findings
        return [f.message for f in found if f.code == code]

    assert any("national identity numbers" in m for m in messages("en", "XC104"))
    assert any("personnummer" in m for m in messages("sv", "XC104"))
    assert any("henkilötunnukset" in m for m in messages("fi", "XC104"))
    assert any("samtycke (artikel 6.1 a)" in m for m in messages("sv", "XC107"))
    assert any("samtykke (artikel 6, stk. 1, litra a)" in m for m in messages("da", "XC107"))


def test_group_conflicts_in_the_language_of_the_first_workbook() -> None:
    findings = [f for f in api.check(EXAMPLES).findings if f.code.startswith("GR")]
    assert {f.code for f in findings} >= {"GR101", "GR102"}
    gr101 = next(f for f in findings if f.code == "GR101")
    assert re.fullmatch(
        r"Behandling \S+ finns i 2 arbetsböcker; alla poster behålls\.", gr101.message
    )
    assert gr101.hint == "Ge behandlingarna id som är unika i alla arbetsböcker."
    assert gr101.reference == "artikel 30.1, artikel 5.2"
    gr102 = next(f for f in findings if f.code == "GR102")
    assert "(Adress)" in gr102.message  # the column's Swedish title, not the key 'address'
    finnish = [f for f in api.check(EXAMPLES, lang="fi").findings if f.code == "GR101"]
    assert finnish[0].message.endswith("on kirjattu 2 työkirjaan; kaikki merkinnät säilytetään.")
