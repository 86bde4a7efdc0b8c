"""Which GDPR Art. 13/14 disclosure elements a published privacy notice contains, and where.

:func:`detect_elements` matches the rules of ``ropa/data/lexicon/policy/<lang>.json`` (format:
:mod:`ropa.read.notice.lexicon`) against the notice, hard-wrapped lines joined, and returns
for each of the 23 elements whether the notice discloses it, the lines that do (evidence) and
the rules that matched with the words they matched (the "why" a DPO can check). In short:

* the controller counts when named (a legal form or organisation number, a controller word,
  or a name opening the notice) with a contact detail (e-mail, phone, street address,
  postcode) near it or anywhere else except in the supervisory authority's block; a contact
  form alone does not count. The DPO counts when a DPO title has a contact detail near it;
* a right counts when worded as the person's right (on the line, or in a list under a "you
  have the right to" lead-in); items of such a list count for the rights only;
* consent is a lawful basis only when relied on, not when only withdrawn; a legitimate
  interest counts as ``legitimate_interests`` only when the interest itself is described.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ropa.model.languages import NOTICE_LANGUAGES, canonical
from ropa.model.text import notice_line
from ropa.model.vendors import find_vendors
from ropa.read.notice.clauses import LIST_ITEM, clause_span, continues
from ropa.read.notice.lexicon import Lexicon, Rule, lexicon

# The Art. 13/14 disclosure elements, in the order reports list them.
ELEMENT_KEYS: tuple[str, ...] = (
    "controller_identity",
    "dpo_contact",
    "purposes",
    "lawful_basis",
    "legitimate_interests",
    "recipients",
    "third_country_transfer",
    "transfer_safeguards",
    "retention",
    "right_access",
    "right_rectification",
    "right_erasure",
    "right_restriction",
    "right_portability",
    "right_object",
    "right_withdraw_consent",
    "right_complaint",
    "statutory_contractual_requirement",
    "automated_decision_making",
    "data_categories",
    "data_source",
    "special_categories",
    "cookies",
)


@dataclass(frozen=True)
class Evidence:
    """A line of the notice that discloses an element."""

    line: int  # 1-based
    text: str  # the line as in the document (stripped)


@dataclass
class ElementResult:
    """Whether a notice discloses one element, the lines that do, and which rules said so."""

    key: str
    present: bool
    evidence: list[Evidence] = field(default_factory=list)
    why: list[str] = field(default_factory=list)


def normalise_language(language: str | None) -> str:
    """A lexicon code for a language code: ``no``/``nob`` -> ``nb``; unknown -> ``any``."""
    code = canonical(language)
    return code if code in NOTICE_LANGUAGES else "any"


class _Document:
    """A notice prepared for matching.

    The normalised lines are joined with newlines so that each rule scans the whole notice
    once; a hard-wrapped line is joined to the one before with a space instead, so a pattern
    matches across the break (the offsets stay those of the lines). Hits are mapped back to
    their lines.
    """

    def __init__(self, lines: Sequence[str], lex: Lexicon) -> None:
        self.raw = list(lines)
        self.norm = [notice_line(line) for line in lines]
        self.lex = lex
        self.text = "".join(
            ("" if i == 0 else " " if continues(self.norm[i - 1], text) else "\n") + text
            for i, text in enumerate(self.norm)
        )
        lowered = self.text.lower()
        if len(lowered) != len(self.text):  # a few letters grow when lower-cased (İ)
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in self.text)
        self.lowered = lowered
        self.starts: list[int] = []
        offset = 0
        for text in self.norm:
            self.starts.append(offset)
            offset += len(text) + 1
        self.positions: list[int] = []
        self.order: list[int] = []  # line index of the n-th non-blank line
        for index, text in enumerate(self.norm):
            self.positions.append(len(self.order))
            if text:
                self.order.append(index)
        self._groups: dict[str, list[int]] = {}
        self._vendors: list[tuple[int, int, int, str]] | None = None
        self._matches: dict[re.Pattern[str], list[tuple[int, int, int, str]]] = {}
        self._anywhere: dict[tuple[str, str], list[int]] = {}
        self._context: dict[int, tuple[int, str]] = {}
        self._rights_list: set[int] | None = None

    def context(self, index: int) -> tuple[int, str]:
        """The line's sentence run and where it starts in the text: the line with the
        hard-wrapped lines before and after it (just the line where nothing is wrapped)."""
        found = self._context.get(index)
        if found is None:
            low, high = self.starts[index], self.starts[index] + len(self.norm[index])
            while low > 0 and self.text[low - 1] == " " and self.line_of(low - 1) != index:
                low = self.starts[self.line_of(low - 1)]
            while high < len(self.text) and self.text[high] == " ":
                nxt = self.line_of(high + 1)
                high = self.starts[nxt] + len(self.norm[nxt])
            same = low == self.starts[index] and high - low == len(self.norm[index])
            found = (low, self.norm[index] if same else self.text[low:high])
            self._context[index] = found
        return found

    def rights_list(self) -> set[int]:
        """Items of a list under a lead-in naming a right ("You have the right to know:")."""
        if self._rights_list is None:
            found: set[int] = set()
            lead: int | None = None
            for index in self.order:
                if LIST_ITEM.match(self.norm[index]):
                    if lead is not None:
                        found.add(index)
                    continue
                text = self.norm[index]
                lead = (
                    index
                    if text.endswith(":") and self.line_in_group(index, "rights_context")
                    else None
                )
            self._rights_list = found
        return self._rights_list

    def lines_between(self, start: int, end: int) -> set[int]:
        return set(range(self.line_of(start), self.line_of(max(start, end - 1)) + 1))

    def anywhere(self, group: str, excluded: str) -> list[int]:
        """Lines of ``group`` not of ``excluded`` nor in the short-line block after one."""
        key = (group, excluded)
        if key not in self._anywhere:
            shadow: set[int] = set()
            for other in self.group_lines(excluded):
                shadow.add(other)
                at = self.positions[other]
                for line in self.order[at + 1 : at + 9]:
                    text = self.norm[line]
                    words = len(text.split())
                    if words > 10 or text.endswith((":", "?")) or (words > 6 and text[-1] in ".!"):
                        break
                    shadow.add(line)
            self._anywhere[key] = [i for i in self.group_lines(group) if i not in shadow]
        return self._anywhere[key]

    def line_of(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def matches(self, pattern: re.Pattern[str]) -> list[tuple[int, int, int, str]]:
        """Every match in the notice: (line index, start, end in the line, matched text).

        Computed once per pattern and document (groups are shared by several rules)."""
        cached = self._matches.get(pattern)
        if cached is None:
            cached = []
            text = self.text if pattern.flags & re.IGNORECASE else self.lowered
            for match in pattern.finditer(text):
                start, end = match.start(), match.end()
                index = self.line_of(start)
                offset = self.starts[index]
                cached.append((index, start - offset, end - offset, self.text[start:end]))
            self._matches[pattern] = cached
        return cached

    def vendor_matches(self) -> list[tuple[int, int, int, str]]:
        """Every vendor of the catalogue named in the notice, in the same shape."""
        if self._vendors is None:
            self._vendors = [
                (index, start, end, name)
                for index in self.order
                for start, end, name in find_vendors(self.norm[index])
            ]
        return self._vendors

    def group_lines(self, name: str) -> list[int]:
        """Indices of the lines a group matches, computed once per document."""
        cached = self._groups.get(name)
        if cached is None:
            cached = sorted(
                {hit[0] for pattern in self.lex.groups[name] for hit in self.matches(pattern)}
            )
            self._groups[name] = cached
        return cached

    def line_in_group(self, index: int, group: str) -> bool:
        """Whether one line matches a group (without scanning the whole notice)."""
        if group in self._groups:
            return index in self._groups[group]
        start = self.starts[index]
        end = start + len(self.norm[index])
        for pattern in self.lex.groups[group]:
            text = self.text if pattern.flags & re.IGNORECASE else self.lowered
            if pattern.search(text, start, end):
                return True
        return False

    def partners(self, index: int, group: str, window: int, before_only: bool) -> list[int]:
        if window == 0:  # the same line: cheaper than finding the group everywhere
            return [index] if self.line_in_group(index, group) else []
        here = self.positions[index]
        found = []
        for other in self.group_lines(group):
            distance = self.positions[other] - here
            if before_only and (distance > 0 or -distance > window):
                continue
            if not before_only and abs(distance) > window:
                continue
            found.append(other)
        return found

    def block(self, index: int, partners: list[int]) -> set[int]:
        """The line, its nearest partner on each side, and the non-blank lines between."""
        lines = {index}
        before = [p for p in partners if p < index]
        after = [p for p in partners if p > index]
        if before:
            lines.update(i for i in range(max(before), index) if self.norm[i])
        if after:
            lines.update(i for i in range(index + 1, min(after) + 1) if self.norm[i])
        return lines


# How far (in characters) from a hit an "unless" pattern cancels it.
UNLESS_REACH = 60
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)")


def _cancelled(unless: re.Pattern[str], text: str, start: int, end: int) -> bool:
    """Whether an "unless" pattern occurs near the hit (line offsets) and in its sentence."""
    low = max(0, start - UNLESS_REACH)
    high = min(len(text), end + UNLESS_REACH)
    for stop in _SENTENCE_END.finditer(text):
        if stop.end() <= start:
            low = max(low, stop.end())
        elif stop.start() >= end:
            high = min(high, stop.start())
            break
    return any(other.end() > low and other.start() < high for other in unless.finditer(text))


def _apply(rule: Rule, doc: _Document) -> list[tuple[int, str, set[int]]]:
    """Every line a rule fires on, once: (line index, matched text, evidence line indices)."""
    hits = []
    done: set[int] = set()
    if rule.vendors:
        found = doc.vendor_matches()
    else:
        found = [hit for pattern in rule.patterns for hit in doc.matches(pattern)]
        if len(rule.patterns) > 1:
            found.sort()
    for index, start, end, matched in found:
        if index in done:
            continue
        if rule.first is not None and doc.positions[index] >= rule.first:
            done.add(index)
            continue
        low, text = doc.context(index)
        within = end <= len(doc.norm[index])  # the hit ends on its own line
        start, end = start + doc.starts[index] - low, end + doc.starts[index] - low
        if rule.with_ is not None and not rule.with_.search(text):
            done.add(index)
            continue
        if rule.unless is not None and _cancelled(rule.unless, text, start, end):
            continue  # a later match on the same line may still count
        evidence = {index} if within else doc.lines_between(low + start, low + end)
        if rule.vendors:  # the words of the notice, then the catalogue's name if it differs
            shown, name = text[start:end], matched
            matched = shown if shown.lower() == name.lower() else f"{shown}\u201d = \u201c{name}"
        if rule.also:
            clause = clause_span(text, start, end)
            others = [pattern.search(text, *clause) for pattern in rule.also]
            if not all(others):
                continue
            for other in others:
                assert other is not None
                evidence |= doc.lines_between(low + other.start(), low + other.end())
            matched = " \u2026 ".join([matched, *(o.group(0) for o in others if o)])
        if rule.after is not None:
            group, window = rule.after
            if not doc.partners(index, group, window, before_only=True):
                done.add(index)
                continue
        if rule.near is not None:
            group, window = rule.near
            partners = doc.partners(index, group, window, before_only=False)
            if not partners:
                done.add(index)
                continue
            evidence |= doc.block(index, partners)
        if rule.anywhere is not None:
            partners = doc.anywhere(*rule.anywhere)
            if not partners:
                done.add(index)
                continue
            evidence.add(min(partners, key=lambda other: (abs(other - index), other)))
        done.add(index)
        hits.append((index, matched, evidence))
    return hits


def _evaluate(doc: _Document, rules: Sequence[Rule], key: str) -> ElementResult:
    lines: set[int] = set()
    why: list[str] = []
    ordered = [r for r in rules if not r.fallback] + [r for r in rules if r.fallback]
    # "You have the right to know: - whether ...": the list describes the right, not a fact
    skip = () if key.startswith("right_") else doc.rights_list()
    for rule in ordered:
        if rule.fallback and lines:
            break
        for index, matched, evidence in _apply(rule, doc):
            if index in skip:
                continue
            lines.update(evidence)
            reason = f"{rule.name}: \u201c{matched.strip()}\u201d"
            if reason not in why:
                why.append(reason)
    evidence_list = [Evidence(i + 1, doc.raw[i].strip()) for i in sorted(lines)]
    return ElementResult(key, bool(evidence_list), evidence_list, why)


def _detect(doc: _Document, keys: Sequence[str]) -> dict[str, ElementResult]:
    return {key: _evaluate(doc, doc.lex.elements.get(key, ()), key) for key in keys}


@lru_cache(maxsize=16)
def analyse(lines: tuple[str, ...], language: str) -> tuple[_Document, dict[str, ElementResult]]:
    """The prepared document and the element results, cached for the last few notices so
    that :func:`ropa.read.notice.entities.extract_entities` reuses the work of
    :func:`detect_elements` on the same lines."""
    doc = document_for(lines, language)
    return doc, _detect(doc, ELEMENT_KEYS)


def detect_elements(lines: Sequence[str], language: str) -> dict[str, ElementResult]:
    """Which of the 23 Art. 13/14 elements the notice discloses, with evidence lines.

    ``lines`` are the notice's lines (line N of the file is ``lines[N-1]``); ``language`` is
    sv, nb, nn, da, fi or en (nynorsk uses the bokmål rules plus its own; an unknown code uses
    every language's rules).
    """
    _, results = analyse(tuple(lines), language)
    # A fresh copy each call: callers may mutate the lists.
    return {
        key: ElementResult(r.key, r.present, list(r.evidence), list(r.why))
        for key, r in results.items()
    }


def document_for(lines: Sequence[str], language: str) -> _Document:
    """A notice prepared for matching with the rules of a language."""
    return _Document(lines, lexicon(normalise_language(language)))


def statement_hits(lines: Sequence[str] | _Document, language: str) -> list[tuple[str, int, str]]:
    """Negative statements: (kind, line index, matched text), in line order."""
    doc = lines if isinstance(lines, _Document) else document_for(lines, language)
    out: list[tuple[str, int, str]] = []
    for kind, rules in doc.lex.statements.items():
        seen: set[int] = set()
        for rule in rules:
            for index, matched, _ in _apply(rule, doc):
                if index not in seen:
                    seen.add(index)
                    out.append((kind, index, matched))
    return sorted(out, key=lambda item: (item[1], item[0]))
