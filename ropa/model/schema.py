"""The workbook's fields, read from ``schemas/record.schema.json`` (the single source of truth).

Everything that needs to know what a sheet or column is (the template, the reader, the
rules, the docs and the exports) asks this module rather than hard-coding names.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from ropa.model.resources import load_schema
from ropa.model.text import header_key


@dataclass(frozen=True, eq=False)
class FieldSpec:
    """One column of a sheet."""

    key: str
    sheet: str
    titles: dict[str, str]
    help: dict[str, str]
    article: str
    kind: str
    required: bool
    multi: bool
    width: int
    vocabulary: str | None
    ref: str | None
    aliases: tuple[str, ...]

    def title(self, lang: str = "en") -> str:
        return self.titles.get(lang) or self.titles["en"]

    def help_text(self, lang: str = "en") -> str:
        return self.help.get(lang) or self.help["en"]

    def header_keys(self) -> set[str]:
        names = [*self.titles.values(), *self.aliases, self.key, self.key.replace("_", " ")]
        return {header_key(name) for name in names}


@dataclass(frozen=True, eq=False)
class SheetSpec:
    """One sheet of the workbook."""

    key: str
    titles: dict[str, str]
    help: dict[str, str]
    article: str
    required: bool
    id_field: str | None
    aliases: tuple[str, ...]
    fields: tuple[FieldSpec, ...]

    @property
    def key_fields(self) -> tuple[str, ...]:
        """The fields that name a row across versions of the record: its id, or (in a sheet
        without one, such as Purposes) its first two fields."""
        if self.id_field:
            return (self.id_field,)
        return tuple(spec.key for spec in self.fields[:2])

    def title(self, lang: str = "en") -> str:
        return self.titles.get(lang) or self.titles["en"]

    def help_text(self, lang: str = "en") -> str:
        return self.help.get(lang) or self.help["en"]

    def field(self, key: str) -> FieldSpec:
        for spec in self.fields:
            if spec.key == key:
                return spec
        raise KeyError(f"{self.key} has no field {key!r}")

    def name_keys(self) -> set[str]:
        names = [*self.titles.values(), *self.aliases, self.key, self.key.replace("_", " ")]
        return {header_key(name) for name in names}

    def header_index(self) -> dict[str, str]:
        """Normalised header text -> field key, for every language and alias."""
        return _header_index(self)


@cache
def _header_index(sheet: SheetSpec) -> dict[str, str]:
    index: dict[str, str] = {}
    for spec in sheet.fields:
        for name in spec.header_keys():
            index.setdefault(name, spec.key)
    return index


@dataclass(frozen=True, eq=False)
class RecordSchema:
    """All sheets, in workbook order."""

    version: int
    sheets: tuple[SheetSpec, ...]

    def sheet(self, key: str) -> SheetSpec:
        for spec in self.sheets:
            if spec.key == key:
                return spec
        raise KeyError(f"the record has no sheet {key!r}")

    def field(self, dotted: str) -> FieldSpec:
        sheet, key = dotted.split(".", 1)
        return self.sheet(sheet).field(key)


def _field(sheet: str, key: str, prop: dict[str, Any]) -> FieldSpec:
    x = prop["x-ropa"]
    return FieldSpec(
        key=key,
        sheet=sheet,
        titles=dict(x["titles"]),
        help=dict(x["help"]),
        article=x["article"],
        kind=x["kind"],
        required=bool(x["required"]),
        multi=bool(x["multi"]),
        width=int(x.get("width", 20)),
        vocabulary=x.get("vocabulary"),
        ref=x.get("ref"),
        aliases=tuple(x.get("aliases", ())),
    )


def _sheet(key: str, definition: dict[str, Any]) -> SheetSpec:
    x = definition["x-ropa-sheet"]
    fields = tuple(_field(key, name, prop) for name, prop in definition["properties"].items())
    return SheetSpec(
        key=key,
        titles=dict(x["titles"]),
        help=dict(x["help"]),
        article=x["article"],
        required=bool(x["required"]),
        id_field=x.get("id"),
        aliases=tuple(x.get("aliases", ())),
        fields=fields,
    )


@cache
def record_schema() -> RecordSchema:
    """The parsed record schema (cached)."""
    raw = load_schema("record")
    defs = raw["$defs"]
    sheets = tuple(_sheet(key, defs[key]) for key in raw["x-ropa-sheet-order"])
    return RecordSchema(version=int(raw["x-ropa-version"]), sheets=sheets)
