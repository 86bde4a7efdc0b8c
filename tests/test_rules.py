"""Every rule has a case that fires it and a near-identical case that does not.

Each case mutates the clean base record (tests/support.py), writes it as a real .xlsx
workbook and checks it. A test at the end makes sure no registered rule lacks a case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from ropa.check.registry import all_rules
from ropa.read.config import Config
from tests.conftest import CheckRows
from tests.support import TODAY, Rows

Mutation = Callable[[Rows], Any]


def setv(sheet: str, index: int, **values: Any) -> Mutation:
    def apply(rows: Rows) -> None:
        rows[sheet][index].update(values)

    return apply


def unset(sheet: str, index: int, *keys: str) -> Mutation:
    def apply(rows: Rows) -> None:
        for key in keys:
            rows[sheet][index].pop(key, None)

    return apply


def add(sheet: str, **values: Any) -> Mutation:
    def apply(rows: Rows) -> None:
        rows.setdefault(sheet, []).append(values)

    return apply


def both(*mutations: Mutation) -> Mutation:
    def apply(rows: Rows) -> None:
        for mutation in mutations:
            mutation(rows)

    return apply


def drop_sheet(sheet: str) -> Mutation:
    def apply(rows: Rows) -> None:
        rows["__drop_sheets__"] = [sheet]  # type: ignore[list-item]

    return apply


def drop_column(dotted: str) -> Mutation:
    def apply(rows: Rows) -> None:
        rows["__drop_columns__"] = [dotted]  # type: ignore[list-item]

    return apply


def on_sheet(title: str, change: Callable[[Any], None]) -> Mutation:
    """Change the openpyxl sheet before the workbook is saved (merges, hidden rows, formulas)."""

    def apply(rows: Rows) -> None:
        rows["__post__"] = lambda book: change(book[title])  # type: ignore[assignment]

    return apply


def _merged_title_row(ws: Any) -> None:
    """A merged title above the header is harmless and not reported."""
    ws.insert_rows(1)
    ws["A1"] = "Record of processing activities"
    ws.merge_cells("A1:E1")


def noop(rows: Rows) -> None:
    """The clean record as it is."""


@dataclass(frozen=True)
class Case:
    code: str
    fails: Mutation
    passes: Mutation
    cell: str | None = None  # where the failing finding must point, when it is a cell


US_PROCESSOR = {
    "processor_id": "CRM",
    "name": "CRM Cloud Inc.",
    "role": "Processor",
    "service": "CRM",
    "countries": "US",
    "dpa_signed": dt.date(2025, 2, 1),
}
USE_CRM = setv("activities", 1, recipients=["MAIL", "CRM"])
TRANSFER_CRM = {"activity_id": "MKT-01", "recipient": "CRM", "country": "US"}

CASES = [
    # Structure
    Case("RP101", drop_sheet("purposes"), drop_sheet("processor_activities")),
    Case("RP102", drop_column("activities.data_subjects"), drop_column("activities.description")),
    Case(
        "RP103",
        add("activities", **{"activity_id": "hr-01", "entity_ids": "SE01", "name": "Dup"}),
        add("activities", **{"activity_id": "HR-02", "entity_ids": "SE01", "name": "Other"}),
        cell="A4",
    ),
    Case(
        "RP104",
        unset("activities", 0, "data_subjects"),
        unset("activities", 0, "description"),
        cell="H2",
    ),
    Case(
        "RP105",
        setv("activities", 0, recipients=["PAYY"]),
        setv("activities", 0, recipients=["Lönetjänst AB"]),
    ),
    Case(
        "RP106",
        add(
            "processors",
            processor_id="OLD",
            name="Old vendor",
            role="Processor",
            countries="SE",
            dpa_signed=dt.date(2020, 1, 1),
        ),
        noop,
    ),
    Case("RP107", lambda r: r["purposes"].pop(2), noop, cell="A3"),
    Case("RP108", lambda r: r.__setitem__("__hidden__", ["processors"]), noop),
    Case("RP109", lambda r: r.__setitem__("__dup_header__", ["activities.name"]), noop),
    Case(
        "RP110",
        setv("activities", 0, role="Boss"),
        setv("activities", 0, role="personuppgiftsansvarig"),
    ),
    Case(
        "RP111",
        setv("processors", 0, dpa_signed="sometime in spring"),
        setv("processors", 0, dpa_signed="01.03.2024"),
    ),
    Case(
        "RP112",
        setv("organisation", 0, country="XZ"),
        setv("organisation", 0, country="Sverige"),
        cell="D2",
    ),
    Case(
        "RP113",
        setv("organisation", 0, contact_email="privacy at exempel"),
        setv("organisation", 0, contact_email="mailto:dpo@exempel.example"),
        cell="F2",
    ),
    Case(
        "RP114",
        on_sheet("Activities", lambda ws: ws.merge_cells("B2:B3")),
        on_sheet("Activities", _merged_title_row),
        cell="B2",
    ),
    Case(
        "RP115",
        on_sheet("Purposes", lambda ws: setattr(ws.row_dimensions[3], "hidden", True)),
        on_sheet("Purposes", lambda ws: setattr(ws.row_dimensions[3], "height", 30)),
    ),
    Case(
        "RP116",
        on_sheet("Activities", lambda ws: ws.cell(row=2, column=4, value="=B2&C2")),
        on_sheet("Activities", lambda ws: ws.cell(row=2, column=4, value="Plain text")),
        cell="D2",
    ),
    Case(
        "RP117",
        lambda r: r.update(activities=[], purposes=[], retention=[], transfers=[]),
        noop,
        cell=None,
    ),
    # Lawful basis
    Case(
        "RP201",
        setv("purposes", 0, lawful_basis="contrakt"),
        setv("purposes", 0, lawful_basis="6.1.b"),
        cell="C2",
    ),
    Case(
        "RP202",
        setv("purposes", 0, lawful_basis="berättigat intresse"),
        setv(
            "purposes",
            0,
            lawful_basis="berättigat intresse",
            legitimate_interest="Fraud prevention",
            lia_reference="LIA-1",
        ),
    ),
    Case(
        "RP203",
        unset("purposes", 2, "consent_mechanism"),
        setv("purposes", 2, consent_mechanism="Tick box"),
    ),
    Case(
        "RP204",
        unset("purposes", 1, "legal_reference"),
        setv("purposes", 1, lawful_basis="Art. 6(1)(b)"),
    ),
    Case(
        "RP205",
        both(
            setv("organisation", 0, public_authority="Ja"),
            setv(
                "purposes",
                0,
                lawful_basis="oikeutettu etu",
                legitimate_interest="x",
                lia_reference="y",
            ),
        ),
        setv(
            "purposes", 0, lawful_basis="oikeutettu etu", legitimate_interest="x", lia_reference="y"
        ),
    ),
    # Special data
    Case(
        "RP301",
        setv("activities", 0, special_categories="Health"),
        both(
            setv("activities", 0, special_categories="hälsa"),
            setv("purposes", 0, art9_condition="9.2.b"),
        ),
    ),
    Case(
        "RP302",
        setv("activities", 0, criminal_data="Yes"),
        setv(
            "activities",
            0,
            criminal_data="Yes",
            criminal_data_authority="Förordning (2018:219) 5 §",
        ),
    ),
    Case(
        "RP303",
        unset("activities", 0, "national_id_justification"),
        setv("activities", 0, national_id="No", national_id_justification=None),
    ),
    # Transfers
    Case(
        "RP401",
        add("transfers", activity_id="MKT-01", recipient="MAIL", country="IN"),
        add(
            "transfers",
            activity_id="MKT-01",
            recipient="MAIL",
            country="JP",
            mechanism="Adequacy decision",
        ),
    ),
    Case(
        "RP402",
        both(
            add("processors", **US_PROCESSOR, transfer_mechanism="Adequacy", dpf_certified="No"),
            USE_CRM,
            add("transfers", **TRANSFER_CRM, mechanism="Adequacy"),
        ),
        both(
            add("processors", **US_PROCESSOR, transfer_mechanism="DPF", dpf_certified="Yes"),
            USE_CRM,
            add("transfers", **TRANSFER_CRM, mechanism="DPF"),
        ),
    ),
    Case(
        "RP403",
        setv("transfers", 0, mechanism="Privacy Shield"),
        setv("transfers", 0, mechanism="Standard contractual clauses"),
    ),
    Case(
        "RP404",
        both(
            add("processors", **US_PROCESSOR, transfer_mechanism="SCC", tia_reference="T"), USE_CRM
        ),
        both(
            add("processors", **US_PROCESSOR, transfer_mechanism="SCC", tia_reference="T"),
            USE_CRM,
            add("transfers", **TRANSFER_CRM, mechanism="SCC", tia_reference="T"),
        ),
    ),
    Case("RP405", unset("transfers", 0, "tia_reference"), noop),
    # Processors
    Case(
        "RP501",
        unset("processors", 0, "dpa_signed"),
        both(
            unset("processors", 0, "dpa_signed"),
            setv("processors", 0, role="Independent controller"),
        ),
    ),
    Case(
        "RP502",
        setv("processors", 0, dpa_signed=dt.date(2027, 5, 1)),
        setv("processors", 0, dpa_signed=dt.date(2026, 5, 1)),
    ),
    # Retention
    Case("RP601", lambda r: r["retention"].pop(0), noop),
    Case(
        "RP602",
        setv("retention", 0, period="as long as necessary", trigger=None, legal_rule=None),
        setv(
            "retention",
            0,
            period="as long as necessary",
            trigger="until the employee leaves",
            legal_rule=None,
        ),
    ),
    Case("RP603", setv("retention", 0, period="five-ish"), setv("retention", 0, period="5 år")),
    # DPIA
    Case(
        "RP701",
        setv(
            "activities",
            0,
            name="CCTV in the warehouse",
            systematic_monitoring="Yes",
            dpia_status="Not assessed",
            dpia_reference=None,
        ),
        setv(
            "activities",
            0,
            name="CCTV in the warehouse",
            systematic_monitoring="Yes",
            dpia_status="Done",
            dpia_reference="DPIA-2026-02",
        ),
    ),
    # Housekeeping
    Case(
        "RP801",
        setv("activities", 0, last_reviewed=dt.date(2024, 6, 1)),
        setv("activities", 0, last_reviewed=dt.date(2026, 1, 1)),
    ),
    Case(
        "RP802",
        setv("activities", 0, last_reviewed=dt.date(2027, 1, 15)),
        setv("activities", 0, last_reviewed=dt.date(2026, 11, 23)),
    ),
    Case(
        "RP803",
        unset("activities", 0, "security_measures"),
        setv("activities", 0, security_measures="ISMS policy v3"),
    ),
    # Organisation
    Case(
        "RP901",
        unset("organisation", 0, "address", "contact_email", "contact_phone"),
        unset("organisation", 0, "address", "contact_phone"),
    ),
    Case(
        "RP902",
        unset("organisation", 0, "dpo_contact"),
        unset("organisation", 0, "dpo_contact", "dpo_name", "dpo_designated"),
    ),
    Case(
        "RP903",
        setv("organisation", 0, country="US"),
        setv("organisation", 0, country="US", eu_representative="EU Rep Ltd, Dublin"),
    ),
    Case(
        "RP904",
        setv("organisation", 0, supervisory_authority="Datainspektionen"),
        setv("organisation", 0, supervisory_authority="IMY"),
    ),
]


def _run(check_rows: CheckRows, rows: Rows, mutation: Mutation) -> list[Any]:
    mutation(rows)
    options: dict[str, Any] = {}
    if "__drop_sheets__" in rows:
        options["drop_sheets"] = rows.pop("__drop_sheets__")
    if "__drop_columns__" in rows:
        options["drop_columns"] = rows.pop("__drop_columns__")
    if "__post__" in rows:
        options["post"] = rows.pop("__post__")
    for key in ("__hidden__", "__dup_header__"):
        if key in rows:
            options[key.strip("_").replace("dup_header", "duplicate_headers")] = rows.pop(key)
    return check_rows(rows, Config(today=TODAY), **options)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.code)
def test_rule_fires(case: Case, rows: Rows, check_rows: CheckRows) -> None:
    findings = [f for f in _run(check_rows, rows, case.fails) if f.code == case.code]
    assert findings, f"{case.code} did not fire"
    first = findings[0]
    assert first.message and first.reference and first.hint
    assert first.location.sheet
    if case.cell:
        assert first.location.cell == case.cell


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.code)
def test_rule_passes(case: Case, rows: Rows, check_rows: CheckRows) -> None:
    findings = _run(check_rows, rows, case.passes)
    assert case.code not in {f.code for f in findings}, [f.message for f in findings]


def test_every_rule_has_cases() -> None:
    assert {r.code for r in all_rules("record")} == {c.code for c in CASES}


def test_clean_base_has_no_findings(rows: Rows, check_rows: CheckRows) -> None:
    assert check_rows(rows) == []


@pytest.mark.parametrize("none", ["N/A", "-", "Not applicable", "ej tillämpligt", "ei sovelleta"])
def test_none_words_in_single_valued_controlled_cells_are_not_invalid(
    none: str, rows: Rows, check_rows: CheckRows
) -> None:
    rows["purposes"][0]["art9_condition"] = none
    assert [f.code for f in check_rows(rows)] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jobbsøkere til butikkene", "vulnerable_subjects"),
        ("Jobansøgere", "vulnerable_subjects"),
        ("Työnhakijat", "vulnerable_subjects"),
        ("Tallentava kameravalvonta varastossa", "systematic_monitoring"),
    ],
)
def test_wp248_words_in_every_language(text: str, expected: str) -> None:
    from ropa.check.rules.record.dpia import wp248_criteria
    from ropa.read.workbook import Row

    assert expected in wp248_criteria(Row(2, {"data_subjects": text}, {}))


def test_supervisory_authority_is_not_systematic_monitoring() -> None:
    from ropa.check.rules.record.dpia import wp248_criteria
    from ropa.read.workbook import Row

    row = Row(
        2, {"description": "Ilmoitus tietosuojaviranomaiselle ja valvontaviranomaiselle."}, {}
    )
    assert "systematic_monitoring" not in wp248_criteria(row)
