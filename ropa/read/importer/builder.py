"""The record being built: rows by sheet, ids, the processors by name, what was not understood."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ropa.model.messages import SOURCE_LANGUAGE, Text, render
from ropa.model.schema import record_schema
from ropa.model.text import fold

#: Extra columns the importer adds (English; a message catalogue is another issue).
ORIGIN = "Imported from"
NOTES = "Imported notes"
INTERNAL = "Internal recipients"
CATEGORIES = "Categories of recipients"
AS_WRITTEN = " (as written)"


@dataclass(frozen=True)
class Unread:
    """A value kept as written because it could not be read: where, what, why."""

    file: str
    sheet: str
    cell: str
    heading: str
    text: str
    why: Text  # a message of the catalogue (import.why.*), worded in the summary's language

    def to_dict(self, lang: str = SOURCE_LANGUAGE) -> dict[str, str]:
        return {**vars(self), "why": str(render(self.why, lang))}


@dataclass
class Record:
    rows: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {sheet.key: [] for sheet in record_schema().sheets}
    )
    unread: list[Unread] = field(default_factory=list)
    _ids: dict[str, set[str]] = field(default_factory=dict)
    _processors: dict[str, dict[str, Any]] = field(default_factory=dict)
    _entities: dict[str, str] = field(default_factory=dict)

    def new_id(self, sheet: str, prefix: str, wanted: str | None = None) -> str:
        taken = self._ids.setdefault(sheet, set())
        if wanted and fold(wanted) not in taken:
            taken.add(fold(wanted))
            return wanted
        base = wanted or prefix
        number = len(taken) + 1
        while (
            fold(candidate := f"{base}-{number:03d}" if not wanted else f"{base}-{number}") in taken
        ):
            number += 1
        taken.add(fold(candidate))
        return candidate

    def entity(self, name: str | None, fields: dict[str, str] | None = None) -> str:
        """The entity id for a controller name (one entity for an unnamed controller)."""
        key = fold(name or "")
        if key not in self._entities and not name and self._entities:
            key = next(iter(self._entities))  # an unnamed controller is the one already there
        if key not in self._entities:
            entity_id = self.new_id("organisation", "ORG", None if self._entities else "ORG1")
            row = {"entity_id": entity_id, "legal_name": name or None}
            self.rows["organisation"].append(row)
            self._entities[key] = entity_id
        entity_id = self._entities[key]
        if fields:
            row = next(r for r in self.rows["organisation"] if r["entity_id"] == entity_id)
            for name_, value in fields.items():
                if value and not row.get(name_):
                    row[name_] = value
                elif value and row.get(name_) != value and name_ == NOTES:
                    row[name_] = f"{row[name_]}\n{value}"
        return entity_id

    def processor(
        self, name: str, origin: str, wanted_id: str | None = None, **fields: Any
    ) -> dict[str, Any]:
        """The Processors row for a named recipient, made once per name."""
        row = self._processors.get(fold(name))
        if row is None:
            row = {
                "processor_id": self.new_id("processors", "P", wanted_id or None),
                "name": name,
                ORIGIN: origin,
            }
            self.rows["processors"].append(row)
            self.index_processor(row)
        for name_, value in fields.items():
            if value not in (None, "", []) and not row.get(name_):
                row[name_] = value
        return row

    def index_processor(self, row: dict[str, Any]) -> None:
        for key in ("name", "processor_id"):
            if row.get(key):
                self._processors.setdefault(fold(str(row[key])), row)

    def find_processor(self, text: str) -> dict[str, Any] | None:
        return self._processors.get(fold(text))


def append_text(row: dict[str, Any], key: str, value: Any) -> None:
    """Set ``row[key]``, or add ``value`` on a new line when the row already says something else."""
    if value in (None, "", []):
        return
    old = row.get(key)
    if old in (None, "", []):
        row[key] = value
    elif isinstance(old, list):
        for item in value if isinstance(value, list) else [value]:
            if item not in old:
                old.append(item)
    elif str(value) not in str(old).split("\n"):
        row[key] = f"{old}\n{value}"
