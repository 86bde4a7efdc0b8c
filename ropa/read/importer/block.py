"""The organisation block above a register's header, and "Personuppgiftsansvarig: …" lines.

The ICO controller template heads its sheet with a grid: the controller, the DPO and the
representative as column heads over Name / Address / Email / Telephone rows. Other records
write one cell per party ("Name and contact details: X Ltd, 1 Mill Lane, Leeds,
info@x.example, 0113 496 0000") or one line naming the controller and its organisation
number. Labels, in the five record languages and Dutch and French, are
``ropa/data/lexicon/organisation_block.json``. A cell holding several parts is split into
name, address, e-mail, phone and registration number (:func:`split_contact`); every text
above the header that is not read into a field is kept as a note, so nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ropa.model.resources import load_data
from ropa.model.schema import record_schema
from ropa.read.cells import column_letter
from ropa.read.importer.builder import NOTES
from ropa.read.importer.detect import cell_text
from ropa.read.importer.layouts import heading_key
from ropa.read.importer.values import country

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)[^\s,;]+", re.IGNORECASE)
_PHONE = re.compile(r"^\+?[\d\s()./-]{6,}$")
_REG_NUMBER = re.compile(
    r"(?:org\.?\s*nr|organisa(?:tion|sjon)snummer|cvr(?:-n(?:r|ummer))?|y-tunnus|"
    r"company (?:registration )?number|registration number|kvk(?:-nummer)?|siren|siret)"
    r"\.?:?\s*([\w-]+(?:[\s-]\d+)*)",
    re.IGNORECASE,
)
#: Separators between the parts of one contact cell (commas outside brackets).
_PIECES = re.compile(r"\s*(?:;|\s\|\s|,(?![^()]*\)))\s*")
_PAREN = re.compile(r"\([^)]*\)")
#: Parties, in the order their fields are filled; the default party is the controller.
PARTIES = ("controller", "dpo", "representative", "joint_controller")
CONTROLLER = "controller"
#: Where the parts of the controller's contact go on the Organisation sheet.
_CONTROLLER_FIELDS = {
    "name": "legal_name",
    "address": "address",
    "contact_email": "contact_email",
    "contact_phone": "contact_phone",
    "registration_number": "registration_number",
    "country": "country",
}
_NOTE_TITLES = {"joint_controller": "Joint controller", "website": "Website"}


@dataclass
class Block:
    """What the rows above a header say about the organisation."""

    fields: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)

    def fields_read(self) -> list[str]:
        """The Organisation fields read, by their English titles, for the summary."""
        sheet = record_schema().sheet("organisation")
        return [sheet.field(key).title("en") for key in self.fields]

    def span(self) -> str:
        """The cells the fields were read from, as a range ("A1–G6")."""
        if not self.cells:
            return ""
        places = [_place(cell) for cell in self.cells]
        top, bottom = min(r for r, _ in places), max(r for r, _ in places)
        left, right = min(c for _, c in places), max(c for _, c in places)
        return f"{column_letter(left)}{top + 1}–{column_letter(right)}{bottom + 1}"


def _place(cell: str) -> tuple[int, int]:
    letters = cell.rstrip("0123456789")
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - 64
    return int(cell[len(letters) :]) - 1, column - 1


@cache
def _lexicon() -> tuple[list[tuple[str, str]], frozenset[str]]:
    data = load_data("lexicon/organisation_block.json")
    pairs = [(heading_key(text), key) for key, texts in data["labels"].items() for text in texts]
    forms = frozenset(heading_key(text) for text in data["legal_forms_after_comma"])
    return sorted(pairs, key=lambda pair: -len(pair[0])), forms


def label_of(text: str) -> tuple[str, str] | None:
    """``(label, rest of the cell)`` if the cell starts with an organisation label.

    The label is a party (``controller``, ``dpo``, ...), a party's part (``controller.name``)
    or a part alone (``address``, ``contact_email``, ...).
    """
    head, sep, rest = text.partition(":")
    if sep and rest.startswith("//"):  # "Controller https://…" has no label colon
        head, sep, rest = text, "", ""
    key = heading_key(_PAREN.sub(" ", head if sep else text))
    if not key:
        return None
    for label, name in _lexicon()[0]:
        if key == label or (
            key.startswith(label) and len(label) >= 8 and len(key) - len(label) <= 15
        ):
            return name, rest.strip() if sep else ""
    return None


def _target(label: str) -> tuple[str | None, str | None]:
    """``(party, part)`` of a label: ``dpo`` -> (dpo, None), ``address`` -> (None, address)."""
    if label in PARTIES:
        return label, None
    party, _, part = label.partition(".")
    return (party, part) if part else (None, label)


# --- one cell's parts ------------------------------------------------------------------


def _piece(parts: dict[str, list[str]], piece: str, name_first: bool) -> None:
    found = label_of(piece)
    if found and found[1]:
        party, part = _target(found[0])
        if party is None and part and part not in ("name", "contact"):
            parts.setdefault(part, []).append(found[1])
            return
    number = _REG_NUMBER.search(piece)
    if number:
        parts.setdefault("registration_number", []).append(number.group(1).strip())
        piece = (piece[: number.start()] + piece[number.end() :]).strip(" ,;:-")
    for pattern, part in ((_EMAIL, "contact_email"), (_URL, "website")):
        for match in pattern.findall(piece):
            parts.setdefault(part, []).append(match.rstrip("."))
        piece = re.sub(r"\(\s*\)|<\s*>", " ", pattern.sub(" ", piece)).strip()
    label = label_of(piece)
    if label and not label[1] and _target(label[0])[0] is None:
        return  # only the word "e-mail" or "Tel" was left
    bare = re.sub(
        r"^(?:tel|phone|telefon|tlf|tfn|puh|puhelin|telefoon|téléphone)\.?:?\s*",
        "",
        piece,
        flags=re.I,
    )
    if bare and _PHONE.match(bare) and sum(ch.isdigit() for ch in bare) >= 6:
        parts.setdefault("contact_phone", []).append(bare.strip())
    elif piece.strip(" ,;:-"):
        key = "name" if name_first and "name" not in parts else "address"
        parts.setdefault(key, []).append(piece.strip(" ,;:-"))


def split_contact(text: str, name_first: bool = True) -> dict[str, str]:
    """The parts of a contact cell: name, address, contact_email, contact_phone,
    registration_number, website. The first piece that is none of the others is the name
    (with ``name_first``; a legal form after a comma stays with it: "Acme, Inc."); the other
    pieces of a line are joined by ", ", lines by a line break."""
    parts: dict[str, list[str]] = {}
    forms = _lexicon()[1]
    address_lines: list[str] = []
    for line in (line.strip() for line in text.splitlines()):
        if not line:
            continue
        pieces = [p for p in _PIECES.split(line) if p.strip()]
        before = len(parts.get("address", []))
        for piece in pieces:
            names = parts.get("name")
            if (
                names
                and len(names) == 1
                and heading_key(piece) in forms
                and not parts.get("address")
            ):
                names[0] = f"{names[0]}, {piece}"
                continue
            _piece(parts, piece, name_first)
        added = parts.get("address", [])[before:]
        if added:
            address_lines.append(", ".join(added))
    out = {
        key: "\n".join(dict.fromkeys(values)) for key, values in parts.items() if key != "address"
    }
    if address_lines:
        out["address"] = "\n".join(address_lines)
    return out


def party_fields(party: str, parts: dict[str, str], notes: list[str]) -> dict[str, str]:
    """The Organisation fields of one party's parts; what has no field goes to ``notes``."""
    if party == CONTROLLER:
        fields = {_CONTROLLER_FIELDS[k]: v for k, v in parts.items() if k in _CONTROLLER_FIELDS}
        if fields.get("country"):  # "Sverige", "France": the ISO code, else as written
            fields["country"] = country(fields["country"]) or fields["country"]
        if parts.get("website"):
            notes.append(f"{_NOTE_TITLES['website']}: {parts['website']}")
        return fields
    order = ("name", "address", "contact_email", "contact_phone", "registration_number", "website")
    if party == "dpo":
        contact = ", ".join(parts[k] for k in order[1:] if parts.get(k))
        return {k: v for k, v in (("dpo_name", parts.get("name")), ("dpo_contact", contact)) if v}
    whole = ", ".join(parts[k] for k in order if parts.get(k))
    if party == "representative":
        return {"eu_representative": whole} if whole else {}
    if whole:
        notes.append(f"{_NOTE_TITLES.get(party, party)}: {whole}")
    return {}


