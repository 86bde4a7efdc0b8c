"""What changed between two versions of the record, for the audit trail: ``ropa diff``.

Rows are matched by their ids, never by position: organisations by entity id, activities by
activity id, processors by id (or name), purposes by activity and purpose text (else by
position within the activity), retention by activity and data category, transfers by
activity, recipient and country. Values are compared in canonical form, so a lawful basis
written "avtal" in one version and "Art. 6(1)(b)" in the other is no change, and neither is
"5 år" against "5 years" (parsed periods are compared).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ropa.model.periods import PeriodKind, parse_period
from ropa.model.schema import record_schema
from ropa.model.text import value_key as _fold
from ropa.read.record import SOURCE_KEY, record_from_workbook
from ropa.read.workbook import read_workbook

Row = dict[str, Any]
Record = dict[str, list[Row]]

ADDED, REMOVED, CHANGED = "added", "removed", "changed"


@dataclass(frozen=True)
class Change:
    """One difference: a row added or removed, or one field of a matched row changed."""

    sheet: str  # sheet key
    key: str  # the row's identity as people read it, e.g. "HR-01" or "HR-01 / Pay salaries"
    kind: str  # "added" | "removed" | "changed"
    field: str | None = None  # the field key, for "changed"
    old: Any = None  # canonical value (the whole row for "removed")
    new: Any = None  # canonical value (the whole row for "added")
    note: str | None = None  # e.g. "shorter" for a retention period

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"sheet": self.sheet, "key": self.key, "change": self.kind}
        if self.field is not None:
            data["field"] = self.field
        data["old"] = self.old
        data["new"] = self.new
        if self.note:
            data["note"] = self.note
        return data


@dataclass
class RecordDiff:
    """All differences between an old and a new version of the record."""

    old: str
    new: str
    changes: list[Change] = field(default_factory=list)
    #: The language the diff is shown in: the new version's (its headings').
    lang: str = "en"

    @property
    def has_changes(self) -> bool:
        return bool(self.changes)

    def counts(self) -> dict[str, int]:
        return {kind: sum(1 for c in self.changes if c.kind == kind) for kind in _KINDS}

    def of(self, sheet: str, kind: str | None = None) -> list[Change]:
        """The changes on one sheet (of one kind)."""
        return [c for c in self.changes if c.sheet == sheet and (kind is None or c.kind == kind)]

    def to_dict(self) -> dict[str, Any]:
        """The ``ropa diff --format json`` document."""
        return {
            "old": self.old,
            "new": self.new,
            "summary": self.counts(),
            "changes": [c.to_dict() for c in self.changes],
        }


_KINDS = (ADDED, REMOVED, CHANGED)


# --- canonical comparison ------------------------------------------------------------------


def _comparable(sheet: str, key: str, value: Any) -> Any:
    """A value reduced to what matters: folded text, unordered lists, parsed periods."""
    if sheet == "retention" and key == "period":
        return period_key(value)
    if isinstance(value, list):
        return tuple(sorted(_fold(v) for v in value))
    if isinstance(value, dict):
        return tuple(sorted((_fold(k), _fold(v)) for k, v in value.items()))
    if isinstance(value, str):
        return _fold(value)
    return value


def period_key(text: Any) -> Any:
    """A retention period in a language-free form: kind, amount and unit when it parsed."""
    period = parse_period(text)
    if period.kind is PeriodKind.PERIOD and period.calendar is not None:
        return (period.kind.value, *period.calendar)
    return (period.kind.value, _fold(period.raw))


def _period_note(old: Any, new: Any) -> str | None:
    before, after = parse_period(old).years, parse_period(new).years
    if before is None or after is None or before == after:
        return None
    return "shorter" if after < before else "longer"


def _fields(row: Row) -> list[str]:
    return [k for k in row if k != SOURCE_KEY]


def _compare_rows(sheet: str, key: str, old: Row, new: Row) -> list[Change]:
    order = [spec.key for spec in record_schema().sheet(sheet).fields] + ["extra"]
    names = sorted(
        set(_fields(old)) | set(_fields(new)),
        key=lambda k: (k not in order, order.index(k) if k in order else 0, k),
    )
    changes = []
    for name in names:
        before, after = old.get(name), new.get(name)
        if _comparable(sheet, name, before) == _comparable(sheet, name, after):
            continue
        if _empty(before) and _empty(after):
            continue
        note = _period_note(before, after) if (sheet, name) == ("retention", "period") else None
        changes.append(Change(sheet, key, CHANGED, name, before, after, note))
    return changes


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _strip(row: Row) -> Row:
    return {k: v for k, v in row.items() if k != SOURCE_KEY}


# --- matching ------------------------------------------------------------------------------

KeyFunction = Callable[[Row], tuple[str, ...]]

#: How rows of each sheet are matched (purposes have their own matcher).
_KEYS: dict[str, KeyFunction] = {
    "organisation": lambda r: (_fold(r.get("entity_id")),),
    "activities": lambda r: (_fold(r.get("activity_id")),),
    "processors": lambda r: (_fold(r.get("processor_id") or r.get("name")),),
    "retention": lambda r: (_fold(r.get("activity_id")), _fold(r.get("data_category"))),
    "transfers": lambda r: (
        _fold(r.get("activity_id")),
        _fold(r.get("recipient")),
        _fold(r.get("country")),
    ),
    "processor_activities": lambda r: (_fold(r.get("record_id")),),
    # One row: the record's document control, compared field by field across versions.
    "document": lambda r: ("",),
}

#: The fields that name a row in the report, per sheet.
_LABEL_FIELDS: dict[str, tuple[str, ...]] = {
    "organisation": ("entity_id",),
    "activities": ("activity_id",),
    "processors": ("processor_id",),
    "purposes": ("activity_id", "purpose"),
    "retention": ("activity_id", "data_category"),
    "transfers": ("activity_id", "recipient", "country"),
    "processor_activities": ("record_id",),
    "document": ("",),
}


def row_label(sheet: str, row: Row) -> str:
    """How a row is named in the diff, e.g. ``HR-01 / All``."""
    parts = [str(row[k]) for k in _LABEL_FIELDS[sheet] if row.get(k) not in (None, "")]
    if sheet == "processors" and not parts and row.get("name"):
        parts = [str(row["name"])]
    return " / ".join(parts) or f"row {row.get(SOURCE_KEY, {}).get('row', '?')}"


def _keyed(rows: Iterable[Row], key: KeyFunction) -> dict[tuple[str, ...], Row]:
    """Rows by key; a repeated key gets its occurrence number so no row is lost."""
    keyed: dict[tuple[str, ...], Row] = {}
    seen: dict[tuple[str, ...], int] = {}  # a key's occurrences so far
    for row in rows:
        base = key(row)
        number = seen[base] = seen.get(base, 0) + 1
        keyed[base if number == 1 else (*base, f"#{number}")] = row
    return keyed


def _pairs(sheet: str, old: list[Row], new: list[Row]) -> list[tuple[Row | None, Row | None]]:
    if sheet == "purposes":
        return _purpose_pairs(old, new)
    before, after = _keyed(old, _KEYS[sheet]), _keyed(new, _KEYS[sheet])
    pairs: list[tuple[Row | None, Row | None]] = [(row, after.get(k)) for k, row in before.items()]
    pairs += [(None, row) for k, row in after.items() if k not in before]
    return pairs


def _purpose_pairs(old: list[Row], new: list[Row]) -> list[tuple[Row | None, Row | None]]:
    """Purposes by (activity, purpose text); the rest of an activity's purposes by position."""
    pairs: list[tuple[Row | None, Row | None]] = []
    old_by: dict[str, list[Row]] = {}
    new_by: dict[str, list[Row]] = {}
    for rows, by in ((old, old_by), (new, new_by)):
        for r in rows:  # each activity's purposes, in sheet order
            by.setdefault(_fold(r.get("activity_id")), []).append(r)
    activities = dict.fromkeys(_fold(r.get("activity_id")) for r in [*old, *new])
    for activity in activities:
        before = old_by.get(activity, [])
        after = new_by.get(activity, [])
        unmatched = list(after)
        rest: list[Row] = []
        for row in before:
            text = _fold(row.get("purpose"))
            twin = next((r for r in unmatched if _fold(r.get("purpose")) == text), None)
            if twin is None:
                rest.append(row)
            else:
                unmatched.remove(twin)
                pairs.append((row, twin))
        for position, row in enumerate(rest):
            pairs.append((row, unmatched[position] if position < len(unmatched) else None))
        pairs += [(None, row) for row in unmatched[len(rest) :]]
    return pairs


