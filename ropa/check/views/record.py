"""What a rule sees: one workbook, its lookups, the configuration, and location helpers."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import ClassVar

from ropa.model.findings import Location
from ropa.model.periods import RetentionPeriod, parse_period
from ropa.model.schema import FieldSpec, record_schema
from ropa.model.text import fold
from ropa.read.config import Config
from ropa.read.foreign import ForeignLayout
from ropa.read.workbook import Row, Sheet, Workbook


class RecordView:
    """A workbook prepared for the rules."""

    SCOPE: ClassVar[str] = "record"

    def __init__(
        self, workbook: Workbook, config: Config, foreign: ForeignLayout | None = None
    ) -> None:
        self.workbook = workbook
        self.config = config
        #: What the workbook holds when it is not in ropa's layout (RP118), else None.
        self.foreign = foreign

    @property
    def today(self) -> dt.date:
        return self.config.today

    @property
    def lang(self) -> str:
        return self.workbook.language

    # --- rows ----------------------------------------------------------------------------

    def sheet(self, key: str) -> Sheet | None:
        return self.workbook.sheet(key)

    def rows(self, key: str) -> list[Row]:
        return self.workbook.rows(key)

    def has_column(self, sheet: str, key: str) -> bool:
        found = self.workbook.sheet(sheet)
        return found is not None and key in found.columns

    def location(self) -> Location:
        """The workbook itself, for findings about it as a whole."""
        return Location(self.workbook.display)

    # --- locations -------------------------------------------------------------------------

    def at(self, sheet_key: str, row: Row | None = None, field: str | None = None) -> Location:
        """The location of a cell (or a row, or a sheet) for a finding."""
        sheet = self.workbook.sheet(sheet_key)
        file = self.workbook.display
        if sheet is None:
            return Location(file, record_schema().sheet(sheet_key).title(self.lang))
        column = sheet.column(field) if field else None
        if row is None:
            return Location(file, sheet.name, None, column)
        return Location(file, sheet.name, row.number, column, key=self.row_key(sheet_key, row))

    def row_key(self, sheet_key: str, row: Row) -> str | None:
        """What names the row across versions ("HR-01", "HR-01/Payroll"), for baselines and
        SARIF fingerprints: unlike the row number, it survives rows inserted above."""
        parts = [row.text(key).strip() for key in record_schema().sheet(sheet_key).key_fields]
        return "/".join(parts) if any(parts) else None

    def header(self, sheet_key: str, field: str) -> str:
        """The column's header as this workbook's language writes it, for messages."""
        return self.spec(sheet_key, field).title(self.lang)

    def spec(self, sheet_key: str, field: str) -> FieldSpec:
        return record_schema().sheet(sheet_key).field(field)

    def sheet_name(self, sheet_key: str) -> str:
        sheet = self.workbook.sheet(sheet_key)
        return sheet.name if sheet else record_schema().sheet(sheet_key).title(self.lang)

    # --- lookups -------------------------------------------------------------------------

    @cached_property
    def entities(self) -> dict[str, Row]:
        return _index(self.rows("organisation"), "entity_id")

    @cached_property
    def activities(self) -> dict[str, Row]:
        return _index(self.rows("activities"), "activity_id")

    @cached_property
    def processors(self) -> dict[str, Row]:
        """Processors by id and by name, so a reference may use either."""
        rows = self.rows("processors")
        index = _index(rows, "name")
        index.update(_index(rows, "processor_id"))
        return index

    @cached_property
    def purposes_by_activity(self) -> dict[str, list[Row]]:
        return _group(self.rows("purposes"), "activity_id")

    @cached_property
    def retention_by_activity(self) -> dict[str, list[Row]]:
        return _group(self.rows("retention"), "activity_id")

    @cached_property
    def transfers_by_activity(self) -> dict[str, list[Row]]:
        return _group(self.rows("transfers"), "activity_id")

    @cached_property
    def retention_periods(self) -> list[tuple[Row, RetentionPeriod]]:
        """Each retention row with its parsed period, parsed once for all rules."""
        return [(row, parse_period(row.values.get("period"))) for row in self.rows("retention")]

    def entities_of(self, activity: Row) -> list[Row]:
        return [
            self.entities[k] for k in map(fold, activity.items("entity_ids")) if k in self.entities
        ]

    def processors_of(self, activity: Row) -> list[Row]:
        found = (self.processors.get(fold(item)) for item in activity.items("recipients"))
        return [row for row in found if row is not None]


def _index(rows: list[Row], key: str) -> dict[str, Row]:
    index: dict[str, Row] = {}
    for row in rows:
        text = row.text(key)
        if text:
            index.setdefault(fold(text), row)
    return index


def _group(rows: list[Row], key: str) -> dict[str, list[Row]]:
    groups: dict[str, list[Row]] = {}
    for row in rows:
        text = row.text(key)
        if text:
            groups.setdefault(fold(text), []).append(row)
    return groups
