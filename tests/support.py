"""Build real workbooks for tests, from rows keyed by canonical field keys."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from ropa.model.schema import record_schema

Rows = dict[str, list[dict[str, Any]]]

TODAY = dt.date(2026, 11, 23)


def write_record(
    path: Path,
    rows: Mapping[str, Iterable[Mapping[str, Any]]],
    *,
    lang: str = "en",
    drop_columns: Iterable[str] = (),
    drop_sheets: Iterable[str] = (),
    title_rows: int = 0,
    header_case: str = "as-is",
    hidden: Iterable[str] = (),
    duplicate_headers: Iterable[str] = (),
    post: Callable[[Workbook], None] | None = None,
) -> Path:
    """Write a plain workbook (no styling) with the schema's headers in ``lang``.

    ``drop_columns`` takes "sheet.field" keys; ``title_rows`` puts title lines above the
    header, as DPOs often do. Lists are written one value per line.
    """
    dropped = set(drop_columns)
    skipped = set(drop_sheets)
    book = Workbook()
    book.remove(book.active)
    for sheet in record_schema().sheets:
        if sheet.key in skipped:
            continue
        ws = book.create_sheet(sheet.title(lang))
        for number in range(title_rows):
            ws.append([f"Record of processing activities ({number + 1})"])
        fields = [f for f in sheet.fields if f"{sheet.key}.{f.key}" not in dropped]
        extra = sorted(
            {k for row in rows.get(sheet.key, []) for k in row} - {f.key for f in sheet.fields}
        )
        repeated = [f for f in fields if f"{sheet.key}.{f.key}" in set(duplicate_headers)]
        headers = [_case(f.title(lang), header_case) for f in fields] + extra
        ws.append(headers + [f.title(lang) for f in repeated])
        for row in rows.get(sheet.key, []):
            ws.append([_cell(row.get(f.key)) for f in fields] + [_cell(row.get(k)) for k in extra])
        if sheet.key in set(hidden):
            ws.sheet_state = "hidden"
    if post is not None:
        post(book)
    book.save(path)
    return path


def _case(text: str, mode: str) -> str:
    if mode == "upper":
        return text.upper()
    if mode == "spaced":
        return f"  {text.lower()}  "
    return text


def _cell(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return "\n".join(str(v) for v in value)
    return value


BASE: Rows = {
    "organisation": [
        {
            "entity_id": "SE01",
            "legal_name": "Exempelbolaget AB",
            "registration_number": "556000-0000",
            "country": "SE",
            "address": "Storgatan 1, 111 22 Stockholm",
            "contact_email": "privacy@exempel.example",
            "contact_phone": "+46 8 000 00 00",
            "public_authority": "No",
            "dpo_designated": "Yes",
            "dpo_name": "Dana Dataskydd",
            "dpo_contact": "dpo@exempel.example",
            "supervisory_authority": "Integritetsskyddsmyndigheten (IMY)",
            "dpo_published": "https://www.exempel.example/integritet#dataskyddsombud",
            "dpo_notified": dt.date(2024, 2, 1),
        }
    ],
    "activities": [
        {
            "activity_id": "HR-01",
            "entity_ids": "SE01",
            "name": "Payroll",
            "description": "Paying salaries and reporting tax.",
            "owner": "HR",
            "role": "Controller",
            "data_subjects": ["Employees"],
            "data_categories": ["Contact details", "Bank account", "Salary"],
            "special_categories": "None",
            "criminal_data": "No",
            "national_id": "Yes",
            "national_id_justification": "Needed for tax reporting (dataskyddslagen 3 kap. 10 §).",
            "data_source": "The employee",
            "systems": ["PayrollSys"],
            "recipients": ["PAY"],
            "security_measures": "Role-based access, encryption at rest, logging.",
            "automated_decisions": "No",
            "dpia_status": "Not required",
            "dpia_reference": "Routine payroll; no WP248 criteria beyond employees.",
            "last_reviewed": dt.date(2026, 9, 1),
        },
        {
            "activity_id": "MKT-01",
            "entity_ids": "SE01",
            "name": "Newsletter",
            "description": "Monthly newsletter to subscribers.",
            "owner": "Marketing",
            "role": "Controller",
            "data_subjects": ["Newsletter subscribers"],
            "data_categories": ["E-mail address", "Name"],
            "special_categories": "None",
            "criminal_data": "No",
            "national_id": "No",
            "data_source": "The subscriber",
            "systems": ["MailTool"],
            "recipients": ["MAIL"],
            "security_measures": "See ISMS policy v3.",
            "automated_decisions": "No",
            "dpia_status": "Not required",
            "dpia_reference": "Low risk: name and e-mail only.",
            "last_reviewed": dt.date(2026, 10, 1),
        },
    ],
    "purposes": [
        {
            "activity_id": "HR-01",
            "purpose": "Pay salaries",
            "lawful_basis": "Art. 6(1)(b) Contract",
        },
        {
            "activity_id": "HR-01",
            "purpose": "Report tax",
            "lawful_basis": "Art. 6(1)(c) Legal obligation",
            "legal_reference": "Skatteförfarandelagen (2011:1244)",
        },
        {
            "activity_id": "MKT-01",
            "purpose": "Send the newsletter",
            "lawful_basis": "Art. 6(1)(a) Consent",
            "consent_mechanism": "Double opt-in form; unsubscribe link in every e-mail.",
        },
    ],
    "processors": [
        {
            "processor_id": "PAY",
            "name": "Lönetjänst AB",
            "role": "Processor",
            "service": "Payroll processing",
            "countries": "SE",
            "dpa_signed": dt.date(2024, 3, 1),
            "transfer_mechanism": "Not applicable",
        },
        {
            "processor_id": "MAIL",
            "name": "MailTool Inc.",
            "role": "Processor",
            "service": "Newsletter delivery",
            "countries": ["IE", "US"],
            "dpa_signed": dt.date(2025, 1, 15),
            "transfer_mechanism": "SCC",
            "dpf_certified": "No",
            "tia_reference": "TIA-2025-01",
            "scc_module": "Module 2",
        },
    ],
    "transfers": [
        {
            "activity_id": "MKT-01",
            "recipient": "MAIL",
            "country": "US",
            "mechanism": "SCC",
            "tia_reference": "TIA-2025-01",
        }
    ],
    "retention": [
        {
            "activity_id": "HR-01",
            "data_category": "All",
            "period": "7 years",
            "trigger": "end of the financial year",
            "legal_rule": "Bokföringslagen 7 kap. 2 §",
            "deletion_method": "Deleted",
        },
        {
            "activity_id": "MKT-01",
            "data_category": "All",
            "period": "until consent is withdrawn",
            "deletion_method": "Deleted",
        },
    ],
}


def base_rows() -> Rows:
    """A deep copy of a small, clean record: two activities, two processors."""
    return copy.deepcopy(BASE)