# --- the public entry points ---------------------------------------------------------------


def diff_record(
    old: Record, new: Record, old_name: str = "old", new_name: str = "new"
) -> RecordDiff:
    """The differences between two canonical records (``ropa.read.record`` form)."""
    result = RecordDiff(old_name, new_name)
    for sheet in record_schema().sheets:
        for before, after in _pairs(sheet.key, old.get(sheet.key, []), new.get(sheet.key, [])):
            if before is None and after is not None:
                result.changes.append(
                    Change(sheet.key, row_label(sheet.key, after), ADDED, new=_strip(after))
                )
            elif after is None and before is not None:
                result.changes.append(
                    Change(sheet.key, row_label(sheet.key, before), REMOVED, old=_strip(before))
                )
            elif before is not None and after is not None:
                label = row_label(sheet.key, after)
                result.changes += _compare_rows(sheet.key, label, before, after)
    return result


def diff_records(old_path: str | Path, new_path: str | Path) -> RecordDiff:
    """Read two workbooks and compare them. Raises ``WorkbookError`` for unreadable input."""
    old = record_from_workbook(read_workbook(old_path, str(old_path)))
    later = read_workbook(new_path, str(new_path))
    result = diff_record(old, record_from_workbook(later), str(old_path), str(new_path))
    result.lang = later.language
    return result


__all__ = ["ADDED", "CHANGED", "REMOVED", "Change", "RecordDiff", "diff_record", "diff_records"]
