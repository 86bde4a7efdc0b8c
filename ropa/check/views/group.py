"""What a group rule sees: several workbooks checked together, and where they disagree."""

from __future__ import annotations

from typing import ClassVar

from ropa.model.findings import Location, Problem, Related
from ropa.model.messages import Message
from ropa.read.group import Conflict


class GroupView:
    """The conflicts between the records of the workbooks of one run (at least two)."""

    SCOPE: ClassVar[str] = "group"

    def __init__(self, files: list[str], conflicts: list[Conflict]) -> None:
        self.files = files
        self.conflicts = conflicts

    def location(self) -> Location:
        return Location(self.files[0])

    def of_kind(self, kind: str) -> list[Conflict]:
        return [conflict for conflict in self.conflicts if conflict.kind == kind]

    def problem(self, conflict: Conflict, hint: Message) -> Problem:
        """The conflict reported at its last place, the other places related to it."""
        *others, (file, sheet, row, _) = conflict.places
        return Problem(
            Location(file, sheet, row, key=conflict.key),
            conflict.message,
            hint=hint,
            # A workbook has rows, not lines: the row is named in the text.
            related=tuple(Related(f, None, f"{s} row {r}: {v}") for f, s, r, v in others),
        )
