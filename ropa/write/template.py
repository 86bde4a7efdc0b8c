"""Write the ropa workbook: a styled, localised Excel template with help and drop-downs.

Every sheet, column title, help text, width and kind comes from ``ropa.model.schema``; the
Instructions sheet text comes from ``ropa/data/template/instructions.json``; drop-down
labels come from ``ropa.model.vocab`` and ``ropa.model.legal``. The drop-down lists live on a hidden
``Lists`` sheet because inline lists are limited to 255 characters.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from copy import copy
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ropa.model.citations import cite
from ropa.model.languages import RECORD_LANGUAGES
from ropa.model.legal import country_choices
from ropa.model.resources import load_data
from ropa.model.schema import FieldSpec, SheetSpec, record_schema
from ropa.model.vocab import vocabulary
from ropa.write.safety import write_cell
from ropa.write.style import (
    DARK_TEAL,
    DATE_FORMAT,
    FONT,
    LINE_HEIGHT,
    MAX_SHEET_NAME,
    TEAL,
    house,
    line_count,
)
from ropa.write.template_checks import (
    COUNTRY_LIST,
    YES_NO,
    add_date_validations,
    add_header_prompts,
    add_list_validations,
    list_name,
)

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

#: Data validations cover rows 2..LAST_ROW (more when more rows are written).
LAST_ROW = 1000
#: The hidden sheet that holds the drop-down lists (its English name; see :func:`lists_sheet`).
LISTS_SHEET = "Lists"


def lists_sheet(lang: str) -> str:
    """The hidden sheet of drop-down lists, named in the template's language ("Listor")."""
    names: dict[str, str] = load_data("template/lists.json")["sheet"]
    return names.get(lang) or LISTS_SHEET


#: Appended to the title of a required column; the reader strips it again.
REQUIRED_MARK = " *"
#: The fill of an extra (unknown) column's header.
_EXTRA_COLOUR = "5F7F7D"
_EXTRA_WIDTH = 20
_LABEL_WIDTH = 28
_TEXT_WIDTH = 100
#: About how many characters of column width fit across a landscape A4 page.
_PAGE_WIDTH = 150
_SHEET_NAME_FORBIDDEN = set("[]:*?/\\")


def write_workbook(
    path: Path,
    lang: str = "en",
    rows: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
    *,
    include_optional_sheets: bool = True,
    extra_columns: Mapping[str, Sequence[str]] | None = None,
) -> None:
    """Write the record template (optionally filled with ``rows``) to ``path``.

    ``rows`` maps a sheet key to rows keyed by field key: vocabulary fields hold canonical
    codes, yes/no fields booleans or ``"yes"``/``"no"``, countries ISO codes, dates
    :class:`datetime.date`; lists are multi-valued cells. Unknown keys become extra columns;
    ``extra_columns`` adds headed extra columns that no row fills (an imported source's
    empty columns), after them.
    """
    if lang not in RECORD_LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(RECORD_LANGUAGES)}")
    rows = rows or {}
    sheets = [
        sheet
        for sheet in record_schema().sheets
        if sheet.required or include_optional_sheets or rows.get(sheet.key)
    ]
    from openpyxl import Workbook

    text = instructions(lang)
    book = Workbook()
    _set_properties(book, lang)
    _write_instructions(book.active, sheets, lang, text)
    ranges = _write_lists(book.create_sheet(lists_sheet(lang)), sheets, lang)
    for sheet in sheets:
        data = rows.get(sheet.key, ())
        ws = book.create_sheet(sheet_name(sheet, lang), index=len(book.sheetnames) - 1)
        extra = _extra_keys(sheet, data)
        extra += [k for k in (extra_columns or {}).get(sheet.key, ()) if k not in extra]
        _write_headers(ws, sheet, lang, extra)
        _write_rows(ws, sheet, lang, data, extra)
        last_row = max(LAST_ROW, ws.max_row)
        add_header_prompts(ws, sheet, lang)
        add_list_validations(ws, sheet, ranges, text["messages"], last_row)
        add_date_validations(ws, sheet, text["messages"], last_row)
        _set_layout(ws, sheet, len(sheet.fields) + len(extra))
    book.active = 0
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def instructions(lang: str) -> dict[str, Any]:
    """The Instructions sheet text in ``lang`` (English where a language is missing)."""
    languages: dict[str, Any] = load_data("template/instructions.json")["languages"]
    return dict(languages.get(lang) or languages["en"])


def sheet_name(sheet: SheetSpec, lang: str) -> str:
    """The sheet's title in ``lang``, checked against Excel's rules for sheet names."""
    return _checked_sheet_name(sheet.title(lang))


def _checked_sheet_name(name: str) -> str:
    if len(name) > MAX_SHEET_NAME or _SHEET_NAME_FORBIDDEN & set(name):
        raise ValueError(f"{name!r} cannot be an Excel sheet name (max 31 characters, no []:*?/\\)")
    return name


