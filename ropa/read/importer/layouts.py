"""The layouts an existing record may be kept in, read from ``ropa/data/layouts/*.json``.

A layout is data, not code: its name, title, language, the sheet names it is usually found
under, and for each of its sheets which headings go to which ropa field (``sheet.field``,
see :data:`TARGETS`). ``rows`` says what one source row is: ``activities`` (one activity, or
another purpose of the one above, split over the record's sheets), ``attach`` (more about the
one activity of the source: a purpose, a recipient, a data category), or the key of a ropa
sheet (``processors``, ``transfers``, ``processor_activities``; ``ropa`` takes every sheet).
``schema_titles`` adds ropa's own column titles in five languages; ``value_aliases`` turns a
tool's codes (``privacy_contract``) into words the vocabularies know.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ropa.model.resources import data_dir, load_data
from ropa.model.schema import record_schema
from ropa.model.text import header_key

#: Sheets whose fields a flat (``activities``) row may fill; the row is split over them.
FLAT_SHEETS = ("activities", "purposes", "retention", "transfers")

#: Targets that are not a schema field but an instruction to the splitter.
PSEUDO_TARGETS = {
    "activities.internal_recipients": "recipients that are part of the controller",
    "activities.dpia_required": "yes/no: is a DPIA required (read with the DPIA progress)",
    "activities.special_flag": "yes/no: special-category data (kept beside the categories)",
    "notes": "kept in the activity's 'Imported notes'",
}

_ALNUM = re.compile(r"[\W_]+")


def heading_key(text: str) -> str:
    """How headings are compared: casefolded letters and digits only."""
    return _ALNUM.sub("", header_key(text))


@cache
def targets() -> dict[str, str]:
    """Every target a column may be mapped to -> what it is."""
    found: dict[str, str] = {}
    for sheet in record_schema().sheets:
        for spec in sheet.fields:
            found[f"{sheet.key}.{spec.key}"] = spec.title("en")
    found.update(PSEUDO_TARGETS)
    return found


@dataclass(frozen=True)
class SheetLayout:
    """One sheet of a layout: where it is found, what a row is, its headings by key."""

    names: tuple[str, ...]
    rows: str
    headings: dict[str, str]  # heading_key -> target
    specific: frozenset[str]  # the heading keys the layout itself lists (not the schema's)

    def name_keys(self) -> set[str]:
        return {heading_key(name) for name in self.names}


@dataclass(frozen=True)
class Layout:
    name: str
    title: str
    language: str
    source: str
    sheets: tuple[SheetLayout, ...]
    value_aliases: dict[str, str] = field(default_factory=dict)
    activity_name_from: str | None = None
    schema_sheets: bool = False
    titles: tuple[tuple[str, str], ...] = ()  # the title in other languages (sv, nb, da, fi)

    def title_in(self, lang: str) -> str:
        """The layout's description in ``lang`` (English where the file has none)."""
        return dict(self.titles).get(lang, self.title)


def schema_headings(sheets: tuple[str, ...]) -> dict[str, str]:
    found: dict[str, str] = {}
    for key in sheets:
        sheet = record_schema().sheet(key)
        for spec in sheet.fields:
            for name in spec.header_keys():
                found.setdefault(heading_key(name), f"{key}.{spec.key}")
    return found


def _sheet(raw: dict, schema_titles: bool) -> SheetLayout:
    headings: dict[str, str] = {}
    for target, names in raw.get("columns", {}).items():
        if target not in targets():
            raise ValueError(f"layout column target {target!r} is not a ropa field")
        for name in names:
            headings.setdefault(heading_key(name), target)
    specific = frozenset(headings)
    rows = raw.get("rows", "activities")
    schema = FLAT_SHEETS if rows in ("activities", "attach") else (rows,)
    for key, target in schema_headings(schema).items():
        if schema_titles or rows not in ("activities", "attach"):
            headings.setdefault(key, target)
    return SheetLayout(
        tuple(raw.get("names", raw.get("sheet_names", ()))), rows, headings, specific
    )


def _ropa_sheets() -> tuple[SheetLayout, ...]:
    out = []
    for sheet in record_schema().sheets:
        names = (*sheet.titles.values(), *sheet.aliases, sheet.key)
        headings = {k: t for k, t in schema_headings((sheet.key,)).items()}
        out.append(SheetLayout(tuple(names), sheet.key, headings, frozenset(headings)))
    return tuple(out)


def _layout(raw: dict) -> Layout:
    if raw.get("schema_sheets"):
        sheets = _ropa_sheets()
    else:
        parts = raw.get("sheets") or [raw]
        sheets = tuple(_sheet(part, bool(raw.get("schema_titles"))) for part in parts)
    return Layout(
        name=raw["name"],
        title=raw["title"],
        language=raw.get("language", "en"),
        source=raw["source"],
        sheets=sheets,
        value_aliases={heading_key(k): v for k, v in raw.get("value_aliases", {}).items()},
        activity_name_from=raw.get("activity_name_from"),
        schema_sheets=bool(raw.get("schema_sheets")),
        titles=tuple(raw.get("titles", {}).items()),
    )


@cache
def layouts() -> tuple[Layout, ...]:
    """Every layout, the specific ones first and the generic one-sheet register last."""
    folder = data_dir() / "layouts"
    found = [_layout(load_data(f"layouts/{path.name}")) for path in sorted(folder.glob("*.json"))]
    return tuple(sorted(found, key=lambda item: (item.name in ("generic", "ropa"), item.name)))


def layout(name: str) -> Layout:
    """The layout called ``name``; KeyError naming the known ones if there is none."""
    for item in layouts():
        if item.name == name:
            return item
    known = ", ".join(item.name for item in layouts())
    raise KeyError(f"unknown layout {name!r}; known layouts: {known}")
