"""One or more records consolidated into the group record every export renders.

:func:`group_record` takes records already read (canonical rows, ``ropa.read.record``) and
merges them. It records every conflict it meets instead of resolving it silently: the same
activity id in two workbooks, one entity described differently, one processor with different
countries or DPA dates. A processor recorded in several workbooks becomes one row with all
its uses. With an ``entity``, only that entity, the activities it carries out and what belongs
to them are kept.

Nothing here opens a file or runs a check: ``ropa.api.export`` reads the workbooks, hashes
them and passes their findings in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ropa.model.control import DocumentControl, control_from_rows
from ropa.model.findings import Finding
from ropa.model.languages import RECORD_LANGUAGES
from ropa.model.messages import Message, Named, joined, msg, named, render
from ropa.model.schema import record_schema
from ropa.model.text import value_key
from ropa.read.record import SOURCE_KEY

Record = dict[str, list[dict[str, Any]]]

#: Key of a merged processor's uses, and of all the places it was recorded.
USES_KEY = "uses"
SOURCES_KEY = "_sources"


class UnknownEntity(LookupError):
    """The entity asked for is not in the record; the message names the ones that are."""


@dataclass(frozen=True)
class SourceFile:
    """One input workbook, identified for the report's cover."""

    path: str  # as given on the command line
    name: str  # file name only
    sha256: str
    modified: str  # ISO timestamp of the file's mtime


@dataclass(frozen=True)
class Conflict:
    """Two workbooks disagree; reported in every format, never resolved silently."""

    kind: str  # "duplicate-activity-id" | "duplicate-entity-id" | "processor-countries" | ...
    key: str  # the id or name in conflict
    message: Message  # what disagrees, rendered in the report's or the check's language
    places: tuple[tuple[str, str, int, str], ...]  # (file, sheet, row, value as written)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "kind": self.kind,
            "key": self.key,
            "message": render(self.message, lang),
            "places": [{"file": f, "sheet": s, "row": r, "value": v} for f, s, r, v in self.places],
        }


@dataclass
class GroupRecord:
    """The consolidated record of a group, ready to render."""

    sources: list[SourceFile]
    record: Record  # canonical rows per sheet key; processors merged, each with "uses"
    conflicts: list[Conflict]
    findings: list[Finding]  # empty unless with_findings
    generated: dt.datetime  # timezone-aware, local
    version: str  # ropa.__version__
    lang: str
    entity: str | None
    #: Whether findings were asked for (so an empty appendix still says "no findings").
    with_findings: bool = False
    #: The record as a controlled document: the Document control sheet(s), with the values
    #: given on the command line laid over them.
    control: DocumentControl = field(default_factory=DocumentControl)
    processor_index: dict[tuple[str, str], int] = field(default_factory=dict, repr=False)

    def processor_for(self, file: str, reference: str) -> dict[str, Any] | None:
        """The merged processor an activity of ``file`` names by id or name, or None."""
        position = self.processor_index.get((file, value_key(reference)))
        return self.record["processors"][position] if position is not None else None


def written(value: Any) -> str:
    """A canonical value as the text it was written as (lists joined, yes/no as words)."""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


# --- merging -------------------------------------------------------------------------------


def _place(row: dict[str, Any], value: Any) -> tuple[str, str, int, str]:
    source = row[SOURCE_KEY]
    return (source["file"], source["sheet"], source["row"], written(value))


def _content(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if not k.startswith("_")}


def _merge_activities(per_file: Sequence[Record], out: Record, conflicts: list[Conflict]) -> None:
    seen: dict[str, list[dict[str, Any]]] = {}
    for record in per_file:
        for row in record["activities"]:
            out["activities"].append(row)
            seen.setdefault(value_key(row.get("activity_id")), []).append(row)
    for rows in seen.values():
        files = {row[SOURCE_KEY]["file"] for row in rows}
        if len(files) > 1 and rows[0].get("activity_id"):
            key = str(rows[0]["activity_id"])
            conflicts.append(
                Conflict(
                    "duplicate-activity-id",
                    key,
                    msg("GR101.duplicate", activity=key, count=len(files)),
                    tuple(_place(row, row.get("name")) for row in rows),
                )
            )


