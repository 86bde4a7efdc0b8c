"""``ropa export --format json``: the whole consolidated record, valid against the schema.

Top-level keys are the sheet keys with canonical rows (vocabulary codes, ISO dates and
countries); report metadata sits under ``_meta``, which the schema allows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ropa.read.group import GroupRecord
from ropa.write.json_text import dumps
from ropa.write.safety import atomic_write_text
from ropa.write.summary import summary

META_KEY = "_meta"


def document(group: GroupRecord) -> dict[str, Any]:
    """The JSON document of the group record."""
    meta: dict[str, Any] = {
        "generator": "ropa",
        "ropa_version": group.version,
        "generated": group.generated.isoformat(timespec="seconds"),
        "time_zone": group.generated.tzname() or "",
        "document_control": group.control.to_dict(),
        "lang": group.lang,
        "entity": group.entity,
        "sources": [
            {"path": s.path, "name": s.name, "sha256": s.sha256, "modified": s.modified}
            for s in group.sources
        ],
        "conflicts": [c.to_dict(group.lang) for c in group.conflicts],
        "summary": summary(group),
    }
    if group.with_findings:
        meta["findings"] = [f.to_dict() for f in group.findings]
    return {**group.record, META_KEY: meta}


def write(group: GroupRecord, output: Path) -> list[Path]:
    # json.dumps(document, ensure_ascii=False, indent=2, default=str), the same text faster
    text = dumps(document(group)) + "\n"
    return [atomic_write_text(output, text)]
