"""Legal references in each language's citation style (ropa.model.citations).

Every reference ropa can show is read in full (none is kept as unread text), and in Swedish,
Norwegian, Danish and Finnish no English citation word is left: no "Art.", "(1)(a)",
"Chapter", "Recital", "Decision", "of", "to" beside the translated parts.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ropa.check.registry import all_rules
from ropa.model.adequacy import adequacy_decisions
from ropa.model.citations import CitationError, National, cite, parse
from ropa.model.dpia_lists import dpia_list, dpia_list_countries
from ropa.model.languages import RECORD_LANGUAGES
from ropa.model.resources import load_data
from ropa.model.schema import record_schema

ROOT = Path(__file__).resolve().parent.parent
NORDIC = [lang for lang in RECORD_LANGUAGES if lang != "en"]

#: What betrays an English citation left in a Nordic one.
ENGLISH = re.compile(
    r"\bArt\.|\d\(\d+\)|\([a-z]\)|\bChapter\b|\bRecital\b|\bDecisions?\b|\bDirective\b|\bof\b"
    r"|\bto\b|\band\b|subparagraph|'s list|\bCommission\b|\bImplementing\b|\bCJEU\b|\bOJ\b"
    r"|\bJanuary|\bJuly|\bGuidelines\b|\bGDPR\b"
)


def _registry_references() -> set[str]:
    return {item.reference for item in all_rules()}


def _data_references() -> set[str]:
    """The references rules build from data: the schema's articles, the notice elements',
    the adequacy decisions, the DPIA lists and the national provisions."""
    found: set[str] = set()
    schema = record_schema()
    for sheet in schema.sheets:
        found.add(sheet.article)
        found.update(spec.article for spec in sheet.fields)
    elements = load_data("policy_elements.json")["elements"]
    found.update(entry["article"] for entry in elements.values() if entry.get("article"))
    for decision in adequacy_decisions().values():
        found.add(f"Art. 45(1); {decision.reference}")
    for country in dpia_list_countries():
        listed = dpia_list(country)
        assert listed is not None
        found.add(listed.reference)
    for name in ("criminal_data", "national_id", "children_consent"):
        data = load_data(f"legal/{name}.json")
        found.update(f"Art. 10; {entry['provision']}" for entry in data["rules"])
    found.add("Art. 8(1); " + load_data("legal/children_consent.json")["default"]["provision"])
    return {text for text in found if text}


ALL = sorted(_registry_references() | _data_references())


@pytest.mark.parametrize("reference", ALL)
def test_every_reference_is_read_in_full(reference: str) -> None:
    parts = parse(reference, strict=True)
    assert parts
    for part, _ in parts:
        if isinstance(part, National):
            # Only a Member State's act is kept as written.
            assert re.search(r"§|kap\.|\b(?:lag|lov|laki)\b", part.text, re.I), part


@pytest.mark.parametrize("lang", NORDIC)
def test_no_reference_is_left_half_translated(lang: str) -> None:
    left = {}
    for reference in ALL:
        national = [p.text for p, _ in parse(reference) if isinstance(p, National)]
        text = cite(reference, lang)
        for kept in national:
            text = text.replace(kept, "")
        if ENGLISH.search(text):
            left[reference] = cite(reference, lang)
    assert left == {}


def test_english_is_the_registrys_own_style() -> None:
    """In English every rule's reference reads as the registry writes it."""
    changed = {r: cite(r, "en") for r in _registry_references() if cite(r, "en") != r}
    assert changed == {}
    # A bare article after a comma is an article of its own, written with its "Art.".
    assert cite("Art. 13(2)(b), 15", "en") == "Art. 13(2)(b), Art. 15"


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        (
            "Art. 30(1)(a)",
            {
                "sv": "artikel 30.1 a",
                "nb": "artikkel 30 nr. 1 bokstav a",
                "da": "artikel 30, stk. 1, litra a",
                "fi": "30 artiklan 1 kohdan a alakohta",
            },
        ),
        (
            "Art. 6(1)(f), Art. 13(1)(d)",
            {
                "sv": "artikel 6.1 f, artikel 13.1 d",
                "nb": "artikkel 6 nr. 1 bokstav f, artikkel 13 nr. 1 bokstav d",
                "da": "artikel 6, stk. 1, litra f, artikel 13, stk. 1, litra d",
                "fi": "6 artiklan 1 kohdan f alakohta, 13 artiklan 1 kohdan d alakohta",
            },
        ),
        (
            "Art. 30(1)(e), Chapter V",
            {
                "sv": "artikel 30.1 e, kapitel V",
                "nb": "artikkel 30 nr. 1 bokstav e, kapittel V",
                "da": "artikel 30, stk. 1, litra e, kapitel V",
                "fi": "30 artiklan 1 kohdan e alakohta, V luku",
            },
        ),
        (
            "Art. 46(2)(c); Decision (EU) 2021/914",
            {
                "sv": "artikel 46.2 c; beslut (EU) 2021/914",
                "nb": "artikkel 46 nr. 2 bokstav c; beslutning (EU) 2021/914",
                "da": "artikel 46, stk. 2, litra c; afgørelse (EU) 2021/914",
                "fi": "46 artiklan 2 kohdan c alakohta; päätös (EU) 2021/914",
            },
        ),
        (
            "Art. 9(2)(b), (g)-(j)",
            {
                "sv": "artikel 9.2 b och g–j",
                "nb": "artikkel 9 nr. 2 bokstav b og g til j",
                "da": "artikel 9, stk. 2, litra b og g-j",
                "fi": "9 artiklan 2 kohdan b ja g–j alakohta",
            },
        ),
        (
            "Art. 6(1) second subparagraph",
            {
                "sv": "artikel 6.1 andra stycket",
                "nb": "artikkel 6 nr. 1 annet ledd",
                "da": "artikel 6, stk. 1, andet afsnit",
                "fi": "6 artiklan 1 kohdan toinen alakohta",
            },
        ),
        (
            "Art. 4(11); Recital 43",
            {
                "sv": "artikel 4.11; skäl 43",
                "nb": "artikkel 4 nr. 11; fortalepunkt 43",
                "da": "artikel 4, nr. 11; betragtning 43",
                "fi": "4 artiklan 11 alakohta; johdanto-osan 43 kappale",
            },
        ),
        (
            "Art. 30(2)(c), Art. 44 to 49",
            {
                "sv": "artikel 30.2 c, artiklarna 44–49",
                "nb": "artikkel 30 nr. 2 bokstav c, artikkel 44 til 49",
                "da": "artikel 30, stk. 2, litra c, artikel 44-49",
                "fi": "30 artiklan 2 kohdan c alakohta, 44–49 artikla",
            },
        ),
        (
            "Directive 95/46/EC, Art. 26(4)",
            {
                "sv": "artikel 26.4 i direktiv 95/46/EG",
                "nb": "artikkel 26 nr. 4 i direktiv 95/46/EF",
                "da": "artikel 26, stk. 4, i direktiv 95/46/EF",
                "fi": "direktiivin 95/46/EY 26 artiklan 4 kohta",
            },
        ),
    ],
)
def test_the_official_style_of_each_language(reference: str, expected: dict[str, str]) -> None:
    for lang, text in expected.items():
        assert cite(reference, lang) == text, lang