def _merge_entities(per_file: Sequence[Record], out: Record, conflicts: list[Conflict]) -> None:
    kept: dict[str, list[dict[str, Any]]] = {}
    for record in per_file:
        for row in record["organisation"]:
            key = value_key(row.get("entity_id"))
            same = [r for r in kept.get(key, []) if _content(r) == _content(row)]
            if key and same:
                continue  # the same entity written the same way in two workbooks
            kept.setdefault(key, []).append(row)
            out["organisation"].append(row)
    for rows in kept.values():
        if len(rows) > 1 and rows[0].get("entity_id"):
            key = str(rows[0]["entity_id"])
            fields = sorted({k for r in rows for k in _content(r) if _differs(rows, k)})
            conflicts.append(
                Conflict(
                    "duplicate-entity-id",
                    key,
                    msg(
                        "GR102.differs",
                        entity=key,
                        count=len(rows),
                        fields=joined(_title("organisation", name) for name in fields),
                    ),
                    tuple(_place(r, r.get("legal_name")) for r in rows),
                )
            )


def _differs(rows: list[dict[str, Any]], key: str) -> bool:
    return len({repr(r.get(key)) for r in rows}) > 1


#: Processor fields whose disagreement gets its own conflict kind.
_PROCESSOR_CONFLICTS = {"countries": "processor-countries", "dpa_signed": "processor-dpa-date"}


def _merge_processors(
    per_file: Sequence[Record], out: Record, conflicts: list[Conflict]
) -> dict[tuple[str, str], int]:
    """One row per processor (matched by id or name); returns (file, id or name) -> index."""
    index: dict[tuple[str, str], int] = {}
    by_key: dict[str, int] = {}
    groups: list[list[dict[str, Any]]] = []
    for record in per_file:
        for row in record["processors"]:
            keys = [
                k for k in (value_key(row.get("processor_id")), value_key(row.get("name"))) if k
            ]
            position = next((by_key[k] for k in keys if k in by_key), None)
            if position is None:
                position = len(groups)
                groups.append([])
            groups[position].append(row)
            for key in keys:
                by_key.setdefault(key, position)
                index[(row[SOURCE_KEY]["file"], key)] = position
    for rows in groups:
        out["processors"].append(_merged_processor(rows, conflicts))
    return index


def _merged_processor(rows: list[dict[str, Any]], conflicts: list[Conflict]) -> dict[str, Any]:
    merged = dict(rows[0])
    merged[SOURCES_KEY] = [row[SOURCE_KEY] for row in rows]
    merged[USES_KEY] = []
    if len(rows) == 1:
        return merged
    countries: list[str] = []
    for row in rows:
        countries += [c for c in row.get("countries", []) if c not in countries]
    if countries:
        merged["countries"] = countries  # every country any workbook names: the safe reading
    key = str(merged.get("processor_id") or merged.get("name"))
    for name in sorted({k for r in rows for k in _content(r)}):
        if _differs(rows, name):
            conflicts.append(_processor_conflict(key, name, rows))
    return merged


def _title(sheet: str, name: str) -> Named | str:
    """A field's column title in each language (a key the schema lacks, as it is)."""
    spec = record_schema().sheet(sheet)
    if name not in {item.key for item in spec.fields}:
        return name
    return named({lang: spec.field(name).title(lang) for lang in RECORD_LANGUAGES})


def _processor_conflict(key: str, name: str, rows: list[dict[str, Any]]) -> Conflict:
    kind = _PROCESSOR_CONFLICTS.get(name, "processor-details")
    which = "GR.processor.countries" if name == "countries" else "GR.processor.differs"
    return Conflict(
        kind,
        key,
        msg(which, processor=key, field=_title("processors", name)),
        tuple(_place(r, r.get(name)) for r in rows),
    )


def _link_uses(group: GroupRecord) -> None:
    """Record on each processor which activities (of which file) name it as a recipient."""
    for activity in group.record["activities"]:
        file = activity[SOURCE_KEY]["file"]
        for reference in activity.get("recipients", []):
            processor = group.processor_for(file, reference)
            if processor is None:
                continue
            use = {"activity_id": str(activity.get("activity_id", "")), "file": file}
            if use not in processor[USES_KEY]:
                processor[USES_KEY].append(use)


