"""Structural tests of the example records in ropa/data/examples.

The clean examples (en.json and its translations sv.json, nb.json, da.json, fi.json) describe
the same fictional Nordic group and must be a record a supervisory authority would accept;
flawed_en.json is deliberately wrong and lists the findings it is meant to trigger under
"expected".
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "ropa" / "data" / "examples"
SCHEMA_PATH = ROOT / "schemas" / "record.schema.json"

TRANSLATIONS = ("sv.json", "nb.json", "da.json", "fi.json")
CLEAN = ("en.json", *TRANSLATIONS)
ALL_FILES = (*CLEAN, "flawed_en.json")
RECORD_DATE = date(2026, 11, 23)
REVIEW_WINDOW = (date(2026, 2, 1), date(2026, 11, 15))

# Canonical codes of the vocabularies (the clean examples must use these codes only).
VOCAB: dict[str, set[str]] = {
    "lawful_basis": set("abcdef"),
    "art9_condition": set("abcdefghij"),
    "special_category": {
        "racial_ethnic_origin",
        "political_opinions",
        "religious_beliefs",
        "trade_union_membership",
        "genetic",
        "biometric",
        "health",
        "sex_life_orientation",
    },
    "controller_role": {"controller", "joint_controller"},
    "recipient_role": {
        "processor",
        "sub_processor",
        "independent_controller",
        "joint_controller",
        "public_authority",
    },
    "transfer_mechanism": {"adequacy", "scc", "bcr", "dpf", "derogation", "not_applicable"},
    "dpia_status": {"done", "in_progress", "not_required", "not_assessed"},
    "document_status": {"draft", "in_review", "approved", "superseded"},
    "classification": {"public", "internal", "confidential", "strictly_confidential"},
}

# fmt: off
EEA = {
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
}
# fmt: on

# Areas the clean example must cover, as keywords looked for in the English activity names.
AREAS: dict[str, tuple[str, ...]] = {
    "HR administration": ("personnel",),
    "payroll": ("payroll",),
    "recruitment": ("recruitment",),
    "sick leave and rehabilitation": ("sick leave",),
    "trade union dues": ("trade union",),
    "background checks": ("background check",),
    "IT accounts and logs": ("it accounts",),
    "customer register": ("customer register",),
    "e-commerce orders": ("e-commerce", "order"),
    "payments": ("payment",),
    "returns and complaints": ("return", "complaint"),
    "customer service": ("customer service",),
    "marketing": ("marketing",),
    "newsletter": ("newsletter",),
    "analytics and cookies": ("analytics", "cookie"),
    "social media": ("social media",),
    "loyalty programme": ("loyalty",),
    "CCTV": ("cctv",),
    "whistleblowing": ("whistleblow",),
    "supplier contacts": ("supplier",),
    "bookkeeping": ("bookkeeping",),
    "IT operations and backups": ("backup",),
    "access control and visitors": ("access control", "visitor"),
    "events": ("event",),
    "product safety recalls": ("recall",),
    "debt collection": ("debt collection",),
    "customer surveys": ("survey",),
    "B2B CRM": ("b2b", "crm"),
}

VULNERABLE = re.compile(r"employee|applicant|candidate|child|patient|pupil", re.IGNORECASE)
PERIOD = {
    "en": re.compile(r"^\d+ (years|months|days)$"),
    "sv": re.compile(r"^\d+ (år|månader|dagar)$"),
    "nb": re.compile(r"^\d+ (år|måneder|dager)$"),
    "da": re.compile(r"^\d+ (år|måneder|dage)$"),
    "fi": re.compile(r"^\d+ (vuotta|kuukautta|päivää)$"),
}
# Words a translated example must use: everyday words and the official GDPR terms.
TRANSLATED_WORDS = {
    "sv": ("anställda", "kunder", "personuppgiftsansvarig", "gallringsplan"),
    "nb": (
        "ansatte",
        "kunder",
        "behandlingsansvarlig",
        "databehandler",
        "registrerte",
        "personopplysninger",
        "sletteplan",
    ),
    "da": (
        "ansatte",
        "kunder",
        "dataansvarlig",
        "databehandler",
        "registrerede",
        "personoplysninger",
        "slettepolitik",
    ),
    "fi": (
        "työntekijät",
        "asiakkaat",
        "rekisterinpitäjä",
        "henkilötietojen käsittelijä",
        "rekisteröidyt",
        "henkilötiedot",
        "säilytysaikasuunnitelma",
    ),
}
# Free-text fields every row must translate (or, for names, nearly every row).
TRANSLATED_FIELDS = {
    "activities": ("description", "security_measures", "dpia_reference"),
    "purposes": ("purpose",),
    "retention": ("period", "data_category"),
}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# ----------------------------------------------------------------------------- loading


@cache
def schema() -> dict[str, Any]:
    with SCHEMA_PATH.open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def sheets() -> list[str]:
    return list(schema()["x-ropa-sheet-order"])


def fields(sheet: str) -> dict[str, dict[str, Any]]:
    props = schema()["$defs"][sheet]["properties"]
    return {key: prop["x-ropa"] for key, prop in props.items()}


def required(sheet: str) -> list[str]:
    return [key for key, x in fields(sheet).items() if x.get("required")]


def id_field(sheet: str) -> str | None:
    ident: str | None = schema()["$defs"][sheet]["x-ropa-sheet"].get("id")
    return ident


@cache
def load(name: str) -> dict[str, Any]:
    with (EXAMPLES / name).open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def rows(name: str, sheet: str) -> list[dict[str, Any]]:
    return list(load(name)["rows"].get(sheet, []))


def ids(name: str, sheet: str) -> list[str]:
    key = id_field(sheet)
    assert key
    return [row[key] for row in rows(name, sheet)]


def empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def as_date(value: str) -> date:
    assert ISO_DATE.match(value), value
    return date.fromisoformat(value)


# ----------------------------------------------------------------------------- all files


@pytest.mark.parametrize("name", ALL_FILES)
def test_top_level_format(name: str) -> None:
    doc = load(name)
    assert doc["source"] == "ropa example data (fictional)"
    assert doc["date"] == RECORD_DATE.isoformat()
    assert doc["note"]
    assert doc["lang"] == name.split(".")[0].split("_")[-1]
    assert set(doc["rows"]) <= set(sheets())
    assert {"organisation", "activities"} <= set(doc["rows"])


@pytest.mark.parametrize("name", ALL_FILES)
def test_row_keys_are_schema_fields(name: str) -> None:
    for sheet in sheets():
        allowed = set(fields(sheet))
        for index, row in enumerate(rows(name, sheet)):
            extra = set(row) - allowed
            assert not extra, f"{name} {sheet}[{index}] has unknown keys {sorted(extra)}"


@pytest.mark.parametrize("name", ALL_FILES)
def test_value_shapes(name: str) -> None:
    """Multi-valued fields are lists, yes/no fields booleans, scalar fields strings."""
    for sheet in sheets():
        spec = fields(sheet)
        for row in rows(name, sheet):
            for key, value in row.items():
                x = spec[key]
                where = f"{name} {sheet} {key}={value!r}"
                if x["multi"]:
                    assert isinstance(value, list), where
                    assert all(isinstance(item, str) for item in value), where
                elif x["kind"] == "yesno":
                    assert isinstance(value, bool), where
                else:
                    assert isinstance(value, str), where


# ----------------------------------------------------------------------------- clean examples


@pytest.mark.parametrize("name", CLEAN)
def test_required_fields_present(name: str) -> None:
    for sheet in sheets():
        for row in rows(name, sheet):
            for key in required(sheet):
                assert not empty(row.get(key)), f"{name} {sheet} {row} lacks {key}"


@pytest.mark.parametrize("name", CLEAN)
def test_ids_unique(name: str) -> None:
    for sheet in sheets():
        if id_field(sheet):
            values = ids(name, sheet)
            assert len(values) == len(set(values)), f"{name} {sheet} has duplicate ids"


@pytest.mark.parametrize("name", CLEAN)
def test_references_resolve(name: str) -> None:
    entities = set(ids(name, "organisation"))
    activities = set(ids(name, "activities"))
    processors = set(ids(name, "processors"))
    for row in rows(name, "activities"):
        assert set(row["entity_ids"]) <= entities, row["activity_id"]
        assert set(row["recipients"]) <= processors | {"None"}, row["activity_id"]
    for sheet in ("purposes", "retention", "transfers"):
        for row in rows(name, sheet):
            assert row["activity_id"] in activities, (sheet, row)
    for row in rows(name, "transfers"):
        assert row["recipient"] in processors, row
    for row in rows(name, "processor_activities"):
        assert set(row["entity_ids"]) <= entities, row


@pytest.mark.parametrize("name", CLEAN)
def test_size_and_spread(name: str) -> None:
    activities = rows(name, "activities")
    assert len(activities) >= 25
    countries = {row["country"] for row in rows(name, "organisation")}
    assert len(countries) >= 3
    used = {entity for row in activities for entity in row["entity_ids"]}
    assert used == set(ids(name, "organisation"))
    assert any(len(row["entity_ids"]) > 1 for row in activities)
    assert 1 <= len(rows(name, "processor_activities")) <= 2


def test_all_areas_covered() -> None:
    names = [row["name"].lower() for row in rows("en.json", "activities")]
    missing = [
        area
        for area, words in AREAS.items()
        if not any(word in activity for activity in names for word in words)
    ]
    assert not missing, f"areas not covered: {missing}"


@pytest.mark.parametrize("name", CLEAN)
def test_vocabulary_codes(name: str) -> None:
    for sheet in sheets():
        for key, x in fields(sheet).items():
            vocab = x.get("vocabulary")
            if not vocab:
                continue
            for row in rows(name, sheet):
                if key not in row:
                    continue
                values = row[key] if x["multi"] else [row[key]]
                assert set(values) <= VOCAB[vocab], (sheet, key, row[key])


@pytest.mark.parametrize("name", CLEAN)
def test_countries_and_dates(name: str) -> None:
    for sheet in sheets():
        for key, x in fields(sheet).items():
            for row in rows(name, sheet):
                if key not in row:
                    continue
                values = row[key] if x["multi"] else [row[key]]
                if x["kind"] == "country":
                    assert all(re.fullmatch(r"[A-Z]{2}", v) and v != "UK" for v in values)
                if x["kind"] == "date":
                    assert all(as_date(v) <= RECORD_DATE for v in values), (sheet, row)


@pytest.mark.parametrize("name", CLEAN)
def test_organisation_complete(name: str) -> None:
    for row in rows(name, "organisation"):
        for key in (
            "registration_number",
            "address",
            "contact_email",
            "contact_phone",
            "supervisory_authority",
            "privacy_policy",
        ):
            assert not empty(row.get(key)), (row["entity_id"], key)
        assert row["contact_email"].split("@")[1].endswith(".example")
        assert row["public_authority"] is False
        assert row["dpo_designated"] is True
        assert row["dpo_name"] and row["dpo_contact"]
        assert row["country"] in EEA
        policy = row["privacy_policy"]
        assert policy.startswith("https://") or not policy.startswith("/")


@pytest.mark.parametrize("name", CLEAN)
def test_activities_complete(name: str) -> None:
    keys = (
        "description",
        "owner",
        "role",
        "data_source",
        "systems",
        "security_measures",
        "dpia_status",
        "dpia_reference",
        "last_reviewed",
    )
    for row in rows(name, "activities"):
        aid = row["activity_id"]
        for key in keys:
            assert not empty(row.get(key)), (aid, key)
        assert isinstance(row["special_categories"], list), aid
        for key in (
            "criminal_data",
            "national_id",
            "automated_decisions",
            "large_scale",
            "systematic_monitoring",
            "innovative_technology",
        ):
            assert isinstance(row[key], bool), (aid, key)
        if row["criminal_data"]:
            assert row.get("criminal_data_authority"), aid
        if row["national_id"]:
            just = row.get("national_id_justification", "")
            assert any(
                rule in just
                for rule in (
                    "dataskyddslagen 3 kap. 10 §",
                    "personopplysningsloven § 12",
                    "databeskyttelsesloven § 11",
                    "tietosuojalaki 29 §",
                )
            ), aid
        if row["role"] == "joint_controller":
            assert row.get("joint_controllers"), aid
        low, high = REVIEW_WINDOW
        assert low <= as_date(row["last_reviewed"]) <= high, aid


@pytest.mark.parametrize("name", CLEAN)
def test_dpia_rule(name: str) -> None:
    """Two or more WP248 criteria need a DPIA done or a documented reason."""
    # Data subjects are matched in English; the translations have the same ids and flags.
    vulnerable = {
        row["activity_id"]: any(VULNERABLE.search(s) for s in row["data_subjects"])
        for row in rows("en.json", "activities")
    }
    for row in rows(name, "activities"):
        criteria = [
            bool(row["special_categories"]) or row["criminal_data"],
            row["large_scale"],
            row["systematic_monitoring"],
            row["automated_decisions"],
            row["innovative_technology"],
            vulnerable[row["activity_id"]],
        ]
        status = row["dpia_status"]
        assert status in {"done", "not_required"}, row["activity_id"]
        if sum(criteria) >= 2:
            assert status == "done" or row["dpia_reference"], row["activity_id"]
        if row["systematic_monitoring"] or row["automated_decisions"]:
            assert status == "done", row["activity_id"]


@pytest.mark.parametrize("name", CLEAN)
def test_purposes(name: str) -> None:
    acts = {row["activity_id"]: row for row in rows(name, "activities")}
    by_activity: dict[str, list[dict[str, Any]]] = {}
    for row in rows(name, "purposes"):
        by_activity.setdefault(row["activity_id"], []).append(row)
        basis = row["lawful_basis"]
        if basis == "f":
            assert row.get("legitimate_interest") and row.get("lia_reference"), row
        if basis == "a":
            assert row.get("consent_mechanism"), row
        if basis in {"c", "e"}:
            assert row.get("legal_reference"), row
        if acts[row["activity_id"]]["special_categories"]:
            assert row.get("art9_condition"), row
    assert set(by_activity) == set(acts)


@pytest.mark.parametrize("name", CLEAN)
def test_retention(name: str) -> None:
    lang = load(name)["lang"]
    covered = {row["activity_id"] for row in rows(name, "retention")}
    assert covered == set(ids(name, "activities"))
    for row in rows(name, "retention"):
        assert PERIOD[lang].match(row["period"]), row
        assert row.get("trigger") and row.get("deletion_method"), row


@pytest.mark.parametrize("name", CLEAN)
def test_processors(name: str) -> None:
    used = {r for row in rows(name, "activities") for r in row["recipients"]}
    for row in rows(name, "processors"):
        pid = row["processor_id"]
        assert pid in used, f"{pid} is used by no activity"
        if row["role"] in {"processor", "sub_processor"}:
            assert as_date(row["dpa_signed"]) < RECORD_DATE, pid
        if row["role"] in {"independent_controller", "public_authority"}:
            assert "dpa_signed" not in row, pid
        outside = [c for c in row["countries"] if c not in EEA]
        mechanism = row.get("transfer_mechanism", "not_applicable")
        if outside:
            assert mechanism != "not_applicable", pid
        else:
            assert mechanism == "not_applicable", pid
        if mechanism == "dpf":
            assert row.get("dpf_certified") is True, pid
        if mechanism == "scc":
            assert row.get("tia_reference"), pid


@pytest.mark.parametrize("name", CLEAN)
def test_transfers_cover_non_eea_recipients(name: str) -> None:
    processors = {row["processor_id"]: row for row in rows(name, "processors")}
    declared = {(t["activity_id"], t["recipient"], t["country"]) for t in rows(name, "transfers")}
    needed = {
        (row["activity_id"], rid, country)
        for row in rows(name, "activities")
        for rid in row["recipients"]
        for country in processors[rid]["countries"]
        if country not in EEA
    }
    assert declared == needed
    for t in rows(name, "transfers"):
        assert t["mechanism"] == processors[t["recipient"]]["transfer_mechanism"], t
        assert t["mechanism"] not in {"not_applicable", "adequacy"} or t["country"] not in {
            "US",
            "IN",
            "CN",
        }, t
        if t["mechanism"] == "scc":
            assert t.get("tia_reference"), t


def test_special_cases_present() -> None:
    acts = rows("en.json", "activities")
    purposes = rows("en.json", "purposes")
    art9 = {(p["activity_id"], p.get("art9_condition")) for p in purposes}
    health = [a["activity_id"] for a in acts if "health" in a["special_categories"]]
    union = [a["activity_id"] for a in acts if "trade_union_membership" in a["special_categories"]]
    assert any((aid, "b") in art9 for aid in health)
    assert any((aid, "b") in art9 for aid in union)
    assert any(a["criminal_data"] for a in acts)
    assert any(a["role"] == "joint_controller" for a in acts)
    assert any(a["automated_decisions"] and a["dpia_status"] == "done" for a in acts)
    assert any(a["systematic_monitoring"] and a["dpia_status"] == "done" for a in acts)
    bases = {p["lawful_basis"] for p in purposes}
    assert {"a", "b", "c", "f"} <= bases
    mechanisms = {p.get("transfer_mechanism") for p in rows("en.json", "processors")}
    assert {"dpf", "not_applicable"} <= mechanisms


# ----------------------------------------------------------------------------- translations


@pytest.mark.parametrize("name", TRANSLATIONS)
def test_translation_has_same_ids_and_codes(name: str) -> None:
    """Same rows in the same order; ids, references, codes, flags and dates are identical."""
    en, other = load("en.json"), load(name)
    assert set(en["rows"]) == set(other["rows"])
    for sheet in sheets():
        en_rows, other_rows = rows("en.json", sheet), rows(name, sheet)
        assert len(en_rows) == len(other_rows), sheet
        spec = fields(sheet)
        for en_row, other_row in zip(en_rows, other_rows, strict=True):
            assert set(en_row) == set(other_row), (sheet, en_row)
            for key, x in spec.items():
                if key in en_row and x["kind"] in {
                    "id",
                    "ref",
                    "vocab",
                    "yesno",
                    "date",
                    "country",
                }:
                    assert en_row[key] == other_row[key], (
                        sheet,
                        key,
                        en_row[key],
                        other_row[key],
                    )
                if key in en_row and x["multi"]:
                    assert len(en_row[key]) == len(other_row[key]), (sheet, key, en_row[key])


@pytest.mark.parametrize("name", TRANSLATIONS)
def test_translation_keeps_privacy_policies(name: str) -> None:
    policies = [row["privacy_policy"] for row in rows(name, "organisation")]
    assert policies == [row["privacy_policy"] for row in rows("en.json", "organisation")]


@pytest.mark.parametrize("name", TRANSLATIONS)
def test_translation_is_translated(name: str) -> None:
    lang = load(name)["lang"]
    assert load(name)["note"] != load("en.json")["note"]
    pairs = list(zip(rows("en.json", "activities"), rows(name, "activities"), strict=True))
    translated = sum(en["name"] != other["name"] for en, other in pairs)
    assert translated >= 0.9 * len(pairs)
    for sheet, keys in TRANSLATED_FIELDS.items():
        for en_row, other_row in zip(rows("en.json", sheet), rows(name, sheet), strict=True):
            for key in keys:
                assert en_row[key] != other_row[key], (name, sheet, key, en_row[key])
    text = json.dumps(load(name), ensure_ascii=False).lower()
    for word in TRANSLATED_WORDS[lang]:
        assert word in text, word


# ----------------------------------------------------------------------------- flawed


def test_flawed_has_expected_findings() -> None:
    doc = load("flawed_en.json")
    expected = doc["expected"]
    assert isinstance(expected, list) and len(expected) >= 25
    known_ids = set()
    for sheet in ("organisation", "activities", "processors"):
        known_ids |= set(ids("flawed_en.json", sheet))
    for item in expected:
        assert set(item) == {"code", "what", "where"}, item
        assert all(isinstance(v, str) and v for v in item.values()), item
        sheet, ident, field = item["where"].split("/")
        assert sheet in sheets(), item
        assert field in fields(sheet), item
        assert ident in known_ids, item


def test_flawed_shape() -> None:
    entities = rows("flawed_en.json", "organisation")
    assert 2 <= len(entities) <= 3
    assert any(e["country"] not in EEA and not e.get("eu_representative") for e in entities)
    activity_ids = ids("flawed_en.json", "activities")
    assert 10 <= len(set(activity_ids)) <= 12
    assert len(activity_ids) > len(set(activity_ids)), "the duplicate id is one of the flaws"
