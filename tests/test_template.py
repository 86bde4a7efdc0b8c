"""The Excel template: localised sheets and headers, help, drop-downs and filled rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ropa.model.citations import cite
from ropa.model.languages import RECORD_LANGUAGES
from ropa.model.legal import country_choices
from ropa.model.schema import FieldSpec, SheetSpec, record_schema
from ropa.model.vocab import vocabulary
from ropa.write.template import LAST_ROW, instructions, lists_sheet, write_workbook
from ropa.write.template_checks import MAX_PROMPT, MAX_PROMPT_TITLE

CONTROLLED = ("vocab", "yesno", "country")

# Fictional data only.
ROWS: dict[str, list[dict[str, Any]]] = {
    "organisation": [
        {
            "entity_id": "SE01",
            "legal_name": "Exempelbolaget Norrsken AB",
            "country": "SE",
            "public_authority": False,
            "dpo_designated": "yes",
        }
    ],
    "activities": [
        {
            "activity_id": "HR-01",
            "entity_ids": ["SE01"],
            "name": "Payroll",
            "role": "controller",
            "data_subjects": ["Employees", "Former employees"],
            "special_categories": ["health", "trade_union_membership"],
            "national_id": True,
            "last_reviewed": dt.date(2026, 3, 1),
            "cost_centre": "4711",
        }
    ],
    "processors": [
        {
            "processor_id": "P-01",
            "name": "Fictional Cloud Ltd",
            "role": "processor",
            "countries": ["SE", "us"],
            "transfer_mechanism": "scc",
        }
    ],
}


@pytest.fixture(scope="module", params=RECORD_LANGUAGES)
def book(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    lang: str = request.param
    path = tmp_path_factory.mktemp(lang) / f"ropa-{lang}.xlsx"
    write_workbook(path, lang)
    return lang, openpyxl.load_workbook(path)


def _sheets() -> tuple[SheetSpec, ...]:
    return record_schema().sheets


def _validations(ws: Worksheet) -> list[DataValidation]:
    return list(ws.data_validations.dataValidation)


def _validation_at(ws: Worksheet, coordinate: str) -> list[DataValidation]:
    return [dv for dv in _validations(ws) if coordinate in dv.sqref]


def _list_values(book: Any, formula: str) -> list[Any]:
    sheet, cells = formula.lstrip("=").split("!")
    assert sheet.strip("'") in {lists_sheet(lang) for lang in RECORD_LANGUAGES}
    min_col, min_row, max_col, max_row = range_boundaries(cells.replace("$", ""))
    assert min_col == max_col
    ws = book[sheet.strip("'")]
    return [ws.cell(row=r, column=min_col).value for r in range(min_row, max_row + 1)]


def _expected_choices(spec: FieldSpec, lang: str) -> list[str]:
    if spec.kind == "country":
        return country_choices(lang)
    name = spec.vocabulary if spec.kind == "vocab" else "yes_no"
    assert name
    return vocabulary(name).choices(lang)


def test_sheet_order_and_names(book: Any) -> None:
    lang, wb = book
    lists = lists_sheet(lang)
    expected = [instructions(lang)["sheet"], *(s.title(lang) for s in _sheets()), lists]
    assert wb.sheetnames == expected
    assert all(len(name) <= 31 for name in wb.sheetnames)
    assert wb[lists].sheet_state == "hidden"
    assert wb.active.title == instructions(lang)["sheet"]
    assert wb.properties.title == "Record of processing activities"
    assert wb.properties.creator == "ropa"


def test_instructions_sheet_mentions_every_sheet_and_check(book: Any) -> None:
    lang, wb = book
    ws = wb.worksheets[0]
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
    assert texts[0] == instructions(lang)["title"]
    for sheet in _sheets():
        assert sheet.title(lang) in texts
    assert any("ropa check" in text for text in texts)
    assert any("Alt+Enter" in text for text in texts)


def test_headers_widths_and_layout(book: Any) -> None:
    lang, wb = book
    for sheet in _sheets():
        ws = wb[sheet.title(lang)]
        headers = [c.value for c in ws[1]]
        assert len(headers) == len(sheet.fields)
        for spec, header in zip(sheet.fields, headers, strict=True):
            assert header == spec.title(lang) + (" *" if spec.required else "")
        first = ws.cell(row=1, column=1)
        assert first.font.bold and first.fill.fgColor.rgb.endswith(("1F6F6B", "0B3D3A"))
        for column, spec in enumerate(sheet.fields, start=1):
            width = ws.column_dimensions[get_column_letter(column)].width
            assert spec.width <= width <= max(spec.width, 40)  # widened only for long words
        frozen = "B2" if sheet.fields[0].kind in ("id", "ref") else "A2"
        assert ws.freeze_panes == frozen
        last = get_column_letter(len(sheet.fields))
        assert ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith(f"A1:{last}")
        assert ws.row_dimensions[1].height and ws.row_dimensions[1].height >= 15


def test_every_header_has_an_input_message(book: Any) -> None:
    lang, wb = book
    for sheet in _sheets():
        ws = wb[sheet.title(lang)]
        for column, spec in enumerate(sheet.fields, start=1):
            found = _validation_at(ws, f"{get_column_letter(column)}1")
            assert len(found) == 1, f"{sheet.key}.{spec.key}"
            dv = found[0]
            assert dv.showInputMessage
            assert dv.prompt and len(dv.prompt) <= MAX_PROMPT
            assert dv.prompt.startswith(spec.help_text(lang)[:40])
            # The article in the template language's citation style ("(artikel 30.1 a)").
            assert dv.prompt.endswith(f"({cite(spec.article, lang)})")
            assert dv.promptTitle and len(dv.promptTitle) <= MAX_PROMPT_TITLE


def test_help_is_translated_for_every_language() -> None:
    for sheet in _sheets():
        assert set(RECORD_LANGUAGES) <= set(sheet.help)
        for spec in sheet.fields:
            assert set(RECORD_LANGUAGES) <= set(spec.help), f"{sheet.key}.{spec.key}"
            assert all(len(text) <= 200 for text in spec.help.values())


def test_controlled_columns_have_drop_downs_from_lists(book: Any) -> None:
    lang, wb = book
    for sheet in _sheets():
        ws = wb[sheet.title(lang)]
        for column, spec in enumerate(sheet.fields, start=1):
            letter = get_column_letter(column)
            lists = [dv for dv in _validation_at(ws, f"{letter}2") if dv.type == "list"]
            if spec.kind not in CONTROLLED:
                assert not lists, f"{sheet.key}.{spec.key}"
                continue
            assert len(lists) == 1, f"{sheet.key}.{spec.key}"
            dv = lists[0]
            assert f"{letter}{LAST_ROW}" in dv.sqref
            assert _list_values(wb, dv.formula1) == _expected_choices(spec, lang)
            assert dv.showErrorMessage is (not spec.multi)
            if not spec.multi:
                assert dv.error and dv.errorTitle


def test_date_columns_are_formatted_and_validated(book: Any) -> None:
    lang, wb = book
    ws = wb[record_schema().sheet("activities").title(lang)]
    column = [s.key for s in record_schema().sheet("activities").fields].index("last_reviewed") + 1
    letter = get_column_letter(column)
    assert ws.column_dimensions[letter].number_format == "yyyy-mm-dd"
    assert any(dv.type == "date" for dv in _validation_at(ws, f"{letter}2"))


def _row(ws: Worksheet, sheet: SheetSpec, extra: tuple[str, ...] = ()) -> dict[str, Any]:
    keys = [spec.key for spec in sheet.fields] + list(extra)
    return {key: ws.cell(row=2, column=i).value for i, key in enumerate(keys, start=1)}


@pytest.mark.parametrize("lang", ["sv", "fi"])
def test_rows_are_written_localised(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "filled.xlsx"
    write_workbook(path, lang, ROWS)
    wb = openpyxl.load_workbook(path)
    schema = record_schema()
    yes, no = (vocabulary("yes_no").label(code, lang) for code in ("yes", "no"))

    org = _row(wb[schema.sheet("organisation").title(lang)], schema.sheet("organisation"))
    assert org["legal_name"] == "Exempelbolaget Norrsken AB"
    assert org["country"] == "SE"
    assert (org["public_authority"], org["dpo_designated"]) == (no, yes)

    sheet = schema.sheet("activities")
    ws = wb[sheet.title(lang)]
    act = _row(ws, sheet, ("cost_centre",))
    assert act["role"] == vocabulary("controller_role").label("controller", lang)
    special = vocabulary("special_category")
    expected = f"{special.label('health', lang)}\n{special.label('trade_union_membership', lang)}"
    assert act["special_categories"] == expected
    assert act["data_subjects"] == "Employees\nFormer employees"
    assert act["entity_ids"] == "SE01"
    assert act["national_id"] == yes
    assert act["last_reviewed"].date() == dt.date(2026, 3, 1)
    assert ws.cell(row=1, column=len(sheet.fields) + 1).value == "cost_centre"
    assert act["cost_centre"] == "4711"
    assert ws.row_dimensions[2].height and ws.row_dimensions[2].height > 15

    proc = _row(wb[schema.sheet("processors").title(lang)], schema.sheet("processors"))
    assert proc["countries"] == "SE; US"
    assert proc["transfer_mechanism"] == vocabulary("transfer_mechanism").label("scc", lang)


def test_written_rows_read_back(tmp_path: Path) -> None:
    from ropa.read.workbook import read_workbook

    path = tmp_path / "filled.xlsx"
    write_workbook(path, "da", ROWS)
    read = read_workbook(path)
    assert read.language == "da"
    assert set(read.sheets) == {s.key for s in _sheets()}
    (activity,) = read.rows("activities")
    assert activity.items("data_subjects") == ["Employees", "Former employees"]
    assert activity.text("activity_id") == "HR-01"


def test_optional_sheets_can_be_left_out(tmp_path: Path) -> None:
    path = tmp_path / "short.xlsx"
    write_workbook(path, "nb", include_optional_sheets=False)
    names = openpyxl.load_workbook(path).sheetnames
    for sheet in _sheets():
        assert (sheet.title("nb") in names) is sheet.required


def test_unknown_language_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="language"):
        write_workbook(tmp_path / "x.xlsx", "de")


def test_the_hidden_lists_sheet_speaks_the_template_language(book: Any, tmp_path: Path) -> None:
    """The sheet of drop-down lists and its column titles are in the template's language."""
    lang, wb = book
    titles = [cell.value for cell in wb[lists_sheet(lang)][1] if cell.value]
    assert titles and not any("_" in str(title) for title in titles)  # no "yes_no" keys
    expected = {"en": "Yes / no", "sv": "Ja / nej", "nb": "Ja / nei", "da": "Ja / nej"}
    assert expected.get(lang, "Kyllä / ei") in titles
    if lang != "en":
        assert lists_sheet(lang) != "Lists"
        write_workbook(tmp_path / "en.xlsx", "en")
        english = openpyxl.load_workbook(tmp_path / "en.xlsx")[lists_sheet("en")]
        english_titles = [cell.value for cell in english[1] if cell.value]
        assert len(english_titles) == len(titles)
        assert sum(a != b for a, b in zip(english_titles, titles, strict=True)) > len(titles) // 2