def test_national_provisions_keep_their_acts_wording() -> None:
    reference = "Art. 87; Lov om behandling av personopplysninger (personopplysningsloven) § 12"
    assert cite(reference, "sv") == (
        "artikel 87; Lov om behandling av personopplysninger (personopplysningsloven) § 12"
    )
    assert cite("Art. 8(1); tietosuojalaki (1050/2018) 5 §", "da") == (
        "artikel 8, stk. 1; tietosuojalaki (1050/2018) 5 §"
    )


def test_decisions_dates_and_authorities_in_the_language() -> None:
    decision = (
        "Art. 45(3); Commission Implementing Decision (EU) 2023/1795 of 10 July 2023 "
        "(CELEX 32023D1795)"
    )
    assert cite(decision, "sv") == (
        "artikel 45.3; kommissionens genomförandebeslut (EU) 2023/1795 av den 10 juli 2023 "
        "(CELEX 32023D1795)"
    )
    assert cite(decision, "fi") == (
        "45 artiklan 3 kohta; komission täytäntöönpanopäätös (EU) 2023/1795, annettu "
        "10 päivänä heinäkuuta 2023 (CELEX 32023D1795)"
    )
    assert cite("Commission Decision 2000/518/EC of 26 July 2000", "da") == (
        "Kommissionens beslutning 2000/518/EF af 26. juli 2000"
    )
    listed = "Art. 35(4); Datatilsynet (Denmark)'s list (2019-01-28)"
    assert cite(listed, "nb") == "artikkel 35 nr. 4; liste fra Datatilsynet (Danmark) (2019-01-28)"
    assert cite("Art. 46; CJEU C-311/18", "sv") == "artikel 46; EU-domstolen, mål C-311/18"


def test_what_is_not_a_reference_is_kept_or_refused() -> None:
    assert cite("", "sv") == ""
    assert cite("see the DPO", "sv") == "see the DPO"
    with pytest.raises(CitationError):
        parse("see the DPO", strict=True)
    with pytest.raises(CitationError):
        parse("Art. 30(1)(a) or so", strict=True)
    # A language ropa does not write gets the registry's style.
    assert cite("Art. 30(1)(a)", "de") == "Art. 30(1)(a)"


def test_the_words_file_has_every_language_and_its_provenance() -> None:
    data = json.loads((ROOT / "ropa/data/legal/citations.json").read_text(encoding="utf-8"))
    assert data["source"] and data["compiled"] and data["verified"]["on"]
    assert set(data["languages"]) == set(RECORD_LANGUAGES)
    keys = set(data["languages"]["en"])
    for lang, words in data["languages"].items():
        assert set(words) == keys, lang
        assert len(words["months"]) == 12, lang
    for text, by_lang in data["phrases"].items():
        assert set(by_lang) == set(RECORD_LANGUAGES), text