def organisation_fields(fields: dict[str, str]) -> dict[str, str]:
    """Organisation fields read from a register's own columns, a cell holding several parts
    split: "Controller details" = "X Ltd, address, e-mail" fills the name, address and e-mail."""
    out: dict[str, str] = {}
    spread = {"legal_name": (CONTROLLER, True), "dpo_name": ("dpo", True)}
    spread |= {"address": (CONTROLLER, False), "contact_email": (CONTROLLER, False)}
    notes: list[str] = []
    for key, value in fields.items():
        if key not in spread or not value or (key == "contact_email" and _EMAIL.fullmatch(value)):
            out.setdefault(key, value)
            continue
        party, name_first = spread[key]
        for name, text in party_fields(party, split_contact(value, name_first), notes).items():
            out.setdefault(name, text)
    if notes:
        out[NOTES] = "\n".join(notes)
    return out


# --- the block: labels, the cells they head, and what is left --------------------------


class _Grid:
    """The texts above the header, their labels, and which label heads which cell."""

    def __init__(self, grid: list[list[Any]], header_row: int) -> None:
        texts = {(r, c): cell_text(v) for r in range(header_row) for c, v in enumerate(grid[r])}
        self.texts = {place: text for place, text in texts.items() if text}
        self.labels = {p: found for p, t in self.texts.items() if (found := label_of(t))}
        self.header_row = header_row
        self.used: set[tuple[int, int]] = set()

    def value(self, place: tuple[int, int]) -> bool:
        return place in self.texts and place not in self.labels

    def right(self, row: int, column: int) -> list[tuple[int, int]]:
        """Values right of a label in its row, up to the next label (three columns at most
        past the last value)."""
        found: list[tuple[int, int]] = []
        last = column
        for c in range(column + 1, column + 40):
            if (row, c) in self.labels or c > last + 3:
                break
            if self.value((row, c)):
                found.append((row, c))
                last = c
        return found

    def row_part(self, row: int, column: int) -> str | None:
        """The part a part-only label left of the cell names (the ICO grid's rows)."""
        for c in range(column - 1, -1, -1):
            label = self.labels.get((row, c))
            if label and not label[1]:
                party, part = _target(label[0])
                return part if party is None else None
        return None

    def below(self, row: int, column: int) -> list[tuple[int, int]]:
        """Values under a column head: a run down its column; a gap is allowed where the row
        has a part label (a missing telephone in the ICO grid) or right under the head."""
        found: list[tuple[int, int]] = []
        for r in range(row + 1, self.header_row):
            place = (r, column)
            if place in self.labels:
                break
            if self.value(place):
                found.append(place)
            elif self.row_part(r, column) is None and (found or r > row + 2):
                break
        return found


