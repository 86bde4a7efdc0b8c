"""The controlled vocabularies: real-world spellings, did-you-mean, data hygiene."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ropa.model.languages import RECORD_LANGUAGES
from ropa.model.legal import country_code
from ropa.model.resources import load_data
from ropa.model.vocab import _coarse, is_none, normalise, vocabulary

NAMES = (
    "lawful_basis",
    "art9_condition",
    "special_category",
    "controller_role",
    "recipient_role",
    "transfer_mechanism",
    "dpia_status",
    "document_status",
    "classification",
    "yes_no",
)


def code(name: str, text: str) -> str | None:
    term = vocabulary(name).match(text)
    return term.code if term else None


# --- data hygiene ------------------------------------------------------------------------


@pytest.mark.parametrize("name", [*NAMES, "none"])
def test_every_file_names_its_source_and_dates(name: str) -> None:
    data = load_data(f"vocab/{name}.json")
    assert data["source"].strip()
    assert len(data["compiled"]) == 10 and data["compiled"][4] == "-"
    assert len(data["verified"]["on"]) == 10 and data["verified"]["against"]


@pytest.mark.parametrize("name", NAMES)
def test_every_term_has_a_label_in_every_language(name: str) -> None:
    for term in vocabulary(name).terms:
        assert set(term.labels) == set(RECORD_LANGUAGES), term.code
        assert all(label.strip() for label in term.labels.values()), term.code


@pytest.mark.parametrize("name", NAMES)
def test_no_spelling_names_two_terms(name: str) -> None:
    exact: dict[str, str] = {}
    coarse: dict[str, str] = {}
    for term in vocabulary(name).terms:
        for spelling in term.spellings():
            key = normalise(spelling)
            assert exact.setdefault(key, term.code) == term.code, (key, term.code)
            if _coarse(key):
                assert coarse.setdefault(_coarse(key), term.code) == term.code, (key, term.code)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", RECORD_LANGUAGES)
def test_choices_round_trip_through_match(name: str, lang: str) -> None:
    vocab = vocabulary(name)
    choices = vocab.choices(lang)
    assert [vocab.match(choice) for choice in choices] == list(vocab.terms)


def test_get_label_and_unknown_code() -> None:
    vocab = vocabulary("lawful_basis")
    assert vocab.label("f", "sv") == "Art. 6.1 f Berättigat intresse"
    assert vocab.get("a").label("fi") == "6 art. 1 a Suostumus"
    assert vocab.get("a").label("xx") == "Art. 6(1)(a) Consent"
    with pytest.raises(KeyError):
        vocab.get("g")


def test_vocabulary_is_cached() -> None:
    assert vocabulary("yes_no") is vocabulary("yes_no")
    assert vocabulary("yes_no").compiled and vocabulary("yes_no").verified


# --- normalisation -----------------------------------------------------------------------


def test_normalise_folds_case_spaces_and_edges() -> None:
    assert normalise("  Legitimate\u00a0 Interest. ") == "legitimate interest"
    assert normalise("• Samtycke;") == "samtycke"
    assert normalise("-") == "-"
    assert normalise("Ka\u0308sittelija\u0308") == "käsittelijä"  # decomposed input, NFC key


# --- lawful basis ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "6.1.b",
        "6(1)(b)",
        "Art. 6(1)(b)",
        "art 6 1 b",
        "artikel 6.1 b",
        "b",
        "(b)",
        "B",
        "Art. 6, stk. 1, litra b",
        "art. 6 nr. 1 b",
        "6 art. 1 b",
        "Art 6.1(b)",
    ],
)
def test_lawful_basis_article_references(text: str) -> None:
    assert code("lawful_basis", text) == "b"


@pytest.mark.parametrize("text", ["GDPR 6.1 f", "6.1 f)", "Art. 6(1)(f)", "f"])
def test_lawful_basis_article_references_f(text: str) -> None:
    assert code("lawful_basis", text) == "f"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Consent", "a"),
        ("samtycke", "a"),
        ("Samtykke", "a"),
        ("suostumus", "a"),
        ("contract", "b"),
        ("Avtal", "b"),
        ("avtale", "b"),
        ("kontrakt", "b"),
        ("aftale", "b"),
        ("sopimus", "b"),
        ("performance of a contract", "b"),
        ("fullgörande av avtal", "b"),
        ("legal obligation", "c"),
        ("rättslig förpliktelse", "c"),
        ("rettslig forpliktelse", "c"),
        ("retlig forpligtelse", "c"),
        ("lakisääteinen velvoite", "c"),
        ("Lagkrav", "c"),
        ("vital interests", "d"),
        ("vitale interesser", "d"),
        ("elintärkeät edut", "d"),
        ("public task", "e"),
        ("allmänt intresse", "e"),
        ("myndighetsutövning", "e"),
        ("allmennhetens interesse", "e"),
        ("offentlig myndighet", "e"),
        ("samfundets interesse", "e"),
        ("myndighedsudøvelse", "e"),
        ("yleinen etu", "e"),
        ("julkinen valta", "e"),
        ("legitimate interest", "f"),
        ("Legitimate interests", "f"),
        ("berättigat intresse", "f"),
        ("berettiget interesse", "f"),
        ("legitim interesse", "f"),
        ("oikeutettu etu", "f"),
        ("intresseavvägning", "f"),
        ("interesseavveining", "f"),
        ("interesseafvejning", "f"),
    ],
)
def test_lawful_basis_words(text: str, expected: str) -> None:
    assert code("lawful_basis", text) == expected


def test_lawful_basis_does_not_take_other_articles() -> None:
    assert code("lawful_basis", "9.2.a") is None
    assert code("lawful_basis", "g") is None
    assert code("lawful_basis", "6.1.g") is None


# --- Art. 9 conditions and special categories --------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9.2.a", "a"),
        ("Art. 9(2)(b)", "b"),
        ("artikel 9.2 h", "h"),
        ("9(2)(j)", "j"),
        ("Art. 9, stk. 2, litra f", "f"),
        ("9 art. 2 g", "g"),
        ("explicit consent", "a"),
        ("uttryckligt samtycke", "a"),
        ("uttrykkelig samtykke", "a"),
        ("udtrykkeligt samtykke", "a"),
        ("nimenomainen suostumus", "a"),
        ("employment law", "b"),
        ("arbetsrätt", "b"),
        ("arbeidsrett", "b"),
        ("arbejdsret", "b"),
        ("työoikeus", "b"),
        ("health care", "h"),
        ("hälso- och sjukvård", "h"),
        ("helsetjenester", "h"),
        ("sundhedssektoren", "h"),
        ("terveydenhuolto", "h"),
        ("legal claims", "f"),
        ("rättsliga anspråk", "f"),
        ("rettskrav", "f"),
        ("retskrav", "f"),
        ("oikeusvaateet", "f"),
    ],
)
def test_art9_conditions(text: str, expected: str) -> None:
    assert code("art9_condition", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("health", "health"),
        ("hälsa", "health"),
        ("Hälsouppgifter", "health"),
        ("helse", "health"),
        ("helseopplysninger", "health"),
        ("helbred", "health"),
        ("helbredsoplysninger", "health"),
        ("terveys", "health"),
        ("terveystiedot", "health"),
        ("sick leave", "health"),
        ("sjukfrånvaro", "health"),
        ("sykefravær", "health"),
        ("sygefravær", "health"),
        ("sairauspoissaolot", "health"),
        ("trade union", "trade_union_membership"),
        ("fackföreningstillhörighet", "trade_union_membership"),
        ("fagforeningsmedlemskap", "trade_union_membership"),
        ("ammattiliiton jäsenyys", "trade_union_membership"),
        ("biometric", "biometric"),
        ("biometri", "biometric"),
        ("biometriske", "biometric"),
        ("biometriset", "biometric"),
        ("ethnic origin", "racial_ethnic_origin"),
        ("religion", "religious_beliefs"),
        ("political opinions", "political_opinions"),
        ("genetic", "genetic"),
        ("sexual orientation", "sex_life_orientation"),
    ],
)
def test_special_categories(text: str, expected: str) -> None:
    assert code("special_category", text) == expected


# --- roles -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("controller", "controller"),
        ("personuppgiftsansvarig", "controller"),
        ("behandlingsansvarlig", "controller"),
        ("dataansvarlig", "controller"),
        ("rekisterinpitäjä", "controller"),
        ("joint controller", "joint_controller"),
        ("gemensamt personuppgiftsansvarig", "joint_controller"),
        ("felles behandlingsansvarlig", "joint_controller"),
        ("fælles dataansvarlig", "joint_controller"),
        ("yhteisrekisterinpitäjä", "joint_controller"),
    ],
)
def test_controller_roles(text: str, expected: str) -> None:
    assert code("controller_role", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("processor", "processor"),
        ("personuppgiftsbiträde", "processor"),
        ("biträde", "processor"),
        ("databehandler", "processor"),
        ("käsittelijä", "processor"),
        ("henkilötietojen käsittelijä", "processor"),
        ("sub-processor", "sub_processor"),
        ("underbiträde", "sub_processor"),
        ("underdatabehandler", "sub_processor"),
        ("alikäsittelijä", "sub_processor"),
        ("självständigt personuppgiftsansvarig", "independent_controller"),
        ("selvstendig behandlingsansvarlig", "independent_controller"),
        ("selvstændig dataansvarlig", "independent_controller"),
        ("itsenäinen rekisterinpitäjä", "independent_controller"),
        ("joint controller", "joint_controller"),
        ("myndighet", "public_authority"),
        ("myndighed", "public_authority"),
        ("viranomainen", "public_authority"),
    ],
)
def test_recipient_roles(text: str, expected: str) -> None:
    assert code("recipient_role", text) == expected


# --- transfers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SCC", "scc"),
        ("SCCs", "scc"),
        ("standard contractual clauses", "scc"),
        ("standardavtalsklausuler", "scc"),
        ("standardkontraktsbestemmelser", "scc"),
        ("standardpersonvernbestemmelser", "scc"),
        ("standardkontraktbestemmelser", "scc"),
        ("vakiosopimuslausekkeet", "scc"),
        ("Art. 46(2)(c)", "scc"),
        ("art 46.2.c", "scc"),
        ("adequacy decision", "adequacy"),
        ("Art. 45", "adequacy"),
        ("BCR", "bcr"),
        ("bindande företagsbestämmelser", "bcr"),
        ("DPF", "dpf"),
        ("Data Privacy Framework", "dpf"),
        ("EU-US Data Privacy Framework", "dpf"),
        ("derogation", "derogation"),
        ("Art. 49", "derogation"),
        ("ej tillämpligt", "not_applicable"),
        ("ingen överföring", "not_applicable"),
        ("EU/EES", "not_applicable"),
        ("within the EEA", "not_applicable"),
        ("ikke relevant", "not_applicable"),
        ("ei sovelleta", "not_applicable"),
    ],
)
def test_transfer_mechanisms(text: str, expected: str) -> None:
    assert code("transfer_mechanism", text) == expected


@pytest.mark.parametrize(
    ("text", "expected", "since", "ruling"),
    [
        ("Privacy Shield", "privacy_shield", "2020-07-16", "C-311/18"),
        ("EU-US Privacy Shield", "privacy_shield", "2020-07-16", "C-311/18"),
        ("Safe Harbor", "safe_harbor", "2015-10-06", "C-362/14"),
        ("safe harbour", "safe_harbor", "2015-10-06", "C-362/14"),
    ],
)
def test_invalid_mechanisms_are_matched_with_their_ruling(
    text: str, expected: str, since: str, ruling: str
) -> None:
    term = vocabulary("transfer_mechanism").match(text)
    assert term is not None and term.code == expected
    assert term.attrs["invalid_since"] == since
    assert term.attrs["ruling"].startswith(ruling)


def test_valid_mechanisms_carry_no_invalid_since() -> None:
    for name in ("adequacy", "scc", "bcr", "dpf", "derogation"):
        assert "invalid_since" not in vocabulary("transfer_mechanism").get(name).attrs


# --- DPIA status, yes/no, none -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("done", "done"),
        ("genomförd", "done"),
        ("gjennomført", "done"),
        ("gennemført", "done"),
        ("tehty", "done"),
        ("in progress", "in_progress"),
        ("pågår", "in_progress"),
        ("i gang", "in_progress"),
        ("kesken", "in_progress"),
        ("not required", "not_required"),
        ("krävs ej", "not_required"),
        ("ikke påkrevd", "not_required"),
        ("ikke påkrævet", "not_required"),
        ("ei vaadita", "not_required"),
        ("not assessed", "not_assessed"),
        ("ej bedömd", "not_assessed"),
        ("ikke vurdert", "not_assessed"),
        ("ikke vurderet", "not_assessed"),
        ("ei arvioitu", "not_assessed"),
        ("not_assessed", "not_assessed"),
    ],
)
def test_dpia_status(text: str, expected: str) -> None:
    assert code("dpia_status", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes", "yes"),
        ("Ja", "yes"),
        ("kyllä", "yes"),
        ("x", "yes"),
        ("TRUE", "yes"),
        ("1", "yes"),
        ("y", "yes"),
        ("no", "no"),
        ("nej", "no"),
        ("nei", "no"),
        ("ei", "no"),
        ("false", "no"),
        ("0", "no"),
        ("n", "no"),
    ],
)
def test_yes_no(text: str, expected: str) -> None:
    assert code("yes_no", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "none",
        "N/A",
        "-",
        "\u2013",
        "nil",
        "no",
        "ingen",
        "inga",
        "inget",
        "Ej tillämpligt",
        "ikke relevant",
        "ei",
        "ei ole",
        "ei sovelleta",
        " None. ",
    ],
)
def test_is_none(text: str) -> None:
    assert is_none(text)


@pytest.mark.parametrize("text", ["", "   ", "Consent", "SE", "x"])
def test_is_not_none(text: str) -> None:
    assert not is_none(text)


# --- suggestions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("lawful_basis", "legitmate interest", "Art. 6(1)(f) Legitimate interests"),
        ("lawful_basis", "samtyke", "Art. 6(1)(a) Consent"),
        ("lawful_basis", "leagl obligation", "Art. 6(1)(c) Legal obligation"),
        (
            "transfer_mechanism",
            "standard contractural clauses",
            "Standard contractual clauses (Art. 46(2)(c))",
        ),
        ("special_category", "helth data", "Data concerning health"),
    ],
)
def test_suggest_did_you_mean(name: str, text: str, expected: str) -> None:
    vocab = vocabulary(name)
    assert vocab.match(text) is None
    assert vocab.suggest(text) == expected


@pytest.mark.parametrize("text", ["", "qwertyuiop", "zzzz 123", "!!!"])
def test_suggest_none_for_garbage(text: str) -> None:
    assert vocabulary("lawful_basis").suggest(text) is None


@given(st.text(max_size=60))
def test_match_suggest_and_country_code_never_raise(text: str) -> None:
    assert country_code(text) is None or len(country_code(text) or "") == 2
    for name in NAMES:
        vocab = vocabulary(name)
        vocab.match(text)
        vocab.suggest(text)
    is_none(text)
