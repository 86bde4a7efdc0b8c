"""Hard-wrapped lines, clauses, lemma rules, contact details anywhere and fallback rules of the
notice detector (issue 11). The sentences are written for these tests."""

from __future__ import annotations

import json
import re
from importlib.util import find_spec

import pytest

from ropa.model.resources import load_data
from ropa.read.notice.clauses import clause_span, continues, lemma_sources
from ropa.read.notice.elements import detect_elements
from tools import gen_policy_lemmas


def test_a_wrapped_line_continues_and_a_new_sentence_does_not() -> None:
    assert continues("Vi sparar uppgifterna i två", "år efter att avtalet har upphört.")
    assert not continues("Vi sparar uppgifterna i två år.", "efter det raderas de.")
    assert not continues("## Lagring", "uppgifter sparas i två år")
    assert not continues("Du har rätt att", "- få tillgång till dina uppgifter")
    assert not continues("Kontaktuppgifter", "Exempel AB")


def test_a_clause_is_not_cut_at_an_abbreviation() -> None:
    text = "Vi har ett berättigat intresse, t.ex. att förbättra tjänsten. Nästa mening."
    start = text.index("intresse")
    low, high = clause_span(text, start, start + 8)
    assert text[low:high] == "Vi har ett berättigat intresse, t.ex. att förbättra tjänsten"


def test_lemma_forms_come_from_the_table() -> None:
    forms = lemma_sources("da", "overføre")
    assert "overføres" in forms and "overført" in forms and "overføre" in forms
    assert lemma_sources("da", "dataansvarl~") == ["dataansvarl~"]
    assert lemma_sources("da", "ordet-ingen-kender") == [re.escape("ordet-ingen-kender")]


def test_the_lemma_table_covers_every_lemma_of_the_rules() -> None:
    table = load_data("lexicon/policy/lemmas.json")["languages"]
    for language, lemmas in gen_policy_lemmas.wanted().items():
        assert set(lemmas) <= set(table[language]), language


@pytest.mark.skipif(find_spec("simplemma") is None, reason="simplemma is not installed")
def test_the_lemma_table_is_current() -> None:
    new = gen_policy_lemmas.table()
    old = json.loads(gen_policy_lemmas.TABLE.read_text(encoding="utf-8"))
    assert gen_policy_lemmas.same(old, new), "run python -m tools.gen_policy_lemmas"


def test_an_inflected_verb_in_another_word_order_is_found() -> None:
    lines = [
        "Dine rettigheder",
        "Dine oplysninger kan på din anmodning blive overført til en anden udbyder.",
    ]
    result = detect_elements(lines, "da")["right_portability"]
    assert result.present and [e.line for e in result.evidence] == [2]
    assert "overført" in result.why[0] and "anden" in result.why[0]


def test_a_sentence_wrapped_over_two_lines_is_matched_and_both_lines_are_evidence() -> None:
    lines = [
        "Oplysningerne opbevares i det tidsrum, der er tilladt efter",
        "loven, og slettes derefter.",
    ]
    result = detect_elements(lines, "da")["retention"]
    assert result.present and [e.line for e in result.evidence] == [1, 2]


def test_contact_details_anywhere_identify_the_controller_but_not_the_authoritys() -> None:
    body = [
        "Nordlys Rådgivning er dataansvarlig for oplysningerne.",
        "Vi bruger oplysningerne til at besvare henvendelser.",
        "Vi sletter dem efter et år.",
        "Vi deler dem ikke med andre.",
        "Du har ret til indsigt.",
        "Du kan klage til Datatilsynet:",
        "Carl Jacobsens Vej 35",
        "2500 Valby",
        "dt@datatilsynet.dk",
    ]
    assert not detect_elements(body, "da")["controller_identity"].present
    with_mail = [*body[:5], "Skriv til os på post@nordlys-eksempel.dk.", *body[5:]]
    result = detect_elements(with_mail, "da")["controller_identity"]
    assert result.present and {e.line for e in result.evidence} == {1, 6}


def test_a_fallback_rule_adds_nothing_when_a_precise_rule_found_the_element() -> None:
    lines = ["Du har ret til dataportabilitet, og du kan få data overført til en anden udbyder."]
    result = detect_elements(lines, "da")["right_portability"]
    assert result.present
    assert all("anden" not in why for why in result.why)  # the lemma rule was not needed


def test_restricted_access_is_not_the_right_to_restriction() -> None:
    lines = [
        "Dine rettigheder",
        "Adgangen til dine oplysninger kan være begrænset af hensyn til andre.",
    ]
    assert not detect_elements(lines, "da")["right_restriction"].present
    lines = ["Dine rettigheder", "Du kan bede om begrænsning af behandlingen."]
    assert detect_elements(lines, "da")["right_restriction"].present


def test_a_legal_duty_of_the_controller_is_not_the_data_subjects_duty() -> None:
    lines = [
        "Regnskabsdata gemmes i fem år (lovkrav).",
        "Vi gemmer data så længe det er nødvendigt for at opfylde formålet.",
    ]
    assert not detect_elements(lines, "da")["statutory_contractual_requirement"].present
    lines = ["Det er et lovkrav, at du oplyser dit CPR-nummer."]
    assert detect_elements(lines, "da")["statutory_contractual_requirement"].present


def test_a_list_under_a_right_describes_the_right_not_the_processing() -> None:
    lines = [
        "You have the right to know:",
        "- whether automated decisions are made about you;",
        "- where your data came from.",
    ]
    results = detect_elements(lines, "en")
    assert not results["automated_decision_making"].present
    assert not results["data_source"].present
    lines[0] = "We use no automated decisions about you."
    assert detect_elements(lines, "en")["automated_decision_making"].present
