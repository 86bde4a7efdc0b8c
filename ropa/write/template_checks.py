"""What Excel checks and shows in the template while a DPO types.

The drop-downs of the vocabulary, yes/no and country columns (their lists live on the
template's hidden ``Lists`` sheet), the date checks, and the help text shown on each header.
Every check is a warning, never a refusal: a DPO may type what the lists do not have, and
``ropa check`` reports it. openpyxl is imported inside the functions that use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ropa.model.citations import cite
from ropa.model.schema import FieldSpec, SheetSpec
from ropa.write.style import DATE_FORMAT

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

#: Name of the list column for countries (vocabularies use their own names).
COUNTRY_LIST = "country"
#: Vocabulary used for yes/no columns.
YES_NO = "yes_no"
#: Excel's limits on data-validation texts.
MAX_PROMPT_TITLE = 32
MAX_PROMPT = 255


def list_name(spec: FieldSpec) -> str | None:
    """The Lists column a field's drop-down draws from, or None for free-text fields."""
    if spec.kind == "vocab":
        return spec.vocabulary
    if spec.kind == "yesno":
        return YES_NO
    if spec.kind == "country":
        return COUNTRY_LIST
    return None


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def header_prompt(spec: FieldSpec, lang: str) -> tuple[str, str]:
    """(title, message) of the input message shown when a header cell is selected."""
    title = shorten(spec.title(lang), MAX_PROMPT_TITLE)
    article = f" ({cite(spec.article, lang)})" if spec.article else ""
    return title, shorten(spec.help_text(lang), MAX_PROMPT - len(article)) + article


def add_header_prompts(ws: Worksheet, sheet: SheetSpec, lang: str) -> None:
    """The help of each column, shown when its header cell is selected."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    for column, spec in enumerate(sheet.fields, start=1):
        title, prompt = header_prompt(spec, lang)
        validation = DataValidation(
            allow_blank=True,
            showInputMessage=True,
            showErrorMessage=False,
            promptTitle=title,
            prompt=prompt,
        )
        validation.add(f"{get_column_letter(column)}1")
        ws.add_data_validation(validation)


def column_range(column: int, last_row: int) -> str:
    """``C2:C1000``: the data rows of column ``column`` (1-based)."""
    from openpyxl.utils import get_column_letter

    letter = get_column_letter(column)
    return f"{letter}2:{letter}{last_row}"


def add_list_validations(
    ws: Worksheet,
    sheet: SheetSpec,
    ranges: Mapping[str, str],
    messages: Mapping[str, str],
    last_row: int,
) -> None:
    """A drop-down on every column with a list (a warning, not a refusal, when typed over)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    for column, spec in enumerate(sheet.fields, start=1):
        name = list_name(spec)
        if name is None:
            continue
        error = messages["error_country" if spec.kind == "country" else "error_list"]
        validation = DataValidation(
            type="list",
            formula1=ranges[name],
            allow_blank=True,
            showDropDown=False,  # False shows the arrow (the attribute's meaning is inverted)
            showErrorMessage=not spec.multi,
            errorStyle="warning",
            errorTitle=shorten(messages["error_title"], MAX_PROMPT_TITLE),
            error=error,
        )
        validation.add(column_range(column, last_row))
        ws.add_data_validation(validation)


def add_date_validations(
    ws: Worksheet, sheet: SheetSpec, messages: Mapping[str, str], last_row: int
) -> None:
    """A date format and a date check (a warning) on every date column."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    for column, spec in enumerate(sheet.fields, start=1):
        if spec.kind != "date":
            continue
        letter = get_column_letter(column)
        ws.column_dimensions[letter].number_format = DATE_FORMAT
        validation = DataValidation(
            type="date",
            operator="greaterThan",
            formula1="1",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle=shorten(messages["error_date_title"], MAX_PROMPT_TITLE),
            error=messages["error_date"],
        )
        validation.add(column_range(column, last_row))
        ws.add_data_validation(validation)
