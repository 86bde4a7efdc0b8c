"""Reading is forgiving the way DPOs' sheets are: five languages, title rows, odd spacing."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook as OpenpyxlWorkbook

from ropa.api.check import check_workbook
from ropa.model.languages import RECORD_LANGUAGES
from ropa.model.schema import record_schema
from ropa.model.text import header_key as normalise_header
from ropa.read.cells import column_letter, split_multi
from ropa.read.config import Config
from ropa.read.workbook import read_workbook
from tests.support import TODAY, base_rows, write_record


@pytest.mark.parametrize("lang", RECORD_LANGUAGES)
def test_headers_in_every_language_map_to_the_same_fields(tmp_path: Path, lang: str) -> None:
    path = write_record(tmp_path / f"{lang}.xlsx", base_rows(), lang=lang)
    workbook = read_workbook(path)
    assert workbook.language == lang
    for spec in record_schema().sheets:
        sheet = workbook.sheet(spec.key)
        assert sheet is not None, spec.key
        assert set(sheet.columns) == {f.key for f in spec.fields}
        assert sheet.extra_columns == {}
    assert workbook.sheet("activities").rows[0].text("activity_id") == "HR-01"  # type: ignore[union-attr]
    _, findings = check_workbook(path, Config(today=TODAY))
    assert findings == []


@pytest.mark.parametrize("case", ["upper", "spaced"])
def test_headers_match_case_and_whitespace_insensitively(tmp_path: Path, case: str) -> None:
    path = write_record(tmp_path / "r.xlsx", base_rows(), header_case=case)
    _, findings = check_workbook(path, Config(today=TODAY))
    assert findings == []


def test_title_rows_above_the_header_are_allowed_and_rows_keep_excel_numbers(
    tmp_path: Path,
) -> None:
    rows = base_rows()
    rows["purposes"][0]["lawful_basis"] = "nonsense"
    path = write_record(tmp_path / "r.xlsx", rows, title_rows=3)
    _, findings = check_workbook(path, Config(today=TODAY))
    assert [(f.code, f.location.cell) for f in findings] == [("RP201", "C5")]


def test_extra_columns_are_kept_and_never_an_error(tmp_path: Path) -> None:
    rows = base_rows()
    rows["activities"][0]["Internal note"] = "Ask Karin"
    path = write_record(tmp_path / "r.xlsx", rows)
    workbook = read_workbook(path)
    activities = workbook.sheet("activities")
    assert activities is not None and "Internal note" in activities.extra_columns
    assert activities.rows[0].extra == {"Internal note": "Ask Karin"}
    assert check_workbook(path, Config(today=TODAY))[1] == []


def test_missing_required_column_is_one_finding_naming_the_header(tmp_path: Path) -> None:
    path = write_record(
        tmp_path / "r.xlsx", base_rows(), lang="sv", drop_columns=["purposes.lawful_basis"]
    )
    _, findings = check_workbook(path, Config(today=TODAY))
    missing = [f for f in findings if f.code == "RP102"]
    assert len(missing) == 1
    # A Swedish workbook is checked in Swedish: the heading in Swedish quotation marks.
    assert "”Rättslig grund”" in missing[0].message
    assert missing[0].location.sheet == "Ändamål"


def test_sheet_names_in_any_language_and_case(tmp_path: Path) -> None:
    book = OpenpyxlWorkbook()
    sheet = book.active
    sheet.title = "  BEHANDLINGER "
    sheet.append(["Behandlings-ID", "Behandlingens navn"])
    sheet.append(["X-1", "Lønn"])
    book.save(tmp_path / "r.xlsx")
    workbook = read_workbook(tmp_path / "r.xlsx")
    activities = workbook.sheet("activities")
    assert activities is not None and activities.rows[0].text("name") == "Lønn"


def test_decomposed_letters_and_non_breaking_spaces_are_cleaned(tmp_path: Path) -> None:
    rows = base_rows()
    rows["activities"][0]["name"] = unicodedata.normalize("NFD", "Lönehantering\u00a0 ")
    path = write_record(tmp_path / "r.xlsx", rows)
    name = read_workbook(path).sheet("activities").rows[0].text("name")  # type: ignore[union-attr]
    assert name == "Lönehantering" and len(name) == len("Lönehantering")


@pytest.mark.parametrize(
    "basis",
    [
        "6.1.b",
        "Art. 6(1)(b)",
        "contract",
        "avtal",
        "kontrakt",
        "aftale",
        "sopimus",
        "Art. 6.1 b Avtal",
    ],
)
def test_contract_spellings_are_accepted(tmp_path: Path, basis: str) -> None:
    rows = base_rows()
    rows["purposes"][0]["lawful_basis"] = basis
    _, findings = check_workbook(write_record(tmp_path / "r.xlsx", rows), Config(today=TODAY))
    assert findings == []


@pytest.mark.parametrize(
    "basis",
    ["berättigat intresse", "berettiget interesse", "legitim interesse", "oikeutettu etu", "6.1.f"],
)
def test_legitimate_interest_spellings_are_accepted(tmp_path: Path, basis: str) -> None:
    rows = base_rows()
    rows["purposes"][0].update(
        lawful_basis=basis, legitimate_interest="Fraud prevention", lia_reference="LIA-1"
    )
    _, findings = check_workbook(write_record(tmp_path / "r.xlsx", rows), Config(today=TODAY))
    assert findings == []


def test_multi_valued_cells_split_on_lines_and_semicolons() -> None:
    assert split_multi("Employees\nApplicants; Consultants\r\n;") == [
        "Employees",
        "Applicants",
        "Consultants",
    ]


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]


def test_header_titles_are_unique_within_each_sheet_across_languages() -> None:
    for sheet in record_schema().sheets:
        index = sheet.header_index()
        for spec in sheet.fields:
            for title in spec.titles.values():
                assert index[normalise_header(title)] == spec.key, (sheet.key, title)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=40),
            st.integers(),
            st.floats(allow_nan=False),
            st.booleans(),
            st.none(),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_any_cell_values_read_without_error(
    tmp_path_factory: pytest.TempPathFactory, cells: list[object]
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "r.xlsx"
    rows = base_rows()
    keys = [f.key for f in record_schema().sheet("activities").fields]
    rows["activities"][1] = {
        k: v
        for k, v in zip(keys, cells, strict=False)
        if not (
            isinstance(v, str)
            and (v.startswith("=") or any(ord(c) < 32 and c not in "\n\t" for c in v))
        )
    }
    write_record(path, rows)
    before = path.read_bytes()
    check_workbook(path, Config(today=TODAY))
    assert path.read_bytes() == before


#: Headers ropa wrote before they were made neutral for a group's entities in every country
#: (issue 12): the reader still takes them, as aliases in the schema.
OLD_HEADERS = {
    "da": {
        "Registreringsnummer (CVR-nr.)": "CVR-nummer",
        "DPO anmeldt til tilsynsmyndigheden": "DPO anmeldt til Datatilsynet",
    },
    "nb": {
        "Personvernombud meldt til tilsynsmyndigheten": "Personvernombud meldt til Datatilsynet"
    },
    "fi": {"Rekisteröintinumero (Y-tunnus)": "Y-tunnus"},
}


@pytest.mark.parametrize("lang", sorted(OLD_HEADERS))
def test_a_workbook_with_the_old_country_headers_still_reads(tmp_path: Path, lang: str) -> None:
    renamed = OLD_HEADERS[lang]

    def old_headers(book: OpenpyxlWorkbook) -> None:
        ws = book[record_schema().sheet("organisation").title(lang)]
        headers = [cell for cell in ws[1] if cell.value in renamed]
        assert len(headers) == len(renamed)
        for cell in headers:
            cell.value = renamed[str(cell.value)]

    path = write_record(tmp_path / "old.xlsx", base_rows(), lang=lang, post=old_headers)
    book = read_workbook(path)
    sheet = book.sheet("organisation")
    assert sheet is not None
    assert sheet.extra_columns == {}
    row = book.rows("organisation")[0]
    assert row.text("registration_number") == "556000-0000"
    assert row.has("dpo_notified")
