"""ropa import: the organisation block above a register's header, in the ways people write it.

One cell per party ("Name and contact details: X Ltd, address, e-mail, phone"), the ICO
template's grid (party columns over Name / Address / Email / Telephone rows), a Nordic
"Personuppgiftsansvarig: …, org.nr …" line, and the controller's columns on every row.
The organisations are fictional.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import ropa
from ropa.read.importer.block import read_block, split_contact
from tests.test_import import ICO_HEADER

ROW = [
    "HR",
    "Payroll",
    "",
    "Employees",
    "Name; bank account",
    "Pennyworth Payroll Ltd",
    "",
    "",
    "",
    "6 years after leaving",
    "MFA",
    "Legal obligation",
    "",
]


def _ico(path: Path, above: list[list[str]]) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Template"
    for row in [*above, [], ICO_HEADER, ROW]:
        ws.append(row)
    book.save(path)
    return path


HERONSGATE = {
    "legal_name": "Heronsgate Bakeries Ltd",
    "address": "1 Mill Lane, Leeds LS1 4AB",
    "contact_email": "info@heronsgate.example",
    "contact_phone": "+44 113 496 0000",
    "dpo_name": "Priya Nair",
}

BLOCKS = {
    # An ICO-style controller sheet: each party's name and contact details in one cell.
    "one cell per party": [
        [
            "Name and contact details: Heronsgate Bakeries Ltd, 1 Mill Lane, Leeds LS1 4AB, "
            "info@heronsgate.example, +44 113 496 0000"
        ],
        ["Data Protection Officer: Priya Nair, dpo@heronsgate.example"],
    ],
    # The ICO template's grid: party columns over Name / Address / Email / Telephone rows.
    "the ICO grid": [
        ["", "", "Controller"],
        [
            "",
            "",
            "Organisation name and contact details",
            "",
            "Data Protection Officer (if applicable)",
            "",
            "Representative (if applicable)",
        ],
        ["", "Name", "Heronsgate Bakeries Ltd", "", "Priya Nair"],
        ["", "Address", "1 Mill Lane, Leeds LS1 4AB"],
        ["", "Email", "info@heronsgate.example", "", "dpo@heronsgate.example"],
        ["", "Telephone", "+44 113 496 0000"],
    ],
    # Labels in their own cells, the values to their right, several parts in one cell.
    "label and value cells": [
        ["Name and contact details of the controller", "Heronsgate Bakeries Ltd"],
        ["Contact details", "1 Mill Lane, Leeds LS1 4AB; info@heronsgate.example"],
        ["Telephone", "+44 113 496 0000"],
        ["DPO", "Priya Nair (dpo@heronsgate.example)"],
    ],
}


@pytest.mark.parametrize("kind", sorted(BLOCKS))
def test_the_organisation_block_goes_to_organisation(kind: str, tmp_path: Path) -> None:
    source = _ico(tmp_path / "ico.xlsx", BLOCKS[kind])
    out = tmp_path / "record.xlsx"
    result = ropa.import_record([source], out)
    assert result.sources[0].layout == "ico-controller"
    organisation = result.rows["organisation"]
    assert len(organisation) == 1
    row = organisation[0]
    assert {key: row.get(key) for key in HERONSGATE} == HERONSGATE
    assert row["dpo_contact"] == "dpo@heronsgate.example"
    assert not row.get("Imported notes")  # nothing left over: all of it was read
    assert result.rows["activities"][0]["entity_ids"] == row["entity_id"]
    written = openpyxl.load_workbook(out)["Organisation"]
    values = {c.value for r in written.iter_rows(min_row=2) for c in r}
    assert "Heronsgate Bakeries Ltd" in values and "info@heronsgate.example" in values
    codes = {f.code for f in ropa.check([out]).findings}
    assert not codes & {"RP101", "RP102"}
    # The summary says what the block gave and where it was.
    assert {"Legal name", "Contact e-mail", "DPO name"} <= set(result.sources[0].organisation_block)
    spans = {
        "one cell per party": "A1–A2",
        "the ICO grid": "C3–E6",
        "label and value cells": "B1–B4",
    }
    assert result.sources[0].organisation_cells == spans[kind]


# label line, expected fields, in the languages of the layouts
LINES = [
    (
        "Personuppgiftsansvarig: Lönebyrån Nord AB, org.nr 556677-8899, Storgatan 1, "
        "111 22 Stockholm, info@lonebyran.example",
        {
            "legal_name": "Lönebyrån Nord AB",
            "registration_number": "556677-8899",
            "address": "Storgatan 1, 111 22 Stockholm",
            "contact_email": "info@lonebyran.example",
        },
    ),
    (
        "Behandlingsansvarliges navn og kontaktopplysninger: Fjordlønn AS, Storgata 1, "
        "0155 Oslo, tlf. 22 33 44 55",
        {
            "legal_name": "Fjordlønn AS",
            "address": "Storgata 1, 0155 Oslo",
            "contact_phone": "22 33 44 55",
        },
    ),
    (
        "Dataansvarlig: Løntjek ApS, CVR-nr 12345678, Vestergade 2, 8000 Aarhus",
        {
            "legal_name": "Løntjek ApS",
            "registration_number": "12345678",
            "address": "Vestergade 2, 8000 Aarhus",
        },
    ),
    (
        "Rekisterinpitäjän nimi ja yhteystiedot: Palkkapalvelu Oy, Y-tunnus 1234567-8, "
        "Mannerheimintie 1, 00100 Helsinki, puh. 09 123 4567",
        {
            "legal_name": "Palkkapalvelu Oy",
            "registration_number": "1234567-8",
            "address": "Mannerheimintie 1, 00100 Helsinki",
            "contact_phone": "09 123 4567",
        },
    ),
    (
        "Naam en contactgegevens: Salarisbureau Delta B.V., Dorpsstraat 1, 1234 AB Delta, "
        "privacy@delta.example",
        {
            "legal_name": "Salarisbureau Delta B.V.",
            "address": "Dorpsstraat 1, 1234 AB Delta",
            "contact_email": "privacy@delta.example",
        },
    ),
    (
        "Nom et coordonnées du responsable de traitement : Paie Express SARL, "
        "3 rue de la Paix, 75002 Paris, SIRET 123 456 789 00012",
        {
            "legal_name": "Paie Express SARL",
            "address": "3 rue de la Paix, 75002 Paris",
            "registration_number": "123 456 789 00012",
        },
    ),
]


@pytest.mark.parametrize(("line", "expected"), LINES, ids=[line[:12] for line, _ in LINES])
def test_a_contact_line_is_split_into_its_parts(line: str, expected: dict[str, str]) -> None:
    block = read_block([[line]], 1)
    assert block.fields == expected
    assert not block.notes


def test_what_is_not_a_contact_part_is_kept_as_a_note() -> None:
    block = read_block(
        [
            ["Record of processing activities, 2026 edition"],
            ["Controller: Acme, Inc., 5 Main Street, Springfield, www.acme.example"],
            ["Name and contact details of joint controller: Partner Ltd, partner@x.example"],
        ],
        3,
    )
    assert block.fields == {"legal_name": "Acme, Inc.", "address": "5 Main Street, Springfield"}
    assert block.notes == [
        "Website: www.acme.example",
        "Joint controller: Partner Ltd, partner@x.example",
        "Record of processing activities, 2026 edition",
    ]


def test_split_contact_keeps_every_piece() -> None:
    parts = split_contact("Priya Nair\n1 Mill Lane\nLeeds\nTel: 0113 496 0001", name_first=True)
    assert parts == {
        "name": "Priya Nair",
        "address": "1 Mill Lane\nLeeds",
        "contact_phone": "0113 496 0001",
    }


def test_controller_columns_on_every_row_are_split(tmp_path: Path) -> None:
    # The ICO-derived template with the controller on every row (gdpr-skill's layout).
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "ROPA"
    ws.append(
        [
            "Controller name",
            "Controller contact details",
            "DPO (if applicable)",
            "Purpose of processing",
            "Lawful basis (suggested)",
        ]
    )
    contact = "1 Mill Lane, Leeds; info@heronsgate.example; +44 113 496 0000"
    ws.append(
        [
            "Heronsgate Bakeries Ltd",
            contact,
            "Priya Nair, dpo@heronsgate.example",
            "Payroll",
            "Legal obligation",
        ]
    )
    ws.append(
        [
            "Heronsgate Bakeries Ltd",
            contact,
            "Priya Nair, dpo@heronsgate.example",
            "Recruitment",
            "Legitimate interests",
        ]
    )
    book.save(tmp_path / "ropa.xlsx")
    result = ropa.import_record([tmp_path / "ropa.xlsx"], None)
    assert result.sources[0].layout == "ico-controller"
    (row,) = result.rows["organisation"]
    assert row["legal_name"] == "Heronsgate Bakeries Ltd" and row["address"] == "1 Mill Lane, Leeds"
    assert row["contact_email"] == "info@heronsgate.example"
    assert row["contact_phone"] == "+44 113 496 0000"
    assert (row["dpo_name"], row["dpo_contact"]) == ("Priya Nair", "dpo@heronsgate.example")
    assert {a["entity_ids"] for a in result.rows["activities"]} == {row["entity_id"]}


def test_cnil_fiches_one_activity_per_sheet(tmp_path: Path) -> None:
    # CNIL's model is a fiche per activity: labels down a column, the values beside them.
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Fiche 1"
    for row in [
        ["Fiche de registre de l'activité"],
        [],
        ["Nom de l'activité", "Paie"],
        ["Objectifs poursuivis", "Payer les salaires"],
        ["Base légale", "Obligation légale"],
        ["Catégories de personnes concernées", "Salariés"],
        ["Catégories de données collectées", "État-civil, identité"],
        ["Des données sensibles sont-elles traitées ?", "Non"],
        ["Destinataires internes", "Service RH"],
        ["Sous-traitants", "Paie Express SARL"],
        ["Transferts des données hors UE", "Non"],
        ["Durées de conservation", "5 ans à compter de la fin du contrat"],
        ["Remarque libre", "vu par le DPO"],
    ]:
        ws.append(row)
    other = book.create_sheet("Fiche 2")
    for row in [
        ["Nom de l'activité", "Vidéoprotection"],
        ["Objectifs poursuivis", "Sécurité des locaux"],
        ["Base légale", "Intérêt légitime"],
        ["Catégories de personnes concernées", "Salariés; visiteurs"],
        ["Transferts des données hors UE", "Oui, États-Unis (clauses contractuelles types)"],
        ["Durées de conservation", "30 jours"],
    ]:
        other.append(row)
    book.save(tmp_path / "registre.xlsx")
    out = tmp_path / "record.xlsx"
    result = ropa.import_record([tmp_path / "registre.xlsx"], out)
    assert result.sources[0].layout == "cnil-registre"
    assert all(sheet.form for sheet in result.sources[0].sheets)
    activities = result.rows["activities"]
    assert [a["name"] for a in activities] == ["Paie", "Vidéoprotection"]
    assert activities[0]["Imported from"] == "registre.xlsx › Fiche 1 › form, B3–B13"
    assert activities[0]["Remarque libre"] == "vu par le DPO"  # a label ropa has no field for
    assert [p["lawful_basis"] for p in result.rows["purposes"]] == ["c", "f"]
    assert [p["name"] for p in result.rows["processors"]] == ["Paie Express SARL"]
    (transfer,) = result.rows["transfers"]  # "Non" is no transfer; "Oui, États-Unis" is one
    assert (transfer["country"], transfer["mechanism"]) == ("US", "scc")
    assert result.unread == []  # French periods, bases, yes/no and country names all read
    codes = {f.code for f in ropa.check([out]).findings}
    assert not codes & {"RP101", "RP102"}


def test_the_organisation_block_on_a_sheet_of_its_own(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Personuppgiftsansvarig"
    for row in [
        ["Personuppgiftsansvarig", "Lönebyrån Nord AB"],
        ["Organisationsnummer", "556677-8899"],
        ["Adress", "Storgatan 1, 111 22 Stockholm"],
        ["E-post", "info@lonebyran.example"],
        ["Dataskyddsombud", "Anna Svensson, dso@lonebyran.example"],
    ]:
        ws.append(row)
    register = book.create_sheet("Registerförteckning")
    register.append(["Behandling", "Ändamål", "Rättslig grund", "Kategorier av registrerade"])
    register.append(["Lön", "Betala ut lön", "Rättslig förpliktelse", "Anställda"])
    book.save(tmp_path / "forteckning.xlsx")
    out = tmp_path / "record.xlsx"
    result = ropa.import_record([tmp_path / "forteckning.xlsx"], out)
    source = result.sources[0]
    assert source.organisation_sheets == ["Personuppgiftsansvarig"]
    assert source.skipped_sheets == []  # read, so not copied as "Imported …"
    (row,) = result.rows["organisation"]
    assert row["legal_name"] == "Lönebyrån Nord AB"
    assert row["registration_number"] == "556677-8899"
    assert row["address"] == "Storgatan 1, 111 22 Stockholm"
    assert row["contact_email"] == "info@lonebyran.example"
    assert (row["dpo_name"], row["dpo_contact"]) == ("Anna Svensson", "dso@lonebyran.example")
    assert result.rows["activities"][0]["entity_ids"] == row["entity_id"]


def test_a_text_that_only_starts_like_a_label_is_kept() -> None:
    # "Company name Ltd" starts like the label "Company name" but heads no value: it is text.
    block = read_block([["Company name Ltd"], ["Controller", "Acme AB"], ["Address"]], 3)
    assert block.fields == {"legal_name": "Acme AB"}
    assert block.notes == ["Company name Ltd"]  # the bare label "Address" is no note


def test_a_form_keeps_numbering_and_lines_under_a_label(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Fiche"
    for row in [
        ["1", "Nom de l'activité", "Paie"],
        ["2", "Objectifs poursuivis", "Payer les salaires"],
        ["", "", "Calculer les cotisations"],  # a second line under its label
        ["3", "Base légale", "Obligation légale"],
        ["4", "Catégories de personnes concernées", "Salariés"],
        ["5", "Durées de conservation", "5 ans"],
    ]:
        ws.append(row)
    book.save(tmp_path / "fiche.xlsx")
    result = ropa.import_record([tmp_path / "fiche.xlsx"], None)
    assert result.sources[0].sheets[0].form
    (activity,) = result.rows["activities"]
    assert result.rows["purposes"][0]["purpose"] == "Payer les salaires\nCalculer les cotisations"
    assert activity["Column A"] == "1\n2\n3\n4\n5"  # left of the labels: kept, not dropped


def test_address_parts_and_country_in_their_own_cells() -> None:
    # A contact sheet as the French models lay it out: every part of the address on its row.
    block = read_block(
        [
            ["Nom", "Paie Express SARL"],
            ["Adresse", "3 rue de la Paix"],
            ["Code postal", "75002"],
            ["Ville", "Paris"],
            ["Pays", "France"],
            ["Téléphone", "01 23 45 67 89"],
            ["Adresse de messagerie", "contact@paie-express.example"],
            ["Délégué à la protection des données", "Marie Martin, dpo@paie-express.example"],
        ],
        8,
    )
    assert block.fields == {
        "legal_name": "Paie Express SARL",
        "address": "3 rue de la Paix\n75002\nParis",
        "country": "FR",
        "contact_phone": "01 23 45 67 89",
        "contact_email": "contact@paie-express.example",
        "dpo_name": "Marie Martin",
        "dpo_contact": "dpo@paie-express.example",
    }
    assert not block.notes


def test_a_guidance_sheet_is_no_form(tmp_path: Path) -> None:
    # Each heading with how to fill it in, down a column: the template's help, not a fiche.
    book = openpyxl.Workbook()
    book.active.title = "Guidance"
    for heading in ICO_HEADER:
        book.active.append([heading, "e.g. what to write in this column"])
    register = book.create_sheet("Template")
    for row in [ICO_HEADER, ROW]:
        register.append(row)
    book.save(tmp_path / "ico.xlsx")
    result = ropa.import_record([tmp_path / "ico.xlsx"], None)
    assert [a["name"] for a in result.rows["activities"]] == ["Payroll"]
    assert result.sources[0].skipped_sheets == ["Guidance"]  # copied unchanged, not read


def test_a_form_reads_ticked_options_and_keeps_the_others_apart(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Fiche"
    for row in [
        ["Nom de l'activité", "Paie"],
        ["Objectifs poursuivis", "Payer les salaires"],
        ["Catégories de personnes concernées", "Salariés"],
        ["Catégories de données collectées", "État-civil, identité", "X"],
        ["", "Vie personnelle", ""],
        ["", "Informations d'ordre économique et financier", "X"],
    ]:
        ws.append(row)
    book.save(tmp_path / "fiche.xlsx")
    result = ropa.import_record([tmp_path / "fiche.xlsx"], None)
    (activity,) = result.rows["activities"]
    # Only what is ticked is the record's; the unticked option is kept, apart, not lost.
    assert activity["data_categories"] == (
        "État-civil, identité\nInformations d'ordre économique et financier"
    )
    assert activity["Catégories de données collectées (not ticked)"] == "Vie personnelle"
