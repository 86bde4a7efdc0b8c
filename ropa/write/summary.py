"""The counts of a group record, for the cover pages, the summary cards and the charts."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ropa.model.findings import Severity
from ropa.model.periods import PeriodKind, parse_period
from ropa.model.text import value_key
from ropa.read.group import GroupRecord, written

#: Retention buckets of :func:`summary`, as (label, upper bound in years or None); a bucket
#: holds the periods shorter than its bound ("12 months" is in "1-3 years", as a year is).
RETENTION_BUCKETS: tuple[tuple[str, int | None], ...] = (
    ("< 1 year", 1),
    ("1-3 years", 3),
    ("3-7 years", 7),
    ("> 7 years", None),
)
#: Buckets for periods that have no length in days.
EVENT_BASED, UNCLEAR = "event-based", "unclear"
#: Every bucket, in the order the charts show them.
BUCKETS: tuple[str, ...] = (*(label for label, _ in RETENTION_BUCKETS), EVENT_BASED, UNCLEAR)


def retention_bucket(text: Any) -> tuple[str, int | None]:
    """The bucket of a retention cell (see :data:`RETENTION_BUCKETS`) and its days."""
    period = parse_period(text)
    days, years = period.days, period.years
    if period.kind is PeriodKind.EVENT:
        return EVENT_BASED, None
    if days is None or years is None:
        return UNCLEAR, None
    for label, bound in RETENTION_BUCKETS:
        # "< 1 year" means shorter than a year; the others include their bound ("3 years" is
        # in "1-3 years").
        if bound is None or years < bound or (years == bound and bound > 1):
            return label, days
    return RETENTION_BUCKETS[-1][0], days  # pragma: no cover - the last bound is None


def summary(group: GroupRecord) -> dict[str, Any]:
    """Counts of entities, activities, processors and transfers; lawful bases, special
    categories and transfer countries by code; retention periods by bucket; findings by
    severity; and the number of conflicts."""
    record = group.record
    buckets = dict.fromkeys(BUCKETS, 0)
    retention_days: list[tuple[str, int | None]] = []
    for row in record["retention"]:
        bucket, days = retention_bucket(row.get("period"))
        buckets[bucket] += 1
        retention_days.append((written(row.get("activity_id")), days))
    severities = Counter(f.severity for f in group.findings)
    return {
        "entities": len({value_key(r.get("entity_id")) for r in record["organisation"]}),
        "activities": len(record["activities"]),
        "processors": len(record["processors"]),
        "transfers": len(record["transfers"]),
        "lawful_bases": dict(
            Counter(
                written(r.get("lawful_basis")) for r in record["purposes"] if r.get("lawful_basis")
            )
        ),
        "special_categories": dict(
            Counter(c for r in record["activities"] for c in r.get("special_categories", []))
        ),
        "transfer_countries": dict(
            Counter(written(r.get("country")) for r in record["transfers"] if r.get("country"))
        ),
        "retention_days": retention_days,
        "retention_buckets": buckets,
        "findings_by_severity": {
            s.value: severities.get(s, 0) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        },
        "conflicts": len(group.conflicts),
    }
