"""ropa import on real templates and records other people made (../shared/real-records).

CI has the folder beside the clone; without it these tests skip. Nothing from it is copied
into the project: the expectations below are counts and a few field names.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

import ropa
from ropa.model.vocab import vocabulary
from ropa.read.importer import import_sources
from ropa.read.importer.block import label_of

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real-records"
pytestmark = pytest.mark.skipif(
    not REAL.is_dir(), reason=f"the real records are not beside the clone ({REAL.name} not found)"
)

# file, layout, activities, processors, a sample of (heading, field) that must be mapped
CASES = [
    (
        "fides-datamap-template.xlsx",
        "ico-controller",
        0,
        0,
        [
            ("Department or Business function", "activities.owner"),
            ("Retention schedule (if possible)", "retention.period"),
        ],
    ),
    (
        "gdpr-skill-ropa-template.xlsx",
        "ico-controller",
        0,
        0,
        [
            ("Lawful basis (suggested)", "purposes.lawful_basis"),
            ("Controller name", "organisation.legal_name"),
        ],
    ),
    (
        "cisoassistant-processings_template.xlsx",
        "ciso-assistant",
        2,
        0,
        [("ref_id", "activities.activity_id"), ("dpia_required", "activities.dpia_required")],
    ),
    (
        "cisoassistant-sample_processing_workbook.xlsx",
        "ciso-assistant",
        1,
        3,
        [("legal_basis", "purposes.lawful_basis"), ("transfer_mechanism", "transfers.mechanism")],
    ),
    (
        "cisoassistant-third_parties_template.xlsx",
        "processor-list",
        0,
        3,
        [("country", "processors.countries")],
    ),
    (
        "vonq-sub-processor-listing-v07.26-31.09.2024.csv",
        "processor-list",
        0,
        11,
        [("Company", "processors.name"), ("Service Description", "processors.service")],
    ),
    (
        "vonq-sub-processor-listing-v07.27-31.05.2025.csv",
        "processor-list",
        0,
        12,
        [("Location of Data Processing", "processors.countries")],
    ),
    (
        "gdpr-skill-transfer-register-template.csv",
        "transfer-register",
        0,
        0,
        [("Destination country/region", "transfers.country")],
    ),
    (
        "converted/converted-vonq-bv.xlsx",
        "ropa",
        7,
        13,
        [("Activity ID", "activities.activity_id")],
    ),
    (
        "converted/converted-cisoassistant-sample.xlsx",
        "ropa",
        1,
        2,
        [("Purpose", "purposes.purpose")],
    ),
]


_VOCABS = (
    "recipient_role",
    "transfer_mechanism",
    "dpia_status",
    "lawful_basis",
    "controller_role",
    "yes_no",
)


def _key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _found(text: str, written: str) -> bool:
    """The source text is in the written workbook, or a vocabulary code shown as its label."""
    if _key(text) in written:
        return True
    for name in _VOCABS:
        term = vocabulary(name).match(text)
        if term and any(_key(label) in written for label in term.labels.values()):
            return True
    return False


def _source_texts(path: Path) -> list[str]:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))[1:]
        return [cell.strip() for row in rows for cell in row if cell.strip()]
    book = openpyxl.load_workbook(path, data_only=True)
    texts = []
    for ws in book:
        for row in list(ws.iter_rows(values_only=True)):
            texts += [
                str(v).strip()
                for v in row
                if v not in (None, "") and not isinstance(v, bool) and str(v).strip()
            ]
    return texts


@pytest.mark.parametrize(
    ("name", "layout", "activities", "processors", "sample"), CASES, ids=[c[0] for c in CASES]
)
def test_real_file_imports_and_checks(
    tmp_path: Path, name, layout, activities, processors, sample
) -> None:
    source = REAL / name
    before = source.read_bytes()
    out = tmp_path / "record.xlsx"
    result = ropa.import_record([source], out)
    assert source.read_bytes() == before
    assert result.sources[0].layout == layout
    assert len(result.rows["activities"]) == activities
    assert len(result.rows["processors"]) == processors
    mapped = {(h, t) for sheet in result.sources[0].sheets for h, t, _ in sheet.mapped}
    assert set(sample) <= mapped
    # No source cell text is lost: each is in some cell of the written workbook (headings
    # of mapped columns are the record's own headings now, so only data cells are compared).
    written = openpyxl.load_workbook(out)
    text = _key(
        "\n".join(
            str(c.value)
            for ws in written
            for row in ws.iter_rows()
            for c in row
            if c.value is not None
        )
    )
    headings = {h for sheet in result.sources[0].sheets for h, _, _ in sheet.mapped}
    headings |= {h for sheet in result.sources[0].sheets for h in sheet.extras}
    missing = [
        t
        for t in _source_texts(source)
        if t not in headings and not label_of(t) and not _found(t, text)
    ]
    assert not missing, missing[:5]
    codes = {finding.code for finding in ropa.check([out]).findings}
    assert not codes & {"RP101", "RP102"}, codes
    assert not any(code.startswith("RX") for code in codes), codes  # every rule ran


# layout-mappings.json: the headings of ten layouts and the ropa field each belongs in, as
# the team mapped them by hand. A sheet headed with a layout's headings must be recognised as
# that layout and map (nearly) every heading that has a field to that field.
MAPPED_LAYOUTS = {
    "ico-controller-template": "ico-controller",
    "fides-datamap-template": "ico-controller",
    "gdpr-skill-ropa-template": "ico-controller",
    "cisoassistant-processings-flat": "ciso-assistant",
    "amersfoort-register": "nl-verwerkingsregister",
    "no-behandlingsoversikt": "no-behandlingsprotokoll",
    "cnil-registre": "cnil-registre",
    "vonq-bv-record": "generic",
    "privado-ropa-report": "generic",
}


#: The importer's instructions (not schema fields) and the field each fills.
_FILLS = {
    "activities.dpia_required": "activities.dpia_status",
    "activities.internal_recipients": "activities.recipients",
    "activities.special_flag": "activities.special_categories",
}


def _agrees(target: str, expected: str) -> bool:
    target = _FILLS.get(target, target)
    sheet, field = target.split(".", 1)
    if target in expected or f"{sheet}.*" in expected or field in expected:
        return True
    # A contact cell is split into address, e-mail and phone, whichever of them it maps to.
    contact = ("organisation.address", "organisation.contact_email", "organisation.contact_phone")
    if target in contact and any(c in expected for c in contact):
        return True
    # Recipients become Processors rows (named ones) or stay categories: either is the field.
    return target == "activities.recipients" and (
        "processors" in expected or "recipient" in expected
    )


@pytest.mark.parametrize("key", sorted(MAPPED_LAYOUTS))
def test_the_mapped_headings_of_each_layout(key: str, tmp_path: Path) -> None:
    entry = json.loads((REAL / "layout-mappings.json").read_text(encoding="utf-8"))[key]
    # Rows of the table, not pseudo-headings for a contact block or a separate file.
    columns = [
        c for c in entry["columns"] if not c["header"].startswith(("[", "sub-processor CSV"))
    ]
    book = openpyxl.Workbook()
    book.active.append([c["header"] for c in columns])
    book.active.append(["x"] * len(columns))
    book.save(tmp_path / "layout.xlsx")
    result = import_sources([tmp_path / "layout.xlsx"])
    assert result.sources[0].layout == MAPPED_LAYOUTS[key]
    mapped = {h: t for sheet in result.sources[0].sheets for h, t, _ in sheet.mapped}
    wanted = [c for c in columns if c["ropa"]]
    found = [c for c in wanted if c["header"] in mapped]
    assert len(found) >= 0.85 * len(wanted), [c["header"] for c in wanted if c not in found]
    wrong = [
        (c["header"], mapped[c["header"]])
        for c in found
        if not _agrees(mapped[c["header"]], c["ropa"])
    ]
    assert not wrong