def _set_properties(book: Workbook, lang: str) -> None:
    book.properties.title = "Record of processing activities"
    book.properties.creator = "ropa"
    book.properties.language = lang


# --- Instructions ---------------------------------------------------------------------------

_SECTIONS = ("columns", "multi", "dropdowns", "check")


def _write_instructions(
    ws: Worksheet, sheets: Sequence[SheetSpec], lang: str, text: Mapping[str, Any]
) -> None:
    from openpyxl.styles import Font

    ws.title = _checked_sheet_name(text["sheet"])
    ws.column_dimensions["A"].width = _LABEL_WIDTH
    ws.column_dimensions["B"].width = _TEXT_WIDTH
    ws.sheet_view.showGridLines = False
    ws["A1"] = text["title"]
    ws["A1"].font = Font(name=FONT, bold=True, size=16, color=DARK_TEAL)
    ws.row_dimensions[1].height = 28
    row = 3
    for paragraph in text["intro"]:
        row = _instruction_line(ws, row, "", paragraph)
    row = _instruction_line(ws, row + 1, text["sheets_heading"], "", heading=True)
    for sheet in sheets:
        line = f"{text['sheets'][sheet.key]} ({cite(sheet.article, lang)})"
        row = _instruction_line(ws, row, sheet.title(lang), line)
    for section in _SECTIONS:
        label = text[f"{section}_heading"]
        for number, line in enumerate(text[section]):
            first = number == 0
            row = _instruction_line(ws, row + first, label if first else "", line, heading=True)
    _fit_to_page_width(ws, landscape=False)


def _instruction_line(
    ws: Worksheet, row: int, label: str, line: str, *, heading: bool = False
) -> int:
    """Write ``label`` (bold) in column A and ``line`` in column B; return the next row."""
    from openpyxl.styles import Font

    data_align = house().data_align
    if label:
        cell = ws.cell(row=row, column=1, value=label)
        color = TEAL if heading else "000000"
        cell.font = Font(name=FONT, bold=True, size=12 if heading else 11, color=color)
        cell.alignment = data_align
    if line:
        cell = ws.cell(row=row, column=2, value=line)
        cell.alignment = data_align
        if line.startswith("ropa check "):  # the command to type
            cell.font = Font(name="Consolas", bold=True)
    lines = max(line_count(line, _TEXT_WIDTH, 1.1), line_count(label, _LABEL_WIDTH, 0.9))
    ws.row_dimensions[row].height = LINE_HEIGHT * lines + 3
    return row + 1


# --- Lists ----------------------------------------------------------------------------------


def _choices(name: str, lang: str) -> list[str]:
    if name == COUNTRY_LIST:
        return list(country_choices(lang))
    return list(vocabulary(name).choices(lang))


def _list_title(name: str, users: list[FieldSpec], lang: str) -> str:
    """A list's column title in ``lang``: its own title, or its one column's title."""
    titles: dict[str, dict[str, str]] = load_data("template/lists.json")["titles"]
    if name in titles:
        return titles[name].get(lang) or titles[name]["en"]
    return users[0].title(lang)


def _write_lists(ws: Worksheet, sheets: Iterable[SheetSpec], lang: str) -> dict[str, str]:
    """Fill the hidden sheet of lists (titled in ``lang``); return list name -> absolute
    range for formula1."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter, quote_sheetname

    users: dict[str, list[FieldSpec]] = {}
    for sheet in sheets:
        for spec in sheet.fields:
            if name := list_name(spec):
                users.setdefault(name, []).append(spec)
    ranges: dict[str, str] = {}
    for column, name in enumerate(users, start=1):
        letter = get_column_letter(column)
        title = _list_title(name, users[name], lang)
        ws.cell(row=1, column=column, value=title).font = Font(name=FONT, bold=True)
        choices = _choices(name, lang)
        for row, choice in enumerate(choices, start=2):
            ws.cell(row=row, column=column, value=choice)
        last = max(len(choices) + 1, 2)
        ranges[name] = f"{quote_sheetname(ws.title)}!${letter}$2:${letter}${last}"
        ws.column_dimensions[letter].width = 30
    ws.sheet_state = "hidden"
    return ranges


# --- Record sheets --------------------------------------------------------------------------


def _extra_keys(sheet: SheetSpec, data: Iterable[Mapping[str, Any]]) -> list[str]:
    known = {spec.key for spec in sheet.fields}
    return list(dict.fromkeys(key for row in data for key in row if key not in known))


def header_title(spec: FieldSpec, lang: str) -> str:
    """The header text of a column: its title, with `` *`` when the field is required."""
    return spec.title(lang) + (REQUIRED_MARK if spec.required else "")


def _write_headers(ws: Worksheet, sheet: SheetSpec, lang: str, extra: Sequence[str]) -> None:
    from openpyxl.styles import PatternFill
    from openpyxl.utils import get_column_letter

    style = house()
    headers = [(header_title(s, lang), s.width, s.required) for s in sheet.fields]
    headers += [(key, _EXTRA_WIDTH, False) for key in extra]
    lines = 1
    for column, (title, schema_width, required) in enumerate(headers, start=1):
        width = _width(title, schema_width)
        cell = write_cell(ws.cell(row=1, column=column), title)
        cell.font = style.header_font
        cell.fill = style.required_fill if required else style.header_fill
        if column > len(sheet.fields):
            cell.fill = PatternFill("solid", fgColor=_EXTRA_COLOUR)
        cell.border = style.border
        cell.alignment = style.header_align
        letter = get_column_letter(column)
        ws.column_dimensions[letter].width = width
        ws.column_dimensions[letter].alignment = style.data_align
        lines = max(lines, line_count(title, width))
    ws.row_dimensions[1].height = LINE_HEIGHT * lines + 6


def _width(header: str, width: int) -> int:
    """The schema's width, widened so that no word of the (bold) header is broken."""
    longest = max((len(word) for word in header.replace(" *", "*").split()), default=0)
    return max(width, math.ceil(longest * 1.1) + 2)


