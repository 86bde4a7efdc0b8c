"""The one finding type every check, cross-check and reporter shares."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    """How much a finding matters. Ordered: info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise ValueError(f"unknown severity {text!r}: use error, warning or info") from None


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding points: a file, and inside a workbook a sheet, row, column and cell."""

    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    @property
    def cell(self) -> str | None:
        if self.column and self.row:
            return f"{self.column}{self.row}"
        return None

    def describe(self) -> str:
        """``file``, ``file: Sheet``, ``file: Sheet!C5`` or ``file: Sheet row 5``."""
        if not self.sheet:
            return self.file
        if self.cell:
            return f"{self.file}: {self.sheet}!{self.cell}"
        if self.row:
            return f"{self.file}: {self.sheet} row {self.row}"
        return f"{self.file}: {self.sheet}"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in a record or a notice, with its rule, severity, legal ground and place."""

    code: str
    severity: Severity
    message: str
    reference: str
    location: Location
    hint: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``ropa check --format json`` (schemas/findings.schema.json)."""
        loc = self.location
        data: dict[str, Any] = {
            "rule": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "reference": self.reference,
            "file": loc.file,
            "sheet": loc.sheet,
            "row": loc.row,
            "column": loc.column,
            "cell": loc.cell,
        }
        if self.hint:
            data["hint"] = self.hint
        if self.related:
            data["related"] = [dict(item) for item in self.related]
        return data

    @property
    def related(self) -> list[dict[str, Any]]:
        """Other places the finding concerns (``extra["related"]``): for a cross-check, the
        notice line, as ``{"file", "line", "text"}``."""
        related = self.extra.get("related") if self.extra else None
        return list(related) if related else []

    def sort_key(self) -> tuple[str, str, int, str, str]:
        loc = self.location
        return (loc.file, loc.sheet or "", loc.row or 0, loc.column or "", self.code)
