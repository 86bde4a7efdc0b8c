"""ropa import: each layout, in its language, from a fictional organisation the test writes."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

import ropa
from ropa.cli.app import app
from ropa.model.periods import PeriodKind, parse_period
from ropa.read.importer import import_sources, layouts
from ropa.read.workbook import read_workbook

runner = CliRunner()


def _sheet(
    path: Path, title: str, rows: list[list], above: list[list] | None = None, extra_sheets=()
):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = title
    for row in above or []:
        ws.append(row)
    for row in rows:
        ws.append(row)
    for name, cells in extra_sheets:
        other = book.create_sheet(name)
        for row in cells:
            other.append(row)
    book.save(path)
    return path


ICO_HEADER = [
    "Business function",
    "Purpose of processing",
    "Name and contact details of joint controller (if applicable)",
    "Categories of individuals",
    "Categories of personal data",
    "Categories of recipients",
    "Link to contract with processor",
    "Names of third countries or international organisations that personal data are "
    "transferred to (if applicable)",
    "Safeguards for exceptional transfers of personal data to third countries or "
    "international organisations (if applicable)",
    "Retention schedule (if possible)",
    "General description of technical and organisational security measures (if possible)",
    "Article 6 lawful basis for processing personal data",
    "Rights available to individuals",
]


@pytest.fixture()
def ico(tmp_path: Path) -> Path:
    above = [
        ["", "", "Controller"],
        [
            "",
            "",
            "Organisation name and contact details",
            "",
            "Data Protection Officer (if applicable)",
        ],
        ["", "", "Heronsgate Bakeries Ltd", "", "Priya Nair"],
        ["", "", "1 Mill Lane, Leeds", "", "dpo@heronsgate.example"],
        [],
        [],
        [],
        ["", "Article 30 Record of Processing Activities"],
    ]
    rows = [
        ICO_HEADER,
        [
            "HR",
            "Payroll",
            "",
            "Employees",
            "Name; bank account",
            "Pennyworth Payroll Ltd, our HR team",
            "https://contracts.example/pw",
            "USA – Pennyworth Inc, DPF",
            "",
            "6 years after leaving",
            "MFA, encryption",
            "Legal obligation",
            "Access, rectification",
        ],
        [
            "HR",
            "Recruitment",
            "",
            "Applicants",
            "CVs",
            "Hiring managers",
            "",
            "",
            "",
            "6 months",
            "Access control",
            "Legitimate interests",
            "",
        ],
        [
            "Marketing",
            "Newsletter",
            "",
            "Customers",
            "E-mail",
            "Mailjet SAS",
            "",
            "Iso-Britannia",
            "Privacy Shield",
            "Until unsubscribed",
            "TLS",
            "Consent",
            "",
        ],
        ["", "", "", "", "", "", "", "", "", "", "", "Legitimate interests", ""],
    ]
    return _sheet(tmp_path / "ico.xlsx", "Template", rows, above)


def test_ico_template_splits_rows_and_reads_the_organisation_block(
    ico: Path, tmp_path: Path
) -> None:
    out = tmp_path / "record.xlsx"
    result = ropa.import_record([ico], out)
    assert result.sources[0].layout == "ico-controller"
    activities = result.rows["activities"]
    # One activity per purpose within a business function; the empty-name row is another purpose.
    assert [a["name"] for a in activities] == ["Payroll", "Recruitment", "Newsletter"]
    newsletter = [
        p for p in result.rows["purposes"] if p["activity_id"] == activities[2]["activity_id"]
    ]
    assert [p.get("lawful_basis") for p in newsletter] == ["a", "f"]
    bases = {p.get("purpose"): p.get("lawful_basis") for p in result.rows["purposes"]}
    assert bases["Payroll"] == "c" and bases["Newsletter"] == "a"
    org = result.rows["organisation"][0]
    assert org["legal_name"] == "Heronsgate Bakeries Ltd" and org["dpo_name"] == "Priya Nair"
    names = [p["name"] for p in result.rows["processors"]]
    assert "Pennyworth Payroll Ltd" in names and "Mailjet SAS" in names
    assert "Hiring managers" not in names and "our HR team" not in names  # internal, no DPA
    transfers = {t["country"]: t for t in result.rows["transfers"]}
    assert transfers["US"]["mechanism"] == "dpf"
    assert transfers["GB"]["mechanism"] == "privacy_shield"  # a flaw stays visible
    assert transfers["GB"]["Destination country (as written)"] == "Iso-Britannia"
    assert activities[0]["Imported from"].startswith("ico.xlsx › Template › row 10")
    assert activities[0]["Rights available to individuals"] == "Access, rectification"
    book = read_workbook(out)
    assert len(book.rows("activities")) == 3
    report = ropa.check([out])
    codes = {f.code for f in report.findings}
    assert not codes & {"RP101", "RP102"}
    assert "RP403" in codes  # Privacy Shield


def test_nothing_lost(ico: Path, tmp_path: Path) -> None:
    out = tmp_path / "record.xlsx"
    ropa.import_record([ico], out)
    written = openpyxl.load_workbook(out)
    text = "\n".join(
        str(c.value) for ws in written for row in ws.iter_rows() for c in row if c.value is not None
    )
    source = openpyxl.load_workbook(ico).active
    for row in source.iter_rows(min_row=10):
        for cell in row:
            if cell.value:
                assert str(cell.value) in text, cell.coordinate


NORDIC = {
    "se": (
        "Registerförteckning",
        [
            "Behandling",
            "Ändamål",
            "Rättslig grund",
            "Kategorier av registrerade",
            "Kategorier av personuppgifter",
            "Mottagare",
            "Tredjelandsöverföring",
            "Gallring",
        ],
        [
            "Löneutbetalning",
            "Betala ut lön",
            "6.1 c rättslig förpliktelse",
            "Anställda",
            "Namn; kontonummer",
            "HR-avdelningen, Lönebyrån Nord AB",
            "Indien",
            "Gallras efter 7 år",
        ],
        "sv",
        "c",
    ),
    "no": (
        "Protokoll",
        [
            "Behandlingsaktivitet",
            "Formål med behandlingen",
            "Behandlingsgrunnlag",
            "Kategorier av registrerte",
            "Kategorier av personopplysninger",
            "Kategorier av mottakere",
            "Tredjeland eller internasjonale organisasjoner",
            "Planlagte tidsfrister for sletting",
        ],
        [
            "Lønnsutbetaling",
            "Utbetale lønn",
            "Avtale",
            "Ansatte",
            "Navn; kontonummer",
            "Lønn, Fjordlønn AS",
            "USA",
            "5 år etter avsluttet arbeidsforhold",
        ],
        "nb",
        "b",
    ),
    "dk": (
        "Fortegnelse",
        [
            "Behandlingsaktivitet",
            "Formål",
            "Kategorier af registrerede",
            "Kategorier af personoplysninger",
            "Kategorier af modtagere",
            "Overførsel til tredjelande",
            "Tidsfrister for sletning",
        ],
        [
            "Lønudbetaling",
            "Udbetale løn",
            "Medarbejdere",
            "Navn; kontonummer",
            "Løn, Løntjek ApS",
            "",
            "5 år",
        ],
        "da",
        None,
    ),
    "fi": (
        "Käsittelytoimet",
        [
            "Käsittelytoimi",
            "Käsittelyn tarkoitus",
            "Käsittelyperuste",
            "Rekisteröityjen ryhmät",
            "Henkilötietoryhmät",
            "Vastaanottajat",
            "Siirrot kolmansiin maihin",
            "Säilytysaika",
        ],
        [
            "Palkanmaksu",
            "Palkan maksaminen",
            "Sopimus",
            "Työntekijät",
            "Nimi; tilinumero",
            "Palkanlaskenta, Palkkapalvelu Oy",
            "Iso-Britannia",
            "6 vuotta",
        ],
        "fi",
        "b",
    ),
    "nl": (
        "Verwerkingsregister",
        [
            "Verwerking",
            "Verwerkingsdoeleinden",
            "Rechtmatige grondslag",
            "Categorieën van betrokkenen",
            "Categorieën van persoonsgegevens",
            "Categorieën van ontvangers",
            "Bewaartermijn",
        ],
        [
            "Salarisadministratie",
            "Salaris betalen",
            "Wettelijke verplichting",
            "Medewerkers",
            "Naam; IBAN",
            "Salarisbureau Delta B.V.",
            "7 jaar na einde contract",
        ],
        "en",
        "c",
    ),
}


@pytest.mark.parametrize("key", sorted(NORDIC))
def test_nordic_and_dutch_layouts(key: str, tmp_path: Path) -> None:
    title, header, row, lang, basis = NORDIC[key]
    source = _sheet(
        tmp_path / f"{key}.xlsx", title, [["Förteckning – Fiktiva Bolaget"], [], header, row]
    )
    out = tmp_path / "out.xlsx"
    result = ropa.import_record([source], out)
    assert result.language == lang
    assert len(result.rows["activities"]) == 1
    purposes = result.rows["purposes"]
    assert (
        purposes[0].get("lawful_basis") == basis
    )  # Danish model: no lawful-basis column, left empty
    assert result.rows["retention"]
    # Every retention text is read, the Dutch "7 jaar na einde contract" too (Dutch is not a
    # record language, so the workbook is English, but its periods are understood).
    assert [u.cell for u in result.unread] == []
    assert parse_period(result.rows["retention"][0]["period"]).kind is PeriodKind.PERIOD
    assert len(result.rows["processors"]) == 1  # the internal department is not a processor
    codes = {f.code for f in ropa.check([out]).findings}
    assert not codes & {"RP101", "RP102"}
    if basis is None:
        assert "RP104" in codes


def test_cnil_and_generic_and_processor_layouts(tmp_path: Path) -> None:
    cnil = _sheet(
        tmp_path / "cnil.xlsx",
        "Registre",
        [
            [
                "Nom de l'activité",
                "Objectifs poursuivis",
                "Catégories de personnes concernées",
                "Catégories de données collectées",
                "Destinataires internes",
                "Sous-traitants",
                "Durées de conservation",
            ],
            [
                "Paie",
                "Payer les salaires",
                "Salariés",
                "Identité",
                "Service RH",
                "Paie Express SARL",
                "5 ans",
            ],
        ],
    )
    assert import_sources([cnil]).sources[0].layout == "cnil-registre"
    generic = _sheet(
        tmp_path / "generic.xlsx",
        "Sheet1",
        [
            [
                "Activity name",
                "Purpose",
                "Lawful basis",
                "Categories of data subjects",
                "Categories of personal data",
            ],
            ["Payroll", "Pay staff", "Contract", "Employees", "Bank account"],
        ],
    )
    assert import_sources([generic]).sources[0].layout == "generic"
    processor = _sheet(
        tmp_path / "proc.xlsx",
        "Template",
        [
            [
                "Name and contact details of controller",
                "Categories of processing",
                "General description of technical and organisational security measures "
                "(if possible)",
            ],
            ["Fictive Foods Ltd", "Payroll processing", "ISO 27001"],
        ],
    )
    result = import_sources([processor])
    assert result.sources[0].layout == "ico-processor"
    assert result.rows["processor_activities"][0]["client_controller"] == "Fictive Foods Ltd"


def test_csv_cp1252_semicolon_and_several_sources(tmp_path: Path) -> None:
    csv_path = tmp_path / "biträden.csv"
    csv_path.write_bytes(
        (
            "Leverantör;Tjänst;Land\n"
            "Lönebyrån Nord AB;Löneadministration;Sverige\n"
            "Molnet Öst Inc;Lagring;USA\n"
        ).encode("cp1252")
    )
    register = _sheet(
        tmp_path / "reg.xlsx",
        "Behandlingar",
        [
            ["Behandling", "Ändamål", "Rättslig grund", "Mottagare"],
            ["Lön", "Betala lön", "Avtal", "Lönebyrån Nord AB"],
        ],
    )
    out = tmp_path / "out.xlsx"
    result = ropa.import_record([register, csv_path], out, lang="sv")
    assert result.sources[1].kind == "csv" and result.sources[1].delimiter == ";"
    assert result.sources[1].encoding in ("cp1252", "windows-1252", "latin_1", "iso8859_15")
    names = {p["name"]: p for p in result.rows["processors"]}
    assert names["Molnet Öst Inc"]["countries"] == ["US"]
    assert len(names) == 2  # the register's recipient and the list's row are one processor
    assert read_workbook(out).language == "sv"


def test_show_mapping_round_trip_and_cli(ico: Path, tmp_path: Path) -> None:
    shown = runner.invoke(app, ["import", str(ico), "--show-mapping"])
    assert shown.exit_code == 0, __import__("traceback").format_exception(*shown.exc_info)
    assert '"Business function" = "activities.owner"' in shown.output
    edited = shown.output.replace(
        '"Rights available to individuals" = ""', '"Rights available to individuals" = "notes"'
    )
    mapping = tmp_path / "map.toml"
    mapping.write_text(edited, encoding="utf-8")
    out = tmp_path / "r.xlsx"
    done = runner.invoke(
        app, ["import", str(ico), "--mapping", str(mapping), "-o", str(out), "--format", "json"]
    )
    assert done.exit_code == 0, "".join(__import__("traceback").format_exception(*done.exc_info))
    summary = json.loads(done.output)
    assert summary["written"]["activities"] == 3 and summary["next"] == f"ropa check {out}"
    result = import_sources([ico], mapping=ropa.api.importing.load_mapping(mapping))
    assert (
        "Rights available to individuals: Access" in result.rows["activities"][0]["Imported notes"]
    )
    again = runner.invoke(app, ["import", str(ico), "-o", str(out)])
    assert again.exit_code == 2  # an existing output needs --force
    listed = runner.invoke(app, ["import", "--list-layouts"])
    assert all(item.name in listed.output for item in layouts())


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02garbage" * 10, b"PK\x03\x04broken"])
def test_unreadable_input_is_one_line_and_exit_2(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / ("bad.csv" if content[:2] != b"PK" else "bad.xlsx")
    bad.write_bytes(content)
    result = runner.invoke(app, ["import", str(bad), "-o", str(tmp_path / "o.xlsx")])
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert bad.read_bytes() == content


def test_formula_text_stays_text(tmp_path: Path) -> None:
    source = tmp_path / "f.csv"
    source.write_text(
        'Activity name;Purpose;Lawful basis\n=HYPERLINK("x");Pay;Contract\n', encoding="utf-8"
    )
    out = tmp_path / "o.xlsx"
    ropa.import_record([source], out)
    ws = openpyxl.load_workbook(out)["Activities"]
    assert ws["C2"].data_type == "s"


def test_special_and_criminal_data_flagged_from_the_data_categories(tmp_path: Path) -> None:
    source = _sheet(
        tmp_path / "reg.xlsx",
        "Register",
        [
            ["Activity name", "Purpose", "Lawful basis", "Categories of personal data"],
            ["Complaints", "Handle complaints", "Contract", "Name; health data if given"],
            ["Vetting", "Check applicants", "Legal obligation", "Name; criminal records"],
            ["Payroll", "Pay staff", "Contract", "Name; bank account"],
        ],
    )
    result = import_sources([source])
    activities = result.rows["activities"]
    # Headed with ropa's own titles, one flat sheet is still split: each row's purpose and
    # lawful basis go to Purposes, not lost on an Activities sheet read row for row.
    assert [p["lawful_basis"] for p in result.rows["purposes"]] == ["b", "c", "b"]
    assert activities[0]["special_categories"] == ["health"]
    assert activities[1]["criminal_data"] == "yes"
    assert not activities[2].get("special_categories") and not activities[2].get("criminal_data")
    # The categories stay as written beside the flags.
    assert activities[0]["data_categories"] == "Name; health data if given"
