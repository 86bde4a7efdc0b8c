"""The organisation block above a register's header, and "Personuppgiftsansvarig: …" lines.

The ICO controller template heads its sheet with the controller's, the DPO's and the
representative's name and contact details; Nordic records often start with one line naming
the controller and its organisation number. Labels are
``ropa/data/lexicon/organisation_block.json``.
Every text above the header that is not read into a field is kept as a note, so nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ropa.model.resources import load_data
from ropa.read.cells import column_letter
from ropa.read.importer.detect import cell_text
from ropa.read.importer.layouts import heading_key

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"^\+?[\d\s()./-]{6,}$")
_REG_NUMBER = re.compile(
    r"(?:org\.?\s*nr|organisa(?:tion|sjon)snummer|cvr(?:-nr)?|y-tunnus|company number|kvk)"
    r"\.?:?\s*([\w-]+(?:[\s-]\d+)?)",
    re.IGNORECASE,
)


@dataclass
class Block:
    """What the rows above a header say about the organisation."""

    fields: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)


@cache
def _labels() -> list[tuple[str, str]]:
    labels = load_data("lexicon/organisation_block.json")["labels"]
    pairs = [(heading_key(text), key) for key, texts in labels.items() for text in texts]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


def label_of(text: str) -> tuple[str, str] | None:
    """``(field, rest of the cell)`` if the cell starts with an organisation label."""
    head, sep, rest = text.partition(":")
    key = heading_key(head if sep else text)
    for label, name in _labels():
        if key == label or (key.startswith(label) and len(label) >= 8):
            return name, rest.strip() if sep else ""
    return None


def _assign(block: Block, name: str, value: str) -> None:
    lines = [line.strip() for line in value.splitlines() if line.strip()]
    if not lines:
        return
    if name in ("legal_name", "dpo_name"):
        first, rest = lines[0], lines[1:]
        number = _REG_NUMBER.search(first)
        if number and name == "legal_name":
            block.fields.setdefault("registration_number", number.group(1).strip())
            first = first[: number.start()].strip(" ,;")
        block.fields.setdefault(name, first)
        contact = "dpo_contact" if name == "dpo_name" else None
        for line in rest:
            if contact:
                block.fields["dpo_contact"] = "\n".join(
                    filter(None, [block.fields.get("dpo_contact"), line])
                )
            elif _EMAIL.fullmatch(line):
                block.fields.setdefault("contact_email", line)
            elif _PHONE.match(line):
                block.fields.setdefault("contact_phone", line)
            else:
                block.fields["address"] = "\n".join(
                    filter(None, [block.fields.get("address"), line])
                )
    else:
        block.fields.setdefault(name, "\n".join(lines))


def read_block(grid: list[list[Any]], header_row: int) -> Block:
    """Read the rows above ``header_row`` (0-based)."""
    block = Block()
    used: set[tuple[int, int]] = set()
    texts = {(r, c): cell_text(v) for r in range(header_row) for c, v in enumerate(grid[r])}
    texts = {place: text for place, text in texts.items() if text}
    for (row, column), text in sorted(texts.items()):
        if (row, column) in used:
            continue
        found = label_of(text)
        if found is None:
            continue
        name, rest = found
        used.add((row, column))
        value = rest
        if not value:
            right = [(row, c) for c in range(column + 1, column + 4) if (row, c) in texts]
            right = [p for p in right if label_of(texts[p]) is None and texts[p] != text][:1]
            below: list[tuple[int, int]] = []
            for r in range(row + 1, header_row):
                place = (r, column)
                if place not in texts or label_of(texts[place]) is not None:
                    if below or r > row + 2:
                        break
                    continue
                below.append(place)
            places = right or below
            used.update(places)
            value = "\n".join(texts[p] for p in places)
        _assign(block, name, value)
        block.cells.append(f"{column_letter(column)}{row + 1}")
    seen: set[str] = set()
    for place, text in sorted(texts.items()):
        if place not in used and text not in seen:
            seen.add(text)  # merged title cells repeat their text across the range
            block.notes.append(text)
    return block