def _consolidate(
    per_file: Sequence[Record],
) -> tuple[Record, list[Conflict], dict[tuple[str, str], int]]:
    out: Record = {sheet.key: [] for sheet in record_schema().sheets}
    conflicts: list[Conflict] = []
    _merge_entities(per_file, out, conflicts)
    _merge_activities(per_file, out, conflicts)
    index = _merge_processors(per_file, out, conflicts)
    for key in ("purposes", "transfers", "retention", "processor_activities", "document"):
        for record in per_file:
            out[key].extend(record.get(key, []))
    return out, conflicts, index


def conflicts_between(records: Sequence[Record]) -> list[Conflict]:
    """Where several workbooks' records disagree (what ``ropa export`` reports of a group)."""
    return _consolidate(records)[1]


# --- the entity filter ---------------------------------------------------------------------


def _filter_entity(group: GroupRecord, entity: str) -> None:
    """Keep one entity, the activities it carries out and what belongs to them."""
    wanted = value_key(entity)
    record = group.record
    if not any(value_key(row.get("entity_id")) == wanted for row in record["organisation"]):
        known = ", ".join(str(r.get("entity_id")) for r in record["organisation"]) or "none"
        raise UnknownEntity(f"no entity '{entity}' in the record (entities: {known})")
    before = {_where(row) for rows in record.values() for row in rows}
    record["organisation"] = [
        r for r in record["organisation"] if value_key(r.get("entity_id")) == wanted
    ]
    record["activities"] = [
        r for r in record["activities"] if wanted in {value_key(e) for e in r.get("entity_ids", [])}
    ]
    record["processor_activities"] = [
        r
        for r in record["processor_activities"]
        if wanted in {value_key(e) for e in r.get("entity_ids", [])}
    ]
    kept = {(r[SOURCE_KEY]["file"], value_key(r.get("activity_id"))) for r in record["activities"]}
    for key in ("purposes", "transfers", "retention"):
        record[key] = [
            r
            for r in record[key]
            if (r[SOURCE_KEY]["file"], value_key(r.get("activity_id"))) in kept
        ]
    for processor in record["processors"]:
        processor[USES_KEY] = [
            u for u in processor[USES_KEY] if (u["file"], value_key(u["activity_id"])) in kept
        ]
    used = [p for p in record["processors"] if p[USES_KEY]]
    _reindex_processors(group, used)
    after = {_where(row) for rows in record.values() for row in rows}
    dropped = before - after
    group.findings = [f for f in group.findings if _finding_where(f) not in dropped]
    names = {value_key(r.get("activity_id")) for r in record["activities"]}
    names |= {value_key(p.get("processor_id") or p.get("name")) for p in used}
    names.add(wanted)
    group.conflicts = [c for c in group.conflicts if value_key(c.key) in names]


def _reindex_processors(group: GroupRecord, kept: list[dict[str, Any]]) -> None:
    old = group.record["processors"]
    moved = {id(row): position for position, row in enumerate(kept)}
    group.processor_index = {
        key: moved[id(old[position])]
        for key, position in group.processor_index.items()
        if id(old[position]) in moved
    }
    group.record["processors"] = kept


def _where(row: dict[str, Any]) -> tuple[str, str, int]:
    source = row[SOURCE_KEY]
    return (source["file"], source["sheet"], source["row"])


def _finding_where(finding: Finding) -> tuple[str, str, int] | None:
    loc = finding.location
    return (loc.file, loc.sheet, loc.row) if loc.sheet and loc.row else None


# --- the entry point -----------------------------------------------------------------------


def group_record(
    records: Sequence[Record],
    sources: Sequence[SourceFile],
    *,
    generated: dt.datetime,
    version: str,
    findings: Sequence[Finding] = (),
    lang: str = "en",
    entity: str | None = None,
    with_findings: bool = False,
) -> GroupRecord:
    """Consolidate ``records`` (one per workbook, in the order given) into one group record.

    ``findings`` are those of ``ropa check`` on the same workbooks (when asked for).
    Raises :class:`UnknownEntity` when ``entity`` is not in any of the records.
    """
    record, conflicts, index = _consolidate(records)
    group = GroupRecord(
        sources=list(sources),
        record=record,
        conflicts=conflicts,
        findings=list(findings),
        generated=generated,
        version=version,
        lang=lang,
        entity=entity,
        with_findings=with_findings,
        processor_index=index,
        control=control_from_rows(record["document"]),
    )
    _link_uses(group)
    if entity is not None:
        _filter_entity(group, entity)
    return group