def _write_rows(
    ws: Worksheet,
    sheet: SheetSpec,
    lang: str,
    data: Sequence[Mapping[str, Any]],
    extra: Sequence[str],
) -> None:
    from openpyxl.utils import get_column_letter

    data_align = house().data_align
    specs: list[FieldSpec | None] = [*sheet.fields, *([None] * len(extra))]
    keys = [spec.key for spec in sheet.fields] + list(extra)
    widths = [ws.column_dimensions[get_column_letter(c)].width for c in range(1, len(keys) + 1)]
    aligned = None
    for row_number, row in enumerate(data, start=2):
        lines = 1
        for column, key in enumerate(keys, start=1):
            value = row.get(key)
            if value is None or value == "" or value == []:
                continue
            # Written text is data, never a formula (an imported cell may start with '=').
            cell = write_cell(
                ws.cell(row=row_number, column=column), cell_value(specs[column - 1], value, lang)
            )
            if aligned is None:  # setting a style goes through openpyxl's style tables: once
                cell.alignment = data_align
                aligned = copy(cell._style)
            else:
                cell._style = copy(aligned)
            if isinstance(cell.value, dt.date):
                cell.number_format = DATE_FORMAT
            elif isinstance(cell.value, str):
                lines = max(lines, line_count(cell.value, widths[column - 1]))
        if lines > 1:  # wrapped cells: not every spreadsheet program grows the row by itself
            ws.row_dimensions[row_number].height = LINE_HEIGHT * lines + 3


def cell_value(spec: FieldSpec | None, value: Any, lang: str) -> Any:
    """What to write in a cell for a canonical ``value`` of the field ``spec``."""
    values = list(value) if isinstance(value, list | tuple | set | frozenset) else [value]
    kind = spec.kind if spec else "text"
    if kind == "country":
        return "; ".join(str(code).strip().upper() for code in values)
    if kind == "vocab" and spec is not None and spec.vocabulary:
        values = [_label(spec.vocabulary, code, lang) for code in values]
    elif kind == "yesno":
        values = [_label(YES_NO, _yes_no_code(v), lang) for v in values]
    if len(values) == 1 and isinstance(values[0], str | int | float | dt.date | dt.datetime):
        return values[0]
    return "\n".join(_as_text(v) for v in values)


def _yes_no_code(value: Any) -> Any:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and value.strip().lower() in ("yes", "no"):
        return value.strip().lower()
    return value


def _label(vocabulary_name: str, code: Any, lang: str) -> Any:
    """The drop-down label of ``code``; anything unknown is written unchanged."""
    if not isinstance(code, str):
        return code
    try:
        return vocabulary(vocabulary_name).label(code, lang)
    except (LookupError, ValueError):
        return code


def _as_text(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# --- Layout ---------------------------------------------------------------------------------


def _set_layout(ws: Worksheet, sheet: SheetSpec, columns: int) -> None:
    from openpyxl.utils import get_column_letter

    first = sheet.fields[0] if sheet.fields else None
    frozen_columns = 1 if first is not None and first.kind in ("id", "ref") else 0
    ws.freeze_panes = f"{get_column_letter(frozen_columns + 1)}2"
    last = get_column_letter(max(columns, 1))
    ws.auto_filter.ref = f"A1:{last}{max(ws.max_row, 2)}"
    ws.print_title_rows = "1:1"
    if frozen_columns:  # the id column on every page printed across
        ws.print_title_cols = f"A:{get_column_letter(frozen_columns)}"
    total = sum(ws.column_dimensions[get_column_letter(c)].width for c in range(1, columns + 1))
    _fit_to_page_width(ws, landscape=True, pages=math.ceil(total / _PAGE_WIDTH))


def _fit_to_page_width(ws: Worksheet, *, landscape: bool, pages: int = 1) -> None:
    """Print ``pages`` pages wide (readable text) and as many pages down as needed."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = max(pages, 1)
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
