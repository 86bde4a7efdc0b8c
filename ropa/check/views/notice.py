"""What a policy rule sees: the notice, the elements found in it, and the entities extracted."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from ropa.model.findings import Location
from ropa.read.notice.document import PolicyDocument
from ropa.read.notice.facts import ElementLike

# How entities name the two lawful bases the conditional rules depend on.
_BASIS_PATTERNS = {
    "legitimate_interests": re.compile(r"legitimate|6\s*\(?1\)?\s*\(?f\b|\bf\)?$|^f$", re.I),
    "consent": re.compile(r"consent|6\s*\(?1\)?\s*\(?a\b|\ba\)?$|^a$", re.I),
}
_BASIS_FIELDS = ("code", "basis", "key")


@dataclass
class NoticeView:
    """The notice under check; rules read it through these helpers."""

    SCOPE: ClassVar[str] = "policy"

    document: PolicyDocument
    elements: Mapping[str, ElementLike]
    entities: Mapping[str, Any] = field(default_factory=dict)
    today: date = field(default_factory=date.today)

    @property
    def path(self) -> str:
        return self.document.path

    @property
    def language(self) -> str:
        return self.document.language

    def at(self, line: int | None = None) -> Location:
        """The finding's place: the notice, and a 1-based line where there is one."""
        return Location(self.document.path, line=line if line else None)

    def location(self) -> Location:
        """The notice itself, for findings about it as a whole."""
        return Location(self.document.path)

    def present(self, key: str) -> bool:
        """Whether the element was found (an element the detector does not know: True)."""
        result = self.elements.get(key)
        return True if result is None else bool(result.present)

    def missing(self, key: str) -> bool:
        return not self.present(key)

    def first_line(self, key: str) -> int | None:
        """The first line that discloses the element, if any."""
        result = self.elements.get(key)
        if result is None or not result.evidence:
            return None
        return min(evidence.line for evidence in result.evidence)

    def basis_lines(self, basis: str) -> list[int] | None:
        """Where the notice relies on a lawful basis ("consent", "legitimate_interests").

        Returns the lines (possibly empty when the entity has no line) if the extracted
        lawful bases include it, or None if they do not.
        """
        pattern = _BASIS_PATTERNS[basis]
        lines: list[int] = []
        found = False
        for item in self.entities.get("lawful_bases") or ():
            if isinstance(item, Mapping):
                texts = [str(item[name]) for name in _BASIS_FIELDS if item.get(name)]
                line = item.get("line")
            else:
                texts, line = [str(item)], None
            if any(text.strip() == basis or pattern.search(text.strip()) for text in texts):
                found = True
                if isinstance(line, int) and line > 0:
                    lines.append(line)
        return sorted(set(lines)) if found else None
