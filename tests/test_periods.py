"""Retention periods in English, Swedish, Norwegian, Danish and Finnish (and the Dutch and
French of the registers ropa import reads)."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ropa.check.diff import period_key
from ropa.model.periods import PeriodKind, RetentionPeriod, parse_period
from ropa.model.resources import load_data
from ropa.write.summary import retention_bucket

# text, amount, unit, days, language
PLAIN_PERIODS = [
    ("5 years", 5, "year", 1825, "en"),
    ("5 yrs", 5, "year", 1825, "en"),
    ("5 år", 5, "year", 1825, "sv"),
    ("5 år.", 5, "year", 1825, "sv"),
    ("36 måneder", 36, "month", 1080, "nb"),
    ("36 mnd", 36, "month", 1080, "nb"),
    ("6 mdr", 6, "month", 180, "da"),
    ("24 kuukautta", 24, "month", 720, "fi"),
    ("24 kk", 24, "month", 720, "fi"),
    ("12 months", 12, "month", 360, "en"),
    ("12 mån", 12, "month", 360, "sv"),
    ("12 månader", 12, "month", 360, "sv"),
    ("90 days", 90, "day", 90, "en"),
    ("90 dagar", 90, "day", 90, "sv"),
    ("90 dager", 90, "day", 90, "nb"),
    ("90 dage", 90, "day", 90, "da"),
    ("90 päivää", 90, "day", 90, "fi"),
    ("2 weeks", 2, "week", 14, "en"),
    ("2 veckor", 2, "week", 14, "sv"),
    ("2 uker", 2, "week", 14, "nb"),
    ("2 uger", 2, "week", 14, "da"),
    ("2 viikkoa", 2, "week", 14, "fi"),
    ("48 hours", 48, "hour", 2, "en"),
    ("12 hours", 12, "hour", 1, "en"),
    ("5 vuotta", 5, "year", 1825, "fi"),
    ("1 vuoden ajan", 1, "year", 365, "fi"),
    ("10 vuoden", 10, "year", 3650, "fi"),
    ("kolme vuotta", 3, "year", 1095, "fi"),
    ("2,5 år", 2.5, "year", 913, "sv"),
    ("2.5 years", 2.5, "year", 913, "en"),
    ("5-year", 5, "year", 1825, "en"),
    ("5år", 5, "year", 1825, "sv"),
    ("a year", 1, "year", 365, "en"),
    ("Lagras i 10 år enligt bokföringslagen", 10, "year", 3650, "sv"),
]


@pytest.mark.parametrize(("text", "amount", "unit", "days", "language"), PLAIN_PERIODS)
def test_plain_periods(text: str, amount: float, unit: str, days: int, language: str) -> None:
    period = parse_period(text)
    assert period.kind is PeriodKind.PERIOD
    assert period.amount == amount
    assert period.unit == unit
    assert period.days == days
    assert period.min_amount is None
    assert period.trigger is None
    assert period.language == language
    assert period.raw == text


NUMBER_WORDS = [
    ("one year", 1, "year"),
    ("Three years", 3, "year"),
    ("ten years", 10, "year"),
    ("twelve months", 12, "month"),
    ("ett år", 1, "year"),
    ("två veckor", 2, "week"),
    ("sju år", 7, "year"),
    ("tio år", 10, "year"),
    ("tolv månader", 12, "month"),
    ("en måned", 1, "month"),
    ("to år", 2, "year"),
    ("seks måneder", 6, "month"),
    ("ti år", 10, "year"),
    ("elleve dager", 11, "day"),
    ("et år", 1, "year"),
    ("syv år", 7, "year"),
    ("otte uger", 8, "week"),
    ("tolv måneder", 12, "month"),
    ("yksi vuosi", 1, "year"),
    ("kuusi kuukautta", 6, "month"),
    ("kymmenen vuotta", 10, "year"),
    ("kahden viikon ajan", 2, "week"),
    ("kaksitoista kuukautta", 12, "month"),
]


@pytest.mark.parametrize(("text", "amount", "unit"), NUMBER_WORDS)
def test_number_words(text: str, amount: float, unit: str) -> None:
    period = parse_period(text)
    assert (period.kind, period.amount, period.unit) == (PeriodKind.PERIOD, amount, unit)


@pytest.mark.parametrize(
    ("text", "low", "high", "unit", "days"),
    [
        ("3-5 years", 3, 5, "year", 1825),
        ("3\u20135 år", 3, 5, "year", 1825),
        ("3 - 5 år", 3, 5, "year", 1825),
        ("3 to 5 years", 3, 5, "year", 1825),
        ("6\u201312 mån", 6, 12, "month", 360),
        ("2-3 vuotta", 2, 3, "year", 1095),
        ("5-3 years", 3, 5, "year", 1825),  # written backwards: still a range
    ],
)
def test_ranges(text: str, low: float, high: float, unit: str, days: int) -> None:
    period = parse_period(text)
    assert period.kind is PeriodKind.PERIOD
    assert (period.min_amount, period.amount, period.unit, period.days) == (low, high, unit, days)


TRIGGERED = [
    ("7 years after the end of the financial year", 7, "year", "the end of the financial year"),
    ("7 år efter räkenskapsårets utgång", 7, "year", "räkenskapsårets utgång"),
    ("5 år etter avsluttet arbeidsforhold", 5, "year", "avsluttet arbeidsforhold"),
    ("5 år efter ansættelsens ophør", 5, "year", "ansættelsens ophør"),
    ("6 vuotta tilikauden päättymisen jälkeen", 6, "year", "tilikauden päättymisen"),
    ("24 kuukautta viimeisestä ostosta", 24, "month", "viimeisestä ostosta"),
    ("2 years from the last purchase", 2, "year", "the last purchase"),
    ("2 år från senaste köp", 2, "year", "senaste köp"),
    ("30 dager etter avsluttet sak", 30, "day", "avsluttet sak"),
    ("1,5 vuotta työsuhteen päättymisestä", 1.5, "year", "työsuhteen päättymisestä"),
    ("tilikauden päättymisestä 6 vuotta", 6, "year", "tilikauden päättymisestä"),
    ("contract end + 5 years", 5, "year", "contract end"),
    ("5 år från anställningens slut, därefter gallras", 5, "year", "anställningens slut"),
    (
        "7 years after the end of the financial year (Bokföringslagen 7:2)",
        7,
        "year",
        "the end of the financial year",
    ),
]


@pytest.mark.parametrize(("text", "amount", "unit", "trigger"), TRIGGERED)
def test_periods_with_a_trigger(text: str, amount: float, unit: str, trigger: str) -> None:
    period = parse_period(text)
    assert period.kind is PeriodKind.PERIOD
    assert (period.amount, period.unit, period.trigger) == (amount, unit, trigger)
    assert period.days is not None and period.days > 0


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("7 år efter räkenskapsårets utgång", "sv"),
        ("5 år etter avsluttet arbeidsforhold", "nb"),
        ("5 år efter ansættelsens ophør", "da"),
        ("6 vuotta tilikauden päättymisen jälkeen", "fi"),
    ],
)
def test_trigger_words_narrow_the_language(text: str, language: str) -> None:
    assert parse_period(text).language == language


@pytest.mark.parametrize(
    "text",
    [
        "5 YEARS",
        "5\u00a0år",
        "5\u202fyears",
        "  5   år  ",
        "5 år...",
        unicodedata.normalize("NFD", "5 år"),
        unicodedata.normalize("NFD", "90 päivää"),
        "5 år\u200b",
    ],
)
def test_spelling_variants_still_parse(text: str) -> None:
    period = parse_period(text)
    assert period.kind is PeriodKind.PERIOD
    assert period.amount in (5, 90)


EVENTS = [
    ("until the end of employment", "the end of employment", "en"),
    ("until consent is withdrawn", "consent is withdrawn", "en"),
    ("during the contract", "the contract", "en"),
    ("for the duration of the employment", "the employment", "en"),
    ("Deleted after the contract has ended", "the contract has ended", "en"),
    ("tills samtycket återkallas", "samtycket återkallas", "sv"),
    ("till anställningen upphör", "anställningen upphör", "sv"),
    ("under avtalstiden", "avtalstiden", "sv"),
    ("så länge kundförhållandet pågår", "kundförhållandet pågår", "sv"),
    ("inntil arbeidsforholdet opphører", "arbeidsforholdet opphører", "nb"),
    ("så lenge kundeforholdet består", "kundeforholdet består", "nb"),
    ("indtil samtykket trækkes tilbage", "samtykket trækkes tilbage", "da"),
    ("så længe kundeforholdet løber", "kundeforholdet løber", "da"),
    ("kunnes suostumus peruutetaan", "suostumus peruutetaan", "fi"),
    ("työsuhteen ajan", "työsuhteen", "fi"),
    ("sopimuksen päättymiseen asti", "sopimuksen päättymiseen", "fi"),
    ("Raderas när ändamålet upphört", "ändamålet upphört", "sv"),
    ("Poistetaan kun asiakkuus päättyy", "asiakkuus päättyy", "fi"),
]


@pytest.mark.parametrize(("text", "trigger", "language"), EVENTS)
def test_events(text: str, trigger: str, language: str) -> None:
    period = parse_period(text)
    assert period.kind is PeriodKind.EVENT
    assert period.trigger == trigger
    assert period.language == language
    assert period.amount is None and period.unit is None and period.days is None


VAGUE = [
    ("as long as necessary", "en"),
    ("as long as needed", "en"),
    ("Indefinitely", "en"),
    ("forever", "en"),
    ("permanent", "en"),
    ("no deletion", "en"),
    ("TBD", "en"),
    ("tills vidare", "sv"),
    ("så länge det behövs", "sv"),
    ("så länge som nödvändigt", "sv"),
    ("ingen gallring", "sv"),
    ("så lenge det er nødvendig", "nb"),
    ("ingen sletting", "nb"),
    ("så lenge det er naudsynt", "nn"),
    ("så længe det er nødvendigt", "da"),
    ("ingen sletning", "da"),
    ("niin kauan kuin tarpeen", "fi"),
    ("toistaiseksi", "fi"),
    ("?", None),
    ("??", None),
]


@pytest.mark.parametrize(("text", "language"), VAGUE)
def test_vague(text: str, language: str | None) -> None:
    period = parse_period(text)
    assert period.kind is PeriodKind.VAGUE
    assert period.language == language
    assert period.days is None
    assert period.describe().startswith("vague: ")


@pytest.mark.parametrize("value", [None, "", "   ", "\u00a0", "\n\t", float("nan")])
def test_empty(value: object) -> None:
    period = parse_period(value)
    assert period.kind is PeriodKind.EMPTY
    assert period.days is None


@pytest.mark.parametrize(
    "value",
    ["5", "5.0", 5, 5.0, True, "hello world", "0 days", "GDPR art. 17", "until", "-", object()],
)
def test_unparseable(value: object) -> None:
    period = parse_period(value)
    assert period.kind is PeriodKind.UNPARSEABLE
    assert period.amount is None and period.days is None


def test_words_are_not_split_into_number_and_unit() -> None:
    # "end" must not read as Swedish "en" (one) + "d" (day).
    assert parse_period("until the end of employment").kind is PeriodKind.EVENT


def test_a_duration_wins_over_a_vague_phrase() -> None:
    period = parse_period("as long as necessary, at most 5 years")
    assert (period.kind, period.amount) == (PeriodKind.PERIOD, 5)


@pytest.mark.parametrize(
    ("text", "description"),
    [
        (
            "7 years after the end of the financial year",
            "7 years after the end of the financial year",
        ),
        ("2 years from the last purchase", "2 years from the last purchase"),
        ("1 år", "1 year"),
        ("3\u20135 år", "3 to 5 years"),
        ("2,5 år", "2.5 years"),
        ("until the end of the employment", "until the end of the employment"),
        ("during the contract", "for the duration of the contract"),
        ("så länge kundförhållandet pågår", "as long as kundförhållandet pågår"),
        ("as long as necessary", "vague: as long as necessary"),
        ("", "no retention period stated"),
        ("hello", "unparseable: hello"),
    ],
)
def test_describe(text: str, description: str) -> None:
    assert parse_period(text).describe() == description


def test_to_dict_is_json_ready() -> None:
    period = parse_period("3-5 years after the end of the contract")
    data = period.to_dict()
    assert data == {
        "kind": "period",
        "amount": 5.0,
        "unit": "year",
        "min_amount": 3.0,
        "days": 1825,
        "trigger": "the end of the contract",
        "raw": "3-5 years after the end of the contract",
    }
    assert json.loads(json.dumps(data)) == data


def test_period_is_frozen_and_hashable() -> None:
    period = parse_period("5 år")
    assert period == RetentionPeriod(PeriodKind.PERIOD, "5 år", 5.0, "year", language="sv")
    assert hash(period) == hash(parse_period("5 år"))
    with pytest.raises(AttributeError):
        period.amount = 6  # type: ignore[misc]


def test_kind_is_a_string_enum() -> None:
    assert PeriodKind.PERIOD == "period"
    assert PeriodKind("unparseable") is PeriodKind.UNPARSEABLE


def test_lexicon_covers_five_languages_and_has_provenance() -> None:
    lexicon = load_data("lexicon/retention.json")
    assert lexicon["source"] and re.fullmatch(r"\d{4}-\d{2}-\d{2}", lexicon["date"])
    languages = lexicon["languages"]
    for language in ("en", "sv", "nb", "da", "fi"):
        entry = languages[language]
        assert set(entry["units"]) == {"year", "month", "week", "day", "hour"}
        assert entry["vague"] and entry["number_words"]
        assert entry["event_markers"] or entry["event_suffixes"]


def test_lexicon_phrases_are_lower_case_nfc() -> None:
    # Matching lower-cases the cell text, so an upper-case or NFD phrase could never match.
    lexicon = load_data("lexicon/retention.json")
    for entry in lexicon["languages"].values():
        phrases = list(entry.get("vague", [])) + list(entry.get("number_words", {}))
        groups = ("units", "trigger_prefixes", "duration_triggers", "trigger_suffixes")
        for group in (*groups, "event_markers"):
            for values in entry.get(group, {}).values():
                phrases.extend(values)
        for phrase in phrases:
            assert phrase == unicodedata.normalize("NFC", phrase).lower(), phrase


@given(st.text(max_size=80))
def test_never_raises_on_text(text: str) -> None:
    _check_invariants(parse_period(text))


@given(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True, allow_infinity=True),
        st.builds(
            "{} {}".format,
            st.integers(min_value=-5, max_value=10**9),
            st.sampled_from(["år", "years", "kk", "dagar", "uger", "h", "vuotta", ""]),
        ),
    )
)
def test_never_raises_on_cell_values(value: object) -> None:
    _check_invariants(parse_period(value))


def _check_invariants(period: RetentionPeriod) -> None:
    assert isinstance(period.kind, PeriodKind)
    assert isinstance(period.describe(), str)
    json.dumps(period.to_dict())
    if period.kind is PeriodKind.PERIOD:
        assert period.amount is not None and period.amount > 0
        assert period.unit in {"year", "month", "week", "day", "hour"}
        assert period.days is not None and period.days >= 1
        if period.min_amount is not None:
            assert 0 < period.min_amount < period.amount
    else:
        assert period.days is None


@pytest.mark.parametrize(
    ("text", "bucket"),
    [
        ("12 months", "1-3 years"),
        ("12 månader", "1-3 years"),
        ("11 months", "< 1 year"),
        ("364 days", "< 1 year"),
        ("3 years", "1-3 years"),
        ("36 kuukautta", "1-3 years"),
        ("37 months", "3-7 years"),
        ("8 år", "> 7 years"),
    ],
)
def test_months_and_years_are_counted_as_the_calendar_does(text: str, bucket: str) -> None:
    """A month is a twelfth of a year, not 30 days: "12 months" is a year in the charts."""
    assert retention_bucket(text)[0] == bucket


@pytest.mark.parametrize(
    ("old", "new"), [("2 years", "24 månader"), ("1 år", "12 months"), ("2 weeks", "14 days")]
)
def test_the_same_period_respelled_is_no_change(old: str, new: str) -> None:
    assert period_key(old) == period_key(new)
    assert period_key("2 years") != period_key("25 months")


# The Dutch and French registers ropa import reads (nl-verwerkingsregister, cnil-registre):
# text, kind, amount, unit, trigger, language
IMPORTED_LANGUAGES = [
    ("5 jaar", PeriodKind.PERIOD, 5, "year", None, "nl"),
    ("7 jaar na einde contract", PeriodKind.PERIOD, 7, "year", "einde contract", "nl"),
    ("2 maanden", PeriodKind.PERIOD, 2, "month", None, "nl"),
    ("twee weken", PeriodKind.PERIOD, 2, "week", None, "nl"),
    (
        "10 dagen na afloop van de sollicitatie",
        PeriodKind.PERIOD,
        10,
        "day",
        "de sollicitatie",
        "nl",
    ),
    ("zolang het account bestaat", PeriodKind.EVENT, None, None, "het account bestaat", "nl"),
    (
        "tot intrekking van de toestemming",
        PeriodKind.EVENT,
        None,
        None,
        "intrekking van de toestemming",
        "nl",
    ),
    ("zolang als nodig", PeriodKind.VAGUE, None, None, None, "nl"),
    ("5 ans", PeriodKind.PERIOD, 5, "year", None, "fr"),
    ("13 mois", PeriodKind.PERIOD, 13, "month", None, "fr"),
    (
        "3 ans à compter de la fin de la relation contractuelle",
        PeriodKind.PERIOD,
        3,
        "year",
        "la fin de la relation contractuelle",
        "fr",
    ),
    ("jusqu'à la fin du contrat", PeriodKind.EVENT, None, None, "la fin du contrat", "fr"),
    ("aussi longtemps que nécessaire", PeriodKind.VAGUE, None, None, None, "fr"),
]


@pytest.mark.parametrize(
    ("text", "kind", "amount", "unit", "trigger", "language"), IMPORTED_LANGUAGES
)
def test_dutch_and_french_periods(text, kind, amount, unit, trigger, language) -> None:
    period = parse_period(text)
    assert (period.kind, period.amount, period.unit) == (kind, amount, unit)
    assert period.trigger == trigger
    assert period.language == language


def test_dutch_ranges_and_a_lone_na_is_not_a_trigger() -> None:
    period = parse_period("3 tot 5 jaar")
    assert (period.min_amount, period.amount, period.unit) == (3, 5, "year")
    # "na" (after) starts a trigger only after a duration: "NA" alone is not an event.
    assert parse_period("NA - see policy").kind is PeriodKind.UNPARSEABLE
    assert parse_period("5 jaar").calendar == parse_period("5 years").calendar
