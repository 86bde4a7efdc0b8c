"""The consolidated group record every export renders: one or more workbooks made into one.

:func:`build_group_record` reads each workbook into canonical rows (``ropa.read.record``), merges
them, and records every conflict it meets instead of resolving it silently: the same activity
id in two workbooks, one entity described differently, one processor with different countries
or DPA dates. A processor recorded in several workbooks becomes one row with all its uses.

:func:`activity_rows` and :func:`summary` give the renderers (xlsx, json, csv, md, and the
HTML and PDF reports) ready-made, localised values so that none of them re-derives them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ropa import __version__
from ropa.model.findings import Finding, Severity
from ropa.model.legal import country_name
from ropa.model.periods import PeriodKind, parse_period
from ropa.model.schema import record_schema
from ropa.model.vocab import normalise, vocabulary
from ropa.read.record import SOURCE_KEY, record_from_workbook

Record = dict[str, list[dict[str, Any]]]

#: Key of a merged processor's uses, and of all the places it was recorded.
USES_KEY = "uses"
SOURCES_KEY = "_sources"

#: Retention buckets of :func:`summary`, as (label, upper bound in days or None).
RETENTION_BUCKETS: tuple[tuple[str, int | None], ...] = (
    ("< 1 year", 364),
    ("1-3 years", 3 * 365),
    ("3-7 years", 7 * 365),
    ("> 7 years", None),
)


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
    message: str  # plain English sentence
    places: tuple[tuple[str, str, int, str], ...]  # (file, sheet, row, value as written)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "key": self.key,
            "message": self.message,
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
    processor_index: dict[tuple[str, str], int] = field(default_factory=dict, repr=False)

    def processor_for(self, file: str, reference: str) -> dict[str, Any] | None:
        """The merged processor an activity of ``file`` names by id or name, or None."""
        position = self.processor_index.get((file, _fold(reference)))
        return self.record["processors"][position] if position is not None else None


# --- reading and merging -------------------------------------------------------------------


def _fold(text: Any) -> str:
    return normalise(str(text)) if text is not None else ""


def source_file(path: str | Path) -> SourceFile:
    """Hash and date one input file."""
    path = Path(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    modified = dt.datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    return SourceFile(str(path), path.name, digest, modified.isoformat(timespec="seconds"))


def _place(row: dict[str, Any], value: Any) -> tuple[str, str, int, str]:
    source = row[SOURCE_KEY]
    return (source["file"], source["sheet"], source["row"], _written(value))


def _written(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def _content(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if not k.startswith("_")}


def _merge_activities(per_file: list[Record], out: Record, conflicts: list[Conflict]) -> None:
    seen: dict[str, list[dict[str, Any]]] = {}
    for record in per_file:
        for row in record["activities"]:
            out["activities"].append(row)
            seen.setdefault(_fold(row.get("activity_id")), []).append(row)
    for rows in seen.values():
        files = {row[SOURCE_KEY]["file"] for row in rows}
        if len(files) > 1 and rows[0].get("activity_id"):
            key = str(rows[0]["activity_id"])
            conflicts.append(
                Conflict(
                    "duplicate-activity-id",
                    key,
                    f"Activity {key} is recorded in {len(files)} workbooks; both entries are kept.",
                    tuple(_place(row, row.get("name")) for row in rows),
                )
            )


def _merge_entities(per_file: list[Record], out: Record, conflicts: list[Conflict]) -> None:
    kept: dict[str, list[dict[str, Any]]] = {}
    for record in per_file:
        for row in record["organisation"]:
            key = _fold(row.get("entity_id"))
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
                    f"Entity {key} is described differently in {len(rows)} places "
                    f"({', '.join(fields)}); every version is kept.",
                    tuple(_place(r, r.get("legal_name")) for r in rows),
                )
            )


def _differs(rows: list[dict[str, Any]], key: str) -> bool:
    return len({repr(r.get(key)) for r in rows}) > 1


#: Processor fields whose disagreement gets its own conflict kind.
_PROCESSOR_CONFLICTS = {"countries": "processor-countries", "dpa_signed": "processor-dpa-date"}


def _merge_processors(
    per_file: list[Record], out: Record, conflicts: list[Conflict]
) -> dict[tuple[str, str], int]:
    """One row per processor (matched by id or name); returns (file, id or name) -> index."""
    index: dict[tuple[str, str], int] = {}
    by_key: dict[str, int] = {}
    groups: list[list[dict[str, Any]]] = []
    for record in per_file:
        for row in record["processors"]:
            keys = [k for k in (_fold(row.get("processor_id")), _fold(row.get("name"))) if k]
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


def _processor_conflict(key: str, name: str, rows: list[dict[str, Any]]) -> Conflict:
    title = record_schema().sheet("processors").field(name).title("en") if name != "extra" else name
    kind = _PROCESSOR_CONFLICTS.get(name, "processor-details")
    note = " (the report lists every country)" if name == "countries" else ""
    return Conflict(
        kind,
        key,
        f"Processor {key} has a different '{title}' in different workbooks{note}.",
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


def _consolidate(per_file: list[Record]) -> tuple[Record, list[Conflict], dict[Any, int]]:
    out: Record = {sheet.key: [] for sheet in record_schema().sheets}
    conflicts: list[Conflict] = []
    _merge_entities(per_file, out, conflicts)
    _merge_activities(per_file, out, conflicts)
    index = _merge_processors(per_file, out, conflicts)
    for key in ("purposes", "transfers", "retention", "processor_activities"):
        for record in per_file:
            out[key].extend(record[key])
    return out, conflicts, index


# --- the entity filter ---------------------------------------------------------------------


def _filter_entity(group: GroupRecord, entity: str) -> None:
    """Keep one entity, the activities it carries out and what belongs to them."""
    wanted = _fold(entity)
    record = group.record
    if not any(_fold(row.get("entity_id")) == wanted for row in record["organisation"]):
        from ropa.write.safety import ExportError

        known = ", ".join(str(r.get("entity_id")) for r in record["organisation"]) or "none"
        raise ExportError(f"no entity '{entity}' in the record (entities: {known})")
    before = {_where(row) for rows in record.values() for row in rows}
    record["organisation"] = [
        r for r in record["organisation"] if _fold(r.get("entity_id")) == wanted
    ]
    record["activities"] = [
        r for r in record["activities"] if wanted in {_fold(e) for e in r.get("entity_ids", [])}
    ]
    record["processor_activities"] = [
        r
        for r in record["processor_activities"]
        if wanted in {_fold(e) for e in r.get("entity_ids", [])}
    ]
    kept = {(r[SOURCE_KEY]["file"], _fold(r.get("activity_id"))) for r in record["activities"]}
    for key in ("purposes", "transfers", "retention"):
        record[key] = [
            r for r in record[key] if (r[SOURCE_KEY]["file"], _fold(r.get("activity_id"))) in kept
        ]
    for processor in record["processors"]:
        processor[USES_KEY] = [
            u for u in processor[USES_KEY] if (u["file"], _fold(u["activity_id"])) in kept
        ]
    used = [p for p in record["processors"] if p[USES_KEY]]
    _reindex_processors(group, used)
    after = {_where(row) for rows in record.values() for row in rows}
    dropped = before - after
    group.findings = [f for f in group.findings if _finding_where(f) not in dropped]
    names = {_fold(r.get("activity_id")) for r in record["activities"]}
    names |= {_fold(p.get("processor_id") or p.get("name")) for p in used}
    names.add(wanted)
    group.conflicts = [c for c in group.conflicts if _fold(c.key) in names]


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


# --- the public entry point ----------------------------------------------------------------


def build_group_record(
    paths: Sequence[str | Path],
    *,
    lang: str = "en",
    entity: str | None = None,
    with_findings: bool = False,
) -> GroupRecord:
    """Read, check (when asked) and consolidate the workbooks into one group record.

    Raises ``ropa.read.workbook.WorkbookError`` for an unreadable input and
    ``ropa.write.safety.ExportError`` for an unknown ``entity``.
    """
    from ropa.api.check import check_workbook
    from ropa.read.workbook import read_workbook

    per_file: list[Record] = []
    findings: list[Finding] = []
    sources: list[SourceFile] = []
    for path in paths:
        if with_findings:
            workbook, found = check_workbook(path, display=str(path))
            findings.extend(found)
        else:
            workbook = read_workbook(path, str(path))
        per_file.append(record_from_workbook(workbook))
        sources.append(source_file(path))
    record, conflicts, index = _consolidate(per_file)
    group = GroupRecord(
        sources=sources,
        record=record,
        conflicts=conflicts,
        findings=findings,
        generated=dt.datetime.now().astimezone(),
        version=__version__,
        lang=lang,
        entity=entity,
        with_findings=with_findings,
        processor_index=index,
    )
    _link_uses(group)
    if entity is not None:
        _filter_entity(group, entity)
    return group


# --- values ready to render ----------------------------------------------------------------


def vocab_label(name: str | None, code: Any, lang: str) -> str:
    """A vocabulary code as its label in ``lang``; text that is not a code stays as written."""
    if code is None:
        return ""
    if name and isinstance(code, str):
        try:
            return vocabulary(name).label(code, lang)
        except KeyError:
            return code
    return _written(code)


def yes_no(value: Any, lang: str) -> str:
    """A canonical yes/no as "Yes"/"Ja"/...; text that did not parse stays as written."""
    if isinstance(value, bool):
        return vocabulary("yes_no").label("yes" if value else "no", lang)
    return _written(value)


def country_label(code: Any, lang: str) -> str:
    """``US`` -> ``United States (US)`` in ``lang``; unknown text stays as written."""
    text = _written(code)
    try:
        return f"{country_name(text, lang)} ({text})"
    except KeyError:
        return text


def _by_activity(rows: Iterable[dict[str, Any]]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in rows:
        key = (row[SOURCE_KEY]["file"], _fold(row.get("activity_id")))
        grouped.setdefault(key, []).append(row)
    return grouped


def _entities(group: GroupRecord) -> dict[str, dict[str, Any]]:
    entities: dict[str, dict[str, Any]] = {}
    for row in group.record["organisation"]:
        entities.setdefault(_fold(row.get("entity_id")), row)
    return entities


def _purpose_text(row: dict[str, Any], lang: str) -> str:
    parts = [str(row.get("purpose", ""))]
    if row.get("lawful_basis"):
        parts.append(vocab_label("lawful_basis", row["lawful_basis"], lang))
    if row.get("art9_condition"):
        parts.append(vocab_label("art9_condition", row["art9_condition"], lang))
    return " — ".join(p for p in parts if p)


def _retention_text(row: dict[str, Any]) -> str:
    text = str(row.get("period", ""))
    if row.get("trigger"):
        text += f" ({row['trigger']})"
    category = str(row.get("data_category", ""))
    return f"{category}: {text}" if category else text


def _transfer_text(row: dict[str, Any], lang: str) -> str:
    parts = [country_label(row.get("country"), lang) if row.get("country") else ""]
    if row.get("mechanism"):
        parts.append(vocab_label("transfer_mechanism", row["mechanism"], lang))
    return " — ".join(p for p in parts if p)


def _dpo_text(entity: dict[str, Any]) -> str:
    return ", ".join(str(entity[k]) for k in ("dpo_name", "dpo_contact") if entity.get(k))


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def activity_rows(group: GroupRecord) -> list[dict[str, Any]]:
    """One dict per activity for the Art. 30(1) table, keys in Art. 30(1)(a)-(g) order.

    Values are strings or lists of strings in ``group.lang`` (the DPO's own text as written).
    Retention entries read ``category: period (trigger)`` because one activity usually keeps
    different data for different times.
    """
    lang = group.lang
    entities = _entities(group)
    purposes = _by_activity(group.record["purposes"])
    transfers = _by_activity(group.record["transfers"])
    retention = _by_activity(group.record["retention"])
    criminal = record_schema().sheet("activities").field("criminal_data").title(lang)
    rows: list[dict[str, Any]] = []
    for activity in group.record["activities"]:
        file = activity[SOURCE_KEY]["file"]
        key = (file, _fold(activity.get("activity_id")))
        owners = [entities.get(_fold(e)) for e in activity.get("entity_ids", [])]
        names = [
            str(o.get("legal_name") or o.get("entity_id")) if o else str(e)
            for o, e in zip(owners, activity.get("entity_ids", []), strict=True)
        ]
        specials = [
            vocab_label("special_category", c, lang) for c in activity.get("special_categories", [])
        ]
        if activity.get("criminal_data") is True:
            specials.append(criminal)
        recipients = []
        for reference in activity.get("recipients", []):
            processor = group.processor_for(file, reference)
            recipients.append(str(processor.get("name") or reference) if processor else reference)
        rows.append(
            {
                "activity_id": _written(activity.get("activity_id")),
                "name": _written(activity.get("name")),
                "controllers": _unique([*names, *activity.get("joint_controllers", [])]),
                "dpo": _unique(_dpo_text(o) for o in owners if o),
                "purposes": [_purpose_text(p, lang) for p in purposes.get(key, [])],
                "data_subjects": list(activity.get("data_subjects", [])),
                "data_categories": list(activity.get("data_categories", [])),
                "special_categories": specials,
                "recipients": _unique(recipients),
                "transfers": [_transfer_text(t, lang) for t in transfers.get(key, [])],
                "retention": [_retention_text(r) for r in retention.get(key, [])],
                "security_measures": _written(activity.get("security_measures")),
                "owner": _written(activity.get("owner")),
                "dpia": " — ".join(
                    p
                    for p in (
                        vocab_label("dpia_status", activity.get("dpia_status"), lang),
                        _written(activity.get("dpia_reference")),
                    )
                    if p
                ),
                "last_reviewed": _written(activity.get("last_reviewed")),
            }
        )
    return rows


def retention_bucket(text: Any) -> tuple[str, int | None]:
    """The bucket of a retention cell (see :data:`RETENTION_BUCKETS`) and its days."""
    period = parse_period(text)
    days = period.days
    if period.kind is PeriodKind.EVENT:
        return "event-based", None
    if days is None:
        return "unclear", None
    for label, bound in RETENTION_BUCKETS:
        if bound is None or days <= bound:
            return label, days
    return RETENTION_BUCKETS[-1][0], days  # pragma: no cover - the last bound is None


def summary(group: GroupRecord) -> dict[str, Any]:
    """Counts for charts and cover pages (see the module docstring of the exports)."""
    record = group.record
    buckets = dict.fromkeys(
        [label for label, _ in RETENTION_BUCKETS] + ["event-based", "unclear"], 0
    )
    retention_days: list[tuple[str, int | None]] = []
    for row in record["retention"]:
        bucket, days = retention_bucket(row.get("period"))
        buckets[bucket] += 1
        retention_days.append((_written(row.get("activity_id")), days))
    severities = Counter(f.severity for f in group.findings)
    return {
        "entities": len({_fold(r.get("entity_id")) for r in record["organisation"]}),
        "activities": len(record["activities"]),
        "processors": len(record["processors"]),
        "transfers": len(record["transfers"]),
        "lawful_bases": dict(
            Counter(
                _written(r.get("lawful_basis")) for r in record["purposes"] if r.get("lawful_basis")
            )
        ),
        "special_categories": dict(
            Counter(c for r in record["activities"] for c in r.get("special_categories", []))
        ),
        "transfer_countries": dict(
            Counter(_written(r.get("country")) for r in record["transfers"] if r.get("country"))
        ),
        "retention_days": retention_days,
        "retention_buckets": buckets,
        "findings_by_severity": {
            s.value: severities.get(s, 0) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        },
        "conflicts": len(group.conflicts),
    }