def _heads(grid: _Grid) -> dict[tuple[int, int], tuple[str | None, str | None]]:
    """Which label heads each value cell: ``place -> (party, part)``."""
    heads: dict[tuple[int, int], tuple[str | None, str | None]] = {}
    columns: dict[tuple[int, int], tuple[str | None, str | None]] = {}
    for (row, column), (label, rest) in sorted(grid.labels.items()):
        if rest:
            continue
        party, part = _target(label)
        right = grid.right(row, column)
        if right and party is None:
            continue  # a row of the ICO grid: its cells take their party from the column
        if right and not any(p in columns for p in right):
            heads.update({p: (party, part) for p in right})
        else:
            columns.update({p: (party, part) for p in grid.below(row, column)})
    for place, (party, part) in columns.items():
        row_part = grid.row_part(*place)
        heads.setdefault(place, (party, row_part or part))
    for (row, column), (label, rest) in grid.labels.items():
        party, part = _target(label)
        if rest or party is not None:
            continue
        for place in grid.right(row, column):
            heads.setdefault(place, (None, part))
    return heads


def read_block(grid: list[list[Any]], header_row: int) -> Block:
    """Read the rows above ``header_row`` (0-based)."""
    block = Block()
    cells = _Grid(grid, header_row)
    found: dict[tuple[str, str | None], list[str]] = {}
    for place, (label, rest) in sorted(cells.labels.items()):
        if rest:
            party, part = _target(label)
            found.setdefault((party or CONTROLLER, part), []).append(rest)
            block.cells.append(f"{column_letter(place[1])}{place[0] + 1}")
    for place, (party, part) in sorted(_heads(cells).items()):
        texts = found.setdefault((party or CONTROLLER, part), [])
        if cells.texts[place] not in texts:  # merged cells repeat their text across the range
            texts.append(cells.texts[place])
        cells.used.add(place)
        block.cells.append(f"{column_letter(place[1])}{place[0] + 1}")
    for party in PARTIES:
        parts: dict[str, str] = {}
        for (who, part), texts in found.items():
            if who != party:
                continue
            text = "\n".join(texts)
            if part in (None, "name"):
                pieces = split_contact(text, name_first=True)
            elif part == "contact" or (
                part == "address" and (_EMAIL.search(text) or _URL.search(text))
            ):
                pieces = split_contact(text, name_first=False)
            else:
                pieces = {part: text}
            for key, value in pieces.items():
                parts[key] = f"{parts[key]}\n{value}" if key in parts else value
        for key, value in party_fields(party, parts, block.notes).items():
            block.fields.setdefault(key, value)
    seen: set[str] = set()
    for place, text in sorted(cells.texts.items()):
        # A cell that only starts like a label ("Company name Ltd") and heads no value is
        # text, not a label: kept as a note. A bare label ("Address") with no value is not.
        loose = place in cells.labels and not _exact(text) and not _heads_any(cells, place)
        if place not in cells.used and (place not in cells.labels or loose) and text not in seen:
            seen.add(text)
            block.notes.append(text)
    return block


def _exact(text: str) -> bool:
    """Whether a cell is a label as the lexicon words it (with a colon and a value, or not)."""
    head, sep, _ = text.partition(":")
    key = heading_key(_PAREN.sub(" ", head if sep else text))
    return any(key == label for label, _ in _lexicon()[0])


def _heads_any(cells: _Grid, place: tuple[int, int]) -> bool:
    if cells.labels[place][1]:
        return True  # "Label: value" in one cell
    return bool(cells.right(*place) or cells.below(*place))
