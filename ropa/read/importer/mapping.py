"""The mapping: which source column goes to which ropa field, shown and edited as TOML.

``ropa import SOURCE --show-mapping`` prints the mapping detection chose; the user edits it and
passes it back with ``--mapping``. A column mapped to ``""`` is kept as an extra column; to
``"notes"``, in the activity's "Imported notes". Headings are matched as detection matches
them (letters and digits, any case), so the file need not repeat a heading's punctuation.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from ropa.read.cells import column_letter
from ropa.read.importer.block import label_of
from ropa.read.importer.detect import SheetMatch, cell_text, match_sheet
from ropa.read.importer.forms import NOT_TICKED
from ropa.read.importer.layouts import (
    FLAT_SHEETS,
    Layout,
    SheetLayout,
    heading_key,
    schema_headings,
    targets,
)
from ropa.read.importer.source import Source
from ropa.read.workbook import WorkbookError

#: A heading that starts with a layout's heading (or the other way round) this long is it.
_PREFIX = 12

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


@dataclass
class ColumnMap:
    index: int
    heading: str
    target: str | None  # None: kept as an extra column
    how: str  # layout, ropa title, mapping file


@dataclass
class SheetPlan:
    """How one source sheet is read: its layout part, header row and columns."""

    source: Source
    match: SheetMatch
    layout: Layout
    columns: list[ColumnMap] = field(default_factory=list)

    @property
    def part(self) -> SheetLayout:
        return self.match.part

    @property
    def header_row(self) -> int:
        return self.match.header_row


@dataclass
class MappingFile:
    """What a ``--mapping`` file says, by source file name."""

    layout: str | None
    sources: dict[str, dict]
    columns: dict[str, str]


def _schema_index(part: SheetLayout) -> dict[str, str]:
    return schema_headings(FLAT_SHEETS) if part.rows == "activities" else {}


def guess_target(part: SheetLayout, heading: str) -> tuple[str | None, str]:
    key = heading_key(heading)
    if not key:
        return None, "extra"
    if key in part.headings:
        return part.headings[key], "layout" if key in part.specific else "ropa title"
    for known, target in part.headings.items():
        if (
            len(known) >= _PREFIX
            and (key.startswith(known) or known.startswith(key))
            and len(key) >= _PREFIX
        ):
            return target, "layout"
    found = _schema_index(part).get(key)
    return (found, "ropa title") if found else (None, "extra")


def plan_sheet(
    source: Source, match: SheetMatch, layout: Layout, edits: dict[str, str]
) -> SheetPlan:
    plan = SheetPlan(source, match, layout)
    header = match.sheet.grid[match.header_row] if match.sheet.grid else []
    edited = {heading_key(k): v for k, v in edits.items()}
    for index, cell in enumerate(header):
        heading = cell_text(cell)
        if not heading:
            continue
        if heading_key(heading) in edited:
            target = edited[heading_key(heading)] or None
            if target is not None and target not in targets():
                raise WorkbookError(
                    f"mapping: '{heading}' = '{target}' is not a ropa field "
                    "(see ropa import --list-fields)"
                )
            plan.columns.append(ColumnMap(index, heading, target, "mapping file"))
            continue
        target, how = guess_target(match.part, heading)
        if match.form and heading.endswith(NOT_TICKED):
            target, how = None, "extra"  # options the form lists but does not tick
        elif target is None and match.form:
            target, how = _form_label(heading), "organisation label"
            how = how if target else "extra"
        plan.columns.append(ColumnMap(index, heading, target, how))
    plan.columns += _unheaded(match, header, edited)
    plan.columns.sort(key=lambda column: column.index)
    return plan


#: Where a form's organisation labels go (a fiche names its controller, DPO, representative).
_FORM_LABELS = {
    "controller": "organisation.legal_name",
    "controller.name": "organisation.legal_name",
    "address": "organisation.address",
    "contact": "organisation.address",
    "contact_email": "organisation.contact_email",
    "contact_phone": "organisation.contact_phone",
    "registration_number": "organisation.registration_number",
    "dpo": "organisation.dpo_name",
    "representative": "organisation.eu_representative",
    "joint_controller": "activities.joint_controllers",
}


def _form_label(heading: str) -> str | None:
    found = label_of(heading)
    return _FORM_LABELS.get(found[0]) if found and not found[1] else None


def _unheaded(match: SheetMatch, header: list, edited: dict[str, str]) -> list[ColumnMap]:
    """Columns with values but no heading, kept as extra columns named by their letter."""
    rows = match.sheet.grid[match.header_row + 1 :]
    headed = {index for index, cell in enumerate(header) if cell_text(cell)}
    width = max((len(row) for row in rows), default=0)
    found = []
    for index in range(width):
        if index in headed or not any(index < len(r) and cell_text(r[index]) for r in rows):
            continue
        heading = f"Column {column_letter(index)}"
        target = edited.get(heading_key(heading)) or None
        found.append(ColumnMap(index, heading, target, "mapping file" if target else "no heading"))
    return found


def rematch(
    source: Source, part: SheetLayout, sheet_name: str, header_row: int | None
) -> SheetMatch:
    for sheet in source.sheets:
        if sheet.name == sheet_name:
            return match_sheet(part, sheet, None if header_row is None else header_row - 1)
    raise WorkbookError(f"mapping: {source.display} has no sheet '{sheet_name}'")


def load_mapping(path: str | Path) -> MappingFile:
    """Read a ``--mapping`` file; WorkbookError with one line if it is not valid TOML."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise WorkbookError(f"{path}: cannot be read as a mapping file ({exc})") from exc
    sources = data.get("sources", {})
    columns = data.get("columns", {})
    if not isinstance(sources, dict) or not isinstance(columns, dict):
        raise WorkbookError(f"{path}: 'sources' and 'columns' must be tables")
    return MappingFile(data.get("layout"), sources, {str(k): str(v) for k, v in columns.items()})


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def to_toml(plans: list[SheetPlan]) -> str:
    """The mapping as a TOML file the user can edit and pass back with ``--mapping``."""
    lines = [
        "# ropa import mapping: source heading = ropa field (sheet.field).",
        '# "" keeps the column as an extra column; '
        '"notes" puts it in the activity\'s Imported notes.',
        "# Edit, then run: ropa import SOURCE --mapping THIS.toml --output record.xlsx",
        "",
    ]
    if plans:
        lines.append(f"layout = {_quote(plans[0].layout.name)}")
    for plan in plans:
        table = f"sources.{_quote(plan.source.display)}.sheets.{_quote(plan.match.sheet.name)}"
        lines += [
            "",
            f"[{table}]",
            "# a form: labels down a column, one fiche per sheet"
            if plan.match.form
            else f"header_row = {plan.header_row + 1}",
            f"rows = {_quote(plan.part.rows)}",
        ]
        lines += ["", f"[{table}.columns]"]
        for column in plan.columns:
            value = _quote(column.target or "")
            note = "" if column.target else "  # not mapped: kept as an extra column"
            if column.target and column.how != "layout":
                note = f"  # {column.how}"
            lines.append(f"{_quote(column.heading)} = {value}{note}")
    return "\n".join(lines) + "\n"
