"""What a cross-check rule sees: one notice, the entities it speaks for, and the record."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

from ropa.check.report import PolicyScan
from ropa.check.views.record import RecordView, fold
from ropa.check.vocabulary import purpose_keys, subject_kind
from ropa.model.findings import Location, Related
from ropa.model.messages import Message, msg
from ropa.model.recipients import notice_categories
from ropa.read.notice.elements import statement_hits
from ropa.read.notice.entities import map_data_category
from ropa.read.notice.lexicon import lexicon
from ropa.read.workbook import Row

#: A related place is shown with at most this many characters of its line (what a terminal
#: of 80 columns shows after "see: notice.md:12 " without cutting it again).
QUOTE_LENGTH = 70


def quote_window(text: str, around: str | None = None, width: int = QUOTE_LENGTH) -> str:
    """``text`` on one line, at most ``width`` characters: a window centred on ``around``
    when it occurs (case aside), with an ellipsis where the line goes on."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    words = " ".join((around or "").split())
    start = text.casefold().find(words.casefold()) if words else -1
    if start < 0:
        cut = text.rfind(" ", width // 2, width - 1)
        return text[: cut if cut > 0 else width - 1].rstrip() + "…"
    stop = start + len(words)
    begin = start if stop - start >= width else max(0, start - (width - (stop - start)) // 2)
    end = min(len(text), begin + width)
    begin = max(0, end - width)
    if begin > 0:  # the ellipsis takes a character's place; the cut falls between words
        begin += 1
        space = text.find(" ", begin, start) if start > begin else -1
        begin = space + 1 if space >= 0 else begin
    if end < len(text):
        end -= 1
        space = text.rfind(" ", max(begin, stop), end)
        end = space if space >= 0 else end
    head = "…" if begin > 0 else ""
    tail = "…" if end < len(text) else ""
    return head + text[begin:end].strip() + tail


# The look-behind lets a match start only where an address can: a run of "1.1.1..." is
# tried once, not from each of its characters (which made the search quadratic).
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True)
class PolicyLink:
    """What an Organisation row's privacy-policy cell names: a URL, or a file."""

    row: Row
    value: str
    kind: str  # "url" | "file"
    path: str | None = None  # the file, resolved against the workbook's folder
    exists: bool = False
    outside: bool = False  # outside the workbook's folder, and not allowed: not read


@dataclass
class LinkView:
    """The Organisation sheet's privacy-policy cells, for the XC101/XC102 rules."""

    SCOPE: ClassVar[str] = "cross"

    ctx: RecordView
    links: list[PolicyLink] = field(default_factory=list)
    given: bool = False  # notices were given with --policy

    def location(self) -> Location:
        return self.ctx.location()


class CrossView:
    """One notice against the activities of the entities it speaks for."""

    SCOPE: ClassVar[str] = "cross"

    def __init__(
        self,
        ctx: RecordView,
        scan: PolicyScan,
        display: str,
        entities: list[Row],
        foreign: str | None = None,
    ) -> None:
        self.ctx = ctx
        self.scan = scan
        self.display = display
        self.entities = entities
        #: The company a notice given with --policy is for, when it is none of the record's
        #: entities (the notice is then not compared).
        self.foreign = foreign

    def location(self) -> Location:
        return self.ctx.location()

    # --- the notice ------------------------------------------------------------------------

    @property
    def lines(self) -> list[str]:
        return self.scan.document.lines

    @cached_property
    def text(self) -> str:
        return "\n".join(self.lines)

    @cached_property
    def folded(self) -> str:
        return fold(self.text)

    def present(self, element: str) -> bool:
        found = self.scan.elements.get(element)
        return bool(found and found.present)

    @cached_property
    def heading_lines(self) -> frozenset[int]:
        """The notice's headings (a heading alone discloses nothing: quotes prefer a body line)."""
        return frozenset(section.line for section in self.scan.document.sections)

    def evidence_line(self, *elements: str) -> int | None:
        """The first body line that discloses any of these elements (a heading only when the
        element has no other evidence)."""
        for element in elements:
            found = self.scan.elements.get(element)
            if found is not None and found.present and found.evidence:
                lines = [int(e.line) for e in found.evidence]
                body = [n for n in lines if n not in self.heading_lines]
                return (body or lines)[0]
        return None

    def category_line(self) -> int | None:
        """The first line that lists data categories (else the element's evidence)."""
        items = self.entity("data_categories") or []
        if items:
            return min(int(item["line"]) for item in items)
        return self.evidence_line("data_categories", "special_categories")

    def entity(self, key: str) -> Any:
        return self.scan.entities.get(key)

    def statement(self, kind: str) -> dict[str, Any] | None:
        for item in self.entity("statements") or []:
            if item.get("kind") == kind:
                return dict(item)
        return None

    @cached_property
    def statement_words(self) -> dict[tuple[str, int], str]:
        """(kind, line) of each negative statement -> the words that matched on that line."""
        found: dict[tuple[str, int], str] = {}
        for kind, index, matched in statement_hits(self.lines, self.scan.document.language):
            found.setdefault((kind, index + 1), matched)
        return found

    def stated(self, kind: str, line: int) -> tuple[Related, ...]:
        """The related place of a negative statement, quoted around the words that say it."""
        return self.related(line, self.statement_words.get((kind, line)))

    def quote(self, line: int | None, around: str | None = None) -> str:
        """Line ``line`` as a quote: the whole line when short, else a window of it around the
        words ``around`` (where they occur in the line), else its start."""
        if not line or not 1 <= line <= len(self.lines):
            return ""
        return quote_window(self.lines[line - 1], around)

    def first_line(self) -> int:
        """The notice's first non-empty line (its title), for omissions with no better place."""
        for number, text in enumerate(self.lines, start=1):
            if text.strip():
                return number
        return 1

    def related(self, line: int | None, around: str | None = None) -> tuple[Related, ...]:
        """The notice line a finding is about, quoted around the words that matched there."""
        line = line or self.first_line()
        return (Related(self.display, line, self.quote(line, around)),)

    def where(self, line: int | None) -> str:
        """``notice.md line 12`` for messages."""
        return f"{self.display} line {line or self.first_line()}"

    def at_line(self, line: int | None) -> Message:
        """``line 12`` as a phrase of the message catalogue (in the run's language): the
        message names the notice once, as ``{notice}``, and the line beside it."""
        return msg("notice_record.line", line=line or self.first_line())

    @cached_property
    def emails(self) -> set[str]:
        return {found.casefold() for found in EMAIL.findall(self.text)}

    def emails_on(self, lines: set[int]) -> set[str]:
        found: set[str] = set()
        for number in lines:
            if 1 <= number <= len(self.lines):
                found.update(e.casefold() for e in EMAIL.findall(self.lines[number - 1]))
        return found

    @cached_property
    def category_keys(self) -> dict[str, int]:
        """Data-category keys the notice mentions anywhere, with their first line."""
        found: dict[str, int] = {}
        for item in self.entity("data_categories") or []:
            found.setdefault(item["category"], int(item["line"]))
        for number, text in enumerate(self.lines, start=1):
            for key in map_data_category(text):
                found.setdefault(key, number)
        return found

    @cached_property
    def recipient_category_lines(self) -> dict[str, int]:
        """Kinds of recipients the notice names anywhere ("payment providers"), with their
        first line."""
        found: dict[str, int] = {}
        for number, text in enumerate(self.lines, start=1):
            for key in notice_categories(text):
                found.setdefault(key, number)
        return found

    @cached_property
    def purpose_lines(self) -> dict[str, int]:
        """Purpose keys the notice mentions anywhere, with their first line."""
        found: dict[str, int] = {}
        for number, text in enumerate(self.lines, start=1):
            for key in purpose_keys(text):
                found.setdefault(key, number)
        return found

    @cached_property
    def basis_lines(self) -> dict[str, int]:
        """Art. 6(1) points the notice states (a-f), with their first line: those the scan
        found, and the notice language's basis words on any line (lenient on purpose)."""
        found: dict[str, int] = {}
        for item in self.entity("lawful_bases") or []:
            found.setdefault(str(item["code"]), int(item["line"]))
        try:
            bases = lexicon(self.scan.document.language).bases
        except (KeyError, ValueError, OSError):
            bases = {}
        for number, text in enumerate(self.lines, start=1):
            for code, pattern in bases.items():
                if code not in found and pattern.search(text):
                    found[code] = number
        return found

    # --- the record ------------------------------------------------------------------------

    @cached_property
    def entity_keys(self) -> set[str]:
        return {fold(row.text("entity_id")) for row in self.entities if row.text("entity_id")}

    @cached_property
    def activities(self) -> list[Row]:
        """The entities' activities (an activity naming no entity belongs to all of them)."""
        out = []
        for row in self.ctx.rows("activities"):
            named = {fold(item) for item in row.items("entity_ids")}
            if not named or named & self.entity_keys:
                out.append(row)
        return out

    @cached_property
    def external(self) -> list[Row]:
        """The activities about people outside the organisation: the notice's readers."""
        return [
            row
            for row in self.activities
            if any(subject_kind(item) == "external" for item in row.items("data_subjects"))
        ]

    def purposes_of(self, activity: Row) -> list[Row]:
        return self.ctx.purposes_by_activity.get(fold(activity.text("activity_id")), [])

    def at(self, sheet: str, row: Row | None = None, field_key: str | None = None) -> Location:
        return self.ctx.at(sheet, row, field_key)

    def header_location(self, sheet_key: str, field_key: str) -> Location:
        """The header cell of a column (for "the sheet is incomplete" findings)."""
        sheet = self.ctx.sheet(sheet_key)
        if sheet is None:
            return self.ctx.at(sheet_key)
        return Location(
            self.ctx.workbook.display, sheet.name, sheet.header_row, sheet.column(field_key)
        )
