"""The document model every policy check works on: the notice as numbered lines and sections."""

from __future__ import annotations

from dataclasses import dataclass, field

#: The formats a notice can be read from.
FORMATS = ("txt", "md", "html", "pdf", "docx")


@dataclass(frozen=True)
class Section:
    """A heading of the notice."""

    line: int  # 1-based line number of the heading
    title: str
    level: int  # 1 = top

    def to_dict(self) -> dict[str, object]:
        return {"line": self.line, "title": self.title, "level": self.level}


@dataclass
class PolicyDocument:
    """A privacy notice as text lines, whatever format it came in.

    ``lines[N - 1]`` is line N, the number every finding and every piece of evidence uses.
    For .txt and .md files these are exactly the file's lines; for HTML, PDF and Word they are
    the text ropa extracted (one paragraph, heading, list item or table row per line).
    """

    path: str  # as given
    format: str  # "txt" | "md" | "html" | "pdf" | "docx"
    encoding: str | None
    lines: list[str]
    language: str  # "sv" | "nb" | "nn" | "da" | "fi" | "en"
    language_confidence: float
    sections: list[Section] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def line(self, number: int) -> str:
        """Line ``number`` (1-based)."""
        return self.lines[number - 1]
