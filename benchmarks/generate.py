"""Write a large, synthetic but realistic record of processing activities for benchmarks.

The workbook has all seven sheets of the record with the schema's English headers
(``ropa.model.schema.record_schema()``) and is written with openpyxl in write-only mode, so even
100,000 activities take little memory. Values vary the way real registers do: lawful bases
in several spellings and languages, multi-valued cells with one value per line, retention
periods in five languages, processors in the EEA and in the US. About 3% of the activities
carry a deliberate mistake so the rules have something to report.

Usage::

    python benchmarks/generate.py --activities 10000 --out benchmarks/data/ropa-10k.xlsx
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from ropa.model.schema import record_schema

Row = dict[str, Any]

#: The date the synthetic record is "as of"; review and agreement dates lie before it.
AS_OF = dt.date(2026, 11, 23)

#: Share of activities that get one deliberate mistake.
MISTAKE_RATE = 0.03

ENTITIES: tuple[tuple[str, str, str, str, str, str], ...] = (
    # id, legal name, registration number, country, city, supervisory authority
    (
        "SE01",
        "Nordexempel AB",
        "556000-0001",
        "SE",
        "Stockholm",
        "Integritetsskyddsmyndigheten (IMY)",
    ),
    ("SE02", "Nordexempel Logistik AB", "556000-0002", "SE", "Göteborg", "IMY"),
    ("NO01", "Nordeksempel AS", "912 345 678", "NO", "Oslo", "Datatilsynet (Norge)"),
    ("NO02", "Nordeksempel Eiendom AS", "912 345 679", "NO", "Bergen", "Datatilsynet (Norge)"),
    ("DK01", "Nordeksempel ApS", "DK12345678", "DK", "København", "Datatilsynet (Danmark)"),
    ("DK02", "Nordeksempel Service A/S", "DK12345679", "DK", "Aarhus", "Datatilsynet (Danmark)"),
    (
        "FI01",
        "Pohjoisesimerkki Oy",
        "1234567-8",
        "FI",
        "Helsinki",
        "Tietosuojavaltuutetun toimisto",
    ),
    ("FI02", "Pohjoisesimerkki Palvelut Oy", "1234567-9", "FI", "Tampere", "Tietosuojavaltuutettu"),
    ("DE01", "Nordbeispiel GmbH", "HRB 123456", "DE", "Hamburg", "HmbBfDI"),
    (
        "NL01",
        "Noordvoorbeeld B.V.",
        "KvK 12345678",
        "NL",
        "Amsterdam",
        "Autoriteit Persoonsgegevens",
    ),
)

DEPARTMENTS: tuple[tuple[str, str], ...] = (
    ("HR", "HR"),
    ("FIN", "Finance"),
    ("MKT", "Marketing"),
    ("SAL", "Sales"),
    ("CS", "Customer service"),
    ("IT", "IT"),
    ("SEC", "Security"),
    ("LEG", "Legal"),
    ("PRO", "Procurement"),
    ("OPS", "Operations"),
)

ACTIVITY_NAMES: tuple[str, ...] = (
    "Payroll",
    "Recruitment",
    "Newsletter",
    "Customer support tickets",
    "Order handling",
    "Invoicing",
    "Debt collection",
    "Access control",
    "CCTV at the warehouse",
    "Supplier management",
    "Website analytics",
    "Loyalty programme",
    "Whistleblowing channel",
    "Employee onboarding",
    "Sick leave administration",
    "Event registration",
    "Customer satisfaction survey",
    "IT service desk",
    "Backup and restore",
    "Contract management",
)

DATA_SUBJECTS: tuple[str, ...] = (
    "Employees",
    "Job applicants",
    "Customers",
    "Prospective customers",
    "Newsletter subscribers",
    "Suppliers' contact persons",
    "Website visitors",
    "Consultants",
    "Visitors",
    "Anställda",
    "Kunder",
    "Ansatte",
    "Asiakkaat",
)

DATA_CATEGORIES: tuple[str, ...] = (
    "Name",
    "E-mail address",
    "Phone number",
    "Postal address",
    "Bank account",
    "Salary",
    "Order history",
    "IP address",
    "Device identifiers",
    "Login credentials",
    "Employment details",
    "CV and application",
    "Payment details",
    "Namn",
    "Adress",
    "Kontaktoplysninger",
    "Yhteystiedot",
)

SYSTEMS: tuple[str, ...] = (
    "SAP SuccessFactors",
    "Workday",
    "Microsoft 365",
    "Salesforce",
    "Zendesk",
    "HubSpot",
    "Visma",
    "Fortnox",
    "ServiceNow",
    "Jira",
    "SharePoint",
    "Intranet",
    "Own web shop",
)

DATA_SOURCES: tuple[str, ...] = (
    "The data subject",
    "The employee",
    "The customer",
    "Public registers",
    "The recruiter",
    "Den registrerade",
    "Kunden",
)

DESCRIPTIONS: tuple[str, ...] = (
    "Handling of records needed to run the business.",
    "Registering, answering and following up requests.",
    "Keeping the books and reporting to the authorities.",
    "Administration of contracts and invoices.",
    "Hantering av ärenden och uppföljning.",
    "Behandling av henvendelser og oppfølging.",
)

SECURITY: tuple[str, ...] = (
    "Role-based access, encryption at rest, logging.",
    "MFA, least privilege, quarterly access review.",
    "See ISMS policy v3.",
    "Kryptering, behörighetsstyrning och loggning.",
    "Tilgangsstyring og kryptering.",
    "Pääsynhallinta ja salaus.",
)

# (code, spellings people type). All of them are recognised by the lawful_basis vocabulary.
LAWFUL_BASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "a",
        ("Art. 6(1)(a) Consent", "consent", "6.1.a", "samtycke", "samtykke", "Art. 6.1 a Samtycke"),
    ),
    (
        "b",
        (
            "Art. 6(1)(b) Contract",
            "6.1.b",
            "contract",
            "avtal",
            "Art 6 1 b",
            "performance of a contract",
        ),
    ),
    ("c", ("Art. 6(1)(c) Legal obligation", "6.1.c", "legal obligation", "rättslig förpliktelse")),
    ("e", ("Art. 6(1)(e) Public task", "public task", "6.1.e")),
    (
        "f",
        (
            "Art. 6(1)(f) Legitimate interests",
            "legitimate interest",
            "6.1.f",
            "berättigat intresse",
        ),
    ),
)
LAWFUL_WEIGHTS = (15, 40, 25, 3, 17)
#: The same without consent, for activities about employees (EDPB Guidelines 05/2020).
EMPLOYEE_WEIGHTS = (0, 40, 25, 3, 17)
#: Data subjects who are the controller's own staff.
EMPLOYEES = frozenset({"Employees", "Anställda", "Ansatte", "Consultants", "Job applicants"})
YES = frozenset({"Yes", "yes", "Ja", "Kyllä"})

#: Member State laws that provide for the Art. 9(2)(b) and (h) conditions.
ART9_LAWS: tuple[str, ...] = (
    "Dataskyddslagen (2018:218) 3 kap. 2 §",
    "Personopplysningsloven § 6",
    "Databeskyttelsesloven § 12",
    "Tietosuojalaki 6 §",
)

PURPOSES: tuple[str, ...] = (
    "Fulfil the contract",
    "Pay salaries",
    "Send offers",
    "Keep the books",
    "Answer questions",
    "Handle complaints",
    "Prevent fraud",
    "Report tax",
    "Improve the service",
    "Fullgöra avtalet",
    "Oppfylle avtalen",
    "Sopimuksen täyttäminen",
)

LEGAL_REFERENCES: tuple[str, ...] = (
    "Bokföringslagen (1999:1078) 7 kap. 2 §",
    "Skatteförfarandelagen (2011:1244)",
    "Bokføringsloven § 13",
    "Bogføringsloven § 10",
    "Kirjanpitolaki 2:10",
    "Arbeitszeitgesetz § 16",
)

# Retention periods in the five template languages; all parse as a duration or an event.
PERIODS: tuple[str, ...] = (
    "5 years",
    "24 months",
    "7 years after the end of the financial year",
    "5 år",
    "10 år efter räkenskapsårets utgång",
    "36 måneder",
    "3 år",
    "24 kuukautta",
    "6 vuotta",
    "until the end of employment",
    "2 years after the last purchase",
    "90 days",
    "12 månader",
)
TRIGGERS: tuple[str, ...] = (
    "end of the financial year",
    "end of employment",
    "last contact",
    "contract end",
    "avslutat ärende",
)
NOT_APPLICABLE: tuple[str, ...] = ("N/A", "-", "Not applicable", "Ej tillämpligt", "Ikke relevant")
DELETION: tuple[str, ...] = (
    "Deleted",
    "Anonymised",
    "Raderas automatiskt",
    "Slettes",
    "Poistetaan",
)

PROCESSOR_NAMES: tuple[str, ...] = (
    "Lönetjänst",
    "CloudMail",
    "Datahall Norr",
    "Backup Partner",
    "Print & Post",
    "Analytics",
    "Support Desk",
    "Payment Gateway",
    "HR Cloud",
    "Recruit Online",
)
SUFFIXES: dict[str, str] = {
    "SE": "AB",
    "NO": "AS",
    "DK": "ApS",
    "FI": "Oy",
    "DE": "GmbH",
    "US": "Inc.",
}


@dataclass
class Processor:
    """A processor row plus what the activity and transfer rows need to know about it."""

    row: Row
    third_country: str | None
    mechanism: str | None


class Generator:
    """Builds the rows of every sheet from one random stream (reproducible with a seed)."""

    def __init__(self, activities: int, seed: int, prefix: str = "") -> None:
        self.n = activities
        self.prefix = prefix  # of every id, so that the workbooks of a group do not clash
        self.rnd = random.Random(seed)
        self.processors = [self._processor(i) for i in range(max(5, activities // 20))]
        self.mistakes = 0

    # --- helpers ---------------------------------------------------------------------------

    def pick(self, items: Sequence[Any]) -> Any:
        return items[self.rnd.randrange(len(items))]

    def some(self, items: Sequence[str], low: int, high: int) -> str:
        """Several distinct values as one multi-valued cell (one per line)."""
        return "\n".join(self.rnd.sample(list(items), self.rnd.randint(low, high)))

    def yes_no(self, p_yes: float) -> str:
        yes = self.rnd.random() < p_yes
        return self.pick(("Yes", "yes", "Ja", "Kyllä") if yes else ("No", "no", "Nej", "Nei"))

    def date_before(self, days: int) -> dt.date:
        return AS_OF - dt.timedelta(days=self.rnd.randint(1, days))

    # --- sheets ----------------------------------------------------------------------------

    def organisation(self) -> Iterator[Row]:
        for entity_id, name, number, country, city, authority in ENTITIES:
            domain = name.split()[0].lower() + ".example"
            yield {
                "entity_id": entity_id,
                "legal_name": name,
                "registration_number": number,
                "country": country,
                "address": f"Storgatan {self.rnd.randint(1, 99)}, {city}",
                "contact_email": f"privacy@{domain}",
                "contact_phone": f"+{40 + len(entity_id)} {self.rnd.randint(10**6, 10**7 - 1)}",
                "public_authority": "No",
                "dpo_designated": "Yes",
                "dpo_name": "Dana Dataskydd",
                "dpo_contact": f"dpo@{domain}",
                "dpo_published": f"https://{domain}/privacy#dpo",
                "dpo_notified": dt.date(2024, 5, 2),
                "eu_representative": "Not applicable",
                "supervisory_authority": authority,
                "privacy_policy": f"https://{domain}/privacy",
            }

    def _processor(self, index: int) -> Processor:
        roll = self.rnd.random()
        base = PROCESSOR_NAMES[index % len(PROCESSOR_NAMES)]
        if roll < 0.2:  # US, on standard contractual clauses
            countries, third, mechanism = self.pick(("IE\nUS", "US", "NL\nUS")), "US", "scc"
            row = {
                "transfer_mechanism": self.pick(
                    ("SCC", "Standard contractual clauses (Art. 46(2)(c))")
                )
            }
            row |= {"dpf_certified": "No", "tia_reference": f"TIA-{2024 + index % 3}-{index:04d}"}
            row["scc_module"] = self.pick(
                ("Module 2", "module 2", "Module 2 (controller to processor)")
            )
        elif roll < 0.35:  # US, certified under the Data Privacy Framework
            countries, third, mechanism = "US", "US", "dpf"
            row = {"transfer_mechanism": self.pick(("DPF", "EU-US Data Privacy Framework (DPF)"))}
            row |= {"dpf_certified": "Yes", "tia_reference": "Not needed (DPF)", "dpf_hr": "Yes"}
        else:
            country = self.pick(("SE", "NO", "DK", "FI", "DE"))
            countries, third, mechanism = (
                self.pick((country, f"{country}\nSE", f"{country}; IE")),
                None,
                None,
            )
            row = {"transfer_mechanism": self.pick(("Not applicable", "n/a", "No transfer"))}
            row |= {"dpf_certified": "No", "tia_reference": "-"}
        suffix = SUFFIXES.get(countries.split()[0].rstrip(";") if third is None else "US", "AB")
        role = self.pick(
            ("Processor", "Processor", "Personuppgiftsbiträde", "Sub-processor", "data processor")
        )
        if role == "Sub-processor":  # engaged by another processor, with the controller's consent
            row["authorisation"] = f"General authorisation, DPA clause 9, notified {AS_OF.year}"
        row = {
            "processor_id": f"{self.prefix}P{index:05d}",
            "name": f"{base} {index} {suffix}",
            "role": role,
            "service": f"{base} services",
            "countries": countries,
            "dpa_signed": self.date_before(2000),
            **row,
        }
        return Processor(row, third, mechanism)

    def activity(self, index: int) -> tuple[Row, list[Row], list[Row], list[Row]]:
        """One activity with its purposes, retention rows and transfers."""
        rnd = self.rnd
        code, department = DEPARTMENTS[index % len(DEPARTMENTS)]
        activity_id = f"{self.prefix}{code}-{index:06d}"
        used = rnd.sample(self.processors, rnd.randint(1, 4))
        special = rnd.random() < 0.08
        criminal = rnd.random() < 0.02
        national_id = rnd.random() < 0.2
        large = rnd.random() < 0.3
        monitoring = rnd.random() < 0.1
        role = self.pick(("Controller", "Controller", "Personuppgiftsansvarig", "Joint controller"))
        joint = role == "Joint controller"
        subjects = self.some(DATA_SUBJECTS, 1, 3)
        employees = any(s in EMPLOYEES for s in subjects.split("\n"))
        automated = self.yes_no(0.03)
        risky = sum((special, criminal, large, monitoring, automated in YES)) >= 1
        activity: Row = {
            "activity_id": activity_id,
            "entity_ids": self.some([e[0] for e in ENTITIES], 1, 2),
            "name": f"{self.pick(ACTIVITY_NAMES)} ({department} {index})",
            "description": f"{department}: {self.pick(DESCRIPTIONS)}",
            "owner": department,
            "role": role,
            "joint_controllers": (
                "Nordexempel Group AB, privacy@group.example" if joint else self.pick(("-", "None"))
            ),
            "data_subjects": subjects,
            "data_categories": self.some(DATA_CATEGORIES, 2, 5),
            "special_categories": (
                self.pick(
                    ("Data concerning health", "health", "Trade union membership", "Biometric data")
                )
                if special
                else self.pick(("None", "Ingen", "Ingen", "-", "N/A"))
            ),
            "criminal_data": "Yes" if criminal else self.pick(("No", "Nej", "Nei", "Ei")),
            "criminal_data_authority": (
                "Dataskyddsförordningen (2018:219) 3 kap. 8 §" if criminal else "Not applicable"
            ),
            "national_id": "Yes" if national_id else "No",
            "national_id_justification": (
                "Needed for tax reporting (dataskyddslagen 3 kap. 10 §)."
                if national_id
                else "Not processed"
            ),
            "data_source": self.pick(DATA_SOURCES),
            "systems": self.some(SYSTEMS, 1, 3),
            "recipients": "\n".join(p.row["processor_id"] for p in used),
            "security_measures": self.pick(SECURITY),
            "automated_decisions": automated,
            "large_scale": "Yes" if large else "No",
            "systematic_monitoring": "Yes" if monitoring else "No",
            "innovative_technology": self.yes_no(0.05),
            "dpia_status": self.pick(("Done", "Genomförd"))
            if risky
            else self.pick(("Not required", "Krävs ej")),
            "dpia_reference": (
                f"DPIA-{2023 + index % 4}-{index:05d}"
                if risky
                else "Low risk; no WP248 criteria met."
            ),
            "last_reviewed": self.date_before(330),
            "art22_basis": (
                "Art. 22(2)(a) necessary for the contract; a person reviews every refusal"
                if automated in YES
                else "No"
            ),
            "joint_arrangement": (
                f"Joint controller agreement JCA-{index % 50:03d}, 2025-06-01" if joint else None
            ),
        }
        purposes = [
            self._purpose(activity_id, special, employees)
            for _ in range(rnd.choice((1, 2, 2, 2, 3, 3)))
        ]
        retention = [
            {
                "activity_id": activity_id,
                "data_category": self.pick(DATA_CATEGORIES) if n else "All",
                "period": self.pick(PERIODS),
                "trigger": self.pick(TRIGGERS),
                "legal_rule": self.pick(LEGAL_REFERENCES)
                if rnd.random() < 0.5
                else "Internal policy",
                "deletion_method": self.pick(DELETION),
            }
            for n in range(rnd.choice((1, 1, 2, 2, 2)))
        ]
        transfers = [
            {
                "activity_id": activity_id,
                "recipient": p.row["processor_id"],
                "country": p.third_country,
                "mechanism": p.row["transfer_mechanism"],
                "tia_reference": p.row["tia_reference"],
                "scc_module": p.row.get("scc_module"),
            }
            for p in used
            if p.third_country
        ]
        if rnd.random() < MISTAKE_RATE:
            self.mistakes += 1
            self.pick(MISTAKES)(self, activity, purposes, retention, transfers)
        return activity, purposes, retention, transfers

    def _purpose(self, activity_id: str, special: bool, employees: bool) -> Row:
        # Employees' data rests on contract, law or legitimate interests, rarely on consent.
        weights = EMPLOYEE_WEIGHTS if employees else LAWFUL_WEIGHTS
        code, spellings = self.rnd.choices(LAWFUL_BASES, weights)[0]
        row: Row = {
            "activity_id": activity_id,
            "purpose": self.pick(PURPOSES),
            "lawful_basis": self.pick(spellings),
        }
        if special:
            row["art9_condition"] = self.pick(
                ("Art. 9(2)(b) Employment and social security law", "9.2.h")
            )
        if code == "f":
            row["legitimate_interest"] = "Keeping customers informed about similar products."
            row["lia_reference"] = f"LIA-{self.rnd.randint(1, 999):03d}"
        if code == "a":
            row["consent_mechanism"] = "Double opt-in form; withdrawal link in every e-mail."
        if code in {"c", "e"}:
            row["legal_reference"] = self.pick(LEGAL_REFERENCES)
        if special:  # Art. 9(2)(b) and (h) apply as Member State law provides: name it
            row["legal_reference"] = self.pick(ART9_LAWS)
        # Most DPOs fill every cell. Not the Art. 9(2) condition: ropa reports "N/A" there (RP110).
        for key in ("legitimate_interest", "lia_reference", "consent_mechanism"):
            if key not in row and self.rnd.random() < 0.9:
                row[key] = self.pick(NOT_APPLICABLE)
        if "legal_reference" not in row and self.rnd.random() < 0.8:
            row["legal_reference"] = self.pick(("GDPR", "-", "N/A", "Dataskyddsförordningen"))
        return row

    def processor_activities(self) -> Iterator[Row]:
        for index in range(max(3, self.n // 2000)):
            yield {
                "record_id": f"{self.prefix}PA-{index:04d}",
                "entity_ids": self.pick(ENTITIES)[0],
                "client_controller": f"Client {index} AB",
                "client_contact": f"privacy@client{index}.example",
                "processing_categories": "Hosting\nSupport",
                "transfers": "None",
                "transfer_mechanism": "Not applicable",
                "security_measures": self.pick(SECURITY),
            }


# --- deliberate mistakes (each one makes at least one rule report a finding) -----------------

Mistake = Callable[[Generator, Row, list[Row], list[Row], list[Row]], None]


def _unknown_basis(g: Generator, a: Row, p: list[Row], r: list[Row], t: list[Row]) -> None:
    p[0]["lawful_basis"] = g.pick(("Art. 6(1)(g)", "business need", "avtalet?"))


def _li_undocumented(g: Generator, a: Row, p: list[Row], r: list[Row], t: list[Row]) -> None:
    p[0] |= {"lawful_basis": "6.1.f", "legitimate_interest": None, "lia_reference": None}


def _consent_undocumented(g: Generator, a: Row, p: list[Row], r: list[Row], t: list[Row]) -> None:
    p[0] |= {"lawful_basis": "samtykke", "consent_mechanism": None}


def _special_without_condition(
    g: Generator, a: Row, p: list[Row], r: list[Row], t: list[Row]
) -> None:
    a["special_categories"] = "Data concerning health"
    for row in p:
        row.pop("art9_condition", None)


def _national_id_unjustified(
    g: Generator, a: Row, p: list[Row], r: list[Row], t: list[Row]
) -> None:
    a |= {"national_id": "Ja", "national_id_justification": None}


def _unknown_recipient(g: Generator, a: Row, p: list[Row], r: list[Row], t: list[Row]) -> None:
    a["recipients"] += "\nP99999"


def _empty_required(g: Generator, a: Row, p: list[Row], r: list[Row], t: list[Row]) -> None:
    a["data_subjects"] = None


def _vague_retention(g: Generator, a: Row, p: list[Row], r: list[Row], t: list[Row]) -> None:
    r[0] |= {
        "period": g.pick(("as long as necessary", "tills vidare")),
        "trigger": None,
        "legal_rule": None,
    }


def _no_retention(g: Generator, a: Row, p: list[Row], r: list[Row], t: list[Row]) -> None:
    r.clear()


def _missing_transfer(g: Generator, a: Row, p: list[Row], r: list[Row], t: list[Row]) -> None:
    us = next(x for x in g.processors if x.third_country)
    if us.row["processor_id"] not in a["recipients"]:
        a["recipients"] += "\n" + us.row["processor_id"]
    t[:] = [row for row in t if row["recipient"] != us.row["processor_id"]]


def _privacy_shield(g: Generator, a: Row, p: list[Row], r: list[Row], t: list[Row]) -> None:
    if t:
        t[0]["mechanism"] = "Privacy Shield"
    else:
        _missing_transfer(g, a, p, r, t)


def _old_review(g: Generator, a: Row, p: list[Row], r: list[Row], t: list[Row]) -> None:
    a["last_reviewed"] = dt.date(2022, g.rnd.randint(1, 12), 1)


def _no_security(g: Generator, a: Row, p: list[Row], r: list[Row], t: list[Row]) -> None:
    a["security_measures"] = None


MISTAKES: tuple[Mistake, ...] = (
    _unknown_basis,
    _li_undocumented,
    _consent_undocumented,
    _special_without_condition,
    _national_id_unjustified,
    _unknown_recipient,
    _empty_required,
    _vague_retention,
    _no_retention,
    _missing_transfer,
    _privacy_shield,
    _old_review,
    _no_security,
)


# --- writing ---------------------------------------------------------------------------------


def generate(
    activities: int, out: Path, seed: int = 1, changes: int = 0, prefix: str = ""
) -> tuple[int, int]:
    """Write the workbook; returns (non-empty cells written, mistakes injected).

    ``changes`` revises that many activities after the fact (their description, purpose or
    review date), so that the same seed with and without it gives two versions of one record
    for ``ropa diff``; ``prefix`` starts every id (the workbooks of a group).
    """
    gen = Generator(activities, seed, prefix)
    rows: dict[str, list[Row]] = {
        key: [] for key in ("activities", "purposes", "retention", "transfers")
    }
    for index in range(1, activities + 1):
        activity, purposes, retention, transfers = gen.activity(index)
        rows["activities"].append(activity)
        rows["purposes"].extend(purposes)
        rows["retention"].extend(retention)
        rows["transfers"].extend(transfers)
    revise(rows, changes, seed)
    rows["organisation"] = list(gen.organisation())
    rows["processors"] = [p.row for p in gen.processors]
    rows["processor_activities"] = list(gen.processor_activities())

    book = Workbook(write_only=True)
    cells = 0
    for sheet in record_schema().sheets:
        ws = book.create_sheet(sheet.title("en"))
        keys = [field.key for field in sheet.fields]
        ws.append([field.title("en") for field in sheet.fields])
        cells += len(keys)
        for row in rows.get(sheet.key, []):  # a sheet the generator does not fill: headers
            values = [row.get(key) for key in keys]
            cells += sum(value is not None for value in values)
            ws.append(values)
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return cells, gen.mistakes


def revise(rows: dict[str, list[Row]], changes: int, seed: int) -> None:
    """Change ``changes`` cells of distinct activities: the next version of the record."""
    rnd = random.Random(seed + 1)
    activities = rows["activities"]
    for activity in rnd.sample(activities, min(changes, len(activities))):
        field = rnd.choice(("description", "security_measures", "last_reviewed"))
        if field == "last_reviewed":
            activity[field] = AS_OF
        else:
            activity[field] = f"{activity[field]} Revised {AS_OF.isoformat()}."


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: generate one workbook and print its size."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--activities", type=int, default=10_000, help="number of activities")
    parser.add_argument("--out", type=Path, required=True, help="the .xlsx file to write")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same file)")
    parser.add_argument("--changes", type=int, default=0, help="activities revised (ropa diff)")
    parser.add_argument("--prefix", default="", help="start every id with this (a group)")
    args = parser.parse_args(argv)
    cells, mistakes = generate(args.activities, args.out, args.seed, args.changes, args.prefix)
    size = args.out.stat().st_size
    print(
        f"{args.out}: {args.activities:,} activities, {cells:,} cells, "
        f"{size / 1e6:.2f} MB, {mistakes} deliberate mistakes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
