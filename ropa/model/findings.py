"""The one finding type every check, cross-check and reporter shares.

A rule yields a light :class:`Problem` (where, what, how to fix); the engine turns it into a
:class:`Finding`, adding the rule's code, its configured severity and its legal reference.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from ropa.model.messages import Message


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
    """Where a finding points: a file, and inside a workbook a sheet, row, column and cell;
    inside a notice a 1-based line."""

    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    line: int | None = None
    #: What names the row across versions (its id, "HR-01"), where the finding is about a row.
    key: str | None = None

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
class Related:
    """Another place a finding concerns: for a cross-check, the notice line compared."""

    file: str
    line: int | None
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "text": self.text}


@dataclass(frozen=True, slots=True)
class Problem:
    """What a rule yields: where, what is wrong, and how to fix it.

    The engine turns it into a :class:`Finding`, adding the rule's code, severity (after
    configuration) and legal reference, unless the problem names its own reference. Its
    message and hint are :class:`~ropa.model.messages.Message` values (a key of the message
    catalogue and its parameters), which the engine renders in the run's language.
    """

    location: Location
    message: Message
    hint: Message | None = None
    reference: str | None = None
    related: tuple[Related, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in a record or a notice, with its rule, severity, legal ground and place."""

    code: str
    severity: Severity
    message: str
    reference: str
    location: Location
    hint: str | None = None
    related: tuple[Related, ...] = field(default=(), compare=False, hash=False)
    #: The message before it was worded (its key and values), to word it in any language:
    #: a baseline saved in one language still matches a check run in another.
    source: Message | None = field(default=None, compare=False, hash=False, repr=False)

    def message_in(self, lang: str) -> str:
        """The message in ``lang`` (as it was worded, where the finding has no source)."""
        return self.source.render(lang) if self.source is not None else self.message

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
            # A notice finding's line is its row in the JSON, as it always was.
            "row": loc.row if loc.row is not None else loc.line,
            "column": loc.column,
            "cell": loc.cell,
        }
        if loc.key:
            data["key"] = loc.key
        if self.hint:
            data["hint"] = self.hint
        if self.related:
            data["related"] = [item.to_dict() for item in self.related]
        return data

    def sort_key(self) -> tuple[str, str, int, str, str]:
        loc = self.location
        return (loc.file, loc.sheet or "", loc.row or loc.line or 0, loc.column or "", self.code)
